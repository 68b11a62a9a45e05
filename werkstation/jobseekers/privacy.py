"""Erasure (AVG/GDPR right to be forgotten): the person is gone, an anonymous stub stays for statistics.

`erase_jobseeker(jobseeker, actor)` is a plain function so the privacy pages and retention jobs can reuse it.
The caller commits.
"""

from __future__ import annotations

from sqlalchemy import delete, or_, select

from .. import audit
from ..contacts.service import erase_person_log
from ..extensions import db
from ..models import (
    FairnessSelfDescription,
    FollowUp,
    Jobseeker,
    Placement,
    PlacementStageChange,
    Suggestion,
    utcnow,
)
from ..outbox.models import Message
from ..vocabulary import JobseekerStatus


def erase_jobseeker(jobseeker: Jobseeker, actor=None) -> Jobseeker:
    """Clear every personal field, delete the account and undecided suggestions; keep an anonymous stub.

    Kept for statistics: the PC4 area, the kinds of work, hours, placement stages and dates, decided suggestions
    (scores and decisions, without notes), consent date and version. Free-text notes about the person are cleared
    everywhere, because they may name them.
    """
    if jobseeker.status == JobseekerStatus.ERASED and jobseeker.erased_at is not None:
        return jobseeker
    user = jobseeker.user
    jobseeker.name = None
    jobseeker.phone = None
    jobseeker.email = None
    jobseeker.about = ""
    jobseeker.postcode = (jobseeker.postcode or "")[:4] or None
    jobseeker.talents = []
    jobseeker.availability = {}
    jobseeker.languages = {}
    jobseeker.licences = []
    jobseeker.certificates = []
    jobseeker.travel_mode = None
    jobseeker.max_travel_minutes = None
    jobseeker.status = JobseekerStatus.ERASED
    jobseeker.erased_at = utcnow()
    jobseeker.user = None

    db.session.execute(
        delete(Suggestion).where(Suggestion.jobseeker_id == jobseeker.id, Suggestion.undecided)
    )
    for suggestion in db.session.scalars(select(Suggestion).where(Suggestion.jobseeker_id == jobseeker.id)):
        suggestion.decision_note = None
        suggestion.explanation = {
            key: value for key, value in (suggestion.explanation or {}).items() if key in ("score", "eligible")
        }
    placements = db.session.scalars(select(Placement).where(Placement.jobseeker_id == jobseeker.id)).all()
    for placement in placements:
        placement.jobseeker_reason = None
        placement.business_reason = None
        placement.outcome_reason = None
    placement_ids = [p.id for p in placements]
    if placement_ids:
        for change in db.session.scalars(select(PlacementStageChange).where(PlacementStageChange.placement_id.in_(placement_ids))):
            change.note = None
        for follow_up in db.session.scalars(select(FollowUp).where(FollowUp.placement_id.in_(placement_ids))):
            follow_up.note = None
    db.session.execute(delete(FairnessSelfDescription).where(FairnessSelfDescription.jobseeker_id == jobseeker.id))
    erase_person_log(jobseeker.id)  # staff notes and tasks about the person
    # Messages to the person hold their address and what happened to them.
    conditions = [Message.jobseeker_id == jobseeker.id]
    if user is not None:
        conditions.append(Message.recipient_user_id == user.id)
    db.session.execute(delete(Message).where(or_(*conditions)))
    audit.record("jobseeker.erase", jobseeker, jobseeker_id=jobseeker.id, actor=actor,
                 by_self=actor is not None and user is not None and actor.id == user.id)
    if user is not None:
        db.session.flush()
        db.session.delete(user)
    db.session.flush()
    return jobseeker
