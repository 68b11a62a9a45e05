"""Candidate and vacancy records: plain frozen dataclasses, validated loading from JSON Lines.

The record shapes follow ``records.schema.json`` (shared contract). A missing field means "unknown / no
requirement"; unknown extra fields are ignored; anything malformed raises :class:`RecordError` naming the
file, line and field.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .dutch import normalise

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

CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAYPARTS: tuple[str, ...] = ("morning", "afternoon", "evening", "night")
TRAVEL_MODES: tuple[str, ...] = ("walk", "bike", "public_transport", "car")
MAX_HOURS = 60.0


class RecordError(ValueError):
    """A malformed record; ``str(e)`` is "<file>:<line>: field '<field>': <message>" (parts omitted when unknown)."""

    def __init__(
        self, message: str, *, field: str | None = None, path: str | None = None, line: int | None = None
    ):
        self.message = message
        self.field = field
        self.path = path
        self.line = line
        super().__init__(str(self))

    def located(self, path: str | None, line: int | None) -> RecordError:
        """A copy of this error with file and line filled in."""
        return RecordError(self.message, field=self.field, path=path, line=line)

    def __str__(self) -> str:
        where = ""
        if self.path is not None and self.line is not None:
            where = f"{self.path}:{self.line}: "
        elif self.path is not None:
            where = f"{self.path}: "
        elif self.line is not None:
            where = f"line {self.line}: "
        what = f"field '{self.field}': " if self.field else ""
        return f"{where}{what}{self.message}"


# --- value normalisation -------------------------------------------------------------------------------------

_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})?$")


def normalise_postcode(value: Any) -> str | None:
    """Normalise a Dutch postcode: "3526ab" -> "3526 AB", " 3526 " -> "3526"; anything invalid -> None."""
    if not isinstance(value, str):
        return None
    match = _POSTCODE.match(value.strip())
    if not match:
        return None
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}" if letters else digits


def _pc4(postcode: str | None) -> str | None:
    return postcode[:4] if postcode else None


# Canonical certificate names keyed by their normalised spelling without spaces.
_CERTIFICATES = {
    "vca": "VCA",
    "vcabasis": "VCA",
    "bvca": "VCA",
    "basisvca": "VCA",
    "vcavol": "VCA",
    "volvca": "VCA",
    "vil": "VCA",
    "vcavil": "VCA",
    "haccp": "HACCP",
    "hygienecode": "HACCP",
    "bhv": "BHV",
    "bhver": "BHV",
    "bedrijfshulpverlening": "BHV",
    "bedrijfshulpverlener": "BHV",
    "heftruck": "HEFTRUCK",
    "vorkheftruck": "HEFTRUCK",
    "heftruckchauffeur": "HEFTRUCK",
    "heftruckbestuurder": "HEFTRUCK",
    "reachtruck": "REACHTRUCK",
    "sociale hygiene": "SOCIALE HYGIENE",
    "socialehygiene": "SOCIALE HYGIENE",
    "svh": "SOCIALE HYGIENE",
    "svhsocialehygiene": "SOCIALE HYGIENE",
    "ehbo": "EHBO",
    "eerstehulp": "EHBO",
    "eerstehulpbijongelukken": "EHBO",
    "ehbodiploma": "EHBO",
}
_CERTIFICATE_NOISE = re.compile(
    r"\b(verklaring|bewijs|rijbewijs|certificaat|certificaten|certificering|diploma|cursus|pas|geldig)\b"
)
_CERTIFICATE_SUFFIX = re.compile(r"(certificaat|diploma|rijbewijs|bewijs|pas)$")


def canonical_certificate(value: str) -> str:
    """Canonical certificate name: "heftruckcertificaat" -> "HEFTRUCK", "Sociale Hygiëne" -> "SOCIALE HYGIENE"."""
    text = normalise(value)
    for candidate in (text, _CERTIFICATE_NOISE.sub(" ", text)):
        squeezed = candidate.replace(" ", "")
        for key in (squeezed, _CERTIFICATE_SUFFIX.sub("", squeezed)):
            if key in _CERTIFICATES:
                return _CERTIFICATES[key]
    cleaned = " ".join(_CERTIFICATE_NOISE.sub(" ", text).split()) or text
    return cleaned.upper()


_LICENCE_NOISE = re.compile(r"\b(rijbewijs|categorie|cat)\b")


def canonical_licence(value: str) -> str:
    """Canonical driving licence category: "b" -> "B", "Rijbewijs C/E" -> "CE", "B+E" -> "BE"."""
    text = _LICENCE_NOISE.sub(" ", normalise(value))
    return text.replace(" ", "").upper()


# --- field parsers (raise RecordError with the field name) ----------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _string(d: Mapping, name: str, *, required: bool = False, non_empty: bool = False) -> str | None:
    value = d.get(name)
    if value is None:
        if required:
            raise RecordError("is required", field=name)
        return None
    if not isinstance(value, str):
        raise RecordError(f"must be a string, got {_type_name(value)}", field=name)
    if non_empty and not value.strip():
        raise RecordError("must not be empty", field=name)
    return value


def _type_name(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _string_list(d: Mapping, name: str) -> tuple[str, ...]:
    value = d.get(name)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RecordError(f"must be a list of strings, got {_type_name(value)}", field=name)
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise RecordError(f"must be a string, got {_type_name(item)}", field=f"{name}[{i}]")
        if not item.strip():
            raise RecordError("must not be empty", field=f"{name}[{i}]")
        out.append(item.strip())
    return tuple(out)


def _postcode(d: Mapping) -> str | None:
    value = d.get("postcode")
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"must be a string, got {_type_name(value)}", field="postcode")
    normalised = normalise_postcode(value)
    if normalised is None:
        raise RecordError(
            f"not a Dutch postcode: {value!r} (expected e.g. '3526' or '3526 AB')", field="postcode"
        )
    return normalised


def _hours(d: Mapping) -> tuple[float | None, float | None]:
    value = d.get("hours_per_week")
    if value is None:
        return None, None
    if not isinstance(value, dict):
        raise RecordError(
            f"must be an object with 'min' and/or 'max', got {_type_name(value)}", field="hours_per_week"
        )
    bounds: list[float | None] = []
    for key in ("min", "max"):
        bound = value.get(key)
        if bound is None:
            bounds.append(None)
            continue
        if not _is_number(bound):
            raise RecordError(f"must be a number, got {_type_name(bound)}", field=f"hours_per_week.{key}")
        if not 0 <= bound <= MAX_HOURS:
            raise RecordError(
                f"must be between 0 and {MAX_HOURS:g}, got {bound:g}", field=f"hours_per_week.{key}"
            )
        bounds.append(float(bound))
    low, high = bounds
    if low is not None and high is not None and low > high:
        raise RecordError(f"min ({low:g}) is greater than max ({high:g})", field="hours_per_week")
    return low, high


def _week(d: Mapping, name: str) -> dict[str, frozenset[str]] | None:
    value = d.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecordError(f"must be an object of weekday -> dayparts, got {_type_name(value)}", field=name)
    week: dict[str, frozenset[str]] = {}
    for day, parts in value.items():
        if day not in WEEKDAYS:
            raise RecordError(f"unknown weekday {day!r} (use one of {', '.join(WEEKDAYS)})", field=name)
        if not isinstance(parts, list):
            raise RecordError(f"must be a list of dayparts, got {_type_name(parts)}", field=f"{name}.{day}")
        for part in parts:
            if part not in DAYPARTS:
                raise RecordError(
                    f"unknown daypart {part!r} (use one of {', '.join(DAYPARTS)})", field=f"{name}.{day}"
                )
        if len(set(parts)) != len(parts):
            raise RecordError("dayparts must not repeat", field=f"{name}.{day}")
        if parts:
            week[day] = frozenset(parts)
    return {day: week[day] for day in WEEKDAYS if day in week}


def _languages(d: Mapping) -> dict[str, str]:
    value = d.get("languages")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError(
            f"must be an object of language code -> CEFR level, got {_type_name(value)}", field="languages"
        )
    out: dict[str, str] = {}
    for code, level in value.items():
        key = str(code).strip().lower()
        if not key:
            raise RecordError("language code must not be empty", field="languages")
        if not isinstance(level, str) or level.strip().upper() not in CEFR_LEVELS:
            raise RecordError(
                f"unknown CEFR level {level!r} (use one of {', '.join(CEFR_LEVELS)})",
                field=f"languages.{code}",
            )
        out[key] = level.strip().upper()
    return out


def _non_negative(d: Mapping, name: str) -> float | None:
    value = d.get(name)
    if value is None:
        return None
    if not _is_number(value):
        raise RecordError(f"must be a number, got {_type_name(value)}", field=name)
    if value < 0:
        raise RecordError(f"must not be negative, got {value:g}", field=name)
    return float(value)


def _travel_mode(d: Mapping) -> str | None:
    value = d.get("travel_mode")
    if value is None:
        return None
    if value not in TRAVEL_MODES:
        raise RecordError(
            f"unknown travel mode {value!r} (use one of {', '.join(TRAVEL_MODES)})", field="travel_mode"
        )
    return value


def _seats(d: Mapping) -> int:
    value = d.get("seats")
    if value is None:
        return 1
    if not _is_number(value) or float(value) != int(value):
        raise RecordError(f"must be a whole number, got {value!r}", field="seats")
    if value < 1:
        raise RecordError(f"must be at least 1, got {int(value)}", field="seats")
    return int(value)


def _id(d: Mapping) -> str:
    value = _string(d, "id", required=True, non_empty=True)
    assert value is not None  # noqa: S101 - _string raised otherwise
    return value.strip()


def _hours_dict(low: float | None, high: float | None) -> dict[str, float] | None:
    out = {}
    if low is not None:
        out["min"] = low
    if high is not None:
        out["max"] = high
    return out or None


def _week_dict(week: Mapping[str, frozenset[str]] | None) -> dict[str, list[str]] | None:
    if week is None:
        return None
    return {day: [p for p in DAYPARTS if p in week[day]] for day in WEEKDAYS if day in week}


def _require_object(d: Any) -> Mapping:
    if not isinstance(d, Mapping):
        raise RecordError(f"a record must be a JSON object, got {_type_name(d)}")
    return d


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", (), [], {}) and v != frozenset()}


# --- records ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A jobseeker as the matching engine sees them: no protected attributes, only work-related facts."""

    id: str
    postcode: str | None = None
    occupations: tuple[str, ...] = ()
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
        return _pc4(self.postcode)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Candidate:
        """Validate one schema-shaped candidate object; raises RecordError naming the field."""
        d = _require_object(d)
        hours_min, hours_max = _hours(d)
        return cls(
            id=_id(d),
            postcode=_postcode(d),
            occupations=_string_list(d, "occupations"),
            talents=_string_list(d, "talents"),
            about=_string(d, "about") or "",
            hours_min=hours_min,
            hours_max=hours_max,
            availability=_week(d, "availability"),
            languages=_languages(d),
            licences=frozenset(canonical_licence(x) for x in _string_list(d, "licences")),
            certificates=frozenset(canonical_certificate(x) for x in _string_list(d, "certificates")),
            max_travel_minutes=_non_negative(d, "max_travel_minutes"),
            travel_mode=_travel_mode(d),
        )

    def to_dict(self) -> dict[str, Any]:
        """Schema-shaped dict (unknown fields left out); ``Candidate.from_dict(c.to_dict()) == c``."""
        return _drop_empty(
            {
                "id": self.id,
                "postcode": self.postcode,
                "occupations": list(self.occupations),
                "talents": list(self.talents),
                "about": self.about,
                "hours_per_week": _hours_dict(self.hours_min, self.hours_max),
                "availability": _week_dict(self.availability),
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
        return _pc4(self.postcode)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Vacancy:
        """Validate one schema-shaped vacancy object; raises RecordError naming the field."""
        d = _require_object(d)
        hours_min, hours_max = _hours(d)
        occupation = _string(d, "occupation")
        return cls(
            id=_id(d),
            title=_string(d, "title") or "",
            occupation=occupation.strip() if occupation and occupation.strip() else None,
            description=_string(d, "description") or "",
            postcode=_postcode(d),
            seats=_seats(d),
            hours_min=hours_min,
            hours_max=hours_max,
            schedule=_week(d, "schedule"),
            required_talents=_string_list(d, "required_talents"),
            preferred_talents=_string_list(d, "preferred_talents"),
            languages=_languages(d),
            licences=frozenset(canonical_licence(x) for x in _string_list(d, "licences")),
            certificates=frozenset(canonical_certificate(x) for x in _string_list(d, "certificates")),
        )

    def to_dict(self) -> dict[str, Any]:
        """Schema-shaped dict; ``Vacancy.from_dict(v.to_dict()) == v``."""
        out = _drop_empty(
            {
                "id": self.id,
                "title": self.title,
                "occupation": self.occupation,
                "description": self.description,
                "postcode": self.postcode,
                "hours_per_week": _hours_dict(self.hours_min, self.hours_max),
                "schedule": _week_dict(self.schedule),
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


def _parse(lines: Iterable[str | bytes], kind: type[R], path: str | None) -> list[R]:
    records: list[R] = []
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise RecordError(f"not valid UTF-8 ({exc.reason})", path=path, line=number) from None
        text = raw.lstrip("\ufeff").strip() if number == 1 else raw.strip()
        if not text:
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(
                f"invalid JSON: {exc.msg} at column {exc.colno}", path=path, line=number
            ) from None
        try:
            record = kind.from_dict(obj)
        except RecordError as exc:
            raise exc.located(path, number) from None
        if record.id in seen:
            raise RecordError(f"duplicate id {record.id!r}", field="id", path=path, line=number)
        seen.add(record.id)
        records.append(record)
    return records


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
