"""Hours per week: the share of the vacancy's range the jobseeker can do; ranges that cannot overlap fail."""

from __future__ import annotations

import math

import numpy as np

from ..record_fields import MAX_HOURS
from .base import N_, UNKNOWN_VALUE, ProfileComparison, optional_float

__all__ = ["Hours"]


def _interval(low, high):
    """Fill open ends of an hours range: "at least 20" -> 20..60, "at most 24" -> 0..24; NaN when unknown."""
    low = np.asarray(low, dtype=np.float64)
    high = np.asarray(high, dtype=np.float64)
    known = ~(np.isnan(low) & np.isnan(high))
    lo = np.where(np.isnan(low), 0.0, low)
    hi = np.where(np.isnan(high), MAX_HOURS, high)
    return np.where(known, lo, np.nan), np.where(known, hi, np.nan)


def _fmt_hours(lo: float, hi: float) -> str:
    if lo == hi:
        return f"{lo:g} uur"
    return f"{lo:g}-{hi:g} uur"


class Hours(ProfileComparison):
    """Hours per week: share of the vacancy's range the jobseeker can do; disjoint ranges cannot fit (hard)."""

    name = "hours"
    label = N_("Uren per week")
    default_weight = 0.08
    hard = True
    failed = "no_fit"
    missing = frozenset({"no_fit", "unknown"})

    def _cand_attrs(self, candidates, context):
        lo, hi = _interval([optional_float(c.hours_min) for c in candidates], [optional_float(c.hours_max) for c in candidates])
        return {"lo": lo, "hi": hi}

    def _vac_attrs(self, vacancies, context):
        lo, hi = _interval([optional_float(v.hours_min) for v in vacancies], [optional_float(v.hours_max) for v in vacancies])
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

    def naive(self, c, v, ci, vi):
        vlo, vhi = float(v["attrs"]["lo"][vi]), float(v["attrs"]["hi"][vi])
        clo, chi = float(c["attrs"]["lo"][ci]), float(c["attrs"]["hi"][ci])
        if math.isnan(vlo):
            return 1.0
        if math.isnan(clo):
            return UNKNOWN_VALUE
        lo, hi = max(vlo, clo), min(vhi, chi)
        if lo > hi:
            return 0.0
        return 0.5 + 0.5 * min(max((hi - lo) / (vhi - vlo), 0.0), 1.0) if vhi > vlo else 1.0

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

