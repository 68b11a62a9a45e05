"""Running the ranking's chunks in forked worker processes.

The workers are forked, so they see the parent's encoded records without pickling them; only their results travel
back. Before forking, the parent's objects are frozen out of the cyclic garbage collector (``gc.freeze``), so a
collection in a worker never touches, and so never copies, the pages it shares with the parent.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence

__all__ = ["PARALLEL_MIN_PAIRS", "can_fork", "map_chunks"]

PARALLEL_MIN_PAIRS = 20_000_000  # below this, forking costs more than it saves
_WORK = None


def can_fork() -> bool:
    """Whether worker processes can be forked here (not on Windows, nor where only spawn exists)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _run_share(share):
    """Worker: the j-th contiguous share of the chunks (chunks are sorted by occupation, so each worker computes
    the candidate vectors of its own occupations only)."""
    j, jobs = share
    task, chunks = _WORK
    size = -(-len(chunks) // jobs)
    return [task(rows) for rows in chunks[j * size:(j + 1) * size]]


def map_chunks(task: Callable, chunks: Sequence, jobs: int, pairs: int) -> list:
    """``[task(chunk) for chunk in chunks]``, in ``jobs`` forked workers when the work (``pairs``) is large."""
    if jobs <= 1 or pairs < PARALLEL_MIN_PAIRS or len(chunks) <= 1 or not can_fork():
        return [task(rows) for rows in chunks]
    import multiprocessing

    global _WORK
    _WORK = (task, chunks)
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
