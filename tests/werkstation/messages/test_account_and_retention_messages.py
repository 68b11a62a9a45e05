"""An account made by staff, and a retention notice before anonymisation, reach the person by e-mail."""

from datetime import timedelta

from sqlalchemy import select

from tests.factories import make_jobseeker, make_user
from tests.helpers import csrf_token, login, post_form
from tests.mailbox import link_in, text_of
from tests.werkstation.messages.outbox_helpers import messages, send_outbox
from werkstation import retention
from werkstation.extensions import db
from werkstation.models import Jobseeker, User, utcnow

NEW_PASSWORD = "wolkenkrabber 83 sinaasappel kano"


def test_an_account_made_by_staff_sends_a_link_to_choose_a_password(app, client, runner, mailbox):
    person = make_jobseeker(with_user=False, email="yusuf@voorbeeld.nl", phone="06 55544433")
    staff = make_user("staff")
    login(client, staff)
    client.post(f"/medewerker/werkzoekenden/{person.id}/code",
                data={"csrf_token": csrf_token(client, f"/medewerker/werkzoekenden/{person.id}")})
    send_outbox(runner)
    welcome = mailbox.one("yusuf@voorbeeld.nl", "account")
    assert "7 dagen" in text_of(welcome)
    path = link_in(welcome)[len(app.config["PUBLIC_URL"]):]
    resident = app.test_client()
    response = post_form(resident, path, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 302 and resident.get("/profiel").status_code == 200
    login(app.test_client(), "yusuf@voorbeeld.nl", NEW_PASSWORD)


def test_a_retention_notice_is_sent_by_message_before_anonymisation(app, runner, mailbox):
    now = utcnow()
    quiet = make_jobseeker(last_active_at=now - timedelta(days=400))
    quiet.user.locale = "en"
    no_email = make_jobseeker(with_user=False, email=None, phone="06 10101010",
                              last_active_at=now - timedelta(days=400))
    db.session.commit()
    retention.purge(now)
    retention.purge(now)  # a second run the same day sends nothing twice
    send_outbox(runner)
    notice = mailbox.one(quiet.user.email, "deleted")
    erase_on = (now + timedelta(days=30)).strftime("%-d %B %Y")
    assert erase_on in text_of(notice) and "/inloggen" in link_in(notice)
    assert [m.channel for m in messages(jobseeker_id=no_email.id)] == ["call_list"]

    retention.purge(now + timedelta(days=31))  # anonymised: the messages about the person go with the rest
    assert db.session.scalar(select(Jobseeker).where(Jobseeker.id == quiet.id)).status == "erased"
    assert messages(jobseeker_id=quiet.id) == [] and db.session.get(User, quiet.user_id or 0) is None
