"""Statuses, stages, decisions and answers: one enumeration each, stored as the same plain words, each with a
Dutch word on the page and an English one in the English interface."""

import pytest
from flask_babel import force_locale
from sqlalchemy import select, text

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token
from tests.html import checked, options, selected
from werkstation.extensions import db
from werkstation.vocabulary import (
    LANGUAGE_CODES,
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


def test_every_licence_certificate_travel_mode_and_level_a_form_offers_has_words():
    from werkstation import vocabulary as v

    assert set(v.LICENCE_LABELS) == set(v.LICENCES) == {code for code, _ in v.licence_choices()}
    assert set(v.CERTIFICATE_LABELS) == set(v.CERTIFICATES) == {code for code, _ in v.certificate_choices()}
    assert set(v.TRAVEL_MODE_LABELS) == set(v.TRAVEL_MODES)
    for words in (v.DUTCH_LEVEL_WORDS, v.REQUIRED_LEVEL_WORDS, v.OTHER_LEVEL_WORDS):
        assert set(words) == {v.form_level(level) for level in v.CEFR_LEVELS}


def test_a_stored_c2_is_shown_and_offered_as_fluent(client):
    from tests.helpers import login

    person = make_jobseeker(languages={"nl": "C2", "ar": "C2"})
    login(client, person.user)
    html = client.get("/profiel").get_data(as_text=True)
    assert "Ik spreek en schrijf vloeiend Nederlands" in html and "Arabisch (vloeiend)" in html
    form = client.get("/profiel/wijzigen/talen").get_data(as_text=True)
    assert checked(form, "dutch") == {"C1"} and selected(form, "level_1") == "C1"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_a_form_offers_has_a_name_in_every_interface_language(app, code):
    from werkstation.engine import LANGUAGE_NAMES

    names = LANGUAGE_NAMES.get(code, {})
    assert all(names.get(language) for language in app.config["LANGUAGES"]), (code, names)


def test_forms_explanations_and_the_engine_name_a_language_alike(client):
    from tests.helpers import login
    from werkstation import matching_bridge
    from werkstation.models import Suggestion

    vacancy = make_vacancy(languages={"nl": "A2", "ku": "B1"})
    person = make_jobseeker(languages={"nl": "B1", "ku": "A2"})
    matching_bridge.rescore(vacancy)
    db.session.commit()
    staff = make_user("staff")
    login(client, staff)
    row = db.session.scalar(select(Suggestion).where(Suggestion.jobseeker_id == person.id))
    dutch = client.get(f"/medewerker/suggesties/{row.id}?lang=nl").get_data(as_text=True)
    english = client.get(f"/medewerker/suggesties/{row.id}?lang=en").get_data(as_text=True)
    assert "Koerdisch onder B1" in dutch and "Kurdish below B1" in english

    client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/dashboard")})
    login(client, person.user)
    assert "Koerdisch" in options(client.get("/profiel/wijzigen/talen?lang=nl"), "language_1")
    assert "Kurdish" in options(client.get("/profiel/wijzigen/talen?lang=en"), "language_1")
