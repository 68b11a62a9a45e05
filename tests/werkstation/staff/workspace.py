"""Shared set-up for the staff workspace tests: a scored vacancy, people, decisions and proposals."""

from sqlalchemy import select

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Suggestion, User
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


def business_user(vacancy):
    """The (first) account of the vacancy's business."""
    return db.session.scalar(select(User).where(User.business_id == vacancy.business_id))


def answer(client, placement, yes, reason=""):
    """The business or resident answers a proposal through its page."""
    url = f"/plaatsingen/{placement.id}"
    return client.post(url, data={"csrf_token": csrf_token(client, url), "answer": "yes" if yes else "no",
                                  "reason": reason})
