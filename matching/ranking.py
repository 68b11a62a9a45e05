"""Ranking: top-k candidates per vacancy and top-k vacancies per candidate, chunked so memory stays bounded.

For a chunk of vacancies, every comparison adds its block into one float32 *rank key* matrix
``key = score - PENALTY * (number of failed hard requirements)``, so eligible pairs (key in [0, 1]) always come
before ineligible ones (key <= -1). The best rows are selected with ``np.partition`` (with a small margin, so
float32 rounding and ties can never push a pair out), then rescored exactly in float64 and ordered by
(eligible, score, candidate id): the result does not depend on input order. Explanations are built for the
final top-k only.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .features import PENALTY, CandidateVector, Dense, SparseBlock, Table
from .scorer import Contribution, Match, VacancyRanking

__all__ = ["MatchIndex", "TARGET_BLOCK_PAIRS"]

#: Pairs per score block (float32): about 16 MB per block, whatever the number of candidates.
TARGET_BLOCK_PAIRS = 4_000_000
MARGIN = 1e-4  # float32 keys vs float64 scores: keep everything this close to the k-th key


def _id_rank(ids: Sequence[str]) -> np.ndarray:
    order = sorted(range(len(ids)), key=ids.__getitem__)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    return rank


class MatchIndex:
    """Candidates and vacancies encoded once by a :class:`~matching.scorer.Matcher`, ready for ranking.

    ``top_candidates`` ranks every vacancy, ``top_vacancies`` every candidate; ``rank_vacancy`` and
    ``rank_candidate`` score one new record against the whole other side without re-encoding it.
    """

    def __init__(self, matcher, candidates: Sequence, vacancies: Sequence, n_jobs: int = 2):
        self.matcher = matcher
        self.n_jobs = n_jobs
        self.features = matcher.features().fit(candidates, vacancies)
        self.C = self.features.encode_candidates(candidates)
        self.V = self.features.encode_vacancies(vacancies)
        self.weights = matcher.weight_vector()
        self.weight_map = dict(zip(self.features.feature_names_, self.weights.tolist(), strict=True))
        self.model_version = matcher.model_version
        self.seats = np.array([v.seats for v in vacancies], dtype=np.int64)
        self.cand_rank = _id_rank(self.C.ids)
        self.vac_rank = _id_rank(self.V.ids)
        self._vac_order = None

    # --- blocks ------------------------------------------------------------------------------------------------

    def _key_block(self, C, V, rows: np.ndarray) -> np.ndarray:
        """float32 rank keys, shape (len(rows), len(C))."""
        n = len(C)
        key = np.zeros((len(rows), n), dtype=np.float32)
        for name, part in self.features.blocks(C, V, rows):
            w = np.float32(self.weight_map[name])
            if isinstance(part, Table):
                table = (w * part.values).astype(np.float32)
                if part.fails is not None:
                    table -= np.float32(PENALTY) * part.fails
                elif w == 0:
                    continue
                key += np.take(table, part.groups, axis=1)
            elif w == 0:
                continue
            elif isinstance(part, Dense):
                key += w * part.values
            elif isinstance(part, CandidateVector):
                key += w * part.values[None, :]
            elif isinstance(part, SparseBlock):
                m = part.matrix.tocoo()
                flat = key.reshape(-1)
                flat[m.row.astype(np.int64) * n + m.col] += w * m.data.astype(np.float32)
                if part.row_constant is not None:
                    key += (w * part.row_constant)[:, None]
            else:  # pragma: no cover - a new block type must be handled here
                raise TypeError(f"unknown block part {type(part).__name__}")
        return key

    def _vacancy_chunks(self, V, n_cand: int) -> list[np.ndarray]:
        """Vacancy rows in chunks, grouped by occupation so each chunk shares occupation work."""
        order = np.argsort(V.parts["occupation"]["occ"], kind="stable")
        size = self.matcher.chunk_size or max(1, TARGET_BLOCK_PAIRS // max(1, n_cand))
        return [order[i:i + size] for i in range(0, len(order), size)]

    def _select_per_vacancy(self, C, V, rows, k: int, eligible_only: bool):
        """(vacancy row, candidate row) pairs that may be in each vacancy's top k (a superset)."""
        key = self._key_block(C, V, rows)
        n = key.shape[1]
        if n > k:
            thr = np.partition(key, n - k, axis=1)[:, n - k]
            mask = key >= (thr - MARGIN)[:, None]
        else:
            mask = np.ones(key.shape, dtype=bool)
        if eligible_only:
            mask &= key > -0.5
        r, c = np.nonzero(mask)
        return rows[r], c

    def _map(self, fn, items):
        if self.n_jobs and self.n_jobs > 1 and len(items) > 1:
            with ThreadPoolExecutor(self.n_jobs) as pool:
                return list(pool.map(fn, items))
        return [fn(x) for x in items]

    # --- exact scoring -----------------------------------------------------------------------------------------

    def _exact(self, C, V, ci, vi):
        X, F, details = self.features.transform(C, V, ci, vi)
        contrib = X * self.weights
        score = contrib.sum(axis=1)
        eligible = ~F.any(axis=1)
        return X, F, details, contrib, score, eligible

    def _best(self, group, ci, vi, score, eligible, tie_rank, k):
        """Indices into the pair arrays of the k best per group (eligible, score, id), best first."""
        order = np.lexsort((tie_rank, -score, ~eligible, group))
        g = group[order]
        starts = np.r_[0, np.nonzero(np.diff(g))[0] + 1] if len(g) else np.zeros(0, dtype=np.int64)
        counts = np.diff(np.r_[starts, len(g)])
        pos = np.arange(len(g)) - np.repeat(starts, counts)
        return order[pos < k]

    def matches(self, ci: np.ndarray, vi: np.ndarray, C=None, V=None) -> list[Match]:
        """Scored, explained matches for explicit (candidate row, vacancy row) pairs, in the given order."""
        C = self.C if C is None else C
        V = self.V if V is None else V
        ci = np.asarray(ci, dtype=np.intp)
        vi = np.asarray(vi, dtype=np.intp)
        if len(ci) == 0:
            return []
        X, F, details, contrib, score, eligible = self._exact(C, V, ci, vi)
        described = self.features.describe(C, V, ci, vi, details)
        reasons = self.features.reasons(V, ci, vi, F, details)
        names = self.features.feature_names_
        used = [j for j, w in enumerate(self.weights) if w > 0]
        version = self.model_version
        cids, vids = C.ids, V.ids
        contrib_list = contrib.tolist()
        score_list = score.tolist()
        elig_list = eligible.tolist()
        out = []
        for k in range(len(ci)):
            row = contrib_list[k]
            expl = tuple(Contribution(names[j], row[j], *described[j][k]) for j in used)
            out.append(Match(cids[ci[k]], vids[vi[k]], score_list[k], elig_list[k], reasons[k], expl, version))
        return out

    # --- rankings ------------------------------------------------------------------------------------------------

    def select_pairs(self, top_k: int, eligible_only: bool = False, C=None, V=None):
        """The top_k (candidate row, vacancy row, score, eligible) per vacancy, as arrays grouped by vacancy row
        (vacancies in input order, best first within each)."""
        C = self.C if C is None else C
        V = self.V if V is None else V
        chunks = self._vacancy_chunks(V, len(C))
        picked = self._map(lambda rows: self._select_per_vacancy(C, V, rows, top_k, eligible_only), chunks)
        vi = np.concatenate([p[0] for p in picked]) if picked else np.zeros(0, dtype=np.intp)
        ci = np.concatenate([p[1] for p in picked]) if picked else np.zeros(0, dtype=np.intp)
        _, _, _, _, score, eligible = self._exact(C, V, ci, vi)
        if eligible_only:
            keep = eligible
            ci, vi, score, eligible = ci[keep], vi[keep], score[keep], eligible[keep]
        tie = self.cand_rank[ci] if C is self.C else _id_rank(C.ids)[ci]
        best = self._best(vi, ci, vi, score, eligible, tie, top_k)
        return ci[best], vi[best], score[best], eligible[best]

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
        V = self.V
        n = len(C)
        best_key = np.full((0, n), -np.inf, dtype=np.float32)
        best_row = np.zeros((0, n), dtype=np.intp)
        size = self.matcher.chunk_size or max(1, TARGET_BLOCK_PAIRS // max(1, n))
        for start in range(0, len(V), size):
            rows = np.arange(start, min(start + size, len(V)))
            key = np.concatenate([best_key, self._key_block(C, V, rows)])
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
        _, _, _, _, score, eligible = self._exact(C, V, cand, vi)
        best = self._best(cand, cand, vi, score, eligible, self.vac_rank[vi], top_k)
        ci, vi = cand[best], vi[best]
        matches = self.matches(ci, vi, C=C)
        out: list[list[Match]] = [[] for _ in range(n)]
        for row, m in zip(ci.tolist(), matches, strict=True):
            out[row].append(m)
        return out

    def rank_vacancy(self, vacancy, top_k: int = 10) -> VacancyRanking:
        """A new vacancy against every indexed candidate (nothing re-encoded but the vacancy)."""
        V = self.features.encode_vacancies([vacancy])
        ci, vi, _, _ = self.select_pairs(top_k, V=V)
        return VacancyRanking(vacancy.id, tuple(self.matches(ci, vi, V=V)))

    def rank_candidate(self, candidate, top_k: int = 10) -> list[Match]:
        """A new candidate against every indexed vacancy (nothing re-encoded but the candidate)."""
        C = self.features.encode_candidates([candidate])
        return self.top_vacancies(top_k, C=C)[0]
