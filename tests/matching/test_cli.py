"""``python -m matching`` as other systems call it: exact output shapes, exit status 2 and one clear line on bad
input, nothing on standard output for a failed run."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.matching.record_factories import occ

ROOT = Path(__file__).resolve().parents[2]


def run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "matching", *args], input=stdin.encode(), capture_output=True,
                          cwd=ROOT, timeout=120)


def write(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path):
    candidates = write(tmp_path / "c.jsonl", [
        {"id": "c1", "postcode": "3526 AB", "occupations": [occ("schoonmaker gebouwen")], "talents": ["schoonmaken"],
         "about": "Ik maak kantoren schoon.", "hours_per_week": {"min": 16, "max": 32}, "languages": {"nl": "B1"},
         "travel_mode": "bike", "max_travel_minutes": 30},
        {"id": "c2", "postcode": "3527", "occupations": ["kok"], "languages": {"nl": "A2"}},
        {"id": "c3"},
    ])
    vacancies = write(tmp_path / "v.jsonl", [
        {"id": "v1", "title": "Schoonmaker", "occupation": occ("schoonmaker gebouwen"), "postcode": "3526",
         "seats": 2, "hours_per_week": {"min": 16, "max": 24}},
        {"id": "v2", "title": "Hulpkok", "occupation": "kok", "postcode": "3521", "licences": ["B"]},
    ])
    return candidates, vacancies


def test_rank_prints_one_line_per_vacancy_in_input_order(files):
    c, v = files
    result = run("rank", "--candidates", c, "--vacancies", v, "--top", "2")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert [x["vacancy"] for x in lines] == ["v1", "v2"]
    first = lines[0]["candidates"]
    assert len(first) == 2 and first[0]["id"] == "c1" and first[0]["eligible"] is True
    for line in lines:
        for cand in line["candidates"]:
            assert set(cand) == {"id", "score", "eligible", "explanation"}
            assert abs(sum(e["contribution"] for e in cand["explanation"]) - cand["score"]) <= 1e-6
            assert all(set(e) == {"feature", "contribution", "detail"} for e in cand["explanation"])
    # nobody has licence B: everyone is ineligible for v2, with the reason in the explanation
    assert all(not x["eligible"] for x in lines[1]["candidates"])
    assert any(e["detail"] == "mist rijbewijs B" for e in lines[1]["candidates"][0]["explanation"])


def test_allocate_prints_the_plan(files):
    c, v = files
    result = run("allocate", "--candidates", c, "--vacancies", v)
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert set(plan) == {"assignments", "placed", "total_score"}
    assert plan["placed"] == len(plan["assignments"]) >= 1
    assert all(a["vacancy"] == "v1" for a in plan["assignments"])  # v2 needs a licence nobody has
    assert abs(sum(a["score"] for a in plan["assignments"]) - plan["total_score"]) < 1e-9


@pytest.mark.parametrize(
    ("which", "row", "field"),
    [
        ("candidates", {"id": "x", "hours_per_week": {"min": 30, "max": 20}}, "hours_per_week"),
        ("candidates", {"id": "x", "languages": {"nl": "B3"}}, "languages.nl"),
        ("vacancies", {"id": "x", "postcode": "12345"}, "postcode"),
        ("vacancies", {"id": "x", "seats": "twee"}, "seats"),
        ("candidates", {"id": 7}, "id"),
    ],
)
def test_bad_record_names_file_line_and_field(files, tmp_path, which, row, field):
    c, v = files
    bad = write(tmp_path / "bad.jsonl", [{"id": "ok"}, row])
    args = ["--candidates", bad, "--vacancies", v] if which == "candidates" else ["--candidates", c, "--vacancies", bad]
    for command in ("rank", "allocate"):
        result = run(command, *args)
        assert result.returncode == 2
        assert result.stdout == b""
        err = result.stderr.decode().strip()
        assert len(err.splitlines()) == 1
        assert f"{bad}:2:" in err and f"'{field}'" in err


def test_invalid_json_and_missing_file(files, tmp_path):
    c, v = files
    bad = write(tmp_path / "broken.jsonl", ['{"id": "a"}', '{"id": "b", '])
    result = run("rank", "--candidates", bad, "--vacancies", v)
    assert result.returncode == 2 and result.stdout == b""
    assert f"{bad}:2:" in result.stderr.decode()
    result = run("rank", "--candidates", str(tmp_path / "nope.jsonl"), "--vacancies", v)
    assert result.returncode == 2 and result.stdout == b"" and "nope.jsonl" in result.stderr.decode()


@pytest.mark.parametrize(
    ("which", "line", "field", "code"),
    [
        ("candidates", r'{"id": "c\ud800"}', "id", "U+D800"),
        ("vacancies", r'{"id": "v9", "title": "kok \udc00"}', "title", "U+DC00"),
        ("candidates", r'{"id": "c9", "talents": ["koken", "x\uDBFF"]}', "talents[1]", "U+DBFF"),
    ],
)
def test_a_lone_surrogate_is_a_clear_input_error(files, tmp_path, which, line, field, code):
    """Half of a UTF-16 pair cannot be written as UTF-8: the run stops with exit 2 and one line naming the file,
    line and field, instead of a traceback halfway through writing."""
    c, v = files
    bad = write(tmp_path / "bad.jsonl", ['{"id": "ok"}', line])
    args = ["--candidates", bad, "--vacancies", v] if which == "candidates" else ["--candidates", c, "--vacancies", bad]
    for command in ("rank", "allocate"):
        result = run(command, *args)
        err = result.stderr.decode()
        assert result.returncode == 2 and result.stdout == b"", err
        assert err == f"error: {bad}:2: field '{field}': contains a lone surrogate ({code}), which is not valid " \
                      "Unicode text\n"


def test_a_surrogate_pair_is_one_character_and_fine(files, tmp_path):
    c, v = files
    good = write(tmp_path / "emoji.jsonl", [r'{"id": "c\ud83d\ude00"}'])
    result = run("rank", "--candidates", good, "--vacancies", v, "--top", "1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode().splitlines()[0])["candidates"][0]["id"] == "c\U0001F600"


def test_an_undecodable_query_argument_is_a_clear_error():
    result = subprocess.run([sys.executable, "-m", "matching", "occupations", "kok", b"kok\xff"],
                            capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == "error: QUERY 2: not valid UTF-8\n"


def test_occupations_from_arguments_and_stdin():
    result = run("occupations", "--top", "3", "kok", "afrokapper")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert [x["query"] for x in lines] == ["kok", "afrokapper"]
    assert all(len(x["results"]) <= 3 for x in lines)
    first = lines[0]["results"][0]
    assert set(first) == {"uri", "label", "score"} and 0 <= first["score"] <= 1
    result = run("occupations", stdin="schoonmaker\nkassamedewerker\n")
    assert [json.loads(x)["query"] for x in result.stdout.decode().splitlines()] == ["schoonmaker", "kassamedewerker"]


def test_usage_error_is_one_line_and_exit_2():
    result = run("rank", "--candidates", "x.jsonl")
    assert result.returncode == 2 and result.stdout == b""
    assert len(result.stderr.decode().strip().splitlines()) == 1


@pytest.mark.parametrize("codes", [False, True])
def test_rank_lines_are_exactly_what_json_dumps_writes(files, codes):
    """The command line writes each shared explanation line once and reuses its text: the bytes must be those of
    ``json.dumps(..., ensure_ascii=False, separators=(", ", ": "))`` of the whole object, as before."""
    c, v = files
    args = ["rank", "--candidates", c, "--vacancies", v, "--top", "3"] + (["--codes"] if codes else [])
    result = run(*args)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 2
    for line in lines:
        assert line == json.dumps(json.loads(line), ensure_ascii=False, separators=(", ", ": "))
    assert ("reasons" in lines[1]) is codes and ("params" in lines[1]) is codes


def test_rank_writer_matches_json_dumps_for_awkward_values():
    from matching.cli import _dumps, _RankWriter
    from matching.results import Contribution, Match, VacancyRanking

    shared = Contribution("travel", 0.1, 'reist "ver" \u2028 weg', "travel.time", {"minutes": 5, "max": None})
    matches = (Match('c"1\u00e9', "v/1", 1e-17, True, (), (shared, shared), "m"),
               Match("c2", "v/1", 0.5, False, ("mist rijbewijs B",), (shared,), "m"))
    ranking = VacancyRanking("v/1", matches)
    for codes in (False, True):
        expected = {"vacancy": "v/1", "candidates": [
            {"id": m.candidate_id, "score": m.score, "eligible": m.eligible,
             **({"reasons": list(m.reasons)} if codes else {}),
             "explanation": [{"feature": x.feature, "contribution": x.contribution, "detail": x.detail,
                              **({"code": x.code, "params": x.params} if codes else {})} for x in m.explanation]}
            for m in matches]}
        assert _RankWriter(codes).line(ranking) == _dumps(expected)
