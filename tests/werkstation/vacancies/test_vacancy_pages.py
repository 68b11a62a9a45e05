"""Vacancies: post, change, pause and close; validation keeps the input; only the own business sees them."""

import re

import pytest
from sqlalchemy import func, select

from tests.factories import CLEANER, make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import checked, form_state, page, text
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import AuditEvent, Business, Suggestion, Vacancy

# "3 mensen uit de wijk passen goed. 2 mensen wonen op loopafstand." (or "1 persoon ... past goed", "1 persoon woont",
# "Niemand woont op loopafstand.": then the second group is None)
FIT_SENTENCE = re.compile(
    r"(\d+) (?:persoon|mensen) uit de wijk (?:past|passen) goed\. (?:(\d+) (?:persoon|mensen) (?:woont|wonen)|Niemand woont)"
    r" op loopafstand\."
)

GOOD_VACANCY = {
    "title": "Schoonmaker kantoren",
    "occupation_uri": "",
    "description": "Kantoren schoonmaken in de ochtend.",
    "hours_min": "12",
    "hours_max": "20",
    "schedule": ["mon:morning", "wed:morning", "fri:morning"],
    "seats": "2",
    "start_date": "",
    "required_talents": ["schoonmaken"],
    "preferred_talents": ["tijd beheren"],
    "dutch_level": "A2",
    "licences": [],
    "certificates": [],
    "postcode": "",
    "pay": "hourly",
    "hourly_wage": "14,75",
    "cao_name": "",
    "contract_type": "tijdelijk",
    "work_address": "",
    "name_visible": "no",
}


def business_user(business):
    return business.users[0]


def page_state(client, url):
    return {"version": ""} | form_state(client.get(url))


def post_vacancy(client, url, data):
    state = page_state(client, url)
    return client.post(url, data={**state, **data})


@pytest.fixture
def business(app):
    return make_business(name="Schoonmaakbedrijf Glans", postcode="3526 AB")


@pytest.fixture
def logged_in(client, business):
    login(client, business_user(business))
    return client


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_business_posts_a_vacancy_and_sees_counts_of_fitting_neighbours(logged_in, business):
    for _ in range(3):
        make_jobseeker(postcode="3526 KL")
    make_jobseeker(postcode="3584 CS", talents=["zorgen voor kinderen"], occupations=[])
    response = post_vacancy(logged_in, "/vacatures/nieuw", GOOD_VACANCY)
    assert response.status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.business_id == business.id
    assert vacancy.title == "Schoonmaker kantoren"
    assert vacancy.occupation_uri is not None  # resolved on the server without JavaScript
    assert vacancy.postcode == "3526 AB"  # the business's postcode by default
    assert vacancy.schedule == {"mon": ["morning"], "wed": ["morning"], "fri": ["morning"]}
    assert vacancy.languages == {"nl": "A2"}
    assert vacancy.status == "open"
    # Scored in the same transaction.
    assert count(Suggestion) >= 3
    html = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    match = FIT_SENTENCE.search(text(html))
    assert match, html
    assert int(match.group(1)) >= 3
    # Counts only: no names of people.
    assert "Werkzoekende" not in html
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.create")) is not None


def test_the_count_says_how_many_who_fit_well_can_do_what_the_business_finds_important(logged_in):
    # What is important is no hard requirement: someone may fit well without it. The page says how many have it.
    for _ in range(3):
        make_jobseeker(postcode="3526 KL")  # can clean (schoonmaken)
    make_jobseeker(postcode="3526 KL", talents=["tijd beheren"])  # a cleaner by work, without the asked talent
    response = post_vacancy(logged_in, "/vacatures/nieuw", GOOD_VACANCY)
    doc = page(logged_in.get(response.headers["Location"]).get_data(as_text=True))
    good = int(FIT_SENTENCE.search(text(str(doc))).group(1))
    assert good == 4
    assert doc.find(id="with-talents").get_text(strip=True) == "Van hen kunnen 3 mensen alles wat je belangrijk vindt."


def test_one_fitting_neighbour_is_one_person_not_1_mensen(logged_in):
    make_jobseeker(postcode="3526 KL")
    response = post_vacancy(logged_in, "/vacatures/nieuw", GOOD_VACANCY)
    shown = text(logged_in.get(response.headers["Location"]).get_data(as_text=True))
    assert "1 persoon uit de wijk past goed." in shown, shown
    assert FIT_SENTENCE.search(shown).group(1) == "1"
    assert "1 mensen" not in shown


@pytest.mark.parametrize(("good", "residents", "walking", "expected"), [
    (0, 0, 0, "Nog niemand uit de wijk past goed. Niemand woont op loopafstand. Nog niemand past goed bij deze vacature."),
    (2, 0, 0, "Nog niemand uit de wijk past goed. Niemand woont op loopafstand. In totaal (in en buiten de wijk) passen 2 mensen goed"),
    (2, 2, 0, "2 mensen uit de wijk passen goed. Niemand woont op loopafstand. In totaal (in en buiten de wijk) passen 2 mensen goed"),
    (1, 1, 1, "1 persoon uit de wijk past goed. 1 persoon woont op loopafstand. In totaal (in en buiten de wijk) past 1 persoon goed"),
    (3, 2, 1, "2 mensen uit de wijk passen goed. 1 persoon woont op loopafstand. In totaal (in en buiten de wijk) passen 3 mensen goed"),
    (4, 1, 3, "1 persoon uit de wijk past goed. 3 mensen wonen op loopafstand. In totaal (in en buiten de wijk) passen 4 mensen goed"),
])
def test_fit_counts_read_well_for_none_one_and_more(logged_in, business, monkeypatch, good, residents, walking,
                                                    expected):
    vacancy = make_vacancy(business=business)
    db.session.commit()
    counts = matching_bridge.FitCounts(good=good, residents=residents, walking=walking)
    monkeypatch.setattr(matching_bridge, "fit_counts", lambda _vacancy: counts)
    shown = text(logged_in.get(f"/vacatures/{vacancy.id}").get_data(as_text=True))
    assert expected in shown, shown
    assert "1 mensen" not in shown and "0 mensen" not in shown and "0 persoon" not in shown


def test_chosen_occupation_suggestion_is_kept(logged_in):
    post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, title="schoonmaker gebouwen", occupation_uri=CLEANER))
    assert db.session.scalar(select(Vacancy.occupation_uri)) == CLEANER


def test_tampered_occupation_uri_is_not_stored(logged_in):
    post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, occupation_uri="http://evil.example/x"))
    uri = db.session.scalar(select(Vacancy.occupation_uri))
    assert uri != "http://evil.example/x"


def test_licences_and_certificates_are_stored_canonically(logged_in):
    post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, licences=["B"], certificates=["SOCIALE HYGIENE", "HEFTRUCK"]))
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.licences == ["B"]
    assert vacancy.certificates == ["SOCIALE HYGIENE", "HEFTRUCK"]


def test_workplace_postcode_is_normalised(logged_in):
    post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, postcode="3527ab"))
    assert db.session.scalar(select(Vacancy.postcode)) == "3527 AB"


VALIDATION_CASES = [
    ({"title": ""}, "title", "Vul de naam van de functie in."),
    ({"title": "x" * 121}, "title", "Gebruik hoogstens 120 tekens."),
    ({"description": "x" * 2001}, "description", "Gebruik hoogstens 2000 tekens."),
    ({"hours_min": "-1"}, "hours_min", "Vul een aantal uren in van 0 tot en met 60."),
    ({"hours_max": "61"}, "hours_max", "Vul een aantal uren in van 0 tot en met 60."),
    ({"hours_min": "veel"}, "hours_min", "Vul een heel getal in, zoals 12."),
    ({"hours_min": ""}, "hours_min", "Vul een aantal uren in."),
    ({"hours_min": "30", "hours_max": "20"}, "hours_max", "Het maximum moet even groot of groter zijn dan het minimum."),
    ({"schedule": []}, "schedule", "Kies minstens één dagdeel."),
    ({"schedule": ["mon:morning", "xyz:noon"]}, "schedule", "Kies dagdelen uit het rooster."),
    ({"seats": "0"}, "seats", "Kies 1 tot en met 50 plekken."),
    ({"seats": "51"}, "seats", "Kies 1 tot en met 50 plekken."),
    ({"start_date": "2001-01-01"}, "start_date", "Kies een datum vanaf vandaag."),
    ({"start_date": "morgen"}, "start_date", "Vul een datum in zoals 2027-03-01."),
    ({"required_talents": ["schoonmaken", "hacken"]}, "required_talents", "Kies een van de mogelijkheden uit de lijst."),
    ({"preferred_talents": ["<script>"]}, "preferred_talents", "Kies een van de mogelijkheden uit de lijst."),
    ({"dutch_level": "Z9"}, "dutch_level", "Kies een van de mogelijkheden uit de lijst."),
    ({"licences": ["B", "X"]}, "licences", "Kies een van de mogelijkheden uit de lijst."),
    ({"certificates": ["PILOOT"]}, "certificates", "Kies een van de mogelijkheden uit de lijst."),
    ({"postcode": "35266"}, "postcode", "Vul een postcode in zoals 3526 AB."),
    ({"postcode": "1000 AA"}, "postcode", "Deze postcode kennen we niet."),
    ({"title": "Schoon\x01maker"}, "title", "Deze tekst bevat vreemde tekens."),
]


def test_every_validation_rule_shows_a_dutch_message_and_keeps_the_input(logged_in):
    for changes, field, message in VALIDATION_CASES:
        response = post_vacancy(logged_in, "/vacatures/nieuw", dict(GOOD_VACANCY, **changes))
        html = response.get_data(as_text=True)
        assert response.status_code == 200, changes
        assert message in html, changes
        assert f'id="{field}-error"' in html, changes
        assert 'class="error-summary"' in html, changes
        if "title" not in changes:
            assert 'value="Schoonmaker kantoren"' in html, changes  # the input stays
    assert count(Vacancy) == 0


def test_double_submit_creates_one_vacancy(logged_in):
    state = page_state(logged_in, "/vacatures/nieuw")
    first = logged_in.post("/vacatures/nieuw", data={**state, **GOOD_VACANCY})
    second = logged_in.post("/vacatures/nieuw", data={**state, **GOOD_VACANCY})
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert count(Vacancy) == 1


def test_edit_pause_reopen_and_close(logged_in, business):
    vacancy = make_vacancy(business=business)
    make_jobseeker()
    response = post_vacancy(logged_in, f"/vacatures/{vacancy.id}/bewerken", dict(GOOD_VACANCY, title="Schoonmaker ziekenhuis", hours_max="24"))
    assert response.status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.title == "Schoonmaker ziekenhuis" and vacancy.hours_max == 24
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.update"))
    assert "title" in event.details["fields"] and "hours_max" in event.details["fields"]

    def act(action):
        state = page_state(logged_in, f"/vacatures/{vacancy.id}")
        return logged_in.post(f"/vacatures/{vacancy.id}/status", data={**state, "action": action, "confirmed": "yes"})

    assert count(Suggestion) > 0
    act("pause")
    db.session.refresh(vacancy)
    assert vacancy.status == "paused"
    assert count(Suggestion) == 0  # a paused vacancy is offered to nobody
    assert "Deze vacature staat niet open" in logged_in.get(f"/vacatures/{vacancy.id}").get_data(as_text=True)
    act("open")
    db.session.refresh(vacancy)
    assert vacancy.status == "open"
    assert count(Suggestion) > 0
    act("close")
    db.session.refresh(vacancy)
    assert vacancy.status == "closed"
    assert act("explode").status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.status == "closed"


def test_closing_a_vacancy_asks_first_and_no_leaves_it_open(logged_in, business):
    vacancy = make_vacancy(business=business, title="Keukenhulp")
    url = f"/vacatures/{vacancy.id}"
    first = logged_in.post(f"{url}/status", data={**page_state(logged_in, url), "action": "close"})
    assert first.status_code == 200  # one press: the question, nothing closed
    db.session.refresh(vacancy)
    assert vacancy.status == "open"
    html = first.get_data(as_text=True)
    assert "Weet je het zeker?" in html
    back = page(html).find("a", string=re.compile("Nee, terug"))
    assert back["href"] == url
    logged_in.get(back["href"])  # "Nee": back to the vacancy, still open
    db.session.refresh(vacancy)
    assert vacancy.status == "open"
    yes = page(html).find("button", string=re.compile("Ja, vacature sluiten")).find_parent("form")
    data = {field["name"]: field.get("value", "") for field in yes.find_all("input")}
    assert data["confirmed"] == "yes" and data["action"] == "close"
    assert logged_in.post(yes["action"], data=data).status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.status == "closed"
    assert logged_in.post(yes["action"], data=data).status_code == 302  # sent again: no second close, no error page
    db.session.refresh(vacancy)
    assert vacancy.status == "closed"


def test_edit_form_is_filled_with_the_stored_vacancy(logged_in, business):
    vacancy = make_vacancy(business=business, title="Keukenhulp", schedule={"tue": ["evening"]})
    html = logged_in.get(f"/vacatures/{vacancy.id}/bewerken").get_data(as_text=True)
    assert page(html).find("input", attrs={"name": "title"})["value"] == "Keukenhulp"
    assert checked(html, "schedule") == {"tue:evening"}


def test_concurrent_edit_is_refused_and_keeps_the_input(logged_in, business):
    vacancy = make_vacancy(business=business)
    state = page_state(logged_in, f"/vacatures/{vacancy.id}/bewerken")
    vacancy.title = "Iemand anders was eerder"
    db.session.commit()
    response = logged_in.post(f"/vacatures/{vacancy.id}/bewerken", data={**state, **dict(GOOD_VACANCY, title="Mijn titel")})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Iemand anders heeft dit net veranderd" in html
    assert 'value="Mijn titel"' in html
    db.session.refresh(vacancy)
    assert vacancy.title == "Iemand anders was eerder"


@pytest.mark.parametrize("path", ["", "/bewerken"])
def test_a_business_cannot_open_another_business_vacancy(logged_in, path):
    other = make_vacancy(business=make_business(name="Concurrent"))
    assert logged_in.get(f"/vacatures/{other.id}{path}").status_code == 404


def test_a_business_cannot_change_another_business_vacancy(logged_in, business):
    own = make_vacancy(business=business)
    other = make_vacancy(business=make_business(name="Concurrent"), title="Origineel")
    token = csrf_token(logged_in, f"/vacatures/{own.id}/bewerken")
    response = logged_in.post(f"/vacatures/{other.id}/bewerken", data={**GOOD_VACANCY, "csrf_token": token, "title": "Gekaapt"})
    assert response.status_code == 404
    response = logged_in.post(f"/vacatures/{other.id}/status", data={"csrf_token": token, "action": "close"})
    assert response.status_code == 404
    db.session.refresh(other)
    assert other.title == "Origineel" and other.status == "open"
    assert "Origineel" not in logged_in.get("/vacatures").get_data(as_text=True)


@pytest.mark.parametrize("role", ["jobseeker"])
def test_jobseekers_cannot_use_vacancy_pages(client, role):
    vacancy = make_vacancy()
    login(client, make_user(role=role))
    assert client.get(f"/vacatures/{vacancy.id}").status_code == 403
    assert client.get("/vacatures/nieuw").status_code == 403


def test_staff_can_edit_any_vacancy_and_it_is_audit_logged(client):
    vacancy = make_vacancy()
    staff = make_user(role="staff")
    login(client, staff)
    html = client.get(f"/vacatures/{vacancy.id}/bewerken").get_data(as_text=True)
    assert "Dit komt in het logboek" in html
    response = post_vacancy(client, f"/vacatures/{vacancy.id}/bewerken", dict(GOOD_VACANCY, seats="3"))
    assert response.status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.seats == 3
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.update"))
    assert event.actor_id == staff.id and event.details["on_behalf"] is True


def test_occupation_suggestions_endpoint(logged_in):
    data = logged_in.get("/api/beroepen?q=schoonmaker").get_json()
    assert any(hit["uri"] == CLEANER for hit in data["results"])
    assert logged_in.get("/api/beroepen?q=").get_json() == {"results": []}
    assert logged_in.get("/api/beroepen?q=" + "x" * 5000).status_code == 200


@pytest.mark.parametrize("typed", ["bak", "fır", "fırında çalıştım"])
def test_occupation_suggestions_leave_out_guesses_from_a_few_letters(logged_in, typed):
    # "bak" once offered huisarts and "fırın" onderzoeksingenieur: no list is better than a wrong one
    assert logged_in.get("/api/beroepen", query_string={"q": typed}).get_json() == {"results": []}


@pytest.mark.parametrize("typed, job", [("bakk", "bakker"), ("fırın", "bakker"), ("خباز", "bakker"),
                                        ("satış", "verkoopmedewerker"), ("cook", "kok"), ("maga", "magazijnmedewerker")])
def test_occupation_suggestions_find_common_jobs_in_a_residents_words(logged_in, typed, job):
    results = logged_in.get("/api/beroepen", query_string={"q": typed}).get_json()["results"]
    assert results and results[0]["label"] == job


def test_occupation_suggestions_need_a_login(client):
    assert client.get("/api/beroepen?q=kok").status_code in (302, 401)


def test_business_edits_its_own_details(logged_in, business):
    data = {"name": "Glans & Co", "sector": "schoonmaak", "postcode": "3525ab", "contact_name": "Piet", "phone": "06 11122233"}
    response = post_vacancy(logged_in, "/bedrijf/gegevens", data)
    assert response.status_code == 302
    db.session.refresh(business)
    assert business.name == "Glans & Co" and business.postcode == "3525 AB"
    response = post_vacancy(logged_in, "/bedrijf/gegevens", dict(data, sector="kerncentrale", phone="1"))
    html = response.get_data(as_text=True)
    assert 'id="sector-error"' in html and 'id="phone-error"' in html
    db.session.refresh(business)
    assert business.sector == "schoonmaak"
    assert count(Business) == 1


def test_pausing_a_vacancy_someone_just_changed_is_refused_politely(logged_in, business):
    vacancy = make_vacancy(business=business)
    state = page_state(logged_in, f"/vacatures/{vacancy.id}")
    vacancy.seats = 4
    db.session.commit()
    response = logged_in.post(f"/vacatures/{vacancy.id}/status", data={**state, "action": "pause", "confirmed": "yes"})
    assert response.status_code == 302
    assert "Iemand anders heeft dit net veranderd" in logged_in.get(f"/vacatures/{vacancy.id}").get_data(as_text=True)
    db.session.refresh(vacancy)
    assert vacancy.status == "open"


def test_staff_enter_a_vacancy_for_a_business_it_is_theirs_and_logged_as_on_behalf(client, business):
    make_business(name="Bakkerij De Korrel", postcode="3521 AA")
    make_jobseeker()
    staff = make_user("staff")
    login(client, staff)
    assert "Vacature invoeren voor een bedrijf" in client.get("/medewerker/vacatures").get_data(as_text=True)
    page = client.get("/medewerker/vacatures/nieuw").get_data(as_text=True)
    assert "Schoonmaakbedrijf Glans (3526 AB)" in page and "Bakkerij De Korrel (3521 AA)" in page

    response = post_vacancy(client, "/medewerker/vacatures/nieuw", {**GOOD_VACANCY, "business_id": str(business.id)})
    assert response.status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.business_id == business.id and vacancy.status == "open" and vacancy.postcode == "3526 AB"
    assert count(Suggestion) == 1  # ranked against the neighbourhood at once, as when the business posts it
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "vacancy.create"))
    assert event.actor_id == staff.id and event.details["on_behalf"] is True
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "De vacature van Schoonmaakbedrijf Glans staat online." in detail

    # the business itself sees it among its own vacancies
    owner = client.application.test_client()
    login(owner, business_user(business))
    assert "Schoonmaker kantoren" in owner.get("/vacatures").get_data(as_text=True)


@pytest.mark.parametrize("business_id", ["", "0", "999999", "abc"])
def test_staff_must_choose_an_existing_business_and_keep_what_they_typed(client, business, business_id):
    login(client, make_user("staff"))
    response = post_vacancy(client, "/medewerker/vacatures/nieuw", {**GOOD_VACANCY, "business_id": business_id})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and count(Vacancy) == 0
    assert 'value="Schoonmaker kantoren"' in html
    assert "Kies het bedrijf." in html or "Kies een van de mogelijkheden" in html


def test_businesses_cannot_enter_vacancies_for_other_businesses(logged_in, business):
    other = make_business(name="Ander bedrijf")
    response = post_vacancy(logged_in, "/vacatures/nieuw", {**GOOD_VACANCY, "business_id": str(other.id)})
    assert response.status_code == 302
    assert db.session.scalar(select(Vacancy)).business_id == business.id  # the extra field changes nothing
    assert logged_in.get("/medewerker/vacatures/nieuw").status_code == 403
