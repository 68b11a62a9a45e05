"""Picking the best: each row's top k entries of a float32 rank-key block, and the final order of scored pairs.

A strided sample guesses a threshold about 2k entries of a row reach; one comparison pass picks them and the exact
k-th is found among those few. Everything within ``MARGIN`` of a row's k-th key is kept, so float32 rounding and
ties never push a pair out before it is rescored exactly; the final order is (failed hard requirements, score,
id), so the result never depends on input order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["MARGIN", "best_per_group", "id_rank", "top_entries"]

MARGIN = 1e-4  # float32 keys vs float64 scores: keep everything this close to the k-th key
SAMPLE_STRIDE = 16


def sample_threshold(key: np.ndarray, k: int) -> np.ndarray:
    """Per row, a value about 2k entries of the row reach, estimated from every SAMPLE_STRIDE-th entry."""
    sample = -key[:, ::SAMPLE_STRIDE]
    ks = min(sample.shape[1], max(1, -(-2 * k // SAMPLE_STRIDE)))
    return -np.partition(sample, ks - 1, axis=1)[:, ks - 1]


def top_entries(key: np.ndarray, k: int, floor: float | None = None) -> tuple[np.ndarray, np.ndarray]:
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
        t = sample_threshold(key, k).astype(np.float32)
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


def id_rank(ids: Sequence[str]) -> np.ndarray:
    """Each id's position in sorted order (ties in a ranking go to the smaller id)."""
    order = sorted(range(len(ids)), key=ids.__getitem__)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    return rank


def best_per_group(group, score, n_failed, tie_rank, k):
    """Indices into the pair arrays of the k best per group, best first: eligible pairs (no failed hard
    requirement) by score, then ineligible ones by fewest failed requirements and score; ties by id."""
    order = np.lexsort((tie_rank, -score, n_failed, group))
    g = group[order]
    starts = np.r_[0, np.nonzero(np.diff(g))[0] + 1] if len(g) else np.zeros(0, dtype=np.int64)
    counts = np.diff(np.r_[starts, len(g)])
    pos = np.arange(len(g)) - np.repeat(starts, counts)
    return order[pos < k]
