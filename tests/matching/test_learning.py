"""Learning from staff decisions: learned weights only when they beat the defaults on held-out folds."""

import json

import numpy as np
import pytest

from matching.features import FEATURE_NAMES
from matching.scorer import DEFAULT_MODEL_VERSION, Matcher
from tests.matching.record_factories import random_records


def _decisions(candidates, vacancies, rule, seed=0):
    matcher = Matcher()
    pairs = [(c.id, v.id) for c in candidates for v in vacancies]
    X, _ = matcher.transform(candidates, vacancies, pairs)
    rng = np.random.default_rng(seed)
    return pairs, rule(X, rng)


def test_learns_what_staff_value_when_it_beats_the_defaults():
    candidates, vacancies = random_records(1, 60, 6)
    travel = FEATURE_NAMES.index("travel")
    # staff only ever accepted people with a short trip
    pairs, labels = _decisions(candidates, vacancies, lambda X, rng: (X[:, travel] > 0.6).astype(int))
    m = Matcher(random_state=0).fit(candidates, vacancies, pairs, labels)
    assert m.cv_report_["used"] == "learned"
    assert m.cv_report_["learned_roc_auc"] > m.cv_report_["default_roc_auc"]
    assert m.model_version_.startswith("learned-")
    w = m.weights_
    assert all(x >= 0 for x in w.values()) and sum(w.values()) == pytest.approx(1.0)
    assert max(w, key=w.get) == "travel"
    # inspectable and serialisable; the restored matcher scores the same
    restored = Matcher.from_weights(json.loads(json.dumps(m.get_weights())))
    assert restored.model_version == m.model_version_
    a = m.rank(candidates, vacancies, top_k=3)
    b = restored.rank(candidates, vacancies, top_k=3)
    assert [[x.score for x in r.matches] for r in a] == [[x.score for x in r.matches] for r in b]
    # scores stay in [0, 1] and contributions add up with learned weights too
    for r in a:
        for x in r.matches:
            assert 0 <= x.score <= 1 and abs(sum(c.contribution for c in x.explanation) - x.score) < 1e-6


def test_keeps_the_defaults_when_decisions_are_noise():
    candidates, vacancies = random_records(2, 40, 5)
    pairs, labels = _decisions(candidates, vacancies, lambda X, rng: rng.integers(0, 2, len(X)))
    m = Matcher(random_state=0).fit(candidates, vacancies, pairs, labels)
    assert m.cv_report_["used"] == "default"
    assert m.model_version_ == DEFAULT_MODEL_VERSION
    assert m.weights_ == pytest.approx(Matcher().current_weights())


def test_too_few_decisions_keep_the_defaults():
    candidates, vacancies = random_records(3, 3, 1)
    pairs = [(c.id, vacancies[0].id) for c in candidates]
    m = Matcher().fit(candidates, vacancies, pairs, [1, 0, 0])
    assert m.cv_report_["used"] == "default" and "note" in m.cv_report_


def test_fit_rejects_unknown_ids_and_mismatched_labels():
    candidates, vacancies = random_records(4, 3, 1)
    with pytest.raises(ValueError, match="unknown id"):
        Matcher().fit(candidates, vacancies, [("nobody", vacancies[0].id)], [1])
    with pytest.raises(ValueError, match="labels"):
        Matcher().fit(candidates, vacancies, [(candidates[0].id, vacancies[0].id)], [1, 0])


def test_lower_weight_pairs_help_fitting_but_are_never_what_the_weights_are_judged_on():
    candidates, vacancies = random_records(1, 60, 6)
    travel = FEATURE_NAMES.index("travel")
    pairs, labels = _decisions(candidates, vacancies, lambda X, rng: (X[:, travel] > 0.6).astype(int))
    plain = Matcher(random_state=0).fit(candidates, vacancies, pairs, labels)
    ones = Matcher(random_state=0).fit(candidates, vacancies, pairs, labels, sample_weight=[1.0] * len(pairs))
    assert ones.cv_report_ == plain.cv_report_ and ones.weights_ == plain.weights_  # weight 1 changes nothing
    # half the pairs become lower-weight answers with the opposite label: they pull the weights, but the held-out
    # comparison is made on the other half only
    half = len(pairs) // 2
    flipped = list(labels[:half]) + [1 - y for y in labels[half:]]
    weights = [1.0] * half + [0.3] * (len(pairs) - half)
    mixed = Matcher(random_state=0).fit(candidates, vacancies, pairs, flipped, sample_weight=weights)
    assert mixed.cv_report_["n_pairs"] == half and mixed.cv_report_["n_lower_weight"] == len(pairs) - half
    assert mixed.cv_report_["n_held_out"] <= half
    assert mixed.candidate_weights_["travel"] < plain.candidate_weights_["travel"]
    with pytest.raises(ValueError):
        Matcher().fit(candidates, vacancies, pairs, labels, sample_weight=[1.0])
