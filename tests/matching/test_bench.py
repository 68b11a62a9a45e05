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
    figures = run(300, 30, seed=1, top_k=5, naive_sample=200, out=out, command_lines=False)
    text = out.getvalue()
    for phrase in ("full ranking", "one new vacancy", "one new candidate", "plan", "naive per-pair",
                   "load average", "host reference", "| measurement | wall | CPU | target |"):
        assert phrase in text
    assert figures["plan_placed"] >= figures["greedy_placed"]
    assert figures["speedup"] > 0


def test_json_only_baseline_writes_the_rank_output_again(tmp_path):
    from matching.bench_cli import json_only

    (tmp_path / "c.jsonl").write_text('{"id": "c1"}\n', encoding="utf-8")
    (tmp_path / "v.jsonl").write_text('{"id": "v1"}\n', encoding="utf-8")
    line = '{"vacancy": "v1", "candidates": [{"id": "c1", "score": 0.5, "eligible": true, "explanation": []}]}\n'
    (tmp_path / "out.jsonl").write_text(line, encoding="utf-8")
    out = io.StringIO()
    json_only(str(tmp_path / "c.jsonl"), str(tmp_path / "v.jsonl"), str(tmp_path / "out.jsonl"), out=out)
    assert out.getvalue() == line


def test_parallel_workers_report_how_much_they_overlapped():
    from matching.parallel import _overlap

    assert _overlap([(0.0, 2.0), (1.0, 3.0)]) == 1.0  # side by side for one second
    assert _overlap([(0.0, 1.0), (1.0, 2.0)]) == 0.0  # one after the other
