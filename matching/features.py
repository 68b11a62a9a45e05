"""Pair features: one named comparison per aspect of a (candidate, vacancy) pair, vectorised over all pairs.

The staging follows the ``recordlinkage`` package: records are *encoded* once per side (occupations resolved,
texts analysed, postcodes turned into coordinates...), then every comparison works on whole arrays of pairs.
:class:`PairFeatures` composes the comparisons like scikit-learn's ``ColumnTransformer``.

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

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from .records import CEFR_LEVELS, DAYPARTS, WEEKDAYS

__all__ = [
    "DEFAULT_MAX_TRAVEL_MINUTES",
    "DEFAULT_TRAVEL_MODE",
    "DETOUR_FACTOR",
    "FEATURE_NAMES",
    "LANGUAGE_NAMES",
    "RESIDENT_PC4",
    "TRAVEL_OVERHEAD_MINUTES",
    "TRAVEL_SPEED_KMH",
    "CandidateVector",
    "Comparison",
    "LinearDense",
    "VacancyProfiles",
    "Credentials",
    "Encoded",
    "Hours",
    "Language",
    "OccupationFit",
    "PairFeatures",
    "PairValues",
    "Resident",
    "Schedule",
    "SparseBlock",
    "TalentCoverage",
    "TextSimilarity",
    "Travel",
    "concat_pairs",
    "factorise",
    "schedule_bits",
    "subset_pairs",
    "travel_minutes",
]

#: PC4 codes of the demo district (Kanaleneiland, Utrecht); residents get the "woont in de wijk" feature.
RESIDENT_PC4: tuple[str, ...] = ("3526",)

#: Door-to-door speeds (km/h) over the road distance, per travel mode.
TRAVEL_SPEED_KMH: dict[str, float] = {"walk": 5.0, "bike": 15.0, "public_transport": 20.0, "car": 30.0}
#: Fixed minutes per trip: walking to the stop and waiting (public transport), parking (car), bike shed.
TRAVEL_OVERHEAD_MINUTES: dict[str, float] = {"walk": 0.0, "bike": 2.0, "public_transport": 10.0, "car": 5.0}
#: Road distance / straight-line distance between postcode centroids.
DETOUR_FACTOR = 1.3
#: A trip inside one PC4 area still has some length.
MIN_TRIP_KM = 0.7
#: Travel mode assumed when the jobseeker did not give one (most residents cycle or walk).
DEFAULT_TRAVEL_MODE = "bike"
#: Scale for the travel value when the jobseeker gave no maximum (no hard limit then).
DEFAULT_MAX_TRAVEL_MINUTES = 45.0
MAX_HOURS = 60.0

TRAVEL_MODES: tuple[str, ...] = ("walk", "bike", "public_transport", "car")
TRAVEL_PHRASES = {"walk": "lopen", "bike": "fietsen", "public_transport": "met ov", "car": "met de auto"}

#: Occupation fit grades: same occupation, related (ESCO broader/narrower/sibling), same ISCO unit group (4
#: digits), same ISCO minor group (3 digits).
OCCUPATION_GRADES = {"same": 1.0, "related": 0.75, "unit_group": 0.5, "minor_group": 0.25, "none": 0.0}

LANGUAGE_NAMES = {
    "nl": "Nederlands", "en": "Engels", "de": "Duits", "fr": "Frans", "es": "Spaans", "it": "Italiaans",
    "pt": "Portugees", "pl": "Pools", "ro": "Roemeens", "bg": "Bulgaars", "tr": "Turks", "ar": "Arabisch",
    "ber": "Berbers", "zgh": "Berbers", "so": "Somalisch", "ti": "Tigrinya", "fa": "Perzisch", "prs": "Dari",
    "uk": "Oekraïens", "ru": "Russisch", "zh": "Chinees", "hi": "Hindi", "ur": "Urdu", "pap": "Papiaments",
    "srn": "Sranantongo",
}

UNKNOWN_VALUE = 0.5
#: Talent coverage uses a dense (talents x candidates) matrix up to this many cells, else sparse products.
DENSE_TALENT_LIMIT = 64_000_000
#: Free-text occupations resolve to the best ESCO search hit only from this score up.
RESOLVE_MIN_SCORE = 0.5
PENALTY = 2.0  # subtracted from the rank key per failed hard requirement (scores live in [0, 1])


def _language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code.upper())


_DAY_SHIFT = {day: 4 * d for d, day in enumerate(WEEKDAYS)}
_PART_BIT = {part: 1 << p for p, part in enumerate(DAYPARTS)}


def schedule_bits(week) -> int:
    """28-bit weekday x daypart mask (bit = day * 4 + daypart); -1 when unknown (None)."""
    if week is None:
        return -1
    bits = 0
    for day, parts in week.items():
        shift = _DAY_SHIFT.get(day)
        if shift is not None:
            for part in parts:
                bits |= _PART_BIT.get(part, 0) << shift
    return bits


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


def _group_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of the first row of each distinct profile, and each row's profile number."""
    if matrix.shape[0] == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    if matrix.shape[1] == 0:
        return np.zeros(1, dtype=np.intp), np.zeros(matrix.shape[0], dtype=np.intp)
    first, inverse = factorise(list(matrix.T))
    return first.astype(np.intp), inverse.astype(np.intp)


# --- the comparisons ---------------------------------------------------------------------------------------------


class Comparison:
    """Base class: a named comparison between a candidate and a vacancy."""

    name = "comparison"
    hard = False

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

    def covers(self, records, context: dict) -> bool:
        """Whether encoding these records (of either side) with what fit() learned loses nothing that matters:
        False when they use a vocabulary entry (language, credential, talent) the fit never saw."""
        return True


class _ProfileComparison(Comparison):
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
        first, groups = _group_rows(stacked)
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
        first, groups = _group_rows(stacked)
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


def _interval(low, high):
    """Fill open ends of an hours range: "at least 20" -> 20..60, "at most 24" -> 0..24; NaN when unknown."""
    low = np.asarray(low, dtype=np.float64)
    high = np.asarray(high, dtype=np.float64)
    known = ~(np.isnan(low) & np.isnan(high))
    lo = np.where(np.isnan(low), 0.0, low)
    hi = np.where(np.isnan(high), MAX_HOURS, high)
    return np.where(known, lo, np.nan), np.where(known, hi, np.nan)


def _nan(x):
    return np.nan if x is None else float(x)


def _fmt_hours(lo: float, hi: float) -> str:
    if lo == hi:
        return f"{lo:g} uur"
    return f"{lo:g}-{hi:g} uur"


class Hours(_ProfileComparison):
    """Hours per week: share of the vacancy's range the jobseeker can do; disjoint ranges cannot fit (hard)."""

    name = "hours"
    hard = True

    def _cand_attrs(self, candidates, context):
        lo, hi = _interval([_nan(c.hours_min) for c in candidates], [_nan(c.hours_max) for c in candidates])
        return {"lo": lo, "hi": hi}

    def _vac_attrs(self, vacancies, context):
        lo, hi = _interval([_nan(v.hours_min) for v in vacancies], [_nan(v.hours_max) for v in vacancies])
        return {"lo": lo, "hi": hi}

    def _compute(self, va, ca):
        vlo, vhi, clo, chi = va["lo"], va["hi"], ca["lo"], ca["hi"]
        lo = np.maximum(vlo, clo)
        hi = np.minimum(vhi, chi)
        width = vhi - vlo
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(width > 0, (hi - lo) / np.where(width > 0, width, 1.0), 1.0)
        fits = lo <= hi
        value = np.where(fits, 0.5 + 0.5 * np.clip(ratio, 0.0, 1.0), 0.0)
        no_req = np.isnan(vlo)
        unknown = np.isnan(clo) & ~no_req
        value = np.where(no_req, 1.0, np.where(unknown, UNKNOWN_VALUE, value))
        fails = ~no_req & ~unknown & ~fits
        return value, fails, {"vlo": vlo, "vhi": vhi, "clo": clo, "chi": chi}

    def describe(self, pv, c, v, ci, vi):
        a = pv.aux
        out = []
        for k in range(len(pv.values)):
            vlo, vhi, clo, chi = float(a["vlo"][k]), float(a["vhi"][k]), float(a["clo"][k]), float(a["chi"][k])
            if math.isnan(vlo):
                out.append(("geen urenwens in vacature", "hours.no_requirement", {}))
            elif math.isnan(clo):
                out.append(("uren onbekend", "hours.unknown", {"vacancy": [vlo, vhi]}))
            else:
                params = {"candidate": [clo, chi], "vacancy": [vlo, vhi]}
                text = f"kan {_fmt_hours(clo, chi)}, vacature {_fmt_hours(vlo, vhi)}"
                if pv.fails[k]:
                    out.append(("uren passen niet: " + text, "hours.no_fit", params))
                else:
                    out.append((text, "hours.fit", params))
        return out

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        return [a["clo"], a["chi"], a["vlo"], a["vhi"], pv.fails]

    def reasons(self, pv, k, v=None, vi=None):
        a = pv.aux
        return (
            f"uren passen niet: kan {_fmt_hours(a['clo'][k], a['chi'][k])}, "
            f"vacature {_fmt_hours(a['vlo'][k], a['vhi'][k])}",
        )


def _popcount(x: np.ndarray) -> np.ndarray:
    return np.bitwise_count(x.astype(np.int64))


class Schedule(_ProfileComparison):
    """Weekday x daypart: share of the vacancy's dayparts the jobseeker is available for."""

    name = "schedule"

    def _cand_attrs(self, candidates, context):
        return {"bits": np.array([schedule_bits(c.availability) for c in candidates], dtype=np.int64)}

    def _vac_attrs(self, vacancies, context):
        return {"bits": np.array([schedule_bits(v.schedule) for v in vacancies], dtype=np.int64)}

    def _compute(self, va, ca):
        vb, cb = va["bits"], ca["bits"]
        asked = _popcount(np.maximum(vb, 0))
        can = _popcount(np.maximum(vb, 0) & np.maximum(cb, 0))
        value = np.where(asked > 0, can / np.maximum(asked, 1), 1.0)
        value = np.where(vb < 0, 1.0, np.where(cb < 0, UNKNOWN_VALUE, value))
        return value, None, {"vb": np.broadcast_to(vb, value.shape), "cb": np.broadcast_to(cb, value.shape),
                             "asked": np.broadcast_to(asked, value.shape), "can": np.broadcast_to(can, value.shape)}

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        return [a["vb"] < 0, a["cb"] < 0, a["asked"], a["can"]]

    def describe(self, pv, c, v, ci, vi):
        a = pv.aux
        out = []
        for k in range(len(pv.values)):
            vb, cb = int(a["vb"][k]), int(a["cb"][k])
            asked, can = int(a["asked"][k]), int(a["can"][k])
            if vb < 0 or asked == 0:
                out.append(("geen vaste dagdelen", "schedule.no_requirement", {}))
            elif cb < 0:
                out.append(("beschikbaarheid onbekend", "schedule.unknown", {"asked": asked}))
            elif can == asked:
                out.append((f"kan alle {asked} gevraagde dagdelen", "schedule.all", {"can": can, "asked": asked}))
            else:
                out.append((f"kan {can} van {asked} gevraagde dagdelen", "schedule.partial",
                            {"can": can, "asked": asked}))
        return out


def _haversine(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


_SPEEDS = np.array([TRAVEL_SPEED_KMH[m] for m in TRAVEL_MODES])
_OVERHEADS = np.array([TRAVEL_OVERHEAD_MINUTES[m] for m in TRAVEL_MODES])


def travel_minutes(straight_km, mode):
    """Door-to-door minutes (whole, at least 1) over straight-line distances between PC4 centroids, by travel mode
    (an index into TRAVEL_MODES, or an array of them): the one formula behind scores, explanations and counts."""
    km = np.maximum(straight_km, MIN_TRIP_KM) * DETOUR_FACTOR
    return np.maximum(np.round(km / _SPEEDS[mode] * 60.0 + _OVERHEADS[mode]), 1.0)


class Travel(_ProfileComparison):
    """Travel time between PC4 centroids by the jobseeker's travel mode, against their maximum (hard)."""

    name = "travel"
    hard = True

    def _coords(self, records, context):
        cache = context.setdefault("pc4_coords", {})
        centroids = context["centroids"]()
        out = np.full((len(records), 2), np.nan)
        for i, r in enumerate(records):
            pc4 = r.pc4
            if pc4 is None:
                continue
            if pc4 not in cache:
                cache[pc4] = centroids.centroid(pc4)
            point = cache[pc4]
            if point is not None:
                out[i] = point
        return out

    def _cand_attrs(self, candidates, context):
        xy = self._coords(candidates, context)
        mode = np.array([TRAVEL_MODES.index(c.travel_mode or DEFAULT_TRAVEL_MODE) for c in candidates],
                        dtype=np.int64)
        limit = np.array([_nan(c.max_travel_minutes) for c in candidates], dtype=np.float64)
        return {"lat": xy[:, 0], "lon": xy[:, 1], "mode": mode, "max": limit}

    def _vac_attrs(self, vacancies, context):
        xy = self._coords(vacancies, context)
        return {"lat": xy[:, 0], "lon": xy[:, 1]}

    def _compute(self, va, ca):
        mode = ca["mode"]
        minutes = travel_minutes(_haversine(va["lat"], va["lon"], ca["lat"], ca["lon"]), mode)
        limit = np.where(np.isnan(ca["max"]), DEFAULT_MAX_TRAVEL_MINUTES, ca["max"])
        value = np.clip(1.0 - minutes / np.maximum(limit, 1.0), 0.0, 1.0)
        unknown = np.isnan(minutes)
        value = np.where(unknown, UNKNOWN_VALUE, value)
        fails = ~unknown & ~np.isnan(ca["max"]) & (minutes > ca["max"])
        value = np.where(fails, 0.0, value)
        return value, fails, {"minutes": minutes, "mode": np.broadcast_to(mode, value.shape),
                              "max": np.broadcast_to(ca["max"], value.shape)}

    def describe(self, pv, c, v, ci, vi):
        a = pv.aux
        out = []
        for k in range(len(pv.values)):
            minutes = float(a["minutes"][k])
            mode = TRAVEL_MODES[int(a["mode"][k])]
            limit = float(a["max"][k])
            if math.isnan(minutes):
                out.append(("reistijd onbekend", "travel.unknown", {"mode": mode}))
                continue
            m = max(1, round(minutes))
            params = {"minutes": m, "mode": mode, "max": None if math.isnan(limit) else round(limit)}
            if pv.fails[k]:
                out.append((f"reistijd {m} min, max {limit:g}", "travel.too_far", params))
            else:
                out.append((f"{m} min {TRAVEL_PHRASES[mode]}", "travel.time", params))
        return out

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        return [a["minutes"], a["mode"], a["max"], pv.fails]

    def reasons(self, pv, k, v=None, vi=None):
        return (f"reistijd {max(1, round(float(pv.aux['minutes'][k])))} min, max {float(pv.aux['max'][k]):g}",)


class Language(_ProfileComparison):
    """Language levels against the vacancy's minimum per language (hard); missing level = not shown."""

    name = "language"
    hard = True

    def fit(self, candidates, vacancies, context):
        codes = {code for r in (*candidates, *vacancies) for code in r.languages}
        self.codes_ = tuple(sorted(codes)) or ("nl",)
        return self

    def covers(self, records, context):
        return all(code in self.codes_ for r in records for code in r.languages)

    def _levels(self, records):
        index = {code: j for j, code in enumerate(self.codes_)}
        out = np.full((len(records), len(self.codes_)), -1, dtype=np.int64)
        extra = np.zeros(len(records), dtype=np.int64)
        for i, r in enumerate(records):
            for code, level in r.languages.items():
                j = index.get(code)
                if j is None:
                    extra[i] += 1
                else:
                    out[i, j] = CEFR_LEVELS.index(level)
        return out, extra

    def _cand_attrs(self, candidates, context):
        levels, _ = self._levels(candidates)
        return {"levels": levels}

    def _vac_attrs(self, vacancies, context):
        levels, extra = self._levels(vacancies)
        # A language outside the vocabulary still counts as required, and unmet by everyone.
        return {"levels": levels, "extra": extra}

    def _compute(self, va, ca):
        vl, cl = va["levels"], ca["levels"]
        required = vl >= 0
        met = required & (cl >= vl)
        n_req = required.sum(-1) + va["extra"]
        n_met = met.sum(-1)
        value = np.where(n_req > 0, n_met / np.maximum(n_req, 1), 1.0)
        fails = n_met < n_req
        shape = value.shape
        return value, fails, {"vl": np.broadcast_to(vl, (*shape, vl.shape[-1])),
                              "cl": np.broadcast_to(cl, (*shape, cl.shape[-1])),
                              "extra": np.broadcast_to(va["extra"], shape)}

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        return [*a["vl"].T, *a["cl"].T, a["extra"]]

    def _items(self, pv, k):
        vl, cl = pv.aux["vl"][k], pv.aux["cl"][k]
        items = []
        for j, code in enumerate(self.codes_):
            if vl[j] >= 0:
                items.append((code, CEFR_LEVELS[vl[j]], CEFR_LEVELS[cl[j]] if cl[j] >= 0 else None))
        return items

    def _fail_phrase(self, code, need, have):
        if have is None:
            return f"{_language_name(code)} niveau onbekend, vraagt {need}"
        return f"{_language_name(code)} onder {need}"

    def describe(self, pv, c, v, ci, vi):
        out = []
        for k in range(len(pv.values)):
            items = self._items(pv, k)
            if not items and not pv.aux["extra"][k]:
                out.append(("geen taaleis", "language.no_requirement", {}))
                continue
            params = {"required": {code: need for code, need, _ in items},
                      "levels": {code: have for code, _, have in items if have}}
            if pv.fails[k]:
                out.append(("; ".join(self.reasons(pv, k)), "language.below", params))
            else:
                text = ", ".join(f"{_language_name(code)} {have} (vraagt {need})" for code, need, have in items)
                out.append((text, "language.ok", params))
        return out

    def reasons(self, pv, k, v=None, vi=None):
        out = [self._fail_phrase(code, need, have) for code, need, have in self._items(pv, k)
               if have is None or CEFR_LEVELS.index(have) < CEFR_LEVELS.index(need)]
        if pv.aux["extra"][k] and not out:
            out.append("taal gevraagd die niemand opgeeft")
        return tuple(out)


def _credential_keys(record) -> list[str]:
    return [f"licence:{x}" for x in sorted(record.licences)] + [f"certificate:{x}" for x in sorted(record.certificates)]


def _credential_phrase(key: str) -> str:
    kind, name = key.split(":", 1)
    if kind == "licence":
        return f"rijbewijs {name}"
    return {"HEFTRUCK": "heftruckcertificaat", "SOCIALE HYGIENE": "Sociale Hygiëne"}.get(name, name)


class Credentials(_ProfileComparison):
    """Required driving licences and certificates (hard): share held; anything missing makes the pair ineligible."""

    name = "credentials"
    hard = True

    def fit(self, candidates, vacancies, context):
        # both sides: a vacancy added later may ask for something only candidates mentioned so far
        keys = {k for r in (*vacancies, *candidates) for k in _credential_keys(r)}
        self.keys_ = tuple(sorted(keys))
        return self

    def covers(self, records, context):
        known = set(self.keys_)
        return all(k in known for r in records for k in _credential_keys(r))

    def _matrix(self, records):
        index = {k: j for j, k in enumerate(self.keys_)}
        out = np.zeros((len(records), len(self.keys_)), dtype=bool)
        extra = np.zeros(len(records), dtype=np.int64)
        for i, r in enumerate(records):
            for key in _credential_keys(r):
                j = index.get(key)
                if j is None:
                    extra[i] += 1
                else:
                    out[i, j] = True
        return out, extra

    def _cand_attrs(self, candidates, context):
        have, _ = self._matrix(candidates)
        return {"have": have}

    def encode_vacancies(self, vacancies, context):
        need, extra = self._matrix(vacancies)
        unseen = {int(i): [k for k in _credential_keys(vacancies[i]) if k not in set(self.keys_)]
                  for i in np.nonzero(extra)[0]}
        return self._with_profiles({"attrs": {"need": need, "extra": extra}, "unseen": unseen}, len(vacancies))

    def _compute(self, va, ca):
        need, have = va["need"], ca["have"]
        n_req = need.sum(-1) + va["extra"]
        n_have = (need & have).sum(-1)
        value = np.where(n_req > 0, n_have / np.maximum(n_req, 1), 1.0)
        fails = n_have < n_req
        shape = value.shape
        return value, fails, {"need": np.broadcast_to(need, (*shape, need.shape[-1])),
                              "have": np.broadcast_to(have, (*shape, have.shape[-1]))}

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        unseen = np.where(v["attrs"]["extra"][vi] > 0, vi, -1)
        return [*a["need"].T, *a["have"].T, unseen]

    def _split(self, pv, k, v, vi):
        need, have = pv.aux["need"][k], pv.aux["have"][k]
        held = [self.keys_[j] for j in np.nonzero(need & have)[0]]
        missing = [self.keys_[j] for j in np.nonzero(need & ~have)[0]]
        missing += v["unseen"].get(int(vi[k]), [])
        licences_first = lambda key: (not key.startswith("licence:"), key)  # noqa: E731
        return sorted(held, key=licences_first), sorted(missing, key=licences_first)

    def describe(self, pv, c, v, ci, vi):
        out = []
        for k in range(len(pv.values)):
            held, missing = self._split(pv, k, v, vi)
            params = {"held": held, "missing": missing}
            if not held and not missing:
                out.append(("geen rijbewijs of certificaat gevraagd", "credentials.no_requirement", {}))
            elif missing:
                out.append(("mist " + " en ".join(_credential_phrase(x) for x in missing), "credentials.missing",
                            params))
            else:
                out.append(("heeft " + " en ".join(_credential_phrase(x) for x in held), "credentials.ok", params))
        return out

    def reasons(self, pv, k, v=None, vi=None):
        _, missing = self._split(pv, k, v, vi)
        return tuple(f"mist {_credential_phrase(x)}" for x in missing)


class Resident(Comparison):
    """Whether the jobseeker lives in the neighbourhood (configurable PC4 list)."""

    name = "resident"

    def __init__(self, resident_pc4: Sequence[str] = RESIDENT_PC4):
        self.resident_pc4 = resident_pc4

    def encode_candidates(self, candidates, context):
        area = {str(x).strip()[:4] for x in self.resident_pc4}
        known = np.array([c.pc4 is not None for c in candidates], dtype=bool)
        inside = np.array([c.pc4 in area for c in candidates], dtype=bool)
        return {"known": known, "inside": inside}

    def encode_vacancies(self, vacancies, context):
        return None

    def pairs(self, c, v, ci, vi):
        inside, known = c["inside"][ci], c["known"][ci]
        return PairValues(inside.astype(np.float64), None, {"inside": inside, "known": known})

    def block(self, c, v, rows):
        return CandidateVector(c["inside"].astype(np.float32))

    def signature(self, pv, c, v, ci, vi):
        return [pv.aux["inside"], pv.aux["known"]]

    def describe(self, pv, c, v, ci, vi):
        out = []
        for inside, known in zip(pv.aux["inside"], pv.aux["known"], strict=True):
            if inside:
                out.append(("woont in de wijk", "resident.yes", {}))
            elif known:
                out.append(("woont buiten de wijk", "resident.no", {}))
            else:
                out.append(("postcode onbekend", "resident.unknown", {}))
        return out


_OCCUPATION_CACHE: dict[int, tuple[Any, tuple]] = {}


class OccupationFit(Comparison):
    """Occupation fit, graded: same ESCO occupation, related via broader/narrower (or a shared broader
    occupation), same ISCO unit group, same ISCO minor group. A candidate's best occupation counts.

    Free-text occupations are resolved with ``occupations.resolve_occupation`` once per distinct text.
    """

    name = "occupation"

    def fit(self, candidates, vacancies, context):
        tax = context["taxonomy"]()
        got = _OCCUPATION_CACHE.get(id(tax))
        if got is None or got[0] is not tax:
            got = (tax, self._relations(tax))
            _OCCUPATION_CACHE[id(tax)] = got
        self.n_occ_, self.unit_, self.minor_, self.related_keys_ = got[1]
        self._grade_rows: dict[int, np.ndarray] = {}
        self._resolved: dict[str, int | None] = context.setdefault("resolved_occupations", {})
        return self

    @staticmethod
    def _relations(tax):
        """ISCO unit/minor group codes and related-occupation pairs (computed once per taxonomy)."""
        occs = tax.occupations
        n = len(occs)
        isco = [o.isco or "" for o in occs]
        unit_codes = {c: i for i, c in enumerate(sorted({c for c in isco if c}))}
        minor_codes = {c: i for i, c in enumerate(sorted({c[:3] for c in isco if c}))}
        # Index n is a sentinel "no occupation" that matches nothing; occupations without an ISCO code get a
        # private negative code so they never share a group.
        own = -np.arange(10, n + 11, dtype=np.int64)
        unit = np.array([unit_codes[c] if c else -1 for c in isco] + [-1], dtype=np.int64)
        minor = np.array([minor_codes[c[:3]] if c else -1 for c in isco] + [-1], dtype=np.int64)
        unit = np.where(unit < 0, own, unit)
        minor = np.where(minor < 0, own, minor)
        pairs = set()
        for i, o in enumerate(occs):
            parents = [p for p in (tax.index_of(u) for u in tax.broader(o.uri)) if p is not None]
            related = set(parents)
            related.update(j for j in (tax.index_of(u) for u in tax.narrower(o.uri)) if j is not None)
            for p in parents:
                related.update(j for j in (tax.index_of(u) for u in tax.narrower(occs[p].uri)) if j is not None)
            related.discard(i)
            for j in related:
                pairs.add(i * (n + 1) + j)
                pairs.add(j * (n + 1) + i)
        return n, unit, minor, np.array(sorted(pairs), dtype=np.int64)

    def resolve_many(self, refs, tax) -> None:
        """Resolve distinct free-text references in one batch (the occupation search is vectorised)."""
        todo = sorted({r.strip() for r in refs if r and r.strip() and r not in self._resolved})
        todo = [r for r in todo if tax.index_of(r) is None and not r.startswith("http")]
        if not todo:
            return
        from .taxonomy import load_taxonomy

        if tax is load_taxonomy():
            from .occupations import default_search

            hits = default_search().search_many(todo, top_k=1)
            for ref, found in zip(todo, hits, strict=True):
                ok = found and found[0].score >= RESOLVE_MIN_SCORE
                self._resolved[ref] = tax.index_of(found[0].uri) if ok else None

    def _resolve(self, ref: str | None, tax) -> int:
        if not ref or not ref.strip():
            return -1
        ref = ref.strip()
        if ref not in self._resolved:
            from .occupations import resolve_occupation

            uri = resolve_occupation(tax, ref, min_score=RESOLVE_MIN_SCORE)
            self._resolved[ref] = None if uri is None else tax.index_of(uri)
        j = self._resolved[ref]
        return -1 if j is None else j

    def encode_candidates(self, candidates, context):
        tax = context["taxonomy"]()
        self.resolve_many((ref for c in candidates for ref in c.occupations), tax)
        indptr, indices = [0], []
        for c in candidates:
            found = sorted({j for j in (self._resolve(ref, tax) for ref in c.occupations) if j >= 0})
            indices.extend(found or [self.n_occ_])  # sentinel keeps every segment non-empty
            indptr.append(len(indices))
        return {"indptr": np.array(indptr, dtype=np.int64), "indices": np.array(indices, dtype=np.int64),
                "has_any": np.array([len(c.occupations) > 0 for c in candidates], dtype=bool)}

    def encode_vacancies(self, vacancies, context):
        tax = context["taxonomy"]()
        self.resolve_many((v.occupation or v.title for v in vacancies), tax)
        occ = np.array([self._resolve(v.occupation, tax) if v.occupation else self._resolve(v.title, tax)
                        for v in vacancies], dtype=np.int64)
        return {"occ": occ}

    def _grade(self, cand_occ: np.ndarray, vac_occ: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Grade and level (0 same, 1 related, 2 unit group, 3 minor group, 4 none) per (candidate occupation,
        vacancy occupation); -1 or the sentinel means none."""
        n = self.n_occ_
        vo = np.where(vac_occ < 0, n, vac_occ)
        valid = (vo < n) & (cand_occ < n)
        same = cand_occ == vo
        keys = cand_occ * (n + 1) + vo
        pos = np.searchsorted(self.related_keys_, keys)
        related = self.related_keys_[np.minimum(pos, len(self.related_keys_) - 1)] == keys \
            if len(self.related_keys_) else np.zeros(keys.shape, dtype=bool)
        unit = self.unit_[cand_occ] == self.unit_[vo]
        minor = self.minor_[cand_occ] == self.minor_[vo]
        level = np.where(valid, np.select([same, related, unit, minor], [0, 1, 2, 3], 4), 4)
        grades = np.array([OCCUPATION_GRADES[k] for k in ("same", "related", "unit_group", "minor_group", "none")])
        return grades[level], level

    def _grade_row(self, occ: int) -> np.ndarray:
        """Grades of every occupation (plus the sentinel) against one vacancy occupation (cached)."""
        row = self._grade_rows.get(occ)
        if row is None:
            all_occ = np.arange(self.n_occ_ + 1)
            row, _ = self._grade(all_occ, np.full(all_occ.shape, occ))
            row = row.astype(np.float32)
            if len(self._grade_rows) < 4096:
                self._grade_rows[occ] = row
        return row

    def pairs(self, c, v, ci, vi):
        indptr, indices = c["indptr"], c["indices"]
        counts = indptr[ci + 1] - indptr[ci]
        owner = np.repeat(np.arange(len(ci)), counts)
        starts = np.repeat(indptr[ci], counts)
        offset = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts)
        cand_occ = indices[starts + offset]
        grade, level = self._grade(cand_occ, v["occ"][vi][owner])
        # best per pair: highest grade, ties -> lowest occupation index (deterministic)
        order = np.lexsort((cand_occ, -grade, owner))
        first = np.cumsum(counts) - counts
        best = order[first] if len(ci) else np.zeros(0, dtype=np.intp)
        return PairValues(grade[best], None, {"level": level[best], "occ": cand_occ[best],
                                              "vocc": v["occ"][vi], "has_any": c["has_any"][ci]})

    def vector(self, c, v, occ: int) -> tuple[np.ndarray, None]:
        """Best occupation grade of every candidate against vacancy occupation ``occ`` (-1: none)."""
        n = len(c["indptr"]) - 1
        if occ < 0 or n == 0:
            return np.zeros(n, dtype=np.float32), None
        vals = self._grade_row(int(occ))[c["indices"]]
        return np.maximum.reduceat(vals, c["indptr"][:-1]), None

    def block(self, c, v, rows):
        return VacancyProfiles(v["occ"][rows], lambda p: self.vector(c, v, p), self.name)

    def signature(self, pv, c, v, ci, vi):
        a = pv.aux
        return [a["level"], a["occ"], a["vocc"], a["has_any"]]

    def describe(self, pv, c, v, ci, vi):
        tax = self._tax
        a = pv.aux
        out = []
        codes = ("same", "related", "unit_group", "minor_group", "none")
        for k in range(len(pv.values)):
            vocc = int(a["vocc"][k])
            if vocc < 0:
                out.append(("vacature zonder herkend beroep", "occupation.no_requirement", {}))
                continue
            vuri = tax.occupations[vocc].uri
            level = int(a["level"][k])
            if level == 4:
                if not a["has_any"][k]:
                    out.append(("geen beroep opgegeven", "occupation.unknown", {"vacancy_occupation": vuri}))
                else:
                    out.append((f"geen ervaring als {tax.occupations[vocc].label}", "occupation.none",
                                {"vacancy_occupation": vuri}))
                continue
            occ = tax.occupations[int(a["occ"][k])]
            params = {"occupation": occ.uri, "label": occ.label, "vacancy_occupation": vuri}
            suffix = {0: "", 1: " (verwant beroep)", 2: " (zelfde beroepsgroep)", 3: " (verwante beroepsgroep)"}
            out.append((f"heeft gewerkt als {occ.label}{suffix[level]}", f"occupation.{codes[level]}", params))
        return out


def _talent_key(label: str, tax) -> str:
    from .dutch import analyse, normalise

    talent = tax.talent_by_label(label) if tax is not None else None
    if talent is not None:
        return talent.uri
    return " ".join(analyse(label, keep_stopwords=True)) or normalise(label)


class TalentCoverage(Comparison):
    """Share of the vacancy's required (or preferred) talents the jobseeker has."""

    def __init__(self, kind: str = "required"):
        self.kind = kind
        self.name = f"talents_{kind}"

    def fit(self, candidates, vacancies, context):
        keys = context.get("talent_keys")
        if keys is None:
            tax = context["taxonomy"]()
            cache = context.setdefault("talent_key_cache", {})
            labels = {t for r in candidates for t in r.talents}
            labels |= {t for r in vacancies for t in (*r.required_talents, *r.preferred_talents)}
            for label in labels:
                if label not in cache:
                    cache[label] = _talent_key(label, tax)
            keys = tuple(sorted({cache[label] for label in labels}))
            context["talent_keys"] = keys
        self.keys_ = keys
        self._index = {k: j for j, k in enumerate(keys)}
        return self

    def covers(self, records, context):
        labels = [t for r in records
                  for t in (r.talents if hasattr(r, "talents") else (*r.required_talents, *r.preferred_talents))]
        return all(self._key(label, context) in self._index for label in labels)

    def _key(self, label, context):
        cache = context.setdefault("talent_key_cache", {})
        if label not in cache:
            cache[label] = _talent_key(label, context["taxonomy"]())
        return cache[label]

    def _matrix(self, lists, context):
        rows, cols, labels = [], [], []
        extra = np.zeros(len(lists), dtype=np.int64)
        for i, items in enumerate(lists):
            seen = set()
            for label in items:
                key = self._key(label, context)
                if key in seen:
                    continue
                seen.add(key)
                j = self._index.get(key)
                if j is None:
                    extra[i] += 1
                else:
                    rows.append(i)
                    cols.append(j)
            labels.append(tuple(items))
        m = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(lists), len(self.keys_)))
        return m, extra, labels

    def encode_candidates(self, candidates, context):
        m, _, labels = self._matrix([c.talents for c in candidates], context)
        coo = m.tocoo()
        keys = np.sort(coo.row.astype(np.int64) * max(1, len(self.keys_)) + coo.col)
        enc = {"matrix": m, "matrix_t": m.T.tocsr(), "labels": labels, "keys": keys}
        if m.shape[0] * m.shape[1] <= DENSE_TALENT_LIMIT:
            cached = context.get("_talent_dense")
            if cached is not None and cached[0] is candidates:  # required and preferred share one matrix
                enc["dense_t"] = cached[1]
            else:
                # (talents + 1) x candidates; the last row is all ones and carries per-vacancy constants
                dense = np.ones((m.shape[1] + 1, m.shape[0]), dtype=np.float32)
                dense[:-1] = m.T.toarray()
                enc["dense_t"] = dense
                context["_talent_dense"] = (candidates, dense)
        return enc

    def encode_vacancies(self, vacancies, context):
        lists = [v.required_talents if self.kind == "required" else v.preferred_talents for v in vacancies]
        m, extra, labels = self._matrix(lists, context)
        total = np.asarray(m.sum(axis=1)).reshape(-1) + extra
        scale = np.where(total > 0, 1.0 / np.maximum(total, 1), 0.0)
        normalised = sp.diags(scale.astype(np.float32)) @ m
        items = []
        for labels_of_row in labels:
            seen, row_items = set(), []
            for label in labels_of_row:
                key = self._key(label, context)
                if key not in seen:
                    seen.add(key)
                    row_items.append((label, self._index.get(key)))
            items.append(row_items)
        return {"matrix": m.tocsr(), "normalised": normalised.tocsr(), "total": total, "labels": labels,
                "items": items}

    def pairs(self, c, v, ci, vi):
        sub = v["matrix"][vi]
        sub.sort_indices()
        n_keys = max(1, len(self.keys_))
        counts = np.diff(sub.indptr)
        owner = np.repeat(np.arange(len(vi)), counts)
        pos = np.arange(sub.nnz) - np.repeat(sub.indptr[:-1], counts)
        ckeys = c["keys"]
        query = ci[owner].astype(np.int64) * n_keys + sub.indices
        at = np.minimum(np.searchsorted(ckeys, query), max(len(ckeys) - 1, 0))
        present = (ckeys[at] == query) if len(ckeys) else np.zeros(len(query), dtype=bool)
        have = np.bincount(owner, weights=present, minlength=len(vi)).astype(np.int64)
        missing = np.bincount(owner, weights=np.where(present, 0.0, np.ldexp(1.0, np.minimum(pos, 60))),
                              minlength=len(vi)).astype(np.int64)
        total = v["total"][vi]
        value = np.where(total > 0, have / np.maximum(total, 1), 1.0)
        return PairValues(value, None, {"have": have, "total": total, "missing": missing})

    def signature(self, pv, c, v, ci, vi):
        return [vi, pv.aux["missing"], pv.aux["have"]]

    def block(self, c, v, rows):
        const = (v["total"][rows] == 0).astype(np.float32)
        if "dense_t" in c:
            left = sp.hstack([v["normalised"][rows], sp.csr_matrix(const[:, None])], format="csr")
            return LinearDense(left, c["dense_t"])
        return SparseBlock((v["normalised"][rows] @ c["matrix_t"]).tocsr(), const)

    def describe(self, pv, c, v, ci, vi):
        word = "gevraagde" if self.kind == "required" else "gewenste"
        code = f"talents.{self.kind}"
        cm = c["matrix"]
        out = []
        for k in range(len(pv.values)):
            total, have = int(pv.aux["total"][k]), int(pv.aux["have"][k])
            if total == 0:
                out.append((f"geen {word} talenten", f"{code}.no_requirement", {}))
                continue
            row = int(ci[k])
            held = set(cm.indices[cm.indptr[row]:cm.indptr[row + 1]].tolist())
            missing = [label for label, j in v["items"][int(vi[k])] if j is None or j not in held]
            params = {"have": have, "total": total, "missing": missing}
            if have == total:
                out.append((f"heeft alle {total} {word} talenten", f"{code}.all", params))
            elif have == 0:
                out.append((f"mist {word} talenten: {', '.join(missing)}", f"{code}.none", params))
            else:
                out.append((f"heeft {have} van {total} {word} talenten (mist {', '.join(missing)})",
                            f"{code}.partial", params))
        return out


#: Words jobseekers and job ads use everywhere; they say nothing about fit.
JOB_STOPWORDS: frozenset[str] = frozenset(
    """
    graag ervaring jaar jaren werk werken gewerkt baan banen zoek zoeken gezocht leuk leuke fijn fijne goed goede
    nieuw nieuwe vacature functie medewerker medewerkers bedrijf team collega collegas uur uren week per wij ik
    kunnen willen bieden biedt hebt heb ben bent zijn ga gaan ook echt heel erg lang veel paar keer
    """.split()
)
#: Terms in more than this share of ESCO occupation texts are too general to count.
TEXT_MAX_DF = 0.15


def _reference_idf(tax) -> dict[str, Any]:
    """IDF of Dutch stems over the ESCO occupation labels and descriptions (a fixed corpus, so a pair's text
    similarity never depends on which other records are ranked with it)."""
    from .dutch import analyse

    def build() -> dict[str, Any]:
        df: Counter = Counter()
        for occ in tax.occupations:
            df.update(set(analyse(" ".join((*occ.labels, occ.description)))))
        n = len(tax.occupations)
        return {
            "idf": {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items() if k <= TEXT_MAX_DF * n},
            "common": frozenset(t for t, k in df.items() if k > TEXT_MAX_DF * n),
            "unseen": math.log(1 + n) + 1.0,
        }

    key = id(tax)
    got = _IDF_CACHE.get(key)
    if got is None or got[0] is not tax:
        fingerprint = getattr(tax, "fingerprint", "")
        if fingerprint:
            from .taxonomy import cached

            idf = cached("text-idf-1", build, family="text-idf")
        else:
            idf = build()
        got = (tax, idf)
        _IDF_CACHE[key] = got
    return got[1]


_IDF_CACHE: dict[int, tuple[Any, dict[str, Any]]] = {}


class TextSimilarity(Comparison):
    """TF-IDF cosine between the vacancy's title + description and the jobseeker's own words: Dutch stems, stop
    words and generic job words dropped, IDF from the ESCO occupation texts (fixed, so scores are the same
    whatever else is ranked)."""

    name = "text"

    @staticmethod
    def _vacancy_text(v) -> str:
        return f"{v.title}\n{v.description}"

    def fit(self, candidates, vacancies, context):
        ref = _reference_idf(context["taxonomy"]())
        idf = ref["idf"]
        self._idf, self._common, self._unseen_idf = idf, ref["common"], ref["unseen"]
        self._analysed: dict[str, list[str]] = {}
        self.surface_: dict[str, str] = {}
        terms = set()
        for v in vacancies:
            terms.update(self._analyse(self._vacancy_text(v), surface=True))
        for c in candidates:
            terms.update(self._analyse(c.about))
        vocab = sorted(terms)
        self.terms_ = vocab
        self.vocabulary_ = {t: j for j, t in enumerate(vocab)}
        self._ids = dict(self.vocabulary_)  # grows with words first seen later; the first len(vocab) stay put
        self._idf_list = [idf.get(t, self._unseen_idf) for t in vocab]
        return self

    def _analyse(self, text: str, surface: bool = False) -> list[str]:
        from .dutch import STOPWORDS, stem, tokenize

        if not text:
            return []
        got = self._analysed.get(text)
        if got is None or surface:
            tokens = [t for t in tokenize(text) if len(t) > 1 and t not in STOPWORDS and t not in JOB_STOPWORDS]
            got = [stem(t) for t in tokens]
            got = [t for t in got if t not in self._common]
            if surface:
                for t in tokens:
                    self.surface_.setdefault(stem(t), t)
            if len(self._analysed) < 200_000:
                self._analysed[text] = got
        return got

    def _matrix(self, texts):
        """L2-normalised TF-IDF rows (sublinear tf) over the fitted vocabulary; terms outside it still count in
        the norm (a word no other record uses makes a text less similar, not more)."""
        analysed = [self._analyse(t) for t in texts]
        lengths = np.fromiter(map(len, analysed), dtype=np.int64, count=len(texts))
        ids = self._ids
        flat = [ids.setdefault(t, len(ids)) for terms in analysed for t in terms]
        if len(self._idf_list) < len(ids):
            terms = sorted(ids, key=ids.__getitem__)[len(self._idf_list):]
            self._idf_list.extend(self._idf.get(t, self._unseen_idf) for t in terms)
        idf = np.asarray(self._idf_list)
        doc = np.repeat(np.arange(len(texts)), lengths)
        counts = sp.csr_matrix((np.ones(len(flat)), (doc, np.asarray(flat, dtype=np.int64))),
                               shape=(len(texts), len(ids)))
        counts.sum_duplicates()
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).reshape(-1))
        scale = np.where(norms > 0, 1.0 / np.maximum(norms, 1e-12), 0.0)
        m = (sp.diags(scale) @ counts).tocsr()[:, : len(self.vocabulary_)].tocsr()
        m.sort_indices()
        return m

    def encode_candidates(self, candidates, context):
        m = self._matrix([c.about for c in candidates])
        return {"matrix": m, "matrix_t": m.T.tocsr().astype(np.float32),
                "has_text": np.array([bool(c.about.strip()) for c in candidates])}

    def encode_vacancies(self, vacancies, context):
        for v in vacancies:
            self._analyse(self._vacancy_text(v), surface=True)
        m = self._matrix([self._vacancy_text(v) for v in vacancies])
        return {"matrix": m, "matrix32": m.astype(np.float32)}

    def pairs(self, c, v, ci, vi):
        prod = v["matrix"][vi].multiply(c["matrix"][ci]).tocsr()
        value = np.clip(np.asarray(prod.sum(axis=1)).reshape(-1), 0.0, 1.0)
        return PairValues(value, None, {"top": self._top_terms(prod), "has_text": c["has_text"][ci]})

    def block(self, c, v, rows):
        return SparseBlock((v["matrix32"][rows] @ c["matrix_t"]).tocsr())

    @staticmethod
    def _top_terms(prod: sp.csr_matrix, per_pair: int = 3) -> np.ndarray:
        """Per pair, the vocabulary indices of the (up to 3) terms that add most to the similarity; -1 pads."""
        prod.sort_indices()
        counts = np.diff(prod.indptr)
        owner = np.repeat(np.arange(prod.shape[0]), counts)
        order = np.lexsort((prod.indices, -prod.data, owner))
        rank = np.arange(len(order)) - np.repeat(prod.indptr[:-1], counts)
        keep = order[rank < per_pair]
        top = np.full((prod.shape[0], per_pair), -1, dtype=np.int64)
        top[owner[keep], rank[rank < per_pair]] = prod.indices[keep]
        return top

    def signature(self, pv, c, v, ci, vi):
        top = pv.aux["top"]
        return [pv.aux["has_text"], *top.T, pv.values > 0]

    def describe(self, pv, c, v, ci, vi):
        out = []
        for has_text, top, value in zip(pv.aux["has_text"].tolist(), pv.aux["top"].tolist(), pv.values.tolist(),
                                        strict=True):
            words = [self.surface_.get(self.terms_[j], self.terms_[j]) for j in top if j >= 0]
            if not has_text:
                out.append(("geen eigen omschrijving", "text.unknown", {}))
            elif words and value > 0:
                out.append((f"eigen woorden passen bij vacature: {', '.join(words)}", "text.similar",
                            {"words": words}))
            else:
                out.append(("eigen woorden lijken niet op vacature", "text.none", {}))
        return out


FEATURE_NAMES: tuple[str, ...] = (
    "occupation", "talents_required", "talents_preferred", "text", "hours", "schedule", "travel", "language",
    "credentials", "resident",
)


def _default_taxonomy():
    from .taxonomy import load_taxonomy

    return load_taxonomy()


def _default_centroids():
    from .geo import PostcodeCentroids

    return PostcodeCentroids.load()


class PairFeatures:
    """All comparisons, composed like a ``ColumnTransformer``: ``fit`` on both sides, ``encode_*`` each side once,
    then ``transform`` explicit pairs or ``blocks`` for ranking. ``feature_names_`` lists the outputs in order.

    ``taxonomy`` and ``centroids`` are objects (or zero-argument callables returning them); by default the data
    shipped with the package, loaded on first use.
    """

    def __init__(self, resident_pc4: Sequence[str] | None = None, taxonomy=None, centroids=None):
        self.resident_pc4 = resident_pc4
        self.taxonomy = taxonomy
        self.centroids = centroids

    def _context(self) -> dict:
        def provider(obj, default):
            if obj is None:
                return default
            return obj if callable(obj) and not hasattr(obj, "occupations") and not hasattr(obj, "centroid") \
                else (lambda: obj)

        return {"taxonomy": provider(self.taxonomy, _default_taxonomy),
                "centroids": provider(self.centroids, _default_centroids)}

    def fit(self, candidates: Sequence, vacancies: Sequence) -> PairFeatures:
        """Learn vocabularies (occupation relations, talents, languages, credentials, text IDF) from both sides."""
        context = self._context()
        comparisons = [
            OccupationFit(), TalentCoverage("required"), TalentCoverage("preferred"),
            TextSimilarity(), Hours(), Schedule(), Travel(), Language(), Credentials(),
            Resident(RESIDENT_PC4 if self.resident_pc4 is None else tuple(self.resident_pc4)),
        ]
        for comp in comparisons:
            comp.fit(candidates, vacancies, context)
            comp._context = context
            comp._tax = context["taxonomy"]() if comp.name == "occupation" else None
        self.comparisons_ = tuple(comparisons)
        self.feature_names_ = tuple(comp.name for comp in comparisons)
        self.context_ = context
        return self

    def covers(self, records: Sequence) -> bool:
        """Whether these records (candidates or vacancies) can be encoded with the fitted vocabularies without
        losing anything that matters (see :meth:`Comparison.covers`); when not, fit again."""
        return all(comp.covers(records, self.context_) for comp in self.comparisons_)

    def encode_candidates(self, candidates: Sequence) -> Encoded:
        """Encode candidates once for every comparison."""
        return Encoded(tuple(c.id for c in candidates),
                       {comp.name: comp.encode_candidates(candidates, self.context_) for comp in self.comparisons_})

    def encode_vacancies(self, vacancies: Sequence) -> Encoded:
        """Encode vacancies once for every comparison."""
        return Encoded(tuple(v.id for v in vacancies),
                       {comp.name: comp.encode_vacancies(vacancies, self.context_) for comp in self.comparisons_})

    def transform(self, C: Encoded, V: Encoded, ci: np.ndarray, vi: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                                           list[PairValues]]:
        """Feature matrix (pairs x features, float64), fails matrix (pairs x features, bool) and the per-comparison
        details for explicit pairs ``(ci[k], vi[k])``."""
        ci = np.asarray(ci, dtype=np.intp)
        vi = np.asarray(vi, dtype=np.intp)
        X = np.zeros((len(ci), len(self.comparisons_)))
        F = np.zeros((len(ci), len(self.comparisons_)), dtype=bool)
        details = []
        for j, comp in enumerate(self.comparisons_):
            pv = comp.pairs(C.parts[comp.name], V.parts[comp.name], ci, vi)
            X[:, j] = pv.values
            if pv.fails is not None:
                F[:, j] = pv.fails
            details.append(pv)
        return X, F, details

    def blocks(self, C: Encoded, V: Encoded, rows: np.ndarray):
        """(comparison name, block part) for every candidate against vacancies ``rows``."""
        for comp in self.comparisons_:
            yield comp.name, comp.block(C.parts[comp.name], V.parts[comp.name], rows)

    def describe(self, C: Encoded, V: Encoded, ci, vi, details: list[PairValues]):
        """Per comparison: (descriptions, inverse) where ``descriptions[inverse[k]]`` is the (detail, code,
        params) of pair k. Pairs with the same signature share one description, so the Python work is per
        distinct description, not per pair."""
        out = []
        for comp, pv in zip(self.comparisons_, details, strict=True):
            c, v = C.parts[comp.name], V.parts[comp.name]
            sig = comp.signature(pv, c, v, ci, vi) if len(ci) else None
            if sig is None:
                out.append((comp.describe(pv, c, v, ci, vi), np.arange(len(ci))))
                continue
            first, inverse = factorise(sig)
            out.append((comp.describe(subset_pairs(pv, first), c, v, ci[first], vi[first]), inverse))
        return out

    def reasons(self, V: Encoded, ci, vi, F: np.ndarray, details: list[PairValues]) -> list[tuple[str, ...]]:
        """Dutch reasons per pair for every failed hard requirement (empty tuple = eligible)."""
        out: list[tuple[str, ...]] = [()] * len(ci)
        failing = np.nonzero(F.any(axis=1))[0]
        for k in failing.tolist():
            reasons: list[str] = []
            for j, comp in enumerate(self.comparisons_):
                if F[k, j]:
                    reasons.extend(comp.reasons(details[j], k, V.parts[comp.name], vi))
            out[k] = tuple(reasons)
        return out
