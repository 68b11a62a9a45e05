"""One test group per comparison: what a staff member would read in the explanation, and the value behind it."""

import numpy as np
import pytest

from matching.features import RESIDENT_PC4, PairFeatures
from matching.scorer import DEFAULT_WEIGHTS, Matcher
from tests.matching.record_factories import make_candidate, make_vacancy, occ, random_records


def explain(candidate, vacancy, **params):
    return Matcher(**params).explain(candidate, vacancy)


def part(match, name):
    found = [c for c in match.explanation if c.feature == name]
    assert len(found) == 1, match.explanation
    return found[0]


def value(match, name):
    return part(match, name).contribution / DEFAULT_WEIGHTS[name]


# --- occupation --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("candidate_label", "vacancy_label", "grade", "code"),
    [
        ("schoonmaker gebouwen", "schoonmaker gebouwen", 1.0, "occupation.same"),
        ("industriële kok", "kok", 0.75, "occupation.related"),  # ESCO broader relation
        ("toiletmedewerker", "schoonmaker gebouwen", 0.5, "occupation.unit_group"),  # both ISCO 9112
        ("interieurverzorger", "schoonmaker gebouwen", 0.25, "occupation.minor_group"),  # 9111 vs 9112
        ("kapper", "schoonmaker gebouwen", 0.0, "occupation.none"),
    ],
)
def test_occupation_fit_is_graded(candidate_label, vacancy_label, grade, code):
    m = explain(make_candidate(occupations=(occ(candidate_label),)), make_vacancy(occupation=occ(vacancy_label)))
    assert value(m, "occupation") == pytest.approx(grade)
    assert part(m, "occupation").code == code


def test_occupation_best_of_several_counts_and_is_named():
    c = make_candidate(occupations=(occ("kapper"), occ("schoonmaker gebouwen")))
    m = explain(c, make_vacancy())
    assert value(m, "occupation") == 1.0
    # the record field says work done or wanted, without saying which: the explanation does not pretend to know
    assert part(m, "occupation").detail == "heeft gewerkt als of wil werken als schoonmaker gebouwen"
    assert part(m, "occupation").params["occupation"] == occ("schoonmaker gebouwen")


def test_free_text_occupation_is_resolved():
    m = explain(make_candidate(occupations=("kok",)), make_vacancy(occupation=occ("kok")))
    assert value(m, "occupation") == 1.0


def test_no_occupation_given():
    m = explain(make_candidate(occupations=()), make_vacancy())
    assert value(m, "occupation") == 0.0
    assert part(m, "occupation").detail == "geen beroep opgegeven"


# --- talents -------------------------------------------------------------------------------------------------------

def test_required_talent_coverage_names_what_is_missing():
    v = make_vacancy(required_talents=("schoonmaken", "in teams werken"))
    m = explain(make_candidate(talents=("Schoonmaken",)), v)  # case does not matter
    assert value(m, "talents_required") == 0.5
    assert part(m, "talents_required").detail == "heeft 1 van 2 gevraagde talenten (mist in teams werken)"
    assert part(m, "talents_required").params["missing"] == ["in teams werken"]


def test_preferred_talents_are_separate_and_no_requirement_is_met():
    v = make_vacancy(required_talents=(), preferred_talents=("druk aankunnen",))
    m = explain(make_candidate(talents=("druk aankunnen",)), v)
    assert value(m, "talents_required") == 1.0
    assert part(m, "talents_required").code == "talents.required.no_requirement"
    assert value(m, "talents_preferred") == 1.0
    assert part(m, "talents_preferred").detail == "heeft alle 1 gewenste talenten"


# --- text ----------------------------------------------------------------------------------------------------------

def test_text_similarity_uses_dutch_stems_and_names_shared_words():
    v = make_vacancy(title="Schoonmaker", description="Je maakt kantoren schoon.")
    m = explain(make_candidate(about="Ik heb in een kantoor gewerkt."), v)
    assert value(m, "text") > 0.1
    assert "kantoren" in part(m, "text").params["words"]


def test_text_with_no_shared_words_scores_zero_and_empty_text_is_unknown():
    v = make_vacancy(title="Kok", description="Koken in een restaurant.")
    assert value(explain(make_candidate(about="Ik repareer fietsen."), v), "text") == 0.0
    assert part(explain(make_candidate(about=""), v), "text").code == "text.unknown"


def test_stop_words_do_not_make_texts_similar():
    v = make_vacancy(title="", description="Wij zijn een team en wij werken graag.")
    assert value(explain(make_candidate(about="Ik ben er en ik werk graag."), v), "text") == 0.0


# --- hours ---------------------------------------------------------------------------------------------------------

def test_hours_overlap_share_of_vacancy_range():
    m = explain(make_candidate(hours_min=20.0, hours_max=32.0), make_vacancy(hours_min=16.0, hours_max=24.0))
    assert value(m, "hours") == pytest.approx(0.5 + 0.5 * 4 / 8)
    assert part(m, "hours").detail == "kan 20-32 uur, vacature 16-24 uur"
    assert m.eligible


def test_hours_that_cannot_fit_make_the_pair_ineligible():
    m = explain(make_candidate(hours_min=4.0, hours_max=8.0), make_vacancy(hours_min=24.0, hours_max=32.0))
    assert not m.eligible
    assert m.reasons == ("uren passen niet: kan 4-8 uur, vacature 24-32 uur",)
    assert value(m, "hours") == 0.0


def test_unknown_hours_are_neutral_and_no_requirement_is_met():
    assert value(explain(make_candidate(hours_min=None, hours_max=None), make_vacancy()), "hours") == 0.5
    assert value(explain(make_candidate(), make_vacancy(hours_min=None, hours_max=None)), "hours") == 1.0


def test_open_ended_hours():
    # "at least 30" fits a vacancy of 24-32
    m = explain(make_candidate(hours_min=30.0, hours_max=None), make_vacancy(hours_min=24.0, hours_max=32.0))
    assert m.eligible and value(m, "hours") > 0.5


# --- schedule ------------------------------------------------------------------------------------------------------

def test_schedule_counts_requested_dayparts_the_person_can_do():
    week = {d: frozenset({"morning"}) for d in ("mon", "tue", "wed", "thu")}
    avail = {d: frozenset({"morning", "afternoon"}) for d in ("mon", "tue", "wed")}
    m = explain(make_candidate(availability=avail), make_vacancy(schedule=week))
    assert value(m, "schedule") == pytest.approx(0.75)
    assert part(m, "schedule").detail == "kan 3 van 4 gevraagde dagdelen"


def test_schedule_unknown_and_empty():
    assert value(explain(make_candidate(availability=None), make_vacancy()), "schedule") == 0.5
    assert value(explain(make_candidate(availability={}), make_vacancy()), "schedule") == 0.0
    assert value(explain(make_candidate(), make_vacancy(schedule=None)), "schedule") == 1.0


# --- travel --------------------------------------------------------------------------------------------------------

def test_travel_time_by_bike_in_the_neighbourhood():
    m = explain(make_candidate(postcode="3526 AB", travel_mode="bike"), make_vacancy(postcode="3527"))
    detail = part(m, "travel").detail
    minutes = part(m, "travel").params["minutes"]
    assert detail == f"{minutes} min fietsen"
    assert 2 <= minutes <= 10
    assert m.eligible


def test_travel_mode_changes_the_time():
    v = make_vacancy(postcode="3584")  # Utrecht Science Park, across town
    walk = part(explain(make_candidate(travel_mode="walk", max_travel_minutes=None), v), "travel").params["minutes"]
    bike = part(explain(make_candidate(travel_mode="bike", max_travel_minutes=None), v), "travel").params["minutes"]
    car = part(explain(make_candidate(travel_mode="car", max_travel_minutes=None), v), "travel").params["minutes"]
    assert walk > bike > car


def test_travel_beyond_the_maximum_is_ineligible_with_the_times():
    m = explain(make_candidate(travel_mode="walk", max_travel_minutes=15.0), make_vacancy(postcode="3584"))
    assert not m.eligible
    minutes = part(m, "travel").params["minutes"]
    assert minutes > 15
    assert m.reasons == (f"reistijd {minutes} min, max 15",)


def test_unknown_postcode_is_neutral():
    m = explain(make_candidate(postcode=None), make_vacancy())
    assert value(m, "travel") == 0.5
    assert part(m, "travel").detail == "reistijd onbekend"
    assert m.eligible


# --- language, licences, certificates ------------------------------------------------------------------------------

def test_dutch_below_the_minimum_is_ineligible():
    m = explain(make_candidate(languages={"nl": "A2"}), make_vacancy(languages={"nl": "B1"}))
    assert not m.eligible
    assert m.reasons == ("Nederlands onder B1",)


def test_language_level_unknown_counts_as_not_shown():
    m = explain(make_candidate(languages={}), make_vacancy(languages={"nl": "B1"}))
    assert not m.eligible
    assert "Nederlands niveau onbekend, vraagt B1" in m.reasons


def test_language_at_or_above_the_minimum():
    m = explain(make_candidate(languages={"nl": "B2"}), make_vacancy(languages={"nl": "B1"}))
    assert m.eligible and value(m, "language") == 1.0


def test_missing_licence_and_certificate():
    v = make_vacancy(licences=frozenset({"B"}), certificates=frozenset({"VCA"}))
    m = explain(make_candidate(certificates=frozenset({"VCA"})), v)
    assert not m.eligible
    assert m.reasons == ("mist rijbewijs B",)
    assert value(m, "credentials") == 0.5
    ok = explain(make_candidate(licences=frozenset({"B"}), certificates=frozenset({"VCA"})), v)
    assert ok.eligible and part(ok, "credentials").detail == "heeft rijbewijs B en VCA"


# --- resident ------------------------------------------------------------------------------------------------------

def test_resident_default_is_kanaleneiland_and_configurable():
    assert RESIDENT_PC4 == ("3526",)
    c = make_candidate(postcode="3527 XX")
    assert value(explain(c, make_vacancy()), "resident") == 0.0
    assert value(explain(c, make_vacancy(), resident_pc4=("3526", "3527")), "resident") == 1.0
    assert part(explain(make_candidate(), make_vacancy()), "resident").detail == "woont in de wijk"


# --- the vectorised block path agrees with the exact pair path -------------------------------------------------------

def test_rank_keys_match_exact_scores_and_eligibility():
    from matching.ranking import MatchIndex

    candidates, vacancies = random_records(3, 40, 12)
    index = MatchIndex(Matcher(), candidates, vacancies)
    key = index.key_block(index.C, index.V, np.arange(len(vacancies)))
    vi, ci = np.meshgrid(np.arange(len(vacancies)), np.arange(len(candidates)), indexing="ij")
    X, F, _ = index.features.transform(index.C, index.V, ci.ravel(), vi.ravel())
    score = (X @ index.weights).reshape(key.shape)
    eligible = ~F.any(axis=1).reshape(key.shape)
    assert np.all((key >= -1e-5) == eligible)
    np.testing.assert_allclose(np.where(eligible, key, 0), np.where(eligible, score, 0), atol=1e-5)


def test_feature_names_are_fixed_and_ordered():
    f = PairFeatures().fit([make_candidate()], [make_vacancy()])
    assert f.feature_names_ == ("occupation", "talents_required", "talents_preferred", "text", "hours", "schedule",
                                "travel", "language", "credentials", "resident")


def test_every_comparisons_plain_python_reference_gives_the_vectorised_values():
    from matching.bench import synthetic
    from matching.features import FEATURE_NAMES

    candidates, vacancies = synthetic(400, 60, seed=3)
    index = Matcher().index(candidates, vacancies)
    rng = np.random.default_rng(3)
    ci, vi = rng.integers(0, 400, 500), rng.integers(0, 60, 500)
    X, _, _ = index.features.transform(index.C, index.V, ci, vi)
    for j, comp in enumerate(index.features.comparisons_):
        assert comp.name == FEATURE_NAMES[j]
        naive = [comp.naive(index.C.parts[comp.name], index.V.parts[comp.name], int(c), int(v))
                 for c, v in zip(ci, vi, strict=True)]
        assert np.allclose(naive, X[:, j], atol=1e-9), comp.name
    assert len(np.unique(X[:, FEATURE_NAMES.index("occupation")])) >= 3  # several grades really compared
