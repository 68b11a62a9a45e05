"""Account changes as plain functions (callers commit): new password, deactivation, accounts made by staff."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..models import User
from ..outbox import events as messages
from ..outbox.compose import link
from ..phones import normalise_phone
from ..vocabulary import Role
from . import tokens
from .models import TokenPurpose


def set_new_password(user: User, password: str, action: str, actor=None) -> None:
    """A new password ends every running session of the person (the caller logs this one in again)."""
    user.set_password(password)
    user.rotate_session_token()
    audit.record(action, user, actor=actor or user)
    messages.password_changed(user)


def deactivate(user: User, by) -> None:
    """No more logging in; every running session ends at once (its token no longer matches)."""
    user.active = False
    user.rotate_session_token()
    audit.record("user.deactivate", user, actor=by)


def reactivate(user: User, by) -> None:
    user.active = True
    user.rotate_session_token()
    audit.record("user.reactivate", user, actor=by)


def account_for_jobseeker(jobseeker, by) -> User | None:
    """An account for a resident registered by staff, with the profile's e-mail or, without one, phone number.

    Returns None when the profile has neither, or the address or number already belongs to an account.
    """
    if jobseeker.user is not None:
        return jobseeker.user
    email = User.normalise_email(jobseeker.email) or None
    phone = normalise_phone(jobseeker.phone)
    if email is None and phone is None:
        return None
    taken = select(User.id).where((User.email == email) if email else (User.phone == phone))
    if db.session.scalar(taken) is not None:
        return None
    user = User(email=email, phone=phone if email is None else None, role=Role.JOBSEEKER)
    user.set_password(secrets.token_urlsafe(32))  # unusable until the person chooses their own
    jobseeker.user = user
    db.session.add(user)
    db.session.flush()
    audit.record("user.create_on_behalf", user, jobseeker_id=jobseeker.id, actor=by)
    welcome = None
    if email:
        welcome = link("accounts.welcome", token=tokens.issue(user, TokenPurpose.WELCOME, by=by))
    messages.account_created(user, jobseeker, welcome, tokens.lifetime(TokenPurpose.WELCOME).days)
    return user
