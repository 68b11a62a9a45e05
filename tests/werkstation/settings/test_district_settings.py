"""An administrator sets the district's postcodes, the cooperative's details and retention in the app, audited."""

import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, make_jobseeker, make_user, set_password
from tests.helpers import login
from tests.html import form_state, page, text
from werkstation import retention
from werkstation.extensions import db
from werkstation.models import AuditEvent, User
from werkstation.neighbourhood import lives_here, pc4_codes
from werkstation.placements import meetings
from werkstation.settings import store
from werkstation.settings.store import SiteSetting

URL = "/beheer/wijk"
GOOD = {"postcodes": "3526 Kanaleneiland\n3525, Transwijk\n", "name": "Wijkcoöperatie Kanaleneiland",
        "address": "Buurthuis, Marshallaan 1, Utrecht", "phone": "030 123 4567", "email": "info@coop.nl",
        "retention_months": "18", "grace_days": "21", "audit_months": "36"}


@pytest.fixture
def admin(app, client):
    user = make_user("admin")
    login(client, user)
    return user


def post(client, **changes):
    return client.post(URL, data={**form_state(client.get(URL)), **GOOD, **changes})


def test_the_environment_is_the_default_until_an_admin_saves(app, client, admin):
    app.config["NEIGHBOURHOOD_PC4"] = ("3526",)
    shown = page(client.get(URL)).find("textarea", attrs={"name": "postcodes"}).get_text().strip()
    assert shown == "3526"
    assert pc4_codes() == ("3526",) and not lives_here("3525 AB")


def test_saved_settings_apply_everywhere_and_are_audited(app, client, admin):
    app.config["NEIGHBOURHOOD_PC4"] = ("3526",)
    saved = post(client)
    assert saved.status_code == 302
    assert pc4_codes() == ("3526", "3525") and lives_here("3525 AB")
    assert retention.settings()["retention_months"] == 18 and retention.settings()["grace_days"] == 21
    assert retention.settings()["audit_months"] == 36
    assert meetings.default_place() == "Buurthuis, Marshallaan 1, Utrecht"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "settings.update")).all()
    assert {e.details["key"] for e in events} == {"neighbourhood", "cooperative", "retention"}
    assert all(e.actor_id == admin.id for e in events)
    neighbourhood = next(e for e in events if e.details["key"] == "neighbourhood")
    assert neighbourhood.details["after"][1] == {"pc4": "3525", "name": "Transwijk"}
    # the search's district filter follows the new postcodes
    make_jobseeker(name="Tess Transwijk", postcode="3525 AB")
    staff = app.test_client()
    login(staff, make_user("staff"))
    assert "Tess Transwijk" in text(staff.get("/medewerker/werkzoekenden?area=in"))


def test_the_public_pages_show_the_phone_an_admin_saved(app, client, admin):
    """/cooperatie (and the 429 page, see test_too_many_page) follow the saved number, not the configured one."""
    assert post(client, phone="030 765 4321").status_code == 302
    visitor = app.test_client()
    doc = page(visitor.get("/cooperatie"))
    assert "030 765 4321" in doc.find("main").get_text(" ", strip=True)
    assert doc.find("a", href="tel:+31307654321") is not None
    assert doc.find("a", href="tel:+31301234567") is None and "030 123 4567" not in text(visitor.get("/cooperatie"))


def test_without_a_saved_phone_the_public_page_shows_the_configured_one(app, client, admin):
    app.config["COOPERATIVE_PHONE"] = "020 555 0199"
    visitor = app.test_client()
    assert page(visitor.get("/cooperatie")).find("a", href="tel:+31205550199") is not None
    assert post(client, phone="").status_code == 302  # saved, but without a number: the configured one stays
    doc = page(visitor.get("/cooperatie"))
    assert doc.find("a", href="tel:+31205550199") is not None and "020 555 0199" in text(visitor.get("/cooperatie"))


def test_the_saved_phone_comes_back_written_as_people_write_it(app, client, admin):
    """Stored as +31307654321; the settings form shows it as 030 765 4321, and saving again keeps the number."""
    assert post(client, phone="030-7654321").status_code == 302
    assert store.cooperative()["phone"] == "+31307654321"
    box = page(client.get(URL)).find("input", attrs={"name": "phone"})
    assert box["value"] == "030 765 4321"
    assert client.post(URL, data={**form_state(client.get(URL)), **GOOD, "phone": box["value"]}).status_code == 302
    assert store.cooperative()["phone"] == "+31307654321"


def test_account_pages_show_a_phone_number_the_dutch_way(app, client):
    login(client, make_user("admin", phone="+31307654321"))
    shown = text(client.get("/account"))
    assert "030 765 4321" in shown and "+31307654321" not in shown
    resident = User(email=None, phone="+31612345678", role="jobseeker")  # logs in with a phone number only
    set_password(resident, PASSWORD)
    db.session.add(resident)
    db.session.commit()
    listed = text(client.get("/beheer/accounts?q=06 12345678"))
    assert "06 12345678" in listed and "+31612345678" not in listed


def test_cooperative_page_shows_the_saved_name_and_address(app, client, admin):
    assert post(client, name="Buurtcoöperatie Transwijk", address="Buurthuis De Brug, Marshallaan 1, 3527 TK Utrecht"
                ).status_code == 302
    shown = page(app.test_client().get("/cooperatie")).find("main")
    assert shown.find("h1").get_text(strip=True) == "Buurtcoöperatie Transwijk"
    address = shown.find("address").get_text("|", strip=True)
    assert address == "Buurtcoöperatie Transwijk|Buurthuis De Brug|Marshallaan 1|3527 TK Utrecht"
    assert "Marshallaan 2" not in shown.get_text() and "Wijkcoöperatie Kanaleneiland" not in shown.get_text()


@pytest.mark.parametrize("changes, message", [
    ({"postcodes": ""}, "Vul minstens één postcode in."),
    ({"postcodes": "3526 Kanaleneiland\nUtrecht"}, "Regel 2 klopt niet."),
    ({"postcodes": "35266 Te lang"}, "Regel 1 klopt niet."),
    ({"retention_months": "2"}, "Kies 6 tot en met 60 maanden."),
    ({"grace_days": "veel"}, "Vul een heel getal in"),
    ({"audit_months": "1"}, "Kies 6 tot en met 120 maanden."),
    ({"phone": "bel me"}, "Vul een telefoonnummer in zoals 030 123 4567."),
    ({"email": "geen-adres"}, "Vul een e-mailadres in zoals info@voorbeeld.nl."),
    ({"name": "\x00"}, "Deze tekst bevat vreemde tekens."),
    ({"address": "x" * 5000}, "Adres"),
])
def test_wrong_settings_are_explained_kept_and_nothing_is_saved(client, admin, changes, message):
    response = post(client, **changes)
    assert response.status_code == 400 and message in text(response)
    assert db.session.scalar(select(SiteSetting)) is None


def test_only_administrators_reach_the_page(app, client):
    login(client, make_user("staff"))
    assert client.get(URL).status_code == 403


def test_before_anything_is_saved_the_settings_and_the_cooperative_page_show_the_same_address(app, client, admin):
    shown = page(client.get(URL)).find("input", attrs={"name": "address"})["value"]
    public = text(app.test_client().get("/cooperatie"))
    assert shown and all(part.strip() in public for part in shown.split(","))
