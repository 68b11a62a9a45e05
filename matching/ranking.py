"""Ranking: top-k candidates per vacancy and top-k vacancies per candidate, chunked so memory stays bounded.

For a chunk of vacancies, every comparison adds its block into one float32 *rank key* matrix
``key = score - PENALTY * (number of failed hard requirements)``, so eligible pairs (key in [0, 1]) always come
before ineligible ones (key <= -1), and ineligible ones come by fewest failed requirements, then score.
The best are selected with a sampled threshold and an exact cut among the few entries it picks (keeping everything
within a small margin of each row's k-th key, so float32 rounding and ties never push a pair out), rescored
exactly in float64 and ordered by (failed requirements, score, id): the result does not depend on input order.
Explanations are built for the final top-k only; an eligible-only selection (the placement plan) builds none and
keeps no comparison details.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

import numpy as np

from .features import concat_pairs, factorise, subset_pairs
from .keyblock import RankKeys
from .parallel import map_chunks, without_cyclic_gc
from .results import Contribution, Match, VacancyRanking
from .topk import MARGIN, best_per_group, id_rank, top_entries

__all__ = ["MatchIndex", "TARGET_BLOCK_PAIRS"]

#: Pairs per score block (float32): about 32 MB per block, whatever the number of candidates (fewer, larger blocks
#: spend less on the fixed work of each block; 2 million took about 10 % more CPU on the bench).
TARGET_BLOCK_PAIRS = 8_000_000


def _score(contributions: np.ndarray) -> np.ndarray:
    """Scores from contributions, rounded to 12 decimals so equal fits tie exactly (then the id decides)."""
    return np.round(contributions.sum(axis=1), 12)


class MatchIndex:
    """Candidates and vacancies encoded once by a :class:`~matching.scorer.Matcher`, ready for ranking.

    ``top_candidates`` ranks every vacancy, ``top_vacancies`` every candidate; ``rank_vacancy`` and
    ``rank_candidate`` score one new record against the whole other side without re-encoding it.
    """

    def __init__(self, matcher, candidates: Sequence, vacancies: Sequence, n_jobs: int | None = None):
        self.matcher = matcher
        self.n_jobs = getattr(matcher, "n_jobs", 1) if n_jobs is None else n_jobs
        self.features = matcher.features().fit(candidates, vacancies)
        self.C = self.features.encode_candidates(candidates)
        self.V = self.features.encode_vacancies(vacancies)
        self.weights = matcher.weight_vector()
        self.weight_map = dict(zip(self.features.feature_names_, self.weights.tolist(), strict=True))
        self.model_version = matcher.model_version
        self.seats = np.array([v.seats for v in vacancies], dtype=np.int64)
        self.rank_keys = RankKeys(self.features, self.weight_map)
        self.cand_rank = id_rank(self.C.ids)
        self.vac_rank = id_rank(self.V.ids)
        self._last_selection = None

    # --- blocks ------------------------------------------------------------------------------------------------

    def key_block(self, C, V, rows: np.ndarray, cache: dict | None = None, out: np.ndarray | None = None):
        """float32 rank keys ``score - PENALTY * failed hard requirements`` of every candidate of ``C`` against the
        vacancies ``rows`` of ``V``: shape (len(rows), len(C)); written into ``out`` when given (see
        :meth:`RankKeys.block`)."""
        return self.rank_keys.block(C, V, rows, cache, out)

    def _vacancy_chunks(self, V, n_cand: int) -> list[np.ndarray]:
        """Vacancy rows in chunks, grouped by occupation so each chunk shares occupation work."""
        order = np.argsort(V.parts["occupation"]["occ"], kind="stable")
        size = self.matcher.chunk_size or max(1, min(TARGET_BLOCK_PAIRS // max(1, n_cand),
                                                     -(-len(order) // 8)))  # >= 8 chunks for the workers to share
        return [order[i:i + size] for i in range(0, len(order), size)]

    def _select_per_vacancy(self, C, V, rows, k: int, eligible_only: bool, cache=None, tie=None, out=None):
        """The final top k of each vacancy in ``rows``: (candidate rows, vacancy rows, score, failed, X, F,
        details), best first per vacancy; eligible-only (the plan) the first four only. A chunk holds whole
        vacancies, so its top k is final; the exact rescoring happens here too (in the worker processes when there
        are any). ``out``: a buffer for the rank keys (see :meth:`key_block`)."""
        key = self.key_block(C, V, rows, cache, out)
        r, c = top_entries(key, k, floor=-0.5 if eligible_only else None)  # eligible keys are >= 0
        del key
        ci, vi = c, rows[r]
        X, F, details = self.features.transform(C, V, ci, vi)
        score, failed = _score(X * self.weights), F.sum(axis=1)
        keep = np.arange(len(ci))
        if eligible_only:
            keep = np.nonzero(failed == 0)[0]
        tie = self.cand_rank if tie is None else tie
        best = keep[best_per_group(vi[keep], score[keep], failed[keep], tie[ci[keep]], k)]
        if eligible_only:  # the plan: no explanations follow, so the comparison details need not travel back
            return ci[best], vi[best], score[best], failed[best]
        return (ci[best], vi[best], score[best], failed[best], X[best], F[best],
                [subset_pairs(pv, best) for pv in details])

    def _select_all(self, C, V, chunks, top_k, eligible_only, tie):
        """Run the chunks, in forked worker processes when the work is large enough; results in chunk order."""
        cache: dict = {}  # per process: each worker gets its own copy
        size = max(len(rows) for rows in chunks) * len(C) if chunks else 0
        buffer: list = []  # one rank-key buffer per process, made by the first chunk it runs

        def select(rows):
            if not buffer:
                buffer.append(np.empty(size, dtype=np.float32))
            return self._select_per_vacancy(C, V, rows, top_k, eligible_only, cache, tie, buffer[0])

        return map_chunks(select, chunks, self.n_jobs or 1, len(C) * len(V))

    # --- exact scoring -----------------------------------------------------------------------------------------

    def _exact(self, C, V, ci, vi):
        X, F, details = self.features.transform(C, V, ci, vi)
        contrib = X * self.weights
        score = _score(contrib)
        eligible = ~F.any(axis=1)
        return X, F, details, contrib, score, eligible

    def _ranked(self, C, V, ci, vi):
        """Score and number of failed hard requirements (the rank order) of pairs; the full comparison results
        are kept in ``_last_transform`` so the explanations of the winners need not recompute them."""
        X, F, details = self.features.transform(C, V, ci, vi)
        self._last_transform = (C, V, ci, vi, X, F, details)
        return _score(X * self.weights), F.sum(axis=1)

    def eligible_at_least(self, C, V, min_score: float) -> tuple[np.ndarray, np.ndarray]:
        """(rows of ``C``, scores) of the candidates that meet every hard requirement of the one vacancy in ``V``
        with a score of at least ``min_score``; no explanations. Only pairs whose float32 rank key comes near
        ``min_score`` are scored exactly, so this costs little more than one rank-key row."""
        near = self.key_block(C, V, np.zeros(1, dtype=np.intp))[0] >= min_score - MARGIN
        ci = np.nonzero(near)[0]
        X, F, _ = self.features.transform(C, V, ci, np.zeros(len(ci), dtype=np.intp))
        score, failed = _score(X * self.weights), F.sum(axis=1)
        ok = (failed == 0) & (score >= min_score)
        return ci[ok], score[ok]

    def matches(self, ci: np.ndarray, vi: np.ndarray, C=None, V=None) -> list[Match]:
        """Scored, explained matches for explicit (candidate row, vacancy row) pairs, in the given order."""
        C = self.C if C is None else C
        V = self.V if V is None else V
        ci = np.asarray(ci, dtype=np.intp)
        vi = np.asarray(vi, dtype=np.intp)
        if len(ci) == 0:
            return []
        with without_cyclic_gc():  # millions of small tuples: the cyclic GC would rescan them again and again
            return self._matches(ci, vi, C, V, self._reuse(ci, vi, C, V))

    def _reuse(self, ci, vi, C, V):
        """(X, F, details) of these pairs from the last ranking, when they were among its rescored pairs."""
        last = getattr(self, "_last_transform", None)
        if last is None or last[0] is not C or last[1] is not V or len(last[2]) == 0 or len(ci) == 0:
            return None
        _, _, lci, lvi, X, F, details = last
        n = len(C)
        keys = lvi.astype(np.int64) * n + lci
        order = np.argsort(keys, kind="stable")
        want = vi.astype(np.int64) * n + ci
        pos = np.searchsorted(keys[order], want)
        pos = np.minimum(pos, len(order) - 1)
        at = order[pos]
        if not np.array_equal(keys[at], want):
            return None
        return X[at], F[at], [subset_pairs(pv, at) for pv in details]

    def _matches(self, ci, vi, C, V, pre=None) -> list[Match]:
        if pre is None:
            X, F, details, contrib, score, eligible = self._exact(C, V, ci, vi)
        else:
            X, F, details = pre
            contrib = X * self.weights
            score = _score(contrib)
            eligible = ~F.any(axis=1)
        described = self.features.describe(C, V, ci, vi, details)
        reasons = self.features.reasons(V, ci, vi, F, details)
        names = self.features.feature_names_
        used = [j for j, w in enumerate(self.weights.tolist()) if w > 0]
        table = np.empty((len(ci), len(used)), dtype=object)
        for col, j in enumerate(used):
            name = names[j]
            descriptions, inverse = described[j]
            # one Contribution per distinct (description, contribution), shared by the pairs that have it; most
            # descriptions fix the value, which one vectorised comparison confirms
            first = np.zeros(len(descriptions), dtype=np.int64)
            first[inverse[::-1]] = np.arange(len(inverse))[::-1]
            if len(inverse) and np.array_equal(contrib[first[inverse], j], contrib[:, j]):
                which = inverse
            else:
                first, which = factorise([inverse, contrib[:, j]])
            values = contrib[first, j].tolist()
            shared = np.fromiter((Contribution(name, x, *descriptions[d])
                                  for x, d in zip(values, inverse[first].tolist(), strict=True)),
                                 dtype=object, count=len(first))
            table[:, col] = shared[which]
        explanations = map(tuple, table.tolist())
        cids = np.asarray(C.ids, dtype=object)[ci].tolist()
        vids = np.asarray(V.ids, dtype=object)[vi].tolist()
        return list(map(Match._make, zip(cids, vids, score.tolist(), eligible.tolist(), reasons, explanations,
                                         repeat(self.model_version, len(ci)), strict=False)))

    # --- rankings ------------------------------------------------------------------------------------------------

    def select_pairs(self, top_k: int, eligible_only: bool = False, C=None, V=None):
        """The top_k (candidate row, vacancy row, score, eligible) per vacancy, as arrays grouped by vacancy row
        (vacancies in input order, best first within each).

        The last full selection is remembered: eligible pairs always come first, so a later eligible-only
        selection with the same or smaller k (the plan after a ranking) reuses it."""
        if top_k < 0:
            raise ValueError(f"top_k must not be negative, got {top_k}")
        if C is None and V is None:
            last = self._last_selection
            if last is not None and last[0] >= top_k:
                ci, vi, score, eligible = last[1]
                if eligible_only:
                    keep = eligible
                    ci, vi, score, eligible = ci[keep], vi[keep], score[keep], eligible[keep]
                if last[0] > top_k:
                    starts = np.r_[0, np.nonzero(np.diff(vi))[0] + 1] if len(vi) else np.zeros(0, dtype=np.int64)
                    counts = np.diff(np.r_[starts, len(vi)])
                    pos = np.arange(len(vi)) - np.repeat(starts, counts)
                    keep = pos < top_k
                    ci, vi, score, eligible = ci[keep], vi[keep], score[keep], eligible[keep]
                return ci, vi, score, eligible
            if not eligible_only:
                ci, vi, score, failed = self.scored_pairs(top_k, self.C, self.V)
                result = (ci, vi, score, failed == 0)
                self._last_selection = (top_k, result)
                return result
        ci, vi, score, failed = self.scored_pairs(top_k, self.C if C is None else C, self.V if V is None else V,
                                                  eligible_only)
        return ci, vi, score, failed == 0

    def scored_pairs(self, top_k: int, C, V, eligible_only: bool = False):
        """Like :meth:`select_pairs` for explicit encoded sides, with the number of failed hard requirements of
        each pair instead of a yes/no (what merging rankings over several encoded sides needs)."""
        if top_k <= 0:
            empty = np.zeros(0, dtype=np.intp)
            return empty, empty, np.zeros(0), np.zeros(0, dtype=np.int64)
        chunks = self._vacancy_chunks(V, len(C))
        tie = self.cand_rank if C is self.C else id_rank(C.ids)
        picked = self._select_all(C, V, chunks, top_k, eligible_only, tie)
        if not picked:
            empty = np.zeros(0, dtype=np.intp)
            return empty, empty, np.zeros(0), np.zeros(0, dtype=np.int64)
        ci = np.concatenate([p[0] for p in picked])
        vi = np.concatenate([p[1] for p in picked])
        order = np.argsort(vi, kind="stable")  # vacancies in input order, each still best first
        ci, vi = ci[order], vi[order]
        score = np.concatenate([p[2] for p in picked])[order]
        failed = np.concatenate([p[3] for p in picked])[order]
        if not eligible_only:  # kept so the explanations of these pairs need not recompute them
            X = np.concatenate([p[4] for p in picked])[order]
            F = np.concatenate([p[5] for p in picked])[order]
            details = [subset_pairs(concat_pairs([p[6][j] for p in picked]), order)
                       for j in range(len(picked[0][6]))]
            self._last_transform = (C, V, ci, vi, X, F, details)
        return ci, vi, score, failed

    def top_candidates(self, top_k: int = 10) -> list[VacancyRanking]:
        """The top_k candidates for every vacancy (input order), with explanations."""
        ci, vi, _, _ = self.select_pairs(top_k)
        matches = self.matches(ci, vi)
        by_vacancy: list[list[Match]] = [[] for _ in range(len(self.V))]
        for row, m in zip(vi.tolist(), matches, strict=True):
            by_vacancy[row].append(m)
        return [VacancyRanking(vid, tuple(ms)) for vid, ms in zip(self.V.ids, by_vacancy, strict=True)]

    def top_vacancies(self, top_k: int = 10, C=None) -> list[list[Match]]:
        """The top_k vacancies for every candidate (input order), with explanations."""
        C = self.C if C is None else C
        ci, vi, _, _ = self.scored_vacancy_pairs(top_k, C, self.V)
        matches = self.matches(ci, vi, C=C)
        out: list[list[Match]] = [[] for _ in range(len(C))]
        for row, m in zip(ci.tolist(), matches, strict=True):
            out[row].append(m)
        return out

    def scored_vacancy_pairs(self, top_k: int, C, V):
        """The top_k (candidate row, vacancy row, score, failed hard requirements) per candidate of ``C`` against
        ``V``, grouped by candidate row, best first."""
        n = len(C)
        if top_k <= 0 or len(V) == 0 or n == 0:
            empty = np.zeros(0, dtype=np.intp)
            return empty, empty, np.zeros(0), np.zeros(0, dtype=np.int64)
        best_key = np.full((0, n), -np.inf, dtype=np.float32)
        best_row = np.zeros((0, n), dtype=np.intp)
        size = self.matcher.chunk_size or max(1, TARGET_BLOCK_PAIRS // max(1, n))
        cache: dict = {}
        for start in range(0, len(V), size):
            rows = np.arange(start, min(start + size, len(V)))
            key = np.concatenate([best_key, self.key_block(C, V, rows, cache)])
            vrow = np.concatenate([best_row, np.broadcast_to(rows[:, None], (len(rows), n))])
            if key.shape[0] > top_k:
                # keep the top_k per candidate plus anything within the margin of the k-th
                thr = np.partition(key, key.shape[0] - top_k, axis=0)[key.shape[0] - top_k]
                keep_any = key >= (thr - MARGIN)[None, :]
                depth = int(keep_any.sum(axis=0).max())
                order = np.argsort(-key, axis=0, kind="stable")[:depth]
                best_key = np.take_along_axis(key, order, axis=0)
                best_row = np.take_along_axis(vrow, order, axis=0)
                best_key = np.where(np.take_along_axis(keep_any, order, axis=0), best_key, -np.inf)
            else:
                best_key, best_row = key, vrow
        valid = np.isfinite(best_key)
        cand, _ = np.nonzero(valid.T)
        vi = best_row.T[valid.T]
        score, failed = self._ranked(C, V, cand, vi)
        tie = self.vac_rank if V is self.V else id_rank(V.ids)
        best = best_per_group(cand, score, failed, tie[vi], top_k)
        return cand[best], vi[best], score[best], failed[best]

    def rank_vacancy(self, vacancy, top_k: int = 10) -> VacancyRanking:
        """A new vacancy against every indexed candidate (nothing re-encoded but the vacancy)."""
        V = self.features.encode_vacancies([vacancy])
        ci, vi, _, _ = self.select_pairs(top_k, V=V)
        return VacancyRanking(vacancy.id, tuple(self.matches(ci, vi, V=V)))

    def rank_candidate(self, candidate, top_k: int = 10) -> list[Match]:
        """A new candidate against every indexed vacancy (nothing re-encoded but the candidate)."""
        C = self.features.encode_candidates([candidate])
        return self.top_vacancies(top_k, C=C)[0]
