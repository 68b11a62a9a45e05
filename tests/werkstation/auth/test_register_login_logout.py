"""Accounts: registration with validation that keeps the input, login, logout, staff accounts."""

import pytest
from sqlalchemy import func, select

from tests.factories import PASSWORD, make_business, make_user
from tests.helpers import csrf_token, finish_signup, login, post_form
from werkstation.extensions import db
from werkstation.models import Business, User

GOOD_BUSINESS = {
    "name": "Bakkerij De Molen",
    "kvk_number": "12345678",
    "sector": "bakkerij",
    "postcode": "3526ab",
    "contact_name": "Hanna de Wit",
    "phone": "06 12345678",
    "email": "Hanna@DeMolen.nl",
    "password": "brood-bakken-om-vijf",
    "password_again": "brood-bakken-om-vijf",
}


def test_business_registration_creates_business_and_first_user(client):
    response = post_form(client, "/registreren/bedrijf", GOOD_BUSINESS)
    assert response.status_code == 200 and "Kijk in je e-mail" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302  # not logged in before the e-mail's link is used
    assert finish_signup(client, "hanna@demolen.nl").status_code == 302
    business = db.session.scalar(select(Business))
    assert business.name == "Bakkerij De Molen"
    assert business.postcode == "3526 AB"
    user = db.session.scalar(select(User))
    assert user.email == "hanna@demolen.nl"
    assert user.role == "business" and user.business_id == business.id
    assert "Bakkerij De Molen" in client.get("/dashboard").get_data(as_text=True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Vul de naam van het bedrijf in."),
        ("name", "x" * 121, "Gebruik hoogstens 120 tekens."),
        ("kvk_number", "1234567", "Een KvK-nummer heeft 8 cijfers"),
        ("kvk_number", "1234567a", "Een KvK-nummer heeft 8 cijfers"),
        ("postcode", "35266", "Vul een postcode in zoals 3526 AB."),
        ("phone", "123", "Vul een telefoonnummer in zoals 06 12345678."),
        ("email", "geen-adres", "Vul een geldig e-mailadres in"),
        ("password", "kort", "Kies een wachtwoord van minstens 10 tekens."),
        ("password", "wachtwoord123", "Dit wachtwoord wordt te vaak gebruikt."),
        ("password", "Password1!", "Dit wachtwoord is te makkelijk te raden."),
        ("sector", "kerncentrale", "Not a valid choice"),
    ],
)
def test_business_registration_errors_are_shown_next_to_the_field_and_keep_input(client, field, value, message):
    data = dict(GOOD_BUSINESS, **{field: value})
    if field == "password":
        data["password_again"] = value
    response = post_form(client, "/registreren/bedrijf", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    if field != "sector":
        assert message in html
    assert 'class="error-summary"' in html
    assert f'id="{field}-error"' in html
    # What the user typed is still there (except passwords, which are never echoed back).
    assert 'value="Hanna de Wit"' in html
    if field not in ("password",) and value and field not in ("sector",):
        assert f'value="{value}"' in html
    assert db.session.scalar(select(func.count()).select_from(Business)) == 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_tampered_sector_is_refused_with_a_dutch_message(client):
    response = post_form(client, "/registreren/bedrijf", dict(GOOD_BUSINESS, sector="kerncentrale"))
    assert response.status_code == 200
    assert 'id="sector-error"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Business)) == 0


def test_duplicate_kvk_is_refused(client):
    make_business(kvk_number="12345678")
    html = post_form(client, "/registreren/bedrijf", GOOD_BUSINESS).get_data(as_text=True)
    assert "Dit KvK-nummer is al aangemeld." in html


def test_unknown_pc4_is_refused(client):
    html = post_form(client, "/registreren/bedrijf", dict(GOOD_BUSINESS, postcode="1000 AA")).get_data(as_text=True)
    assert "Deze postcode kennen we niet." in html


def test_jobseeker_registration_and_mismatched_passwords(client):
    data = {"email": "amina@voorbeeld.nl", "password": "fietsen-naar-werk", "password_again": "fietsen-naar-wark"}
    html = post_form(client, "/registreren/werkzoekende", data).get_data(as_text=True)
    assert "De twee wachtwoorden zijn niet hetzelfde." in html
    assert 'value="amina@voorbeeld.nl"' in html
    data["password_again"] = data["password"]
    assert post_form(client, "/registreren/werkzoekende", data).status_code == 200
    assert finish_signup(client, "amina@voorbeeld.nl").headers["Location"].endswith("/dashboard")
    user = db.session.scalar(select(User).where(User.email == "amina@voorbeeld.nl"))
    assert user.role == "jobseeker"
    assert user.password_hash.startswith("scrypt:")


def test_login_failure_message_is_generic(client):
    make_user(role="staff", email="staff@voorbeeld.nl")
    for email, password in (("staff@voorbeeld.nl", "verkeerd-wachtwoord"), ("niemand@voorbeeld.nl", PASSWORD)):
        html = post_form(client, "/inloggen", {"email": email, "password": password}).get_data(as_text=True)
        assert "Dit nummer of e-mailadres en dit wachtwoord horen niet bij elkaar." in html
        assert f'value="{email}"' in html


def test_login_is_case_insensitive_and_renews_the_session(client):
    # A jobseeker: staff get a second step first (tests/werkstation/auth/test_second_step_codes.py covers their renewal).
    make_user(role="jobseeker", email="staff@voorbeeld.nl")
    csrf_token(client, "/inloggen")
    with client.session_transaction() as sess:
        sess["planted"] = "by-attacker"
    token = csrf_token(client, "/inloggen")
    response = client.post("/inloggen", data={"email": "STAFF@Voorbeeld.nl", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert "_user_id" in sess


def test_logout_ends_the_session_on_the_server(app, client):
    user = make_user(role="staff", email="staff@voorbeeld.nl")
    login(client, user)
    with client.session_transaction() as sess:
        old_session = dict(sess)
    assert client.get("/dashboard").status_code == 200
    token = csrf_token(client, "/dashboard")
    assert client.post("/uitloggen", data={"csrf_token": token}).status_code == 302
    # Replay the old cookie contents: refused.
    replay = app.test_client()
    with replay.session_transaction() as sess:
        sess.update(old_session)
    response = replay.get("/dashboard")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_deactivated_user_is_logged_out(client):
    user = make_user(role="staff")
    login(client, user)
    user.active = False
    db.session.commit()
    assert client.get("/dashboard").status_code == 302


def test_logout_requires_post_with_csrf(client):
    user = make_user(role="staff")
    login(client, user)
    assert client.get("/uitloggen").status_code == 405
    assert client.post("/uitloggen").status_code == 400
    assert client.get("/dashboard").status_code == 200


def test_open_redirect_after_login_is_ignored(client):
    make_user(role="jobseeker", email="staff@voorbeeld.nl")
    token = csrf_token(client, "/inloggen")
    response = client.post(
        "/inloggen?next=https://evil.example/", data={"email": "staff@voorbeeld.nl", "password": PASSWORD, "csrf_token": token}
    )
    assert response.headers["Location"].endswith("/dashboard")


def test_create_user_command(runner):
    result = runner.invoke(args=["create-user", "--role", "admin", "Beheer@Wijk.nl"], input="sterk-genoeg-2026\nsterk-genoeg-2026\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "beheer@wijk.nl"))
    assert user.role == "admin" and user.check_password("sterk-genoeg-2026")
    weak = runner.invoke(args=["create-user", "zwak@wijk.nl"], input="kort\nkort\n")
    assert weak.exit_code != 0
    again = runner.invoke(args=["create-user", "beheer@wijk.nl"], input="sterk-genoeg-2026\nsterk-genoeg-2026\n")
    assert again.exit_code != 0 and "already" in again.output


def test_registration_is_rate_limited_per_address(app):
    """Trying many addresses (or filling the database) from one address stops after 10 tries a minute, for both
    forms together; another address can still register."""
    statuses = []
    for i in range(11):
        client = app.test_client()
        form = "/registreren/werkzoekende" if i % 2 else "/registreren/bedrijf"
        token = csrf_token(client, form)
        statuses.append(client.post(form, data={"email": f"probeer{i}@voorbeeld.nl", "password": "kort",
                                                "csrf_token": token}).status_code)
    assert statuses == [200] * 10 + [429]
    other = app.test_client()
    data = {"email": "amina@voorbeeld.nl", "password": "fietsen-naar-werk", "password_again": "fietsen-naar-werk",
            "csrf_token": csrf_token(other, "/registreren/werkzoekende")}
    response = other.post("/registreren/werkzoekende", data=data, environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert response.status_code == 200 and "Kijk in je e-mail" in response.get_data(as_text=True)
