"""Sending the outbox: claim due e-mail messages, send them with Flask-Mailman, record the result.

At most once with several senders: a sender first *claims* a batch in its own short transaction (status
`sending`, a random `claim_token`, a lease), commits, and only then sends. Another sender never claims a row
that is claimed and still leased.

- PostgreSQL: `SELECT ... FOR UPDATE SKIP LOCKED` picks the batch; a second sender skips the rows the first one
  is claiming instead of waiting for them, then sees them as claimed.
- SQLite: no row locks, so the claim is one `UPDATE ... WHERE id IN (SELECT due rows LIMIT n)` inside
  `BEGIN IMMEDIATE`. That takes SQLite's single write lock before reading, so the second sender's claim runs
  after the first one's commit and finds the rows already claimed (a plain deferred transaction could read a
  stale snapshot in WAL mode and then fail when it tries to write).

A sender killed half-way leaves its claimed rows in `sending`; after the lease (OUTBOX_LEASE_SECONDS) another
run sends them, with the same Message-ID header. The mark `sent` is only written with the sender's own claim
token, so a sender whose lease ran out can never overwrite a newer claim.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.header import Header
from email.message import Message as MimeMessage

from flask import current_app
from flask_mailman import EmailMultiAlternatives
from sqlalchemy import or_, select, update

from ..extensions import db, mail
from ..models import utcnow
from .models import Channel, Message, MessageStatus


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.sent)} sent, {len(self.retry)} to try again later, {len(self.failed)} failed for good"


def settings():
    config = current_app.config
    return {
        "batch": int(config["OUTBOX_BATCH"]),
        "lease": timedelta(seconds=int(config["OUTBOX_LEASE_SECONDS"])),
        "max_tries": int(config["OUTBOX_MAX_TRIES"]),
        "retry": int(config["OUTBOX_RETRY_SECONDS"]),
    }


def backoff(tries: int, base_seconds: int) -> timedelta:
    """Wait longer after each failed try: base, 4x, 16x ... at most six hours."""
    return timedelta(seconds=min(base_seconds * 4 ** max(tries - 1, 0), 6 * 3600))


def _due(now: datetime):
    queued = (Message.status == MessageStatus.QUEUED) & (Message.next_attempt_at <= now)
    abandoned = (Message.status == MessageStatus.SENDING) & (Message.lease_until < now)
    return (Message.channel == Channel.EMAIL) & or_(queued, abandoned)


def _claim_values(token: str, now: datetime, lease: timedelta):
    return {"status": MessageStatus.SENDING, "claim_token": token, "lease_until": now + lease,
            "tries": Message.tries + 1}


def claim(now: datetime, limit: int, lease: timedelta) -> tuple[str, list[int]]:
    """Claim up to `limit` due e-mail messages for this sender; returns the claim token and the ids."""
    token = secrets.token_hex(16)
    if db.engine.dialect.name == "sqlite":
        return token, _claim_sqlite(token, now, limit, lease)
    ids = db.session.scalars(
        select(Message.id).where(_due(now)).order_by(Message.id).limit(limit).with_for_update(skip_locked=True)
    ).all()
    if ids:
        db.session.execute(update(Message).where(Message.id.in_(ids)).values(**_claim_values(token, now, lease)),
                           execution_options={"synchronize_session": False})
    db.session.commit()
    return token, list(ids)


def _claim_sqlite(token: str, now: datetime, limit: int, lease: timedelta) -> list[int]:
    due_ids = select(Message.id).where(_due(now)).order_by(Message.id).limit(limit).scalar_subquery()
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # we issue BEGIN IMMEDIATE ourselves
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            conn.execute(update(Message).where(Message.id.in_(due_ids)).values(**_claim_values(token, now, lease)))
            ids = conn.scalars(select(Message.id).where(Message.claim_token == token).order_by(Message.id)).all()
            conn.exec_driver_sql("COMMIT")
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
    return list(ids)


class _Email(EmailMultiAlternatives):
    """Flask-Mailman encodes a subject that is not plain ASCII (Arabic, Turkish) without the name of its header, so
    the first encoded word does not fit after "Subject: " and the header is folded right after the colon. A mail
    program then reads the folding space as the first character of the subject. Encoded with its name, the first
    word fits on the header's first line and the subject arrives as it was written."""

    def message(self):
        msg = super().message()  # also refuses a subject with a line break (header injection)
        subject = self.subject.strip()
        try:
            subject.encode("ascii")
            charset = "us-ascii"
        except UnicodeEncodeError:
            charset = "utf-8"
        del msg["Subject"]
        MimeMessage.__setitem__(msg, "Subject", Header(subject, charset, header_name="Subject"))
        return msg


def as_email(message: Message) -> EmailMultiAlternatives:
    """The e-mail for a message: plain text, simple HTML, and the invitation when there is one."""
    email = _Email(
        subject=message.subject, body=message.body_text, to=[message.address],
        headers={"Message-ID": message.mail_id, "Content-Language": message.language,
                 "Auto-Submitted": "auto-generated"},
    )
    email.attach_alternative(message.body_html, "text/html")
    if message.calendar:
        email.attach("uitnodiging.ics", message.calendar, "text/calendar; method=REQUEST")
    return email


def _finish(message_id: int, token: str, **values) -> None:
    """Record the result, but only while the claim is still ours."""
    db.session.execute(
        update(Message).where(Message.id == message_id, Message.claim_token == token).values(**values),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()


def send_one(connection, message: Message, token: str, now: datetime, conf: dict, report: SendReport) -> None:
    """Send one claimed message; a failure is tried again after a backoff, until OUTBOX_MAX_TRIES."""
    try:
        connection.send_messages([as_email(message)])
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried, then shown to staff
        final = message.tries >= conf["max_tries"]
        status = MessageStatus.FAILED if final else MessageStatus.QUEUED
        (report.failed if final else report.retry).append(message.id)
        _finish(message.id, token, status=status, claim_token=None, lease_until=None,
                error=f"{type(error).__name__}: {error}"[:1000],
                next_attempt_at=now + backoff(message.tries, conf["retry"]))
        return
    _finish(message.id, token, status=MessageStatus.SENT, sent_at=now, claim_token=None, lease_until=None,
            error=None)
    report.sent.append(message.id)


def send_due(now: datetime | None = None, report: SendReport | None = None) -> SendReport:
    """Send every e-mail message that is due, batch by batch, until none is left."""
    conf = settings()
    report = report or SendReport()
    connection = mail.get_connection()
    try:
        while True:
            moment = now or utcnow()
            token, ids = claim(moment, conf["batch"], conf["lease"])
            if not ids:
                return report
            claimed = select(Message).where(Message.id.in_(ids)).order_by(Message.id)
            for message in db.session.scalars(claimed.execution_options(populate_existing=True)).all():
                send_one(connection, message, token, moment, conf, report)
            db.session.expire_all()
    finally:
        connection.close()
