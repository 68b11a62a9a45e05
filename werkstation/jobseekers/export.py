"""Everything Werkstation keeps about one person, as one JSON document (AVG/GDPR right of access).

`build_export(jobseeker)` is a plain function so the privacy pages and the download can share it.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import current_app
from sqlalchemy import and_, or_, select

from ..contacts.service import export_person_log
from ..extensions import db
from ..models import AuditEvent, FairnessSelfDescription, Jobseeker, Placement, Suggestion, utcnow
from ..outbox.models import Message, shown_body

EXPORT_FORMAT = "werkstation-export-1"
PROFILE_FIELDS = (
    "id", "name", "phone", "email", "postcode", "occupations", "wanted_occupations", "talents", "about", "hours_min", "hours_max",
    "availability", "languages", "licences", "certificates", "max_travel_minutes", "travel_mode", "status",
    "consent_at", "consent_version", "consent_in_person", "created_at", "updated_at", "last_active_at", "erased_at",
)
VIEW_ACTIONS = ("jobseeker.view", "profile.view", "jobseeker.export", "jobseeker.export_csv")


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def audit_events_about(jobseeker: Jobseeker):
    """Audit events about this person: tagged with them, about their profile row, or about their user account."""
    conditions = [
        AuditEvent.jobseeker_id == jobseeker.id,
        and_(AuditEvent.object_type == "jobseeker", AuditEvent.object_id == jobseeker.id),
    ]
    if jobseeker.user_id is not None:
        conditions.append(and_(AuditEvent.object_type == "user", AuditEvent.object_id == jobseeker.user_id))
    return db.session.scalars(select(AuditEvent).where(or_(*conditions)).order_by(AuditEvent.at, AuditEvent.id)).all()


def messages_to(jobseeker: Jobseeker) -> list[dict]:
    """Every message written to the person (e-mail or call list), as sent."""
    mine = Message.jobseeker_id == jobseeker.id
    if jobseeker.user_id is not None:
        mine = or_(mine, Message.recipient_user_id == jobseeker.user_id)
    return [
        {"at": _plain(m.created_at), "kind": m.kind, "channel": m.channel, "address": m.address,
         "language": m.language, "subject": m.subject, "text": shown_body(m), "status": m.status,
         "sent_at": _plain(m.sent_at or m.done_at)}
        for m in db.session.scalars(select(Message).where(mine).order_by(Message.created_at, Message.id))
    ]


def _account(user) -> dict | None:
    if user is None:
        return None
    return {
        "email": user.email, "phone": user.phone, "role": user.role, "created_at": _plain(user.created_at),
        "last_login_at": _plain(user.last_login_at), "locale": user.locale,
        "two_factor": bool(user.totp_secret),
    }


def _vacancy(vacancy, placement=None) -> dict:
    """A vacancy as the resident may see it: the business's name only when it is shown to them (else None)."""
    return {"id": vacancy.id, "title": vacancy.title, "business": vacancy.name_for_resident(placement),
            "sector": vacancy.business.sector}


def _suggestions(jobseeker) -> list[dict]:
    return [
        {
            "vacancy": _vacancy(s.vacancy),
            "score": s.score, "eligible": s.eligible, "explanation": _plain(s.explanation or {}),
            "model_version": s.model_version, "created_at": _plain(s.created_at), "updated_at": _plain(s.updated_at),
            "decision": s.decision, "decision_reason": s.decision_reason, "decision_note": s.decision_note,
            "decided_at": _plain(s.decided_at),
            "interest": s.interest, "interest_reason": s.interest_reason, "interest_at": _plain(s.interest_at),
        }
        for s in db.session.scalars(select(Suggestion).where(Suggestion.jobseeker_id == jobseeker.id).order_by(Suggestion.id))
    ]


def _placement(p) -> dict:
    return {
        "id": p.id, "vacancy": _vacancy(p.vacancy, p),
        "stage": p.stage, "business_response": p.business_response, "business_reason": p.business_reason,
        "jobseeker_response": p.jobseeker_response, "jobseeker_reason": p.jobseeker_reason,
        "trial_start": _plain(p.trial_start), "trial_end": _plain(p.trial_end),
        "employed_since": _plain(p.employed_since), "employer_of_record": p.employer_of_record,
        "hours_per_week": p.hours_per_week, "ended_at": _plain(p.ended_at), "outcome": p.outcome,
        "outcome_reason": p.outcome_reason, "instruments": list(p.instruments or []),
        "created_at": _plain(p.created_at),
        "history": [
            {"from": h.from_stage, "to": h.to_stage, "at": _plain(h.at), "note": h.note,
             "by_role": h.by_user.role if h.by_user else None}
            for h in p.history
        ],
        "follow_ups": [
            {"months": f.months, "due_on": _plain(f.due_on), "done_at": _plain(f.done_at),
             "still_working": f.still_working, "note": f.note}
            for f in p.follow_ups
        ],
    }


def _self_description(jobseeker) -> dict | None:
    row = db.session.scalar(select(FairnessSelfDescription).where(FairnessSelfDescription.jobseeker_id == jobseeker.id))
    if row is None:
        return None
    return {"gender": row.gender, "age_band": row.age_band, "migration_background": row.migration_background,
            "disability": row.disability}


def _audit(jobseeker) -> list[dict]:
    return [
        {
            "at": _plain(event.at), "action": event.action, "by_role": event.actor_role,
            "by_you": event.actor_id is not None and event.actor_id == jobseeker.user_id,
            "object_type": event.object_type, "object_id": event.object_id, "details": _plain(event.details or {}),
        }
        for event in audit_events_about(jobseeker)
    ]


def build_export(jobseeker: Jobseeker) -> dict:
    """All data about `jobseeker`: profile, account, suggestions with explanations, placements with history,
    follow-ups, the voluntary self-description, staff notes and tasks about them, and the audit events about them (including who viewed the profile)."""
    placements = db.session.scalars(select(Placement).where(Placement.jobseeker_id == jobseeker.id).order_by(Placement.id))
    audit = _audit(jobseeker)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": _plain(utcnow()),
        "consent_version_current": current_app.config.get("CONSENT_VERSION"),
        "profile": {name: _plain(getattr(jobseeker, name)) for name in PROFILE_FIELDS},
        "account": _account(jobseeker.user),
        "suggestions": _suggestions(jobseeker),
        "placements": [_placement(p) for p in placements],
        "self_description": _self_description(jobseeker),
        "audit_events": audit,
        "messages": messages_to(jobseeker),
        **export_person_log(jobseeker.id),
        "profile_views": [row for row in audit if row["action"] in VIEW_ACTIONS],
    }
