"""The contact log: staff note calls, visits and agreements, give tasks a date and an owner, and read one timeline."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, or_, select

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import form_state, page, text
from tests.werkstation.staff.workspace import business_user, proposed
from werkstation.contacts.models import ContactNote, Task
from werkstation.extensions import db
from werkstation.jobseekers.privacy import erase_jobseeker
from werkstation.models import AuditEvent, utcnow
from werkstation.outbox.models import Message


@pytest.fixture
def staff(app, client):
    user = make_user("staff")
    login(client, user)
    return user


def log(client, person, **fields):
    url = f"/medewerker/werkzoekenden/{person.id}/contact"
    data = {"kind": "call", "body": "", "happened_on": "", "task_title": "", "task_due": "", "task_owner": ""}
    data.update(form_state(client.get(url)))
    data.update(fields)
    return client.post(url, data=data)


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_call_with_a_task_for_tomorrow_shows_in_the_timeline_and_under_my_tasks_on_that_day(client, staff):
    person = make_jobseeker(name="Samira Bel")
    tomorrow = utcnow().date() + timedelta(days=1)
    saved = log(client, person, body="Gebeld: wil graag in de ochtend werken.", task_title="Terugbellen over de bakkerij",
                task_due=tomorrow.isoformat(), task_owner=str(staff.id))
    assert saved.status_code == 302
    timeline = text(client.get(saved.headers["Location"]))
    assert "Gebeld: wil graag in de ochtend werken." in timeline and "Terugbellen over de bakkerij" in timeline
    assert "Terugbellen over de bakkerij" not in text(client.get("/medewerker/"))  # it is for tomorrow
    assert tomorrow.strftime("%d-%m-%Y") in text(client.get("/medewerker/taken"))  # the date as people write it
    assert tomorrow.isoformat() not in text(client.get("/medewerker/taken"))
    db.session.execute(Task.__table__.update().values(due_on=utcnow().date()))
    db.session.commit()
    home = client.get("/medewerker/")
    section = page(home).find(id="my-tasks").parent
    assert "Terugbellen over de bakkerij" in section.get_text() and "Samira Bel" in section.get_text()
    task = db.session.scalar(select(Task))
    done = client.post(f"/medewerker/taken/{task.id}/klaar",
                       data={"csrf_token": csrf_token(client, "/medewerker/"), "next": "/medewerker/"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/medewerker/")
    assert "Terugbellen over de bakkerij" not in text(client.get("/medewerker/"))
    actions = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.jobseeker_id == person.id)))
    assert {"contact.note", "contact.task", "contact.task_done"} <= actions


def test_a_task_for_a_colleague_is_on_their_list_not_mine(app, client, staff):
    colleague = make_user("staff")
    person = make_jobseeker(name="Omar Collega")
    log(client, person, task_title="Langsgaan", task_due=utcnow().date().isoformat(), task_owner=str(colleague.id))
    assert "Langsgaan" not in text(client.get("/medewerker/"))
    other = app.test_client()
    login(other, colleague)
    assert "Langsgaan" in text(other.get("/medewerker/")) and "Langsgaan" in text(other.get("/medewerker/taken"))


def test_the_timeline_holds_messages_decisions_and_placement_steps(client, staff):
    vacancy = make_vacancy(title="Schoonmaker station")
    person = make_jobseeker(name="Lina Tijd")
    proposed(vacancy, person)
    timeline = text(client.get(f"/medewerker/werkzoekenden/{person.id}/contact"))
    assert "Besluit: op de shortlist" in timeline and "Plaatsing: voorgesteld" in timeline
    assert "Bericht van Werkstation" in timeline and "Schoonmaker station" in timeline
    business_page = text(client.get(f"/medewerker/bedrijven/{vacancy.business_id}/contact"))
    assert "Plaatsing: voorgesteld" in business_page and "Bericht van Werkstation" in business_page


def test_a_business_timeline_holds_only_what_the_business_received_and_the_decisions_on_its_vacancies(client, staff):
    vacancy = make_vacancy(title="Schoonmaker station")
    person = make_jobseeker(name="Lina Tijd")
    proposed(vacancy, person)
    to_business = db.session.scalars(select(Message).where(
        Message.recipient_user_id == business_user(vacancy).id)).all()
    to_person = db.session.scalars(select(Message).where(
        or_(Message.jobseeker_id == person.id, Message.recipient_user_id == person.user_id))).all()
    assert to_business and to_person
    business_page = client.get(f"/medewerker/bedrijven/{vacancy.business_id}/contact")
    timeline = page(business_page).find(class_="timeline").get_text(" ", strip=True)
    assert timeline.count("Bericht van Werkstation") == len(to_business)
    for message in to_person:
        if message.subject not in {m.subject for m in to_business}:
            assert message.subject not in timeline
    assert "Besluit: op de shortlist" in timeline


@pytest.mark.parametrize("fields, message", [
    ({}, "Schrijf wat er besproken is, of vul een taak in."),
    ({"task_title": "Bellen"}, "Kies de dag waarop de taak klaar moet zijn."),
    ({"task_due": "2030-01-01"}, "Schrijf wat er gedaan moet worden."),
    ({"body": "x", "happened_on": "2999-01-01"}, "Een contact kan niet in de toekomst liggen."),
    ({"body": "x", "kind": "ontslag"}, "Kies een van de mogelijkheden uit de lijst."),
    ({"body": "x", "task_title": "t", "task_due": "2030-01-01", "task_owner": "999999"},
     "Kies een van de mogelijkheden uit de lijst."),
    ({"body": "x", "task_due": "morgen", "task_title": "t"}, "Vul een datum in zoals 2027-03-01."),
    ({"body": "x" * 5000}, "Gebruik hoogstens 4000 tekens."),
    ({"task_title": "t", "task_due": "0001-01-01"}, "Kies een dag van hoogstens een jaar geleden tot drie jaar vooruit."),
    ({"task_title": "t", "task_due": "9999-12-31"}, "Kies een dag van hoogstens een jaar geleden tot drie jaar vooruit."),
])
def test_wrong_input_is_explained_kept_and_nothing_is_saved(client, staff, fields, message):
    person = make_jobseeker()
    response = log(client, person, **fields)
    assert response.status_code == 400
    assert message in text(response)
    if fields.get("body", "").startswith("x") and len(fields["body"]) < 100:
        assert page(response).find("textarea", attrs={"name": "body"}).get_text().strip() == fields["body"]
    assert count(ContactNote) == 0 and count(Task) == 0


@pytest.mark.parametrize("body", ["<script>alert(1)</script>", "'); DROP TABLE task; --", "\u202e\u0000🙂", "سلام"])
def test_hostile_notes_are_kept_as_text(client, staff, body):
    person = make_jobseeker()
    response = log(client, person, body=body)
    # Invisible control characters are refused with a message; everything else is kept as typed.
    assert response.status_code == (400 if "\u0000" in body else 302)
    html = client.get(f"/medewerker/werkzoekenden/{person.id}/contact").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    if response.status_code == 302:
        assert body in text(html)


def test_a_form_sent_twice_saves_once(client, staff):
    person = make_jobseeker()
    url = f"/medewerker/werkzoekenden/{person.id}/contact"
    state = form_state(client.get(url))
    data = {**state, "kind": "visit", "body": "Op bezoek geweest.", "happened_on": "", "task_title": "",
            "task_due": "", "task_owner": ""}
    assert client.post(url, data=data).status_code == 302
    assert client.post(url, data=data).status_code == 302
    assert count(ContactNote) == 1


def test_notes_are_found_by_search_and_last_contact_filters_and_sorts(client, staff):
    called = make_jobseeker(name="Ayla Gebeld")
    never = make_jobseeker(name="Bas Nooit")
    log(client, called, body="Zoekt werk als heftruckchauffeur.")
    found = page(client.get("/medewerker/werkzoekenden?q=heftruck")).find(id="results").get_text()
    assert "Ayla Gebeld" in found and "Bas Nooit" not in found
    recent = page(client.get("/medewerker/werkzoekenden?contact=recent")).find(id="results").get_text()
    assert "Ayla Gebeld" in recent and "Bas Nooit" not in recent
    stale = page(client.get("/medewerker/werkzoekenden?contact=stale")).find(id="results").get_text()
    assert "Bas Nooit" in stale and "Ayla Gebeld" not in stale
    ordered = page(client.get("/medewerker/werkzoekenden?sort=contact")).find(id="results").get_text()
    assert ordered.index(never.name) < ordered.index(called.name)


def test_vacancies_are_found_by_the_business_notes_and_filtered_and_sorted_by_last_contact(client, staff):
    visited = make_vacancy(title="Bakker ochtend", business=make_business(name="Bakkerij Bezocht"))
    make_vacancy(title="Kassa avond", business=make_business(name="Winkel Vergeten"))
    url = f"/medewerker/bedrijven/{visited.business_id}/contact"
    data = {**form_state(client.get(url)), "kind": "visit", "body": "Wil een heftruckchauffeur in het voorjaar.",
            "happened_on": "", "task_title": "", "task_due": "", "task_owner": ""}
    assert client.post(url, data=data).status_code == 302

    def titles(query):
        response = client.get(f"/medewerker/vacatures?{query}")
        assert response.status_code == 200
        return [a.get_text(strip=True) for a in page(response).find(id="results").select("th a")]

    assert titles("q=heftruck") == ["Bakker ochtend"]
    assert titles("contact=recent") == ["Bakker ochtend"]
    assert titles("contact=never") == titles("contact=stale") == ["Kassa avond"]
    assert titles("sort=contact") == ["Kassa avond", "Bakker ochtend"]
    assert client.get("/medewerker/vacatures?contact=gisteren").status_code == 400
    business_link = page(client.get("/medewerker/vacatures?q=heftruck")).find("a", string="Bakkerij Bezocht")
    assert business_link["href"] == url


def test_notes_and_tasks_are_in_the_export_and_gone_after_erasure(app, client, staff):
    person = make_jobseeker(name="Eva Export")
    log(client, person, body="Afspraak: start maandag.", kind="agreement", task_title="Contract nakijken",
        task_due=utcnow().date().isoformat(), task_owner=str(staff.id))
    exported = json.loads(client.get(f"/werkzoekenden/{person.id}/download").get_data(as_text=True))
    assert exported["contact_notes"][0]["text"] == "Afspraak: start maandag."
    assert exported["contact_notes"][0]["kind"] == "agreement"
    assert exported["tasks"][0]["title"] == "Contract nakijken"
    erase_jobseeker(db.session.get(type(person), person.id))
    db.session.commit()
    assert count(ContactNote) == 0 and count(Task) == 0
    assert client.get(f"/medewerker/werkzoekenden/{person.id}/contact").status_code == 404


def test_businesses_never_see_notes(app, client, staff):
    vacancy = make_vacancy()
    person = make_jobseeker(name="Rana Geheim")
    placement = proposed(vacancy, person)
    log(client, person, body="Vertrouwelijk: heeft schulden.")
    business = app.test_client()
    login(business, business_user(vacancy))
    assert business.get(f"/medewerker/werkzoekenden/{person.id}/contact").status_code == 403
    assert business.get(f"/medewerker/bedrijven/{vacancy.business_id}/contact").status_code == 403
    for url in ("/dashboard", f"/plaatsingen/{placement.id}", f"/vacatures/{vacancy.id}", "/berichten"):
        assert "schulden" not in business.get(url).get_data(as_text=True)


def test_a_business_contact_with_a_task(client, staff):
    vacancy = make_vacancy()
    url = f"/medewerker/bedrijven/{vacancy.business_id}/contact"
    data = {**form_state(client.get(url)), "kind": "visit", "body": "Kennisgemaakt met de eigenaar.",
            "happened_on": "", "task_title": "Vacature voor de zomer vragen",
            "task_due": (utcnow().date() - timedelta(days=1)).isoformat(), "task_owner": str(staff.id)}
    assert client.post(url, data=data).status_code == 302
    assert "Kennisgemaakt met de eigenaar." in text(client.get(url))
    home = page(client.get("/medewerker/")).find(id="my-tasks").parent.get_text()
    assert "Vacature voor de zomer vragen" in home and "te laat" in home
