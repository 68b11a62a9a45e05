"""The form fields every form uses: choices, numbers and dates with a Dutch message for tampered or malformed
input, checkbox groups, tiles and the week grid.

The class names match what templates/_forms.html looks at (f.type), so the macros render them as usual.
"""

from flask_babel import lazy_gettext as _l
from wtforms import DateField as _DateField
from wtforms import IntegerField as _IntegerField
from wtforms import RadioField as _RadioField
from wtforms import SelectField as _SelectField
from wtforms import SelectMultipleField
from wtforms import TimeField as _TimeField
from wtforms.widgets import CheckboxInput, ListWidget

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


class TimeField(_TimeField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Vul een tijd in zoals 10:30."))
        super().__init__(*args, **kwargs)


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
