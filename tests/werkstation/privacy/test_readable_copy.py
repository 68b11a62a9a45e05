"""The readable copy of my data: every category of the JSON export, in plain words, in the person's language."""

import json
import re
from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.factories import make_jobseeker, make_user
from tests.helpers import login
from tests.html import page
from tests.werkstation.privacy.test_privacy_pages_and_erasure import world_for
from werkstation.contacts.models import Task
from werkstation.extensions import db
from werkstation.jobseekers.readable import ABOUT_THE_COPY, CATEGORIES


def test_every_category_of_the_json_export_has_its_place_on_the_page(client):
    person = make_jobseeker(name="Karim Oukili")
    world_for(person)
    login(client, person.user)
    exported = json.loads(client.get("/profiel/download").get_data(as_text=True))
    assert set(exported) == set(CATEGORIES) | set(ABOUT_THE_COPY)  # a new category needs words here too

    doc = page(client.get("/profiel/mijn-gegevens").get_data(as_text=True))
    shown = {tag["data-category"] for tag in doc.find_all(attrs={"data-category": True})}
    assert shown == set(exported)
    for key in CATEGORIES:
        section = doc.find("section", attrs={"data-category": key})
        assert section.find("h2").get_text(strip=True)
    text = doc.find("main").get_text(" ", strip=True)
    for words in ("Karim Oukili", "Bakker", "Bakkerij Ouarzazate", "op de shortlist", "kennismaking", "Vrouw",
                  "profiel bekeken", "door een medewerker", "Schoonmaken"):
        assert words in text, words
    for code in (r"\bshortlist\b(?! ·)", r"jobseeker\.view", r"\bvrouw\b", r"\d{4}-\d\d-\d\d"):  # no codes left
        assert not re.search(code, text.replace("op de shortlist", "")), code


def test_the_copy_is_in_the_persons_language_and_printable(client):
    person = make_jobseeker()
    world_for(person)
    login(client, person.user)
    client.get("/taal/tr")
    doc = page(client.get("/profiel/mijn-gegevens").get_data(as_text=True))
    assert doc.html["lang"] == "tr"
    assert doc.find("h1").get_text(strip=True) == "Verilerim"
    assert doc.find("script", src=lambda s: s and s.endswith("/print.js")) is not None


def test_the_profile_and_privacy_pages_lead_to_the_readable_copy(client):
    person = make_jobseeker()
    login(client, person.user)
    for url in ("/profiel", "/privacy"):
        assert page(client.get(url).get_data(as_text=True)).find("a", href="/profiel/mijn-gegevens"), url


@pytest.mark.parametrize("viewer", ["other_resident", "business"])
def test_nobody_else_reads_your_copy(client, viewer):
    owner = make_jobseeker()
    other = make_jobseeker().user if viewer == "other_resident" else make_user(role="business")
    login(client, other)
    assert client.get(f"/werkzoekenden/{owner.id}/gegevens").status_code in (403, 404)


def test_staff_open_a_residents_copy_and_it_is_logged(app, client):
    owner = make_jobseeker(name="Fatima")
    login(client, make_user(role="staff"))
    response = client.get(f"/werkzoekenden/{owner.id}/gegevens")
    assert response.status_code == 200 and "Fatima" in response.get_data(as_text=True)
    resident = app.test_client()
    login(resident, owner.user)
    history = section_text(resident.get("/profiel/mijn-gegevens"), "profile_views")
    assert "profiel bekeken · door een medewerker" in history and "gedownload" not in history


def test_the_phone_number_to_log_in_is_in_both_copies_and_the_profile_is_shown_once(client):
    person = make_jobseeker(name="Fatima Amrani")
    person.user.phone = "+31641872290"
    world_for(person)
    login(client, person.user)
    exported = json.loads(client.get("/profiel/download").get_data(as_text=True))
    assert exported["account"]["phone"] == "+31641872290"
    doc = page(client.get("/profiel/mijn-gegevens").get_data(as_text=True))
    account = doc.find("section", attrs={"data-category": "account"}).get_text(" ", strip=True)
    assert "06 41872290" in account
    profile = doc.find("section", attrs={"data-category": "profile"}).get_text(" ", strip=True)
    assert profile.count("Fatima Amrani") == 1
    suggestions = doc.find("section", attrs={"data-category": "suggestions"}).get_text(" ", strip=True)
    assert re.search(r"\b\d{1,3} van 100 punten\b", suggestions) and not re.search(r"\b[01] punten\b", suggestions)


def test_every_event_about_a_person_has_plain_words_in_the_copy():
    """The log in the copy never says 'something else': each action recorded about a person has its own words."""
    from pathlib import Path

    from werkstation.jobseekers.readable import ACTION_WORDS

    source = "\n".join(p.read_text() for p in (Path(__file__).resolve().parents[3] / "werkstation").rglob("*.py"))
    recorded = set(re.findall(
        r'audit\.record\(\s*"((?:jobseeker|user|placement|message|fairness|suggestion|contact)\.[a-z_]+)"', source))
    assert recorded, "the scan finds the audit calls"
    assert sorted(recorded - set(ACTION_WORDS)) == []


def test_dates_in_the_copy_are_dutch_days_while_the_download_keeps_utc(client):
    """23:30 UTC on a summer evening is already 01:30 the next day in the Netherlands; a due date has no clock."""
    person = make_jobseeker()
    person.user.last_login_at = datetime(2026, 7, 14, 23, 30)
    db.session.add(Task(jobseeker_id=person.id, title="Bellen over de proefplaatsing", due_on=date(2026, 7, 20)))
    db.session.commit()
    login(client, person.user)
    person.user.last_login_at = datetime(2026, 7, 14, 23, 30)  # logging in just now moved it
    db.session.commit()
    exported = json.loads(client.get("/profiel/download").get_data(as_text=True))
    assert exported["account"]["last_login_at"] == "2026-07-14T23:30:00"
    assert exported["tasks"][0]["due_on"] == "2026-07-20"

    doc = page(client.get("/profiel/mijn-gegevens").get_data(as_text=True))
    account = doc.find("section", attrs={"data-category": "account"}).get_text(" ", strip=True)
    assert "15-07-2026" in account and "14-07-2026" not in account and "2026-07-14" not in account
    tasks = doc.find("section", attrs={"data-category": "tasks"}).get_text(" ", strip=True)
    assert "20-07-2026 · Bellen over de proefplaatsing" in tasks
    opening = doc.find(attrs={"data-category": "exported_at"}).get_text(" ", strip=True)
    assert not re.search(r"\d{4}-\d\d-\d\d", opening)


def section_text(response, key):
    doc = page(response.get_data(as_text=True))
    return doc.find("section", attrs={"data-category": key}).get_text(" ", strip=True)


def test_after_not_for_me_the_copy_shows_her_answer_and_her_reason(app, client):
    from tests.werkstation.jobseekers.test_fitting_vacancy import answer
    from tests.werkstation.staff.workspace import scored, shortlisted

    vacancy, (person,) = scored()
    shortlisted(vacancy, person)
    login(client, person.user)
    assert "op de shortlist" in section_text(client.get("/profiel/mijn-gegevens"), "suggestions")
    assert answer(client, vacancy, "not_for_me", "Te vroeg op de dag").status_code == 302
    shown = section_text(client.get("/profiel/mijn-gegevens"), "suggestions")
    assert "jij zei: niet voor mij: Te vroeg op de dag" in shown and "shortlist" not in shown
    history = section_text(client.get("/profiel/mijn-gegevens"), "audit_events")
    assert "je antwoord bij een vacature: interesse of niet voor mij · door jou" in history
    [exported] = json.loads(client.get("/profiel/download").get_data(as_text=True))["suggestions"]
    assert (exported["interest"], exported["interest_reason"]) == ("not_for_me", "Te vroeg op de dag")


@pytest.mark.parametrize("chosen, shown", [(None, "Nederlands"), ("tr", "Türkçe"), ("ar", "العربية")])
def test_the_language_line_says_which_language_she_reads_and_gets_messages_in(client, chosen, shown):
    person = make_jobseeker()
    person.user.locale = chosen
    db.session.commit()
    login(client, person.user)
    client.get("/taal/nl")  # the page itself in Dutch; the account keeps what she chose before, or none
    person.user.locale = chosen
    db.session.commit()
    doc = page(client.get("/profiel/mijn-gegevens").get_data(as_text=True))
    account = doc.find("section", attrs={"data-category": "account"})
    lines = dict(zip([dt.get_text(strip=True) for dt in account.find_all("dt")],
                     [dd.get_text(strip=True) for dd in account.find_all("dd")], strict=True))
    assert lines["Taal van de website en van je berichten"] == shown
    assert "Taal" not in lines


def test_reading_the_copy_is_not_a_download_and_a_download_is_logged_once(client):
    from werkstation.models import AuditEvent

    person = make_jobseeker()
    login(client, person.user)
    for _ in range(2):
        assert "gedownload" not in section_text(client.get("/profiel/mijn-gegevens"), "audit_events")
    assert db.session.scalars(select(AuditEvent).where(AuditEvent.action == "jobseeker.export")).all() == []
    assert client.get("/profiel/download").status_code == 200
    history = section_text(client.get("/profiel/mijn-gegevens"), "audit_events")
    assert history.count("gegevens gedownload") == 1
    assert len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "jobseeker.export")).all()) == 1


def test_a_reading_logged_as_a_download_before_is_called_a_reading(client):
    """Events written before this change (a view of this page recorded as an export) keep their row, with true words."""
    from werkstation import audit

    person = make_jobseeker()
    audit.record("jobseeker.export", person, jobseeker_id=person.id, actor=person.user, on_behalf=False, readable=True)
    db.session.commit()
    login(client, person.user)
    history = section_text(client.get("/profiel/mijn-gegevens"), "audit_events")
    assert "gegevens bekeken · door jou" in history and "gedownload" not in history
