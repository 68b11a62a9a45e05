"""``matching`` stands alone: it never imports Flask, SQLAlchemy or the web app, and ``import matching`` is light."""

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import matching

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, cwd=ROOT, timeout=120, check=True)
    return set(json.loads(out.stdout.decode().splitlines()[-1]))


def test_matching_never_imports_the_web_stack():
    names = [m.name for m in pkgutil.walk_packages(matching.__path__, "matching.")]
    assert {"matching.features", "matching.scorer", "matching.ranking", "matching.allocation", "matching.cli",
            "matching.bench"} <= set(names)
    code = "import importlib\n" + "\n".join(f"importlib.import_module({n!r})" for n in names if "__main__" not in n)
    code += "\nimport matching\n[getattr(matching, n) for n in matching.__all__]"
    loaded = _modules_after(code)
    for forbidden in ("flask", "sqlalchemy", "werkstation", "flask_sqlalchemy"):
        assert not any(m == forbidden or m.startswith(forbidden + ".") for m in loaded), forbidden


def test_import_matching_is_light():
    loaded = _modules_after("import matching")
    assert not any(m.startswith(("sklearn", "scipy", "matching.")) for m in loaded)


def test_public_api_resolves():
    for name in matching.__all__:
        assert getattr(matching, name) is not None
