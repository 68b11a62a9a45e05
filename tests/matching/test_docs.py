"""The project explains itself: the matching command-line contract and record format live in the repository, its
documents point only at files that exist in it, and no file refers to anything outside it (an issue, a shared
folder, a person's part of the work)."""

import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "matching").rglob("*.md"))]


def test_the_contract_and_the_record_schema_are_in_the_repository():
    contract = (ROOT / "matching" / "CLI.md").read_text(encoding="utf-8")
    for form in ("python -m matching occupations [--top K] [QUERY ...]",
                 "python -m matching rank --candidates C.jsonl --vacancies V.jsonl [--top K]",
                 "python -m matching allocate --candidates C.jsonl --vacancies V.jsonl"):
        assert form in contract
    assert "`records.schema.json` beside this file" in contract
    schema = json.loads((ROOT / "matching" / "records.schema.json").read_text(encoding="utf-8"))
    assert schema  # valid JSON


def test_documents_point_only_inside_the_repository():
    for doc in DOCUMENTS:
        text = doc.read_text(encoding="utf-8")
        assert "../" not in text and "/shared/" not in text, doc
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            if "://" not in target:
                assert (doc.parent / target).exists(), f"{doc.name}: {target}"


OUTSIDE = re.compile(r"\bissue \d+|\bissues? #\d+|/shared/|\bshared/[A-Z]|\bM\d+'s\b|\bM\d+ part|\bDOMAIN\.md\b"
                     r"|\bCONVENTIONS\.md\b|\bbranch `?h\d+\b|/tmp/h\d+\b", re.I)


def test_no_file_refers_to_anything_outside_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.split()
    files = [ROOT / name for name in tracked] or [p for p in ROOT.rglob("*") if ".venv" not in p.parts]
    found = []
    for path in files:
        if path.suffix not in (".py", ".md", ".html", ".css", ".js", ".toml", ".cfg", ".txt", ".json", ".sh", "") \
                or not path.is_file() or path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in OUTSIDE.finditer(text)]
    assert found == []
