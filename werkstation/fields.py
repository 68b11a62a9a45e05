"""The form fields every form uses: choices, numbers and dates with a Dutch message for tampered or malformed
input, checkbox groups, tiles and the week grid.

The class names match what templates/_forms.html looks at (f.type), so the macros render them as usual.
"""

import re

from flask_babel import lazy_gettext as _l
from wtforms import DateField as _DateField
from wtforms import IntegerField as _IntegerField
from wtforms import RadioField as _RadioField
from wtforms import SelectField as _SelectField
from wtforms import SelectMultipleField, StringField
from wtforms import TimeField as _TimeField
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from .phones import RAW_MAX as PHONE_RAW_MAX
from .phones import display_phone, looks_like_dutch_mobile, normalise_phone
from .validators import western_digits
from .vocabulary import DAYPART_LABELS, DAYPARTS, WEEKDAY_LABELS, WEEKDAYS

INVALID_CHOICE = _l("Kies een van de mogelijkheden uit de lijst.")


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes; unknown (tampered) values fail validation, never get stored."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        super().__init__(*args, **kwargs)


class TileField(MultiCheckboxField):
    """Checkboxes shown as large tiles (easy to tap on a phone)."""


class ScheduleField(MultiCheckboxField):
    """Weekday x daypart grid. Form data are 'mon:morning' strings; use .schedule for the stored dict."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("choices", [(f"{d}:{p}", f"{WEEKDAY_LABELS[d]} {DAYPART_LABELS[p]}") for d in WEEKDAYS for p in DAYPARTS])
        kwargs.setdefault("invalid_choice_message", _l("Kies dagdelen uit het rooster."))
        super().__init__(label, validators, **kwargs)

    @property
    def schedule(self):
        """{'mon': ['morning', ...]} in weekday and daypart order."""
        return schedule_from_keys(self.data or [])

    def set_schedule(self, schedule):
        self.data = schedule_keys(schedule)


NO_SUCH_MOBILE = _l("Dit 06-nummer bestaat niet. Kijk de cijfers nog eens na.")


class PhoneField(StringField):
    """A phone number as people type it ('+31 (0)6 - 12 - 34 - 56 - 78', '030-1234567'). When valid, its data becomes
    the one stored form, E.164 (+31612345678: at most 16 characters, so it fits every phone column); otherwise the
    typed text stays, with a message next to the field. Numbers without a country code are Dutch."""

    MESSAGE = _l("Vul een telefoonnummer in zoals 06 12345678.")

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"autocomplete": "tel", "inputmode": "tel", "maxlength": PHONE_RAW_MAX})
        super().__init__(label, validators, **kwargs)

    def _value(self):
        """What the box shows: what was typed (also after an error elsewhere), else the stored number written as usual."""
        if self.raw_data:
            return self.raw_data[0]
        return display_phone(self.data)

    def post_validate(self, form, validation_stopped):
        if validation_stopped or self.errors or not (self.data or "").strip():
            return
        normal = normalise_phone(self.data)
        if normal is None:
            self.errors.append(NO_SUCH_MOBILE if looks_like_dutch_mobile(self.data) else self.MESSAGE)
        else:
            self.data = normal


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
    # A text box, not type="number": a browser empties a number box holding "12,5" or "abc" when the page comes back
    # with the message, so the person would no longer see what they typed.
    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Vul een heel getal in, zoals 12."))
        super().__init__(*args, **kwargs)


def euro_digits(cents: int) -> str:
    """Whole cents as typed in a form or a CSV cell: 1475 -> "14,75"."""
    return f"{cents // 100},{cents % 100:02d}"


class EuroField(StringField):
    """An amount in euros as people type it ("14,25", "14.25", "€ 14", "14,-"); its data is whole cents, or None when
    empty. Malformed text stays (in the box and as data), with a message next to it."""

    MESSAGE = _l("Vul een bedrag in euro in, zoals 14,25.")

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off", "maxlength": 12})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        self.raw_data = valuelist
        text = western_digits((valuelist[0] if valuelist else "") or "").strip()
        if not text:
            self.data = None
            return
        match = re.fullmatch(r"(?:€|eur|euro)?\s*([0-9]{1,4})(?:[.,]([0-9]{1,2}|-{1,2}))?\s*(?:€|eur|euro)?", text,
                             flags=re.IGNORECASE)
        if match is None:
            self.data = valuelist[0]  # as PhoneField: what was typed stays, with the message
            raise ValueError(self.MESSAGE)
        cents = match.group(2) if match.group(2) and match.group(2)[0] != "-" else "0"
        self.data = int(match.group(1)) * 100 + int(cents.ljust(2, "0"))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return euro_digits(self.data)


class DateField(_DateField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Vul een datum in zoals 2027-03-01."))
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        # Arabic-Indic and Persian digits (an Arabic keyboard) read as 0-9, as in postcodes and whole numbers.
        super().process_formdata([western_digits(v) for v in valuelist])


class TimeField(_TimeField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Vul een tijd in zoals 10:30."))
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata([western_digits(v) for v in valuelist])


def schedule_keys(schedule):
    """{'mon': ['morning']} -> ['mon:morning']"""
    return [f"{d}:{p}" for d in WEEKDAYS for p in DAYPARTS if p in (schedule or {}).get(d, ())]


def schedule_from_keys(keys):
    """['mon:morning'] -> {'mon': ['morning']} (unknown keys ignored; the field's choices already refuse them)."""
    chosen = set(keys)
    result = {}
    for d in WEEKDAYS:
        parts = [p for p in DAYPARTS if f"{d}:{p}" in chosen]
        if parts:
            result[d] = parts
    return result
