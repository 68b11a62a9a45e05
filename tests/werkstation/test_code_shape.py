"""The code stays readable in small pieces: no module over 500 lines, no function over 60, in the web app, the
matching engine, the benchmarks and the tests. Long on purpose: the demo seeding (it writes out a whole
neighbourhood) and the benchmark runs (one measured scenario each). The browser journeys are held to it too: each reads
as a story of named steps."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("werkstation", "matching", "bench", "tests")
LONG_ON_PURPOSE = {("werkstation/demo.py", "seed_demo"), ("werkstation/staff/demo_history.py", "seed_history")}
BENCHMARKS = ("bench/", "matching/bench.py")  # functions may be long; modules not


def too_long_in(path) -> list[str]:
    name = path.relative_to(ROOT).as_posix()
    text = path.read_text(encoding="utf-8")
    found = [f"{name}: {len(text.splitlines())} lines"] if len(text.splitlines()) > 500 else []
    if name.startswith(BENCHMARKS):
        return found
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (name, node.name) not in LONG_ON_PURPOSE:
            length = node.end_lineno - node.lineno + 1
            if length > 60:
                found.append(f"{name}: {node.name}() {length} lines")
    return found


def test_no_module_over_500_lines_and_no_function_over_60():
    too_long = []
    for folder in CHECKED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            too_long += too_long_in(path)
    assert too_long == []



def test_the_repository_tracks_no_virtual_environment():
    """A worktree's `.venv` (a symlink to the shared one) once slipped in with `git add -A`; merging it replaced the
    shared environment with a symlink to itself. Nothing named .venv is ever part of the project."""
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "--", ".venv", "venv"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    assert not listed, f"tracked virtual environment: {listed} (git rm --cached .venv)"
