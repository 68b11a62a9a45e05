"""Single-use account tokens: password-reset and e-mail links (a stored marker next to the signed token) and the
one-time codes staff give residents without e-mail. Only a hash is stored, never the token or the code itself."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User, utcnow


class TokenPurpose(enum.StrEnum):
    RESET = "reset"  # forgotten password, by e-mail (30 minutes)
    WELCOME = "welcome"  # account made by staff: choose a first password (7 days)
    EMAIL = "email"  # confirm a new e-mail address (24 hours)
    STAFF_CODE = "staff_code"  # a code staff give a resident without e-mail (24 hours)
    SIGNUP = "signup"  # finish a registration made with an e-mail address (24 hours)


class AccountToken(db.Model):
    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # HMAC-SHA256 of the nonce or code
    new_email: Mapped[Optional[str]] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
