"""Command-line timings for the benchmark: ``rank`` end to end against plain JSON reading and writing.

``python -m matching.bench_cli C.jsonl V.jsonl OUT.jsonl`` is the baseline: it parses every input line and every
line of a finished ``rank`` output with the standard ``json`` module and writes that output again, doing nothing
else, so the ratio shows what the command line adds on top of the unavoidable JSON work.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

__all__ = ["cli_end_to_end", "timed_command", "write_jsonl"]


def write_jsonl(records: Sequence, path: str) -> None:
    """Records as schema-shaped JSON Lines."""
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")


def _children_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def timed_command(argv: Sequence[str], stdout_path: str | None = None, stdin_text: str | None = None):
    """(wall seconds, CPU seconds of the process and its own children) of one fresh process."""
    cpu, start = _children_cpu(), time.perf_counter()
    with open(stdout_path or os.devnull, "wb") as out:
        subprocess.run(list(argv), stdout=out, stderr=subprocess.PIPE, check=True,  # noqa: S603 - our interpreter
                       input=None if stdin_text is None else stdin_text.encode("utf-8"))
    return time.perf_counter() - start, _children_cpu() - cpu


def cli_end_to_end(candidates: Sequence, vacancies: Sequence, top: int = 10) -> dict:
    """Time ``python -m matching rank --top K`` on these records and the JSON-only baseline on the same files."""
    with tempfile.TemporaryDirectory(prefix="matching-bench-") as tmp:
        c_path, v_path, out_path = (os.path.join(tmp, n) for n in ("c.jsonl", "v.jsonl", "out.jsonl"))
        write_jsonl(candidates, c_path)
        write_jsonl(vacancies, v_path)
        rank_wall, rank_cpu = timed_command(
            [sys.executable, "-m", "matching", "rank", "--candidates", c_path, "--vacancies", v_path,
             "--top", str(top)], out_path)
        base_wall, base_cpu = timed_command([sys.executable, "-m", "matching.bench_cli", c_path, v_path, out_path])
        size = sum(os.path.getsize(p) for p in (c_path, v_path, out_path))
    return {"cli_wall_s": rank_wall, "cli_cpu_s": rank_cpu, "json_wall_s": base_wall, "json_cpu_s": base_cpu,
            "cli_json_ratio_wall": rank_wall / base_wall, "cli_json_ratio_cpu": rank_cpu / base_cpu,
            "json_mib": size / 2**20}


def json_only(c_path: str, v_path: str, out_path: str, out=None) -> int:
    """The baseline: parse both inputs and the output, write the output again; nothing else."""
    out = sys.stdout if out is None else out
    for path in (c_path, v_path):
        with open(path, "rb") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        del records
    with open(out_path, "rb") as handle:
        rows = [json.loads(line) for line in handle]
    text = "".join(json.dumps(r, ensure_ascii=False, separators=(", ", ": ")) + "\n" for r in rows)
    out.buffer.write(text.encode("utf-8")) if hasattr(out, "buffer") else out.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(json_only(*sys.argv[1:4]))
