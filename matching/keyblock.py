"""Rank keys: every candidate against a chunk of vacancies as one float32 matrix,
``key = score - PENALTY * (failed hard requirements)``, built from the block parts the comparisons hand over.

Constants per vacancy row are gathered first and ride along in the one sparse x dense product (or fill the
block); per-candidate vectors are folded into the first per-profile vectors (cached per ranking call), so every
pair is touched as few times as possible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .features import PENALTY, CandidateVector, LinearDense, SparseBlock, VacancyProfiles

try:  # what scipy's ``csr + dense`` and ``csr @ dense`` run after allocating: dense += csr (or csr @ dense), in C
    from scipy.sparse._sparsetools import csr_matvecs as _add_product_into
    from scipy.sparse._sparsetools import csr_todense as _add_sparse_into
except ImportError:  # pragma: no cover
    _add_sparse_into = _add_product_into = None

__all__ = ["RankKeys"]

CACHE_BYTES = 256 * 2**20  # per-profile candidate vectors kept during one ranking call, per process
FEW_CANDIDATES = 64  # up to this many candidates per block, vacancy profiles are computed as one table
JOINT_PROFILES = 16  # per-profile parts with at most this many profiles in a block are added as one joint vector


@dataclass
class _Parts:
    """One chunk's block parts, sorted by how they are added in."""

    row_constant: np.ndarray
    products: dict = field(default_factory=dict)  # id(right) -> [right, summed weighted left]
    profiles: list = field(default_factory=list)  # (VacancyProfiles, weight)
    sparse: list = field(default_factory=list)  # (SparseBlock, weight)
    extra: np.ndarray | None = None  # summed weighted per-candidate vectors


class RankKeys:
    """Builds rank-key blocks for fitted :class:`~matching.features.PairFeatures` and weights by feature name."""

    def __init__(self, features, weight_map: dict[str, float]):
        self.features = features
        self.weight_map = weight_map

    def block(self, C, V, rows: np.ndarray, cache: dict | None = None, out: np.ndarray | None = None) -> np.ndarray:
        """float32 rank keys, shape (len(rows), len(C)); ``cache`` keeps per-profile vectors between calls. With
        ``out`` (a 1-d float32 array of at least that many entries) the block is written into it and returned as a
        view: a caller that ranks chunk after chunk reuses one buffer instead of asking the system for fresh memory
        each time (on a virtual machine, first touching fresh memory can cost more than the arithmetic)."""
        cache = {} if cache is None else cache
        n, m = len(C), len(rows)
        parts = self._sorted_parts(C, V, rows)
        row_ops, tables = self._profile_rows(parts, n, m, cache)
        key = self._products(parts, m, n, out)
        for table in tables:
            key += table
        row_ops.sort(key=lambda op: op[0])  # all additions to one row together, while it is in cache
        for i, vec in row_ops:
            key[i] += vec
        for part, w in parts.sparse:
            sparse = sp.csr_array(part.matrix, dtype=np.float32)
            data = sparse.data * np.float32(w) if w != 1 else sparse.data
            if _add_sparse_into is None or not key.flags.c_contiguous:  # scipy without the routine
                key = sp.csr_array((data, sparse.indices, sparse.indptr), shape=sparse.shape) + key
            else:  # in place: saves a copy of the whole block
                _add_sparse_into(m, n, sparse.indptr, sparse.indices, data, key)
        return key

    def _sorted_parts(self, C, V, rows) -> _Parts:
        parts = _Parts(np.zeros(len(rows), dtype=np.float64))
        vectors = []
        for name, part in self.features.blocks(C, V, rows):
            w = self.weight_map[name]
            if isinstance(part, LinearDense):
                if w != 0:
                    entry = parts.products.setdefault(id(part.right), [part.right, None])
                    scaled = part.left * np.float32(w)
                    entry[1] = scaled if entry[1] is None else entry[1] + scaled
            elif isinstance(part, VacancyProfiles):
                parts.profiles.append((part, w))
            elif w == 0:
                continue
            elif isinstance(part, CandidateVector):
                vectors.append(np.float32(w) * part.values.astype(np.float32))
            elif isinstance(part, SparseBlock):
                parts.sparse.append((part, w))
                if part.row_constant is not None:
                    parts.row_constant += w * part.row_constant
            else:  # pragma: no cover - a new block type must be handled here
                raise TypeError(f"unknown block part {type(part).__name__}")
        parts.extra = sum(vectors) if vectors else None
        return parts

    def _profile_rows(self, parts: _Parts, n: int, m: int, cache: dict):
        """Per-profile vectors: constants go to the row constants, the rest become row additions (or, with few
        candidates, whole tables)."""
        row_ops: list[tuple[int, np.ndarray]] = []
        tables = []
        joint = []
        for number, (part, w) in enumerate(parts.profiles):
            carrier = parts.extra if number == 0 else None
            if n <= FEW_CANDIDATES:
                tables.append(_profile_table(part, w, n, carrier))
                continue
            if number > 0 and len(np.unique(part.index)) <= JOINT_PROFILES:
                joint.append((part, w))
                continue
            for i, p in enumerate(part.index.tolist()):
                vec = _profile_vector(cache, part, p, w, carrier)
                if isinstance(vec, float):
                    parts.row_constant[i] += vec
                else:
                    row_ops.append((i, vec))
        if joint:
            for i, vec in enumerate(_joint_vectors(cache, joint, m)):
                if isinstance(vec, float):
                    parts.row_constant[i] += vec
                else:
                    row_ops.append((i, vec))
        if not parts.profiles and parts.extra is not None:
            row_ops.extend((i, parts.extra) for i in range(m))
        return row_ops, tables

    @staticmethod
    def _products(parts: _Parts, m: int, n: int, out: np.ndarray | None = None) -> np.ndarray:
        """The sparse x dense products (the row constants ride in the first), or a block of row constants."""
        key = np.empty((m, n), dtype=np.float32) if out is None else out[:m * n].reshape(m, n)
        if not parts.products:
            key[:] = parts.row_constant.astype(np.float32)[:, None]
            return key
        key[:] = 0
        for number, (right, left) in enumerate(parts.products.values()):
            if number == 0:
                left = left.tolil()
                left[:, -1] = (left[:, -1].toarray().reshape(-1) + parts.row_constant).reshape(-1, 1)
            left = sp.csr_matrix(left, dtype=np.float32)
            right = np.ascontiguousarray(right, dtype=np.float32)
            if _add_product_into is None:  # pragma: no cover - scipy without the routine
                key += np.asarray(left @ right, dtype=np.float32)
            else:  # key += left @ right, in place: no product block is allocated
                _add_product_into(m, left.shape[1], n, left.indptr, left.indices, left.data, right.reshape(-1),
                                  key.reshape(-1))
        return key


def _profile_vector(cache: dict, part: VacancyProfiles, p: int, w: float, carrier=None):
    """Weighted float32 vector (or a float when constant) of one vacancy profile, computed once per call;
    ``carrier`` (a per-candidate vector) is added in."""
    key = (part.key, p, carrier is not None)
    got = cache.get(key)
    if got is None:
        values, fails = part.vector(p)
        vec = (np.float32(w) * values).astype(np.float32)
        if fails is not None:
            vec -= np.float32(PENALTY) * fails
        if carrier is not None:
            vec += carrier
        if len(vec) == 0 or (vec == vec[0]).all():
            got = float(vec[0]) if len(vec) else 0.0
        else:
            got = vec
            cache["_bytes"] = cache.get("_bytes", 0) + vec.nbytes
            if cache["_bytes"] > CACHE_BYTES:
                cache.clear()
                cache["_bytes"] = vec.nbytes
        cache[key] = got
    return got


def _joint_vectors(cache: dict, joint: list, m: int) -> list:
    """Per block row, the sum of several per-profile parts with few profiles each (hours, language, credentials):
    one vector per combination of their profiles, computed once per call, so each row gets one addition instead
    of one per part."""
    names = tuple(part.key for part, _ in joint)
    combos = list(zip(*(part.index.tolist() for part, _ in joint), strict=True)) if joint else [()] * m
    out = []
    for combo in combos:
        key = ("joint", names, combo)
        got = cache.get(key)
        if got is None:
            got = 0.0
            for (part, w), p in zip(joint, combo, strict=True):
                got = got + _profile_vector(cache, part, p, w)
            if not isinstance(got, float):
                cache["_bytes"] = cache.get("_bytes", 0) + got.nbytes
            cache[key] = got
        out.append(got)
    return out


def _profile_table(part: VacancyProfiles, w: float, n: int, carrier) -> np.ndarray:
    """All rows of a per-profile part at once (few candidates): weighted values minus penalties."""
    uniq, inverse = np.unique(part.index, return_inverse=True)
    if part.vectors is not None:
        values, fails = part.vectors(uniq)
    else:
        got = [part.vector(int(p)) for p in uniq]
        values = np.array([g[0] for g in got]).reshape(len(uniq), n)
        fails = None if got and got[0][1] is None else \
            np.array([g[1] for g in got], dtype=bool).reshape(len(uniq), n)
    table = (np.float32(w) * values).astype(np.float32)
    if fails is not None:
        table -= np.float32(PENALTY) * fails
    if carrier is not None:
        table += carrier[None, :]
    return table[inverse.reshape(-1)]
