"""ORM rows -> matching records: only the fields matching may use, from an explicit list.

Protected attributes never cross: nothing here reads the fairness monitor's table or any field not named below.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from sqlalchemy import select

from ..engine import Candidate, VacancyRecord, occupations_in_own_words
from ..extensions import db
from ..models import Jobseeker, Vacancy
from ..vocabulary import WORKING_STAGES, JobseekerStatus


def _hours(row):
    hours = {}
    if row.hours_min is not None:
        hours["min"] = row.hours_min
    if row.hours_max is not None:
        hours["max"] = row.hours_max
    return hours


def looks_for_more_hours(jobseeker) -> bool:
    """At work through the cooperative and said they want more hours."""
    return jobseeker.status == JobseekerStatus.PLACED and bool(jobseeker.wants_more_hours)


def working_placements(jobseeker) -> list:
    """The person's running trials and contracts."""
    return [p for p in jobseeker.placements if p.stage in WORKING_STAGES]


def hours_at_work(jobseeker) -> int:
    """Hours a week the person works through the cooperative now (the placement's hours, else the vacancy's)."""
    return sum(p.hours_per_week or p.vacancy.hours_min or 0 for p in working_placements(jobseeker))


def hours_left(jobseeker) -> int | None:
    """For someone looking for more hours: the hours a week still free up to their maximum (None: no maximum)."""
    if jobseeker.hours_max is None:
        return None
    return max(0, jobseeker.hours_max - hours_at_work(jobseeker))


def _hours_wanted(jobseeker) -> dict:
    """The hours matching counts: all of them, or for someone at work who wants more, only what is left (and the
    days and parts of the day they work already are not free)."""
    hours = _hours(jobseeker)
    if not looks_for_more_hours(jobseeker):
        return hours
    worked, left = hours_at_work(jobseeker), {}
    if hours.get("min", 0) > worked:
        left["min"] = hours["min"] - worked
    if "max" in hours:
        left["max"] = max(0, hours["max"] - worked)
    return left


def _free_times(jobseeker) -> dict:
    """The person's available times, without those a running trial or contract takes (when any are left)."""
    availability = {day: list(parts) for day, parts in (jobseeker.availability or {}).items()}
    if not looks_for_more_hours(jobseeker):
        return availability
    taken = {(day, part) for p in working_placements(jobseeker)
             for day, parts in (p.vacancy.schedule or {}).items() for part in parts or ()}
    free = {day: [part for part in parts if (day, part) not in taken] for day, parts in availability.items()}
    free = {day: parts for day, parts in free.items() if parts}
    return free or availability


def candidate_record(jobseeker: Jobseeker) -> Candidate:
    """The matching record of a jobseeker: only what matching may use."""
    data = {
        "id": str(jobseeker.id),
        "talents": list(jobseeker.talents or []),
        "about": jobseeker.about or "",
        "availability": _free_times(jobseeker),
        "languages": dict(jobseeker.languages or {}),
        "licences": list(jobseeker.licences or []),
        "certificates": list(jobseeker.certificates or []),
    }
    if jobseeker.postcode:
        data["postcode"] = jobseeker.postcode
    if _hours_wanted(jobseeker):
        data["hours_per_week"] = _hours_wanted(jobseeker)
    if jobseeker.max_travel_minutes is not None:
        data["max_travel_minutes"] = jobseeker.max_travel_minutes
    if jobseeker.travel_mode:
        data["travel_mode"] = jobseeker.travel_mode
    done = [str(x) for x in jobseeker.occupations or []]
    described = own_words_occupations(jobseeker.about or "")
    if jobseeker.wanted_occupations is None:  # an older profile: one answer for work done or wanted
        return replace(Candidate.from_dict(data | {"occupations": done}), occupations_described=described)
    wanted = [str(x) for x in jobseeker.wanted_occupations]
    return replace(Candidate.from_dict(data), occupations_done=tuple(done), occupations_wanted=tuple(wanted),
                   occupations_described=described)


@lru_cache(maxsize=4096)
def own_words_occupations(about: str) -> tuple[str, ...]:
    """The occupations a person's own words mean ("ervaring in een magazijn": magazijnmedewerker), by meaning."""
    return occupations_in_own_words([about])[0] if about.strip() else ()


def vacancy_record(vacancy: Vacancy) -> VacancyRecord:
    """The matching record of a vacancy."""
    data = {
        "id": str(vacancy.id),
        "title": vacancy.title or "",
        "description": vacancy.description or "",
        "postcode": vacancy.postcode,
        "seats": max(1, vacancy.seats or 1),
        "hours_per_week": _hours(vacancy),
        "schedule": dict(vacancy.schedule or {}),
        "required_talents": list(vacancy.required_talents or []),
        "preferred_talents": list(vacancy.preferred_talents or []),
        "languages": dict(vacancy.languages or {}),
        "licences": list(vacancy.licences or []),
        "certificates": list(vacancy.certificates or []),
    }
    if vacancy.occupation_uri or vacancy.title:
        data["occupation"] = vacancy.occupation_uri or vacancy.title
    return VacancyRecord.from_dict(data)


def matchable_jobseekers():
    """People who consented, are available (or at work and want more hours) and not erased."""
    return db.session.scalars(select(Jobseeker).where(Jobseeker.matchable).order_by(Jobseeker.id)).all()


def open_vacancies():
    """Every open vacancy, oldest first."""
    return db.session.scalars(select(Vacancy).where(Vacancy.matchable).order_by(Vacancy.id)).all()
