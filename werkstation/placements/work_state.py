"""The state of people and vacancies follows the placements: a person who starts working (proefplaatsing or in
dienst) is "aan het werk" and leaves the queues (unless they say they want more hours: then the hours left are
matched); ending that work makes them available again, and staff hear it. A vacancy whose places are all taken by people at work is "vervuld": its undecided suggestions are closed and it leaves
the plan and the fit counts; a freed place opens it again. Called by `pipeline.move` in the caller's transaction."""

from __future__ import annotations

from .. import audit, matching_bridge
from ..matching_bridge.records import hours_left, looks_for_more_hours
from ..models import utcnow
from ..outbox import events as messages
from ..vocabulary import PLACED_STAGES, PROPOSAL_STAGES, WORKING_STAGES, JobseekerStatus, Stage, VacancyStatus
from . import holds


def places_taken(vacancy) -> int:
    """The vacancy's places held by someone who works there (or whose placement there ran its course)."""
    return sum(1 for p in vacancy.placements if p.stage in PLACED_STAGES)


def is_at_work(jobseeker, exclude_id=None) -> bool:
    """Whether the person works somewhere through the cooperative (a running trial or contract)."""
    return any(p.stage in WORKING_STAGES and p.id != exclude_id for p in jobseeker.placements)


def follow_vacancy(vacancy, by=None) -> bool:
    """Mark an open vacancy "vervuld" when all its places are taken, and open a filled one again when a place is
    free; its undecided suggestions go or come back with it. True when its status changed (caller commits)."""
    full = places_taken(vacancy) >= max(1, vacancy.seats or 1)
    old = vacancy.status
    if old == VacancyStatus.OPEN and full:
        vacancy.status = VacancyStatus.FILLED
    elif old == VacancyStatus.FILLED and not full:
        vacancy.status = VacancyStatus.OPEN
    else:
        return False
    closed = len([s for s in vacancy.suggestions if s.unreviewed]) if vacancy.status == VacancyStatus.FILLED else 0
    audit.record("vacancy.status", vacancy, actor=by, from_status=old, to_status=vacancy.status,
                 reason="places_taken" if vacancy.status == VacancyStatus.FILLED else "place_freed",
                 suggestions_closed=closed)
    matching_bridge.rescore(vacancy)
    return True


def follow_person(placement, from_stage, by=None) -> bool:
    """Mark the person "aan het werk" when this placement starts working, "beschikbaar" again when it ends and
    they work nowhere else (staff get a message). True when their status changed (caller commits)."""
    person = placement.jobseeker
    old = person.status
    if placement.stage in WORKING_STAGES and old == JobseekerStatus.AVAILABLE:
        person.status = JobseekerStatus.PLACED
        person.wants_more_hours = False
        flag_running_proposals(person, by)  # their proposals elsewhere stand still: staff hear it
    elif (placement.stage == Stage.ENDED and from_stage in (*WORKING_STAGES, Stage.COMPLETED)
          and old == JobseekerStatus.PLACED and not is_at_work(person, exclude_id=placement.id)):
        person.status = JobseekerStatus.AVAILABLE
        person.wants_more_hours = False
        messages.work_ended(placement)
    else:
        follow_more_hours(placement, from_stage, by)
        return False
    audit.record("jobseeker.status", person, jobseeker_id=person.id, actor=by, from_status=old,
                 to_status=person.status, placement_id=placement.id)
    matching_bridge.rescore(person)
    return True


def follow_more_hours(placement, from_stage, by=None) -> None:
    """Someone at work who wants more hours, whose hours at work changed: the hours left are matched again; when
    none are left they are no longer looking (caller commits)."""
    person = placement.jobseeker
    if not ((placement.stage in WORKING_STAGES or from_stage in WORKING_STAGES) and looks_for_more_hours(person)):
        return
    person.updated_at = utcnow()  # the matching record changes with the hours at work
    if hours_left(person) == 0:
        person.wants_more_hours = False
        audit.record("jobseeker.more_hours", person, jobseeker_id=person.id, actor=by, wants_more_hours=False,
                     placement_id=placement.id)
    matching_bridge.rescore(person)


def follow(placement, from_stage, by=None) -> None:
    """After a placement moved: the person's and the vacancy's status follow (caller commits)."""
    follow_person(placement, from_stage, by)
    follow_vacancy(placement.vacancy, by)


def flag_running_proposals(row, by=None) -> list:
    """After a profile was paused or a vacancy paused or closed: every running proposal of it (voorgesteld or
    kennismaking) is flagged. Staff get a message with what to do, the other side is told in plain words; nothing
    is ended by itself. Returns the flagged placements (caller commits)."""
    flagged = []
    for placement in row.placements:
        hold = holds.on_hold(placement)
        if placement.stage not in PROPOSAL_STAGES or hold is None:
            continue
        messages.proposal_on_hold(placement, hold, holds.caused_by(hold))
        audit.record("placement.on_hold", placement, jobseeker_id=placement.jobseeker_id, actor=by, hold=hold,
                     vacancy_id=placement.vacancy_id)
        flagged.append(placement)
    return flagged
