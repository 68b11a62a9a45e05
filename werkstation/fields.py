"""Form fields shared by the vacancy form and the intake: checkbox groups, tiles and the week grid."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from .models import DAYPARTS, WEEKDAYS

WEEKDAY_LABELS = {
    "mon": _l("maandag"), "tue": _l("dinsdag"), "wed": _l("woensdag"), "thu": _l("donderdag"),
    "fri": _l("vrijdag"), "sat": _l("zaterdag"), "sun": _l("zondag"),
}
WEEKDAY_SHORT = {
    "mon": _l("ma"), "tue": _l("di"), "wed": _l("wo"), "thu": _l("do"), "fri": _l("vr"), "sat": _l("za"), "sun": _l("zo"),
}
DAYPART_LABELS = {
    "morning": _l("ochtend"), "afternoon": _l("middag"), "evening": _l("avond"), "night": _l("nacht"),
}


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes; unknown (tampered) values fail validation, never get stored."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TileField(MultiCheckboxField):
    """Checkboxes shown as large tiles (easy to tap on a phone)."""


class ScheduleField(MultiCheckboxField):
    """Weekday x daypart grid. Form data are 'mon:morning' strings; use .schedule for the stored dict."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("choices", [(f"{d}:{p}", f"{WEEKDAY_LABELS[d]} {DAYPART_LABELS[p]}") for d in WEEKDAYS for p in DAYPARTS])
        super().__init__(label, validators, **kwargs)

    @property
    def schedule(self):
        """{'mon': ['morning', ...]} in weekday and daypart order."""
        return schedule_from_keys(self.data or [])

    def set_schedule(self, schedule):
        self.data = schedule_keys(schedule)


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
