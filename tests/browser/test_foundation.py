"""The pages everybody sees first: home, about, register, login and each role's start page."""

import pytest
from playwright.sync_api import expect

from tests.browser.actions import ADMIN_EMAIL, BUSINESS_EMAIL, JOBSEEKER_EMAIL, log_in, log_out
from tests.browser.support import PHONE

pytestmark = pytest.mark.browser


def test_public_pages_on_a_phone(journey):
    page = journey.page(viewport=PHONE)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Werk in de wijk, voor mensen uit de wijk")
    journey.check(page, "home")
    journey.assert_language(page, "nl")

    page.get_by_role("link", name="Over Werkstation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Over Werkstation")
    journey.check(page, "over")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden bij Werkstation")
    journey.check(page, "aanmelden-kiezen")
    journey.assert_language(page, "nl")

    page.get_by_role("link", name="Aanmelden als werkzoekende").click()
    expect(page.get_by_label("E-mailadres")).to_be_visible()
    journey.check(page, "aanmelden-werkzoekende")

    # A wrong password: the error summary names the problem, the form keeps working.
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(JOBSEEKER_EMAIL)
    page.get_by_label("Wachtwoord").fill("dit-is-niet-goed")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Er is een probleem")
    expect(page.get_by_role("alert")).to_contain_text("horen niet bij elkaar")
    journey.check(page, "inloggen-fout")
    journey.assert_language(page, "nl")


def test_a_business_registration_form_explains_its_errors(journey):
    page = journey.page(viewport=PHONE)
    page.goto("/registreren/bedrijf")
    journey.check(page, "leeg-formulier")
    page.get_by_role("button", name="Account maken").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vul de naam van het bedrijf in.")
    expect(summary).to_contain_text("Vul het KvK-nummer in.")
    journey.check(page, "fouten")
    journey.assert_language(page, "nl")
    # The summary links lead to the fields.
    summary.get_by_role("link", name="Vul de naam van het bedrijf in.").click()
    expect(page.get_by_label("Naam van het bedrijf")).to_be_focused()


# The jobseeker's and the staff member's start pages are checked in test_languages.py (English and Dutch).
@pytest.mark.parametrize(
    ("email", "heading"),
    [(BUSINESS_EMAIL, "Bakkerij Het Zoete Hoekje"), (ADMIN_EMAIL, "Overzicht coöperatie")],
    ids=["bedrijf", "beheerder"],
)
def test_each_role_lands_on_its_own_overview(journey, email, heading):
    page = journey.page()
    log_in(journey, page, email, check_as="login")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    journey.check(page, "overzicht")
    log_out(page)
    expect(page.get_by_role("status")).to_contain_text("Je bent uitgelogd.")
    journey.check(page, "uitgelogd")
