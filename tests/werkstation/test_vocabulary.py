"""Statuses, stages, decisions and answers: one enumeration each, stored as the same plain words, each with a
Dutch word on the page and an English one in the English interface."""

import pytest
from flask_babel import force_locale
from sqlalchemy import text

from tests.factories import make_jobseeker, make_vacancy
from werkstation.extensions import db
from werkstation.vocabulary import (
    Answer,
    Decision,
    JobseekerStatus,
    Stage,
    VacancyStatus,
    status_label,
)

SHOWN = [*VacancyStatus, *JobseekerStatus, *Stage, *Decision, *Answer]


@pytest.mark.parametrize("member", SHOWN, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_status_has_a_dutch_and_an_english_word(app, member):
    with app.test_request_context():
        with force_locale("nl"):
            dutch = str(status_label(member))
        with force_locale("en"):
            english = str(status_label(member))
    assert dutch and english != member.name
    assert english != dutch or dutch == "open"  # "open" is the same word in both languages


def test_a_stored_status_is_the_plain_word_and_reads_back_as_its_member(app):
    vacancy = make_vacancy(status=VacancyStatus.PAUSED)
    person = make_jobseeker(status=JobseekerStatus.AVAILABLE)
    stored = db.session.execute(text("SELECT status FROM vacancy WHERE id = :id"), {"id": vacancy.id}).scalar_one()
    assert stored == "paused" and type(stored) is str
    db.session.expire_all()
    assert VacancyStatus(db.session.get(type(vacancy), vacancy.id).status) is VacancyStatus.PAUSED
    assert db.session.get(type(person), person.id).status == JobseekerStatus.AVAILABLE == "available"
