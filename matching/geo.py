"""PC4 postcode centroids from GeoNames, with the outlier rule for codes whose rows lie far apart.

Most PC4 codes have one row, or several rows a few km apart (averaged). For a code whose rows span more than
``SPREAD_KM``, rows are judged against the code's numeric neighbours (postcodes run geographically): only the rows
closest to the neighbours' centroid are kept and averaged. So 3523 lands in Utrecht, not in Ouddorp.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["PostcodeCentroids", "haversine_km"]

DATA_FILE = Path(__file__).with_name("data") / "geonames" / "NL.txt"
SPREAD_KM = 10.0
NEIGHBOURS = 3  # clean neighbour codes on each side used as the reference


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _spread(rows: list[tuple[float, float]]) -> float:
    return max((haversine_km(*a, *b) for i, a in enumerate(rows) for b in rows[i + 1 :]), default=0.0)


def _mean(rows: list[tuple[float, float]]) -> tuple[float, float]:
    return (sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows))


def compute_centroids(path: Path = DATA_FILE) -> dict[str, tuple[float, float]]:
    """PC4 -> (lat, lon) from a GeoNames postcode file, applying the outlier rule."""
    rows: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(fields) < 11 or not fields[1][:4].isdigit():
                continue
            rows[fields[1][:4]].append((float(fields[9]), float(fields[10])))

    centroids: dict[str, tuple[float, float]] = {}
    scattered: list[str] = []
    for code, points in rows.items():
        if _spread(points) <= SPREAD_KM:
            centroids[code] = _mean(points)
        else:
            scattered.append(code)

    clean = sorted(centroids, key=int)
    clean_numbers = np.array([int(c) for c in clean])
    for code in scattered:
        points = rows[code]
        pos = int(np.searchsorted(clean_numbers, int(code)))
        neighbours = clean[max(0, pos - NEIGHBOURS) : pos + NEIGHBOURS]
        if not neighbours:
            centroids[code] = _mean(points)
            continue
        reference = _mean([centroids[n] for n in neighbours])
        distances = [haversine_km(*p, *reference) for p in points]
        nearest = min(distances)
        kept = [p for p, d in zip(points, distances, strict=True) if d <= nearest + SPREAD_KM]
        centroids[code] = _mean(kept)
    return centroids


class PostcodeCentroids:
    """Look-up of PC4 centroids (latitude, longitude in degrees)."""

    def __init__(self, centroids: dict[str, tuple[float, float]]):
        self._centroids = dict(centroids)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> PostcodeCentroids:
        """The centroids shipped with the package (computed once per process)."""
        return cls(compute_centroids())

    def centroid(self, pc4: str | None) -> tuple[float, float] | None:
        """(lat, lon) of a PC4 code (a PC6 postcode is cut to its PC4), or None when unknown."""
        if not pc4:
            return None
        return self._centroids.get(str(pc4).strip()[:4])

    def known(self, pc4: str | None) -> bool:
        """Whether the PC4 code has a centroid."""
        return self.centroid(pc4) is not None

    def coords(self, pc4_list) -> np.ndarray:
        """Array of shape (n, 2) with (lat, lon) per code, NaN where unknown."""
        out = np.full((len(pc4_list), 2), np.nan)
        for i, code in enumerate(pc4_list):
            point = self.centroid(code)
            if point is not None:
                out[i] = point
        return out

    def all_pc4(self) -> frozenset[str]:
        """Every PC4 code with a centroid."""
        return frozenset(self._centroids)

    def __len__(self) -> int:
        return len(self._centroids)
