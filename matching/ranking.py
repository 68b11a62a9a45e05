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

import gc
from collections.abc import Sequence
from contextlib import contextmanager
from itertools import repeat

import numpy as np
import scipy.sparse as sp

from .features import (
    PENALTY,
    CandidateVector,
    LinearDense,
    SparseBlock,
    VacancyProfiles,
    concat_pairs,
    factorise,
    subset_pairs,
)
from .scorer import Contribution, Match, VacancyRanking

try:  # what scipy's ``csr + dense`` runs after copying the dense array: dense += csr, in place, in C
    from scipy.sparse._sparsetools import csr_todense as _add_sparse_into
except ImportError:  # pragma: no cover
    _add_sparse_into = None

__all__ = ["MatchIndex", "TARGET_BLOCK_PAIRS"]

#: Pairs per score block (float32): about 8 MB per block, whatever the number of candidates.
TARGET_BLOCK_PAIRS = 2_000_000
MARGIN = 1e-4  # float32 keys vs float64 scores: keep everything this close to the k-th key
CACHE_BYTES = 256 * 2**20  # per-profile candidate vectors kept during one ranking call, per process
SORT_ROW_OPS = True
FEW_CANDIDATES = 64  # up to this many candidates per block, vacancy profiles are computed as one table


PARALLEL_MIN_PAIRS = 20_000_000  # below this, forking costs more than it saves
SAMPLE_STRIDE = 16
_WORK = None


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _run_share(share):
    """Worker: the j-th contiguous share of the chunks (chunks are sorted by occupation, so each worker computes
    the candidate vectors of its own occupations only)."""
    j, jobs = share
    index, C, V, chunks, top_k, eligible_only, tie = _WORK
    cache: dict = {}
    size = -(-len(chunks) // jobs)
    return [index._select_per_vacancy(C, V, rows, top_k, eligible_only, cache, tie)
            for rows in chunks[j * size:(j + 1) * size]]


def _sample_threshold(key: np.ndarray, k: int) -> np.ndarray:
    """Per row, a value about 2k entries of the row reach, estimated from every SAMPLE_STRIDE-th entry."""
    sample = -key[:, ::SAMPLE_STRIDE]
    ks = min(sample.shape[1], max(1, -(-2 * k // SAMPLE_STRIDE)))
    return -np.partition(sample, ks - 1, axis=1)[:, ks - 1]


def _top_entries(key: np.ndarray, k: int, floor: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every entry within MARGIN of its row's k-th largest entry, row by row (columns
    ascending): a superset of each row's top k that float32 rounding and ties cannot push a pair out of. With
    ``floor``, only entries >= floor (all of them in rows with fewer than k such entries).

    A strided sample guesses a threshold about 2k entries reach; one comparison pass picks them and the exact
    k-th is found among those few. Rows where the guess was too high (fewer than k picked, or the k-th within
    MARGIN of the guess) are picked again, alone, with the exact cut.
    """
    m, n = key.shape
    lowest = np.float32(-np.inf if floor is None else floor)
    if n <= k:
        t = np.full(m, -np.inf, dtype=np.float32)
    elif n >= 8 * SAMPLE_STRIDE * k:
        t = _sample_threshold(key, k).astype(np.float32)
    else:  # the exact k-th: pick everything within MARGIN of it at once
        t = np.partition(key, n - k, axis=1)[:, n - k].astype(np.float32) - np.float32(MARGIN)
    t = np.maximum(t, lowest)
    flat, need = _picks(key, k, t, lowest)
    fix = np.nonzero(need < t)[0]
    if len(fix):
        again, _ = _picks(key[fix], k, need[fix], lowest)
        redone = np.zeros(m, dtype=bool)
        redone[fix] = True
        flat = np.sort(np.r_[flat[~redone[flat // n]], fix[again // n] * n + again % n])
    return flat // n, flat % n


def _picks(key: np.ndarray, k: int, t: np.ndarray, lowest: np.float32) -> tuple[np.ndarray, np.ndarray]:
    """Flat indices of the entries >= ``t`` (per row) within MARGIN of their row's k-th largest, and per row the
    value every entry that belongs in the answer reaches (above ``t`` where the guess was too high)."""
    m, n = key.shape
    flat = np.flatnonzero(key >= t[:, None])  # 1-d: much faster than a 2-d nonzero
    r = flat // n
    counts = np.bincount(r, minlength=m)
    vals = key.reshape(-1)[flat]
    full = counts >= k
    kth = np.full(m, -np.inf, dtype=np.float32)
    if full.any():
        order = np.lexsort((-vals, r))
        starts = np.cumsum(counts) - counts
        kth[full] = vals[order[starts[full] + k - 1]]
    need = np.maximum(np.where(full, kth - np.float32(MARGIN), lowest), lowest)
    short = np.nonzero(~full & (t > lowest))[0]  # fewer than k picked: the exact k-th of those rows
    if len(short):
        exact = np.partition(key[short], n - k, axis=1)[:, n - k]
        need[short] = np.maximum(exact - np.float32(MARGIN), lowest)
    return flat[vals >= need[r]], need


def _score(contributions: np.ndarray) -> np.ndarray:
    """Scores from contributions, rounded to 12 decimals so equal fits tie exactly (then the id decides)."""
    return np.round(contributions.sum(axis=1), 12)


@contextmanager
def _no_gc():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        self.cand_rank = _id_rank(self.C.ids)
        self.vac_rank = _id_rank(self.V.ids)
        self._last_selection = None

    # --- blocks ------------------------------------------------------------------------------------------------

    def _profile_vector(self, cache: dict, part: VacancyProfiles, p: int, w: float, carrier=None):
        """Weighted float32 vector (or a float when constant) of one vacancy profile, computed once per call;
        ``carrier`` (a per-candidate vector) is added in."""
        key = (part.key, p, carrier is not None)
        got = cache.get(key)
        if got is None:
            values, fails = part.vector(p)
            vec = (np.float32(w) * values).astype(np.float32)
            if fails is not None:
                vec -= np.float32(PENALTY) * fails
            if carrier is not None:
                vec += carrier
            if len(vec) == 0 or (vec == vec[0]).all():
                got = float(vec[0]) if len(vec) else 0.0
            else:
                got = vec
                cache["_bytes"] = cache.get("_bytes", 0) + vec.nbytes
                if cache["_bytes"] > CACHE_BYTES:
                    cache.clear()
                    cache["_bytes"] = vec.nbytes
            cache[key] = got
        return got

    def _key_block(self, C, V, rows: np.ndarray, cache: dict | None = None) -> np.ndarray:
        """float32 rank keys, shape (len(rows), len(C)).

        Constants per vacancy row are gathered first and ride along in the one sparse x dense product (or fill
        the block); per-candidate vectors are folded into the first per-profile vectors (cached), so every pair is
        touched as few times as possible.
        """
        cache = {} if cache is None else cache
        n, m = len(C), len(rows)
        row_constant = np.zeros(m, dtype=np.float64)
        products: dict[int, list] = {}
        profiles, sparse_parts, vectors = [], [], []
        for name, part in self.features.blocks(C, V, rows):
            w = self.weight_map[name]
            if isinstance(part, LinearDense):
                if w != 0:
                    products.setdefault(id(part.right), [part.right, None])
                    entry = products[id(part.right)]
                    scaled = part.left * np.float32(w)
                    entry[1] = scaled if entry[1] is None else entry[1] + scaled
            elif isinstance(part, VacancyProfiles):
                profiles.append((part, w))
            elif w == 0:
                continue
            elif isinstance(part, CandidateVector):
                vectors.append(np.float32(w) * part.values.astype(np.float32))
            elif isinstance(part, SparseBlock):
                sparse_parts.append((part, w))
                if part.row_constant is not None:
                    row_constant += w * part.row_constant
            else:  # pragma: no cover - a new block type must be handled here
                raise TypeError(f"unknown block part {type(part).__name__}")
        extra = sum(vectors) if vectors else None

        # per-profile vectors: constants go to row_constant, the rest become row additions
        row_ops: list[tuple[int, np.ndarray]] = []
        tables = []
        for number, (part, w) in enumerate(profiles):
            carrier = extra if number == 0 else None
            if n <= FEW_CANDIDATES:
                tables.append(self._profile_table(part, w, n, carrier))
                continue
            for i, p in enumerate(part.index.tolist()):
                vec = self._profile_vector(cache, part, p, w, carrier)
                if isinstance(vec, float):
                    row_constant[i] += vec
                else:
                    row_ops.append((i, vec))
        if not profiles and extra is not None:
            row_ops.extend((i, extra) for i in range(m))

        if products:
            key = None
            for number, (right, left) in enumerate(products.values()):
                if number == 0:
                    left = left.tolil()
                    left[:, -1] = (left[:, -1].toarray().reshape(-1) + row_constant).reshape(-1, 1)
                    left = left.tocsr()
                product = np.asarray(left @ right, dtype=np.float32)
                key = product if key is None else np.add(key, product, out=key)
        else:
            key = np.empty((m, n), dtype=np.float32)
            key[:] = row_constant.astype(np.float32)[:, None]
        for table in tables:
            key += table
        if SORT_ROW_OPS:
            row_ops.sort(key=lambda op: op[0])  # all additions to one row together, while it is in cache
        for i, vec in row_ops:
            key[i] += vec
        for part, w in sparse_parts:
            sparse = sp.csr_array(part.matrix, dtype=np.float32)
            data = sparse.data * np.float32(w) if w != 1 else sparse.data
            if _add_sparse_into is None or not key.flags.c_contiguous:  # scipy without the routine
                key = sp.csr_array((data, sparse.indices, sparse.indptr), shape=sparse.shape) + key
            else:  # in place: saves a copy of the whole block
                _add_sparse_into(m, n, sparse.indptr, sparse.indices, data, key)
        return key

    def _profile_table(self, part: VacancyProfiles, w: float, n: int, carrier) -> np.ndarray:
        """All rows of a per-profile part at once (few candidates): weighted values minus penalties."""
        uniq, inverse = np.unique(part.index, return_inverse=True)
        if part.vectors is not None:
            values, fails = part.vectors(uniq)
        else:
            got = [part.vector(int(p)) for p in uniq]
            values = np.array([g[0] for g in got]).reshape(len(uniq), n)
            fails = None if got and got[0][1] is None else \
                np.array([g[1] for g in got], dtype=bool).reshape(len(uniq), n)
        table = (np.float32(w) * values).astype(np.float32)
        if fails is not None:
            table -= np.float32(PENALTY) * fails
        if carrier is not None:
            table += carrier[None, :]
        return table[inverse.reshape(-1)]

    def _vacancy_chunks(self, V, n_cand: int) -> list[np.ndarray]:
        """Vacancy rows in chunks, grouped by occupation so each chunk shares occupation work."""
        order = np.argsort(V.parts["occupation"]["occ"], kind="stable")
        size = self.matcher.chunk_size or max(1, TARGET_BLOCK_PAIRS // max(1, n_cand))
        return [order[i:i + size] for i in range(0, len(order), size)]

    def _select_per_vacancy(self, C, V, rows, k: int, eligible_only: bool, cache=None, tie=None):
        """The final top k of each vacancy in ``rows``: (candidate rows, vacancy rows, score, failed, X, F,
        details), best first per vacancy; eligible-only (the plan) the first four only. A chunk holds whole
        vacancies, so its top k is final; the exact rescoring happens here too (in the worker processes when there
        are any)."""
        key = self._key_block(C, V, rows, cache)
        r, c = _top_entries(key, k, floor=-0.5 if eligible_only else None)  # eligible keys are >= 0
        del key
        ci, vi = c, rows[r]
        X, F, details = self.features.transform(C, V, ci, vi)
        score, failed = _score(X * self.weights), F.sum(axis=1)
        keep = np.arange(len(ci))
        if eligible_only:
            keep = np.nonzero(failed == 0)[0]
        tie = self.cand_rank if tie is None else tie
        best = keep[self._best(vi[keep], ci[keep], vi[keep], score[keep], failed[keep], tie[ci[keep]], k)]
        if eligible_only:  # the plan: no explanations follow, so the comparison details need not travel back
            return ci[best], vi[best], score[best], failed[best]
        return (ci[best], vi[best], score[best], failed[best], X[best], F[best],
                [subset_pairs(pv, best) for pv in details])

    def _select_all(self, C, V, chunks, top_k, eligible_only, tie):
        """Run the chunks, in forked worker processes when the work is large enough; results in chunk order."""
        pairs = len(C) * len(V)
        jobs = self.n_jobs or 1
        if jobs > 1 and pairs >= PARALLEL_MIN_PAIRS and len(chunks) > 1 and _can_fork():
            import multiprocessing

            global _WORK
            _WORK = (self, C, V, chunks, top_k, eligible_only, tie)
            freeze = gc.get_freeze_count() == 0  # (never unfreeze what a caller froze)
            if freeze:  # the workers' collector then never walks (so never copies) the parent's objects
                gc.freeze()
            try:
                with multiprocessing.get_context("fork").Pool(jobs) as pool:
                    parts = pool.map(_run_share, [(j, jobs) for j in range(jobs)])
            finally:
                _WORK = None
                if freeze:
                    gc.unfreeze()
            return [p for part in parts for p in part]
        cache: dict = {}
        return [self._select_per_vacancy(C, V, rows, top_k, eligible_only, cache, tie) for rows in chunks]

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

    def _best(self, group, ci, vi, score, n_failed, tie_rank, k):
        """Indices into the pair arrays of the k best per group, best first: eligible pairs (no failed hard
        requirement) by score, then ineligible ones by fewest failed requirements and score; ties by id."""
        order = np.lexsort((tie_rank, -score, n_failed, group))
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
        with _no_gc():  # millions of small tuples: the cyclic GC would rescan them again and again
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
        tie = self.cand_rank if C is self.C else _id_rank(C.ids)
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
            key = np.concatenate([best_key, self._key_block(C, V, rows, cache)])
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
        tie = self.vac_rank if V is self.V else _id_rank(V.ids)
        best = self._best(cand, cand, vi, score, failed, tie[vi], top_k)
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
