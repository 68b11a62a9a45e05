"""Pausing a profile or pausing/closing a vacancy never leaves a running proposal dangling: staff see it stands
still and what to do, the other side is told in plain words, and nothing is ended by itself."""

import pytest
from flask import Flask
from sqlalchemy import select

from tests.factories import make_user, make_vacancy
from tests.helpers import login
from tests.html import form_state, page, text
from tests.werkstation.staff.workspace import answer, business_user, proposed, scored
from werkstation.extensions import db
from werkstation.models import Placement, Vacancy
from werkstation.outbox.models import Message, MessageKind
from werkstation.placements import pipeline


def on_hold_messages():
    return db.session.scalars(select(Message).where(Message.kind == MessageKind.PROPOSAL_ON_HOLD)
                              .order_by(Message.id)).all()


def press(client, page, url, action, **extra):
    return client.post(url, data={**form_state(client.get(page)), "action": action, **extra})


def test_a_paused_profile_flags_its_running_proposal_to_staff_and_tells_the_business(app: Flask, client):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    login(client, person.user)
    assert press(client, "/profiel", "/profiel/status", "pause").status_code == 302
    assert db.session.get(Placement, placement.id).stage == "voorgesteld"  # not dropped
    told = on_hold_messages()
    business = business_user(vacancy)
    assert {m.recipient_user_id for m in told} == {staff.id, business.id}
    to_staff = next(m for m in told if m.recipient_user_id == staff.id)
    assert "profiel op pauze" in to_staff.body_text and "bel beide kanten" in to_staff.body_text
    to_business = next(m for m in told if m.recipient_user_id == business.id)
    assert "De werkzoekende kan even niet verder" in to_business.body_text
    assert person.name not in to_business.body_text
    # the resident's own page says it stands still; the business's page says why in plain words
    assert "Je profiel staat op pauze" in text(client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True))
    client = app.test_client()
    login(client, business)
    assert "De werkzoekende kan even niet verder" in client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)
    client = app.test_client()
    login(client, staff)
    page = client.get(f"/medewerker/plaatsingen/{placement.id}").get_data(as_text=True)
    assert "Staat stil: de werkzoekende zette het profiel op pauze." in page and "Wat nu" in page
    assert "staat stil" in client.get("/medewerker/plaatsingen").get_data(as_text=True)
    # back from the pause: the proposal goes on and the flag is gone
    assert press(client, f"/werkzoekenden/{person.id}", f"/werkzoekenden/{person.id}/status", "resume").status_code == 302
    assert "Staat stil" not in client.get(f"/medewerker/plaatsingen/{placement.id}").get_data(as_text=True)


def test_a_closed_vacancy_flags_its_running_proposal_and_tells_the_resident(app: Flask, client):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    login(client, business_user(vacancy))
    vacancy_page = f"/vacatures/{vacancy.id}"
    assert client.post(f"{vacancy_page}/status", data={**form_state(client.get(vacancy_page)), "action": "close",
                                                      "confirmed": "yes"}).status_code == 302
    assert db.session.get(Placement, placement.id).stage == "voorgesteld"
    told = on_hold_messages()
    assert {m.recipient_user_id for m in told} == {staff.id, person.user_id}
    assert "gesloten" in next(m for m in told if m.recipient_user_id == person.user_id).body_text
    client = app.test_client()
    login(client, person.user)
    url = f"/plaatsingen/{placement.id}"
    response = client.get(url)
    assert "Het bedrijf heeft de vacature gesloten" in text(response) and "niets meer te kiezen" in text(response)
    assert page(response).find("input", attrs={"name": "answer"}) is None  # no Ja/Nee for a closed vacancy
    refused = client.post(url, data={**form_state(response, ("csrf_token",)), "answer": "yes", "reason": ""})
    assert refused.status_code == 409 and "niets meer te kiezen" in text(refused)
    assert db.session.get(Placement, placement.id).jobseeker_response is None


def test_a_resident_still_answers_while_the_vacancy_is_only_paused(app: Flask, client):
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person)
    login(client, business_user(vacancy))
    page_url = f"/vacatures/{vacancy.id}"
    assert press(client, page_url, f"{page_url}/status", "pause", confirmed="yes").status_code == 302
    resident = app.test_client()
    login(resident, person.user)
    assert "even stilgezet" in text(resident.get(f"/plaatsingen/{placement.id}"))
    assert answer(resident, placement, True).status_code == 302
    assert db.session.get(Placement, placement.id).jobseeker_response == "accepted"


def test_pausing_without_a_running_proposal_sends_nothing(app: Flask, client):
    _vacancy, (person,) = scored()
    login(client, person.user)
    assert press(client, "/profiel", "/profiel/status", "pause").status_code == 302
    assert on_hold_messages() == []


@pytest.mark.parametrize(("action", "why"), [("close", "Je vacature is gesloten."),
                                             ("pause", "Je vacature staat op pauze.")])
def test_a_business_answers_a_proposal_only_while_its_vacancy_is_open(app, client, action, why):
    staff = make_user("staff")
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person, staff)
    login(client, business_user(vacancy))
    url, vacancy_page = f"/plaatsingen/{placement.id}", f"/vacatures/{vacancy.id}"
    form = form_state(client.get(url), ("csrf_token",))
    assert client.post(f"{vacancy_page}/status", data={**form_state(client.get(vacancy_page)), "action": action,
                                                      "confirmed": "yes"}).status_code == 302
    response = client.get(url)
    shown, words = page(response), text(response)
    assert shown.find("input", attrs={"name": "answer"}) is None  # no Ja/Nee form while it stands still
    assert why in words and "Zet de vacature" in words and "weer open" in words
    assert shown.find("a", href=vacancy_page) is not None
    # A form sent from a page opened before the close (or by hand) is refused with the same words, not a 500.
    refused = client.post(url, data={**form, "answer": "yes", "reason": ""})
    assert refused.status_code == 409 and why in text(refused)
    assert db.session.get(Placement, placement.id).business_response is None
    # Open again: the question is back, and the answer is saved.
    assert press(client, vacancy_page, f"{vacancy_page}/status", "open").status_code == 302
    assert page(client.get(url)).find("input", attrs={"name": "answer"}) is not None
    assert answer(client, placement, True).status_code == 302
    assert db.session.get(Placement, placement.id).business_response == "accepted"


def test_closing_says_which_proposals_still_run_and_what_closing_means_for_them(app, client):
    staff = make_user("staff")
    vacancy, (waiting, meeting) = scored(make_vacancy(seats=3), people=2)
    proposed(vacancy, waiting, staff)
    introduced = proposed(vacancy, meeting, staff)
    for side in ("business", "jobseeker"):
        pipeline.respond(introduced, side, True, "", staff)
    pipeline.move(introduced, "kennismaking", staff)
    db.session.commit()
    quiet = make_vacancy(business=vacancy.business)
    login(client, business_user(vacancy))
    asked = text(press(client, f"/vacatures/{vacancy.id}", f"/vacatures/{vacancy.id}/status", "close"))
    assert "1 voorstel wacht nog op een antwoord of een kennismaking." in asked
    assert "Met 1 persoon loopt een kennismaking." in asked
    assert "dan staan deze voorstellen stil" in asked and "weer open? Dan gaan de voorstellen verder" in asked
    assert db.session.get(Vacancy, vacancy.id).status == "open"  # only asked, nothing closed yet
    asked = text(press(client, f"/vacatures/{quiet.id}", f"/vacatures/{quiet.id}/status", "close"))
    assert "Weet je het zeker?" in asked and "Er lopen nog voorstellen" not in asked


def test_pausing_asks_first_and_one_running_proposal_is_one_not_these(app, client):
    vacancy, (person,) = scored()
    proposed(vacancy, person)
    login(client, business_user(vacancy))
    page_url = f"/vacatures/{vacancy.id}"
    asked = press(client, page_url, f"{page_url}/status", "pause")
    shown = text(asked)
    assert asked.status_code == 200 and "Vacature pauzeren?" in shown
    assert "Er loopt nog een voorstel" in shown
    assert "dan staat dit voorstel stil tot je de vacature weer openzet" in shown
    assert "deze voorstellen" not in shown
    assert db.session.get(Vacancy, vacancy.id).status == "open"  # only asked, nothing paused yet
    yes = page(asked.get_data(as_text=True)).find("button", string=lambda s: s and "Ja, vacature pauzeren" in s)
    form = yes.find_parent("form")
    data = {tag["name"]: tag.get("value", "") for tag in form.find_all("input") if tag.get("name")}
    assert client.post(form["action"], data=data).status_code == 302
    assert db.session.get(Vacancy, vacancy.id).status == "paused"


def test_after_both_said_yes_a_paused_vacancy_says_the_proposal_stands_still_not_that_a_meeting_is_planned(app, client):
    vacancy, (person,) = scored()
    placement = proposed(vacancy, person)
    login(client, business_user(vacancy))
    assert answer(client, placement, True).status_code == 302
    resident = app.test_client()
    login(resident, person.user)
    assert answer(resident, placement, True).status_code == 302
    vacancy_page = f"/vacatures/{vacancy.id}"
    assert press(client, vacancy_page, f"{vacancy_page}/status", "pause", confirmed="yes").status_code == 302
    shown = text(client.get(f"/plaatsingen/{placement.id}"))
    assert "Dit voorstel staat stil zolang het op pauze of gesloten staat." in shown
    assert "De coöperatie plant de kennismaking" not in shown
    assert "even stilgezet" in text(resident.get(f"/plaatsingen/{placement.id}"))


def test_after_closing_the_business_overview_no_longer_asks_for_an_answer(app, client):
    vacancy, (person,) = scored()
    proposed(vacancy, person)
    login(client, business_user(vacancy))
    assert "1 nieuw voorstel" in text(client.get("/dashboard"))
    page_url = f"/vacatures/{vacancy.id}"
    assert press(client, page_url, f"{page_url}/status", "close", confirmed="yes").status_code == 302
    assert "nieuw voorstel" not in text(client.get("/dashboard"))
    assert "De coöperatie wacht op je antwoord" not in text(client.get("/dashboard"))
    listed = text(client.get("/plaatsingen/"))
    assert "staat stil" in listed and "wacht op jouw antwoord" not in listed
