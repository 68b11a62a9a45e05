"""Rows of the staff workspace itself: filter sets saved for later and shared with colleagues."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User, utcnow


class SavedSearch(db.Model):
    """A staff member's filter set for the people or vacancy search; shared ones are listed for every colleague."""

    __tablename__ = "saved_search"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # a SearchKind
    name: Mapped[str] = mapped_column(String(80))
    # The filters as a query string, rebuilt from a validated form (never the raw text that was sent).
    query: Mapped[str] = mapped_column(String(2000), default="")
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    owner: Mapped[Optional[User]] = relationship()
