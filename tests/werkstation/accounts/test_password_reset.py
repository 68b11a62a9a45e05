"""Forgotten password: a signed link by e-mail that works once for 30 minutes; the page says the same for any
address; a used, old, tampered or unknown link gets a clear message; a new password ends every other session."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, make_business, make_jobseeker, make_user
from tests.helpers import csrf_token, login
from tests.html import page
from tests.mailbox import link_in
from tests.werkstation.messages.outbox_helpers import send_outbox
from werkstation.accounts import tokens
from werkstation.accounts.models import AccountToken
from werkstation.extensions import db
from werkstation.models import AuditEvent, User

NEW_PASSWORD = "kastanje 61 snelweg viool"


def ask_reset(client, email):
    return client.post("/wachtwoord-vergeten", data={"email": email, "csrf_token": csrf_token(client, "/wachtwoord-vergeten")})


def reset_path(app, mailbox, email):
    url = link_in(mailbox.one(email, "wachtwoord"))
    return url[len(app.config["PUBLIC_URL"].rstrip("/")):]


def choose(client, path, password=NEW_PASSWORD):
    return client.post(path, data={"password": password, "password_again": password,
                                   "csrf_token": csrf_token(client, "/wachtwoord-vergeten")})


def test_a_resident_resets_a_forgotten_password_from_the_e_mail_link(app, client, runner, mailbox):
    person = make_jobseeker()
    email = person.user.email
    phone_session = app.test_client()
    login(phone_session, person.user)  # logged in elsewhere, e.g. on a phone

    known = ask_reset(client, email)
    unknown = ask_reset(app.test_client(), "niemand@voorbeeld.nl")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True).replace(email, "X") == unknown.get_data(as_text=True).replace(
        "niemand@voorbeeld.nl", "X")  # the same answer whether or not the address has an account
    send_outbox(runner)
    assert [str(m["To"]) for m in mailbox.messages] == [email]  # nothing goes to an unknown address
    message = mailbox.one(email, "wachtwoord")
    assert "30 minuten" in message.get_body(preferencelist=("plain",)).get_content()

    path = reset_path(app, mailbox, email)
    assert client.get(path).status_code == 200
    response = choose(client, path)
    assert response.status_code == 302 and response.headers["Location"].endswith("/dashboard")
    assert client.get("/dashboard").status_code == 200  # logged in with the new password
    assert phone_session.get("/dashboard").status_code == 302  # the other session has ended
    db.session.expire_all()
    assert db.session.get(User, person.user.id).check_password(NEW_PASSWORD)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.password_reset")) is not None

    again = app.test_client()
    reused = again.get(path)
    assert reused.status_code == 400 and "al gebruikt" in reused.get_data(as_text=True)  # single use
    assert choose(again, path, "tulpenbol 29 gitaar zeepbel").status_code == 400
    send_outbox(runner)
    assert mailbox.one(email, "veranderd")  # a notice that the password changed


def test_an_old_link_is_refused_with_a_clear_message(app, client, runner, mailbox, monkeypatch):
    user = make_business().users[0]
    ask_reset(client, user.email)
    send_outbox(runner)
    path = reset_path(app, mailbox, user.email)
    later = tokens.utcnow() + timedelta(minutes=31)
    monkeypatch.setattr(tokens, "utcnow", lambda: later)
    import itsdangerous.timed

    monkeypatch.setattr(itsdangerous.timed.TimestampSigner, "get_timestamp",
                        lambda self: int(later.timestamp()) + 3600 * 24)  # the signature's clock moves on too
    response = client.get(path)
    assert response.status_code == 400 and "te oud" in response.get_data(as_text=True)
    assert "/wachtwoord-vergeten" in response.get_data(as_text=True)  # a way to ask for a new link


def test_the_marker_expires_even_if_the_signature_would_not(app, client, runner, mailbox):
    user = make_business().users[0]
    ask_reset(client, user.email)
    send_outbox(runner)
    path = reset_path(app, mailbox, user.email)
    marker = db.session.scalar(select(AccountToken))
    marker.expires_at = marker.created_at  # expired in the database
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 400 and "te oud" in response.get_data(as_text=True)


@pytest.mark.parametrize("tamper", [
    lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature changed
    lambda t: "x" + t,  # payload changed
    lambda t: "helemaal-geen-token",
])
def test_a_tampered_link_is_refused(app, client, runner, mailbox, tamper):
    user = make_jobseeker().user
    ask_reset(client, user.email)
    send_outbox(runner)
    path = reset_path(app, mailbox, user.email)
    token = path.rsplit("/", 1)[1]
    response = client.get(f"/wachtwoord-herstellen/{tamper(token)}")
    assert response.status_code == 400 and "klopt niet" in response.get_data(as_text=True)
    assert choose(client, f"/wachtwoord-herstellen/{tamper(token)}").status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_a_link_signed_for_another_purpose_or_key_is_refused(app, client):
    user = make_jobseeker().user
    with app.test_request_context():
        welcome = tokens.issue(user, tokens.TokenPurpose.WELCOME)
        db.session.commit()
    assert client.get(f"/wachtwoord-herstellen/{welcome}").status_code == 400
    app.config["SECRET_KEY"] = "een-andere-sleutel"
    assert client.get(f"/welkom/{welcome}").status_code == 400


def test_asking_for_links_is_rate_limited_like_the_login(app, client):
    for _ in range(5):
        assert ask_reset(client, "iemand@voorbeeld.nl").status_code == 200
    assert ask_reset(client, "iemand@voorbeeld.nl").status_code == 429


def test_staff_choose_a_new_password_and_still_log_in_with_their_code(app, client, runner, mailbox):
    staff = make_user("staff")
    ask_reset(client, staff.email)
    send_outbox(runner)
    response = choose(client, reset_path(app, mailbox, staff.email))
    assert response.headers["Location"].endswith("/inloggen")
    assert client.get("/medewerker/").status_code == 302  # not logged in without the second step
    login(client, staff.email, NEW_PASSWORD)
    assert client.get("/medewerker/").status_code == 200


def test_a_resident_with_only_a_phone_number_is_called_back_with_a_code(app, client, runner, mailbox):
    person = make_jobseeker(name="Fatima")
    person.user.email, person.user.phone = None, "+31641872290"
    db.session.commit()
    known = ask_reset(client, "06 4187 2290")
    unknown = ask_reset(app.test_client(), "06 2345 6789")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True).replace("06 4187 2290", "X") == unknown.get_data(
        as_text=True).replace("06 2345 6789", "X")  # never says whether the number has an account
    assert "belt de coöperatie je" in known.get_data(as_text=True)
    assert page(known.get_data(as_text=True)).find("a", href="/cooperatie") is not None
    ask_reset(client, "0641872290")  # asking twice on one day puts one call on the list
    staff = make_user("staff")
    login(client, staff)
    calls = page(client.get("/medewerker/bellijst").get_data(as_text=True))
    items = [li for li in calls.find_all("li", class_="message") if "06 41872290" in li.get_text() or
             "+31641872290" in li.get_text()]
    assert len(items) == 1
    assert "wachtwoord vergeten" in items[0].get_text() and items[0].find(
        "a", href=f"/medewerker/werkzoekenden/{person.id}") is not None
    send_outbox(runner)
    assert mailbox.messages == []  # no e-mail: the call is how the code reaches her
