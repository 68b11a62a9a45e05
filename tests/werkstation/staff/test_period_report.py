"""The report for the municipality: any period, numbers equal to a direct count, small counts hidden, PDF and CSV."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import distinct, func, select
from werkzeug.datastructures import MultiDict

from tests.factories import BAKER, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import page, text
from werkstation.extensions import db
from werkstation.models import Jobseeker, Placement, Vacancy
from werkstation.staff import report

Q3 = "/medewerker/impact/rapport?period=quarter&year=2026&number=3"


def _placement(vacancy, person, start, **values):
    row = Placement(vacancy=vacancy, jobseeker=person, stage=values.pop("stage", "proefplaatsing"),
                    trial_start=start, **values)
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def world(app):
    app.config["NEIGHBOURHOOD_PC4"] = ("3526",)
    cleaning, bakery = make_vacancy(title="Schoonmaker"), make_vacancy(title="Bakker", occupation_uri=BAKER)
    for n in range(6):
        _placement(cleaning, make_jobseeker(name=f"Bewoner Geheim {n}", postcode="3526 KL"), date(2026, 7, 1 + n),
                   hours_per_week=12)
    _placement(cleaning, make_jobseeker(name="Buiten Geheim", postcode="3511 AA"), date(2026, 9, 30),
               hours_per_week=20, stage="beeindigd", ended_at=date(2026, 10, 15))
    _placement(bakery, make_jobseeker(name="Bakker Geheim", postcode="3526 KL"), date(2026, 8, 3))
    _placement(bakery, make_jobseeker(name="Later Geheim"), date(2026, 10, 1))  # the next quarter
    _placement(bakery, make_jobseeker(name="Eerder Geheim"), date(2026, 6, 30))  # the quarter before
    return cleaning, bakery


def direct_counts(start, end):
    """The same figures counted straight from the tables with SQL."""
    first_day = func.coalesce(Placement.trial_start, Placement.employed_since)
    in_period = first_day.between(start, end)
    placed = db.session.scalar(select(func.count(distinct(Placement.jobseeker_id))).where(in_period))
    residents = db.session.scalar(
        select(func.count(distinct(Placement.jobseeker_id))).join(Jobseeker)
        .where(in_period, func.substr(Jobseeker.postcode, 1, 4) == "3526"))
    businesses = db.session.scalar(select(func.count(distinct(Vacancy.business_id))).join(Placement).where(in_period))
    hours = db.session.scalar(select(func.sum(func.coalesce(Placement.hours_per_week, Vacancy.hours_min)))
                              .join(Vacancy).where(in_period))
    return placed, residents, businesses, hours


def test_the_quarter_equals_a_direct_count(world):
    built = report.build(date(2026, 7, 1), date(2026, 9, 30), today=date(2027, 1, 31))
    assert (built.placed, built.residents, built.businesses, built.hours) == direct_counts(date(2026, 7, 1),
                                                                                         date(2026, 9, 30))
    assert (built.placed, built.residents) == (8, 7)
    # After 3 months all 8 started long enough ago, and the one who stopped after 2 weeks works no more; after 6
    # months only the six who started in early July count (on 31 January).
    assert built.retention[3] == (8, 7) and built.retention[6] == (6, 6)
    assert [n for _label, n in built.by_work] == [7, 1]


def test_month_year_and_custom_periods(world):
    for query, bounds in [("period=month&year=2026&number=8", (date(2026, 8, 1), date(2026, 8, 31))),
                          ("period=year&year=2026", (date(2026, 1, 1), date(2026, 12, 31))),
                          ("period=custom&start=2026-06-30&end=2026-07-02", (date(2026, 6, 30), date(2026, 7, 2)))]:
        form = report.PeriodForm(MultiDict([tuple(pair.split("=")) for pair in query.split("&")]))
        assert form.validate(), form.errors
        assert form.bounds() == bounds
        built = report.build(*bounds)
        assert built.placed == direct_counts(*bounds)[0]


def test_the_page_hides_small_counts_and_names(client, world):
    login(client, make_user("staff"))
    response = client.get(Q3)
    assert response.status_code == 200
    figures = page(response).find(id="report-figures").get_text(" ")
    assert "Mensen aan het werk geholpen 8" in " ".join(figures.split())
    assert "Bedrijven geholpen < 5" in " ".join(figures.split())
    assert "Geheim" not in text(response)
    small = client.get("/medewerker/impact/rapport?period=month&year=2026&number=8")
    assert "Mensen aan het werk geholpen < 5" in " ".join(page(small).find(id="report-figures").get_text(" ").split())


def test_the_pdf_shows_the_figures_and_no_personal_data(client, world):
    login(client, make_user("staff"))
    response = client.get(Q3.replace("rapport?", "rapport.pdf?"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "2026-07-01-2026-09-30.pdf" in response.headers["Content-Disposition"]
    pdf_text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages).split())
    assert "Mensen aan het werk geholpen 8" in pdf_text and "van wie bewoners van de wijk 7" in pdf_text
    assert "2026-07-01" in pdf_text and "Geheim" not in pdf_text


def test_the_csv_holds_the_same_figures(client, world):
    login(client, make_user("staff"))
    response = client.get(Q3.replace("rapport?", "rapport.csv?"))
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Mensen aan het werk geholpen,8" in body and "Geheim" not in body


@pytest.mark.parametrize("query, message", [
    ("period=quarter&number=5", "Een kwartaal is 1, 2, 3 of 4."),
    ("period=month&number=13", "Kies een maand van 1 tot en met 12"),
    ("period=custom&start=2026-09-01", "Vul bij 'zelf kiezen' allebei de datums in."),
    ("period=custom&start=2026-09-01&end=2026-01-01", "De einddatum ligt voor de begindatum."),
    ("period=year&year=99999", "Kies een jaar tussen 2000 en 2100."),
    ("period=eeuw", "Kies een van de mogelijkheden uit de lijst."),
    ("period=custom&start=gisteren&end=2026-01-01", "Vul een datum in zoals 2027-03-01."),
])
def test_a_wrong_period_is_explained(client, query, message):
    login(client, make_user("staff"))
    for suffix in ("rapport", "rapport.pdf", "rapport.csv"):
        response = client.get(f"/medewerker/impact/{suffix}?{query}")
        assert response.status_code == 400 and message in text(response)
