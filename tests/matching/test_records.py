"""Records: validation with file, line and field; canonical licences and certificates; round trips."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import records as records_module
from matching.records import (
    Candidate,
    RecordError,
    Vacancy,
    canonical_certificate,
    canonical_licence,
    load_candidates,
    load_vacancies,
    normalise_postcode,
    parse_candidates,
)


def write_jsonl(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def candidate_line(**fields):
    return json.dumps({"id": "c1", **fields})


def test_full_candidate_loads_with_normalised_values(tmp_path):
    path = write_jsonl(
        tmp_path,
        "c.jsonl",
        [
            candidate_line(
                postcode="3526ab",
                occupations=["schoonmaker"],
                talents=["schoonmaken"],
                about="Ik werk graag met mensen.",
                hours_per_week={"min": 12, "max": 24},
                availability={"mon": ["morning", "afternoon"], "sat": []},
                languages={"nl": "b1", "ar": "C2"},
                licences=["b", "Rijbewijs C/E"],
                certificates=["heftruckcertificaat", "Sociale Hygiëne", "vca"],
                max_travel_minutes=20,
                travel_mode="bike",
                favourite_colour="blue",
            )
        ],
    )
    [c] = load_candidates(path)
    assert c.postcode == "3526 AB" and c.pc4 == "3526"
    assert c.hours_min == 12 and c.hours_max == 24
    assert c.availability == {"mon": frozenset({"morning", "afternoon"})}
    assert c.languages == {"nl": "B1", "ar": "C2"}
    assert c.licences == {"B", "CE"}
    assert c.certificates == {"HEFTRUCK", "SOCIALE HYGIENE", "VCA"}
    assert c.travel_mode == "bike" and c.max_travel_minutes == 20


def test_missing_fields_mean_unknown(tmp_path):
    [c] = load_candidates(write_jsonl(tmp_path, "c.jsonl", ['{"id": "c9"}']))
    assert c == Candidate(id="c9")
    assert c.postcode is None and c.pc4 is None and c.availability is None and c.hours_min is None
    [v] = load_vacancies(write_jsonl(tmp_path, "v.jsonl", ['{"id": "v9"}']))
    assert v.seats == 1 and v.schedule is None and not v.licences and not v.languages


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"postcode": "0123"}, "postcode", "postcode"),
        ({"postcode": 3526}, "postcode", "string"),
        ({"languages": {"nl": "B3"}}, "languages.nl", "CEFR"),
        ({"hours_per_week": {"min": 30, "max": 20}}, "hours_per_week", "greater than max"),
        ({"hours_per_week": {"min": "ten"}}, "hours_per_week.min", "number"),
        ({"hours_per_week": {"max": 90}}, "hours_per_week.max", "between"),
        ({"availability": {"monday": ["morning"]}}, "availability", "weekday"),
        ({"availability": {"mon": ["lunch"]}}, "availability.mon", "daypart"),
        ({"travel_mode": "plane"}, "travel_mode", "travel mode"),
        ({"talents": "schoonmaken"}, "talents", "list"),
        ({"talents": ["ok", 3]}, "talents[1]", "string"),
        ({"max_travel_minutes": -5}, "max_travel_minutes", "negative"),
        ({"max_travel_minutes": True}, "max_travel_minutes", "number"),
        ({"about": ["x"]}, "about", "string"),
        ({"id": ""}, "id", "empty"),
        ({"id": 7}, "id", "string"),
    ],
)
def test_malformed_candidate_names_file_line_and_field(tmp_path, fields, field, words):
    path = write_jsonl(tmp_path, "people.jsonl", ['{"id": "ok"}', "", candidate_line(**fields)])
    with pytest.raises(RecordError) as info:
        load_candidates(path)
    err = info.value
    assert (err.path, err.line, err.field) == (str(path), 3, field)
    assert str(err).startswith(f"{path}:3: field '{field}': ")
    assert words.lower() in str(err).lower()


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('{"id": "v1", "seats": 0}', "seats"),
        ('{"id": "v1", "seats": 1.5}', "seats"),
        ('{"id": "v1", "schedule": {"sun": ["night", "night"]}}', "schedule.sun"),
        ('{"id": "v1", "licences": ["B", ""]}', "licences[1]"),
        ('{"title": "kok"}', "id"),
    ],
)
def test_malformed_vacancy_names_field(tmp_path, line, field):
    path = write_jsonl(tmp_path, "v.jsonl", [line])
    with pytest.raises(RecordError) as info:
        load_vacancies(path)
    assert info.value.line == 1 and info.value.field == field


def test_invalid_json_and_non_object_report_the_line(tmp_path):
    path = write_jsonl(tmp_path, "c.jsonl", ['{"id": "a"}', '{"id": "b",'])
    with pytest.raises(RecordError, match=r"c\.jsonl:2: invalid JSON"):
        load_candidates(path)
    with pytest.raises(RecordError, match=r":1: .*JSON object"):
        load_candidates(write_jsonl(tmp_path, "d.jsonl", ["[1, 2]"]))


def test_duplicate_ids_are_an_error(tmp_path):
    path = write_jsonl(tmp_path, "c.jsonl", ['{"id": "a"}', '{"id": "a"}'])
    with pytest.raises(RecordError) as info:
        load_candidates(path)
    assert info.value.line == 2 and info.value.field == "id"


def test_error_without_location_is_just_field_and_message():
    with pytest.raises(RecordError) as info:
        Candidate.from_dict({"id": "x", "languages": {"nl": "Z9"}})
    assert str(info.value).startswith("field 'languages.nl': unknown CEFR level")


def test_parse_from_lines_accepts_bytes_and_bom():
    people = parse_candidates([b'\xef\xbb\xbf{"id": "a"}\n', b'{"id": "b"}\n'], path="<stdin>")
    assert [p.id for p in people] == ["a", "b"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3526ab", "3526 AB"),
        (" 3526 AB ", "3526 AB"),
        ("3526", "3526"),
        ("3526 a", None),
        ("0526", None),
        ("35261", None),
        ("", None),
        (None, None),
        (3526, None),
    ],
)
def test_normalise_postcode(raw, expected):
    assert normalise_postcode(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("heftruck", "HEFTRUCK"),
        ("Heftruckcertificaat", "HEFTRUCK"),
        ("certificaat heftruck", "HEFTRUCK"),
        ("Sociale Hygiëne", "SOCIALE HYGIENE"),
        ("SVH Sociale Hygiene", "SOCIALE HYGIENE"),
        ("VCA-VOL", "VCA"),
        ("bhv", "BHV"),
        ("BHV'er", "BHV"),
        ("ehbo-diploma", "EHBO"),
        ("haccp", "HACCP"),
        ("Lassen", "LASSEN"),
    ],
)
def test_canonical_certificate(raw, expected):
    assert canonical_certificate(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [("b", "B"), ("Rijbewijs B", "B"), ("C/E", "CE"), ("b+e", "BE"), ("am", "AM")]
)
def test_canonical_licence(raw, expected):
    assert canonical_licence(raw) == expected


def test_vacancy_round_trip():
    v = Vacancy.from_dict(
        {
            "id": "v1",
            "title": "Schoonmaker",
            "postcode": "3526AB",
            "seats": 3,
            "schedule": {"tue": ["evening"]},
            "hours_per_week": {"min": 8},
            "languages": {"nl": "A2"},
            "certificates": ["VCA"],
        }
    )
    assert Vacancy.from_dict(v.to_dict()) == v
    assert v.to_dict()["schedule"] == {"tue": ["evening"]}


week = st.dictionaries(
    st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
    st.lists(st.sampled_from(["morning", "afternoon", "evening", "night"]), unique=True, min_size=1),
)


@given(
    postcode=st.none() | st.from_regex(r"\A[1-9][0-9]{3}( [A-Z]{2})?\Z"),
    hours=st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted),
    availability=st.none() | week,
    languages=st.dictionaries(st.sampled_from(["nl", "en", "ar", "tr"]), st.sampled_from(["A1", "B1", "C2"])),
    licences=st.frozensets(st.sampled_from(["B", "C", "CE", "AM"])),
)
def test_candidate_round_trips(postcode, hours, availability, languages, licences):
    c = Candidate.from_dict(
        {
            "id": "c",
            "postcode": postcode,
            "hours_per_week": {"min": hours[0], "max": hours[1]},
            "availability": availability,
            "languages": languages,
            "licences": sorted(licences),
        }
    )
    assert Candidate.from_dict(c.to_dict()) == c
    assert Candidate.from_dict(json.loads(json.dumps(c.to_dict()))) == c


EDGE_LINES = [
    '\ufeff{"id": "a\\"1\\u2028x", "about": "Ik kook graag \\ud83d\\ude00", "hours_per_week": {"min": 8}}',
    "",
    "   ",
    '{"id": "b/2", "postcode": "3521", "max_travel_minutes": 30, "travel_mode": "bike"}\r',
    '{"id": "c3", "id": "c3b", "languages": {"nl": "b1"}, "licences": ["b"], "certificates": ["VCA"]}',
    '{"id": "d4", "about": "magazijn \\u0000 tillen", "availability": {"mon": ["morning"]}}',
    '{"id": "e5", "max_travel_minutes": 123456789012345678901234567890}',
    '\x0c{"id": "f6", "hours_per_week": {"max": 1E1}}\x0b',
]
BAD_LINES = [
    '{"id": "x", "hours_per_week": {"min": NaN}}',
    '{"id": "x", "max_travel_minutes": 1e400}',
    '{"id": "x"} x',
    "[1, 2]",
    "null",
    '{"id": "x", "seats": 123456789012345678901234567890}',
    '{"id": 12345678901234567890123}',
]


FAST_LOADS = records_module._fast_loads  # kept before any test swaps it out


def _load_both(tmp_path, monkeypatch, text: bytes, kind):
    """What loading gives (records or the error line) with the fast JSON parser and with ``json`` alone."""
    path = tmp_path / "records.jsonl"
    path.write_bytes(text)
    load = load_candidates if kind == "candidates" else load_vacancies
    outcomes = []
    for fast in (FAST_LOADS, None):
        monkeypatch.setattr(records_module, "_fast_loads", fast)
        try:
            outcomes.append(load(path))
        except RecordError as exc:
            outcomes.append(str(exc))
    return outcomes


def test_the_fast_json_reader_gives_the_same_records_as_the_json_module(tmp_path, monkeypatch):
    assert FAST_LOADS is not None  # the declared dependency is installed, so the fast path is tested
    text = "\n".join(EDGE_LINES).encode("utf-8") + b"\n"
    fast, plain = _load_both(tmp_path, monkeypatch, text, "candidates")
    assert fast == plain
    assert [c.id for c in fast] == ['a"1\u2028x', "b/2", "c3b", "d4", "e5", "f6"]


@pytest.mark.parametrize("line", BAD_LINES)
def test_the_fast_json_reader_gives_the_same_errors_as_the_json_module(tmp_path, monkeypatch, line):
    for kind in ("candidates", "vacancies"):
        fast, plain = _load_both(tmp_path, monkeypatch, f'{{"id": "ok"}}\n{line}\n'.encode(), kind)
        assert fast == plain
        if not isinstance(plain, list):
            assert plain.startswith(f"{tmp_path / 'records.jsonl'}:2")


def test_bad_utf8_is_reported_as_before(tmp_path, monkeypatch):
    fast, plain = _load_both(tmp_path, monkeypatch, b'{"id": "\xff"}\n', "candidates")
    assert fast == plain and "not valid UTF-8" in fast
