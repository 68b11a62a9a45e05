"""Impact charts (SVG with a table and CSV behind each) and the fairness monitor."""

import csv
import io
from datetime import date, datetime, timedelta

from sqlalchemy import select

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import page
from tests.werkstation.staff.workspace import proposed
from werkstation.extensions import db
from werkstation.models import FairnessSelfDescription, Jobseeker, Placement, Suggestion
from werkstation.placements import pipeline
from werkstation.staff import impact


def working(person, start, *, ended=None, hours=16, staff=None):
    """A placement that started on `start` (and maybe ended)."""
    staff = staff or make_user("staff")
    placement = proposed(make_vacancy(schedule={}), person, staff)
    pipeline.respond(placement, "business", True, "", None)
    pipeline.respond(placement, "jobseeker", True, "", None)
    pipeline.move(placement, "kennismaking", staff)
    pipeline.move(placement, "in_dienst", staff, employer_of_record="business", employed_since=start,
                  hours_per_week=hours)
    if ended:
        pipeline.move(placement, "beeindigd", staff, reason="personal", at=datetime.combine(ended, datetime.min.time()))
    db.session.commit()
    return placement


def test_figures_count_residents_hours_retention_and_time_to_work(app):
    today = date(2026, 11, 27)
    resident = make_jobseeker(postcode="3526 AB", created_at=datetime(2026, 1, 1))
    outsider = make_jobseeker(postcode="3521 AL", created_at=datetime(2026, 1, 1))
    working(resident, date(2026, 2, 10), hours=20)
    working(outsider, date(2026, 2, 12), hours=12)
    quitter = make_jobseeker(postcode="3526 CD", created_at=datetime(2026, 3, 1))
    working(quitter, date(2026, 4, 1), ended=date(2026, 5, 15), hours=8)
    with app.test_request_context():
        per_month = dict(impact.placed_per_month(today).rows)
        assert per_month["2026-02"] == 1 and per_month["2026-04"] == 1 and per_month["2026-03"] == 0
        hours = dict(impact.hours_per_month(today).rows)
        assert hours["2026-04"] == 28 and hours["2026-06"] == 20
        retention = impact.retention(today).rows
        assert retention[0][1:] == (3, 2, 66.7)  # 3 months: started 3, kept 2
        funnel = dict(impact.funnel().rows)
        assert funnel["Voorgesteld"] == 3 and funnel["Contract"] == 3 and funnel["Allebei ja"] == 3
        waiting = dict(impact.time_to_first_placement().rows)
        assert waiting["31–90 dagen"] == 3


def test_impact_page_has_accessible_svg_charts_with_tables_and_csv(app, client):
    working(make_jobseeker(postcode="3526 AB"), date.today() - timedelta(days=40))
    login(client, make_user("staff"))
    html = client.get("/medewerker/impact").get_data(as_text=True)
    assert html.count("<svg") == 5 and html.count("<title id=") == 5 and html.count("<desc id=") == 5
    assert 'role="img"' in html and html.count("<table") == 5
    # The charts need no JavaScript: the only script on the page is the shared error-summary focus helper.
    assert [s.get("src", "") for s in page(html).find_all("script")] == ["/static/js/error-summary.js"]
    response = client.get("/medewerker/impact/bewoners-per-maand.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Maand", "Bewoners gestart"] and len(rows) == 13 and sum(int(r[1]) for r in rows[1:]) == 1
    for name in ("uren-per-week", "trechter", "behoud", "tijd-tot-werk"):
        assert client.get(f"/medewerker/impact/{name}.csv").status_code == 200
    assert client.get("/medewerker/impact/onbekend.csv").status_code == 404


def test_self_description_is_voluntary_separate_and_erasable(app, client):
    person = make_jobseeker()
    login(client, person.user)
    url = "/over-mij/eerlijkheid"
    html = client.get(url).get_data(as_text=True)
    assert "Zeg ik liever niet" in html and "nooit" in html
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "gender": "liever_niet",
                                      "age_band": "27_44"})
    assert response.status_code == 302
    row = db.session.scalar(select(FairnessSelfDescription))
    assert (row.jobseeker_id, row.gender, row.age_band, row.disability) == (person.id, "liever_niet", "27_44", None)
    client.post(url, data={"csrf_token": csrf_token(client, url), "remove": "1"})
    assert db.session.scalar(select(FairnessSelfDescription)) is None


def test_fairness_form_is_marked_monitoring_only():
    from werkstation.fairness.forms import SelfDescriptionForm

    assert SelfDescriptionForm.fairness_monitoring_only is True


def make_group(n, gender, vacancy, shortlist_first, staff):
    people = []
    for i in range(n):
        person = make_jobseeker(with_user=False)
        db.session.add(FairnessSelfDescription(jobseeker_id=person.id, gender=gender))
        row = Suggestion(vacancy_id=vacancy.id, jobseeker_id=person.id, score=0.8, eligible=True, explanation={},
                         model_version="test")
        if i < shortlist_first:
            row.decision, row.decided_by_id = "shortlist", staff.id
        db.session.add(row)
        people.append(person)
    db.session.commit()
    return people


def test_four_fifths_warning_only_for_groups_large_enough(app, client):
    staff = make_user("staff")
    vacancy = make_vacancy()
    make_group(20, "vrouw", vacancy, shortlist_first=5, staff=staff)   # 25%
    make_group(20, "man", vacancy, shortlist_first=10, staff=staff)    # 50%
    make_group(5, "anders", vacancy, shortlist_first=0, staff=staff)   # too few to say
    login(client, staff)
    html = client.get("/medewerker/eerlijkheid").get_data(as_text=True)
    assert "vier-vijfde regel (50%)" in html
    assert "te weinig om iets te zeggen" in html


def test_no_warning_when_groups_are_too_small(app):
    from werkstation.fairness import monitor

    staff = make_user("staff")
    vacancy = make_vacancy()
    make_group(10, "vrouw", vacancy, shortlist_first=1, staff=staff)
    make_group(10, "man", vacancy, shortlist_first=9, staff=staff)
    with app.test_request_context():
        steps = monitor.selection_rates()["gender"][1]
    shortlist = next(s for s in steps if s.key == "shortlisted")
    assert shortlist.too_few and not shortlist.warning


def test_available_residents_never_proposed_in_60_days(app, client):
    waiting = make_jobseeker(name="Wacht Al Lang", postcode="3526 AA")
    recently = make_jobseeker(name="Net Voorgesteld", postcode="3526 AB")
    make_jobseeker(name="Buiten De Wijk", postcode="3521 AL")
    old = make_jobseeker(name="Lang Geleden", postcode="3526 CC")
    proposed(make_vacancy(), recently)
    placement = proposed(make_vacancy(schedule={"sat": ["morning"]}), old)
    placement.created_at = datetime.now() - timedelta(days=90)
    pipeline.move(placement, "beeindigd", None, reason="other")
    working_since = make_jobseeker(name="Werkt Al", postcode="3526 DD")
    still = proposed(make_vacancy(schedule={"sun": ["morning"]}), working_since)
    still.created_at = datetime.now() - timedelta(days=90)
    db.session.commit()
    login(client, make_user("staff"))
    html = client.get("/medewerker/eerlijkheid").get_data(as_text=True)
    assert "Wacht Al Lang" in html and "Lang Geleden" in html
    assert "Net Voorgesteld" not in html and "Buiten De Wijk" not in html and "Werkt Al" not in html
    assert db.session.get(Jobseeker, waiting.id) and db.session.get(Placement, placement.id)


def test_chart_axes_end_on_round_numbers_and_percentages_on_100():
    assert [impact.nice_top(v) for v in (0, 3, 19, 296, 3408)] == [1, 5, 20, 500, 5000]
    figure = impact.Figure("x", "t", "d", ["a", "b"], [], [88.2, 85.7], ["3", "6"], unit="%")
    chart = figure.chart
    assert [label for _y, label in chart["ticks"]] == ["0", "50", "100"]
    assert chart["bars"][0].value == "88.2%" and chart["bars"][0].height < chart["base"] - 16
