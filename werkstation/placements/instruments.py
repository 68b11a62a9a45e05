"""The checklist of instruments that may lower an employer's risk, read from werkstation/data/instruments.json.

Staff update the file without code changes. The software never decides eligibility: staff tick what may apply.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import get_locale

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "instruments.json"


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str
    explanation: str


def _text(value, lang):
    if isinstance(value, dict):
        return value.get(lang) or value.get("nl") or ""
    return value or ""


def _load():
    path = Path(current_app.config.get("INSTRUMENTS_FILE") or DEFAULT_PATH)
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _lang():
    locale = get_locale()
    return str(locale.language) if locale else "nl"


def instruments() -> list[Instrument]:
    """Every instrument in the file, in the user's language."""
    lang = _lang()
    return [Instrument(i["key"], _text(i.get("name"), lang), _text(i.get("explanation"), lang))
            for i in _load().get("instruments", [])]


def check_note() -> str:
    """The 'check with the Werkgeversservicepunt' note, in the user's language."""
    return _text(_load().get("check_note"), _lang())
