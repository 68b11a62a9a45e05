"""A resident opens a fitting vacancy and says "Ik heb interesse" or "Niet voor mij"; staff see it in the queue.
Nothing contacts the business: no proposal, no message."""

from sqlalchemy import select

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import form_state, text
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Placement, Suggestion
from werkstation.outbox.models import Message


def answer(client, vacancy, choice, reason=""):
    page = f"/profiel/vacatures/{vacancy.id}"
    return client.post(page, data={**form_state(client.get(page)), "answer": choice, "reason": reason})


def row_of(vacancy, person):
    return db.session.scalar(select(Suggestion).where(Suggestion.vacancy_id == vacancy.id,
                                                      Suggestion.jobseeker_id == person.id))


def test_a_resident_opens_a_fitting_vacancy_and_says_they_are_interested(app, client):
    vacancy = make_vacancy(title="Schoonmaker kantoren", hours_min=16, hours_max=16)
    person = make_jobseeker()
    matching_bridge.rescore(vacancy)
    db.session.commit()
    login(client, person.user)
    profile = client.get("/profiel").get_data(as_text=True)
    assert f"/profiel/vacatures/{vacancy.id}" in profile
    page = text(client.get(f"/profiel/vacatures/{vacancy.id}").get_data(as_text=True))
    assert "Schoonmaker kantoren" in page and "16 uur" in page and "Schoonmaak" in page
    # Her own travel mode (bike), the same minutes the engine scores and staff read; not the time on foot.
    minutes = round(matching_bridge.travel_time(person.postcode, vacancy.postcode, "bike"))
    assert f"ongeveer {minutes} minuten fietsen" in page and "minuten lopen" not in page and "3526" in page
    assert vacancy.business.name not in page and vacancy.business.phone not in page
    response = answer(client, vacancy, "interested")
    assert response.status_code == 302
    assert row_of(vacancy, person).interest == "interested"
    assert db.session.scalars(select(Placement)).all() == [] and db.session.scalars(select(Message)).all() == []
    matching_bridge.rescore(person)  # a new score keeps the resident's answer
    db.session.commit()
    assert row_of(vacancy, person).interest == "interested"
    staff = app.test_client()
    login(staff, make_user("staff"))
    assert "heeft interesse" in staff.get(f"/medewerker/vacatures/{vacancy.id}").get_data(as_text=True)


def test_not_for_me_keeps_the_reason_and_a_missing_choice_is_asked_again(app, client):
    vacancy = make_vacancy()
    person = make_jobseeker()
    login(client, person.user)
    refused = answer(client, vacancy, "")
    assert refused.status_code == 200 and "Kies: Ik heb interesse, of Niet voor mij." in refused.get_data(as_text=True)
    assert answer(client, vacancy, "not_for_me", "Te vroeg op de dag").status_code == 302
    row = row_of(vacancy, person)
    assert (row.interest, row.interest_reason) == ("not_for_me", "Te vroeg op de dag")


def test_a_vacancy_that_does_not_fit_or_is_closed_cannot_be_opened(app, client):
    person = make_jobseeker()
    closed = make_vacancy(status="closed")
    far_too_many_hours = make_vacancy(hours_min=40, hours_max=40)
    login(client, person.user)
    assert client.get(f"/profiel/vacatures/{closed.id}").status_code == 404
    assert client.get(f"/profiel/vacatures/{far_too_many_hours.id}").status_code == 404
    assert client.get("/profiel/vacatures/99999").status_code == 404
