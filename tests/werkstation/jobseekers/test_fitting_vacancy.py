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


def test_a_vacancy_proposed_to_her_opens_though_it_is_not_in_her_list(app, client):
    """Staff may propose work the engine does not count as fitting (here: more hours than she asked for); the
    resident then reads it and can answer, while another such vacancy stays hidden from her."""
    from tests.werkstation.staff.workspace import proposed

    person = make_jobseeker()
    full_time = make_vacancy(title="Magazijnmedewerker fulltime", hours_min=40, hours_max=40)
    unrelated = make_vacancy(title="Nachtportier", hours_min=40, hours_max=40)
    placement = proposed(full_time, person)
    login(client, person.user)
    assert f"/profiel/vacatures/{full_time.id}" not in client.get("/profiel").get_data(as_text=True)
    response = client.get(f"/profiel/vacatures/{full_time.id}")
    assert response.status_code == 200 and "Magazijnmedewerker fulltime" in text(response.get_data(as_text=True))
    assert client.get(f"/profiel/vacatures/{unrelated.id}").status_code == 404
    assert answer(client, full_time, "not_for_me", "Te veel uren").status_code == 302
    assert db.session.get(Placement, placement.id).jobseeker_reason == "Niet voor mij: Te veel uren"


def test_a_vacancy_she_answered_still_opens_after_it_closed_and_asks_nothing(app, client):
    vacancy = make_vacancy(title="Schoonmaker kantoren")
    person = make_jobseeker()
    matching_bridge.rescore(vacancy)
    db.session.commit()
    login(client, person.user)
    assert answer(client, vacancy, "interested").status_code == 302
    form_page = client.get(f"/profiel/vacatures/{vacancy.id}")
    vacancy.status = "closed"
    db.session.commit()
    response = client.get(f"/profiel/vacatures/{vacancy.id}")
    words = text(response.get_data(as_text=True))
    assert response.status_code == 200 and "Schoonmaker kantoren" in words
    assert "Deze vacature is nu niet open. Je kunt hier niets kiezen." in words and "Opslaan" not in words
    late = client.post(f"/profiel/vacatures/{vacancy.id}", data={**form_state(form_page), "answer": "not_for_me"})
    assert late.status_code == 409 and row_of(vacancy, person).interest == "interested"


def test_a_paused_resident_opens_the_vacancy_of_her_proposal(app, client):
    from tests.werkstation.staff.workspace import proposed

    vacancy = make_vacancy(title="Schoonmaker kantoren")
    person = make_jobseeker()
    proposed(vacancy, person)
    person.status = "paused"
    db.session.commit()
    login(client, person.user)
    assert client.get(f"/profiel/vacatures/{vacancy.id}").status_code == 200


def test_her_profile_lists_the_vacancies_she_said_she_is_interested_in(app, client):
    from tests.html import page

    liked = make_vacancy(title="Schoonmaker kantoren")
    other = make_vacancy(title="Inpakker")
    person = make_jobseeker()
    for vacancy in (liked, other):
        matching_bridge.rescore(vacancy)
    db.session.commit()
    login(client, person.user)
    assert "Hier heb je interesse in" not in text(client.get("/profiel").get_data(as_text=True))
    assert answer(client, liked, "interested").status_code == 302
    doc = page(client.get("/profiel").get_data(as_text=True))
    listed = doc.find("ul", attrs={"aria-labelledby": "interested-title"})
    assert [a.get_text(strip=True) for a in listed.find_all("a")] == ["Schoonmaker kantoren"]
    assert listed.a["href"] == f"/profiel/vacatures/{liked.id}"  # where she can change her answer
    assert "interesse doorgegeven" in listed.get_text(" ")
    fitting = [a.get_text(strip=True) for a in doc.select("section[aria-labelledby=fitting-title] > ul.list:not([aria-labelledby]) a")]
    assert "Schoonmaker kantoren" not in fitting and "Inpakker" in fitting  # each vacancy once on the page
