"""A resident signs up with a Dutch mobile number or an e-mail address (one of the two), and logs in with either.
The page after signing up says the same whether or not the number has an account: log in now."""

import pytest
from sqlalchemy import select

from tests.helpers import finish_signup, post_form
from tests.html import form_state, page
from werkstation.extensions import db
from werkstation.models import User

PASSWORD = "fietsen naar het werk 2026"
URL = "/registreren/werkzoekende"


def sign_up(client, **fields):
    data = {"phone": "", "email": "", "password": PASSWORD, "password_again": PASSWORD, **fields}
    return post_form(client, URL, data)


def error_of(response, name):
    doc = page(response.get_data(as_text=True))
    message = doc.find(id=f"{name}-error")
    return message.get_text(" ", strip=True) if message else None


def test_the_mobile_number_comes_first_on_the_form(client):
    names = [i["name"] for i in page(client.get(URL).get_data(as_text=True)).find("form").find_all("input")
             if i.get("type") != "hidden"]
    assert names[:2] == ["phone", "email"]


def log_in_from(client, response, password=PASSWORD):
    """Press "Inloggen" on the page after signing up (the number is filled in already)."""
    doc = page(response.get_data(as_text=True))
    form = doc.find("form", attrs={"action": "/inloggen"})
    data = {tag["name"]: tag.get("value", "") for tag in form.find_all("input") if tag.get("name")}
    return client.post(form["action"], data={**data, "password": password})


def test_sign_up_with_only_a_mobile_number_then_log_in_and_start_the_intake(app, client):
    response = sign_up(client, phone="06-12 34 56 78")
    assert response.status_code == 200, error_of(response, "phone")
    assert page(response.get_data(as_text=True)).find("h1").get_text(strip=True) == "Log nu in"
    user = db.session.scalar(select(User).where(User.phone == "+31612345678"))
    assert user is not None and user.email is None and user.role == "jobseeker" and user.active
    logged_in = log_in_from(client, response)
    assert logged_in.status_code == 302 and logged_in.headers["Location"].endswith("/dashboard")
    assert "Je account is gemaakt" in client.get("/dashboard").get_data(as_text=True)


def test_log_in_with_the_new_number_typed_another_way(app, client):
    sign_up(client, phone="06-12 34 56 78")
    other = app.test_client()
    for typed in ("0612345678", "+31 6 1234 5678"):
        response = post_form(other, "/inloggen", {"email": typed, "password": PASSWORD})
        assert response.status_code == 302 and response.headers["Location"].endswith("/dashboard")
        post_form(other, "/uitloggen", {}, token_from="/account")


def test_sign_up_with_only_an_e_mail_address_still_works(client):
    # An address starts with the link in its e-mail (the same answer whether or not it has an account).
    assert "Kijk in je e-mail" in sign_up(client, email="Amina@Voorbeeld.nl").get_data(as_text=True)
    assert finish_signup(client, "amina@voorbeeld.nl").status_code == 302
    user = db.session.scalar(select(User).where(User.email == "amina@voorbeeld.nl"))
    assert user is not None and user.phone is None


def test_both_empty_asks_for_one_of_the_two_next_to_the_number(client):
    response = sign_up(client)
    assert response.status_code == 200
    assert error_of(response, "phone").endswith("Vul je mobiele nummer of je e-mailadres in.")
    assert db.session.scalar(select(User.id)) is None


@pytest.mark.parametrize("typed", ["030 123 4567", "06 1234", "+32 470 12 34 56", "zes nul zes"])
def test_a_number_that_is_not_a_dutch_mobile_is_refused_and_kept(client, typed):
    response = sign_up(client, phone=typed)
    assert response.status_code == 200
    assert error_of(response, "phone").endswith("Vul een mobiel nummer in zoals 06 12345678.")
    assert form_state(response, ("phone",))["phone"] == typed


@pytest.mark.parametrize("typed", ["06 98765432", "06-98765432", "+31 6 98765432"])
def test_a_06_number_that_does_not_exist_asks_to_check_the_digits(client, typed):
    # Written just like the example, but 069... is no mobile range: "type it like 06 12345678" would not help.
    response = sign_up(client, phone=typed)
    assert response.status_code == 200
    assert error_of(response, "phone").endswith("Dit 06-nummer bestaat niet. Kijk de cijfers nog eens na.")
    assert form_state(response, ("phone",))["phone"] == typed
    assert db.session.scalar(select(User.id)) is None


def visible(response):
    return page(response.get_data(as_text=True)).select_one("main").get_text(" ", strip=True)


def test_a_number_with_an_account_gets_the_same_answer_and_the_account_stays_as_it_was(app):
    first = sign_up(app.test_client(), phone="0612345678")
    owner = db.session.scalar(select(User).where(User.phone == "+31612345678"))
    stranger = app.test_client()
    again = sign_up(stranger, phone="+31 6 1234 5678", password="iemand anders 2026 tulp",
                    password_again="iemand anders 2026 tulp")
    fresh = sign_up(app.test_client(), phone="06 87654321")
    assert first.status_code == again.status_code == fresh.status_code == 200
    assert visible(again) == visible(first)
    assert visible(fresh).replace("06 87654321", "N") == visible(again).replace("06 12345678", "N")
    assert "Er is al een account" not in again.get_data(as_text=True)
    assert "Had je al een account met dit nummer?" in visible(again)  # the owner learns how to log in
    assert len(db.session.scalars(select(User).where(User.phone == "+31612345678")).all()) == 1
    db.session.expire_all()
    assert db.session.get(User, owner.id).check_password(PASSWORD)  # the other password changed nothing
    # The one who typed another password cannot log in to the existing account with it.
    refused = log_in_from(stranger, again, "iemand anders 2026 tulp")
    assert refused.status_code == 200 and "horen niet bij elkaar" in refused.get_data(as_text=True)


def test_an_address_with_a_number_in_use_starts_without_the_number(app):
    sign_up(app.test_client(), phone="0612345678")
    response = sign_up(app.test_client(), phone="0612345678", email="nieuw@voorbeeld.nl")
    assert "Kijk in je e-mail" in response.get_data(as_text=True)
    new = db.session.scalar(select(User).where(User.email == "nieuw@voorbeeld.nl"))
    assert new is not None and new.phone is None
