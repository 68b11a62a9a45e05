"""The contact log and tasks: what staff noted about a call, visit or agreement, and what has to be done by when.

Both are personal data about the person (or business) they belong to: a person's notes and tasks are in their
data export and removed when they are erased. Businesses never see them; only staff pages read these tables.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import User, utcnow


class ContactNote(db.Model):
    """One contact with a person or business (a call, a visit, an agreement, a message or a plain note)."""

    __tablename__ = "contact_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    jobseeker_id: Mapped[Optional[int]] = mapped_column(ForeignKey("jobseeker.id", ondelete="CASCADE"), index=True)
    business_id: Mapped[Optional[int]] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # a ContactKind
    body: Mapped[str] = mapped_column(Text, default="")
    # The body folded for staff search (werkstation/search_text.py): "notes" are found like names and own words.
    search_text: Mapped[str] = mapped_column(Text, default="")
    happened_on: Mapped[date] = mapped_column(Date)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    author: Mapped[Optional[User]] = relationship()


class Task(db.Model):
    """Something a staff member has to do for a person or business by a date."""

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    jobseeker_id: Mapped[Optional[int]] = mapped_column(ForeignKey("jobseeker.id", ondelete="CASCADE"), index=True)
    business_id: Mapped[Optional[int]] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    done_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    done_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    owner: Mapped[Optional[User]] = relationship(foreign_keys=[owner_id])
