"""The web app stays readable in small pieces: no module over 500 lines, no function over 60 (the demo seeding,
which writes out a whole neighbourhood, is the one exception)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LONG_ON_PURPOSE = {("werkstation/demo.py", "seed_demo"), ("werkstation/staff/demo_history.py", "seed_history")}


def test_no_module_over_500_lines_and_no_function_over_60():
    too_long = []
    for path in sorted((ROOT / "werkstation").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > 500:
            too_long.append(f"{name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (name, node.name) not in LONG_ON_PURPOSE:
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    too_long.append(f"{name}: {node.name}() {length} lines")
    assert too_long == []
