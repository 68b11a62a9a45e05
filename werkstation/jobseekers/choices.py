"""Choices shared by the intake, the profile, the vacancy form and the CSV import: tiles, levels, licences.

Every choice list here is also the whitelist the server checks: a value that is not offered is refused.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField as _IntegerField
from wtforms import RadioField as _RadioField
from wtforms import SelectField as _SelectField
from wtforms.fields import DateField as _DateField

from .. import fields as shared_fields
from ..matching_bridge import known_talent, taxonomy
from ..matching_bridge import occupation_label as esco_occupation_label
from ..models import CEFR_LEVELS, CERTIFICATES, LICENCES, TRAVEL_MODES

DATA = Path(__file__).resolve().parent.parent / "data"

INVALID_CHOICE = _l("Kies een van de mogelijkheden uit de lijst.")

# Dutch level in plain words (DOMAIN.md), first person for jobseekers.
DUTCH_LEVEL_WORDS = {
    "A1": _l("Ik ken een paar woorden en zinnen"),
    "A2": _l("Ik kan eenvoudige gesprekken voeren over dagelijkse dingen"),
    "B1": _l("Ik kan gewone gesprekken op het werk voeren en eenvoudige teksten lezen"),
    "B2": _l("Ik kan bijna alles op het werk in het Nederlands bespreken en lezen"),
    "C1": _l("Ik spreek en schrijf vloeiend Nederlands"),
}
# The same levels, as a requirement of a vacancy.
REQUIRED_LEVEL_WORDS = {
    "A1": _l("Kent een paar woorden en zinnen (A1)"),
    "A2": _l("Kan eenvoudige gesprekken voeren over dagelijkse dingen (A2)"),
    "B1": _l("Kan gewone gesprekken op het werk voeren en eenvoudige teksten lezen (B1)"),
    "B2": _l("Kan bijna alles op het werk in het Nederlands bespreken en lezen (B2)"),
    "C1": _l("Spreekt en schrijft vloeiend Nederlands (C1/C2)"),
}
OTHER_LEVEL_WORDS = {
    "A1": _l("een paar woorden"),
    "A2": _l("eenvoudige gesprekken"),
    "B1": _l("gewone gesprekken"),
    "B2": _l("bijna alles"),
    "C1": _l("vloeiend"),
}
LANGUAGE_NAMES = {
    "nl": _l("Nederlands"), "ar": _l("Arabisch"), "ber": _l("Berbers (Tamazight)"), "tr": _l("Turks"),
    "en": _l("Engels"), "fr": _l("Frans"), "de": _l("Duits"), "es": _l("Spaans"), "pl": _l("Pools"),
    "so": _l("Somalisch"), "ti": _l("Tigrinya"), "fa": _l("Perzisch (Farsi)"), "uk": _l("Oekraïens"),
    "ru": _l("Russisch"), "pap": _l("Papiaments"), "ro": _l("Roemeens"), "bg": _l("Bulgaars"),
    "pt": _l("Portugees"), "ku": _l("Koerdisch"), "ur": _l("Urdu"),
}
LICENCE_LABELS = {
    "AM": _l("AM (scooter)"), "B": _l("B (auto)"), "BE": _l("BE (auto met aanhanger)"),
    "C": _l("C (vrachtwagen)"), "CE": _l("CE (vrachtwagen met aanhanger)"), "D": _l("D (bus)"),
}
CERTIFICATE_LABELS = {
    "HEFTRUCK": _l("Heftruck"), "VCA": _l("VCA (veilig werken)"), "HACCP": _l("HACCP (hygiëne met eten)"),
    "BHV": _l("BHV (bedrijfshulpverlening)"), "SOCIALE HYGIENE": _l("Sociale Hygiëne (horeca)"),
    "EHBO": _l("EHBO (eerste hulp)"),
}
TRAVEL_MODE_LABELS = {
    "walk": _l("Lopen"), "bike": _l("Fiets"), "public_transport": _l("Bus, tram of trein"), "car": _l("Auto of scooter"),
}
TRAVEL_MINUTES = (10, 15, 20, 30, 45, 60)

if set(LICENCE_LABELS) != set(LICENCES) or set(CERTIFICATE_LABELS) != set(CERTIFICATES):
    raise RuntimeError("licence/certificate labels out of step with models")
if set(TRAVEL_MODE_LABELS) != set(TRAVEL_MODES) or not set(DUTCH_LEVEL_WORDS) <= set(CEFR_LEVELS):
    raise RuntimeError("travel mode/level labels out of step with models")


def _english():
    locale = get_locale()
    return locale is not None and locale.language == "en"


@lru_cache(maxsize=1)
def talent_tiles():
    """[{phrase, phrase_en, talent}] from werkstation/data/talent_tiles.json."""
    return tuple(json.loads((DATA / "talent_tiles.json").read_text(encoding="utf-8"))["tiles"])


@lru_cache(maxsize=1)
def occupation_tiles():
    """[{phrase, phrase_en, uri}] from werkstation/data/occupation_tiles.json."""
    return tuple(json.loads((DATA / "occupation_tiles.json").read_text(encoding="utf-8"))["tiles"])


def talent_choices(extra=()):
    """(ESCO label, everyday words) for every tile, plus `extra` labels already stored (shown as they are)."""
    english = _english()
    choices = [(t["talent"], t["phrase_en"] if english else t["phrase"]) for t in talent_tiles()]
    known = {value for value, _label in choices}
    choices += [(label, label) for label in extra if label not in known and known_talent(label)]
    return choices


def talent_words(label):
    """Everyday words for a stored ESCO talent label (the label itself if no tile has it)."""
    english = _english()
    for tile in talent_tiles():
        if tile["talent"] == label:
            return tile["phrase_en"] if english else tile["phrase"]
    return label


def occupation_choices(extra=()):
    """(ESCO URI, everyday words) for the common-work tiles, plus `extra` URIs already chosen (ESCO label)."""
    english = _english()
    choices = [(t["uri"], t["phrase_en"] if english else t["phrase"]) for t in occupation_tiles()]
    known = {value for value, _label in choices}
    for uri in extra:
        if uri not in known:
            occupation = taxonomy().occupation(uri)
            if occupation is not None:
                choices.append((uri, occupation.label))
                known.add(uri)
    return choices


def occupation_label(uri):
    """A readable name for a stored occupation URI."""
    english = _english()
    for tile in occupation_tiles():
        if tile["uri"] == uri:
            return tile["phrase_en"] if english else tile["phrase"]
    return esco_occupation_label(uri)


def licence_choices():
    return [(code, LICENCE_LABELS[code]) for code in ("B", "BE", "C", "CE", "D", "AM")]


def certificate_choices():
    return [(code, CERTIFICATE_LABELS[code]) for code in CERTIFICATES]


def language_choices(include_dutch=False):
    return [(code, name) for code, name in LANGUAGE_NAMES.items() if include_dutch or code != "nl"]


# --- fields with Dutch messages for tampered or malformed input ---------------------------------------------
# The class names match what templates/_forms.html looks at (f.type), so the macros render them as usual.


class MultiCheckboxField(shared_fields.MultiCheckboxField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        super().__init__(*args, **kwargs)


class TileField(shared_fields.TileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        super().__init__(*args, **kwargs)


class ScheduleField(shared_fields.ScheduleField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", _l("Kies dagdelen uit het rooster."))
        super().__init__(*args, **kwargs)


class RadioField(_RadioField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        kwargs.setdefault("invalid_value_message", INVALID_CHOICE)
        super().__init__(*args, **kwargs)


class SelectField(_SelectField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        kwargs.setdefault("invalid_value_message", INVALID_CHOICE)
        super().__init__(*args, **kwargs)


class IntegerField(_IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Vul een heel getal in, zoals 12."))
        super().__init__(*args, **kwargs)


class DateField(_DateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Vul een datum in zoals 2027-03-01."))
        super().__init__(*args, **kwargs)


# --- rules shared by the forms ------------------------------------------------------------------------------

HOURS_MESSAGE = _l("Vul een aantal uren in van 0 tot en met 60.")


def hours_validators():
    from wtforms.validators import InputRequired, NumberRange

    return [InputRequired(_l("Vul een aantal uren in.")), NumberRange(min=0, max=60, message=HOURS_MESSAGE)]


def check_hours_order(form):
    """Minimum hours may not be more than maximum hours; the error goes next to the maximum."""
    low, high = form.hours_min.data, form.hours_max.data
    if low is not None and high is not None and not form.hours_min.errors and not form.hours_max.errors and low > high:
        form.hours_max.errors.append(_l("Het maximum moet even groot of groter zijn dan het minimum."))
        return False
    return True
