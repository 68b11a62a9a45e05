"""Candidate and vacancy records: plain frozen dataclasses, validated loading from JSON Lines.

The record shapes follow ``matching/records.schema.json`` (the contract in ``matching/CLI.md``). A missing field means "unknown / no
requirement"; unknown extra fields are ignored; anything malformed raises :class:`RecordError` naming the
file, line and field.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from .record_fields import (
    CEFR_LEVELS,
    DAYPARTS,
    TRAVEL_MODES,
    WEEKDAYS,
    RecordError,
    canonical_certificate,
    canonical_licence,
    drop_empty,
    hours_dict,
    hours_field,
    id_field,
    languages_field,
    non_negative_field,
    normalise_postcode,
    pc4_of,
    postcode_field,
    require_object,
    seats_field,
    string_field,
    string_list_field,
    travel_mode_field,
    week_dict,
    week_field,
)

__all__ = [
    "CEFR_LEVELS",
    "DAYPARTS",
    "TRAVEL_MODES",
    "WEEKDAYS",
    "Candidate",
    "RecordError",
    "Vacancy",
    "canonical_certificate",
    "canonical_licence",
    "load_candidates",
    "load_vacancies",
    "normalise_postcode",
    "parse_candidates",
    "parse_vacancies",
]

# --- records ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A jobseeker as the matching engine sees them: no protected attributes, only work-related facts.

    ``occupations`` is the record field of the contract: work done before or wanted, without saying which.
    ``occupations_done`` (work done) and ``occupations_wanted`` (work wanted) keep the two apart for callers that
    know the difference (the web app); they are not part of the JSON record, so the command line ignores them as
    it ignores any unknown field. Explanations say "heeft gewerkt als" only for work done.
    ``occupations_described`` are occupations the person's own words (``about``) mean, found by meaning with the
    occupation search (:func:`matching.occupations.occupations_in_own_words`); they count like a wish.
    """

    id: str
    postcode: str | None = None
    occupations: tuple[str, ...] = ()
    occupations_done: tuple[str, ...] = ()
    occupations_wanted: tuple[str, ...] = ()
    occupations_described: tuple[str, ...] = ()
    talents: tuple[str, ...] = ()
    about: str = ""
    hours_min: float | None = None
    hours_max: float | None = None
    availability: Mapping[str, frozenset[str]] | None = field(default=None, hash=False)
    languages: Mapping[str, str] = field(default_factory=dict, hash=False)
    licences: frozenset[str] = frozenset()
    certificates: frozenset[str] = frozenset()
    max_travel_minutes: float | None = None
    travel_mode: str | None = None

    @property
    def pc4(self) -> str | None:
        """The four-digit postcode area, or None when unknown."""
        return pc4_of(self.postcode)

    def occupations_by_kind(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(kind, references) for kind "done", "either" (the record field), "wanted" and "described" (own words),
        in that order."""
        return (("done", self.occupations_done), ("either", self.occupations), ("wanted", self.occupations_wanted),
                ("described", self.occupations_described))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Candidate:
        """Validate one schema-shaped candidate object; raises RecordError naming the field."""
        d = require_object(d)
        hours_min, hours_max = hours_field(d)
        return cls(
            id=id_field(d),
            postcode=postcode_field(d),
            occupations=string_list_field(d, "occupations"),
            talents=string_list_field(d, "talents"),
            about=string_field(d, "about") or "",
            hours_min=hours_min,
            hours_max=hours_max,
            availability=week_field(d, "availability"),
            languages=languages_field(d),
            licences=frozenset(canonical_licence(x) for x in string_list_field(d, "licences")),
            certificates=frozenset(canonical_certificate(x) for x in string_list_field(d, "certificates")),
            max_travel_minutes=non_negative_field(d, "max_travel_minutes"),
            travel_mode=travel_mode_field(d),
        )

    def to_dict(self) -> dict[str, Any]:
        """Schema-shaped dict (unknown fields left out); ``Candidate.from_dict(c.to_dict()) == c``."""
        return drop_empty(
            {
                "id": self.id,
                "postcode": self.postcode,
                "occupations": list(self.occupations),
                "talents": list(self.talents),
                "about": self.about,
                "hours_per_week": hours_dict(self.hours_min, self.hours_max),
                "availability": week_dict(self.availability),
                "languages": dict(self.languages),
                "licences": sorted(self.licences),
                "certificates": sorted(self.certificates),
                "max_travel_minutes": self.max_travel_minutes,
                "travel_mode": self.travel_mode,
            }
        ) | ({"availability": {}} if self.availability == {} else {})


@dataclass(frozen=True)
class Vacancy:
    """A vacancy with its requirements; a missing requirement means "no requirement"."""

    id: str
    title: str = ""
    occupation: str | None = None
    description: str = ""
    postcode: str | None = None
    seats: int = 1
    hours_min: float | None = None
    hours_max: float | None = None
    schedule: Mapping[str, frozenset[str]] | None = field(default=None, hash=False)
    required_talents: tuple[str, ...] = ()
    preferred_talents: tuple[str, ...] = ()
    languages: Mapping[str, str] = field(default_factory=dict, hash=False)
    licences: frozenset[str] = frozenset()
    certificates: frozenset[str] = frozenset()

    @property
    def pc4(self) -> str | None:
        """The four-digit postcode area, or None when unknown."""
        return pc4_of(self.postcode)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Vacancy:
        """Validate one schema-shaped vacancy object; raises RecordError naming the field."""
        d = require_object(d)
        hours_min, hours_max = hours_field(d)
        occupation = string_field(d, "occupation")
        return cls(
            id=id_field(d),
            title=string_field(d, "title") or "",
            occupation=occupation.strip() if occupation and occupation.strip() else None,
            description=string_field(d, "description") or "",
            postcode=postcode_field(d),
            seats=seats_field(d),
            hours_min=hours_min,
            hours_max=hours_max,
            schedule=week_field(d, "schedule"),
            required_talents=string_list_field(d, "required_talents"),
            preferred_talents=string_list_field(d, "preferred_talents"),
            languages=languages_field(d),
            licences=frozenset(canonical_licence(x) for x in string_list_field(d, "licences")),
            certificates=frozenset(canonical_certificate(x) for x in string_list_field(d, "certificates")),
        )

    def to_dict(self) -> dict[str, Any]:
        """Schema-shaped dict; ``Vacancy.from_dict(v.to_dict()) == v``."""
        out = drop_empty(
            {
                "id": self.id,
                "title": self.title,
                "occupation": self.occupation,
                "description": self.description,
                "postcode": self.postcode,
                "hours_per_week": hours_dict(self.hours_min, self.hours_max),
                "schedule": week_dict(self.schedule),
                "required_talents": list(self.required_talents),
                "preferred_talents": list(self.preferred_talents),
                "languages": dict(self.languages),
                "licences": sorted(self.licences),
                "certificates": sorted(self.certificates),
            }
        )
        out["seats"] = self.seats
        if self.schedule == {}:
            out["schedule"] = {}
        return out


# --- JSON Lines loading --------------------------------------------------------------------------------------

R = TypeVar("R", Candidate, Vacancy)

try:  # a faster parser of the same JSON (about three times ``json``); a line it refuses goes through ``json``
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover - a declared dependency; the standard module alone gives the same records
    _fast_loads = None
# An integer beyond 64 bits (19 digits or more) becomes a float in orjson and stays an int in json. Such a run is
# found by mapping every digit to "1" and everything else to "0" (one C pass, ten times faster than a regex).
_DIGIT_MAP = bytes(0x31 if 0x30 <= b <= 0x39 else 0x30 for b in range(256))
_LONG_DIGITS = b"1" * 19


def _fast_object(raw: bytes):
    """The object on this line as ``json.loads`` would give it, or None when only ``json`` may decide (a line
    orjson refuses, such as NaN, a byte order mark, bad UTF-8 or an empty line, or one with a very long integer):
    the records, and every error message, stay exactly what the standard module makes of the line."""
    if _fast_loads is None or _LONG_DIGITS in raw.translate(_DIGIT_MAP):
        return None
    try:
        obj = _fast_loads(raw)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


_BLANK = object()
# A lone surrogate (half of a UTF-16 pair, e.g. "\\ud800" in JSON) is not text: it cannot be written as UTF-8.
# orjson refuses such a line, so only lines that ``json`` decodes can hold one; this finds the candidates cheaply.
_MAYBE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _line_object(raw: str | bytes, number: int, path: str | None):
    """The JSON value on one line, or ``_BLANK`` for a blank line; raises RecordError naming the line. A second
    value says whether the line may hold a lone surrogate (see :func:`_surrogate_error`)."""
    if isinstance(raw, bytes):
        obj = _fast_object(raw)
        if obj is not None:
            return obj, False
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordError(f"not valid UTF-8 ({exc.reason})", path=path, line=number) from None
    text = raw.lstrip("\ufeff").strip() if number == 1 else raw.strip()
    if not text:
        return _BLANK, False
    try:
        return json.loads(text), _MAYBE_SURROGATE.search(text) is not None
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc.msg} at column {exc.colno}", path=path, line=number) from None


def _parse(lines: Iterable[str | bytes], kind: type[R], path: str | None) -> list[R]:
    records: list[R] = []
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        obj, suspect = _line_object(raw, number, path)
        if obj is _BLANK:
            continue
        try:
            record = kind.from_dict(obj)
            if suspect:
                _surrogate_error(record)
        except RecordError as exc:
            raise exc.located(path, number) from None
        if record.id in seen:
            raise RecordError(f"duplicate id {record.id!r}", field="id", path=path, line=number)
        seen.add(record.id)
        records.append(record)
    return records


def _surrogate_error(record) -> None:
    """Raise RecordError naming the first field of ``record`` whose text holds a lone surrogate."""

    def texts(name, value):
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                yield from texts(f"{name}[{i}]", item)
        elif isinstance(value, frozenset):
            for item in sorted(value):
                yield from texts(name, item)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                yield from texts(name, key)
                yield from texts(f"{name}.{key}", item)

    for f in fields(record):
        for name, text in texts(f.name, getattr(record, f.name)):
            found = _SURROGATE.search(text)
            if found:
                raise RecordError(f"contains a lone surrogate (U+{ord(found.group()):04X}), which is not valid "
                                  "Unicode text", field=name)


def parse_candidates(lines: Iterable[str | bytes], path: str | None = None) -> list[Candidate]:
    """Candidates from JSON Lines text (e.g. standard input); errors name ``path`` and the line."""
    return _parse(lines, Candidate, path)


def parse_vacancies(lines: Iterable[str | bytes], path: str | None = None) -> list[Vacancy]:
    """Vacancies from JSON Lines text; errors name ``path`` and the line."""
    return _parse(lines, Vacancy, path)


def _load(path: str | os.PathLike, kind: type[R]) -> list[R]:
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            return _parse(handle, kind, name)
    except OSError as exc:
        raise RecordError(f"cannot read file: {exc.strerror}", path=name) from None


def load_candidates(path: str | os.PathLike) -> list[Candidate]:
    """Read candidates from a JSON Lines file."""
    return _load(path, Candidate)


def load_vacancies(path: str | os.PathLike) -> list[Vacancy]:
    """Read vacancies from a JSON Lines file."""
    return _load(path, Vacancy)
