"""Running the ranking's chunks in forked worker processes.

The workers are forked, so they see the parent's encoded records without pickling them; only their results travel
back. Before forking, the parent's objects are frozen out of the cyclic garbage collector (``gc.freeze``), so a
collection in a worker never touches, and so never copies, the pages it shares with the parent.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager

__all__ = ["PARALLEL_MIN_PAIRS", "can_fork", "last_run", "map_chunks", "without_cyclic_gc"]

PARALLEL_MIN_PAIRS = 20_000_000  # below this, forking costs more than it saves
_WORK = None
_LAST: dict = {}


def last_run() -> dict:
    """How the last :func:`map_chunks` ran: ``workers`` (0 = in this process), ``wall_s`` of the whole map,
    ``worker_cpu_s`` (CPU seconds summed over the workers, measured inside them), ``overlap_s`` (seconds during
    which at least two workers were running at once) and ``parallelism`` (worker CPU / wall; about the number of
    workers when they really ran side by side, about 1 or less when they took turns on a busy machine)."""
    return dict(_LAST)


@contextmanager
def without_cyclic_gc():
    """Pause the cyclic garbage collector for a block that makes millions of small objects (loading, encoding,
    ranking, explaining): it would walk them again and again, and reference counting frees them anyway. The
    collector is restored afterwards, as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    cpu, start = time.process_time(), time.time()
    out = [task(rows) for rows in chunks[j * size:(j + 1) * size]]
    return out, time.process_time() - cpu, start, time.time()


def _overlap(spans: list[tuple[float, float]]) -> float:
    """Seconds during which at least two of the (start, end) spans run at once."""
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    running, since, total = 0, 0.0, 0.0
    for at, step in events:
        if running >= 2:
            total += at - since
        running += step
        since = at
    return total


def map_chunks(task: Callable, chunks: Sequence, jobs: int, pairs: int) -> list:
    """``[task(chunk) for chunk in chunks]``, in ``jobs`` forked workers when the work (``pairs``) is large."""
    started = time.perf_counter()
    if jobs <= 1 or pairs < PARALLEL_MIN_PAIRS or len(chunks) <= 1 or not can_fork():
        _LAST.clear()
        _LAST.update(workers=0, wall_s=0.0, worker_cpu_s=0.0, overlap_s=0.0, parallelism=0.0)
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
    wall = time.perf_counter() - started
    cpu = sum(p[1] for p in parts)
    _LAST.clear()
    _LAST.update(workers=jobs, wall_s=wall, worker_cpu_s=cpu, overlap_s=_overlap([(p[2], p[3]) for p in parts]),
                 parallelism=cpu / wall if wall > 0 else 0.0)
    return [p for part, *_ in parts for p in part]
