"""Proposals and answers reach both sides by e-mail: once, in their language, with one working link."""


from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.mailbox import html_of, text_of
from tests.werkstation.messages.outbox_helpers import follow, messages, send_outbox
from tests.werkstation.staff.workspace import answer, business_user, proposed, shortlisted
from werkstation.extensions import db

SECRETS = ("Amina Verborgen", "06 99887766", "amina.v@voorbeeld.nl")


def secret_person(**overrides):
    return make_jobseeker(name="Amina Verborgen", phone="06 99887766", email="amina.v@voorbeeld.nl", **overrides)


def test_a_proposal_reaches_the_business_and_the_resident_once_with_a_working_link(app, client, runner, mailbox):
    vacancy = make_vacancy(title="Schoonmaker kantoor")
    person = secret_person()
    person.user.email = "amina.v@voorbeeld.nl"
    person.user.locale = "en"
    db.session.commit()
    staff = make_user("staff")
    row = shortlisted(vacancy, person, staff)
    login(client, staff)
    propose_url = f"/medewerker/suggesties/{row.id}/voorstellen"
    response = client.post(propose_url, data={"csrf_token": csrf_token(client, f"/medewerker/suggesties/{row.id}"),
                                              "form_token": "eenmalig-voorstel"})
    assert response.status_code == 302
    assert mailbox.messages == []  # nothing is sent inside the request

    send_outbox(runner)
    send_outbox(runner)  # a second run sends nothing again
    owner = business_user(vacancy)
    to_business = mailbox.one(owner.email)
    assert str(to_business["Subject"]) == "Nieuw voorstel voor je vacature Schoonmaker kantoor"
    assert "zeg ja of nee" in text_of(to_business) and "<a href=" in html_of(to_business)
    for secret in SECRETS:  # nothing about the person before both said yes
        assert secret not in to_business.as_string()
    to_person = mailbox.one("amina.v@voorbeeld.nl")
    assert str(to_person["Subject"]) == "There is work for you: Schoonmaker kantoor"  # the language she chose
    assert to_person["Content-Language"] == "en"
    assert len(mailbox.messages) == 2

    business_client = app.test_client()
    login(business_client, owner)
    page = follow(business_client, app, to_business)
    assert page.status_code == 200 and "Schoonmaker kantoor" in page.get_data(as_text=True)
    person_client = app.test_client()
    login(person_client, person.user)
    assert follow(person_client, app, to_person).status_code == 200


def test_answers_reach_the_other_side_and_both_hear_when_both_said_yes(app, client, runner, mailbox):
    vacancy = make_vacancy(title="Afwasser")
    person = secret_person()
    placement = proposed(vacancy, person)
    send_outbox(runner)
    mailbox.messages.clear()
    owner = business_user(vacancy)

    login(client, owner)
    assert answer(client, placement, True).status_code == 302
    send_outbox(runner)
    assert [str(m["Subject"]) for m in mailbox.messages] == ["Het bedrijf wil met je kennismaken"]
    assert mailbox.messages[0]["To"] == person.user.email

    other = app.test_client()
    login(other, person.user)
    assert answer(other, placement, True).status_code == 302
    send_outbox(runner)
    both = [m for m in mailbox.messages if str(m["Subject"]) == "Jullie willen allebei kennismaken"]
    assert sorted(str(m["To"]) for m in both) == sorted([owner.email, person.user.email])
    page = follow(client, app, mailbox.one(owner.email, "allebei"))
    assert "Amina Verborgen" in page.get_data(as_text=True)  # now the page shows the contact details
    for secret in SECRETS:  # the e-mail itself still holds none of them
        assert secret not in mailbox.one(owner.email, "allebei").as_string()


def test_a_no_reaches_the_other_side(app, client, runner, mailbox):
    vacancy = make_vacancy(title="Kapper")
    person = make_jobseeker()
    placement = proposed(vacancy, person)
    other = app.test_client()
    login(other, person.user)
    assert answer(other, placement, False, "Ik heb al werk gevonden.").status_code == 302
    send_outbox(runner)
    owner = business_user(vacancy)
    no = mailbox.one(owner.email, "niet verder")
    assert "Ik heb al werk gevonden" not in no.as_string()  # the reason is for the cooperative
    assert [m.kind for m in messages(recipient_user_id=owner.id)] == ["proposal_business", "answer_no"]


def test_a_resident_without_e_mail_lands_on_the_call_list(app, runner, mailbox):
    vacancy = make_vacancy(title="Vakkenvuller")
    person = make_jobseeker(with_user=False, email=None, phone="06 11223344")
    proposed(vacancy, person)
    send_outbox(runner)
    call = messages(jobseeker_id=person.id)
    assert [(m.channel, m.status, m.address) for m in call] == [("call_list", "queued", "06 11223344")]
    assert "Vakkenvuller" in call[0].body_text
    assert len(mailbox.messages) == 1  # only the business's e-mail
