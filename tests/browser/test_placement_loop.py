"""The placement loop on a 375 px phone, every person at their own browser.

A cleaning business posts a vacancy with one place. A resident who cleans opens it from their list of fitting
vacancies and says "Ik heb interesse". Staff see that in the vacancy's queue, shortlist and propose; the business and
the resident both say yes on their own pages; staff plan the kennismaking and start the trial (proefplaatsing).
Then what people notice: the resident is "aan het werk" and gone from the queue of another vacancy they fitted, and
the vacancy shows "vervuld".
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.actions import (
    STAFF_EMAIL,
    fitting_vacancy_links,
    last_queue_page,
    log_in,
    move_placement,
    open_queue,
    post_vacancy,
    queue_item,
    say_interest,
    say_yes_to_proposal,
    search_vacancies,
    shortlist,
    shortlist_and_propose,
)
from tests.browser.support import PHONE
from werkstation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

BUSINESS_EMAIL = "bedrijf6@werkstation-demo.nl"  # Schoonmaakbedrijf Glans (demo), 3526 LC
RESIDENT = {"name": "Latifa Schoonhoven", "email": "latifa.schoonhoven@voorbeeld.nl",
            "password": "Trappenhuizen poetsen 2026", "phone": "06 12121212", "postcode": "3526 LC"}
VACANCY = {
    "title": "Schoonmaker trappenhuizen",
    "description": "Je maakt de trappenhuizen van flats in Kanaleneiland schoon. Je werkt samen met een collega.",
    "hours_min": "12", "hours_max": "16", "seats": "1",
    "schedule": ["maandag ochtend", "woensdag ochtend", "vrijdag ochtend"],
    "talents": ["Schoonmaken"],
}
# Filters that keep the queue short enough to find the person on its first page, before and after.
FILTERS = ("Alleen wie aan alle eisen voldoet", "Alleen bewoners van de wijk")


def _a_resident_who_cleans():
    """A resident with an account and a finished profile that fits cleaning work in the neighbourhood."""
    from werkstation import matching_bridge
    from werkstation.demo import ESCO, JOBS
    from werkstation.extensions import db
    from werkstation.models import Jobseeker, User, utcnow
    from werkstation.vocabulary import JobseekerStatus, Role

    user = User(email=RESIDENT["email"], role=Role.JOBSEEKER)
    user.set_password(RESIDENT["password"])
    weekdays = ("mon", "tue", "wed", "thu", "fri")
    person = Jobseeker(
        user=user, name=RESIDENT["name"], phone=RESIDENT["phone"], email=RESIDENT["email"],
        postcode=RESIDENT["postcode"], occupations=[ESCO + JOBS["schoonmaker"][0]],
        talents=["schoonmaken", "volgen van instructies en procedures", "tijd beheren"],
        about="Ik heb als schoonmaker in kantoren en scholen gewerkt.", hours_min=12, hours_max=24,
        availability={day: ["morning", "afternoon"] for day in weekdays}, languages={"nl": "B2"}, licences=[],
        certificates=[], max_travel_minutes=30, travel_mode="walk", status=JobseekerStatus.AVAILABLE,
        consent_at=utcnow(), consent_version="2026-11",
    )
    db.session.add_all([user, person])
    db.session.flush()
    matching_bridge.rescore(person)
    db.session.commit()
    return person.id


def _statuses(vacancy_id, jobseeker_id):
    from werkstation.extensions import db
    from werkstation.models import Jobseeker, Vacancy

    return db.session.get(Vacancy, vacancy_id).status, db.session.get(Jobseeker, jobseeker_id).status


def _today():
    from werkstation.models import utcnow

    return utcnow().date()


def test_interest_proposal_both_yes_and_the_trial_fill_the_vacancy(journey):
    person_id = journey.server.query(_a_resident_who_cleans)
    business = journey.page(viewport=PHONE)
    log_in(journey, business, BUSINESS_EMAIL, DEMO_PASSWORD, check_as="bedrijf")
    journey.check(business, "bedrijf-overzicht", lang="nl")
    vacancy_id = post_vacancy(journey, business, VACANCY, check_as="bedrijf-vacature")

    resident = journey.page(viewport=PHONE)
    log_in(journey, resident, RESIDENT["email"], RESIDENT["password"], check_as="bewoner")
    fitting = fitting_vacancy_links(resident)
    journey.check(resident, "bewoner-profiel", lang="nl")
    assert fitting.get(vacancy_id) == VACANCY["title"], f"the new vacancy is not in the resident's list: {fitting}"
    (other_id, other_title), third = [(i, t) for i, t in fitting.items() if i != vacancy_id][:2]
    say_interest(journey, resident, vacancy_id, VACANCY["title"])

    staff = journey.page(viewport=PHONE)
    log_in(journey, staff, STAFF_EMAIL, check_as="medewerker")
    # Staff also consider her for another vacancy she fits: she ranks first there, and goes on the shortlist.
    open_queue(journey, staff, other_id, other_title, check_as="medewerker-andere-vacature-voor", filters=FILTERS)
    expect(staff.get_by_role("main").get_by_role("listitem").first).to_contain_text(RESIDENT["name"])
    other_suggestion = shortlist(journey, staff, RESIDENT["name"], check_as="medewerker-andere-vacature")
    open_queue(journey, staff, third[0], third[1], check_as="medewerker-derde-vacature-voor", filters=FILTERS)
    expect(queue_item(staff, RESIDENT["name"])).to_have_count(1)
    open_queue(journey, staff, vacancy_id, VACANCY["title"], check_as="medewerker-wachtrij")
    expect(queue_item(staff, RESIDENT["name"])).to_contain_text("heeft interesse")
    placement_url = shortlist_and_propose(journey, staff, RESIDENT["name"], check_as="medewerker")

    to_proposal = [re.compile(r"nieuwe? voorstel|Voorstellen van de coöperatie"),
                   re.compile(f"Voorstel \\d+ voor {VACANCY['title']}")]
    say_yes_to_proposal(journey, business, to_proposal, check_as="bedrijf")
    say_yes_to_proposal(journey, resident, [re.compile(VACANCY["title"])], check_as="bewoner")
    expect(resident.get_by_role("main")).to_contain_text("Contactgegevens")

    start_the_trial(journey, staff, placement_url)
    other_queue_after_the_trial(journey, staff, other_id, other_title, other_suggestion)
    gone_from_the_queue(journey, staff, *third)
    not_in_the_plan(journey, staff)
    after_the_trial(journey, staff, business, resident, vacancy_id)
    assert journey.server.query(lambda: _statuses(vacancy_id, person_id)) == ("filled", "placed")


def start_the_trial(journey, staff, placement_url):
    """Staff plan the kennismaking for the day after tomorrow, then start the proefplaatsing today."""
    today = journey.server.query(_today)
    staff.goto(placement_url)
    journey.check(staff, "medewerker-beide-ja", lang="nl")
    move_placement(staff, "kennismaking", meeting_date=(today + timedelta(days=2)).isoformat(), meeting_time="10:30")
    expect(staff.get_by_role("main")).to_contain_text("10:30")
    journey.check(staff, "medewerker-kennismaking", lang="nl")
    move_placement(staff, "proefplaatsing", trial_start=today.isoformat(),
                   trial_end=(today + timedelta(days=56)).isoformat())
    expect(staff.get_by_role("main").locator(".tag").first).to_have_text("proefplaatsing")
    journey.check(staff, "medewerker-proefplaatsing", lang="nl")


def other_queue_after_the_trial(journey, staff, other_id, other_title, suggestion_url):
    """In the other vacancy's queue she no longer ranks first: she is last, marked with her trial, and proposing her
    there is refused on the same page, with what to do next."""
    open_queue(journey, staff, other_id, other_title, check_as="medewerker-andere-vacature-na", filters=FILTERS)
    expect(queue_item(staff, RESIDENT["name"])).to_have_count(0)
    last_queue_page(journey, staff, check_as="medewerker-andere-vacature-na")
    marked = queue_item(staff, RESIDENT["name"])
    expect(marked).to_contain_text(f"proefplaatsing bij {VACANCY['title']}")
    staff.goto(suggestion_url)
    journey.check(staff, "medewerker-andere-suggestie-na", lang="nl")
    staff.get_by_role("button", name="Voorstellen").click()
    refusal = staff.get_by_role("alert")
    expect(refusal).to_contain_text("Voorstellen lukte niet.")
    expect(refusal).to_contain_text("al aan het werk")
    expect(refusal.get_by_role("link", name=f"Bekijk wat er loopt bij {VACANCY['title']}")).to_be_visible()
    journey.check(staff, "medewerker-andere-voorstel-geweigerd", lang="nl")


def gone_from_the_queue(journey, staff, vacancy_id, title):
    """Where nobody had decided about her yet, she is gone from the queue: not first, not among the people at work
    at its end."""
    open_queue(journey, staff, vacancy_id, title, check_as="medewerker-derde-vacature-na", filters=FILTERS)
    expect(queue_item(staff, RESIDENT["name"])).to_have_count(0)
    last_queue_page(journey, staff, check_as="medewerker-derde-vacature-na")
    expect(queue_item(staff, RESIDENT["name"])).to_have_count(0)


def not_in_the_plan(journey, staff):
    """The neighbourhood plan pairs neither her (at work) nor the vacancy (vervuld)."""
    staff.goto("/medewerker/plan")
    journey.check(staff, "medewerker-wijkplan", lang="nl")
    expect(staff.get_by_role("main")).not_to_contain_text(RESIDENT["name"])
    expect(staff.get_by_role("main")).not_to_contain_text(VACANCY["title"])


def after_the_trial(journey, staff, business, resident, vacancy_id):
    """The vacancy is "vervuld" for staff and for the business; the resident is "aan het werk"."""
    open_queue(journey, staff, vacancy_id, VACANCY["title"], check_as="medewerker-wachtrij-vervuld")
    expect(staff.get_by_role("main")).to_contain_text("1 van 1 plek bezet of voorgesteld")
    # No longer among the open vacancies; found with the status "vervuld".
    open_ones = search_vacancies(journey, staff, VACANCY["title"], check_as="medewerker-open-vacatures")
    expect(open_ones.get_by_role("link", name=VACANCY["title"], exact=True)).to_have_count(0)
    filled = search_vacancies(journey, staff, VACANCY["title"], status="vervuld", check_as="medewerker-vervuld")
    row = filled.get_by_role("row").filter(has=staff.get_by_role("link", name=VACANCY["title"], exact=True))
    expect(row).to_contain_text("vervuld")

    business.goto("/dashboard")
    item = business.get_by_role("main").get_by_role("listitem").filter(has_text=VACANCY["title"])
    expect(item).to_contain_text("vervuld")
    journey.check(business, "bedrijf-vervuld", lang="nl")

    resident.goto("/profiel")
    expect(resident.get_by_role("main")).to_contain_text("aan het werk")
    expect(resident.get_by_role("main")).to_contain_text("Je bent aan het werk, dus we zoeken nu niet.")
    journey.check(resident, "bewoner-aan-het-werk", lang="nl")
