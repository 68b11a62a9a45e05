"""The same person (or business) entered twice: finding likely duplicates before saving, and merging two profiles.

A likely duplicate has the same phone number, the same e-mail address, or a similar name (difflib ratio of the
folded names at least 0.8, or the same words in another order) with the same postcode. Staff see it before an
intake or a CSV import is saved and choose "same person — open it" or "different person". `merge` moves
everything about one profile onto the other in one transaction (the caller commits) and is audited. A business
that signs up twice under another KvK number is shown to staff on its contact page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select, update

from . import audit
from .contacts.models import ContactNote, Task
from .extensions import db
from .models import Business, FairnessSelfDescription, Jobseeker, Placement, Suggestion, User, Vacancy, utcnow
from .outbox.models import Message
from .phones import normalise_phone
from .search_text import fold

NAME_SIMILARITY = 0.8
REASONS = {"phone": _l("zelfde telefoonnummer"), "email": _l("zelfde e-mailadres"),
           "name": _l("lijkende naam en zelfde postcode")}
# Profile fields a merge copies from the merged profile when the kept one has them empty.
FILL_FIELDS = ("name", "phone", "email", "postcode", "about", "hours_min", "hours_max", "travel_mode",
               "max_travel_minutes")
LIST_FIELDS = ("occupations", "talents", "licences", "certificates")


@dataclass
class Duplicate:
    jobseeker: Jobseeker
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_text(self):
        return ", ".join(str(REASONS[r]) for r in self.reasons)


def _postcode(text):
    return "".join(str(text or "").split()).upper()


def similar_names(a, b) -> bool:
    """Whether two names are probably the same person's ('Fatima el Amrani' ~ 'Fatma El-Amrani')."""
    a, b = fold(a), fold(b)
    if not a or not b:
        return False
    return sorted(a.split()) == sorted(b.split()) or SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY


def likely_duplicates(name=None, phone=None, email=None, postcode=None, exclude_id=None, limit=5) -> list[Duplicate]:
    """Stored (not erased) people who are probably the same as the one described, best evidence first."""
    phone, email, pc = normalise_phone(phone), (email or "").strip().lower() or None, _postcode(postcode)
    conditions = []
    if phone:
        conditions.append(Jobseeker.phone == phone)
    if email:
        conditions.append(func.lower(Jobseeker.email) == email)
    if pc and name:
        conditions.append(func.upper(func.replace(Jobseeker.postcode, " ", "")) == pc)
    if not conditions:
        return []
    query = select(Jobseeker).where(Jobseeker.erased_at.is_(None), or_(*conditions)).order_by(Jobseeker.id)
    if exclude_id is not None:
        query = query.where(Jobseeker.id != exclude_id)
    found = []
    for row in db.session.scalars(query.limit(200)):
        reasons = [r for r, hit in (("phone", phone and row.phone == phone),
                                    ("email", email and (row.email or "").lower() == email),
                                    ("name", pc and _postcode(row.postcode) == pc and similar_names(name, row.name)))
                   if hit]
        if reasons:
            found.append(Duplicate(row, reasons))
    found.sort(key=lambda d: (-len(d.reasons), d.jobseeker.id))
    return found[:limit]


def intake_duplicates(answers) -> list[Duplicate]:
    """Likely duplicates of the person an intake describes (its 'over-jou' and 'reizen' answers)."""
    about, travel = answers.get("over-jou", {}), answers.get("reizen", {})
    return likely_duplicates(about.get("name"), about.get("phone"), about.get("email"), travel.get("postcode"))


def duplicates_of(person, limit=5) -> list[Duplicate]:
    """Likely duplicates of a stored person."""
    return likely_duplicates(person.name, person.phone, person.email, person.postcode, exclude_id=person.id,
                             limit=limit)


@dataclass
class BusinessDuplicate:
    business: Business
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_text(self):
        return ", ".join(str(REASONS[r]) for r in self.reasons)


def business_duplicates(business, limit=5) -> list[BusinessDuplicate]:
    """Other businesses that are probably the same one signed up again under another KvK number: the same phone
    number, or a similar name with the same postcode. A cooperative has hundreds of businesses, so all are read."""
    phone, pc = normalise_phone(business.phone), _postcode(business.postcode)
    found = []
    for row in db.session.scalars(select(Business).where(Business.id != business.id).order_by(Business.id)):
        reasons = [r for r, hit in (("phone", phone and normalise_phone(row.phone) == phone),
                                    ("name", pc and _postcode(row.postcode) == pc and similar_names(business.name, row.name)))
                   if hit]
        if reasons:
            found.append(BusinessDuplicate(row, reasons))
    found.sort(key=lambda d: (-len(d.reasons), d.business.id))
    return found[:limit]


class MergeError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _move_suggestions(keep, drop):
    """Move the other profile's suggestions; where both have one for a vacancy, the decided one stays."""
    mine = {s.vacancy_id: s for s in db.session.scalars(select(Suggestion).where(Suggestion.jobseeker_id == keep.id))}
    kept_decisions = []
    for row in db.session.scalars(select(Suggestion).where(Suggestion.jobseeker_id == drop.id)).all():
        other = mine.get(row.vacancy_id)
        if other is not None and (other.decision is not None or row.decision is None):
            if row.decision is not None:
                kept_decisions.append({"vacancy_id": row.vacancy_id, "decision": row.decision,
                                       "reason": row.decision_reason})
            db.session.execute(update(Placement).where(Placement.suggestion_id == row.id).values(suggestion_id=other.id))
            db.session.delete(row)
            continue
        if other is not None:
            db.session.execute(update(Placement).where(Placement.suggestion_id == other.id).values(suggestion_id=row.id))
            db.session.delete(other)
            db.session.flush()
        row.jobseeker_id = keep.id
    return kept_decisions


def _fill_profile(keep, drop):
    for name in FILL_FIELDS:
        if getattr(keep, name) in (None, "") and getattr(drop, name) not in (None, ""):
            setattr(keep, name, getattr(drop, name))
    for name in LIST_FIELDS:
        combined = list(dict.fromkeys([*(getattr(keep, name) or []), *(getattr(drop, name) or [])]))
        setattr(keep, name, combined)
    keep.availability = {**(drop.availability or {}), **(keep.availability or {})}
    keep.languages = {**(drop.languages or {}), **(keep.languages or {})}


def merge(keep: Jobseeker, drop: Jobseeker, actor) -> dict:
    """Move every decision, placement, note, task and message of `drop` onto `keep`, then remove `drop`."""
    if keep.id == drop.id:
        raise MergeError(_l("Kies twee verschillende profielen."))
    if keep.erased_at is not None or drop.erased_at is not None:
        raise MergeError(_l("Een gewist profiel kan niet worden samengevoegd."))
    if keep.user_id is not None and drop.user_id is not None:
        raise MergeError(_l("Beide profielen hebben een eigen account. Zet eerst een van de twee accounts uit."))
    moved = {"decisions_kept_elsewhere": _move_suggestions(keep, drop)}
    for model in (Placement, ContactNote, Task, Message):
        result = db.session.execute(update(model).where(model.jobseeker_id == drop.id).values(jobseeker_id=keep.id))
        moved[model.__tablename__] = result.rowcount
    if db.session.scalar(select(FairnessSelfDescription.id).where(FairnessSelfDescription.jobseeker_id == keep.id)):
        db.session.execute(delete(FairnessSelfDescription).where(FairnessSelfDescription.jobseeker_id == drop.id))
    else:
        db.session.execute(update(FairnessSelfDescription).where(FairnessSelfDescription.jobseeker_id == drop.id)
                           .values(jobseeker_id=keep.id))
    _fill_profile(keep, drop)
    if drop.user_id is not None:
        user, drop.user = drop.user, None
        db.session.flush()
        keep.user = user
    keep.last_active_at = max(keep.last_active_at or utcnow(), drop.last_active_at or utcnow())
    audit.record("jobseeker.merge", keep, jobseeker_id=keep.id, actor=actor, merged_id=drop.id,
                 **{k: v for k, v in moved.items() if v})
    audit.record("jobseeker.merged_into", drop, jobseeker_id=drop.id, actor=actor, kept_id=keep.id)
    db.session.flush()
    db.session.expire(drop)  # its collections were loaded before the move; reload them (now empty) before deleting
    db.session.delete(drop)
    db.session.flush()
    return moved


def merge_businesses(keep: Business, drop: Business, actor) -> dict:
    """Move every vacancy (with its suggestions and placements), account, note, task and message of `drop` onto
    `keep`, then remove `drop`; audited on both ids. The caller commits."""
    if keep.id == drop.id:
        raise MergeError(_l("Kies twee verschillende bedrijven."))
    moved = {}
    for model in (Vacancy, User, ContactNote, Task, Message):
        result = db.session.execute(update(model).where(model.business_id == drop.id).values(business_id=keep.id))
        moved[model.__tablename__] = result.rowcount
    audit.record("business.merge", keep, actor=actor, merged_id=drop.id, merged_kvk=drop.kvk_number,
                 **{k: v for k, v in moved.items() if v})
    audit.record("business.merged_into", drop, actor=actor, kept_id=keep.id)
    db.session.flush()
    db.session.expire(drop)  # its collections were loaded before the move; reload them (now empty) before deleting
    db.session.delete(drop)
    db.session.flush()
    return moved
