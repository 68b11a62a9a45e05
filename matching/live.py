"""A ranking index that takes changes: new, changed and removed records of either side without re-encoding the rest.

Encoding every candidate of a neighbourhood takes a fraction of a second; a web app that re-encoded the whole side
after every saved profile would spend most of its time doing so. :class:`LiveIndex` keeps a
:class:`~matching.ranking.MatchIndex` as its *base* and an *overlay* per side: records added or changed since the
base was built are encoded on their own with the base's fitted comparisons, and base rows they replace (or that
were removed) are masked out. A ranking asks the base for ``top_k`` plus the number of masked rows, drops the
masked ones, asks the overlay for its ``top_k`` and merges both in the order :class:`MatchIndex` uses (fewest failed
hard requirements, then score, then id), so the result is the ranking a fresh index over the same records gives,
except that the text IDF stays as fitted on the base (new words get the IDF of an unseen word). Records that use a
language, licence, certificate or talent the base never saw are refused (:meth:`covers`): build anew then, as when
``overlay_size`` says the overlay has grown too big.

    live = LiveIndex(Matcher().index(candidates, vacancies))
    live = live.updated(candidates=[changed_person], removed_vacancies=["v17"])
    live.rank_vacancy(new_vacancy, top_k=50)

A LiveIndex never changes: ``updated`` returns a new one that shares the base, so a caller holding the old one (in
another thread, or next to a lookup table built with it) keeps a consistent view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .ranking import MatchIndex
from .results import Match, VacancyRanking
from .topk import id_rank

__all__ = ["LiveIndex"]


@dataclass(frozen=True)
class _Side:
    """One side's overlay."""

    masked: np.ndarray  # bool per base row: replaced or removed
    records: dict  # id -> record added or changed since the base was built
    encoded: object | None  # the records encoded with the base's fitted comparisons

    @property
    def n_masked(self) -> int:
        return int(self.masked.sum())


class LiveIndex:
    """A :class:`MatchIndex` (the base) plus the records changed since it was built (the overlay)."""

    def __init__(self, base: MatchIndex, _rows=None, _sides=None):
        self.base = base
        self._rows = _rows or {"c": {cid: i for i, cid in enumerate(base.C.ids)},
                               "v": {vid: i for i, vid in enumerate(base.V.ids)}}
        self._sides = _sides or {
            "c": _Side(np.zeros(len(base.C), dtype=bool), {}, None),
            "v": _Side(np.zeros(len(base.V), dtype=bool), {}, None),
        }

    @property
    def overlay_size(self) -> int:
        """Records added, changed or removed since the base was built (both sides)."""
        return sum(side.n_masked + sum(rid not in self._rows[key] for rid in side.records)
                   for key, side in self._sides.items())

    @property
    def candidate_ids(self) -> list[str]:
        """Ids of every current candidate (base rows not masked, then the overlay)."""
        return self._ids("c", self.base.C.ids)

    @property
    def vacancy_ids(self) -> list[str]:
        """Ids of every current vacancy (base rows not masked, then the overlay)."""
        return self._ids("v", self.base.V.ids)

    def _ids(self, key, base_ids) -> list[str]:
        side = self._sides[key]
        return [i for i, gone in zip(base_ids, side.masked.tolist(), strict=True) if not gone] + list(side.records)

    def covers(self, records: Sequence) -> bool:
        """Whether these records can join the overlay: nothing in them (a language, licence, certificate or talent)
        is outside the vocabularies the base was fitted on. When not, build a new base."""
        return self.base.features.covers(records)

    def updated(self, candidates: Iterable = (), vacancies: Iterable = (), removed_candidates: Iterable[str] = (),
                removed_vacancies: Iterable[str] = ()) -> LiveIndex:
        """A new LiveIndex (sharing the base) with records added or replaced (by id) and ids removed; unknown
        removed ids are ignored; this one stays as it was.

        Raises ValueError when a record needs vocabulary the base lacks (see :meth:`covers`)."""
        candidates, vacancies = list(candidates), list(vacancies)
        if not self.covers(candidates) or not self.covers(vacancies):
            raise ValueError("records use a language, credential or talent the base index was not fitted on; "
                             "build a new index")
        sides = {
            "c": self._updated_side("c", candidates, removed_candidates, self.base.features.encode_candidates),
            "v": self._updated_side("v", vacancies, removed_vacancies, self.base.features.encode_vacancies),
        }
        return LiveIndex(self.base, self._rows, sides)

    def _updated_side(self, key, records, removed, encode) -> _Side:
        removed = [str(r) for r in removed]
        side = self._sides[key]
        if not records and not removed:
            return side
        rows = self._rows[key]
        masked = side.masked.copy()
        overlay = dict(side.records)
        for rid in removed:
            overlay.pop(rid, None)
            if rid in rows:
                masked[rows[rid]] = True
        for record in records:
            overlay[record.id] = record
            if record.id in rows:
                masked[rows[record.id]] = True
        encoded = encode(list(overlay.values())) if overlay else None
        return _Side(masked, overlay, encoded)

    # --- rankings ------------------------------------------------------------------------------------------------

    @staticmethod
    def _merge(parts, top_k):
        """The top_k over several (encoded side, rows, other rows, score, failed) parts, best first: the part and
        the position within it of each winner."""
        ids = [part[0].ids[r] for part in parts for r in part[1].tolist()]
        if not ids:
            return []
        which = np.concatenate([np.full(len(part[1]), n) for n, part in enumerate(parts)])
        pos = np.concatenate([np.arange(len(part[1])) for part in parts])
        score = np.concatenate([part[3] for part in parts])
        failed = np.concatenate([part[4] for part in parts])
        order = np.lexsort((id_rank(ids), -score, failed))[:top_k]
        return list(zip(which[order].tolist(), pos[order].tolist(), strict=True))

    def _explained(self, parts, winners, explain) -> list[Match]:
        chosen: dict[int, list[int]] = {}
        for n, p in winners:
            chosen.setdefault(n, []).append(p)
        explained = {}
        for n, positions in chosen.items():
            matches = explain(parts[n], np.asarray(positions, dtype=np.intp))
            explained.update({(n, p): m for p, m in zip(positions, matches, strict=True)})
        return [explained[w] for w in winners]

    def _vacancy_parts(self, V, k):
        """(encoded candidates, candidate rows, vacancy rows, score, failed) from the base and the overlay."""
        base, side = self.base, self._sides["c"]
        parts = []
        if len(base.C):
            ci, vi, score, failed = base.scored_pairs(k + side.n_masked, base.C, V)
            keep = ~side.masked[ci]
            parts.append((base.C, ci[keep], vi[keep], score[keep], failed[keep]))
        if side.encoded is not None:
            parts.append((side.encoded, *base.scored_pairs(k, side.encoded, V)))
        return parts

    def rank_vacancy(self, vacancy, top_k: int = 10) -> VacancyRanking:
        """A vacancy against every current candidate, top_k with explanations."""
        V = self.base.features.encode_vacancies([vacancy])
        parts = self._vacancy_parts(V, top_k)
        winners = self._merge(parts, top_k)
        matches = self._explained(parts, winners, lambda part, at: self.base.matches(part[1][at], part[2][at],
                                                                                     C=part[0], V=V))
        return VacancyRanking(vacancy.id, tuple(matches))

    def eligible_at_least(self, vacancy, min_score: float) -> list[tuple[str, float]]:
        """(candidate id, score) of every current candidate who meets all hard requirements of this vacancy with a
        score of at least ``min_score``, best first (ties by id); no explanations. Only pairs whose float32 rank
        key comes near ``min_score`` are scored exactly, so counting fits costs little more than one rank key row."""
        base, side = self.base, self._sides["c"]
        V = base.features.encode_vacancies([vacancy])
        found = []
        for C, masked in ((base.C, side.masked), (side.encoded, None)):
            if C is None or len(C) == 0:
                continue
            ci, score = base.eligible_at_least(C, V, min_score)
            keep = np.ones(len(ci), dtype=bool) if masked is None else ~masked[ci]
            found.extend(zip((C.ids[i] for i in ci[keep].tolist()), score[keep].tolist(), strict=True))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))

    def rank_candidate(self, candidate, top_k: int = 10) -> list[Match]:
        """A candidate against every current vacancy, top_k with explanations."""
        base, side = self.base, self._sides["v"]
        C = base.features.encode_candidates([candidate])
        parts = []
        if len(base.V):
            ci, vi, score, failed = base.scored_vacancy_pairs(top_k + side.n_masked, C, base.V)
            keep = ~side.masked[vi]
            parts.append((base.V, vi[keep], ci[keep], score[keep], failed[keep]))
        if side.encoded is not None:
            ci, vi, score, failed = base.scored_vacancy_pairs(top_k, C, side.encoded)
            parts.append((side.encoded, vi, ci, score, failed))
        winners = self._merge(parts, top_k)
        return self._explained(parts, winners, lambda part, at: base.matches(part[2][at], part[1][at],
                                                                            C=C, V=part[0]))
