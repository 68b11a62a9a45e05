"""Staff enter a vacancy for a business that phoned in, on a phone-sized screen: choose the business, fill in the
work, see the error summary when something is missing, and land on the vacancy with its fit counts."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.actions import STAFF_EMAIL, fill_pay_and_contract, log_in
from tests.browser.support import PHONE

pytestmark = pytest.mark.browser


def _a_business():
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import Business

    row = db.session.execute(select(Business.id, Business.name, Business.postcode).order_by(Business.name)).first()
    return row.id, row.name, row.postcode


def _vacancy_of(vacancy_id):
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import AuditEvent, Vacancy

    vacancy = db.session.get(Vacancy, vacancy_id)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.create",
                                                       AuditEvent.object_id == vacancy_id))
    return vacancy.business_id, vacancy.title, event is not None and event.details.get("on_behalf") is True


def test_staff_enter_a_vacancy_for_a_business_on_a_phone(journey):
    business_id, name, postcode = journey.server.query(_a_business)
    page = journey.page(viewport=PHONE)
    log_in(journey, page, STAFF_EMAIL, check_as="medewerker")
    journey.check(page, "medewerker-overzicht", lang="nl")
    page.goto("/medewerker/vacatures")
    journey.check(page, "medewerker-vacatures", lang="nl")
    page.get_by_role("link", name="Vacature invoeren voor een bedrijf").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vacature")
    journey.check(page, "medewerker-vacature-voor-bedrijf", lang="nl")

    # Nothing chosen yet: the summary names the business first, and what was typed stays.
    page.get_by_label("Functie").fill("Hulp in de winkel")
    page.get_by_role("button", name="Vacature plaatsen").click()
    summary = page.get_by_role("alert").first
    expect(summary.get_by_role("listitem").first).to_contain_text("Kies het bedrijf.")
    expect(page.get_by_label("Functie")).to_have_value("Hulp in de winkel")
    journey.check(page, "medewerker-vacature-fouten", lang="nl")

    page.get_by_label("Voor welk bedrijf?").select_option(label=f"{name} ({postcode})")
    page.get_by_label("Minimaal aantal uren per week").fill("8")
    page.get_by_label("Maximaal aantal uren per week").fill("16")
    page.get_by_role("group", name="Wanneer wordt er gewerkt?").get_by_label("maandag ochtend", exact=True).check()
    fill_pay_and_contract(page, "14,40", "Eerst een proefplaatsing")
    page.get_by_role("button", name="Vacature plaatsen").click()

    expect(page.get_by_role("status").first).to_contain_text(f"De vacature van {name} staat online.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp in de winkel")
    expect(page.get_by_role("region", name="Wie past bij deze vacature?")).to_contain_text("passen goed")
    journey.check(page, "medewerker-vacature-online", lang="nl")
    vacancy_id = int(re.search(r"/vacatures/(\d+)", page.url).group(1))
    assert journey.server.query(lambda: _vacancy_of(vacancy_id)) == (business_id, "Hulp in de winkel", True)

    # Staff go straight on to the suggestions, already ranked
    page.get_by_role("link", name="Bekijk wie er past en beslis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggesties voor Hulp in de winkel")
    expect(page.get_by_role("main").get_by_role("heading", level=3).first).to_be_visible()
    journey.check(page, "medewerker-vacature-suggesties", lang="nl")
