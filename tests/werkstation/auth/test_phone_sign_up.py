"""A resident signs up with a Dutch mobile number or an e-mail address (one of the two), and logs in with either."""

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


def test_sign_up_with_only_a_mobile_number_then_log_in_with_it_typed_another_way(app, client):
    response = sign_up(client, phone="06-12 34 56 78")
    assert response.status_code == 302, error_of(response, "phone")
    user = db.session.scalar(select(User).where(User.phone == "+31612345678"))
    assert user is not None and user.email is None and user.role == "jobseeker"

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


def test_a_number_with_an_account_already_is_refused(client):
    assert sign_up(client, phone="0612345678").status_code == 302
    post_form(client, "/uitloggen", {}, token_from="/account")
    response = sign_up(client, phone="+31612345678")
    assert response.status_code == 200 and "Er is al een account met dit nummer" in error_of(response, "phone")
    assert len(db.session.scalars(select(User)).all()) == 1
