"""Database models: SQLAlchemy 2.0 typed declarative models.

Never add a column for BSN, date of birth, age, photo, gender, nationality, religion or health:
tests/werkstation/test_forbidden_fields.py scans every column. The one exception is
``FairnessSelfDescription``: voluntary, for monitoring only, never read by matching or businesses.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any, Optional

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
    false,
    or_,
    true,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db
from .vocabulary import (
    ACTIVE_STAGES,
    STAFF_ROLES,
    Answer,
    JobseekerStatus,
    Stage,
    VacancyStatus,
)


def utcnow() -> datetime:
    """Timezone-aware now in UTC (stored as naive UTC for SQLite/PostgreSQL parity)."""
    return datetime.now(UTC).replace(tzinfo=None)




class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Empty for a resident without e-mail (made by staff); they log in with their phone number.
    email: Mapped[Optional[str]] = mapped_column(String(254), unique=True, index=True)
    phone: Mapped[Optional[str]] = mapped_column(String(20), unique=True)  # E.164
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    # Rotated at login, logout and deactivation: a cookie holding an old token is refused.
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(32))
    totp_secret: Mapped[Optional[str]] = mapped_column(String(64))
    # Time step of the last accepted code; set with a compare-and-set, so a code works once even in parallel.
    totp_last_step: Mapped[Optional[int]] = mapped_column(BigInteger)
    locale: Mapped[Optional[str]] = mapped_column(String(5))
    business_id: Mapped[Optional[int]] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)

    business: Mapped[Optional[Business]] = relationship(back_populates="users")
    jobseeker: Mapped[Optional[Jobseeker]] = relationship(
        back_populates="user", uselist=False, foreign_keys="Jobseeker.user_id"
    )

    @staticmethod
    def normalise_email(email: str) -> str:
        return (email or "").strip().lower()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def rotate_session_token(self) -> None:
        self.session_token = secrets.token_hex(32)

    def get_id(self) -> str:
        # Flask-Login stores this in the session; it binds the session to the current token.
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login
        return bool(self.active)

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class Business(db.Model):
    __tablename__ = "business"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kvk_number: Mapped[str] = mapped_column(String(8), unique=True)
    sector: Mapped[str] = mapped_column(String(60))
    postcode: Mapped[str] = mapped_column(String(7))
    contact_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    users: Mapped[list[User]] = relationship(back_populates="business")
    vacancies: Mapped[list[Vacancy]] = relationship(back_populates="business", order_by="Vacancy.id")


class Vacancy(db.Model):
    __tablename__ = "vacancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    occupation_uri: Mapped[Optional[str]] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(7))
    seats: Mapped[int] = mapped_column(Integer, default=1)
    hours_min: Mapped[int] = mapped_column(Integer)
    hours_max: Mapped[int] = mapped_column(Integer)
    # {"mon": ["morning", "afternoon"], ...}; a missing day means not needed.
    schedule: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    required_talents: Mapped[list[str]] = mapped_column(JSON, default=list)
    preferred_talents: Mapped[list[str]] = mapped_column(JSON, default=list)
    # {"nl": "A2"}: minimum level per language.
    languages: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    licences: Mapped[list[str]] = mapped_column(JSON, default=list)
    certificates: Mapped[list[str]] = mapped_column(JSON, default=list)
    start_date: Mapped[Optional[date]] = mapped_column(Date)
    # Pay: an amount per hour, or "volgens cao" with the cao's name (then the amount may be left out).
    # Both empty and no contract type: a vacancy from before these questions ("nog niet ingevuld").
    hourly_wage_cents: Mapped[Optional[int]] = mapped_column(Integer)
    cao_name: Mapped[Optional[str]] = mapped_column(String(120))
    contract_type: Mapped[Optional[str]] = mapped_column(String(20))  # a ContractType
    # Where the work is, when that is not the business's own address (free text).
    work_address: Mapped[Optional[str]] = mapped_column(String(200))
    # The business allows residents to see its name before both said yes to a proposal.
    name_visible: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[str] = mapped_column(String(10), default=VacancyStatus.OPEN, index=True)
    # Folded text and facet tokens for staff search, rewritten on every save (werkstation/search_text.py).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    business: Mapped[Business] = relationship(back_populates="vacancies")
    suggestions: Mapped[list[Suggestion]] = relationship(
        back_populates="vacancy", cascade="all, delete-orphan", passive_deletes=True
    )
    placements: Mapped[list[Placement]] = relationship(back_populates="vacancy")

    __mapper_args__ = {"version_id_col": version}

    @hybrid_property
    def matchable(self):
        """Open: ranked against people and offered to them (also usable in a query)."""
        return self.status == VacancyStatus.OPEN

    def name_for_resident(self, placement: Optional[Placement] = None) -> Optional[str]:
        """The business's name when a resident may see it (the business allows it, or both said yes to the
        proposal `placement`); else None, and the resident reads the business's trade."""
        if self.name_visible or (placement is not None and placement.both_said_yes):
            return self.business.name
        return None


class Jobseeker(db.Model):
    __tablename__ = "jobseeker"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Optional: staff can keep a profile for someone without an account.
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), unique=True)
    name: Mapped[Optional[str]] = mapped_column(String(120))
    phone: Mapped[Optional[str]] = mapped_column(String(20))
    email: Mapped[Optional[str]] = mapped_column(String(254))
    postcode: Mapped[Optional[str]] = mapped_column(String(7))
    # Work done; work wanted apart. None: an older profile that answered one question ("done or wanted").
    occupations: Mapped[list[str]] = mapped_column(JSON, default=list)
    wanted_occupations: Mapped[Optional[list[str]]] = mapped_column(JSON)
    talents: Mapped[list[str]] = mapped_column(JSON, default=list)
    about: Mapped[str] = mapped_column(Text, default="")
    hours_min: Mapped[Optional[int]] = mapped_column(Integer)
    hours_max: Mapped[Optional[int]] = mapped_column(Integer)
    availability: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    languages: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    licences: Mapped[list[str]] = mapped_column(JSON, default=list)
    certificates: Mapped[list[str]] = mapped_column(JSON, default=list)
    max_travel_minutes: Mapped[Optional[int]] = mapped_column(Integer)
    travel_mode: Mapped[Optional[str]] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default=JobseekerStatus.AVAILABLE, index=True)
    # At work through the cooperative and looking for more hours: proposed again for the hours left.
    wants_more_hours: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    consent_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    consent_version: Mapped[Optional[str]] = mapped_column(String(20))
    consent_in_person: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_recorded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    last_active_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    retention_notice_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    erased_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    # Folded text and facet tokens for staff search, rewritten on every save (werkstation/search_text.py).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    user: Mapped[Optional[User]] = relationship(back_populates="jobseeker", foreign_keys=[user_id])
    suggestions: Mapped[list[Suggestion]] = relationship(
        back_populates="jobseeker", cascade="all, delete-orphan", passive_deletes=True
    )
    placements: Mapped[list[Placement]] = relationship(back_populates="jobseeker")

    __mapper_args__ = {"version_id_col": version}

    @hybrid_property
    def matchable(self):
        """Available (or at work and wanting more hours), consented and not erased: ranked against vacancies (also
        usable in a query)."""
        looking = self.status == JobseekerStatus.AVAILABLE or (
            self.status == JobseekerStatus.PLACED and bool(self.wants_more_hours))
        return looking and self.consent_at is not None and self.erased_at is None

    @matchable.inplace.expression
    @classmethod
    def _matchable_condition(cls):
        looking = or_(cls.status == JobseekerStatus.AVAILABLE,
                      and_(cls.status == JobseekerStatus.PLACED, cls.wants_more_hours))
        return and_(looking, cls.consent_at.is_not(None), cls.erased_at.is_(None))


class Suggestion(db.Model):
    """A scored vacancy x jobseeker pair from the engine, and the staff decision about it."""

    __tablename__ = "suggestion"
    # AUTOINCREMENT on SQLite: without it SQLite hands the highest deleted id to the next row, so an old link to a
    # suggestion that was removed (re-scoring, a pause) would open another pair's suggestion.
    __table_args__ = (UniqueConstraint("vacancy_id", "jobseeker_id"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"), index=True)
    jobseeker_id: Mapped[int] = mapped_column(ForeignKey("jobseeker.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    eligible: Mapped[bool] = mapped_column(Boolean, default=True)
    # Related work (an occupation that fits, done, wanted or told in own words) or an asked talent; the lists
    # show related people first, so hours, travel and living nearby alone never put someone above them.
    related: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model_version: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    decision: Mapped[Optional[str]] = mapped_column(String(10))  # a Decision
    decision_reason: Mapped[Optional[str]] = mapped_column(String(40))
    decision_note: Mapped[Optional[str]] = mapped_column(Text)
    decided_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    # The resident's own answer about this vacancy (an Interest), a signal for staff; it never contacts anyone.
    interest: Mapped[Optional[str]] = mapped_column(String(12))
    interest_reason: Mapped[Optional[str]] = mapped_column(Text)
    interest_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    # Counts decisions only (re-scoring does not change it): a decision made on a page loaded before someone else's
    # decision is refused. Not a version_id_col, so re-scoring never conflicts with a decision.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    vacancy: Mapped[Vacancy] = relationship(back_populates="suggestions")
    jobseeker: Mapped[Jobseeker] = relationship(back_populates="suggestions")
    decided_by: Mapped[Optional[User]] = relationship(foreign_keys=[decided_by_id])

    @hybrid_property
    def undecided(self):
        """No shortlist or reject yet, whether or not every requirement is met (also usable in a query)."""
        return self.decision is None

    @undecided.inplace.expression
    @classmethod
    def _undecided_condition(cls):
        return cls.decision.is_(None)

    @hybrid_property
    def unreviewed(self):
        """Undecided and meets every requirement: waiting for a staff member (the counts on the home pages)."""
        return self.decision is None and self.eligible

    @unreviewed.inplace.expression
    @classmethod
    def _unreviewed_condition(cls):
        return and_(cls.decision.is_(None), cls.eligible)


class Placement(db.Model):
    """A proposal that became a placement: voorgesteld -> kennismaking -> proefplaatsing -> in dienst -> end."""

    __tablename__ = "placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"), index=True)
    jobseeker_id: Mapped[int] = mapped_column(ForeignKey("jobseeker.id", ondelete="CASCADE"), index=True)
    suggestion_id: Mapped[Optional[int]] = mapped_column(ForeignKey("suggestion.id", ondelete="SET NULL"))
    stage: Mapped[str] = mapped_column(String(20), default=Stage.PROPOSED, index=True)
    proposed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    business_response: Mapped[Optional[str]] = mapped_column(String(10))  # an Answer
    business_reason: Mapped[Optional[str]] = mapped_column(Text)
    business_responded_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    jobseeker_response: Mapped[Optional[str]] = mapped_column(String(10))  # an Answer
    jobseeker_reason: Mapped[Optional[str]] = mapped_column(Text)
    jobseeker_responded_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    trial_start: Mapped[Optional[date]] = mapped_column(Date)
    trial_end: Mapped[Optional[date]] = mapped_column(Date)
    employed_since: Mapped[Optional[date]] = mapped_column(Date)
    employer_of_record: Mapped[Optional[str]] = mapped_column(String(20))  # an EmployerOfRecord
    hours_per_week: Mapped[Optional[int]] = mapped_column(Integer)
    ended_at: Mapped[Optional[date]] = mapped_column(Date)
    outcome: Mapped[Optional[str]] = mapped_column(String(20))
    outcome_reason: Mapped[Optional[str]] = mapped_column(Text)
    # The kennismaking: when (UTC) and where; the sequence grows with each change (iCalendar updates).
    meeting_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    meeting_place: Mapped[Optional[str]] = mapped_column(String(200))
    meeting_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Keys from werkstation/data/instruments.json that staff ticked as possibly applicable.
    instruments: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    vacancy: Mapped[Vacancy] = relationship(back_populates="placements")
    jobseeker: Mapped[Jobseeker] = relationship(back_populates="placements")
    suggestion: Mapped[Optional[Suggestion]] = relationship()
    # No placement has an owner field: the staff member who proposed it is the one "Mijn taken" counts it for.
    proposed_by: Mapped[Optional[User]] = relationship(foreign_keys=[proposed_by_id])
    history: Mapped[list[PlacementStageChange]] = relationship(
        back_populates="placement", order_by="PlacementStageChange.id", cascade="all, delete-orphan"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="placement", order_by="FollowUp.due_on", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def both_said_yes(self) -> bool:
        """The business and the resident both said yes: names and contact details are shared."""
        return self.business_response == Answer.ACCEPTED and self.jobseeker_response == Answer.ACCEPTED

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE_STAGES


class PlacementStageChange(db.Model):
    __tablename__ = "placement_stage_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[Optional[str]] = mapped_column(String(20))
    to_stage: Mapped[str] = mapped_column(String(20))
    by_user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    note: Mapped[Optional[str]] = mapped_column(Text)

    placement: Mapped[Placement] = relationship(back_populates="history")
    by_user: Mapped[Optional[User]] = relationship()


class FollowUp(db.Model):
    """Check-in with a placed person at 1, 3 and 6 months."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id", ondelete="CASCADE"), index=True)
    months: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)
    done_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    done_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    still_working: Mapped[Optional[bool]] = mapped_column(Boolean)
    note: Mapped[Optional[str]] = mapped_column(Text)

    placement: Mapped[Placement] = relationship(back_populates="follow_ups")


class AuditEvent(db.Model):
    """Append-only: who did what to which object, when. Rows are never updated."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_role: Mapped[Optional[str]] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[Optional[int]] = mapped_column(Integer)
    # The jobseeker this event concerns, so staff can read the log per person.
    jobseeker_id: Mapped[Optional[int]] = mapped_column(Integer, index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[Optional[User]] = relationship()


class MatchModel(db.Model):
    """A scoring model's weights (default or learned from decisions); the active one is used for matching."""

    __tablename__ = "match_model"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(60), unique=True)
    weights: Mapped[dict[str, Any]] = mapped_column(JSON)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FormSubmission(db.Model):
    """One-time tokens of submitted forms: a double click or resent form creates one record, not two."""

    __tablename__ = "form_submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    result_url: Mapped[Optional[str]] = mapped_column(String(300))


class FairnessSelfDescription(db.Model):
    """Voluntary self-description for the fairness monitor only.

    Kept apart on purpose: the matching bridge and business views never read this table.
    """

    __tablename__ = "fairness_self_description"

    id: Mapped[int] = mapped_column(primary_key=True)
    jobseeker_id: Mapped[int] = mapped_column(ForeignKey("jobseeker.id", ondelete="CASCADE"), unique=True)
    gender: Mapped[Optional[str]] = mapped_column(String(20))
    age_band: Mapped[Optional[str]] = mapped_column(String(20))
    migration_background: Mapped[Optional[str]] = mapped_column(String(20))
    disability: Mapped[Optional[str]] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
