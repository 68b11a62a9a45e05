"""Weekday x daypart: the share of the vacancy's dayparts the jobseeker is available for."""

from __future__ import annotations

import numpy as np

from ..record_fields import DAYPARTS, WEEKDAYS
from .base import N_, UNKNOWN_VALUE, ProfileComparison

__all__ = ["Schedule", "schedule_bits"]

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


def _popcount(x: np.ndarray) -> np.ndarray:
    return np.bitwise_count(x.astype(np.int64))


class Schedule(ProfileComparison):
    """Weekday x daypart: share of the vacancy's dayparts the jobseeker is available for."""

    name = "schedule"
    label = N_("Dagen en dagdelen")
    default_weight = 0.10
    missing = frozenset({"partial", "unknown"})

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

    def naive(self, c, v, ci, vi):
        vb, cb = int(v["attrs"]["bits"][vi]), int(c["attrs"]["bits"][ci])
        if vb < 0:
            return 1.0
        if cb < 0:
            return UNKNOWN_VALUE
        asked = vb.bit_count()
        return (vb & cb).bit_count() / asked if asked else 1.0

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

