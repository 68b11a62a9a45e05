"""The jobseeker's profile: view, change, pause, download everything, delete; staff see and change any profile."""

import json

import pytest
from sqlalchemy import func, select

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import checked, form_state
from werkstation.extensions import db
from werkstation.models import (
    AuditEvent,
    Jobseeker,
    Placement,
    PlacementStageChange,
    Suggestion,
    User,
)


def state_of(client, url):
    return form_state(client.get(url))


def post_with_state(client, url, data, state_url=None):
    return client.post(url, data={**state_of(client, state_url or url), **data})


@pytest.fixture
def jobseeker(app):
    return make_jobseeker(name="Amina", about="Ik kook graag voor veel mensen.")


@pytest.fixture
def seeker(client, jobseeker):
    login(client, jobseeker.user)
    return client


def test_profile_shows_answers_and_fitting_vacancies_but_no_other_people(seeker, jobseeker):
    vacancy = make_vacancy(title="Schoonmaker kantoren", business=make_business(name="Glans BV"), name_visible=True)
    other = make_jobseeker(name="Iemand Anders")
    html = seeker.get("/profiel").get_data(as_text=True)
    assert "Amina" in html and "Ik kook graag voor veel mensen." in html
    assert "Schoonmaken" in html  # talents in everyday words
    assert "Schoonmaker kantoren" in html and "Glans BV" in html
    assert other.name not in html
    assert vacancy.description not in html  # titles and businesses only


def test_work_typed_in_own_words_when_changing_the_profile_is_added_to_over_jou(seeker, jobseeker):
    typed = "qqqxxzzvv op de markt"
    response = post_with_state(seeker, "/profiel/wijzigen/werk", {"other_work": typed})
    assert response.status_code == 302
    db.session.refresh(jobseeker)
    assert jobseeker.about == f"Ik kook graag voor veel mensen.\n{typed}"
    post_with_state(seeker, "/profiel/wijzigen/werk", {"other_work": typed})
    db.session.refresh(jobseeker)
    assert jobseeker.about.count(typed) == 1  # said twice, kept once


def test_change_a_step_rescores_and_is_logged(seeker, jobseeker):
    make_vacancy(title="Kok", required_talents=["bereiden van voedsel en dranken"], preferred_talents=[])
    html = seeker.get("/profiel/wijzigen/talenten").get_data(as_text=True)
    assert "schoonmaken" in checked(html, "talents")
    response = post_with_state(seeker, "/profiel/wijzigen/talenten", {"talents": ["bereiden van voedsel en dranken"]})
    assert response.status_code == 302
    db.session.refresh(jobseeker)
    assert jobseeker.talents == ["bereiden van voedsel en dranken"]
    assert db.session.scalar(select(func.count()).select_from(Suggestion).where(Suggestion.jobseeker_id == jobseeker.id)) >= 1
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobseeker.update"))
    assert event.details["step"] == "talenten" and event.details["fields"] == ["talents"]


def test_change_keeps_input_on_error_and_stores_nothing(seeker, jobseeker):
    response = post_with_state(seeker, "/profiel/wijzigen/uren", {"hours_min": "50", "hours_max": "10", "availability": ["sat:night"]})
    html = response.get_data(as_text=True)
    assert "Het maximum moet even groot of groter zijn dan het minimum." in html
    assert 'value="50"' in html
    db.session.refresh(jobseeker)
    assert (jobseeker.hours_min, jobseeker.hours_max) == (8, 24)


def test_concurrent_profile_change_is_refused(seeker, jobseeker):
    state = state_of(seeker, "/profiel/wijzigen/over-jou")
    jobseeker.phone = "06 99999999"
    db.session.commit()
    response = seeker.post("/profiel/wijzigen/over-jou", data={**state, "name": "Amina B.", "phone": "", "about": ""})
    assert "Iemand anders heeft dit net veranderd" in response.get_data(as_text=True)
    db.session.refresh(jobseeker)
    assert jobseeker.name == "Amina"


def test_pause_and_resume(seeker, jobseeker):
    make_vacancy()
    url = "/profiel"
    post_with_state(seeker, "/profiel/status", {"action": "pause"}, state_url=url)
    db.session.refresh(jobseeker)
    assert jobseeker.status == "paused"
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) == 0
    assert "op pauze" in seeker.get(url).get_data(as_text=True)
    post_with_state(seeker, "/profiel/status", {"action": "resume"}, state_url=url)
    db.session.refresh(jobseeker)
    assert jobseeker.status == "available"
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) >= 1
    post_with_state(seeker, "/profiel/status", {"action": "promote"}, state_url=url)
    db.session.refresh(jobseeker)
    assert jobseeker.status == "available"


def make_history(jobseeker):
    """A suggestion with an explanation, a placement with history, and a staff view of the profile."""
    vacancy = make_vacancy(title="Schoonmaker kantoren")
    staff = make_user(role="staff")
    suggestion = Suggestion(
        vacancy=vacancy, jobseeker=jobseeker, score=0.8, eligible=True, model_version="default",
        explanation={"score": 0.8, "eligible": True, "reasons": [], "parts": [{"feature": "talents", "contribution": 0.3, "detail": "heeft alle talenten"}]},
        decision="shortlist", decided_by_id=staff.id, decision_note="Belt graag in de ochtend",
    )
    db.session.add(suggestion)
    placement = Placement(vacancy=vacancy, jobseeker=jobseeker, stage="kennismaking", proposed_by_id=staff.id, jobseeker_reason="Past goed bij school")
    placement.history.append(PlacementStageChange(from_stage="voorgesteld", to_stage="kennismaking", by_user_id=staff.id, note="Afspraak dinsdag"))
    db.session.add(placement)
    db.session.commit()
    return staff, vacancy


def test_download_contains_everything_about_the_person(client, jobseeker):
    staff, vacancy = make_history(jobseeker)
    login(client, staff)
    client.get(f"/werkzoekenden/{jobseeker.id}")  # staff viewed the profile
    client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/dashboard")})
    login(client, jobseeker.user)
    response = client.get("/profiel/download")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["name"] == "Amina"
    assert data["profile"]["postcode"] == "3526 KL"
    assert data["account"]["email"] == jobseeker.user.email
    assert "password_hash" not in json.dumps(data) and "session_token" not in json.dumps(data)
    [suggestion] = data["suggestions"]
    assert suggestion["vacancy"]["title"] == "Schoonmaker kantoren"
    assert suggestion["explanation"]["parts"][0]["detail"] == "heeft alle talenten"
    [placement] = data["placements"]
    assert placement["stage"] == "kennismaking"
    assert placement["history"][0]["to"] == "kennismaking" and placement["history"][0]["note"] == "Afspraak dinsdag"
    assert any(v["action"] == "jobseeker.view" and v["by_role"] == "staff" for v in data["profile_views"])
    assert any(e["action"] == "user.login" for e in data["audit_events"])


def test_delete_account_erases_personal_data_and_keeps_an_anonymous_stub(client, jobseeker):
    make_history(jobseeker)
    undecided_vacancy = make_vacancy(title="Tweede vacature")
    db.session.add(Suggestion(vacancy=undecided_vacancy, jobseeker=jobseeker, score=0.5, model_version="default"))
    db.session.commit()
    user_id = jobseeker.user_id
    login(client, jobseeker.user)
    html = client.get("/profiel/verwijderen").get_data(as_text=True)
    assert "niet ongedaan maken" in html
    # Without the tick nothing happens.
    response = client.post("/profiel/verwijderen", data={"csrf_token": csrf_token(client, "/profiel/verwijderen")})
    assert "Vink het vakje aan" in response.get_data(as_text=True)
    assert db.session.get(User, user_id) is not None
    response = client.post("/profiel/verwijderen", data={"csrf_token": csrf_token(client, "/profiel/verwijderen"), "confirm": "y"})
    assert response.status_code == 302
    stub = db.session.get(Jobseeker, jobseeker.id)
    assert stub.status == "erased" and stub.erased_at is not None
    assert stub.name is None and stub.phone is None and stub.email is None and stub.about == ""
    assert stub.postcode == "3526"
    assert stub.user_id is None and db.session.get(User, user_id) is None
    assert stub.talents == [] and stub.availability == {}
    suggestions = db.session.scalars(select(Suggestion).where(Suggestion.jobseeker_id == jobseeker.id)).all()
    assert [s.decision for s in suggestions] == ["shortlist"]  # undecided ones are gone
    assert suggestions[0].decision_note is None
    placement = db.session.scalar(select(Placement))
    assert placement.stage == "kennismaking" and placement.jobseeker_reason is None
    assert placement.history[0].note is None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobseeker.erase")) is not None
    # Logged out, and the old login no longer works.
    assert client.get("/profiel").status_code == 302
    assert "Amina" not in json.dumps([s.explanation for s in suggestions])


def test_staff_can_view_change_and_delete_any_profile_with_audit(client, jobseeker):
    staff = make_user(role="staff")
    login(client, staff)
    html = client.get(f"/werkzoekenden/{jobseeker.id}").get_data(as_text=True)
    assert "Profiel van Amina" in html
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobseeker.view", AuditEvent.actor_id == staff.id))
    html = client.get(f"/werkzoekenden/{jobseeker.id}/wijzigen/reizen").get_data(as_text=True)
    assert "Dit komt in het logboek" in html
    response = post_with_state(client, f"/werkzoekenden/{jobseeker.id}/wijzigen/reizen",
                               {"postcode": "3525 ab", "travel_mode": "walk", "max_travel_minutes": "15"})
    assert response.status_code == 302
    db.session.refresh(jobseeker)
    assert (jobseeker.postcode, jobseeker.travel_mode, jobseeker.max_travel_minutes) == ("3525 AB", "walk", 15)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobseeker.update"))
    assert event.actor_id == staff.id and event.details["on_behalf"] is True and event.jobseeker_id == jobseeker.id
    response = client.post(f"/werkzoekenden/{jobseeker.id}/verwijderen",
                           data={"csrf_token": csrf_token(client, f"/werkzoekenden/{jobseeker.id}/verwijderen"), "confirm": "y"})
    assert response.status_code == 302
    db.session.refresh(jobseeker)
    assert jobseeker.status == "erased"
    assert client.get(f"/werkzoekenden/{jobseeker.id}").status_code == 404


@pytest.mark.parametrize("path", ["", "/wijzigen/talenten", "/download", "/verwijderen"])
def test_a_jobseeker_cannot_open_another_profile(seeker, path):
    other = make_jobseeker(name="Iemand Anders")
    response = seeker.get(f"/werkzoekenden/{other.id}{path}")
    assert response.status_code == 404
    assert "Iemand Anders" not in response.get_data(as_text=True)


def test_a_jobseeker_cannot_change_another_profile(seeker):
    other = make_jobseeker(name="Iemand Anders")
    token = csrf_token(seeker, "/profiel")
    for url, data in [
        (f"/werkzoekenden/{other.id}/wijzigen/over-jou", {"name": "Gekaapt"}),
        (f"/werkzoekenden/{other.id}/status", {"action": "pause"}),
        (f"/werkzoekenden/{other.id}/verwijderen", {"confirm": "y"}),
    ]:
        assert seeker.post(url, data={**data, "csrf_token": token}).status_code == 404
    db.session.refresh(other)
    assert other.name == "Iemand Anders" and other.status == "available"


def test_a_business_cannot_open_profiles(client, jobseeker):
    login(client, make_business().users[0])
    assert client.get(f"/werkzoekenden/{jobseeker.id}").status_code in (403, 404)
    assert client.get("/profiel").status_code in (403, 404)


def test_profile_without_intake_leads_to_the_intake(client):
    login(client, make_user(role="jobseeker"))
    assert client.get("/profiel").headers["Location"].endswith("/intake")


def test_pausing_a_profile_someone_just_changed_is_refused_politely(seeker, jobseeker):
    state = state_of(seeker, "/profiel")
    jobseeker.about = "Door een medewerker aangepast."
    db.session.commit()
    response = seeker.post("/profiel/status", data={**state, "action": "pause"})
    assert response.status_code == 302
    assert "Iemand anders heeft dit net veranderd" in seeker.get("/profiel").get_data(as_text=True)
    db.session.refresh(jobseeker)
    assert jobseeker.status == "available"


def test_the_overview_says_the_status_in_its_own_sentence_not_glued_to_the_last_one(seeker, jobseeker):
    from tests.html import page

    doc = page(seeker.get("/dashboard").get_data(as_text=True))
    lines = [p.get_text(" ", strip=True) for p in doc.select("main p")]
    assert "Je profiel staat klaar." in lines  # a sentence of its own ("... klaar. beschikbaar" read as one)
    assert "Zo sta je nu: beschikbaar" in lines
