"""``PairFeatures``: every registered comparison, composed like scikit-learn's ``ColumnTransformer``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .base import Encoded, PairValues, factorise, subset_pairs
from .registry import COMPARISONS

__all__ = ["PairFeatures"]


def _default_taxonomy():
    from ..taxonomy import load_taxonomy

    return load_taxonomy()


def _default_centroids():
    from ..geo import PostcodeCentroids

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
        comparisons = [kind.configured(self) for kind in COMPARISONS]
        for comp in comparisons:
            comp.fit(candidates, vacancies, context)
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
