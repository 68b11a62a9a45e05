"""Logged-in people change their password (current one asked) and e-mail address (link to the new address, notice
to the old one); staff give residents without e-mail a one-time code; admins deactivate and reactivate accounts."""


from sqlalchemy import select

from tests.factories import PASSWORD, make_jobseeker, make_user
from tests.helpers import csrf_token, login, post_form
from tests.html import page as html_page
from tests.mailbox import link_in
from tests.werkstation.messages.outbox_helpers import messages, send_outbox
from werkstation.extensions import db
from werkstation.models import AuditEvent, User

NEW_PASSWORD = "kastanje 61 snelweg viool"


def audited(action):
    return db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_changing_the_password_asks_the_current_one_and_ends_other_sessions(app, client):
    user = make_jobseeker().user
    login(client, user)
    elsewhere = app.test_client()
    login(elsewhere, user)
    wrong = post_form(client, "/account/wachtwoord", {"current_password": "fout-wachtwoord-1",
                                                     "password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert wrong.status_code == 400 and "niet je wachtwoord van nu" in wrong.get_data(as_text=True)
    weak = post_form(client, "/account/wachtwoord", {"current_password": PASSWORD, "password": "kort",
                                                    "password_again": "kort"})
    assert weak.status_code == 400 and "minstens 10 tekens" in weak.get_data(as_text=True)
    done = post_form(client, "/account/wachtwoord", {"current_password": PASSWORD, "password": NEW_PASSWORD,
                                                    "password_again": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.get("/account").status_code == 200  # this session goes on
    assert elsewhere.get("/account").status_code == 302  # the other one ended
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)


def test_changing_the_e_mail_address_needs_the_link_sent_to_the_new_address(app, client, runner, mailbox):
    user = make_jobseeker().user
    old = user.email
    login(client, user)
    response = post_form(client, "/account/e-mailadres", {"email": "Nieuw.Adres@Voorbeeld.nl",
                                                         "current_password": PASSWORD})
    assert response.status_code == 200 and "nieuw.adres@voorbeeld.nl" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).email == old  # nothing changes before the link is used
    send_outbox(runner)
    notice = mailbox.one(old, "veranderd")
    assert "nieuw.adres@voorbeeld.nl" not in notice.as_string()
    confirm = link_in(mailbox.one("nieuw.adres@voorbeeld.nl", "e-mailadres"))
    path = confirm[len(app.config["PUBLIC_URL"]):]
    page = app.test_client().get(path)
    assert page.status_code == 200 and "nieuw.adres@voorbeeld.nl" in page.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).email == "nieuw.adres@voorbeeld.nl"
    assert app.test_client().get(path).status_code == 400  # once only
    login(app.test_client(), "nieuw.adres@voorbeeld.nl")


def test_an_address_of_another_account_gets_no_link_and_the_page_says_the_same(app, client, runner, mailbox):
    user = make_jobseeker().user
    other = make_jobseeker().user
    login(client, user)
    response = post_form(client, "/account/e-mailadres", {"email": other.email, "current_password": PASSWORD})
    assert response.status_code == 200
    send_outbox(runner)
    assert mailbox.to(other.email) == []


def test_staff_give_a_resident_without_e_mail_a_one_time_code(app, client):
    person = make_jobseeker(with_user=False, email=None, phone="06 12312312")
    staff = make_user("staff")
    login(client, staff)
    page = client.post(f"/medewerker/werkzoekenden/{person.id}/code",
                       data={"csrf_token": csrf_token(client, f"/medewerker/werkzoekenden/{person.id}")})
    assert page.status_code == 200
    code = html_page(page).find(class_="code-display").get_text(strip=True)
    account = db.session.scalar(select(User).where(User.phone == "+31612312312"))
    assert account is not None and account.email is None and account.role == "jobseeker"
    assert code.replace(" ", "") not in str([e.details for e in audited("user.reset_code")])  # not in the log
    assert [m.kind for m in messages(jobseeker_id=person.id)] == ["account_created"]  # on the call list

    resident = app.test_client()
    form = {"account": "06-12312312", "code": "0000 0000", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    wrong = post_form(resident, "/inloggen/met-code", form)
    assert wrong.status_code == 200 and "klopt niet" in wrong.get_data(as_text=True)
    assert 'value="06-12312312"' in wrong.get_data(as_text=True)  # what was typed stays
    right = post_form(resident, "/inloggen/met-code", {**form, "code": code})
    assert right.status_code == 302 and resident.get("/dashboard").status_code == 200
    again = post_form(app.test_client(), "/inloggen/met-code", {**form, "code": code})
    assert "klopt niet" in again.get_data(as_text=True)  # used once
    login(app.test_client(), "06 12312312", NEW_PASSWORD)  # from now on: phone number and password


def test_admins_deactivate_an_account_and_every_session_ends_at_once(app, client, runner):
    person = make_jobseeker().user
    session_a, session_b = app.test_client(), app.test_client()
    login(session_a, person)
    login(session_b, person)
    admin = make_user("admin")
    login(client, admin)
    response = client.post(f"/beheer/accounts/{person.id}/uitzetten",
                           data={"csrf_token": csrf_token(client, "/beheer/accounts")})
    assert response.status_code == 302
    assert session_a.get("/dashboard").status_code == 302 and session_b.get("/dashboard").status_code == 302
    refused = post_form(app.test_client(), "/inloggen", {"email": person.email, "password": PASSWORD})
    assert refused.status_code == 200  # the login form again, no session
    assert len(audited("user.deactivate")) == 1 and audited("user.deactivate")[0].actor_id == admin.id

    client.post(f"/beheer/accounts/{person.id}/aanzetten", data={"csrf_token": csrf_token(client, "/beheer/accounts")})
    login(app.test_client(), person)


def test_the_deactivate_command_ends_every_session(app, runner):
    person = make_jobseeker().user
    session = app.test_client()
    login(session, person)
    result = runner.invoke(args=["auth", "deactivate", person.email.upper()])
    assert result.exit_code == 0, result.output
    assert session.get("/dashboard").status_code == 302
    assert audited("user.deactivate")
    assert runner.invoke(args=["auth", "deactivate", "niemand@voorbeeld.nl"]).exit_code != 0
    assert runner.invoke(args=["auth", "reactivate", person.email]).exit_code == 0
    login(app.test_client(), person)


def test_berichten_never_shows_the_link_meant_for_the_new_address(app, client, runner, mailbox):
    # The link proves that the new mailbox is theirs: it must only be in that mailbox, not on the Berichten page.
    user = make_jobseeker().user
    login(client, user)
    post_form(client, "/account/e-mailadres", {"email": "nieuw.adres@voorbeeld.nl", "current_password": PASSWORD})
    send_outbox(runner)
    confirm = link_in(mailbox.one("nieuw.adres@voorbeeld.nl", "e-mailadres"))
    inbox = client.get("/berichten").get_data(as_text=True)
    assert "Klopt dit e-mailadres?" in inbox
    assert "/e-mailadres-bevestigen/" not in inbox and confirm not in inbox
    assert "De link staat alleen in de e-mail" in html_page(inbox).get_text(" ", strip=True)


def test_the_data_download_keeps_the_message_but_not_the_link_for_the_new_address(app, client, runner, mailbox):
    user = make_jobseeker().user
    login(client, user)
    post_form(client, "/account/e-mailadres", {"email": "nieuw.adres@voorbeeld.nl", "current_password": PASSWORD})
    data = client.get("/profiel/download").get_json()
    confirm = next(m for m in data["messages"] if m["subject"] == "Klopt dit e-mailadres?")
    assert "/e-mailadres-bevestigen/" not in confirm["text"]
    assert "(De link staat alleen in de e-mail.)" in confirm["text"]
