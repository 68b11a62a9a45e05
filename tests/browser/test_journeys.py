"""The three audiences end to end, in the order things happen in the neighbourhood.

(a) A business registers, posts a vacancy with a schedule and a required licence, and sees how many fit.
(b) A resident registers on a phone and completes the intake with consent (a profile that fits (a)).
(c) Staff open that vacancy, read why the top suggestion fits, shortlist and propose it; the business
    accepts the introduction; the resident accepts; staff move the placement to proefplaatsing.
(d) The resident downloads their data and deletes their account.

The journeys share one server and run in this order; a later journey builds on what the earlier one made.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.actions import STAFF_EMAIL, log_in, log_out
from tests.browser.journey_steps import (
    back_to_business_overview,
    business_says_yes_without_knowing_who,
    consent_on_the_summary,
    expect_the_matchers_fit_counts,
    expect_what_was_asked,
    intake_dutch_licence_and_name,
    intake_hours_and_travel,
    intake_work_and_talents,
    open_own_profile,
    post_vacancy,
    resident_says_yes_and_sees_the_contact,
    sign_up_as_business,
    sign_up_as_resident,
    staff_read_why_the_top_suggestion_fits,
    staff_shortlist_and_propose,
    staff_start_the_trial,
)
from tests.browser.support import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PASSWORD = "Bezorgen in de wijk 2026"
BUSINESS = {
    "name": "Pakketdienst Kanaalstraat",
    "kvk": "90817263",
    "sector": "Magazijn, logistiek en bezorging",
    "postcode": "3526 KV",
    "contact": "Hanneke de Vries",
    "phone": "06 21436587",
    "email": "hanneke@pakketdienst-kanaalstraat.nl",
}
VACANCY = {
    "title": "Bezorger",
    "description": "Je bezorgt pakketjes in Kanaleneiland en Transwijk met ons busje. We werken je rustig in.",
    "hours_min": "12",
    "hours_max": "20",
    "schedule": ["zaterdag ochtend", "zaterdag middag", "zondag ochtend"],
    "required_talent": "Auto of busje rijden",
    "licence": "B (auto)",
}
# What the journeys made, for the ones after them.
STATE: dict = {}


def need(key, journey_name):
    if key not in STATE:
        pytest.skip(f"needs journey {journey_name}, which did not finish")
    return STATE[key]


def test_a_business_posts_a_vacancy_and_sees_who_fits(journey):
    page = journey.page(viewport=DESKTOP)
    sign_up_as_business(journey, page, BUSINESS, PASSWORD)
    post_vacancy(journey, page, VACANCY)
    vacancy_id = expect_the_matchers_fit_counts(journey, page)
    expect_what_was_asked(page)
    back_to_business_overview(journey, page, VACANCY["title"])
    STATE["vacancy_id"] = vacancy_id
    STATE["vacancy_path"] = f"/vacatures/{vacancy_id}"


RESIDENT = {
    "email": "yasmina.bouzid@voorbeeld.nl",
    "name": "Yasmina Bouzid",
    "phone": "06 55443322",
    "postcode": "3526 KV",
    "work": "Bezorgen",
    "talents": ["Auto of busje rijden", "Op tijd zijn en plannen"],
    "hours": ("12", "20"),
    "availability": ["zaterdag ochtend", "zaterdag middag", "zondag ochtend", "zondag middag"],
    "travel_mode": "Fiets",
    "travel_minutes": "15 minuten",
    "dutch": "Ik kan gewone gesprekken op het werk voeren en eenvoudige teksten lezen",
    "licence": "B (auto)",
}


def test_b_a_resident_completes_the_intake_on_a_phone(journey):
    page = journey.page(viewport=PHONE)
    sign_up_as_resident(journey, page, RESIDENT["email"], PASSWORD)
    intake_work_and_talents(journey, page, RESIDENT)
    intake_hours_and_travel(journey, page, RESIDENT)
    intake_dutch_licence_and_name(journey, page, RESIDENT)
    profile = consent_on_the_summary(journey, page, RESIDENT)
    assert profile is not None and profile["consent_at"] is not None
    assert profile["postcode"] == RESIDENT["postcode"] and profile["licences"] == ["B"]
    assert profile["availability"] == {"sat": ["morning", "afternoon"], "sun": ["morning", "afternoon"]}
    open_own_profile(journey, page)
    STATE["resident"] = profile["id"]


def test_c_staff_propose_the_top_suggestion_and_both_sides_say_yes(journey):
    vacancy_id = need("vacancy_id", "(a)")
    need("resident", "(b)")
    missing = []

    staff = journey.page(viewport=DESKTOP)
    log_in(journey, staff, STAFF_EMAIL, check_as="medewerker")
    staff_read_why_the_top_suggestion_fits(journey, staff, BUSINESS, VACANCY, RESIDENT)
    placement_url = staff_shortlist_and_propose(journey, staff, RESIDENT["name"])

    business = journey.page(viewport=DESKTOP)
    log_in(journey, business, BUSINESS["email"], PASSWORD)
    business_says_yes_without_knowing_who(journey, business, VACANCY, RESIDENT, missing)

    resident = journey.page(viewport=PHONE)
    log_in(journey, resident, RESIDENT["email"], PASSWORD)
    resident_says_yes_and_sees_the_contact(journey, resident, BUSINESS, VACANCY)
    # Both said yes: now the business sees who it is.
    business.reload()
    expect(business.get_by_role("main")).to_contain_text(RESIDENT["name"])
    journey.check(business, "bedrijf-contactgegevens", lang="nl")

    staff_start_the_trial(journey, staff, placement_url, vacancy_id)
    log_out(staff)
    journey.check(staff, "medewerker-uitgelogd", lang="nl")
    STATE["placement"] = placement_url
    assert not missing, "the journey could not find its way: " + "; ".join(missing)


def test_d_the_resident_downloads_their_data_and_deletes_the_account(journey, tmp_path):
    import json

    jobseeker_id = need("resident", "(b)")
    page = journey.page(viewport=PHONE, accept_downloads=True)
    log_in(journey, page, RESIDENT["email"], PASSWORD)
    journey.check(page, "overzicht", lang="nl")
    page.get_by_role("link", name="Mijn profiel bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    journey.check(page, "profiel", lang="nl")

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Download al je gegevens")).click()
    download = info.value
    assert download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["account"]["email"] == RESIDENT["email"]
    assert data["profile"]["name"] == RESIDENT["name"]
    assert data["profile"]["postcode"] == RESIDENT["postcode"]
    assert data["profile"]["licences"] == ["B"]
    if "placement" in STATE:  # journey (c) got this far: the proposal and its history are in the file
        stages = [p["stage"] for p in data["placements"]]
        assert "proefplaatsing" in stages, stages
    (journey.folder / "gegevens.json").write_text(saved.read_text(encoding="utf-8"), encoding="utf-8")

    page.get_by_role("link", name="Account en profiel verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account en profiel verwijderen")
    journey.check(page, "verwijderen", lang="nl")
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vink het vakje aan")
    journey.check(page, "verwijderen-niet-aangevinkt", lang="nl")
    page.get_by_label("Ja, ik weet het zeker. Verwijder alles.").check()
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_role("status").first).to_contain_text("Je account en je gegevens zijn verwijderd.")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    journey.check(page, "verwijderd", lang="nl")

    # Gone: logging in again fails, and the name and phone number are erased.
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(RESIDENT["email"])
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("horen niet bij elkaar")
    journey.check(page, "inloggen-lukt-niet", lang="nl")
    left = journey.server.query(lambda: _erased(jobseeker_id))
    assert left["user"] is None and left["name"] is None and left["phone"] is None, left


def _erased(jobseeker_id):
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import Jobseeker, User

    j = db.session.get(Jobseeker, jobseeker_id)
    user = db.session.scalar(select(User.id).where(User.email == RESIDENT["email"]))
    return {"user": user, "name": j.name if j else None, "phone": j.phone if j else None}
