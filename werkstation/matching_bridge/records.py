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


def _hours(row):
    hours = {}
    if row.hours_min is not None:
        hours["min"] = row.hours_min
    if row.hours_max is not None:
        hours["max"] = row.hours_max
    return hours


def candidate_record(jobseeker: Jobseeker) -> Candidate:
    """The matching record of a jobseeker: only what matching may use."""
    data = {
        "id": str(jobseeker.id),
        "talents": list(jobseeker.talents or []),
        "about": jobseeker.about or "",
        "availability": dict(jobseeker.availability or {}),
        "languages": dict(jobseeker.languages or {}),
        "licences": list(jobseeker.licences or []),
        "certificates": list(jobseeker.certificates or []),
    }
    if jobseeker.postcode:
        data["postcode"] = jobseeker.postcode
    if _hours(jobseeker):
        data["hours_per_week"] = _hours(jobseeker)
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
    """People who consented, are available and not erased."""
    return db.session.scalars(select(Jobseeker).where(Jobseeker.matchable).order_by(Jobseeker.id)).all()


def open_vacancies():
    """Every open vacancy, oldest first."""
    return db.session.scalars(select(Vacancy).where(Vacancy.matchable).order_by(Vacancy.id)).all()
