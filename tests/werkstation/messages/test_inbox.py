"""The Berichten page and the header count; the business dashboard says how many proposals wait; the call list."""

from sqlalchemy import select

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import page
from tests.werkstation.messages.outbox_helpers import messages
from tests.werkstation.staff.workspace import business_user, proposed
from werkstation.extensions import db
from werkstation.models import AuditEvent, User


def test_the_header_counts_new_messages_until_the_berichten_page_is_opened(app, client):
    vacancy = make_vacancy(title="Inpakker")
    person = make_jobseeker()
    proposed(vacancy, person)
    login(client, person.user)
    page = client.get("/dashboard").get_data(as_text=True)
    assert 'Berichten <span class="count">1' in page
    inbox = client.get("/berichten").get_data(as_text=True)
    assert "Er is werk voor je: Inpakker" in inbox and "nieuw" in inbox
    assert 'class="count"' not in client.get("/dashboard").get_data(as_text=True)


def test_the_business_dashboard_says_how_many_proposals_wait(app, client):
    vacancy = make_vacancy(seats=3)
    proposed(vacancy, make_jobseeker())
    proposed(vacancy, make_jobseeker(availability={"tue": ["morning"]}))
    login(client, business_user(vacancy))
    assert "2 nieuwe voorstellen" in client.get("/dashboard").get_data(as_text=True)


def test_staff_phone_people_without_e_mail_and_mark_the_call_done(app, client):
    person = make_jobseeker(with_user=False, email=None, phone="06 11223344")
    proposed(make_vacancy(title="Vakkenvuller"), person)
    staff = make_user("staff")
    login(client, staff)
    page = client.get("/medewerker/bellijst").get_data(as_text=True)
    assert "06 11223344" in page and "De coöperatie denkt dat dit werk bij je past: Vakkenvuller" in page
    call = messages(jobseeker_id=person.id)[0]
    response = client.post(f"/medewerker/bellijst/{call.id}/gedaan",
                           data={"csrf_token": csrf_token(client, "/medewerker/bellijst")})
    assert response.status_code == 302
    assert "06 11223344" not in client.get("/medewerker/bellijst").get_data(as_text=True)
    call = messages(jobseeker_id=person.id)[0]
    assert (call.status, call.done_by_id) == ("done", staff.id)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "message.called")) is not None


def test_a_business_never_sees_the_messages_meant_for_a_resident_without_account(app, client):
    person = make_jobseeker(with_user=False, email=None, phone="06 11223344")
    vacancy = make_vacancy(title="Vakkenvuller")
    proposed(vacancy, person)
    login(client, business_user(vacancy))
    inbox = client.get("/berichten").get_data(as_text=True)
    assert "Er is werk voor je" not in inbox and "06 11223344" not in inbox
    assert "Vakkenvuller" in inbox  # the business's own message about the proposal is there
    assert 'class="count"' not in client.get("/dashboard").get_data(as_text=True)


def test_the_language_a_person_chooses_is_the_language_of_their_messages(app, client, runner, mailbox):
    from tests.werkstation.messages.outbox_helpers import send_outbox

    person = make_jobseeker()
    login(client, person.user)
    client.get("/taal/en")
    proposed(make_vacancy(title="Schoonmaker"), person)
    send_outbox(runner)
    assert str(mailbox.one(person.user.email)["Subject"]) == "There is work for you: Schoonmaker"


def test_an_arabic_e_mail_reads_right_to_left(app, client, runner, mailbox):
    from tests.werkstation.messages.outbox_helpers import send_outbox

    person = make_jobseeker()
    login(client, person.user)
    client.get("/taal/ar")
    proposed(make_vacancy(title="Schoonmaker"), person)
    send_outbox(runner)
    mail = mailbox.one(person.user.email)
    html = next(part for part in mail.walk() if part.get_content_type() == "text/html").get_content()
    body = page(html).find("body")
    assert body["dir"] == "rtl" and page(html).html["lang"] == "ar"


def test_someone_who_registers_in_english_gets_english_messages(app, client):
    client.get("/taal/en")
    client.post("/registreren/werkzoekende", data={
        "email": "new.neighbour@voorbeeld.nl", "password": "kameel fietspomp 19 lavendel", "password_again":
        "kameel fietspomp 19 lavendel", "csrf_token": csrf_token(client, "/registreren/werkzoekende")})
    assert db.session.scalar(select(User.locale).where(User.email == "new.neighbour@voorbeeld.nl")) == "en"


def test_the_demo_history_counts_as_delivered_so_make_run_sends_no_old_news(app, runner):
    from werkstation.demo import seed_demo

    seed_demo()
    rows = messages()
    assert rows and {m.status for m in rows} <= {"sent", "done"}
    assert "0 sent" in runner.invoke(args=["outbox", "send"]).output


def test_the_data_download_holds_the_messages_sent_to_the_person(app, client):
    person = make_jobseeker()
    proposed(make_vacancy(title="Glazenwasser"), person)
    login(client, person.user)
    data = client.get("/profiel/download").get_json()
    assert [m["subject"] for m in data["messages"]] == ["Er is werk voor je: Glazenwasser"]


def test_a_job_offer_stays_on_top_and_password_mails_are_folded_below(app, client):
    from werkstation.outbox import events

    person = make_jobseeker()
    proposed(make_vacancy(title="Inpakker"), person)
    for _ in range(3):  # asked for a new password three times after the offer came
        events.password_reset_requested(person.user, "http://127.0.0.1:5000/wachtwoord-herstellen/geheim", 30)
    db.session.commit()
    login(client, person.user)
    doc = page(client.get("/berichten").get_data(as_text=True))
    subjects = [h.get_text(" ", strip=True) for h in doc.select("main h2.message-subject")]
    assert subjects[0].startswith("Er is werk voor je: Inpakker")
    folded = doc.select_one("main details.account-messages")
    assert folded is not None and not folded.has_attr("open")
    assert folded.summary.get_text(strip=True) == "3 berichten over je account (wachtwoord, e-mailadres)"
    assert len(folded.select("h2.message-subject")) == 3
    assert "wachtwoord-herstellen/geheim" not in str(doc)  # a reset link works without the password: mail only
