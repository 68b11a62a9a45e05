"""The intake: one topic per page, answers kept while going back and forth, nothing stored before consent."""

import pytest
from sqlalchemy import func, select

from tests.factories import BAKER, CLEANER, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import checked, form_state, page, text
from werkstation.extensions import db
from werkstation.models import AuditEvent, Jobseeker, Suggestion
from werkstation.vocabulary import occupation_tiles, talent_tiles

ANSWERS = {
    "werk": {"occupations": [CLEANER], "other_work": ""},
    "talenten": {"talents": ["schoonmaken", "tijd beheren"]},
    "uren": {"hours_min": "8", "hours_max": "24", "availability": ["mon:morning", "wed:morning", "fri:morning"]},
    "reizen": {"postcode": "3526kl", "travel_mode": "bike", "max_travel_minutes": "30"},
    "talen": {"dutch": "A2", "language_1": "ar", "level_1": "C1", "language_2": "", "level_2": "", "language_3": "", "level_3": ""},
    "papieren": {"licences": ["B"], "certificates": ["HACCP"]},
    "over-jou": {"name": "Amina", "phone": "06 12345678", "about": "Ik heb jaren schoongemaakt."},
}


def state_of(client, url):
    return form_state(client.get(url))


def post_step(client, url, data, nav="next"):
    return client.post(url, data={**state_of(client, url), **data, "nav": nav})


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def jobseeker_user(app):
    return make_user(role="jobseeker")


@pytest.fixture
def seeker(client, jobseeker_user):
    login(client, jobseeker_user)
    return client


def run_intake(client, prefix="/intake", answers=ANSWERS):
    for name, data in answers.items():
        response = post_step(client, f"{prefix}/{name}", data)
        assert response.status_code == 302, (name, response.get_data(as_text=True)[:3000])
    return response


def test_talent_tiles_map_to_labels_in_the_taxonomy():
    from matching import load_taxonomy

    taxonomy = load_taxonomy()
    tiles = talent_tiles()
    assert len(tiles) >= 20
    for tile in tiles:
        talent = taxonomy.talent_by_label(tile["talent"])
        assert talent is not None and talent.label == tile["talent"], tile
        assert tile["phrase"] and tile["phrase_en"]
    phrases = {t["phrase"]: t["talent"] for t in tiles}
    assert phrases["Schoonmaken"] == "schoonmaken"
    assert phrases["Koken"] == "bereiden van voedsel en dranken"
    assert phrases["Met kinderen werken"] == "zorgen voor kinderen"
    assert phrases["Tillen en sjouwen"] == "verplaatsen en tillen"
    assert phrases["Op tijd zijn en plannen"] == "tijd beheren"


def test_occupation_tiles_are_real_esco_occupations():
    from matching import load_taxonomy

    taxonomy = load_taxonomy()
    for tile in occupation_tiles():
        assert taxonomy.occupation(tile["uri"]) is not None, tile


def test_full_intake_stores_nothing_before_consent_then_one_profile(seeker, jobseeker_user):
    vacancy = make_vacancy(title="Schoonmaker kantoren")
    html = seeker.get("/intake/werk").get_data(as_text=True)
    assert "<progress" in html and "Stap 1 van 8" in html
    assert "Schoonmaken" in html  # a tile
    response = run_intake(seeker)
    assert response.headers["Location"].endswith("/intake/toestemming")
    assert count(Jobseeker) == 0  # nothing stored before consent
    html = seeker.get("/intake/toestemming").get_data(as_text=True)
    assert "Stap 8 van 8" in html
    assert "Ik heb jaren schoongemaakt." in html  # the summary
    assert "beslist" in html and "verwijderen" in html
    response = post_step(seeker, "/intake/toestemming", {"consent": "y"}, nav="save")
    assert response.status_code == 302
    jobseeker = db.session.scalar(select(Jobseeker))
    assert jobseeker.user_id == jobseeker_user.id
    assert jobseeker.email == jobseeker_user.email
    assert jobseeker.name == "Amina"
    assert jobseeker.occupations == [CLEANER]
    assert jobseeker.talents == ["schoonmaken", "tijd beheren"]
    assert (jobseeker.hours_min, jobseeker.hours_max) == (8, 24)
    assert jobseeker.availability == {"mon": ["morning"], "wed": ["morning"], "fri": ["morning"]}
    assert jobseeker.postcode == "3526 KL"
    assert (jobseeker.travel_mode, jobseeker.max_travel_minutes) == ("bike", 30)
    assert jobseeker.languages == {"nl": "A2", "ar": "C1"}
    assert jobseeker.licences == ["B"] and jobseeker.certificates == ["HACCP"]
    assert jobseeker.consent_at is not None and jobseeker.consent_version == "2026-11"
    assert jobseeker.consent_in_person is False
    # Scored in the same transaction, and the person sees fitting open vacancies (title and the business's trade; its
    # name only when the business allows that before both said yes, which it does not by default).
    assert db.session.scalar(select(Suggestion).where(Suggestion.vacancy_id == vacancy.id)) is not None
    html = seeker.get(response.headers["Location"]).get_data(as_text=True)
    assert "Schoonmaker kantoren" in html and vacancy.business.name not in html
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobseeker.create")) is not None
    # The session no longer holds the answers; the intake now leads to the profile.
    assert seeker.get("/intake").headers["Location"].endswith("/profiel")


def test_consent_is_required(seeker):
    run_intake(seeker)
    response = post_step(seeker, "/intake/toestemming", {}, nav="save")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Zonder je toestemming kunnen we je gegevens niet bewaren." in html
    assert count(Jobseeker) == 0


def test_a_missing_consent_is_summarised_first_and_explained_next_to_the_box(seeker):
    """GOV.UK pattern: the summary opens the page (the script focuses it), its link leads to the box, and the
    message sits in the box's own field, read out with it."""
    run_intake(seeker)
    doc = page(post_step(seeker, "/intake/toestemming", {}, nav="save").get_data(as_text=True))
    main = doc.find("main")
    assert len(main.find_all(attrs={"data-autofocus": True})) == 1  # one summary, one place for focus
    summary = main.find(class_="error-summary")
    assert summary is not None and summary.has_attr("data-autofocus") and summary["tabindex"] == "-1"
    assert summary.find_next("h1") is not None  # above the page's heading, not 2,500 px down
    link = summary.find("a")
    box = doc.find(id=link["href"][1:])
    assert box is not None and box.name == "input" and box["type"] == "checkbox"
    message = doc.find(id=box["aria-describedby"].split()[-1])
    assert "Zonder je toestemming" in message.get_text() and message.parent is box.parent
    assert doc.find("script", src=lambda src: src and src.endswith("/error-summary.js")) is not None


def test_consent_page_sends_back_to_an_unanswered_step(seeker):
    post_step(seeker, "/intake/werk", ANSWERS["werk"])
    response = seeker.get("/intake/toestemming")
    assert response.headers["Location"].endswith("/intake/talenten")


def test_back_keeps_answers_even_when_not_valid_yet(seeker):
    post_step(seeker, "/intake/werk", ANSWERS["werk"])
    # Half-filled hours page, then back: nothing is lost.
    response = post_step(seeker, "/intake/uren", {"hours_min": "40", "hours_max": "", "availability": ["tue:evening"]}, nav="back")
    assert response.headers["Location"].endswith("/intake/talenten")
    html = seeker.get("/intake/uren").get_data(as_text=True)
    assert 'value="40"' in html
    assert "tue:evening" in checked(html, "availability")
    # Going back to a page already answered shows the answers.
    html = seeker.get("/intake/werk").get_data(as_text=True)
    assert CLEANER in checked(html, "occupations")


def test_other_work_is_found_with_the_occupation_search(seeker):
    window_cleaner = "http://data.europa.eu/esco/occupation/92cba6b4-8fca-49bb-b68c-45c5096fedc9"
    response = post_step(seeker, "/intake/werk", {"occupations": [CLEANER], "other_work": "glazenwasser"})
    assert response.status_code == 302
    # The searched occupation is now a chosen tile next to the common ones.
    html = seeker.get("/intake/werk").get_data(as_text=True)
    assert window_cleaner in checked(html, "occupations")
    assert ">glazenwasser</label>" in html
    # Without JavaScript the typed title is resolved on the server; a chosen suggestion's URI is used as is.
    post_step(seeker, "/intake/werk", {"occupations": [], "other_work": "iets", "other_work_uri": BAKER})
    html = seeker.get("/intake/werk").get_data(as_text=True)
    assert BAKER in checked(html, "occupations")


TAXI_DRIVER = "http://data.europa.eu/esco/occupation/6f7c1e84-8162-4c20-a575-b57ff624eef5"


@pytest.mark.parametrize("typed, uri", [
    ("fırıncı", BAKER), ("خبّاز", BAKER), ("taksi şoförü", TAXI_DRIVER), ("سائق تاكسي", TAXI_DRIVER),
    ("taxi driver", TAXI_DRIVER),
])
def test_other_work_in_turkish_arabic_or_english_becomes_the_right_tile(seeker, typed, uri):
    response = post_step(seeker, "/intake/werk", {"occupations": [], "other_work": typed})
    assert response.status_code == 302
    html = seeker.get("/intake/werk").get_data(as_text=True)
    assert checked(html, "occupations") == {uri}
    assert "We vinden dit werk niet." not in html
    assert ">vrachtwagenchauffeur</label>" not in html


def test_words_typed_as_other_work_are_said_back_with_the_job_they_were_saved_as(seeker):
    # A baker in Syria for ten years: saved as the job "bakker"; the rest is not dropped without a word.
    typed = "خباز في سوريا ١٠ سنوات"
    response = post_step(seeker, "/intake/werk", {"occupations": [], "other_work": typed})
    assert response.status_code == 302
    shown = text(seeker.get(response.headers["Location"]).get_data(as_text=True))
    assert f"Je typte ‘\u2068{typed}\u2069’. We hebben dat opgeslagen als: Bakkerij." in shown
    assert "Schrijf dat bij ‘Over jou’." in shown
    assert checked(seeker.get("/intake/werk").get_data(as_text=True), "occupations") == {BAKER}


def test_a_job_typed_exactly_as_its_name_needs_no_message(seeker):
    response = post_step(seeker, "/intake/werk", {"occupations": [], "other_work": "glazenwasser"})
    assert "Je typte" not in text(seeker.get(response.headers["Location"]).get_data(as_text=True))


def test_other_work_that_matches_no_job_is_kept_in_the_residents_own_words(seeker):
    typed = "qqqxxzzvv op de markt"
    response = post_step(seeker, "/intake/werk", {"occupations": [CLEANER], "other_work": typed})
    assert response.status_code == 302
    shown = text(seeker.get(response.headers["Location"]).get_data(as_text=True))
    assert f"We kennen geen werk met de naam ‘\u2068{typed}\u2069’. We bewaren je eigen woorden bij ‘Over jou’." in shown
    assert typed in seeker.get("/intake/over-jou").get_data(as_text=True)  # ready to read and change
    run_intake(seeker, answers={k: v for k, v in ANSWERS.items() if k != "werk"})
    post_step(seeker, "/intake/toestemming", {"consent": "y"}, nav="save")
    jobseeker = db.session.scalar(select(Jobseeker))
    assert jobseeker.occupations == [CLEANER]
    assert typed in jobseeker.about and "Ik heb jaren schoongemaakt." in jobseeker.about


VALIDATION_CASES = [
    ("werk", {"occupations": ["http://evil.example/occupation"]}, "occupations", "Kies een van de mogelijkheden uit de lijst."),
    ("werk", {"other_work": "x" * 121}, "other_work", "Gebruik hoogstens 120 tekens."),
    ("talenten", {"talents": []}, "talents", "Kies minstens één ding waar je goed in bent."),
    ("talenten", {"talents": ["schoonmaken", "vliegen"]}, "talents", "Kies een van de mogelijkheden uit de lijst."),
    ("uren", {"hours_min": "-5"}, "hours_min", "Vul een aantal uren in van 0 tot en met 60."),
    ("uren", {"hours_max": "80"}, "hours_max", "Vul een aantal uren in van 0 tot en met 60."),
    ("uren", {"hours_min": "30", "hours_max": "10"}, "hours_max", "Het maximum moet even groot of groter zijn dan het minimum."),
    ("uren", {"hours_min": "acht"}, "hours_min", "Vul een heel getal in, zoals 12."),
    ("uren", {"availability": []}, "availability", "Kies minstens één dagdeel."),
    ("uren", {"availability": ["sun:midnight"]}, "availability", "Kies dagdelen uit het rooster."),
    ("reizen", {"postcode": ""}, "postcode", "Vul je postcode in."),
    ("reizen", {"postcode": "ABCD 12"}, "postcode", "Vul een postcode in zoals 3526 AB."),
    ("reizen", {"postcode": "1000 AA"}, "postcode", "Deze postcode kennen we niet."),
    ("reizen", {"travel_mode": "helicopter"}, "travel_mode", "Kies een van de mogelijkheden uit de lijst."),
    ("reizen", {"max_travel_minutes": "999"}, "max_travel_minutes", "Kies een van de mogelijkheden uit de lijst."),
    ("reizen", {"max_travel_minutes": "lang"}, "max_travel_minutes", "Kies een van de mogelijkheden uit de lijst."),
    ("talen", {"dutch": ""}, "dutch", "Kies hoe goed je Nederlands spreekt."),
    ("talen", {"dutch": "Z1"}, "dutch", "Kies een van de mogelijkheden uit de lijst."),
    ("talen", {"language_1": "klingon"}, "language_1", "Kies een van de mogelijkheden uit de lijst."),
    ("talen", {"language_1": "tr", "level_1": ""}, "level_1", "Kies hoe goed je deze taal spreekt."),
    ("talen", {"language_1": "", "level_1": "B1"}, "language_1", "Kies welke taal je bedoelt."),
    ("papieren", {"licences": ["Z"]}, "licences", "Kies een van de mogelijkheden uit de lijst."),
    ("papieren", {"certificates": ["HACKER"]}, "certificates", "Kies een van de mogelijkheden uit de lijst."),
    ("over-jou", {"name": ""}, "name", "Vul je naam in."),
    ("over-jou", {"name": "x" * 121}, "name", "Gebruik hoogstens 120 tekens."),
    ("over-jou", {"phone": "12"}, "phone", "Vul een telefoonnummer in zoals 06 12345678."),
    ("over-jou", {"phone": "06 98765432"}, "phone", "Dit 06-nummer bestaat niet. Kijk de cijfers nog eens na."),
    ("over-jou", {"about": "x" * 1001}, "about", "Gebruik hoogstens 1000 tekens."),
    ("over-jou", {"about": "hallo\x00"}, "about", "Deze tekst bevat vreemde tekens."),
]


@pytest.mark.parametrize("name", sorted({case[0] for case in VALIDATION_CASES}))
def test_every_step_validates_with_a_dutch_message_next_to_the_field(seeker, name):
    for step, changes, field, message in VALIDATION_CASES:
        if step != name:
            continue
        response = post_step(seeker, f"/intake/{name}", {**ANSWERS[name], **changes})
        html = response.get_data(as_text=True)
        assert response.status_code == 200, changes
        assert message in html, changes
        assert f'id="{field}-error"' in html, changes
        assert 'class="error-summary"' in html, changes
    assert count(Jobseeker) == 0


def test_input_stays_after_a_validation_error(seeker):
    html = post_step(seeker, "/intake/over-jou", {"name": "", "phone": "06 12345678", "about": "Ik kook graag."}).get_data(as_text=True)
    assert 'value="06 12345678"' in html and "Ik kook graag." in html


def test_tampered_choice_is_never_stored(seeker):
    run_intake(seeker)
    post_step(seeker, "/intake/talenten", {"talents": ["schoonmaken", "drop table"]})
    post_step(seeker, "/intake/toestemming", {"consent": "y"}, nav="save")
    jobseeker = db.session.scalar(select(Jobseeker))
    assert "drop table" not in jobseeker.talents


def test_double_submit_of_consent_makes_one_profile(seeker):
    run_intake(seeker)
    state = state_of(seeker, "/intake/toestemming")
    first = seeker.post("/intake/toestemming", data={**state, "consent": "y", "nav": "save"})
    second = seeker.post("/intake/toestemming", data={**state, "consent": "y", "nav": "save"})
    assert first.status_code == second.status_code == 302
    assert count(Jobseeker) == 1


def test_jobseeker_with_a_profile_is_sent_to_it(client):
    jobseeker = make_jobseeker()
    login(client, jobseeker.user)
    assert client.get("/intake/werk").headers["Location"].endswith("/profiel")


def test_english_interface_shows_english_tiles(seeker):
    html = seeker.get("/intake/talenten?lang=en").get_data(as_text=True)
    assert "Lifting and carrying" in html


def test_staff_intake_on_behalf_records_consent_in_person(client):
    staff = make_user(role="staff")
    login(client, staff)
    assert "Intake met een bewoner" in client.get("/medewerker/intake/start").get_data(as_text=True)
    client.get("/medewerker/intake?opnieuw=1")
    answers = dict(ANSWERS)
    answers["over-jou"] = {**ANSWERS["over-jou"], "email": "Amina@Example.nl"}
    answers["werk"] = {"occupations": [BAKER]}
    run_intake(client, "/medewerker/intake", answers)
    html = client.get("/medewerker/intake/toestemming").get_data(as_text=True)
    assert "in persoon" in html
    response = post_step(client, "/medewerker/intake/toestemming", {"consent": "y"}, nav="save")
    assert response.status_code == 302
    jobseeker = db.session.scalar(select(Jobseeker))
    assert jobseeker.user_id is None
    assert jobseeker.consent_in_person is True and jobseeker.consent_recorded_by_id == staff.id
    assert jobseeker.email == "amina@example.nl"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "jobseeker.create"))
    assert event.actor_id == staff.id and event.details["on_behalf"] is True
    # Back in the staff area (the person's page with the work that fits), with a confirmation.
    assert response.headers["Location"].endswith(f"/medewerker/werkzoekenden/{jobseeker.id}")
    shown = " ".join(page(client.get(response.headers["Location"])).get_text(" ").split())
    assert "Het profiel van Amina is opgeslagen, met toestemming in persoon. Hieronder zie je welk werk past." in shown


def test_staff_intake_needs_the_in_person_tick(client):
    login(client, make_user(role="staff"))
    run_intake(client, "/medewerker/intake")
    html = post_step(client, "/medewerker/intake/toestemming", {}, nav="save").get_data(as_text=True)
    assert "Zonder toestemming van de bewoner kun je niets opslaan." in html
    assert count(Jobseeker) == 0


@pytest.mark.parametrize(("role", "url"), [("business", "/intake/werk"), ("jobseeker", "/medewerker/intake/werk"), ("business", "/medewerker/intake")])
def test_intake_pages_are_for_the_right_roles(client, role, url):
    user = make_user(role=role) if role != "business" else None
    if user is None:
        from tests.factories import make_business

        user = make_business().users[0]
    login(client, user)
    assert client.get(url).status_code == 403


def test_unknown_step_is_404(seeker):
    assert seeker.get("/intake/bestaat-niet").status_code == 404


def test_answers_fit_in_the_session_cookie_even_with_a_long_story(seeker):
    import random

    rng = random.Random(4)
    words = "ik werk graag met mensen en heb jaren in een bakkerij keuken winkel magazijn gestaan".split()
    story = " ".join(rng.choice(words) + str(rng.randint(0, 99)) for _ in range(400))[:1000]
    answers = dict(ANSWERS)
    answers["werk"] = {"occupations": [t["uri"] for t in occupation_tiles()]}
    answers["talenten"] = {"talents": [t["talent"] for t in talent_tiles()]}
    answers["over-jou"] = {**ANSWERS["over-jou"], "about": story}
    run_intake(seeker, answers=answers)
    # A too long story on the last page, kept while going back.
    post_step(seeker, "/intake/over-jou", {**answers["over-jou"], "about": story + "x" * 500}, nav="back")
    cookie = seeker.get_cookie("session")
    assert cookie is not None and len(cookie.value) < 4000, len(cookie.value)


def test_work_tiles_show_eight_and_fold_the_rest_open_when_a_folded_one_is_chosen(seeker):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(seeker.get("/intake/werk").get_data(as_text=True), "html.parser")
    lists = page.select("fieldset#occupations > .choices > .choice")
    folded = page.select("fieldset#occupations details.more-choices .choice")
    assert len(lists) == 8 and len(folded) == len(occupation_tiles()) - 8
    assert page.select_one("fieldset#occupations details summary").get_text(strip=True) == f"Meer laten zien ({len(folded)})"
    assert not page.select_one("fieldset#occupations details").has_attr("open")
    last = occupation_tiles()[-1]["uri"]
    post_step(seeker, "/intake/werk", {"occupations": [last]})
    page = BeautifulSoup(seeker.get("/intake/werk").get_data(as_text=True), "html.parser")
    assert page.select_one("fieldset#occupations details").has_attr("open")  # a chosen tile is never out of sight
