"""The neighbourhood-wide plan: seats, one proposal per person, only eligible pairs, most people placed first."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.allocation import allocate, plan_from_pairs, without_pairs
from matching.scorer import Matcher
from tests.matching.record_factories import make_candidate, make_vacancy, random_records


def _check_plan(plan, candidates, vacancies):
    seats = {v.id: v.seats for v in vacancies}
    index = Matcher().index(candidates, vacancies)
    ci, vi = np.meshgrid(np.arange(len(candidates)), np.arange(len(vacancies)))
    every = {(m.vacancy_id, m.candidate_id): m for m in index.matches(ci.ravel(), vi.ravel())}
    used = {}
    for vid, cid, score in plan.assignments:
        used[vid] = used.get(vid, 0) + 1
        m = every[vid, cid]
        assert m.eligible
        assert abs(m.score - score) < 1e-9
    assert all(n <= seats[v] for v, n in used.items())
    people = [cid for _, cid, _ in plan.assignments]
    assert len(people) == len(set(people)) == plan.placed
    assert abs(sum(s for _, _, s in plan.assignments) - plan.total_score) < 1e-9


def test_plan_places_more_people_than_greedy_picks():
    # Both vacancies like Ann best; only the plan sees that Bob can take the second one.
    ann = make_candidate(id="ann")
    bob = make_candidate(id="bob", occupations=(), talents=(), about="")
    v1 = make_vacancy(id="v1")
    v2 = make_vacancy(id="v2")
    plan = allocate([ann, bob], [v1, v2])
    assert plan.placed == 2
    assert plan.greedy.placed == 1
    assert plan.greedy.proposed_to_several == 1
    assert plan.extra_placed == 1
    assert sorted(c for _, c, _ in plan.assignments) == ["ann", "bob"]


def test_seats_and_eligibility_are_respected():
    people = [make_candidate(id=f"c{i}") for i in range(5)]
    people.append(make_candidate(id="far", postcode="3584 CS", travel_mode="walk", max_travel_minutes=10.0))
    v = make_vacancy(id="v", seats=3)
    plan = allocate(people, [v])
    assert plan.placed == 3
    assert "far" not in [c for _, c, _ in plan.assignments]
    assert [c for _, c, _ in plan.assignments] == ["c0", "c1", "c2"]  # equal scores: by id


def test_plan_output_shape():
    plan = allocate([make_candidate()], [make_vacancy()])
    d = plan.to_dict()
    assert set(d) == {"assignments", "placed", "total_score"}
    assert d["assignments"][0]["vacancy"] == "v1" and d["assignments"][0]["candidate"] == "c1"


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_plan_is_optimal_against_brute_force(data):
    n_c = data.draw(st.integers(1, 4))
    n_v = data.draw(st.integers(1, 3))
    seats = np.array(data.draw(st.lists(st.integers(1, 2), min_size=n_v, max_size=n_v)))
    edges = data.draw(st.sets(st.tuples(st.integers(0, n_v - 1), st.integers(0, n_c - 1)), max_size=n_c * n_v))
    edges = sorted(edges)
    scores = data.draw(st.lists(st.floats(0, 1), min_size=len(edges), max_size=len(edges)))
    if edges:
        vi = np.array([e[0] for e in edges])
        ci = np.array([e[1] for e in edges])
        order = np.lexsort((-np.array(scores), vi))  # grouped by vacancy, best first
        vi, ci, sc = vi[order], ci[order], np.array(scores)[order]
    else:
        vi = ci = np.zeros(0, dtype=int)
        sc = np.zeros(0)
    plan = plan_from_pairs(ci, vi, sc, seats, [f"c{i}" for i in range(n_c)], [f"v{i}" for i in range(n_v)])
    best = (0, 0.0)
    for r in range(len(edges) + 1):
        for subset in itertools.combinations(range(len(edges)), r):
            cs = [ci[k] for k in subset]
            if len(set(cs)) < len(cs):
                continue
            if any(sum(1 for k in subset if vi[k] == v) > seats[v] for v in range(n_v)):
                continue
            best = max(best, (r, float(sum(sc[k] for k in subset))))
    assert plan.placed == best[0]
    assert abs(plan.total_score - best[1]) < 1e-6
    assert plan.placed >= plan.greedy.placed


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_plan_on_random_neighbourhoods(seed):
    candidates, vacancies = random_records(seed, 20, 8)
    plan = allocate(candidates, vacancies, top_k=10)
    _check_plan(plan, candidates, vacancies)
    assert plan.placed >= plan.greedy.placed


@pytest.mark.parametrize("forked", [False, True])
def test_plan_from_scratch_equals_the_plan_over_every_pairs_exact_top_k(forked, monkeypatch):
    # The eligible-only selection (sampled threshold, no explanations, forked workers) must hand the matching the
    # same pairs as scoring every pair exactly and keeping each vacancy's top k eligible by (score, id).
    import matching.parallel as parallel
    from matching.bench import synthetic

    if forked:
        monkeypatch.setattr(parallel, "PARALLEL_MIN_PAIRS", 0)
    candidates, vacancies = synthetic(600, 12, seed=5)  # 600 candidates: the sampled threshold is used for k=3
    top_k = 3
    index = Matcher(chunk_size=5, n_jobs=2 if forked else 1).index(candidates, vacancies)
    plan = allocate(candidates, vacancies, top_k=top_k, index=index)

    ci, vi = (a.ravel() for a in np.meshgrid(np.arange(len(candidates)), np.arange(len(vacancies))))
    every = index.matches(ci, vi)
    best = sorted((vi[k], -m.score, m.candidate_id, ci[k]) for k, m in enumerate(every) if m.eligible)
    kept = [row for _, group in itertools.groupby(best, key=lambda row: row[0]) for row in list(group)[:top_k]]
    expected = plan_from_pairs(np.array([row[3] for row in kept]), np.array([row[0] for row in kept]),
                               np.array([-row[1] for row in kept]), index.seats, index.C.ids, index.V.ids)
    assert plan.placed > 0
    assert plan.assignments == expected.assignments
    assert plan.greedy == expected.greedy
    _check_plan(plan, candidates, vacancies)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_plan_without_rejected_pairs_and_keeping_decided_ones_is_optimal_against_brute_force(data):
    """Small neighbourhoods with rejected pairs, decided (shortlisted) pairs, vacancies with places already taken
    (fewer seats left) and scores with ties: the plan never uses a rejected pair, places as many people as possible
    with the highest total score, keeps as many decided pairs as such a plan allows, and greedy picks are counted
    on the same pairs."""
    n_c = data.draw(st.integers(1, 4))
    n_v = data.draw(st.integers(1, 3))
    places = data.draw(st.lists(st.integers(1, 3), min_size=n_v, max_size=n_v))
    taken = [data.draw(st.integers(0, p)) for p in places]
    left = [p - t for p, t in zip(places, taken, strict=True)]
    open_v = [v for v in range(n_v) if left[v] > 0]  # a full vacancy leaves the plan
    all_edges = sorted(data.draw(st.sets(st.tuples(st.integers(0, n_v - 1), st.integers(0, n_c - 1)),
                                         max_size=n_c * n_v)))
    all_edges = [e for e in all_edges if e[0] in open_v]
    rejected = {e for e in all_edges if data.draw(st.booleans())}
    kept = {e for e in all_edges if e not in rejected and data.draw(st.booleans())}
    scores = {e: data.draw(st.integers(0, 4)) / 4 for e in all_edges}  # coarse: ties happen
    if all_edges:
        order = sorted(all_edges, key=lambda e: (e[0], -scores[e]))
        vi = np.array([e[0] for e in order])
        ci = np.array([e[1] for e in order])
        sc = np.array([scores[e] for e in order])
    else:
        vi = ci = np.zeros(0, dtype=int)
        sc = np.zeros(0)
    ci, vi, sc = without_pairs(ci, vi, sc, rejected)
    seats = np.array(left)
    plan = plan_from_pairs(ci, vi, sc, seats, [f"c{i}" for i in range(n_c)], [f"v{i}" for i in range(n_v)],
                           keep=kept)
    chosen = {(int(v[1:]), int(c[1:])) for v, c, _s in plan.assignments}
    assert not chosen & rejected
    edges = [e for e in all_edges if e not in rejected]
    best = (0, 0.0, 0)
    for r in range(len(edges) + 1):
        for subset in itertools.combinations(edges, r):
            people = [c for _v, c in subset]
            if len(set(people)) < len(people) or any(sum(1 for v, _c in subset if v == w) > left[w]
                                                     for w in range(n_v)):
                continue
            best = max(best, (r, round(sum(scores[e] for e in subset), 6), len(set(subset) & kept)))
    assert (plan.placed, round(plan.total_score, 6), len(chosen & kept)) == best
    # greedy on the same pairs: each open vacancy's best `left` people that were not rejected
    greedy_people = {c for v in open_v for _v, c in sorted((e for e in edges if e[0] == v),
                                                           key=lambda e: -scores[e])[:left[v]]}
    assert plan.greedy.placed == len(greedy_people)


@pytest.mark.parametrize("kept", [0, 1])
def test_a_decided_pair_is_kept_when_it_is_as_good_as_the_other(kept):
    ids = (["c0", "c1"], ["v0"])
    plan = plan_from_pairs([0, 1], [0, 0], [0.5, 0.5], np.array([1]), *ids, keep={(0, kept)})
    assert [c for _v, c, _s in plan.assignments] == [f"c{kept}"]
    better = plan_from_pairs([0, 1], [0, 0], [0.6, 0.5], np.array([1]), *ids, keep={(0, 1)})
    assert [c for _v, c, _s in better.assignments] == ["c0"]  # never at the cost of a better plan
