"""Registrations whose e-mail link was never used: recognised, replaced by a new registration, and removed by
`flask purge` once their link has expired (they hold an address, a password hash and perhaps a business)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from ..extensions import db
from ..models import Business, User
from .models import AccountToken, TokenPurpose


def is_unfinished(user: User) -> bool:
    """An account from a registration whose link was never used."""
    if user.active or user.last_login_at is not None:
        return False
    pending = select(AccountToken.id).where(AccountToken.user_id == user.id,
                                            AccountToken.purpose == TokenPurpose.SIGNUP)
    return db.session.scalar(pending.limit(1)) is not None


def forget(user: User) -> None:
    """Remove an unfinished registration (and the business it made, when nobody else uses it)."""
    business = user.business
    db.session.execute(delete(AccountToken).where(AccountToken.user_id == user.id))
    db.session.delete(user)
    db.session.flush()
    others = select(User.id).where(User.business_id == business.id).limit(1) if business is not None else None
    if business is not None and db.session.scalar(others) is None:
        db.session.delete(business)
        db.session.flush()


def kvk_only_unfinished(kvk_number: str) -> bool:
    """True when the business with this KvK number exists only as an unfinished registration (so it does not block
    a new one: nobody can reserve a KvK number by registering it without the e-mail's link)."""
    business = db.session.scalar(select(Business).where(Business.kvk_number == kvk_number))
    return business is not None and bool(business.users) and all(is_unfinished(u) for u in business.users)


def forget_kvk(kvk_number: str) -> None:
    business = db.session.scalar(select(Business).where(Business.kvk_number == kvk_number))
    if business is not None and kvk_only_unfinished(kvk_number):
        for user in list(business.users):
            forget(user)


def expired(now: datetime) -> list[User]:
    """Unfinished registrations whose every sign-up link has expired."""
    users = db.session.scalars(
        select(User).join(AccountToken, AccountToken.user_id == User.id)
        .where(User.active.is_(False), User.last_login_at.is_(None), AccountToken.purpose == TokenPurpose.SIGNUP)
        .distinct()
    ).all()
    still_valid = set(db.session.scalars(
        select(AccountToken.user_id).where(AccountToken.purpose == TokenPurpose.SIGNUP,
                                           AccountToken.expires_at > now, AccountToken.used_at.is_(None))
    ))
    return [user for user in users if user.id not in still_valid]
