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


def answered_ids(jobseeker) -> set[int]:
    """Ids of the vacancies this person answered ("Ik heb interesse" or "Niet voor mij"): the profile lists them
    apart, each once."""
    return set(db.session.scalars(select(Suggestion.vacancy_id).where(
        Suggestion.jobseeker_id == jobseeker.id, Suggestion.interest.in_((Interest.YES, Interest.NO)))))


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
    person answered are left out (they are listed apart: "Hier heb je interesse in", "Niet voor jou gemarkeerd")."""
    seen, result, answered = set(), [], answered_ids(jobseeker)
    for vacancy, score in matching_bridge.vacancies_for(jobseeker, top_k=3 * limit):
        key = (vacancy.title.strip().lower(), vacancy.business_id)
        if key not in seen and vacancy.id not in answered:
            seen.add(key)
            result.append((vacancy, score))
    return result[:limit]
