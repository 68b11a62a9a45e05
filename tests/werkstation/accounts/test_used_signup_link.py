"""A registration link used once: opening it again says the registration is done, never 'register again' or the
password-reset wording, and someone logged in is sent to their own page."""

from tests.factories import make_jobseeker
from tests.helpers import login
from werkstation.accounts import tokens
from werkstation.extensions import db


def used_signup_link(app, user):
    with app.test_request_context():
        token = tokens.issue(user, tokens.TokenPurpose.SIGNUP)
        marker = tokens.redeem(token, tokens.TokenPurpose.SIGNUP)
        marker.used_at = marker.created_at
        db.session.commit()
    return f"/registreren/afmaken/{token}"


def test_a_logged_in_resident_opening_a_used_registration_link_is_not_told_to_register(app, client):
    user = make_jobseeker().user
    path = used_signup_link(app, user)
    login(client, user)
    text = client.get(path).get_data(as_text=True)
    assert "Je aanmelding is klaar" in text and "al ingelogd" in text
    assert "opnieuw aan" not in text and "wachtwoord nodig" not in text


def test_a_used_registration_link_says_the_registration_is_done_and_offers_the_login(app, client):
    path = used_signup_link(app, make_jobseeker().user)
    text = client.get(path).get_data(as_text=True)
    assert "al gebruikt" in text and "Inloggen" in text
    assert "opnieuw aan" not in text and "wachtwoord nodig" not in text


def test_berichten_says_a_registration_mail_is_done_with(app):
    from types import SimpleNamespace

    from werkstation.outbox.models import MessageKind, shown_body
    link = "https://werkstation.example/registreren/afmaken/abc"
    mail = SimpleNamespace(kind=MessageKind.SIGNUP_CONFIRM, link=link,
                           body_text=f"Klik op de link om je aanmelding af te maken.\nAanmelding afmaken:\n{link}")
    with app.test_request_context():
        shown = shown_body(mail)
    assert link not in shown and "Je aanmelding is afgemaakt" in shown
