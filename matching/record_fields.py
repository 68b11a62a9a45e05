"""The parts of a record: the shared vocabularies (CEFR levels, weekdays, dayparts, travel modes),
:class:`RecordError`, value normalisation (postcodes, licences, certificates) and the readers that check one
field of a JSON object and return its value (or raise a :class:`RecordError` naming the field).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from .dutch import normalise

__all__ = [
    "CEFR_LEVELS",
    "DAYPARTS",
    "MAX_HOURS",
    "TRAVEL_MODES",
    "WEEKDAYS",
    "RecordError",
    "canonical_certificate",
    "canonical_licence",
    "normalise_postcode",
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


def pc4_of(postcode: str | None) -> str | None:
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


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def string_field(d: Mapping, name: str, *, required: bool = False, non_empty: bool = False) -> str | None:
    value = d.get(name)
    if value is None:
        if required:
            raise RecordError("is required", field=name)
        return None
    if not isinstance(value, str):
        raise RecordError(f"must be a string, got {type_name(value)}", field=name)
    if non_empty and not value.strip():
        raise RecordError("must not be empty", field=name)
    return value


def type_name(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def string_list_field(d: Mapping, name: str) -> tuple[str, ...]:
    value = d.get(name)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RecordError(f"must be a list of strings, got {type_name(value)}", field=name)
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise RecordError(f"must be a string, got {type_name(item)}", field=f"{name}[{i}]")
        if not item.strip():
            raise RecordError("must not be empty", field=f"{name}[{i}]")
        out.append(item.strip())
    return tuple(out)


def postcode_field(d: Mapping) -> str | None:
    value = d.get("postcode")
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"must be a string, got {type_name(value)}", field="postcode")
    normalised = normalise_postcode(value)
    if normalised is None:
        raise RecordError(
            f"not a Dutch postcode: {value!r} (expected e.g. '3526' or '3526 AB')", field="postcode"
        )
    return normalised


def hours_field(d: Mapping) -> tuple[float | None, float | None]:
    value = d.get("hours_per_week")
    if value is None:
        return None, None
    if not isinstance(value, dict):
        raise RecordError(
            f"must be an object with 'min' and/or 'max', got {type_name(value)}", field="hours_per_week"
        )
    bounds: list[float | None] = []
    for key in ("min", "max"):
        bound = value.get(key)
        if bound is None:
            bounds.append(None)
            continue
        if not is_number(bound):
            raise RecordError(f"must be a number, got {type_name(bound)}", field=f"hours_per_week.{key}")
        if not 0 <= bound <= MAX_HOURS:
            raise RecordError(
                f"must be between 0 and {MAX_HOURS:g}, got {bound:g}", field=f"hours_per_week.{key}"
            )
        bounds.append(float(bound))
    low, high = bounds
    if low is not None and high is not None and low > high:
        raise RecordError(f"min ({low:g}) is greater than max ({high:g})", field="hours_per_week")
    return low, high


def week_field(d: Mapping, name: str) -> dict[str, frozenset[str]] | None:
    value = d.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecordError(f"must be an object of weekday -> dayparts, got {type_name(value)}", field=name)
    week: dict[str, frozenset[str]] = {}
    for day, parts in value.items():
        if day not in WEEKDAYS:
            raise RecordError(f"unknown weekday {day!r} (use one of {', '.join(WEEKDAYS)})", field=name)
        if not isinstance(parts, list):
            raise RecordError(f"must be a list of dayparts, got {type_name(parts)}", field=f"{name}.{day}")
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


def languages_field(d: Mapping) -> dict[str, str]:
    value = d.get("languages")
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError(
            f"must be an object of language code -> CEFR level, got {type_name(value)}", field="languages"
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


def non_negative_field(d: Mapping, name: str) -> float | None:
    value = d.get(name)
    if value is None:
        return None
    if not is_number(value):
        raise RecordError(f"must be a number, got {type_name(value)}", field=name)
    if value < 0:
        raise RecordError(f"must not be negative, got {value:g}", field=name)
    return float(value)


def travel_mode_field(d: Mapping) -> str | None:
    value = d.get("travel_mode")
    if value is None:
        return None
    if value not in TRAVEL_MODES:
        raise RecordError(
            f"unknown travel mode {value!r} (use one of {', '.join(TRAVEL_MODES)})", field="travel_mode"
        )
    return value


def seats_field(d: Mapping) -> int:
    value = d.get("seats")
    if value is None:
        return 1
    if not is_number(value) or float(value) != int(value):
        raise RecordError(f"must be a whole number, got {value!r}", field="seats")
    if value < 1:
        raise RecordError(f"must be at least 1, got {int(value)}", field="seats")
    return int(value)


def id_field(d: Mapping) -> str:
    value = string_field(d, "id", required=True, non_empty=True)
    assert value is not None  # noqa: S101 - string_field raised otherwise
    return value.strip()


def hours_dict(low: float | None, high: float | None) -> dict[str, float] | None:
    out = {}
    if low is not None:
        out["min"] = low
    if high is not None:
        out["max"] = high
    return out or None


def week_dict(week: Mapping[str, frozenset[str]] | None) -> dict[str, list[str]] | None:
    if week is None:
        return None
    return {day: [p for p in DAYPARTS if p in week[day]] for day in WEEKDAYS if day in week}


def require_object(d: Any) -> Mapping:
    if not isinstance(d, Mapping):
        raise RecordError(f"a record must be a JSON object, got {type_name(d)}")
    return d


def drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, "", (), [], {}) and v != frozenset()}
