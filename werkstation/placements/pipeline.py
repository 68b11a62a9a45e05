"""Placement rules: the human decision gate, both sides saying yes, the stage pipeline, seats and overlapping hours.

Views call these functions and commit; a refused change raises RuleError (answered with 409) and changes nothing.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from .. import audit
from ..extensions import db
from ..models import FollowUp, Placement, PlacementStageChange, Suggestion, utcnow
from ..outbox import events as messages
from ..vocabulary import (
    COMPLETED_OUTCOME,
    SEAT_STAGES,
    WORKING_STAGES,
    Answer,
    Decision,
    EmployerOfRecord,
    JobseekerStatus,
    Stage,
)
from . import holds, meetings, work_state

NEXT_STAGES = {
    Stage.PROPOSED: (Stage.INTRODUCTION, Stage.ENDED),
    Stage.INTRODUCTION: (Stage.TRIAL, Stage.EMPLOYED, Stage.ENDED),
    Stage.TRIAL: (Stage.EMPLOYED, Stage.ENDED),
    Stage.EMPLOYED: (Stage.COMPLETED, Stage.ENDED),
    Stage.COMPLETED: (),
    Stage.ENDED: (),
}
FOLLOW_UP_MONTHS = (1, 3, 6)
# A UWV proefplaatsing lasts up to 2 months, longer only by exception; a
# longer trial needs staff to confirm that UWV or the municipality agreed.
TRIAL_MAX_MONTHS = 2

REJECT_REASONS = {
    "work": _l("Het werk past niet bij wat de persoon kan of wil"),
    "hours": _l("Uren of werktijden passen niet"),
    "travel": _l("Reistijd is te lang"),
    "language": _l("Taal of certificaat ontbreekt"),
    "not_available": _l("Persoon is nu niet beschikbaar"),
    "other": _l("Andere reden (schrijf het in de notitie)"),
}
SHORTLIST_REASONS = {
    "good_fit": _l("Past goed bij het werk"),
    "talents": _l("Heeft de talenten, ervaring komt nog"),
    "neighbour": _l("Woont dichtbij, werk past"),
    "plan": _l("Uit het wijkplan"),
    "other": _l("Andere reden (schrijf het in de notitie)"),
}
END_REASONS = {
    "business_declined": _l("Het bedrijf zei nee"),
    "jobseeker_declined": _l("De werkzoekende zei nee"),
    "no_fit": _l("Het werk paste toch niet"),
    "personal": _l("Persoonlijke omstandigheden"),
    "business": _l("Het bedrijf stopte (geen werk, reorganisatie)"),
    "other": _l("Andere reden"),
}


class RuleError(Exception):
    """A rule refuses the change; `message` is shown to the user, next to `field` when it is about one field."""

    def __init__(self, message, status=409, field=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when that day does not exist)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- decisions --------------------------------------------------------------------------------------------------


def decide(suggestion: Suggestion, decision: str, reason: str, note: str, by, at: datetime | None = None):
    """Record a staff decision on a suggestion: who, when and why (caller commits)."""
    reasons = {Decision.SHORTLIST: SHORTLIST_REASONS, Decision.REJECT: REJECT_REASONS}.get(decision)
    if reasons is None or reason not in reasons:
        raise RuleError(_l("Kies een besluit en een reden."), status=400)
    claim(suggestion)  # two staff members deciding at once: the second one is refused
    at = at or utcnow()
    suggestion.decision = Decision(decision)
    suggestion.decision_reason = reason
    suggestion.decision_note = (note or "").strip() or None
    suggestion.decided_by_id = by.id if by is not None else None
    suggestion.decided_at = at
    event = audit.record("suggestion.decide", suggestion, jobseeker_id=suggestion.jobseeker_id, actor=by,
                         decision=decision, reason=reason, vacancy_id=suggestion.vacancy_id)
    event.at = at
    return suggestion


# --- proposals --------------------------------------------------------------------------------------------------


def seats_taken(vacancy, exclude_id=None) -> int:
    """Placements holding one of the vacancy's places."""
    return sum(1 for p in vacancy.placements if p.stage in SEAT_STAGES and p.id != exclude_id)


def seats_full(vacancy, exclude_id=None) -> bool:
    """Every place of the vacancy is taken or proposed: nobody more can be proposed."""
    return seats_taken(vacancy, exclude_id) >= max(1, vacancy.seats or 1)


def schedules_overlap(a: dict, b: dict) -> list[tuple[str, str]]:
    """The (day, part-of-day) slots two weekly schedules share."""
    return sorted((day, part) for day, parts in (a or {}).items() for part in parts or () if part in (b or {}).get(day, ()))


def overlapping_placement(jobseeker, vacancy, exclude_id=None):
    """An active placement of this person whose working times overlap the vacancy's, if any."""
    for p in jobseeker.placements:
        if p.id != exclude_id and p.is_active and schedules_overlap(p.vacancy.schedule, vacancy.schedule):
            return p
    return None


def check_can_place(jobseeker, vacancy, exclude_id=None):
    """Refuse a placement over the vacancy's places or at the same time as another active placement."""
    if seats_full(vacancy, exclude_id):
        raise RuleError(_l("Deze vacature heeft al evenveel voorstellen of plaatsingen als plekken."))
    other = overlapping_placement(jobseeker, vacancy, exclude_id)
    if other is not None:
        raise RuleError(_l("Deze persoon werkt of heeft een voorstel op dezelfde tijden (%(title)s).",
                           title=other.vacancy.title))


def claim(row):
    """Optimistic lock on a versioned row (vacancy or jobseeker): bump its version, refusing when someone else
    changed it since we read it. A concurrent proposal then fails instead of both passing the seat check."""
    model = type(row)
    result = db.session.execute(
        update(model).where(model.id == row.id, model.version == row.version).values(version=row.version + 1),
        execution_options={"synchronize_session": "fetch"},
    )
    if result.rowcount != 1:
        raise RuleError(_l("Iemand anders heeft dit net veranderd. Laad de pagina opnieuw en probeer het nog eens."))


def propose(suggestion: Suggestion, by, at: datetime | None = None) -> Placement:
    """Turn a shortlisted suggestion into a proposal to both sides (caller commits).

    The human decision gate: a suggestion nobody reviewed, or that was rejected, is refused.
    """
    if suggestion.decision != Decision.SHORTLIST:
        raise RuleError(_l("Eerst moet een medewerker deze suggestie op de shortlist zetten."))
    for p in suggestion.jobseeker.placements:
        if p.vacancy_id == suggestion.vacancy_id and p.is_active:
            raise RuleError(_l("Deze persoon heeft al een lopend voorstel voor deze vacature."))
    if suggestion.jobseeker.status == JobseekerStatus.PLACED and not suggestion.jobseeker.wants_more_hours:
        raise RuleError(_l("Deze persoon is al aan het werk via de coöperatie en wordt nu niet voorgesteld."))
    check_can_place(suggestion.jobseeker, suggestion.vacancy)
    # Two staff members proposing at the same moment: only the first one's check counts.
    claim(suggestion.vacancy)
    claim(suggestion.jobseeker)
    at = at or utcnow()
    placement = Placement(
        vacancy=suggestion.vacancy, jobseeker=suggestion.jobseeker, suggestion=suggestion, stage=Stage.PROPOSED,
        proposed_by_id=by.id if by is not None else None, created_at=at, updated_at=at,
        hours_per_week=suggestion.vacancy.hours_min, instruments=[],
    )
    db.session.add(placement)
    placement.history.append(PlacementStageChange(from_stage=None, to_stage=Stage.PROPOSED,
                                                  by_user_id=placement.proposed_by_id, at=at))
    db.session.flush()
    event = audit.record("placement.propose", placement, jobseeker_id=placement.jobseeker_id, actor=by,
                         vacancy_id=placement.vacancy_id, suggestion_id=suggestion.id)
    event.at = at
    messages.proposal_made(placement)
    return placement


def contact_shared(placement: Placement) -> bool:
    """Contact details are shared only when both the business and the jobseeker said yes."""
    return placement.business_response == Answer.ACCEPTED and placement.jobseeker_response == Answer.ACCEPTED


def respond(placement: Placement, side: str, accepted: bool, reason: str, by, at: datetime | None = None):
    """The business or the jobseeker says yes or no to an introduction (caller commits)."""
    if placement.stage != Stage.PROPOSED:
        raise RuleError(_l("Op dit voorstel kun je niet meer antwoorden."))
    blocked = holds.cannot_answer(placement, side)  # paused or closed on this side: reopen first
    if blocked is not None:
        raise RuleError(blocked)
    if not accepted and not (reason or "").strip():
        raise RuleError(_l("Schrijf kort waarom niet."), status=400)
    at = at or utcnow()
    answer = Answer.ACCEPTED if accepted else Answer.DECLINED
    setattr(placement, f"{side}_response", answer)
    setattr(placement, f"{side}_reason", (reason or "").strip() or None)
    setattr(placement, f"{side}_responded_at", at)
    event = audit.record("placement.respond", placement, jobseeker_id=placement.jobseeker_id, actor=by,
                         side=side, answer=answer)
    event.at = at
    messages.answered(placement, side, accepted, both_yes=contact_shared(placement))
    if not accepted:
        move(placement, Stage.ENDED, by, reason=f"{side}_declined", note=reason, at=at)
    return placement


# --- the pipeline -----------------------------------------------------------------------------------------------


def move(placement: Placement, to_stage: str, by, *, trial_start=None, trial_end=None, employed_since=None,
         employer_of_record=None, hours_per_week=None, reason=None, note=None, at: datetime | None = None,
         meeting=None, long_trial=False):
    """Move a placement one step along the pipeline, recording who and when (caller commits).

    To kennismaking, `meeting` is (date, time, place): both sides get an invitation (without it, staff plan the
    kennismaking later on the placement page). Ending a placement calls off a kennismaking that is still to come."""
    if to_stage not in NEXT_STAGES.get(placement.stage, ()):
        raise RuleError(_l("Deze stap kan niet vanuit %(stage)s.", stage=placement.stage))
    at = at or utcnow()
    today = at.date()
    if to_stage == Stage.INTRODUCTION and not contact_shared(placement):
        raise RuleError(_l("Eerst moeten het bedrijf en de werkzoekende allebei ja zeggen."))
    if to_stage == Stage.INTRODUCTION and meeting and any(meeting[:2]):
        try:
            meetings.plan(placement, *meeting, by=by, now=at)
        except meetings.MeetingError as error:
            raise RuleError(error.message, status=400) from error
    elif to_stage == Stage.ENDED and placement.meeting_at is not None and placement.meeting_at > at:
        meetings.cancel(placement, by)
    check_dates(placement, to_stage, trial_start, trial_end, employed_since or today, long_trial)
    if to_stage == Stage.TRIAL:
        placement.trial_start, placement.trial_end = trial_start, trial_end
    if to_stage == Stage.EMPLOYED:
        if employer_of_record not in tuple(EmployerOfRecord):
            raise RuleError(_l("Kies wie de werkgever is: het bedrijf of de coöperatie."), status=400)
        placement.employer_of_record = employer_of_record
        placement.employed_since = employed_since or today
    if hours_per_week:
        placement.hours_per_week = hours_per_week
    if to_stage == Stage.ENDED:
        if reason not in END_REASONS:
            raise RuleError(_l("Kies een reden om te stoppen."), status=400)
        placement.outcome, placement.outcome_reason = reason, (note or "").strip() or None
        placement.ended_at = today
    if to_stage == Stage.COMPLETED:
        placement.outcome, placement.ended_at = COMPLETED_OUTCOME, today
    from_stage = placement.stage
    placement.stage = Stage(to_stage)
    placement.updated_at = at
    placement.history.append(PlacementStageChange(from_stage=from_stage, to_stage=to_stage,
                                                  by_user_id=by.id if by is not None else None, at=at,
                                                  note=(note or "").strip() or None))
    plan_follow_ups(placement)
    event = audit.record("placement.stage", placement, jobseeker_id=placement.jobseeker_id, actor=by,
                         from_stage=from_stage, to_stage=to_stage, reason=reason)
    event.at = at
    work_state.follow(placement, from_stage, by)
    if to_stage in WORKING_STAGES:
        messages.work_started(placement)
    return placement


def check_dates(placement, to_stage, trial_start, trial_end, employed_since, long_trial=False):
    """Refuse a trial without dates, ending before it starts or longer than TRIAL_MAX_MONTHS (unless staff confirm
    UWV or the municipality agreed), and a contract that starts before the trial is over."""
    if to_stage == Stage.TRIAL:
        if trial_start is None or trial_end is None:
            raise RuleError(_l("Vul een begin- en einddatum van de proefplaatsing in."), status=400,
                            field="trial_start" if trial_start is None else "trial_end")
        if trial_end < trial_start:
            raise RuleError(_l("De proefplaatsing kan niet eindigen voordat die begint."), status=400,
                            field="trial_end")
        longest = add_months(trial_start, TRIAL_MAX_MONTHS)
        if trial_end > longest and not long_trial:
            raise RuleError(_l("Een proefplaatsing duurt hoogstens 2 maanden: tot en met %(day)s. Langer mag alleen "
                               "als UWV of de gemeente dat goedvindt. Vink dat dan aan.",
                               day=longest.strftime("%d-%m-%Y")), status=400, field="trial_end")
    if to_stage == Stage.EMPLOYED and placement.trial_end and employed_since <= placement.trial_end:
        first = placement.trial_end + timedelta(days=1)
        raise RuleError(_l("In dienst kan pas na de proefplaatsing: op %(day)s of later.",
                           day=first.strftime("%d-%m-%Y")), status=400, field="employed_since")


def follow_up_start(placement: Placement):
    """The day the follow-ups count from: the contract's start, else the end of the trial (whether the person still
    works there is asked after the trial, not during it)."""
    return placement.employed_since or placement.trial_end or placement.trial_start


def plan_follow_ups(placement: Placement) -> None:
    """Plan the 1, 3 and 6 month follow-ups once the person works; when a contract follows a trial, the follow-ups
    not done yet move to count from the contract's start."""
    if placement.stage not in WORKING_STAGES:
        return
    start = follow_up_start(placement)
    if not placement.follow_ups:
        for months in FOLLOW_UP_MONTHS:
            placement.follow_ups.append(FollowUp(months=months, due_on=add_months(start, months)))
        return
    for follow_up in placement.follow_ups:
        if follow_up.done_at is None:
            follow_up.due_on = add_months(start, follow_up.months)


def start_date(placement: Placement):
    """The first working day: the trial's start, else the contract's."""
    return placement.trial_start or placement.employed_since


def due_follow_ups(today: date | None = None):
    """Follow-ups that are due and not done, for placements that did not end early."""
    today = today or utcnow().date()
    return db.session.scalars(
        select(FollowUp).join(Placement)
        .where(FollowUp.done_at.is_(None), FollowUp.due_on <= today, Placement.stage != Stage.ENDED)
        .order_by(FollowUp.due_on, FollowUp.id)
    ).all()


def record_follow_up(follow_up: FollowUp, still_working: bool, note: str, by, at: datetime | None = None):
    """Staff note the check-in: is the person still working there (caller commits)."""
    at = at or utcnow()
    follow_up.done_at = at
    follow_up.done_by_id = by.id if by is not None else None
    follow_up.still_working = bool(still_working)
    follow_up.note = (note or "").strip() or None
    event = audit.record("placement.follow_up", follow_up.placement, jobseeker_id=follow_up.placement.jobseeker_id,
                         actor=by, months=follow_up.months, still_working=bool(still_working))
    event.at = at
    return follow_up
