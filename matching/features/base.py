"""What every comparison shares: the block parts it hands to the ranking code, its exact per-pair values, the
:class:`Comparison` base class and :class:`ProfileComparison` for comparisons of a few attributes per side.

Each comparison gives a value in [0, 1] per pair (higher = better fit) and, for hard requirements, whether the
pair fails it. Two ways to compare:

* ``pairs(C, V, ci, vi)``: exact (float64) values for explicit pairs, plus what the explanation needs;
* ``block(C, V, rows)``: values for *every* candidate against a chunk of vacancies, in a compact form the ranking
  code adds into one score matrix: candidate vectors per distinct vacancy profile (``VacancyProfiles``), a
  sparse x dense product (``LinearDense``), a sparse matrix (``SparseBlock``) or a per-candidate vector
  (``CandidateVector``). No per-pair Python loops.

Missing data follows the records contract: a missing vacancy field is "no requirement" (value 1); a missing
candidate field is "unknown" (value 0.5 for soft comparisons). A missing licence, certificate or language level
counts as not having it: hard requirements must be shown to be met.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp

__all__ = [
    "PENALTY",
    "UNKNOWN_VALUE",
    "CandidateVector",
    "Comparison",
    "Encoded",
    "LinearDense",
    "N_",
    "PairValues",
    "ProfileComparison",
    "SparseBlock",
    "VacancyProfiles",
    "concat_pairs",
    "factorise",
    "optional_float",
    "subset_pairs",
]

#: Value of a soft comparison when the candidate's side is unknown.
UNKNOWN_VALUE = 0.5
PENALTY = 2.0  # subtracted from the rank key per failed hard requirement (scores live in [0, 1])


def N_(text: str) -> str:  # noqa: N802 - the gettext marker name translation tools look for
    """Mark a Dutch label for translation by the web app (which looks it up in its catalog); returns it as is."""
    return text


def optional_float(x) -> float:
    """``x`` as a float, NaN when missing."""
    return np.nan if x is None else float(x)


# --- block parts: what a comparison hands to the ranking code -----------------------------------------------


@dataclass(frozen=True)
class SparseBlock:
    """A sparse (vacancies x candidates) value matrix plus a per-vacancy constant added to every candidate."""

    matrix: sp.csr_matrix
    row_constant: np.ndarray | None = None


@dataclass(frozen=True)
class VacancyProfiles:
    """Values that depend on a few vacancy attributes: ``vector(p)`` gives (values (n,), fails (n,) or None) of
    every candidate against vacancy profile ``p``; ``index[i]`` is the profile of block row i. The ranking code
    computes each profile's vector once and adds it to every row with that profile (no per-pair gather)."""

    index: np.ndarray
    vector: Any
    key: str
    vectors: Any = None  # optional: (values (u x n), fails (u x n) or None) for an array of profiles at once


@dataclass(frozen=True)
class LinearDense:
    """``left @ right``: a sparse (rows x d) by dense (d x candidates) product whose last right row is all ones,
    so the last left column is a per-vacancy constant (parts sharing ``right`` are summed before multiplying)."""

    left: sp.csr_matrix
    right: np.ndarray


@dataclass(frozen=True)
class CandidateVector:
    """Values that depend on the candidate only."""

    values: np.ndarray


@dataclass
class PairValues:
    """One comparison's exact values for explicit pairs, with what its explanations need."""

    values: np.ndarray
    fails: np.ndarray | None = None
    aux: dict[str, Any] = field(default_factory=dict)


@dataclass
class Encoded:
    """One side (candidates or vacancies) encoded by every comparison."""

    ids: tuple[str, ...]
    parts: dict[str, Any]

    def __len__(self) -> int:
        return len(self.ids)


def subset_pairs(pv: PairValues, idx: np.ndarray) -> PairValues:
    """The pairs ``idx`` of a PairValues (arrays and sparse matrices indexed along their first axis)."""
    aux = {}
    for k, a in pv.aux.items():
        aux[k] = a[idx] if hasattr(a, "shape") and a.shape and a.shape[0] == len(pv.values) else a
    return PairValues(pv.values[idx], None if pv.fails is None else pv.fails[idx], aux)


def concat_pairs(parts: Sequence[PairValues]) -> PairValues:
    """One PairValues from several (pairs one after the other)."""
    first = parts[0]
    aux = {}
    for k, a in first.aux.items():
        if hasattr(a, "shape") and a.shape and a.shape[0] == len(first.values):
            aux[k] = np.concatenate([p.aux[k] for p in parts])
        else:
            aux[k] = a
    fails = None if first.fails is None else np.concatenate([p.fails for p in parts])
    return PairValues(np.concatenate([p.values for p in parts]), fails, aux)


def factorise(columns: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(first index, inverse) of the distinct rows of integer/float/bool columns of equal length."""
    if not len(columns):
        raise ValueError("factorise needs at least one column")
    key = np.zeros(len(columns[0]), dtype=np.int64)
    size = 1
    for col in columns:
        col = np.asarray(col)
        if col.dtype.kind == "b":
            codes, n = col.astype(np.int64), 2
        elif col.dtype.kind in "iu" and len(col) and int(col.max()) - int(col.min()) < 2**20:
            lo = int(col.min())
            codes, n = col.astype(np.int64) - lo, int(col.max()) - lo + 1
        else:
            uniq, codes = np.unique(col, return_inverse=True)
            codes, n = codes.reshape(-1).astype(np.int64), max(1, len(uniq))
        if size * n >= 2**62:
            uniq, key = np.unique(key, return_inverse=True)
            key, size = key.reshape(-1).astype(np.int64), max(1, len(uniq))
        key = key * n + codes
        size *= n
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse.reshape(-1)


def group_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the first row of each distinct profile, and each row's profile number."""
    if matrix.shape[0] == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    if matrix.shape[1] == 0:
        return np.zeros(1, dtype=np.intp), np.zeros(matrix.shape[0], dtype=np.intp)
    first, inverse = factorise(list(matrix.T))
    return first.astype(np.intp), inverse.astype(np.intp)


# --- the comparison base classes -----------------------------------------------------------------------------


class Comparison:
    """Base class: a named comparison between a candidate and a vacancy.

    A subclass names itself (``name``, the feature name in weights and explanations), gives the label staff read
    (``label``, Dutch, marked with :func:`N_`), its share of the default score (``default_weight``), whether it is
    a hard requirement (``hard``; then ``failed`` is the outcome word of its code when a pair fails it) and which
    outcome words of its explanation codes (``<name>.<outcome>``) mean "does not (fully) fit" (``missing``).
    It is registered with one line in :mod:`matching.features.registry`.
    """

    name: ClassVar[str] = "comparison"
    label: ClassVar[str] = ""
    default_weight: ClassVar[float] = 0.0
    hard: ClassVar[bool] = False
    failed: ClassVar[str | None] = None
    missing: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def configured(cls, settings) -> Comparison:
        """A new, unfitted instance for these :class:`~matching.features.PairFeatures` settings."""
        return cls()

    def fit(self, candidates, vacancies, context: dict) -> Comparison:
        """Learn vocabularies from both sides; returns self."""
        return self

    def encode_candidates(self, candidates, context: dict) -> Any:
        raise NotImplementedError

    def encode_vacancies(self, vacancies, context: dict) -> Any:
        raise NotImplementedError

    def pairs(self, c, v, ci: np.ndarray, vi: np.ndarray) -> PairValues:
        raise NotImplementedError

    def block(self, c, v, rows: np.ndarray):
        raise NotImplementedError

    def describe(self, pv: PairValues, c, v, ci, vi) -> list[tuple[str, str, dict]]:
        """(Dutch detail, code, params) per pair."""
        raise NotImplementedError

    def signature(self, pv: PairValues, c, v, ci, vi) -> list[np.ndarray] | None:
        """Integer columns that fully determine a pair's description (pairs that share them share one
        description), or None to describe every pair."""
        return None

    def reasons(self, pv: PairValues, k: int, v, vi) -> tuple[str, ...]:
        """Dutch reasons why pair k fails this hard requirement."""
        return ()

    def naive(self, c, v, ci: int, vi: int) -> float:
        """The value of one pair (candidate row ``ci``, vacancy row ``vi``) in plain Python: the reference the
        vectorised code is tested against, and the per-pair loop the benchmark compares with."""
        raise NotImplementedError

    def covers(self, records, context: dict) -> bool:
        """Whether encoding these records (of either side) with what fit() learned loses nothing that matters:
        False when they use a vocabulary entry (language, credential, talent) the fit never saw."""
        return True


class ProfileComparison(Comparison):
    """A comparison of a few candidate attributes with a few vacancy attributes.

    Both sides are grouped into distinct attribute profiles: the vector of every candidate against one vacancy
    profile costs (candidate profiles) computations plus one gather, and is reused by every vacancy with that
    profile. Subclasses implement ``_compute(vattrs, cattrs)`` over broadcastable arrays.
    """

    def _cand_attrs(self, candidates, context) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def _vac_attrs(self, vacancies, context) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def _compute(self, va: dict, ca: dict) -> tuple[np.ndarray, np.ndarray | None, dict]:
        raise NotImplementedError

    def encode_candidates(self, candidates, context):
        attrs = self._cand_attrs(candidates, context)
        keys = list(attrs)
        if not candidates:
            return {"attrs": attrs, "profiles": attrs, "groups": np.zeros(0, dtype=np.intp)}
        cols = [attrs[k].reshape(len(candidates), -1).astype(np.float64) for k in keys]
        stacked = np.concatenate(cols, axis=1)
        # NaN never equals NaN; code unknowns as a sentinel before grouping.
        stacked = np.where(np.isnan(stacked), -1e9, stacked)
        first, groups = group_rows(stacked)
        profiles = {k: attrs[k][first] for k in keys}
        return {"attrs": attrs, "profiles": profiles, "groups": groups}

    def encode_vacancies(self, vacancies, context):
        return self._with_profiles({"attrs": self._vac_attrs(vacancies, context)}, len(vacancies))

    @staticmethod
    def _with_profiles(enc: dict, m: int) -> dict:
        """Group vacancies into distinct attribute profiles (for block computation)."""
        attrs = enc["attrs"]
        if m == 0:
            enc["vgroups"], enc["vprofiles"] = np.zeros(0, dtype=np.intp), attrs
            return enc
        cols = [np.asarray(attrs[k]).reshape(m, -1).astype(np.float64) for k in attrs]
        stacked = np.concatenate(cols, axis=1)
        stacked = np.where(np.isnan(stacked), -1e9, stacked)
        first, groups = group_rows(stacked)
        enc["vgroups"] = groups
        enc["vprofiles"] = {k: a[first] for k, a in attrs.items()}
        return enc

    def vector(self, c, v, p: int) -> tuple[np.ndarray, np.ndarray | None]:
        """Values (and fails) of every candidate against vacancy profile p."""
        va = {k: a[p] for k, a in v["vprofiles"].items()}
        values, fails, _ = self._compute(va, c["profiles"])
        n_profiles = len(next(iter(c["profiles"].values()))) if c["profiles"] else 0
        values = np.broadcast_to(values, (n_profiles,))[c["groups"]]
        if fails is not None:
            fails = np.broadcast_to(fails, (n_profiles,))[c["groups"]]
        return values, fails

    def vectors(self, c, v, ps: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Values (and fails) of every candidate against several vacancy profiles: (len(ps), n)."""
        va = {k: a[ps][:, None] for k, a in v["vprofiles"].items()}
        ca = {k: a[None, :] for k, a in c["profiles"].items()}
        values, fails, _ = self._compute(va, ca)
        n_profiles = len(next(iter(c["profiles"].values()))) if c["profiles"] else 0
        shape = (len(ps), n_profiles)
        values = np.broadcast_to(values, shape)[:, c["groups"]]
        if fails is not None:
            fails = np.broadcast_to(fails, shape)[:, c["groups"]]
        return values, fails

    def block(self, c, v, rows):
        return VacancyProfiles(v["vgroups"][rows], lambda p: self.vector(c, v, p), self.name,
                               lambda ps: self.vectors(c, v, ps))

    def pairs(self, c, v, ci, vi):
        va = {k: a[vi] for k, a in v["attrs"].items()}
        ca = {k: a[ci] for k, a in c["attrs"].items()}
        values, fails, aux = self._compute(va, ca)
        return PairValues(values, fails, aux)

