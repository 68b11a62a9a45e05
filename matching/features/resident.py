"""Whether the jobseeker lives in the neighbourhood (a configurable list of PC4 codes)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .base import N_, CandidateVector, Comparison, PairValues

__all__ = ["RESIDENT_PC4", "Resident"]

#: PC4 codes of the demo district (Kanaleneiland, Utrecht); residents get the "woont in de wijk" feature.
RESIDENT_PC4: tuple[str, ...] = ("3526",)


class Resident(Comparison):
    """Whether the jobseeker lives in the neighbourhood (configurable PC4 list)."""

    name = "resident"
    label = N_("Woont in de wijk")
    default_weight = 0.04
    missing = frozenset({"no", "unknown"})

    def __init__(self, resident_pc4: Sequence[str] = RESIDENT_PC4):
        self.resident_pc4 = resident_pc4

    @classmethod
    def configured(cls, settings) -> Resident:
        return cls(RESIDENT_PC4 if settings.resident_pc4 is None else tuple(settings.resident_pc4))

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

    def naive(self, c, v, ci, vi):
        return 1.0 if c["inside"][ci] else 0.0

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

