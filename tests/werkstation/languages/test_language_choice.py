"""Four interface languages: lang and dir on every page, a mirrored layout, the choice kept on the account."""

import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from tests.factories import make_jobseeker
from tests.helpers import csrf_token, login
from tests.html import page
from tests.werkstation.messages.outbox_helpers import messages
from werkstation import retention
from werkstation.extensions import db
from werkstation.models import User, utcnow

STYLESHEETS = sorted((Path(__file__).resolve().parents[3] / "werkstation" / "static" / "css").glob("*.css"))


def html_attrs(response):
    root = page(response.get_data(as_text=True)).html
    return root.get("lang"), root.get("dir")


def test_every_language_sets_lang_and_direction(client):
    assert html_attrs(client.get("/")) == ("nl", "ltr")
    assert html_attrs(client.get("/?lang=ar")) == ("ar", "rtl")
    assert html_attrs(client.get("/inloggen")) == ("ar", "rtl")  # kept for the next pages
    assert html_attrs(client.get("/registreren?lang=tr")) == ("tr", "ltr")
    assert html_attrs(client.get("/over?lang=en")) == ("en", "ltr")
    assert html_attrs(client.get("/bestaat-niet?lang=ar")) == ("ar", "rtl")  # error pages too


def test_the_first_page_offers_each_language_in_its_own_script(client):
    row = page(client.get("/").get_data(as_text=True)).find("nav", class_="language-row")
    links = {a.get_text(strip=True): (a["lang"], a.get("dir")) for a in row.find_all("a")}
    assert links == {"Nederlands": ("nl", "ltr"), "English": ("en", "ltr"), "العربية": ("ar", "rtl"),
                     "Türkçe": ("tr", "ltr")}
    assert row.find("a", attrs={"aria-current": "true"}).get_text(strip=True) == "Nederlands"


def test_the_stylesheet_uses_only_logical_directions():
    assert STYLESHEETS
    for sheet in STYLESHEETS:
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(), flags=re.S)
        css = re.sub(r"@(top|bottom)-(left|right)\b", "", css)  # printed pages' margin boxes have only these names
        physical = re.findall(r"[\w-]*\b(?:left|right)\b[\w-]*", css)
        assert physical == [], f"{sheet.name}: use inline-start/inline-end instead of {physical}"


def test_numbers_stay_left_to_right_inside_arabic_text(app, client):
    person = make_jobseeker()
    person.user.phone = "+31612345678"
    db.session.commit()
    login(client, person.user)
    client.get("/taal/ar")
    account = page(client.get("/account").get_data(as_text=True))
    phone = account.find("bdi", string=re.compile(r"06 12345678"))  # written the usual way, left to right
    assert phone is not None and phone["dir"] == "ltr"
    login_form = page(app.test_client().get("/inloggen?lang=ar").get_data(as_text=True))
    assert login_form.find("input", attrs={"name": "email"})["dir"] == "ltr"


def test_the_language_choice_survives_logout_and_login(app, client):
    person = make_jobseeker()
    db.session.commit()
    login(client, person.user)
    client.get("/taal/ar")
    assert db.session.scalar(select(User.locale).where(User.id == person.user.id)) == "ar"
    client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/account")})
    assert html_attrs(client.get("/inloggen")) == ("ar", "rtl")

    elsewhere = app.test_client()  # another phone: nothing in its session yet
    assert html_attrs(elsewhere.get("/inloggen")) == ("nl", "ltr")
    login(elsewhere, person.user)
    assert html_attrs(elsewhere.get("/profiel")) == ("ar", "rtl")


def test_a_language_chosen_with_a_link_is_kept_on_the_account_too(client):
    person = make_jobseeker()
    db.session.commit()
    login(client, person.user)
    client.get("/profiel?lang=tr")
    assert db.session.scalar(select(User.locale).where(User.id == person.user.id)) == "tr"


def test_messages_to_the_account_use_its_language(app, client):
    person = make_jobseeker()
    db.session.commit()
    login(client, person.user)
    client.get("/taal/tr")
    person.last_active_at = utcnow() - timedelta(days=400)  # then a year without a visit: a notice goes out
    db.session.commit()
    retention.purge(utcnow())
    sent = messages(jobseeker_id=person.id)
    assert sent and {m.language for m in sent} == {"tr"}


def test_the_postcode_in_a_summary_stays_left_to_right(client):
    person = make_jobseeker(postcode="3526 KL")
    login(client, person.user)
    doc = page(client.get("/profiel?lang=ar").get_data(as_text=True))
    postcode = doc.find("bdi", string="3526 KL")
    assert postcode is not None and postcode["dir"] == "ltr"
