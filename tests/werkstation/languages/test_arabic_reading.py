"""Arabic pages read as Arabic: examples keep their order, days have real names, lists use the Arabic comma."""

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import page
from tests.werkstation.jobseekers.test_intake import ANSWERS, post_step
from tests.werkstation.messages.outbox_helpers import messages
from tests.werkstation.staff.workspace import proposed
from werkstation.extensions import db

LRI, PDI = "\u2066", "\u2069"


def test_a_phone_example_inside_arabic_text_keeps_its_order(client):
    text = page(client.get("/registreren/werkzoekende?lang=ar").get_data(as_text=True)).get_text()
    assert f"{LRI}06 12345678{PDI}" in text  # without the isolate it shows as "12345678 06"
    assert "06 12345678" in page(client.get("/registreren/werkzoekende?lang=nl").get_data(as_text=True)).get_text()


def test_the_week_grid_names_each_day_in_arabic(client, app):
    login(client, make_user(role="jobseeker"))
    client.get("/taal/ar")
    grid = page(client.get("/intake/uren").get_data(as_text=True)).find("table", class_="schedule-grid")
    short_names = [span.get_text() for span in grid.find_all("span", class_="day-short")]
    assert short_names == ["اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت", "أحد"]


def test_a_resident_who_signed_up_by_phone_finds_the_number_filled_in(client, app):
    make_user(role="jobseeker", email=None, phone="+31641872290")
    login(client, "06 41 87 22 90")
    about = page(client.get("/intake/over-jou").get_data(as_text=True))
    assert about.find("input", attrs={"name": "phone"})["value"] == "06 41872290"


def test_the_overview_says_what_is_not_filled_in_and_lists_in_arabic(client, app):
    user = make_user(role="jobseeker")
    db.session.commit()
    login(client, user)
    for name, answers in ANSWERS.items():
        answers = {**answers, "phone": ""} if name == "over-jou" else answers
        post_step(client, f"/intake/{name}", answers)
    client.get("/taal/ar")
    rows = {dt.get_text(strip=True): dd.get_text(strip=True)
            for dt, dd in zip(*(page(client.get("/intake/toestemming").get_data(as_text=True)).find_all(t)
                                for t in ("dt", "dd")), strict=True)}
    assert rows["الهاتف"] == "لم يُملأ"
    talents = next(v for v in rows.values() if "،" in v)
    assert ", " not in talents
    days = next(v for v in rows.values() if "؛" in v)  # day groups with the Arabic semicolon, not ";"
    assert ";" not in days and days.count("؛") == 2


def test_the_goodbye_page_after_erasing_stays_in_the_persons_language(client, app):
    person = make_jobseeker()
    login(client, person.user)
    client.get("/taal/ar")
    response = client.post("/profiel/verwijderen", data={
        "csrf_token": csrf_token(client, "/profiel/verwijderen"), "confirm": "y"}, follow_redirects=True)
    assert page(response.get_data(as_text=True)).html["lang"] == "ar"


def test_a_link_in_an_arabic_message_opens_its_page_in_arabic_on_any_phone(client, app, runner):
    person = make_jobseeker()
    login(client, person.user)
    client.get("/taal/ar")
    proposed(make_vacancy(title="Schoonmaker"), person)
    message = messages(jobseeker_id=person.id)[-1]
    assert message.link.endswith("?lang=ar")
    stranger = app.test_client()  # a phone that never chose a language: the page still comes in Arabic
    opened = stranger.get(message.link.removeprefix(app.config["PUBLIC_URL"].rstrip("/")), follow_redirects=True)
    assert page(opened.get_data(as_text=True)).html["lang"] == "ar"


def test_minutes_take_the_arabic_plural_that_fits_the_number(client, app):
    # Arabic counts 3 to 10 with the plural (دقائق) and 11 and more with the singular (دقيقة).
    login(client, make_user(role="jobseeker"))
    client.get("/taal/ar")
    doc = page(client.get("/intake/reizen").get_data(as_text=True))
    labels = {tag["value"]: doc.find("label", attrs={"for": tag["id"]}).get_text(" ", strip=True)
              for tag in doc.find_all("input", attrs={"name": "max_travel_minutes"})}
    assert labels["10"] == "10 دقائق"
    assert labels["15"] == "15 دقيقة" and labels["60"] == "60 دقيقة"


def test_a_schedule_is_one_text_with_the_comma_and_semicolon_of_the_page(app):
    # Staff lists, the resident's vacancy page and the business's vacancy page all read a schedule the same way.
    from flask_babel import force_locale

    from werkstation.vocabulary import schedule_words

    week = {"wed": ["morning"], "mon": ["afternoon", "morning"]}
    with app.test_request_context("/"):
        assert schedule_words(week) == "maandag: ochtend, middag; woensdag: ochtend"
        with force_locale("ar"):
            arabic = schedule_words(week)
    assert "،" in arabic and "؛" in arabic and "," not in arabic and ";" not in arabic
