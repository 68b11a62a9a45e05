"""LiveIndex: after adding, changing and removing records, rankings equal those of the same records encoded anew
with the base's vocabularies; ineligible never above eligible; counts cover every current candidate."""

import dataclasses
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.live import LiveIndex
from matching.scorer import Matcher
from tests.matching.record_factories import random_records


def _changed(records, rng, prefix):
    """Some records given another record's contents under their own id, plus copies under new ids (all within the
    vocabularies the base was fitted on)."""
    changed = [dataclasses.replace(rng.choice(records), id=r.id) for r in rng.sample(records, 4)]
    added = [dataclasses.replace(r, id=f"{prefix}-new-{n}") for n, r in enumerate(rng.sample(records, 3))]
    return changed, added


def _expected_vacancy(base, candidates, vacancy, k):
    """The top k of `vacancy` over `candidates` encoded as one side with the base's fitted comparisons."""
    C = base.features.encode_candidates(candidates)
    V = base.features.encode_vacancies([vacancy])
    ci, vi, _, _ = base.scored_pairs(k, C, V)
    return [(m.candidate_id, round(m.score, 9), m.eligible, m.reasons) for m in base.matches(ci, vi, C=C, V=V)]


def _expected_candidate(base, vacancies, candidate, k):
    C = base.features.encode_candidates([candidate])
    V = base.features.encode_vacancies(vacancies)
    ci, vi, _, _ = base.scored_vacancy_pairs(k, C, V)
    return [(m.vacancy_id, round(m.score, 9), m.eligible, m.reasons) for m in base.matches(ci, vi, C=C, V=V)]


def _summary(matches, side):
    return [(getattr(m, side), round(m.score, 9), m.eligible, m.reasons) for m in matches]


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), k=st.integers(1, 12))
def test_rankings_after_changes_equal_a_fresh_encoding(seed, k):
    rng = random.Random(seed)
    candidates, vacancies = random_records(seed, 40, 12)
    live = LiveIndex(Matcher().index(candidates, vacancies))

    changed_c, added_c = _changed(candidates, rng, "c")
    changed_v, added_v = _changed(vacancies, rng, "v")
    removed_c = [c.id for c in rng.sample(candidates, 5)] + [added_c[0].id, "never-there"]
    removed_v = [v.id for v in rng.sample(vacancies, 2)]
    before = live
    live = live.updated(candidates=changed_c + added_c, vacancies=changed_v + added_v)
    live = live.updated(removed_candidates=removed_c, removed_vacancies=removed_v)
    assert before.overlay_size == 0 and sorted(before.candidate_ids) == sorted(c.id for c in candidates)

    by_id = {c.id: c for c in candidates} | {c.id: c for c in changed_c + added_c}
    current_c = [by_id[i] for i in by_id if i not in set(removed_c)]
    v_by_id = {v.id: v for v in vacancies} | {v.id: v for v in changed_v + added_v}
    current_v = [v_by_id[i] for i in v_by_id if i not in set(removed_v)]
    assert sorted(live.candidate_ids) == sorted(c.id for c in current_c)
    assert sorted(live.vacancy_ids) == sorted(v.id for v in current_v)

    for vacancy in rng.sample(current_v, 3):
        got = _summary(live.rank_vacancy(vacancy, k).matches, "candidate_id")
        assert got == _expected_vacancy(live.base, current_c, vacancy, k)
        assert not set(removed_c) & {g[0] for g in got}
        eligible = [g[2] for g in got]
        assert eligible == sorted(eligible, reverse=True)
    for candidate in rng.sample(current_c, 3):
        got = _summary(live.rank_candidate(candidate, k), "vacancy_id")
        assert got == _expected_candidate(live.base, current_v, candidate, k)
        assert not set(removed_v) & {g[0] for g in got}


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), min_score=st.sampled_from([0.0, 0.3, 0.5, 0.7]))
def test_eligible_at_least_lists_exactly_the_current_candidates_who_fit(seed, min_score):
    candidates, vacancies = random_records(seed, 30, 4)
    live = LiveIndex(Matcher().index(candidates, vacancies))
    newcomer = dataclasses.replace(candidates[0], id="newcomer")
    live = live.updated(candidates=[newcomer], removed_candidates=[candidates[1].id])
    for vacancy in vacancies:
        got = live.eligible_at_least(vacancy, min_score)
        everyone = live.rank_vacancy(vacancy, top_k=len(live.candidate_ids)).matches
        assert [(cid, round(s, 9)) for cid, s in got] == \
            [(m.candidate_id, round(m.score, 9)) for m in everyone if m.eligible and m.score >= min_score]
        assert candidates[1].id not in {cid for cid, _ in got}
    assert live.overlay_size == 2


def test_no_changes_gives_the_base_ranking():
    candidates, vacancies = random_records(11, 25, 5)
    index = Matcher().index(candidates, vacancies)
    live = LiveIndex(index)
    for vacancy in vacancies:
        assert _summary(live.rank_vacancy(vacancy, 6).matches, "candidate_id") == \
            _summary(index.rank_vacancy(vacancy, 6).matches, "candidate_id")
    for candidate in candidates[:5]:
        assert _summary(live.rank_candidate(candidate, 3), "vacancy_id") == \
            _summary(index.rank_candidate(candidate, 3), "vacancy_id")
    assert live.overlay_size == 0
    assert np.array_equal(np.sort(live.candidate_ids), np.sort([c.id for c in candidates]))


def test_records_with_unseen_vocabulary_are_refused():
    candidates, vacancies = random_records(4, 20, 4)
    candidates = [dataclasses.replace(c, certificates=()) for c in candidates]
    vacancies = [dataclasses.replace(v, certificates=()) for v in vacancies]
    live = LiveIndex(Matcher().index(candidates, vacancies))
    forklift = dataclasses.replace(candidates[0], certificates=("HEFTRUCK",))
    assert live.covers([candidates[1]])
    assert not live.covers([forklift])
    with pytest.raises(ValueError, match="build a new index"):
        live.updated(candidates=[forklift])
    assert live.overlay_size == 0
