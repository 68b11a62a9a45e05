"""Append-only audit log helpers: the event joins the caller's transaction."""

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event as sa_event

from .extensions import db
from .models import AuditEvent


def record(action, obj=None, *, jobseeker_id=None, actor=None, **details):
    """Add an AuditEvent for `action` on `obj` to the current session (committed with the caller's write)."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        actor_role=actor.role if actor is not None else None,
        action=action,
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=getattr(obj, "id", None),
        jobseeker_id=jobseeker_id,
        details=details,
    )
    db.session.add(event)
    return event


@sa_event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper, connection, target):
    raise RuntimeError("audit events are append-only")

