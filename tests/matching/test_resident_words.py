"""Job words in Turkish and Arabic, as residents type them, find the same occupation as the Dutch word."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from matching.occupations.resident_words import RESIDENT_WORDS_TSV, read_resident_words, to_dutch_title

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = {
    "fırıncı": "bakker",
    "Fırıncıyım": "bakker",
    "taksi şoförü": "taxichauffeur",
    "garson": "ober/serveerster",
    "kasiyer": "kassamedewerker",
    "temizlikçi": "schoonmaker gebouwen",
    "depocu": "magazijnmedewerker",
    "خبّاز": "bakker",
    "الخباز": "bakker",
    "سائق تاكسي": "taxichauffeur",
    "taxi driver": "taxichauffeur",
}


def test_the_command_line_finds_turkish_and_arabic_job_words_and_echoes_the_query():
    queries = list(EXPECTED)
    done = subprocess.run([sys.executable, "-m", "matching", "occupations", "--top", "3", *queries],
                          capture_output=True, cwd=ROOT, timeout=180)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [line["query"] for line in lines] == queries
    for line in lines:
        best = line["results"][0]
        assert (line["query"], best["label"]) == (line["query"], EXPECTED[line["query"]])
        assert best["score"] >= 0.9
        assert len(line["results"]) <= 3


def test_nonsense_and_dutch_titles_are_left_alone():
    assert to_dutch_title("qqqxxzzvv") == "qqqxxzzvv"
    assert to_dutch_title("Schoonmaker kantoren") == "Schoonmaker kantoren"
    assert to_dutch_title("") == ""


def test_every_listed_word_leads_to_a_dutch_title_the_search_finds_well():
    from matching.occupations import search_occupations

    titles = sorted(set(read_resident_words().values()))
    assert len(read_resident_words()) >= 150
    for title, hits in zip(titles, search_occupations(titles, top_k=1), strict=True):
        assert hits and hits[0].score >= 0.9, (title, hits)


def test_a_broken_line_in_the_list_is_named(tmp_path):
    broken = tmp_path / "words.tsv"
    broken.write_text(RESIDENT_WORDS_TSV.read_text(encoding="utf-8") + "xx\tfoo\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"words\.tsv:\d+"):
        read_resident_words(broken)
