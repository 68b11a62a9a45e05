"""Ranking: ineligible never above eligible, stable under input order, chunking does not change results."""

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.scorer import Matcher
from tests.matching.record_factories import make_candidate, make_vacancy, random_records


def _every_pair(matcher, candidates, vacancies):
    """Every (candidate, vacancy) Match, scored one pair at a time (no ranking shortcuts)."""
    index = matcher.index(candidates, vacancies)
    ci, vi = np.meshgrid(np.arange(len(candidates)), np.arange(len(vacancies)))
    return {(m.candidate_id, m.vacancy_id): m for m in index.matches(ci.ravel(), vi.ravel())}


def _summary(rankings):
    return {r.vacancy_id: [(m.candidate_id, round(m.score, 9), m.eligible) for m in r.matches] for r in rankings}


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), top_k=st.integers(1, 8))
def test_ineligible_never_ranks_above_eligible_and_order_is_by_score(seed, top_k):
    candidates, vacancies = random_records(seed, 15, 5)
    matcher = Matcher()
    every = _every_pair(matcher, candidates, vacancies)
    for ranking, vacancy in zip(matcher.rank(candidates, vacancies, top_k=top_k), vacancies, strict=True):
        eligibility = [m.eligible for m in ranking.matches]
        assert eligibility == sorted(eligibility, reverse=True)  # all eligible ones first
        eligible = [(-m.score, m.candidate_id) for m in ranking.matches if m.eligible]
        assert eligible == sorted(eligible)
        assert len(ranking.matches) == min(top_k, len(candidates))
        # nobody left out is better: no eligible candidate outside the list beats the last eligible one in it
        shown = {m.candidate_id for m in ranking.matches}
        others = [every[c.id, vacancy.id] for c in candidates if c.id not in shown]
        if others and ranking.matches:
            last = ranking.matches[-1]
            for o in others:
                assert not (o.eligible and not last.eligible)
                if o.eligible and last.eligible:
                    assert (-o.score, o.candidate_id) > (-last.score, last.candidate_id)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), shuffle=st.integers(0, 10_000))
def test_ranking_is_stable_under_input_order(seed, shuffle):
    candidates, vacancies = random_records(seed, 15, 4)
    expected = _summary(Matcher().rank(candidates, vacancies, top_k=5))
    rng = random.Random(shuffle)
    c2, v2 = candidates[:], vacancies[:]
    rng.shuffle(c2)
    rng.shuffle(v2)
    got = Matcher().rank(c2, v2, top_k=5)
    assert [r.vacancy_id for r in got] == [v.id for v in v2]  # vacancies in input order
    assert _summary(got) == expected


def test_ties_are_broken_by_candidate_id():
    twins = [make_candidate(id=i) for i in ("c3", "c1", "c2")]
    ranking = Matcher().rank(twins, [make_vacancy()], top_k=3)[0]
    assert [m.candidate_id for m in ranking.matches] == ["c1", "c2", "c3"]
    assert len({m.score for m in ranking.matches}) == 1


def test_small_chunks_give_the_same_ranking():
    candidates, vacancies = random_records(11, 30, 9)
    whole = _summary(Matcher().rank(candidates, vacancies, top_k=6))
    chunked = _summary(Matcher(chunk_size=1).rank(candidates, vacancies, top_k=6))
    assert whole == chunked


def test_adding_sparse_blocks_without_scipys_in_place_routine_gives_the_same_ranking(monkeypatch):
    import matching.keyblock as keyblock

    candidates, vacancies = random_records(13, 30, 9)
    in_place = _summary(Matcher().rank(candidates, vacancies, top_k=6))
    monkeypatch.setattr(keyblock, "_add_sparse_into", None)
    assert _summary(Matcher().rank(candidates, vacancies, top_k=6)) == in_place


def test_top_vacancies_per_candidate_and_new_records():
    candidates, vacancies = random_records(5, 20, 8)
    matcher = Matcher()
    index = matcher.index(candidates, vacancies)
    per_candidate = index.top_vacancies(top_k=3)
    every = _every_pair(matcher, candidates, vacancies)
    for cand, matches in zip(candidates, per_candidate, strict=True):
        assert all(m.candidate_id == cand.id for m in matches)
        assert len(matches) == 3
        # the same best eligible vacancies as scoring every pair one by one
        everything = sorted((-x.score, x.vacancy_id) for x in (every[cand.id, v.id] for v in vacancies)
                            if x.eligible)
        assert [m.vacancy_id for m in matches if m.eligible] == [k[1] for k in everything[:3]]
    # a new vacancy / candidate against the index = the same as ranking it with everyone
    new_v = vacancies[0].__class__(**{**vacancies[0].__dict__, "id": "new-v"})
    assert _summary([index.rank_vacancy(new_v, top_k=4)])["new-v"] == \
        _summary(matcher.rank(candidates, [new_v], top_k=4))["new-v"]
    new_c = candidates[0].__class__(**{**candidates[0].__dict__, "id": "new-c"})
    assert [m.vacancy_id for m in index.rank_candidate(new_c, top_k=4)] == \
        [m.vacancy_id for m in matcher.rank_for_candidate(new_c, vacancies, top_k=4)]


def test_explanations_only_for_the_top_k():
    candidates, vacancies = random_records(8, 25, 3)
    rankings = Matcher().rank(candidates, vacancies, top_k=2)
    assert all(len(r.matches) == 2 for r in rankings)


def test_empty_inputs():
    assert Matcher().rank([], [make_vacancy()], top_k=3)[0].matches == ()
    assert Matcher().rank([make_candidate()], [], top_k=3) == []


def test_selected_entries_are_exactly_those_within_the_margin_of_the_kth():
    from matching.topk import MARGIN, top_entries

    rng = np.random.default_rng(0)
    key = rng.normal(size=(30, 9000)).astype(np.float32)
    key[5, :] = 0.5  # all tied
    key[7, ::2] = -3.0  # many ineligible
    key[9, :] = -3.0
    key[9, :20] = 0.3  # fewer eligible than k
    key[11] = (0.4 + rng.integers(0, 3, 9000) * MARGIN / 4).astype(np.float32)  # a cloud of near-ties
    key[13, ::7] = 2.0  # far more than 2k entries at the top, so the sampled guess lands among ties
    for k in (1, 10, 50, 200):
        for floor in (None, -0.5):
            r, c = top_entries(key, k, floor)
            kth = -np.sort(-key, axis=1)[:, k - 1]
            want = key >= (kth - np.float32(MARGIN))[:, None]
            if floor is not None:
                want &= key >= floor
            got = np.zeros(key.shape, dtype=bool)
            got[r, c] = True
            assert np.array_equal(got, want), (k, floor)
            assert np.all(np.diff(r) >= 0)  # row by row


def test_forked_workers_give_the_same_ranking(monkeypatch):
    import matching.parallel as parallel

    candidates, vacancies = random_records(21, 40, 12)
    serial = _summary(Matcher(n_jobs=1, chunk_size=2).rank(candidates, vacancies, top_k=5))
    monkeypatch.setattr(parallel, "PARALLEL_MIN_PAIRS", 0)
    forked = _summary(Matcher(n_jobs=2, chunk_size=2).rank(candidates, vacancies, top_k=5))
    assert forked == serial


def test_new_vacancy_asking_for_a_certificate_no_earlier_vacancy_asked_for():
    holder = make_candidate(id="holder", certificates=frozenset({"EHBO"}))
    other = make_candidate(id="other")
    index = Matcher().index([holder, other], [make_vacancy()])
    ranking = index.rank_vacancy(make_vacancy(id="new", certificates=frozenset({"EHBO"})), top_k=2)
    assert [(m.candidate_id, m.eligible) for m in ranking.matches] == [("holder", True), ("other", False)]
    assert ranking.matches[1].reasons == ("mist EHBO",)


def test_top_zero_gives_empty_lists():
    candidates, vacancies = random_records(2, 300, 3)
    assert [len(r.matches) for r in Matcher().rank(candidates, vacancies, top_k=0)] == [0, 0, 0]
    assert Matcher().rank_for_candidate(candidates[0], vacancies, top_k=0) == []
    assert Matcher().rank_for_candidate(candidates[0], [], top_k=3) == []
