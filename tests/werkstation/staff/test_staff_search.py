"""Finding anyone: staff filter people and vacancies, page and sort them, and save a filter set for colleagues."""

import pytest
from sqlalchemy import func, select

from tests.factories import BAKER, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import page, text
from werkstation.extensions import db
from werkstation.jobseekers.privacy import erase_jobseeker
from werkstation.staff.models import SavedSearch


def names(response):
    """The people (or vacancy titles) listed as results, in page order."""
    results = page(response).find(id="results")
    if results is None:
        return []
    links = results.select("a[href*='/medewerker/werkzoekenden/'], a[href*='/medewerker/vacatures/']")
    return [a.get_text(strip=True) for a in links]


@pytest.fixture
def staff(app, client):
    user = make_user("staff")
    login(client, user)
    return user


def test_licence_weekday_morning_and_bike_find_only_who_fits(client, staff):
    make_jobseeker(name="Ahmed Fiets", licences=["B"], travel_mode="bike", availability={"tue": ["morning"]})
    make_jobseeker(name="Bea Auto", licences=["B"], travel_mode="car", availability={"tue": ["morning"]})
    make_jobseeker(name="Cor Middag", licences=["B"], travel_mode="bike", availability={"tue": ["afternoon"]})
    make_jobseeker(name="Dina Zonder", licences=[], travel_mode="bike", availability={"tue": ["morning"]})
    found = client.get("/medewerker/werkzoekenden?licence=B&day=tue&daypart=morning&travel_mode=bike")
    assert found.status_code == 200
    assert names(found) == ["Ahmed Fiets"]
    assert "1 gevonden" in text(found)
    # the filters stay chosen on the page of results
    soup = page(found)
    assert soup.find("select", attrs={"name": "licence"}).find("option", selected=True)["value"] == "B"


def test_language_level_hours_certificate_and_kind_of_work(client, staff):
    make_jobseeker(name="Emre Goed", languages={"nl": "B1"}, hours_max=32, certificates=["VCA"])
    make_jobseeker(name="Fleur Weinig", languages={"nl": "A2"}, hours_max=32, certificates=["VCA"])
    make_jobseeker(name="Gijs Bakker", languages={"nl": "C2"}, hours_max=12, occupations=[BAKER])
    assert names(client.get("/medewerker/werkzoekenden?language=nl&level=B1")) == ["Emre Goed", "Gijs Bakker"]
    assert names(client.get("/medewerker/werkzoekenden?language=nl&level=B1&hours=20")) == ["Emre Goed"]
    assert names(client.get("/medewerker/werkzoekenden?certificate=VCA")) == ["Emre Goed", "Fleur Weinig"]
    assert names(client.get(f"/medewerker/werkzoekenden?occupation={BAKER}")) == ["Gijs Bakker"]
    assert names(client.get("/medewerker/werkzoekenden?talent=schoonmaken")) == [
        "Emre Goed", "Fleur Weinig", "Gijs Bakker"]


def test_words_find_names_and_own_words_without_accents_or_case(client, staff):
    make_jobseeker(name="Zoë de Vries", about="Ik werkte in een bakkerij.")
    make_jobseeker(name="Jan Smit", about="Ik heb in de zorg gewerkt.")
    make_jobseeker(name="سارة العلي", about="")
    assert names(client.get("/medewerker/werkzoekenden?q=ZOE")) == ["Zoë de Vries"]
    assert names(client.get("/medewerker/werkzoekenden?q=bakkerij")) == ["Zoë de Vries"]
    assert names(client.get("/medewerker/werkzoekenden?q=zorg+smit")) == ["Jan Smit"]
    assert names(client.get("/medewerker/werkzoekenden?q=zorg+vries")) == []
    assert names(client.get("/medewerker/werkzoekenden", query_string={"q": "سارة"})) == ["سارة العلي"]


def test_postcode_area_and_status(app, client, staff):
    app.config["NEIGHBOURHOOD_PC4"] = ("3526",)
    make_jobseeker(name="Hamid Wijk", postcode="3526 KL")
    make_jobseeker(name="Ilse Buiten", postcode="3521 AL", status="paused")
    assert names(client.get("/medewerker/werkzoekenden?postcode=3521")) == ["Ilse Buiten"]
    assert names(client.get("/medewerker/werkzoekenden?postcode=3526kl")) == ["Hamid Wijk"]
    assert names(client.get("/medewerker/werkzoekenden?area=in")) == ["Hamid Wijk"]
    assert names(client.get("/medewerker/werkzoekenden?area=out")) == ["Ilse Buiten"]
    assert names(client.get("/medewerker/werkzoekenden?status=paused")) == ["Ilse Buiten"]


def test_erased_people_are_never_listed(client, staff):
    person = make_jobseeker(name="Karin Weg")
    erase_jobseeker(person)
    db.session.commit()
    assert names(client.get("/medewerker/werkzoekenden")) == []
    assert names(client.get("/medewerker/werkzoekenden?postcode=3526")) == []


def test_a_changed_profile_is_found_by_its_new_details(client, staff):
    person = make_jobseeker(name="Lotte Later", licences=[])
    assert names(client.get("/medewerker/werkzoekenden?licence=C")) == []
    person.licences = ["C"]
    db.session.commit()
    assert names(client.get("/medewerker/werkzoekenden?licence=C")) == ["Lotte Later"]


def test_results_are_paged_and_sorted(client, staff):
    for n in range(30):
        make_jobseeker(name=f"Persoon {n:02d}")
    first = client.get("/medewerker/werkzoekenden?q=persoon")
    assert len(names(first)) == 25 and names(first)[0] == "Persoon 00"
    assert "30 gevonden" in text(first) and "pagina 1 van 2" in text(first)
    next_link = page(first).find("a", string="Volgende")["href"]
    assert "q=persoon" in next_link
    assert names(client.get(next_link)) == [f"Persoon {n:02d}" for n in range(25, 30)]
    newest = client.get("/medewerker/werkzoekenden?q=persoon&sort=new")
    assert names(newest)[0] == "Persoon 29"


@pytest.mark.parametrize("typed", ["99999999999999999999", "-3", "0", "twee", "１", "2.5", ""])
def test_a_typed_page_number_never_fails(client, staff, typed):
    person = make_jobseeker(name="Persoon Een")
    vacancy = make_vacancy(title="Bakker gezocht")
    for address in (f"/medewerker/werkzoekenden?page={typed}", f"/medewerker/vacatures?page={typed}",
                    f"/medewerker/vacatures/{vacancy.id}?page={typed}"):
        response = client.get(address)
        assert response.status_code == 200, address
    too_far = client.get("/medewerker/werkzoekenden?page=99999999999999999999")
    assert names(too_far) == []
    assert names(client.get(f"/medewerker/werkzoekenden?page={typed}")) == ([] if len(typed) > 5 else [person.name])


@pytest.mark.parametrize("query, message", [
    ("level=B1", "Kies eerst een taal."),
    ("licence=Z", "Kies een van de mogelijkheden uit de lijst."),
    ("postcode=abc", "Vul een postcode in zoals 3526 KL"),
    ("hours=veel", "Vul een heel getal in"),
    ("hours=999", "Vul een aantal uren van 1 tot en met 60 in."),
    ("q=" + "x" * 500, "Gebruik hoogstens 120 tekens."),
])
def test_wrong_filters_are_explained_next_to_the_field_and_kept(client, staff, query, message):
    response = client.get(f"/medewerker/werkzoekenden?{query}")
    assert response.status_code == 400
    errors = [e.get_text(" ", strip=True) for e in page(response).select(".error-message")]
    assert len(errors) == 1 and message in errors[0]
    assert names(response) == []


@pytest.mark.parametrize("typed", ["%", "_", "' OR 1=1 --", "\\", "🙂", "名前", "50%_korting"])
def test_hostile_words_never_fail_and_never_act_as_wildcards(client, staff, typed):
    make_jobseeker(name="Mo Gewoon", about="Ik werk graag.")
    response = client.get("/medewerker/werkzoekenden", query_string={"q": typed})
    # Signs are no wildcards: they fold away; only the letters and digits typed are searched for. Signs alone (an
    # emoji, a %) leave nothing to search for: a message next to the box, and nobody listed (not everyone).
    assert names(response) == []
    if not any(ch.isalnum() for ch in typed):
        assert response.status_code == 400
        assert page(response).find(id="q-error").get_text(" ", strip=True).endswith(
            "Typ minstens één woord met letters of cijfers.")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("typed", ["koken", "Op tijd", "cooking", "الطبخ", "yemek", "bereiden voedsel"])
def test_talents_are_found_by_the_words_the_screens_show_for_them(client, staff, typed):
    make_jobseeker(name="Kok Kader", about="Ik werk graag.", talents=["bereiden van voedsel en dranken", "tijd beheren"])
    make_jobseeker(name="Schoon Sanne", about="Ik werk graag.", talents=["schoonmaken"])
    assert names(client.get("/medewerker/werkzoekenden", query_string={"q": typed})) == ["Kok Kader"]


def test_vacancies_are_found_by_the_shown_words_of_their_talents_and_kind_of_work(client, staff):
    make_vacancy(title="Hulp gezocht", description="Drie dagen.", required_talents=["bereiden van voedsel en dranken"])
    make_vacancy(title="Ander werk", description="Drie dagen.", occupation_uri=BAKER)
    assert names(client.get("/medewerker/vacatures", query_string={"q": "koken"})) == ["Hulp gezocht"]
    assert names(client.get("/medewerker/vacatures", query_string={"q": "bakker"})) == ["Ander werk"]


def test_an_invisible_control_character_in_the_words_is_a_message_next_to_them(client, staff):
    response = client.get("/medewerker/werkzoekenden", query_string={"q": "Mo\x00"})
    assert response.status_code == 400
    assert "vreemde tekens" in page(response).find(id="q-error").get_text()


def test_vacancies_filtered_by_licence_status_and_business(client, staff):
    make_vacancy(title="Bezorger", licences=["B"])
    make_vacancy(title="Schoonmaker oud", status="closed")
    make_vacancy(title="Schoonmaker nieuw")
    assert sorted(names(client.get("/medewerker/vacatures"))) == ["Bezorger", "Schoonmaker nieuw"]
    assert names(client.get("/medewerker/vacatures?licence=B")) == ["Bezorger"]
    assert sorted(names(client.get("/medewerker/vacatures?status=all&q=schoonmaker"))) == [
        "Schoonmaker nieuw", "Schoonmaker oud"]
    assert names(client.get("/medewerker/vacatures?status=closed")) == ["Schoonmaker oud"]
    assert names(client.get("/medewerker/vacatures?q=bedrijf&sort=title")) == ["Bezorger", "Schoonmaker nieuw"]


def _save(client, query, name, shared=True):
    token = csrf_token(client, "/medewerker/werkzoekenden")
    data = {"csrf_token": token, "name": name, "query": query}
    if shared:
        data["shared"] = "y"
    return client.post("/medewerker/zoekopdrachten/werkzoekenden", data=data)


def test_a_saved_search_is_shared_with_colleagues_and_removed_only_by_its_owner(app, client, staff):
    make_jobseeker(name="Nora Rijbewijs", licences=["B"])
    make_jobseeker(name="Otto Geen", licences=[])
    saved = _save(client, "licence=B&day=tue", "Rijbewijs B op dinsdag")
    assert saved.status_code == 302 and "licence=B" in saved.headers["Location"]
    _save(client, "licence=C", "Alleen voor mij", shared=False)
    colleague = app.test_client()
    login(colleague, make_user("staff"))
    listing = colleague.get("/medewerker/werkzoekenden")
    link = page(listing).find("a", string="Rijbewijs B op dinsdag")
    assert link is not None and "Alleen voor mij" not in text(listing)
    assert names(colleague.get(link["href"].replace("day=tue&", "").replace("&day=tue", ""))) == ["Nora Rijbewijs"]
    row = db.session.scalar(select(SavedSearch).where(SavedSearch.name == "Rijbewijs B op dinsdag"))
    url = f"/medewerker/zoekopdrachten/{row.id}/verwijderen"
    refused = colleague.post(url, data={"csrf_token": csrf_token(colleague, "/medewerker/werkzoekenden")})
    assert refused.status_code == 404
    removed = client.post(url, data={"csrf_token": csrf_token(client, "/medewerker/werkzoekenden")})
    assert removed.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(SavedSearch)) == 1


def test_a_tampered_saved_search_is_refused_and_nothing_is_kept(client, staff):
    response = _save(client, "licence=Z&q=" + "y" * 5000, "Kapot")
    assert response.status_code == 400
    assert "Kies een van de mogelijkheden uit de lijst." in text(response)
    no_name = _save(client, "licence=B", "")
    assert no_name.status_code == 400 and "Geef de zoekopdracht een naam." in text(no_name)
    assert db.session.scalar(select(func.count()).select_from(SavedSearch)) == 0
    assert client.post("/medewerker/zoekopdrachten/iets", data={}).status_code in (400, 404)
