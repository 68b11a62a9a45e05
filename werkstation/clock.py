"""Moments are stored as naive UTC; everyone reading them (staff, residents, businesses) is in the Netherlands.

`local_time` is the one Jinja filter for every date-time on a page: it turns a stored moment into the wall-clock
time in Europe/Amsterdam (winter and summer time alike, via zoneinfo) and keeps it left-to-right in Arabic.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import current_app

from .i18n import ltr

FORMATS = {"short": "%d-%m-%Y %H:%M", "date": "%d-%m-%Y"}
LONG = "EEEE d MMMM y, HH:mm"  # "maandag 30 maart 2027, 10:30", in the page's language


def zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "Europe/Amsterdam")


def to_local(moment: datetime) -> datetime:
    """A stored moment (naive = UTC) as the time on a clock in the Netherlands."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
    return aware.astimezone(zone())


def from_local(day: date, at: time) -> datetime:
    """A date and a time on a Dutch clock, as a stored moment (naive UTC)."""
    return datetime.combine(day, at, tzinfo=zone()).astimezone(UTC).replace(tzinfo=None)


def local_time(moment, style="short"):
    """'30-03-2027 10:30' (short), '30-03-2027' (date) or 'maandag 30 maart 2027, 10:30' (long), Dutch time.

    A moment may also come as ISO text (as in the data export); a calendar day without a time (a task's due date,
    '2027-03-30') has no time zone and is shown as that day."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment) if len(moment) > 10 else date.fromisoformat(moment)
    if not isinstance(moment, datetime):
        return ltr(moment.strftime(FORMATS["date"]))
    local = to_local(moment)
    if style == "long":
        from flask_babel import get_locale

        return format_datetime(local, LONG, tzinfo=local.tzinfo, locale=get_locale())
    return ltr(local.strftime(FORMATS[style]))
