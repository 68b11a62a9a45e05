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

from tests.browser.support import DESKTOP

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
    page.goto("/")
    journey.check(page, "home", lang="nl")
    page.get_by_role("link", name="Ik heb werk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden als bedrijf")
    journey.check(page, "aanmelden", lang="nl")

    page.get_by_label("Naam van het bedrijf").fill(BUSINESS["name"])
    page.get_by_label("KvK-nummer").fill(BUSINESS["kvk"])
    page.get_by_label("Sector").select_option(label=BUSINESS["sector"])
    page.get_by_label("Postcode van de vestiging").fill(BUSINESS["postcode"])
    page.get_by_label("Naam contactpersoon").fill(BUSINESS["contact"])
    page.get_by_label("Telefoonnummer").fill(BUSINESS["phone"])
    page.get_by_label("E-mailadres").fill(BUSINESS["email"])
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()

    expect(page.get_by_role("status").first).to_contain_text("Je bedrijf is aangemeld")
    expect(page.get_by_role("heading", level=1)).to_have_text(BUSINESS["name"])
    expect(page.get_by_text("Je hebt nog geen vacatures.")).to_be_visible()
    journey.check(page, "overzicht-leeg", lang="nl")

    page.get_by_role("link", name="Nieuwe vacature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vacature")
    journey.check(page, "nieuwe-vacature", lang="nl")

    page.get_by_label("Functie").fill(VACANCY["title"])
    page.get_by_label("Wat ga je doen?").fill(VACANCY["description"])
    page.get_by_label("Minimaal aantal uren per week").fill(VACANCY["hours_min"])
    page.get_by_label("Maximaal aantal uren per week").fill(VACANCY["hours_max"])
    schedule = page.get_by_role("group", name="Wanneer wordt er gewerkt?")
    for slot in VACANCY["schedule"]:
        schedule.get_by_label(slot, exact=True).check()
    page.get_by_role("group", name="Wat moet iemand kunnen?").get_by_label(VACANCY["required_talent"]).check()
    page.get_by_role("group", name="Rijbewijs nodig").get_by_label(VACANCY["licence"]).check()
    journey.check(page, "vacature-ingevuld", lang="nl")
    page.get_by_role("button", name="Vacature plaatsen").click()

    expect(page.get_by_role("status").first).to_contain_text("Je vacature staat online.")
    expect(page.get_by_role("heading", level=1)).to_have_text(VACANCY["title"])
    fit = page.get_by_role("region", name="Wie past bij deze vacature?")
    expect(fit).to_contain_text("mensen uit de wijk passen goed")
    journey.check(page, "vacature-met-aantallen", lang="nl")

    # The numbers the business sees are the matcher's numbers for this vacancy.
    text = fit.inner_text()
    residents, walking = (int(n) for n in re.search(r"(\d+) mensen uit de wijk passen goed, (\d+) wonen op loopafstand", text).groups())
    good = int(re.search(r"In totaal passen (\d+) mensen goed", text).group(1))
    vacancy_id = int(re.search(r"/vacatures/(\d+)", page.url).group(1))
    expected = journey.server.query(lambda: _fit_counts(vacancy_id))
    assert (good, residents, walking) == (expected.good, expected.residents, expected.walking)
    assert good >= residents >= walking >= 0

    # What was asked is what is shown.
    details = page.locator("dl")
    expect(details).to_contain_text("zaterdag: ochtend, middag")
    expect(details).to_contain_text("zondag: ochtend")
    expect(details).to_contain_text("B (auto)")
    expect(details).to_contain_text("12 tot 20 uur")

    page.get_by_role("link", name="Terug naar mijn overzicht").click()
    expect(page.get_by_role("link", name=VACANCY["title"])).to_be_visible()
    journey.check(page, "overzicht-met-vacature", lang="nl")
    STATE["vacancy_id"] = vacancy_id
    STATE["vacancy_path"] = f"/vacatures/{vacancy_id}"


def _fit_counts(vacancy_id):
    from werkstation import match_service
    from werkstation.extensions import db
    from werkstation.models import Vacancy

    return match_service.fit_counts(db.session.get(Vacancy, vacancy_id))
