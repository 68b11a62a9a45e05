"""The daily reminders (`flask --app werkstation reminders`): kennismaking tomorrow, trial ends in 7 days,
follow-up due (to staff), proposal without an answer for 5 working days (to staff).

Idempotent: every reminder has a key per occasion and recipient (`Message.dedupe_key`, unique), so running the
command twice on a day, or every hour, writes each reminder once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from ..clock import to_local
from ..extensions import db
from ..models import FollowUp, Placement, utcnow
from ..vocabulary import Stage
from . import events
from .models import Message

TRIAL_NOTICE_DAYS = 7
ANSWER_WORKING_DAYS = 5


@dataclass
class ReminderReport:
    written: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in self.written.items()) or "no reminders due"


def working_days_before(day: date, count: int) -> date:
    """The date `count` working days (Monday to Friday) before `day`."""
    while count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _count(report, kind, before):
    after = sum(1 for obj in db.session.new if isinstance(obj, Message))
    if after > before:
        report.written[kind] = report.written.get(kind, 0) + after - before
    return after


def run(now: datetime | None = None) -> ReminderReport:
    """Write the reminders that are due at `now` (default: the present) and commit them in one transaction."""
    now = now or utcnow()
    today = to_local(now).date()
    report = ReminderReport()
    seen = 0
    for placement in db.session.scalars(select(Placement).where(Placement.stage == Stage.INTRODUCTION,
                                                                Placement.meeting_at.is_not(None))):
        if to_local(placement.meeting_at).date() == today + timedelta(days=1):
            events.meeting_tomorrow(placement)
    seen = _count(report, "kennismaking tomorrow", seen)
    for placement in db.session.scalars(select(Placement).where(
            Placement.stage == Stage.TRIAL, Placement.trial_end == today + timedelta(days=TRIAL_NOTICE_DAYS))):
        events.trial_ending(placement)
    seen = _count(report, "trial ends in 7 days", seen)
    for follow_up in db.session.scalars(select(FollowUp).join(Placement).where(
            FollowUp.done_at.is_(None), FollowUp.due_on <= today, Placement.stage != Stage.ENDED)):
        events.follow_up_due(follow_up)
    seen = _count(report, "follow-ups due", seen)
    cutoff = working_days_before(today, ANSWER_WORKING_DAYS)
    for placement in db.session.scalars(select(Placement).where(Placement.stage == Stage.PROPOSED)):
        if to_local(placement.created_at).date() <= cutoff:
            who = _waiting_for(placement)
            if who:
                events.proposal_unanswered(placement, who)
    _count(report, "proposals unanswered", seen)
    db.session.commit()
    return report


def _waiting_for(placement) -> list[str | None]:
    """Who has not answered yet: the business's name, the person's name (None: a profile without a name)."""
    missing = []
    if placement.business_response is None:
        missing.append(placement.vacancy.business.name)
    if placement.jobseeker_response is None:
        missing.append(placement.jobseeker.name)
    return missing
