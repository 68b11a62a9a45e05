"""A neighbourhood-wide placement plan: each vacancy at most ``seats`` people, each person at most one proposal,
only eligible pairs; as many people placed as possible, then the highest total score.

The graph holds each vacancy's ``top_k`` eligible candidates. Every vacancy is expanded into one row per seat and
every row gets a private "stay empty" column, so a full matching always exists; scipy's
``min_weight_full_bipartite_matching`` (LAPJVsp) then minimises ``sum(2 - score)`` over real edges plus a cost
larger than any score gain for each empty seat. So one more placement always wins, and among plans that place the
same number of people the one with the highest total score wins. When every seat row can be filled (a quick
Hopcroft-Karp check says so), the private columns are left out: the solver then needs about a fifth less time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import maximum_bipartite_matching, min_weight_full_bipartite_matching

__all__ = ["DEFAULT_PLAN_TOP_K", "GreedySummary", "Plan", "allocate", "plan_from_pairs", "without_pairs"]

#: Candidates per vacancy that enter the matching graph.
DEFAULT_PLAN_TOP_K = 50
#: What a pair to keep (already decided on) weighs above its score: only decides between otherwise equal plans.
KEEP_BONUS = 1e-7


@dataclass(frozen=True)
class GreedySummary:
    """What independent per-vacancy picks (each vacancy proposes its best ``seats`` eligible people) would do."""

    placed: int
    proposals: int
    proposed_to_several: int
    total_score: float


@dataclass(frozen=True)
class Plan:
    """The plan: (vacancy id, candidate id, score) assignments, vacancies in input order, best first."""

    assignments: list[tuple[str, str, float]]
    placed: int
    total_score: float
    greedy: GreedySummary

    @property
    def extra_placed(self) -> int:
        """How many more people the plan places than greedy per-vacancy picks."""
        return self.placed - self.greedy.placed

    def to_dict(self) -> dict:
        """The CLI's JSON shape."""
        return {
            "assignments": [{"vacancy": v, "candidate": c, "score": s} for v, c, s in self.assignments],
            "placed": self.placed,
            "total_score": self.total_score,
        }


def _greedy(ci: np.ndarray, vi: np.ndarray, score: np.ndarray, seats: np.ndarray) -> GreedySummary:
    """Pairs arrive grouped by vacancy, best first: each vacancy takes its first ``seats`` candidates."""
    if len(vi) == 0:
        return GreedySummary(0, 0, 0, 0.0)
    starts = np.r_[0, np.nonzero(np.diff(vi))[0] + 1]
    counts = np.diff(np.r_[starts, len(vi)])
    pos = np.arange(len(vi)) - np.repeat(starts, counts)
    picked = pos < seats[vi]
    people, times = np.unique(ci[picked], return_counts=True)
    # a person proposed to several vacancies takes the best one
    best = {}
    for c, s in zip(ci[picked].tolist(), score[picked].tolist(), strict=True):
        if s > best.get(c, -1.0):
            best[c] = s
    return GreedySummary(
        placed=int(len(people)),
        proposals=int(picked.sum()),
        proposed_to_several=int((times > 1).sum()),
        total_score=float(sum(best.values())),
    )


def without_pairs(ci, vi, score, excluded, top_k: int | None = None):
    """The pairs without the ``excluded`` (vacancy row, candidate row) ones, then at most ``top_k`` per vacancy;
    still grouped by vacancy, best first. Greedy picks and the plan are then computed on the same pairs."""
    ci = np.asarray(ci, dtype=np.int64)
    vi = np.asarray(vi, dtype=np.int64)
    score = np.asarray(score, dtype=np.float64)
    if excluded:
        drop = np.array([(int(v), int(c)) in excluded for v, c in zip(vi.tolist(), ci.tolist(), strict=True)],
                        dtype=bool)
        ci, vi, score = ci[~drop], vi[~drop], score[~drop]
    if top_k is not None and len(vi):
        starts = np.r_[0, np.nonzero(np.diff(vi))[0] + 1]
        pos = np.arange(len(vi)) - np.repeat(starts, np.diff(np.r_[starts, len(vi)]))
        ci, vi, score = ci[pos < top_k], vi[pos < top_k], score[pos < top_k]
    return ci, vi, score


def plan_from_pairs(ci: np.ndarray, vi: np.ndarray, score: np.ndarray, seats: np.ndarray,
                    cand_ids: Sequence[str], vac_ids: Sequence[str], keep=frozenset()) -> Plan:
    """The optimal plan over eligible pairs ``(ci[k], vi[k], score[k])`` grouped by vacancy, best first. Among
    plans that place as many people with the same total score, the one keeping most ``keep`` (vacancy row,
    candidate row) pairs wins."""
    ci = np.asarray(ci, dtype=np.int64)
    vi = np.asarray(vi, dtype=np.int64)
    score = np.asarray(score, dtype=np.float64)
    seats = np.asarray(seats, dtype=np.int64)
    greedy = _greedy(ci, vi, score, seats)
    if len(ci) == 0:
        return Plan([], 0, 0.0, greedy)

    # Only vacancies with candidates need rows; a vacancy needs no more seat rows than it has candidates.
    vac_used, edges_per_vac = np.unique(vi, return_counts=True)
    rows_per_vac = np.minimum(seats[vac_used], edges_per_vac)
    row_start = np.zeros(len(seats) + 1, dtype=np.int64)
    row_start[vac_used + 1] = rows_per_vac
    row_start = np.cumsum(row_start)
    n_rows = int(row_start[-1])
    cand_used, col = np.unique(ci, return_inverse=True)
    n_cols = len(cand_used)

    # Edge k appears once per seat row of its vacancy.
    copies = rows_per_vac[np.searchsorted(vac_used, vi)]
    edge = np.repeat(np.arange(len(ci)), copies)
    seat = np.arange(len(edge)) - np.repeat(np.cumsum(copies) - copies, copies)
    rows = row_start[vi[edge]] + seat
    cols = col[edge]
    big = 2.0
    empty = big + n_rows + 1.0  # more than any total score difference
    bonus = np.zeros(len(ci))
    if keep:  # (a Python test per pair: only when there is something to keep)
        bonus[:] = [KEEP_BONUS if (v, c) in keep else 0.0 for v, c in zip(vi.tolist(), ci.tolist(), strict=True)]
    graph = _seat_graph(rows, cols, big - score[edge] - bonus[edge], n_rows, n_cols, empty)
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    real = matched_cols < n_cols
    r, c = matched_rows[real], matched_cols[real]

    # Back from (seat row, candidate column) to pairs.
    row_vac = np.repeat(np.arange(len(seats)), np.diff(row_start))
    v_of = row_vac[r]
    c_of = cand_used[c]
    # exact scores of the chosen pairs, looked up by (vacancy, candidate)
    n_c = int(max(ci.max(), c_of.max() if len(c_of) else 0)) + 1
    keys = vi * n_c + ci
    order_keys = np.argsort(keys, kind="stable")
    at = order_keys[np.searchsorted(keys[order_keys], v_of * n_c + c_of)]
    s_of = score[at]
    id_rank = np.argsort(np.argsort(np.asarray(cand_ids, dtype=object)[c_of], kind="stable"), kind="stable") \
        if len(c_of) else np.zeros(0, dtype=np.int64)
    order = np.lexsort((id_rank, -s_of, v_of))
    assignments = [(vac_ids[v], cand_ids[cc], sc) for v, cc, sc in
                   zip(v_of[order].tolist(), c_of[order].tolist(), s_of[order].tolist(), strict=True)]
    total = float(sum(s for _, _, s in assignments))
    return Plan(assignments, len(assignments), total, greedy)


def _seat_graph(rows, cols, cost, n_rows: int, n_cols: int, empty: float) -> sp.csr_matrix:
    """The (seat row x candidate column) cost matrix, plus a private "stay empty" column per row at cost ``empty``
    unless every row can be filled: a quick Hopcroft-Karp check; the optimal plans are then exactly the full
    matchings of least cost, and the solver runs about a fifth faster without the extra columns."""
    reach = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_rows, n_cols))
    if (maximum_bipartite_matching(reach, perm_type="column") >= 0).all():
        return sp.csr_matrix((cost, (rows, cols)), shape=(n_rows, n_cols))
    return sp.csr_matrix((np.r_[cost, np.full(n_rows, empty)],
                          (np.r_[rows, np.arange(n_rows)], np.r_[cols, n_cols + np.arange(n_rows)])),
                         shape=(n_rows, n_cols + n_rows))


def _rows(pairs, vac_ids, cand_ids) -> set[tuple[int, int]]:
    """(vacancy id, candidate id) pairs -> (vacancy row, candidate row), for the ids in the index."""
    if not pairs:
        return set()
    v_row = {str(v): k for k, v in enumerate(vac_ids)}
    c_row = {str(c): k for k, c in enumerate(cand_ids)}
    return {(v_row[str(v)], c_row[str(c)]) for v, c in pairs if str(v) in v_row and str(c) in c_row}


def allocate(candidates: Sequence, vacancies: Sequence, matcher=None, top_k: int = DEFAULT_PLAN_TOP_K,
             index=None, exclude=(), keep=()) -> Plan:
    """The neighbourhood-wide plan for these candidates and vacancies (see module docstring). ``exclude``:
    (vacancy id, candidate id) pairs never to propose (rejected by staff); ``keep``: pairs already decided on,
    kept when that is as good as anything else. Greedy picks are computed on the same pairs."""
    from .scorer import Matcher

    if index is None:
        index = (matcher or Matcher()).index(candidates, vacancies)
    excluded = _rows(exclude, index.V.ids, index.C.ids)
    extra = max(np.bincount([v for v, _c in excluded]).max(), 0) if excluded else 0
    ci, vi, score, _ = index.select_pairs(top_k + int(extra), eligible_only=True)
    ci, vi, score = without_pairs(ci, vi, score, excluded, top_k)
    return plan_from_pairs(ci, vi, score, index.seats, index.C.ids, index.V.ids,
                           keep=_rows(keep, index.V.ids, index.C.ids))
