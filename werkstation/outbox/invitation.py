"""An iCalendar invitation (RFC 5545, the `icalendar` package) for a kennismaking: REQUEST, update, or CANCEL."""

from __future__ import annotations

from datetime import UTC, timedelta
from email.utils import parseaddr

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, Event, vCalAddress

from ..models import utcnow

MEETING_LENGTH = timedelta(minutes=45)


def invitation(placement, *, cancelled: bool = False, link: str | None = None) -> str:
    """The kennismaking of `placement` as an .ics text, in the language that is active now.

    One UID per placement and a SEQUENCE that grows with every change, so calendar programs replace the old
    appointment when it is moved and remove it when it is cancelled.
    """
    start = placement.meeting_at.replace(tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Werkstation//Kennismaking//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"kennismaking-{placement.id}@werkstation")
    event.add("sequence", placement.meeting_sequence or 0)
    event.add("dtstamp", utcnow().replace(tzinfo=UTC))
    event.add("dtstart", start)
    event.add("dtend", start + MEETING_LENGTH)
    event.add("summary", _("Kennismaking: %(title)s", title=placement.vacancy.title))
    from ..settings.store import cooperative  # the address an administrator set, else COOPERATIVE_ADDRESS

    event.add("location", placement.meeting_place or cooperative()["address"] or current_app.config["COOPERATIVE_ADDRESS"])
    if link:
        event.add("description", link)
        event.add("url", link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    sender = parseaddr(current_app.config.get("MAIL_DEFAULT_SENDER") or "")[1] or "werkstation@localhost"
    organizer = vCalAddress(f"mailto:{sender}")
    organizer.params["cn"] = _("Wijkcoöperatie")
    event.add("organizer", organizer)
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
