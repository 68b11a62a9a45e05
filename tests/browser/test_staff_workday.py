"""A staff member's day in a real browser: find a person by licence, weekday morning and bike, open them, log a call
with a task for tomorrow, see it under "mijn taken", and download the quarter's report as a PDF whose text holds
the figures."""

import io
import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.actions import STAFF_EMAIL, log_in

pytestmark = pytest.mark.browser

NAME = "Noor Fietsrijder"


def _a_person_with_licence_b_on_tuesday_mornings_by_bike():
    from werkstation.extensions import db
    from werkstation.models import Jobseeker, utcnow

    person = Jobseeker(name=NAME, phone="+31611223344", postcode="3526 KL", occupations=[], talents=[],
                       about="Ik fiets overal heen.", hours_min=8, hours_max=24,
                       availability={"tue": ["morning"], "thu": ["afternoon"]}, languages={"nl": "B1"},
                       licences=["B"], certificates=[], max_travel_minutes=30, travel_mode="bike",
                       status="available", consent_at=utcnow(), consent_version="2026-11")
    db.session.add(person)
    db.session.commit()
    return person.id


def _today():
    from werkstation.models import utcnow

    return utcnow().date()


def _quarter_figures():
    from flask import current_app

    from werkstation.models import utcnow
    from werkstation.placements.pipeline import add_months
    from werkstation.staff import report

    today = utcnow().date()
    first = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
    with current_app.test_request_context():  # the figures' names in Dutch, as on the page
        built = report.build(first, add_months(first, 3) - timedelta(days=1))
        return dict(built.rows()), first.isoformat()



def pdf_text(path):
    """The PDF's text as a reader's tool sees it: pdftotext (poppler-utils, which .ci/run installs), else pypdf."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout  # noqa: S603,S607 (a fixed local tool on a file we just saved)
    with open(path, "rb") as f:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(f.read())).pages)


def test_find_a_person_log_a_call_with_a_task_and_download_the_quarter_report(journey):
    person_id = journey.server.query(_a_person_with_licence_b_on_tuesday_mornings_by_bike)
    page = journey.page(accept_downloads=True)
    log_in(journey, page, STAFF_EMAIL, check_as="medewerker-werkdag")
    journey.check(page, "medewerker-werkdag-start", lang="nl")

    page.goto("/medewerker/werkzoekenden")
    journey.check(page, "medewerker-werkzoekenden", lang="nl")
    page.get_by_text("Meer filters").click()
    page.get_by_label("Rijbewijs").select_option(label="B (auto)")
    page.get_by_label("Dag", exact=True).select_option(label="dinsdag")
    page.get_by_label("Dagdeel").select_option(label="ochtend")
    page.get_by_label("Reist met").select_option(label="Fiets")
    page.get_by_role("button", name="Zoeken").click()
    results = page.locator("#results")
    expect(results).to_contain_text(NAME)
    journey.check(page, "medewerker-zoeken", lang="nl")
    results.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    journey.check(page, "medewerker-persoon", lang="nl")

    page.get_by_role("link", name="Contactlog en taken").click()
    journey.check(page, "medewerker-contactlog-leeg", lang="nl")
    page.get_by_label("Gebeld").check()
    page.get_by_label("Wat is er besproken of afgesproken?").fill("Gebeld: wil op dinsdagochtend beginnen.")
    page.get_by_label("Taak (mag leeg)").fill("Terugbellen over de proefplaatsing")
    tomorrow = journey.server.query(_today) + timedelta(days=1)
    page.get_by_label("Taak klaar op").fill(tomorrow.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Opgeslagen in het contactlog.")
    expect(page.locator(".timeline")).to_contain_text("Gebeld: wil op dinsdagochtend beginnen.")
    journey.check(page, "medewerker-contactlog", lang="nl")
    assert f"/medewerker/werkzoekenden/{person_id}/contact" in page.url

    page.get_by_role("link", name="Mijn taken").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn taken")
    expect(page.get_by_role("main")).to_contain_text("Terugbellen over de proefplaatsing")
    expect(page.get_by_role("main")).to_contain_text(NAME)
    journey.check(page, "medewerker-mijn-taken", lang="nl")

    page.goto("/medewerker/impact")
    journey.check(page, "medewerker-impact", lang="nl")
    page.get_by_role("link", name="Rapport voor gemeente of fonds, over een periode naar keuze").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport voor gemeente of fonds")
    journey.check(page, "medewerker-rapport", lang="nl")
    with page.expect_download(timeout=90_000) as download_info:  # WeasyPrint on a busy shared machine
        page.get_by_role("link", name="Download als PDF").click()
    pdf = download_info.value
    figures, first_day = journey.server.query(_quarter_figures)
    text = re.sub(r"<\s*", "<", " ".join(pdf_text(pdf.path()).split()))  # pdftotext writes "< 5" as "<5"
    assert first_day in text
    for what, value in figures.items():
        assert re.sub(r"<\s*", "<", f"{what} {value}") in text, (what, value, text[:500])
    assert NAME not in text
