"""Travel time between PC4 centroids by the jobseeker's travel mode, against their own maximum (hard)."""

from __future__ import annotations

import math

import numpy as np

from ..record_fields import TRAVEL_MODES
from .base import N_, UNKNOWN_VALUE, ProfileComparison, optional_float

__all__ = [
    "DEFAULT_MAX_TRAVEL_MINUTES",
    "DEFAULT_TRAVEL_MODE",
    "DETOUR_FACTOR",
    "TRAVEL_MODES",
    "TRAVEL_OVERHEAD_MINUTES",
    "TRAVEL_SPEED_KMH",
    "Travel",
    "travel_minutes",
]

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

TRAVEL_PHRASES = {"walk": "lopen", "bike": "fietsen", "public_transport": "met ov", "car": "met de auto"}


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


class Travel(ProfileComparison):
    """Travel time between PC4 centroids by the jobseeker's travel mode, against their maximum (hard)."""

    name = "travel"
    label = N_("Reistijd")
    default_weight = 0.10
    hard = True
    failed = "too_far"
    missing = frozenset({"too_far", "unknown"})

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
        limit = np.array([optional_float(c.max_travel_minutes) for c in candidates], dtype=np.float64)
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

    def naive(self, c, v, ci, vi):
        from ..geo import haversine_km

        ca, va = c["attrs"], v["attrs"]
        lat1, lon1, lat2, lon2 = (float(ca["lat"][ci]), float(ca["lon"][ci]), float(va["lat"][vi]),
                                  float(va["lon"][vi]))
        if math.isnan(lat1) or math.isnan(lat2):
            return UNKNOWN_VALUE
        mode = TRAVEL_MODES[int(ca["mode"][ci])]
        km = max(haversine_km(lat1, lon1, lat2, lon2), MIN_TRIP_KM) * DETOUR_FACTOR
        minutes = max(round(km / TRAVEL_SPEED_KMH[mode] * 60.0 + TRAVEL_OVERHEAD_MINUTES[mode]), 1)
        limit = float(ca["max"][ci])
        if not math.isnan(limit) and minutes > limit:
            return 0.0
        return min(max(1.0 - minutes / max(DEFAULT_MAX_TRAVEL_MINUTES if math.isnan(limit) else limit, 1.0), 0.0),
                   1.0)

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

