"""Shared set-up for the staff workspace tests: a scored vacancy, people, decisions and proposals."""

from sqlalchemy import select

from tests.factories import make_jobseeker, make_user, make_vacancy
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Suggestion
from werkstation.placements import pipeline


def scored(vacancy=None, people=1, **person):
    """A vacancy with `people` fitting jobseekers and their stored suggestions."""
    vacancy = vacancy or make_vacancy()
    persons = [make_jobseeker(**person) for _ in range(people)]
    matching_bridge.rescore(vacancy)
    db.session.commit()
    return vacancy, persons


def suggestion_of(vacancy, person):
    return db.session.scalar(
        select(Suggestion).where(Suggestion.vacancy_id == vacancy.id, Suggestion.jobseeker_id == person.id)
    )


def shortlisted(vacancy, person, staff=None):
    staff = staff or make_user("staff")
    row = matching_bridge.suggestion_for(vacancy, person)
    db.session.flush()
    pipeline.decide(row, "shortlist", "good_fit", "", staff)
    db.session.commit()
    return row


def proposed(vacancy, person, staff=None):
    staff = staff or make_user("staff")
    row = shortlisted(vacancy, person, staff)
    placement = pipeline.propose(row, staff)
    db.session.commit()
    return placement
