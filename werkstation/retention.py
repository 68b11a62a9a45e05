"""Retention (AVG): nothing is kept longer than needed.

`purge(now)` does three things, in one transaction:

1. A profile inactive for longer than RETENTION_MONTHS gets a notice first (`retention_notice_at`), sent to the
   person as a message (e-mail, or the staff call list) in the same transaction; they also see it at their next login (logging in counts as activity and keeps the profile); staff see the list on
   /privacy/bewaartermijn and can keep a profile after talking to the person.
2. A profile that is still inactive RETENTION_GRACE_DAYS after the notice is anonymised with the same function as a
   request to be forgotten (`erase_jobseeker`): an anonymous stub stays for statistics.
3. Audit events older than AUDIT_RETENTION_MONTHS (never less than 6) and used one-time form tokens older than
   FORM_TOKEN_RETENTION_DAYS are deleted.

`now` is passed in, so tests can run the calendar forward without waiting.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from . import audit
from .extensions import db
from .models import AuditEvent, FormSubmission, Jobseeker, utcnow
from .outbox import events as messages
from .vocabulary import JobseekerStatus, Role

MIN_AUDIT_MONTHS = 6
DEFAULT_GRACE_DAYS = 30
DEFAULT_FORM_TOKEN_DAYS = 30


def months_before(moment: datetime, months: int) -> datetime:
    """The same day-of-month `months` earlier (clamped to the month's last day)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass
class PurgeReport:
    noticed: list[int] = field(default_factory=list)
    anonymised: list[int] = field(default_factory=list)
    notices_cleared: list[int] = field(default_factory=list)
    audit_deleted: int = 0
    form_tokens_deleted: int = 0
    signups_removed: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.noticed)} notices given, {len(self.anonymised)} profiles anonymised, "
            f"{len(self.notices_cleared)} notices withdrawn (active again), "
            f"{self.audit_deleted} audit events deleted, {self.form_tokens_deleted} form tokens deleted, "
            f"{self.signups_removed} unfinished registrations removed"
        )


def settings():
    """The retention periods: as an administrator set them in the app, else from the configuration."""
    from .settings.store import retention

    config, chosen = current_app.config, retention()
    return {
        "retention_months": int(chosen.get("retention_months") or config.get("RETENTION_MONTHS", 12)),
        "grace_days": int(chosen.get("grace_days") or config.get("RETENTION_GRACE_DAYS", DEFAULT_GRACE_DAYS)),
        "audit_months": max(MIN_AUDIT_MONTHS, int(chosen.get("audit_months") or config.get("AUDIT_RETENTION_MONTHS", 24))),
        "form_token_days": int(config.get("FORM_TOKEN_RETENTION_DAYS", DEFAULT_FORM_TOKEN_DAYS)),
    }


def erase_date(jobseeker: Jobseeker) -> datetime | None:
    """When a noticed profile will be anonymised if nothing happens."""
    if jobseeker.retention_notice_at is None:
        return None
    return jobseeker.retention_notice_at + timedelta(days=settings()["grace_days"])


def purge(now: datetime | None = None, *, dry_run: bool = False) -> PurgeReport:
    """Give notices, anonymise profiles after the grace period, delete old audit events and form tokens, and
    remove registrations whose e-mail link expired unused."""
    from .accounts import unfinished
    from .jobseekers.privacy import erase_jobseeker

    now = now or utcnow()
    conf = settings()
    cutoff = months_before(now, conf["retention_months"])
    grace = timedelta(days=conf["grace_days"])
    report = PurgeReport()

    live = select(Jobseeker).where(Jobseeker.status != JobseekerStatus.ERASED, Jobseeker.erased_at.is_(None))
    # Active again after a notice: the notice no longer applies.
    for jobseeker in db.session.scalars(
        live.where(Jobseeker.retention_notice_at.is_not(None), Jobseeker.last_active_at >= cutoff)
    ):
        report.notices_cleared.append(jobseeker.id)
        jobseeker.retention_notice_at = None

    for jobseeker in db.session.scalars(live.where(Jobseeker.last_active_at < cutoff).order_by(Jobseeker.id)):
        if jobseeker.retention_notice_at is None:
            report.noticed.append(jobseeker.id)
            jobseeker.retention_notice_at = now
            audit.record("jobseeker.retention_notice", jobseeker, jobseeker_id=jobseeker.id,
                         inactive_since=jobseeker.last_active_at.isoformat())
            messages.retention_notice(jobseeker, erase_date(jobseeker).date())
        elif jobseeker.retention_notice_at + grace <= now:
            report.anonymised.append(jobseeker.id)
            erase_jobseeker(jobseeker, actor=None)
            audit.record("jobseeker.retention_erase", jobseeker, jobseeker_id=jobseeker.id,
                         noticed_at=jobseeker.retention_notice_at.isoformat())

    audit_cutoff = months_before(now, conf["audit_months"])
    report.audit_deleted = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.at < audit_cutoff)
    )
    token_cutoff = now - timedelta(days=conf["form_token_days"])
    report.form_tokens_deleted = db.session.scalar(
        select(func.count()).select_from(FormSubmission).where(FormSubmission.created_at < token_cutoff)
    )
    stale_signups = unfinished.expired(now)  # registrations whose e-mail link expired unused
    report.signups_removed = len(stale_signups)
    if dry_run:
        db.session.rollback()
        return report
    for user in stale_signups:
        unfinished.forget(user)
    db.session.execute(delete(AuditEvent).where(AuditEvent.at < audit_cutoff))
    db.session.execute(delete(FormSubmission).where(FormSubmission.created_at < token_cutoff))
    db.session.commit()
    return report


def record_activity(user, now: datetime | None = None) -> bool:
    """A jobseeker logged in: they are active again, and any retention notice is withdrawn.

    Returns True when there was a notice (so the login can tell the person). Written with a plain UPDATE, so the
    profile's version (used against lost updates in forms) does not change by logging in.
    """
    if user is None or user.role != Role.JOBSEEKER:
        return False
    jobseeker = db.session.scalar(select(Jobseeker).where(Jobseeker.user_id == user.id))
    if jobseeker is None or jobseeker.status == JobseekerStatus.ERASED:
        return False
    had_notice = jobseeker.retention_notice_at is not None
    db.session.execute(
        update(Jobseeker)
        .where(Jobseeker.id == jobseeker.id)
        .values(last_active_at=now or utcnow(), retention_notice_at=None, updated_at=Jobseeker.updated_at)
        .execution_options(synchronize_session=False)
    )
    if had_notice:
        audit.record("jobseeker.retention_notice_seen", jobseeker, jobseeker_id=jobseeker.id, actor=user)
    return had_notice
