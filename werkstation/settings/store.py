"""Settings kept in the database, each falling back to the configuration (environment) of a fresh install.

    district.pc4_names()      [(pc4, name)] that count as the district (NEIGHBOURHOOD_PC4 until an admin saves)
    district.cooperative()    {"name", "address", "phone", "email"} (COOPERATIVE_ADDRESS and friends)
    district.cooperative_phone()  the public phone number: the saved one, else COOPERATIVE_PHONE
    district.cooperative_place()  public name and address lines (as cooperative(); STREET/POSTCODE when empty)
    district.retention()      {"retention_months", "grace_days", "audit_months"} chosen in the app (else {})

Within a request the rows are read once (kept on `g`); `save` writes one key, audited with before and after.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from flask import current_app, g, has_request_context
from sqlalchemy import JSON, DateTime, ForeignKey, String, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from .. import audit
from ..extensions import db
from ..models import utcnow


class SiteSetting(db.Model):
    """One setting chosen in the app (a key and a JSON value)."""

    __tablename__ = "site_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


def _all() -> dict:
    if has_request_context() and "_site_settings" in g:
        return g._site_settings
    try:
        found = {row.key: row.value for row in db.session.scalars(select(SiteSetting))}
    except SQLAlchemyError:  # a database without this table yet (before `flask db upgrade`)
        db.session.rollback()
        found = {}
    if has_request_context():
        g._site_settings = found
    return found


def stored(key, default=None):
    return _all().get(key, default)


def pc4_names() -> list[tuple[str, str]]:
    """(PC4, name) of every postcode area that counts as the district."""
    rows = stored("neighbourhood")
    if rows:
        return [(str(r["pc4"]), str(r.get("name") or "")) for r in rows]
    return [(code.strip(), "") for code in current_app.config.get("NEIGHBOURHOOD_PC4", ()) if code.strip()]


def cooperative() -> dict:
    config = current_app.config
    return stored("cooperative") or {
        "name": config.get("COOPERATIVE_NAME", "Wijkcoöperatie Kanaleneiland"),
        "address": config.get("COOPERATIVE_ADDRESS", ""), "phone": config.get("COOPERATIVE_PHONE", ""),
        "email": config.get("COOPERATIVE_EMAIL", ""),
    }


def cooperative_phone() -> str:
    """The number the public pages show: the one an admin saved, the configured one only while none is saved."""
    return cooperative().get("phone") or current_app.config.get("COOPERATIVE_PHONE", "")


def cooperative_place() -> tuple[str, list[str]]:
    """The name and address lines the public pages show: the address the district settings show (what an admin
    saved, else COOPERATIVE_ADDRESS), split at its commas as on an envelope; COOPERATIVE_STREET and
    COOPERATIVE_POSTCODE only when both are empty."""
    shown, config = cooperative(), current_app.config
    lines = [line.strip() for line in str(shown.get("address") or "").split(",") if line.strip()]
    return (shown.get("name") or config["COOPERATIVE_NAME"],
            lines or [config["COOPERATIVE_STREET"], config["COOPERATIVE_POSTCODE"]])


def retention() -> dict:
    return stored("retention") or {}


def save(key, value, actor):
    """Store one setting (the caller commits), audited with what it was and what it became."""
    row = db.session.scalar(select(SiteSetting).where(SiteSetting.key == key))
    before = row.value if row is not None else None
    if row is None:
        row = SiteSetting(key=key, value=value, updated_by_id=actor.id)
        db.session.add(row)
    else:
        row.value, row.updated_by_id = value, actor.id
    audit.record("settings.update", row, actor=actor, key=key, before=before, after=value)
    if has_request_context():
        g.pop("_site_settings", None)
    return row
