"""Weak passwords are refused everywhere a password is chosen (registration, reset link, code from staff, change,
staff accounts made on the command line), judged by zxcvbn with the person's own details; the form says in plain
Dutch what makes a password strong and keeps what was typed."""

import pytest
from sqlalchemy import func, select

from tests.factories import PASSWORD, make_jobseeker
from tests.helpers import login, post_form
from tests.html import page
from werkstation.demo import DEMO_PASSWORD
from werkstation.extensions import db
from werkstation.models import Business, User

WEAK = "te makkelijk te raden"
COMMON = "wordt te vaak gebruikt"
HELP = "Een sterk wachtwoord is lang: neem drie of vier losse woorden"
BUSINESS = {"name": "Bakkerij De Molen", "kvk_number": "12345678", "sector": "bakkerij", "postcode": "3526 AB",
            "contact_name": "Hanna de Wit", "phone": "06 12345678", "email": "hanna@demolen.nl"}


def users():
    return db.session.scalar(select(func.count()).select_from(User))


def refused(response):
    text = response.get_data(as_text=True)
    return WEAK in text or COMMON in text


@pytest.mark.parametrize("password", ["Password1!", "Welkom123!", "qwerty12345", "amina.yilmaz@voorbeeld.nl",
                                      DEMO_PASSWORD, "Werkstation2026!", "Kanaleneiland1", "AminaYilmaz2026"])
def test_registration_refuses_weak_passwords_and_keeps_the_address(client, password):
    data = {"email": "amina.yilmaz@voorbeeld.nl", "password": password, "password_again": password}
    response = post_form(client, "/registreren/werkzoekende", data)
    assert response.status_code == 200 and refused(response)
    html = page(response)
    assert html.select_one("#password-error") is not None  # the message is next to the password field
    assert html.select_one("input[name=email]")["value"] == "amina.yilmaz@voorbeeld.nl"
    assert users() == 0


@pytest.mark.parametrize("password", ["Bakkerij De Molen 2026", "HannaDeWit2026!", "0612345678abc!"])
def test_business_registration_refuses_passwords_made_of_the_business_details(client, password):
    response = post_form(client, "/registreren/bedrijf", dict(BUSINESS, password=password, password_again=password))
    assert response.status_code == 200 and WEAK in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Business)) == 0


def test_the_form_says_what_makes_a_password_strong_and_a_strong_one_is_accepted(client):
    assert HELP in client.get("/registreren/werkzoekende").get_data(as_text=True)
    strong = "molen brood 88 zaterdag oven"
    response = post_form(client, "/registreren/bedrijf", dict(BUSINESS, password=strong, password_again=strong))
    assert response.status_code == 200 and "Kijk in je e-mail" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "hanna@demolen.nl")).check_password(strong)


def test_changing_to_a_weak_password_is_refused(client):
    user = make_jobseeker().user
    user.email = "fatima.bakker@voorbeeld.nl"
    db.session.commit()
    login(client, user)
    for weak in ("fatima.bakker@voorbeeld.nl", "FatimaBakker123", "Password1!"):
        response = post_form(client, "/account/wachtwoord",
                             {"current_password": PASSWORD, "password": weak, "password_again": weak})
        assert response.status_code == 400 and refused(response), weak
        assert HELP in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_create_user_command_refuses_a_weak_password(runner):
    for weak in ("Password1!", "beheer@wijk.nl", "Welkom123!"):
        result = runner.invoke(args=["create-user", "beheer@wijk.nl"], input=f"{weak}\n{weak}\n")
        assert result.exit_code != 0 and "too easy to guess" in result.output, weak
    assert users() == 0
