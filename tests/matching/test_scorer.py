"""The linear scorer: scores in [0, 1], contributions that add up, Dutch explanations, model versions."""

import json
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.features import FEATURE_NAMES
from matching.scorer import DEFAULT_MODEL_VERSION, DEFAULT_WEIGHTS, Match, Matcher, normalise_weights
from tests.matching.record_factories import make_candidate, make_vacancy, random_records


def test_default_weights_cover_every_feature_and_sum_to_one():
    assert set(DEFAULT_WEIGHTS) == set(FEATURE_NAMES)
    assert math.isclose(sum(DEFAULT_WEIGHTS.values()), 1.0)
    assert all(w > 0 for w in DEFAULT_WEIGHTS.values())


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_scores_in_unit_interval_and_contributions_add_up(seed):
    candidates, vacancies = random_records(seed, 12, 4)
    for ranking in Matcher().rank(candidates, vacancies, top_k=12):
        assert len(ranking.matches) == 12
        for m in ranking.matches:
            assert 0.0 <= m.score <= 1.0
            assert abs(sum(c.contribution for c in m.explanation) - m.score) <= 1e-6
            assert all(c.detail and c.code for c in m.explanation)
            assert m.eligible == (m.reasons == ())


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), raw=st.lists(st.floats(0, 5), min_size=len(FEATURE_NAMES),
                                                  max_size=len(FEATURE_NAMES)).filter(lambda w: sum(w) > 0.01))
def test_any_non_negative_weights_keep_scores_bounded_and_additive(seed, raw):
    weights = dict(zip(FEATURE_NAMES, raw, strict=True))
    candidates, vacancies = random_records(seed, 6, 2)
    for ranking in Matcher(weights=weights).rank(candidates, vacancies, top_k=6):
        for m in ranking.matches:
            assert -1e-9 <= m.score <= 1.0 + 1e-9
            assert abs(sum(c.contribution for c in m.explanation) - m.score) <= 1e-6


def test_explanation_reads_like_a_staff_member_would_say_it():
    m = Matcher().explain(make_candidate(), make_vacancy())
    details = {c.feature: c.detail for c in m.explanation}
    assert details["occupation"] == "heeft gewerkt als of wil werken als schoonmaker gebouwen"
    assert re.fullmatch(r"\d+ min fietsen", details["travel"])
    assert details["resident"] == "woont in de wijk"
    assert m.model_version == DEFAULT_MODEL_VERSION
    assert isinstance(m, Match)
    json.dumps(m.to_dict())  # the web app stores it


def test_perfect_pair_scores_higher_than_a_poor_one():
    good = Matcher().explain(make_candidate(), make_vacancy())
    poor = Matcher().explain(make_candidate(occupations=(), talents=(), about="", postcode="3584 CS"), make_vacancy())
    assert good.score > poor.score + 0.3


def test_weights_round_trip_through_json():
    matcher = Matcher(weights={"occupation": 2, "travel": 1, "schedule": 1})
    data = json.loads(json.dumps(matcher.get_weights()))
    again = Matcher.from_weights(data)
    assert again.current_weights() == pytest.approx(matcher.current_weights())
    assert again.current_weights()["occupation"] == pytest.approx(0.5)
    assert again.model_version == matcher.model_version != DEFAULT_MODEL_VERSION
    c, v = make_candidate(), make_vacancy()
    assert again.explain(c, v).score == pytest.approx(matcher.explain(c, v).score)


def test_unknown_or_empty_weights_are_rejected():
    with pytest.raises(ValueError, match="unknown feature"):
        normalise_weights({"age": 1.0})
    with pytest.raises(ValueError):
        normalise_weights({"occupation": 0.0})


def test_estimator_contract_init_only_stores_parameters():
    m = Matcher(weights=None, resident_pc4=("3526",), cv=3, random_state=1)
    assert m.resident_pc4 == ("3526",) and m.cv == 3 and m.random_state == 1
    assert not [k for k in vars(m) if k.endswith("_")]  # nothing learned yet
    params = m.get_params()
    assert params["cv"] == 3 and params["resident_pc4"] == ("3526",)
    copy = Matcher(**params)
    assert copy.get_params() == params
    assert copy.set_params(cv=4) is copy and copy.cv == 4
    with pytest.raises(ValueError):
        copy.set_params(colour="red")


def test_weight_vector_follows_feature_order():
    w = Matcher().weight_vector()
    assert np.allclose(w, [DEFAULT_WEIGHTS[n] for n in FEATURE_NAMES])
