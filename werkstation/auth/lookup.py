"""Finding an account by what people type: an e-mail address or a phone number."""

import re

from sqlalchemy import select

from ..extensions import db
from ..models import User
from ..phones import normalise_phone


def find_account(identifier: str) -> User | None:
    """The account for an e-mail address or a phone number (as people type it), or None."""
    text = (identifier or "").strip()
    if re.search(r"[\x00-\x1f\x7f]", text):  # no account has one; PostgreSQL cannot even compare a NUL byte
        return None
    if "@" in text:
        return db.session.scalar(select(User).where(User.email == User.normalise_email(text)[:254]))
    phone = normalise_phone(text)
    if phone is None:
        return None
    return db.session.scalar(select(User).where(User.phone == phone))
