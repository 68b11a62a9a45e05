"""The kennismaking: date, time and place (by default the cooperative's address); both sides get the invitation,
an update when it moves and a cancellation. Callers commit."""

from __future__ import annotations

from datetime import date, datetime, time

from flask import current_app
from flask_babel import lazy_gettext as _l

from .. import audit
from ..clock import from_local
from ..outbox import events as messages


class MeetingError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def default_place() -> str:
    from ..settings.store import cooperative

    return cooperative()["address"] or current_app.config["COOPERATIVE_ADDRESS"]


def plan(placement, day: date | None, at: time | None, place: str | None, by, now: datetime) -> None:
    """Set (or move) the kennismaking and tell both sides, with an iCalendar invitation."""
    if day is None or at is None:
        raise MeetingError(_l("Vul de datum en de tijd van de kennismaking in."))
    moment = from_local(day, at)
    if moment <= now:
        raise MeetingError(_l("Kies een moment in de toekomst."))
    place = (place or "").strip() or default_place()
    if placement.meeting_at == moment and placement.meeting_place == place:
        return
    moved = placement.meeting_at is not None
    placement.meeting_at, placement.meeting_place = moment, place[:200]
    placement.meeting_sequence = (placement.meeting_sequence or 0) + 1
    audit.record("placement.meeting", placement, jobseeker_id=placement.jobseeker_id, actor=by,
                 at=moment.isoformat(), moved=moved)
    messages.meeting_changed(placement, moved=moved)


def cancel(placement, by) -> None:
    """Call off a planned kennismaking; both sides get a cancellation for their calendar."""
    if placement.meeting_at is None:
        return
    placement.meeting_sequence = (placement.meeting_sequence or 0) + 1
    audit.record("placement.meeting_cancel", placement, jobseeker_id=placement.jobseeker_id, actor=by)
    messages.meeting_cancelled(placement)
    placement.meeting_at = None
