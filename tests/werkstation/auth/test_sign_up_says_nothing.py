"""Registering with an e-mail address answers the same whether or not the address has an account: the owner of an
address in use gets a message instead, and a new account only starts once the link in its e-mail is used."""

from sqlalchemy import func, select

from tests.factories import PASSWORD, make_user
from tests.helpers import csrf_token, finish_signup, post_form
from tests.html import page
from werkstation.extensions import db
from werkstation.models import Business, User
from werkstation.outbox.models import Message

NEW_PASSWORD = "paraplu tramhalte 47 gember"
BUSINESS = {"name": "Bakkerij De Molen", "kvk_number": "12345678", "sector": "bakkerij", "postcode": "3526 AB",
            "contact_name": "Hanna de Wit", "phone": "06 12345678", "password": NEW_PASSWORD,
            "password_again": NEW_PASSWORD}


def register(client, email, form="/registreren/werkzoekende", **extra):
    data = {"email": email, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD, **extra}
    return post_form(client, form, data)


def visible(response, email):
    """What the person sees in the page's main part, with the typed address taken out."""
    return page(response).select_one("main").get_text(" ", strip=True).replace(email, "ADDRESS")


def kinds(email):
    return [m.kind for m in db.session.scalars(select(Message).where(Message.address == email))]


def test_an_address_with_an_account_gets_the_same_answer_as_a_new_one(app):
    owner = make_user(role="jobseeker", email="bestaat@voorbeeld.nl")
    taken = register(app.test_client(), "Bestaat@Voorbeeld.nl")
    fresh = register(app.test_client(), "nieuw@voorbeeld.nl")
    assert taken.status_code == fresh.status_code == 200
    assert visible(taken, "bestaat@voorbeeld.nl") == visible(fresh, "nieuw@voorbeeld.nl")
    assert "Kijk in je e-mail" in visible(taken, "bestaat@voorbeeld.nl")
    assert "Er is al een account" not in taken.get_data(as_text=True)
    # The owner hears about it; their account is as it was.
    assert kinds("bestaat@voorbeeld.nl") == ["existing_account"]
    db.session.expire_all()
    assert db.session.get(User, owner.id).check_password(PASSWORD)
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email == "bestaat@voorbeeld.nl")) == 1
    # The new address gets the link that finishes its registration.
    assert kinds("nieuw@voorbeeld.nl") == ["signup_confirm"]


def test_a_business_with_an_address_in_use_is_not_made(app):
    make_user(role="jobseeker", email="hanna@demolen.nl")
    response = register(app.test_client(), "hanna@demolen.nl", "/registreren/bedrijf", **BUSINESS)
    assert "Kijk in je e-mail" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Business)) == 0
    assert kinds("hanna@demolen.nl") == ["existing_account"]


def test_a_new_account_starts_with_the_link_and_the_link_works_once(app):
    client = app.test_client()
    register(client, "nieuw@voorbeeld.nl")
    # Before the link: no login, with the right password either (the same answer as a wrong one).
    login_page = app.test_client()
    failed = login_page.post("/inloggen", data={"email": "nieuw@voorbeeld.nl", "password": NEW_PASSWORD,
                                                "csrf_token": csrf_token(login_page)})
    assert failed.status_code == 200 and "horen niet bij elkaar" in failed.get_data(as_text=True)
    other_browser = app.test_client()
    done = finish_signup(other_browser, "nieuw@voorbeeld.nl")
    assert done.status_code == 302 and done.headers["Location"].endswith("/dashboard")
    assert other_browser.get("/dashboard").status_code == 200
    path = "/" + db.session.scalar(select(Message.link).where(Message.address == "nieuw@voorbeeld.nl")).split("/", 3)[3]
    again = app.test_client().get(path)
    assert again.status_code == 400 and "al gebruikt" in again.get_data(as_text=True)


def test_an_unfinished_registration_does_not_block_the_address(app):
    register(app.test_client(), "vergeten@voorbeeld.nl")
    first_link = db.session.scalar(select(Message.link).where(Message.address == "vergeten@voorbeeld.nl"))
    register(app.test_client(), "vergeten@voorbeeld.nl", "/registreren/bedrijf", **BUSINESS)
    assert kinds("vergeten@voorbeeld.nl") == ["signup_confirm"]  # the new one (the old account took its own along)
    old = app.test_client().get("/" + first_link.split("/", 3)[3])
    assert old.status_code == 400  # the first registration is gone
    assert finish_signup(app.test_client(), "vergeten@voorbeeld.nl").status_code == 302
    user = db.session.scalar(select(User).where(User.email == "vergeten@voorbeeld.nl"))
    assert user.active and user.role == "business" and user.business.name == "Bakkerij De Molen"


def test_an_unfinished_business_registration_does_not_reserve_its_kvk_number(app):
    """Registering someone else's KvK number without using the e-mail's link blocks nobody."""
    register(app.test_client(), "kaper@voorbeeld.nl", "/registreren/bedrijf", **BUSINESS)
    response = register(app.test_client(), "hanna@demolen.nl", "/registreren/bedrijf", **BUSINESS)
    assert "Dit KvK-nummer is al aangemeld" not in response.get_data(as_text=True)
    assert finish_signup(app.test_client(), "hanna@demolen.nl").status_code == 302
    assert db.session.scalar(select(Business.kvk_number)) == "12345678"
    assert db.session.scalar(select(User).where(User.email == "kaper@voorbeeld.nl")) is None
    # A finished registration does reserve it.
    taken = register(app.test_client(), "ander@voorbeeld.nl", "/registreren/bedrijf", **BUSINESS)
    assert "Dit KvK-nummer is al aangemeld" in taken.get_data(as_text=True)


def test_purge_removes_registrations_whose_link_expired(app, runner):
    from datetime import timedelta

    from werkstation import retention
    from werkstation.models import utcnow

    register(app.test_client(), "laat@voorbeeld.nl", "/registreren/bedrijf", **BUSINESS)
    register(app.test_client(), "vandaag@voorbeeld.nl")
    assert retention.purge(utcnow()).signups_removed == 0  # links still valid
    report = retention.purge(utcnow() + timedelta(hours=25))
    assert report.signups_removed == 2
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
    assert db.session.scalar(select(func.count()).select_from(Business)) == 0
