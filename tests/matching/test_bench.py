"""The benchmark runs end to end on a tiny neighbourhood (figures are not asserted: no timed tests)."""

import io

from matching.bench import run, synthetic


def test_synthetic_neighbourhood_is_seeded_and_valid():
    a = synthetic(50, 10, seed=3)
    b = synthetic(50, 10, seed=3)
    assert a == b
    candidates, vacancies = a
    assert len({c.id for c in candidates}) == 50 and len({v.id for v in vacancies}) == 10
    assert any(c.pc4 == "3526" for c in candidates)
    for c in candidates:
        assert c.to_dict()["id"] == c.id  # schema-shaped


def test_bench_reports_every_measurement():
    out = io.StringIO()
    figures = run(300, 30, seed=1, top_k=5, naive_sample=200, out=out)
    text = out.getvalue()
    for phrase in ("full ranking", "one new vacancy", "one new candidate", "plan", "naive per-pair"):
        assert phrase in text
    assert figures["plan_placed"] >= figures["greedy_placed"]
    assert figures["speedup"] > 0
