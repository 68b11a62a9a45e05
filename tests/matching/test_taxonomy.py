"""The ESCO taxonomy: occupations, ISCO groups, broader/narrower relations, talents."""

import pytest

from matching.taxonomy import OCCUPATION_PREFIX, load_taxonomy


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def by_label(taxonomy, label):
    [occ] = [o for o in taxonomy.occupations if o.label == label]
    return occ


def test_occupations_have_dutch_labels_and_isco(taxonomy):
    assert len(taxonomy.occupations) > 3000
    kapper = by_label(taxonomy, "kapper")
    assert "kapster" in kapper.alt_labels and "afrokapper" in kapper.alt_labels
    assert kapper.isco == "5141" and taxonomy.isco(kapper.uri) == "5141"
    assert kapper.uri.startswith(OCCUPATION_PREFIX)
    assert taxonomy.occupation(kapper.uri) is kapper
    assert taxonomy.occupations[taxonomy.index_of(kapper.uri)] is kapper
    assert taxonomy.isco_label("5141") == "Kappers"
    assert taxonomy.occupation("http://example.org/nope") is None and taxonomy.index_of("x") is None


def test_broader_and_narrower_are_inverse(taxonomy):
    pairs = [(o.uri, b) for o in taxonomy.occupations for b in taxonomy.broader(o.uri)]
    assert len(pairs) > 1000
    for child, parent in pairs[:200]:
        assert child in taxonomy.narrower(parent)
        assert taxonomy.occupation(parent) is not None


def test_talents_cover_skill_groups_and_transversal_skills(taxonomy):
    kinds = {t.kind for t in taxonomy.talents}
    assert kinds == {"skill_group", "transversal"}
    cleaning = taxonomy.talent_by_label("Schoonmaken")
    assert cleaning is not None and cleaning.kind == "skill_group"
    hygiene = taxonomy.talent_by_label("aandacht hebben voor hygiene")  # accent-insensitive
    assert hygiene is not None and hygiene.label == "aandacht hebben voor hygiëne"
    assert taxonomy.talent_by_label("tijd beheren").kind == "transversal"
    assert taxonomy.talent_by_label("iets dat niet bestaat") is None


def test_load_is_cached_per_process(taxonomy):
    assert load_taxonomy() is taxonomy
