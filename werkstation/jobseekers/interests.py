"""What a resident said about fitting vacancies: a vacancy marked "Niet voor mij" leaves their list of fitting
vacancies and is shown apart, with "Toch interesse" to undo it (a small form that posts the answer "interested" to
the vacancy's own page, so the same rules and the same save path apply)."""

from __future__ import annotations

from sqlalchemy import select

from .. import matching_bridge
from ..extensions import db
from ..models import Suggestion, Vacancy
from ..persistence import OnceOnlyForm
from ..vocabulary import Interest, VacancyStatus


def declined_ids(jobseeker) -> set[int]:
    """Ids of the vacancies this person marked "Niet voor mij"."""
    return set(db.session.scalars(select(Suggestion.vacancy_id).where(
        Suggestion.jobseeker_id == jobseeker.id, Suggestion.interest == Interest.NO)))


def declined_vacancies(jobseeker) -> list:
    """[(Vacancy, undo form)]: the open vacancies that still fit and this person marked "Niet voor mij", newest
    answer first; each with its own one-time form for "Toch interesse"."""
    rows = db.session.scalars(
        select(Suggestion).join(Vacancy)
        .where(Suggestion.jobseeker_id == jobseeker.id, Suggestion.interest == Interest.NO, Suggestion.eligible,
               Vacancy.status == VacancyStatus.OPEN)
        .order_by(Suggestion.interest_at.desc(), Suggestion.id.desc())
    ).all()
    return [(s.vacancy, OnceOnlyForm(formdata=None)) for s in rows]


def interested_vacancies(jobseeker) -> list:
    """The open vacancies this person said "Ik heb interesse" to, newest answer first: the profile lists them, so
    they can see what they asked for (and change their answer on the vacancy's page)."""
    return db.session.scalars(
        select(Vacancy).join(Suggestion, Suggestion.vacancy_id == Vacancy.id)
        .where(Suggestion.jobseeker_id == jobseeker.id, Suggestion.interest == Interest.YES,
               Vacancy.status == VacancyStatus.OPEN)
        .order_by(Suggestion.interest_at.desc(), Suggestion.id.desc())
    ).all()


def fitting_vacancies(jobseeker, limit=10):
    """Open vacancies that fit, one line per kind of work at a business (titles and businesses only); the ones the
    person marked "Niet voor mij" are left out."""
    seen, result, declined = set(), [], declined_ids(jobseeker)
    for vacancy, score in matching_bridge.vacancies_for(jobseeker, top_k=3 * limit):
        key = (vacancy.title.strip().lower(), vacancy.business_id)
        if key not in seen and vacancy.id not in declined:
            seen.add(key)
            result.append((vacancy, score))
    return result[:limit]
