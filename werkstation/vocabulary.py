"""The words of the domain in one place: roles, statuses, stages, decisions and answers, with their Dutch words.

Each enumeration is a `StrEnum`: a member is stored in the database as its value (the same strings as always),
compares equal to that string and is what code reads and writes. English words come from the translation catalog.
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    BUSINESS = "business"
    JOBSEEKER = "jobseeker"
    STAFF = "staff"
    ADMIN = "admin"


ROLES = tuple(Role)
STAFF_ROLES = (Role.STAFF, Role.ADMIN)


class VacancyStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    FILLED = "filled"
    CLOSED = "closed"


class JobseekerStatus(enum.StrEnum):
    AVAILABLE = "available"
    PAUSED = "paused"
    PLACED = "placed"
    ERASED = "erased"


class Decision(enum.StrEnum):
    """A staff member's decision on a suggestion."""

    SHORTLIST = "shortlist"
    REJECT = "reject"


class Stage(enum.StrEnum):
    """Where a placement is: voorgesteld -> kennismaking -> proefplaatsing -> in dienst -> afgerond, or beëindigd."""

    PROPOSED = "voorgesteld"
    INTRODUCTION = "kennismaking"
    TRIAL = "proefplaatsing"
    EMPLOYED = "in_dienst"
    COMPLETED = "afgerond"
    ENDED = "beeindigd"


class Answer(enum.StrEnum):
    """A business's or a jobseeker's answer to a proposal."""

    ACCEPTED = "accepted"
    DECLINED = "declined"


class EmployerOfRecord(enum.StrEnum):
    BUSINESS = "business"
    COOPERATIVE = "cooperative"


# Stages that are still running (the person holds a proposal or works there).
ACTIVE_STAGES = (Stage.PROPOSED, Stage.INTRODUCTION, Stage.TRIAL, Stage.EMPLOYED)
# A vacancy's places are taken by proposals still running and by placements that worked out.
SEAT_STAGES = (*ACTIVE_STAGES, Stage.COMPLETED)
# The person works there (follow-ups are planned from the first working day).
WORKING_STAGES = (Stage.TRIAL, Stage.EMPLOYED)
# The person was actually placed: a positive outcome whatever the earlier decision.
PLACED_STAGES = (Stage.TRIAL, Stage.EMPLOYED, Stage.COMPLETED)
# The outcome of a placement that ran its course (an ended one keeps its end reason as outcome).
COMPLETED_OUTCOME = "completed"

STATUS_WORDS = {
    VacancyStatus.DRAFT: _l("concept"), VacancyStatus.OPEN: _l("open"), VacancyStatus.PAUSED: _l("gepauzeerd"),
    VacancyStatus.FILLED: _l("vervuld"), VacancyStatus.CLOSED: _l("gesloten"),
    JobseekerStatus.AVAILABLE: _l("beschikbaar"), JobseekerStatus.PLACED: _l("aan het werk"),
    JobseekerStatus.ERASED: _l("gewist"),
    Stage.PROPOSED: _l("voorgesteld"), Stage.INTRODUCTION: _l("kennismaking"), Stage.TRIAL: _l("proefplaatsing"),
    Stage.EMPLOYED: _l("in dienst"), Stage.COMPLETED: _l("afgerond"), Stage.ENDED: _l("beëindigd"),
    Decision.SHORTLIST: _l("op de shortlist"), Decision.REJECT: _l("afgewezen"),
    Answer.ACCEPTED: _l("ja"), Answer.DECLINED: _l("nee"),
}


def status_label(status):
    """The Dutch (or English) word for a status, stage, decision or answer (the code itself when unknown)."""
    return STATUS_WORDS.get(status, status)
