"""The matching library explains itself: its command-line contract and record format live in the repository, and
its documents point only at files that exist in it."""

import json
import re
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
