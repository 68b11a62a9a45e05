"""The outbox: every message to a person is a row, written in the same transaction as the event it tells about.

A row is sent later, outside the request, by `flask --app werkstation outbox send` (see sender.py). Rows are kept
per recipient (user, jobseeker profile, business), so a person's "Berichten" page and the staff contact log can list
them.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Optional

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User, utcnow


class Channel(enum.StrEnum):
    """How a message reaches its recipient; an SMS provider can be added as a new channel."""

    EMAIL = "email"
    CALL_LIST = "call_list"  # no e-mail address: staff read the text out on the phone
    SMS = "sms"  # not wired to a provider yet


class MessageStatus(enum.StrEnum):
    QUEUED = "queued"  # waiting for the sender (or, on the call list, for staff)
    SENDING = "sending"  # claimed by a sender until `lease_until`
    SENT = "sent"
    FAILED = "failed"  # gave up after OUTBOX_MAX_TRIES; shown to staff
    DONE = "done"  # call list: staff phoned the person


class MessageKind(enum.StrEnum):
    PROPOSAL_BUSINESS = "proposal_business"
    PROPOSAL_JOBSEEKER = "proposal_jobseeker"
    ANSWER_YES = "answer_yes"
    ANSWER_NO = "answer_no"
    BOTH_YES = "both_yes"
    MEETING_PLANNED = "meeting_planned"
    MEETING_MOVED = "meeting_moved"
    MEETING_CANCELLED = "meeting_cancelled"
    MEETING_TOMORROW = "meeting_tomorrow"
    TRIAL_ENDING = "trial_ending"
    FOLLOW_UP_DUE = "follow_up_due"
    PROPOSAL_UNANSWERED = "proposal_unanswered"
    WORK_ENDED = "work_ended"
    WORK_STARTED = "work_started"
    PROPOSAL_ON_HOLD = "proposal_on_hold"
    RETENTION_NOTICE = "retention_notice"
    ACCOUNT_CREATED = "account_created"
    PASSWORD_RESET = "password_reset"  # noqa: S105 (a kind of message, not a password)
    PASSWORD_CHANGED = "password_changed"  # noqa: S105
    PASSWORD_HELP = "password_help"  # noqa: S105 (a resident without e-mail asks staff for a code)
    EMAIL_CONFIRM = "email_confirm"
    EMAIL_CHANGED = "email_changed"
    EXISTING_ACCOUNT = "existing_account"
    SIGNUP_CONFIRM = "signup_confirm"


class Message(db.Model):
    """One message to one recipient; `dedupe_key` makes a reminder impossible to write twice."""

    __tablename__ = "message"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    channel: Mapped[str] = mapped_column(String(12), default=Channel.EMAIL)
    status: Mapped[str] = mapped_column(String(12), default=MessageStatus.QUEUED, index=True)
    recipient_user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    jobseeker_id: Mapped[Optional[int]] = mapped_column(ForeignKey("jobseeker.id", ondelete="CASCADE"), index=True)
    business_id: Mapped[Optional[int]] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)
    placement_id: Mapped[Optional[int]] = mapped_column(ForeignKey("placement.id", ondelete="SET NULL"), index=True)
    vacancy_id: Mapped[Optional[int]] = mapped_column(ForeignKey("vacancy.id", ondelete="SET NULL"))
    # E-mail address (channel email) or phone number (call list) at the moment the message was written.
    address: Mapped[Optional[str]] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(5), default="nl")
    subject: Mapped[str] = mapped_column(String(200))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    link: Mapped[Optional[str]] = mapped_column(String(500))
    calendar: Mapped[Optional[str]] = mapped_column(Text)  # an iCalendar invitation, sent as invite.ics
    dedupe_key: Mapped[Optional[str]] = mapped_column(String(120), unique=True)
    mail_id: Mapped[str] = mapped_column(String(120), default=lambda: f"<{uuid.uuid4().hex}@werkstation>")
    tries: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    claim_token: Mapped[Optional[str]] = mapped_column(String(32), index=True)
    lease_until: Mapped[Optional[datetime]] = mapped_column(DateTime)
    sent_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    error: Mapped[Optional[str]] = mapped_column(Text)
    read_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    done_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    done_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    recipient: Mapped[Optional[User]] = relationship(foreign_keys=[recipient_user_id])
    done_by: Mapped[Optional[User]] = relationship(foreign_keys=[done_by_id])


# Links that prove someone reads a mailbox, or let someone in without the password: they stay in that e-mail and are
# never shown on the Berichten page or in a data download (anyone logged in to the account could use them there).
MAILBOX_ONLY = frozenset({MessageKind.EMAIL_CONFIRM, MessageKind.SIGNUP_CONFIRM, MessageKind.PASSWORD_RESET,
                          MessageKind.ACCOUNT_CREATED})


def shown_body(message) -> str:
    """The text as sent, but without a link that must stay in the mailbox it went to (see MAILBOX_ONLY)."""
    if message.kind not in MAILBOX_ONLY or not message.link:
        return message.body_text
    lines = message.body_text.split("\n")
    kept = []
    for line in lines:
        if line.strip() == message.link:
            if kept and kept[-1].rstrip().endswith(":"):
                kept.pop()  # the link's label ("Kies een nieuw wachtwoord:")
            kept.append(str(_l("(Je aanmelding is afgemaakt. Deze link heb je niet meer nodig.)")
                            if message.kind == MessageKind.SIGNUP_CONFIRM else _l("(De link staat alleen in de e-mail.)")))
        else:
            kept.append(line)
    return "\n".join(kept)
