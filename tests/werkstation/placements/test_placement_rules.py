"""Placement rules a new user tripped over: a trial longer than 2 months needs UWV's or the municipality's consent,
"in dienst" cannot start during the trial, follow-ups count from the trial's end or the contract's start, the
placement page asks only for what the next step needs, and "Mijn taken" lists placements that wait for staff."""

from datetime import date, timedelta

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import field_names, page, text
from tests.werkstation.placements.test_work_state import both_yes
from tests.werkstation.staff.workspace import proposed
from werkstation.extensions import db
from werkstation.models import Placement, utcnow
from werkstation.placements import pipeline


def at_introduction(staff, **person):
    placement = proposed(make_vacancy(), make_jobseeker(**person), staff)
    both_yes(placement)
    pipeline.move(placement, "kennismaking", staff)
    db.session.commit()
    return placement


def step(client, placement, **fields):
    url = f"/medewerker/plaatsingen/{placement.id}"
    version = page(client.get(url)).select_one("form input[name=version]")["value"]
    return client.post(url, data={"csrf_token": csrf_token(client, url), "version": version, **fields})


def error_next_to(html, name):
    """The error message shown with the field `name` (its label/hint block), '' when none."""
    field = page(html).find(attrs={"name": name})
    block = field.find_parent(class_="field") or field.parent
    found = block.find(class_="error-message")
    return found.get_text(" ", strip=True) if found else ""


def test_a_trial_longer_than_two_months_needs_consent_and_the_typed_dates_stay(app, client):
    staff = make_user("staff")
    placement = at_introduction(staff)
    login(client, staff)
    refused = step(client, placement, to_stage="proefplaatsing", trial_start="2026-12-01", trial_end="2027-03-15")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Een proefplaatsing duurt hoogstens 2 maanden: tot en met 01-02-2027." in error_next_to(html, "trial_end")
    assert page(html).find("input", attrs={"name": "trial_end"})["value"] == "2027-03-15"  # typed input kept
    assert db.session.get(Placement, placement.id).stage == "kennismaking"
    accepted = step(client, placement, to_stage="proefplaatsing", trial_start="2026-12-01", trial_end="2027-03-15",
                    long_trial="y")
    assert accepted.status_code == 302
    assert db.session.get(Placement, placement.id).trial_end == date(2027, 3, 15)


def test_exactly_two_months_is_fine(app):
    staff = make_user("staff")
    placement = at_introduction(staff)
    pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 12, 1), trial_end=date(2027, 2, 1))
    assert placement.stage == "proefplaatsing"


def test_in_dienst_during_the_trial_is_refused_next_to_the_date(app, client):
    staff = make_user("staff")
    placement = at_introduction(staff)
    pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 12, 1), trial_end=date(2027, 1, 15))
    db.session.commit()
    login(client, staff)
    refused = step(client, placement, to_stage="in_dienst", employed_since="2027-01-10", employer_of_record="business")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "In dienst kan pas na de proefplaatsing: op 16-01-2027 of later." in error_next_to(html, "employed_since")
    assert page(html).find("input", attrs={"name": "employed_since"})["value"] == "2027-01-10"
    assert db.session.get(Placement, placement.id).stage == "proefplaatsing"
    assert step(client, placement, to_stage="in_dienst", employed_since="2027-01-16",
                employer_of_record="business").status_code == 302
    assert db.session.get(Placement, placement.id).employed_since == date(2027, 1, 16)


def test_follow_ups_count_from_the_trial_end_then_from_the_contract(app):
    staff = make_user("staff")
    placement = at_introduction(staff)
    pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 12, 1), trial_end=date(2027, 1, 31))
    assert [(f.months, f.due_on) for f in placement.follow_ups] == [
        (1, date(2027, 2, 28)), (3, date(2027, 4, 30)), (6, date(2027, 7, 31))]
    pipeline.move(placement, "in_dienst", staff, employer_of_record="business", employed_since=date(2027, 2, 15))
    db.session.commit()
    assert [(f.months, f.due_on) for f in placement.follow_ups] == [
        (1, date(2027, 3, 15)), (3, date(2027, 5, 15)), (6, date(2027, 8, 15))]


def test_the_placement_page_asks_only_for_what_the_next_step_needs(app, client):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    login(client, staff)
    url = f"/medewerker/plaatsingen/{placement.id}"
    names = field_names(client.get(url))
    assert {"meeting_date", "reason"} <= names and not {"trial_start", "employed_since", "hours_per_week"} & names
    both_yes(placement)
    pipeline.move(placement, "kennismaking", staff)
    db.session.commit()
    names = field_names(client.get(url))
    assert {"trial_start", "trial_end", "long_trial", "employed_since", "employer_of_record"} <= names
    assert "meeting_date" not in names
    pipeline.move(placement, "proefplaatsing", staff, trial_start=date(2026, 12, 1), trial_end=date(2027, 1, 31))
    db.session.commit()
    html = client.get(url).get_data(as_text=True)
    names = field_names(html)
    assert "employed_since" in names and not {"trial_start", "trial_end", "meeting_date"} & names
    assert "01-12-2026 – 31-01-2027" in text(html)  # the trial is shown as a fact


def test_my_tasks_list_meetings_to_plan_and_trials_ending_within_a_week(app, client):
    staff = make_user("staff")
    both = proposed(make_vacancy(title="Bakker"), make_jobseeker(name="Beide Ja"), staff)
    both_yes(both)
    waiting = proposed(make_vacancy(title="Kok"), make_jobseeker(name="Nog Geen Antwoord"), staff)
    today = utcnow().date()
    soon, later = at_introduction(staff, name="Bijna Klaar"), at_introduction(staff, name="Nog Lang")
    pipeline.move(soon, "proefplaatsing", staff, trial_start=today - timedelta(days=30),
                  trial_end=today + timedelta(days=5))
    pipeline.move(later, "proefplaatsing", staff, trial_start=today - timedelta(days=10),
                  trial_end=today + timedelta(days=20))
    db.session.commit()
    login(client, staff)
    html = client.get("/medewerker/taken").get_data(as_text=True)
    to_plan = page(html).find("section", attrs={"aria-labelledby": "to-plan-title"}).get_text(" ", strip=True)
    ending = page(html).find("section", attrs={"aria-labelledby": "trials-ending-title"}).get_text(" ", strip=True)
    assert "Beide Ja" in to_plan and "Nog Geen Antwoord" not in to_plan and waiting.id
    assert "Bijna Klaar" in ending and "Nog Lang" not in ending
    assert f"eindigt op {(today + timedelta(days=5)).strftime('%d-%m-%Y')}" in ending
