"""The readable copy of my data: every category of the JSON export, in plain words, in the person's language."""

import json
import re
from datetime import date, datetime

import pytest

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


def test_staff_open_a_residents_copy_and_it_is_logged(client):
    owner = make_jobseeker(name="Fatima")
    login(client, make_user(role="staff"))
    response = client.get(f"/werkzoekenden/{owner.id}/gegevens")
    assert response.status_code == 200 and "Fatima" in response.get_data(as_text=True)


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
    recorded = set(re.findall(r'audit\.record\(\s*"((?:jobseeker|user|placement|message|fairness)\.[a-z_]+)"', source))
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
