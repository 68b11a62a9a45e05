"""Writing a message: who gets it, in which language, over which channel; rendered now, sent later.

`write(kind, recipient, context=..., link=...)` adds a Message to the current session, so it is committed (or rolled
back) together with the event it tells about. Nothing is sent here.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..i18n import in_language, text_direction
from ..models import User
from ..vocabulary import STAFF_ROLES
from .models import Channel, Message
from .texts import text_for


@dataclass(frozen=True)
class Recipient:
    """Where a message goes: an e-mail address, else a phone number for the staff call list."""

    language: str
    email: str | None = None
    phone: str | None = None
    user_id: int | None = None
    jobseeker_id: int | None = None
    business_id: int | None = None

    @property
    def channel(self) -> Channel:
        return Channel.EMAIL if self.email else Channel.CALL_LIST

    @property
    def address(self) -> str | None:
        return self.email or self.phone


def default_language() -> str:
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def of_user(user: User, **ids) -> Recipient:
    """A user with an account: their e-mail and the language they chose (Dutch when they never chose)."""
    return Recipient(language=user.locale or default_language(), email=user.email,
                     phone=user.phone, user_id=user.id, **ids)


def of_jobseeker(jobseeker) -> Recipient:
    """A resident: the account's address, else the profile's; no address at all puts them on the call list."""
    user = jobseeker.user
    if user is not None and user.active:
        found = of_user(user, jobseeker_id=jobseeker.id)
        if found.email or found.phone:
            return found
    return Recipient(language=(user.locale if user is not None else None) or default_language(),
                     email=jobseeker.email, phone=jobseeker.phone, user_id=user.id if user is not None else None,
                     jobseeker_id=jobseeker.id)


def of_business(business) -> list[Recipient]:
    """Every active user of a business; a business without one is phoned by staff."""
    users = [u for u in business.users if u.active]
    if users:
        return [of_user(u, business_id=business.id) for u in users]
    return [Recipient(language=default_language(), phone=business.phone, business_id=business.id)]


def staff_members() -> list[Recipient]:
    users = db.session.scalars(select(User).where(User.role.in_(STAFF_ROLES), User.active).order_by(User.id))
    return [of_user(u) for u in users]


def link(endpoint: str, **values) -> str:
    """An absolute link for a message, on PUBLIC_URL (works in a request and in a command alike)."""
    path = current_app.url_map.bind("werkstation.invalid").build(endpoint, values)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def in_recipients_language(url: str | None, language: str) -> str | None:
    """A link that opens its page in the message's language, also on a phone that never chose one."""
    if url is None or language == default_language() or language not in current_app.config["LANGUAGES"]:
        return url
    return f"{url}{'&' if '?' in url else '?'}lang={language}"


def render(kind, context: dict, link_url: str | None, language: str) -> tuple[str, str, str, str]:
    """(language, subject, plain text, html) of a message, in `language`."""
    env = current_app.jinja_env
    with in_language(language) as lang:
        text = text_for(kind, context)
        plain = env.get_template("messages/email.txt").render(text=text, link=link_url)
        html = env.get_template("messages/email.html").render(text=text, link=link_url, lang=lang,
                                                                direction=text_direction(lang))
    return lang, text.subject, plain, html


def write(kind, to: Recipient, *, context: dict | None = None, link: str | None = None, placement=None,
          vacancy=None, dedupe_key: str | None = None, calendar: str | None = None) -> Message | None:
    """Add one message to the session (committed with the caller's event); None when `dedupe_key` was used.

    `dedupe_key` names the occasion (a reminder for one placement on one day); it is kept per recipient, so running
    the reminders twice writes nothing twice."""
    if dedupe_key is not None:
        dedupe_key = f"{dedupe_key}|{to.user_id or to.address or '-'}"[:120]
        with db.session.no_autoflush:
            if db.session.scalar(select(Message.id).where(Message.dedupe_key == dedupe_key)) is not None:
                return None
    link = in_recipients_language(link, to.language)
    language, subject, plain, html = render(kind, context or {}, link, to.language)
    vacancy = vacancy if vacancy is not None else getattr(placement, "vacancy", None)
    message = Message(
        kind=kind, channel=to.channel, recipient_user_id=to.user_id, jobseeker_id=to.jobseeker_id,
        business_id=to.business_id if to.business_id is not None else getattr(vacancy, "business_id", None),
        placement_id=getattr(placement, "id", None), vacancy_id=getattr(vacancy, "id", None),
        address=to.address, language=language, subject=subject.strip()[:200], body_text=plain, body_html=html,
        link=link, calendar=calendar, dedupe_key=dedupe_key,
    )
    db.session.add(message)
    return message
