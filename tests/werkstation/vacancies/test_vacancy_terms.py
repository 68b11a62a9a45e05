"""Pay, contract, start, work address and the business's name: asked in the vacancy form (business and staff), shown
in plain words on the business's, the staff's and the resident's page; the resident reads the business's name only
when the business allows it or both said yes, in messages too."""

import pytest
from sqlalchemy import func, select

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import page, text
from tests.werkstation.staff.workspace import answer, business_user, proposed
from tests.werkstation.vacancies.test_vacancy_pages import GOOD_VACANCY, post_vacancy
from werkstation import matching_bridge
from werkstation.demo import SECTOR_CAO, vacancy_terms
from werkstation.extensions import db
from werkstation.models import Vacancy
from werkstation.outbox.models import Message


@pytest.fixture
def business(app):
    return make_business(name="Schoonmaakbedrijf Glans", postcode="3526 AB", sector="schoonmaak")


@pytest.fixture
def logged_in(client, business):
    login(client, business.users[0])
    return client


def error_of(response, name):
    tag = page(response).find(id=f"{name}-error")
    return plain(tag.get_text(" ", strip=True).removeprefix("Fout:")) if tag else None


def plain(words):
    """Text as read (Babel keeps "€" and its amount together with a no-break space)."""
    return words.replace("\xa0", " ").strip()


def vacancies():
    return db.session.scalar(select(func.count()).select_from(Vacancy))


def test_an_hourly_wage_with_a_comma_and_a_contract_are_stored_and_shown(logged_in):
    response = post_vacancy(logged_in, "/vacatures/nieuw", dict(
        GOOD_VACANCY, hourly_wage="15,25", contract_type="proefplaatsing_eerst", start_date="",
        work_address="Kanaleneiland Zuid 12, Utrecht", name_visible="yes"))
    assert response.status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    assert (vacancy.hourly_wage_cents, vacancy.cao_name, vacancy.contract_type) == (1525, None, "proefplaatsing_eerst")
    assert (vacancy.work_address, vacancy.name_visible) == ("Kanaleneiland Zuid 12, Utrecht", True)
    shown = page(logged_in.get(response.headers["Location"]))
    assert plain(shown.find(id="pay").get_text(strip=True)) == "€ 15,25 per uur"
    assert "Eerst een proefplaatsing" in shown.find(id="contract").get_text()
    assert "Kanaleneiland Zuid 12, Utrecht" in text(shown.decode()) and "Bewoners zien de naam meteen." in shown.decode()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"hourly_wage": "14,25"}, "hourly_wage",
     "Dit is minder dan het wettelijk minimumloon voor volwassenen: € 14,40 per uur. Vul minstens dat bedrag in."),
    ({"hourly_wage": "veertien"}, "hourly_wage", "Vul een bedrag in euro in, zoals 14,25."),
    ({"hourly_wage": "1450"}, "hourly_wage", "Vul een loon per uur in van hoogstens € 100,00."),
    ({"hourly_wage": ""}, "hourly_wage", "Vul het loon per uur in, zoals 14,50."),
    ({"pay": "", "hourly_wage": ""}, "pay", "Kies hoe het loon is geregeld: een bedrag per uur of volgens een cao."),
    ({"pay": "cao", "hourly_wage": "", "cao_name": "  "}, "cao_name", "Vul de naam van de cao in, zoals cao Horeca."),
    ({"contract_type": ""}, "contract_type", "Kies wat voor contract iemand krijgt."),
    ({"contract_type": "nul-uren"}, "contract_type", "Kies een van de mogelijkheden uit de lijst."),
])
def test_pay_and_contract_are_required_and_checked_next_to_the_field(logged_in, data, field, message):
    response = post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, **data))
    assert response.status_code == 200
    assert error_of(response, field) == message
    assert vacancies() == 0
    if data.get("hourly_wage"):  # what was typed stays in the box
        assert page(response).find("input", attrs={"name": "hourly_wage"})["value"] == data["hourly_wage"]


def test_by_cao_the_name_is_enough_and_a_wage_may_be_added(logged_in):
    cao = "cao Schoonmaak- en glazenwassersbedrijf"
    assert post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, pay="cao", hourly_wage="",
                                                            cao_name=cao)).status_code == 302
    assert post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, pay="cao", hourly_wage="€ 16",
                                                            cao_name="cao Horeca")).status_code == 302
    first, second = db.session.scalars(select(Vacancy).order_by(Vacancy.id)).all()
    assert (first.cao_name, first.hourly_wage_cents) == (cao, None)
    assert (second.cao_name, second.hourly_wage_cents) == ("cao Horeca", 1600)
    shown = page(logged_in.get(f"/vacatures/{second.id}"))
    assert plain(shown.find(id="pay").get_text(strip=True)) == "volgens cao Horeca, € 16,00 per uur"


def test_the_minimum_wage_is_a_setting(app, logged_in):
    app.config["MINIMUM_HOURLY_WAGE_CENTS"] = 1500
    response = post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, hourly_wage="14,75"))
    assert "€ 15,00 per uur" in error_of(response, "hourly_wage")


def test_staff_enter_a_vacancy_through_the_same_questions(app, client, business):
    login(client, make_user("staff"))
    response = post_vacancy(client, "/medewerker/vacatures/nieuw",
                            dict(GOOD_VACANCY, business_id=str(business.id), contract_type=""))
    assert error_of(response, "contract_type") == "Kies wat voor contract iemand krijgt."
    assert vacancies() == 0
    done = post_vacancy(client, "/medewerker/vacatures/nieuw", dict(GOOD_VACANCY, business_id=str(business.id)))
    assert done.status_code == 302
    assert db.session.scalar(select(Vacancy)).contract_type == "tijdelijk"


def test_an_older_vacancy_shows_not_filled_in_and_its_edit_asks_for_pay_and_contract(app, logged_in, business):
    old = make_vacancy(business=business, hourly_wage_cents=None, contract_type=None)
    shown = page(logged_in.get(f"/vacatures/{old.id}"))
    assert plain(shown.find(id="pay").get_text(strip=True)) == "nog niet ingevuld"
    assert shown.find(id="contract").get_text(strip=True) == "nog niet ingevuld"
    form = logged_in.get(f"/vacatures/{old.id}/bewerken").get_data(as_text=True)
    assert page(form).find("input", attrs={"name": "pay", "checked": True}) is None
    kept = {k: v for k, v in GOOD_VACANCY.items() if k not in ("pay", "hourly_wage", "contract_type")}
    refused = post_vacancy(logged_in, f"/vacatures/{old.id}/bewerken", dict(kept, title="Schoonmaker scholen"))
    assert error_of(refused, "contract_type") and error_of(refused, "pay")
    db.session.refresh(old)
    assert old.title == "Schoonmaker" and old.contract_type is None  # nothing half-saved
    saved = post_vacancy(logged_in, f"/vacatures/{old.id}/bewerken", dict(GOOD_VACANCY, contract_type="vast"))
    assert saved.status_code == 302
    db.session.refresh(old)
    assert (old.contract_type, old.hourly_wage_cents) == ("vast", 1475)


def test_the_edit_form_shows_what_is_stored(logged_in, business):
    vacancy = make_vacancy(business=business, hourly_wage_cents=None, cao_name="cao Horeca", contract_type="oproep",
                           work_address="Europaplein 2, Utrecht", name_visible=True)
    form = page(logged_in.get(f"/vacatures/{vacancy.id}/bewerken"))
    assert form.find("input", attrs={"name": "pay", "checked": True})["value"] == "cao"
    assert form.find("input", attrs={"name": "cao_name"})["value"] == "cao Horeca"
    assert form.find("input", attrs={"name": "contract_type", "checked": True})["value"] == "oproep"
    assert form.find("input", attrs={"name": "name_visible", "checked": True})["value"] == "yes"
    assert form.find("input", attrs={"name": "work_address"})["value"] == "Europaplein 2, Utrecht"


# --- what the resident reads --------------------------------------------------------------------------------------


def fitting(**terms):
    vacancy = make_vacancy(business=make_business(name="Schoonmaakbedrijf Glans", sector="schoonmaak"), **terms)
    person = make_jobseeker()
    matching_bridge.rescore(vacancy)
    db.session.commit()
    return vacancy, person


def test_the_resident_reads_trade_area_pay_and_contract_but_not_a_hidden_name(app, client):
    vacancy, person = fitting(hourly_wage_cents=1480, contract_type="oproep", work_address="Europaplein 2, Utrecht")
    login(client, person.user)
    html = client.get(f"/profiel/vacatures/{vacancy.id}").get_data(as_text=True)
    words = text(html)
    assert "Schoonmaakbedrijf Glans" not in html
    assert "Een bedrijf uit de sector Schoonmaak" in words and "3526" in words
    assert "De naam hoor je als jullie allebei ja zeggen." in words
    assert plain(page(html).find(id="pay").get_text(strip=True)) == "€ 14,80 per uur"
    assert "Oproepcontract" in page(html).find(id="contract").get_text()
    assert "Europaplein 2, Utrecht" in words
    assert "Schoonmaakbedrijf Glans" not in client.get("/profiel").get_data(as_text=True)


def test_the_resident_reads_the_name_when_the_business_allows_it(app, client):
    vacancy, person = fitting(name_visible=True)
    login(client, person.user)
    shown = page(client.get(f"/profiel/vacatures/{vacancy.id}"))
    assert shown.find(id="business-name").get_text(strip=True) == "Schoonmaakbedrijf Glans"
    assert "Schoonmaakbedrijf Glans" in client.get("/profiel").get_data(as_text=True)


def test_the_resident_reads_the_name_in_arabic_as_a_trade(app, client):
    vacancy, person = fitting()
    login(client, person.user)
    client.get("/taal/ar")
    words = text(client.get(f"/profiel/vacatures/{vacancy.id}").get_data(as_text=True))
    assert "شركة من قطاع" in words and "Schoonmaakbedrijf Glans" not in words


def test_a_cao_name_inside_arabic_text_keeps_its_own_order(app, client):
    # "حسب cao Bakkersbedrijf (2025-2026)" was shown scrambled: the Dutch name is isolated on a right-to-left page.
    vacancy, person = fitting(cao_name="cao Bakkersbedrijf (2025-2026)", hourly_wage_cents=None)
    login(client, person.user)
    pay = page(client.get(f"/profiel/vacatures/{vacancy.id}")).find(id="pay").get_text()
    assert pay == "volgens cao Bakkersbedrijf (2025-2026)"  # Dutch: nothing added
    client.get("/taal/ar")
    pay = page(client.get(f"/profiel/vacatures/{vacancy.id}")).find(id="pay").get_text()
    assert "\u2068cao Bakkersbedrijf (2025-2026)\u2069" in pay


def jobseeker_messages(person):
    return [m.body_text + m.subject for m in db.session.scalars(select(Message).where(
        Message.jobseeker_id == person.id).order_by(Message.id))]


def test_a_proposal_names_the_business_only_when_allowed_and_after_both_said_yes(app, client):
    hidden, person = fitting()
    placement = proposed(hidden, person)
    proposal = jobseeker_messages(person)
    assert proposal and all("Schoonmaakbedrijf Glans" not in m for m in proposal)
    assert "een bedrijf uit de sector Schoonmaak" in proposal[0]
    login(client, person.user)
    before = client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)
    assert "Schoonmaakbedrijf Glans" not in before and "Een bedrijf uit de sector Schoonmaak" in text(before)
    business = app.test_client()
    login(business, business_user(hidden))
    assert answer(business, placement, True).status_code == 302
    assert all("Schoonmaakbedrijf Glans" not in m for m in jobseeker_messages(person))
    assert answer(client, placement, True).status_code == 302
    after = client.get(f"/plaatsingen/{placement.id}").get_data(as_text=True)
    assert "Schoonmaakbedrijf Glans" in after


def test_a_proposal_for_a_business_that_shows_its_name_names_it(app):
    allowed, person = fitting(name_visible=True)
    proposed(allowed, person)
    assert any("Schoonmaakbedrijf Glans" in m for m in jobseeker_messages(person))


# --- the demo ------------------------------------------------------------------------------------------------------


def test_demo_vacancies_have_pay_at_least_the_minimum_and_a_contract(app):
    import random

    rng = random.Random(1)
    for sector, cao in SECTOR_CAO.items():
        for _ in range(20):
            terms = vacancy_terms(rng, sector)
            assert terms["cao_name"] == cao and terms["contract_type"]
            assert terms["cao_name"] or terms["hourly_wage_cents"] >= app.config["MINIMUM_HOURLY_WAGE_CENTS"]


# --- the migration -------------------------------------------------------------------------------------------------


def test_the_migration_gives_vacancies_from_before_empty_terms_and_a_hidden_name(app):
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text as sql

    make_vacancy(hourly_wage_cents=1500, cao_name="cao Horeca", contract_type="vast", work_address="Europaplein 2",
                 name_visible=True)
    db.session.remove()
    downgrade(revision="0012_resident_interest")
    assert db.session.scalar(sql("SELECT count(*) FROM vacancy")) == 1
    db.session.remove()
    upgrade()
    row = db.session.execute(sql("SELECT hourly_wage_cents, cao_name, contract_type, work_address, name_visible "
                                 "FROM vacancy")).one()
    assert tuple(row) == (None, None, None, None, False)


def test_staff_see_pay_contract_and_start_above_the_queue(app, client):
    vacancy = make_vacancy(cao_name="cao Schoonmaak- en glazenwassersbedrijf", hourly_wage_cents=None,
                           contract_type="vast")
    login(client, make_user("staff"))
    terms = plain(page(client.get(f"/medewerker/vacatures/{vacancy.id}")).find(id="terms").get_text(" ", strip=True))
    assert "volgens cao Schoonmaak- en glazenwassersbedrijf" in terms and "Vast contract" in terms
    assert "zo snel mogelijk" in terms


def test_the_residents_own_copy_names_a_hidden_business_by_its_trade(app, client):
    vacancy, person = fitting()
    login(client, person.user)
    exported = client.get("/profiel/download").get_json()
    assert [s["vacancy"]["business"] for s in exported["suggestions"]] == [None]
    assert exported["suggestions"][0]["vacancy"]["sector"] == "schoonmaak"
    copy = text(client.get("/profiel/mijn-gegevens").get_data(as_text=True))
    assert "een bedrijf uit de sector Schoonmaak" in copy and "Schoonmaakbedrijf Glans" not in copy
