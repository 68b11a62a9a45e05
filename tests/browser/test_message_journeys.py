"""Messages reach people outside the screens, with a real SMTP server (aiosmtpd on 127.0.0.1).

(e) A business posts a vacancy, staff propose a resident, the business receives the e-mail, follows its link
    (logging in on the way) and says yes.
(f) A resident who forgot their password asks for a link on a 375 px phone, opens it from the e-mail, chooses a new
    password and logs in with it.

The sender runs as it does next to the server (`outbox send`), here in-process after each step.
"""

import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from tests.browser.actions import BUSINESS_EMAIL, STAFF_EMAIL, fill_pay_and_contract, log_in, log_out
from tests.browser.support import DESKTOP, PHONE
from tests.mailbox import Mailbox, link_in, text_of
from werkstation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

TITLE = "Zondagse hulp in de winkel"
RESIDENT_EMAIL = "samira.reset@voorbeeld.nl"
NEW_PASSWORD = "paraplu tramhalte 47 gember"


@contextmanager
def mail_to_test_server(server):
    """Point the live app at a real SMTP server on 127.0.0.1 for one journey, then back to .eml files."""
    from werkstation import outbox

    box = Mailbox().start()
    app = server.app
    before = {key: app.config.get(key) for key in ("MAIL_SERVER", "MAIL_PORT", "PUBLIC_URL")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=box.port, PUBLIC_URL=server.url)
    outbox.configure_mail(app)
    try:
        yield box
    finally:
        app.config.update(before)
        outbox.configure_mail(app)
        box.stop()


def send_outbox(server):
    from werkstation.outbox.sender import send_due

    return server.query(send_due)


def follow(journey, page, message):
    url = link_in(message)
    assert url.startswith(journey.base_url + "/"), url  # the link points at this Werkstation
    page.goto(url)


def fill_login(page, email, password):
    page.get_by_label(re.compile(r"^E-mailadres")).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()


def business_posts_the_vacancy(journey):
    """The demo bakery logs in and posts a small Sunday vacancy, then logs out."""
    business = journey.page(viewport=DESKTOP)
    business.goto("/")
    journey.check(business, "home", lang="nl")
    log_in(journey, business, BUSINESS_EMAIL, check_as="bedrijf")
    journey.check(business, "bedrijf-overzicht", lang="nl")
    business.get_by_role("link", name="Nieuwe vacature").click()
    journey.check(business, "bedrijf-nieuwe-vacature", lang="nl")
    business.get_by_label("Functie").fill(TITLE)
    business.get_by_label("Wat ga je doen?").fill("Op zondagmiddag brood verkopen en de winkel netjes houden.")
    business.get_by_label("Minimaal aantal uren per week").fill("4")
    business.get_by_label("Maximaal aantal uren per week").fill("8")
    business.get_by_role("group", name="Wanneer wordt er gewerkt?").get_by_label("zondag middag", exact=True).check()
    fill_pay_and_contract(business)
    business.get_by_role("button", name="Vacature plaatsen").click()
    expect(business.get_by_role("status").first).to_contain_text("Je vacature staat online.")
    journey.check(business, "bedrijf-vacature", lang="nl")
    log_out(business)


def staff_propose_the_top_suggestion(journey):
    """Staff open the vacancy from their list, put its top suggestion on the shortlist and propose it."""
    staff = journey.page(viewport=DESKTOP)
    log_in(journey, staff, STAFF_EMAIL, check_as="medewerker")
    journey.check(staff, "medewerker-overzicht", lang="nl")
    staff.goto("/medewerker/vacatures")
    journey.check(staff, "medewerker-vacatures", lang="nl")
    staff.get_by_role("main").get_by_role("link", name=TITLE).first.click()
    journey.check(staff, "medewerker-suggesties", lang="nl")
    top = staff.get_by_role("main").get_by_role("listitem").filter(has=staff.get_by_role("heading", level=3)).first
    top.get_by_role("link", name=re.compile("Uitleg bekijken en beslissen")).click()
    journey.check(staff, "medewerker-suggestie", lang="nl")
    staff.get_by_role("radio", name="Op de shortlist").check()
    staff.get_by_label("Reden", exact=True).select_option(label="Shortlist: Past goed bij het werk")
    staff.get_by_role("button", name="Besluit opslaan").click()
    if not staff.get_by_role("button", name="Voorstellen").count():
        again = staff.get_by_role("main").get_by_role("listitem").filter(has_text="op de shortlist").first
        journey.check(staff, "medewerker-shortlist", lang="nl")
        again.get_by_role("link", name=re.compile("Uitleg bekijken en beslissen")).click()
        journey.check(staff, "medewerker-voorstellen", lang="nl")
    staff.get_by_role("button", name="Voorstellen").click()
    expect(staff.get_by_role("status").first).to_contain_text("Voorgesteld.")
    journey.check(staff, "medewerker-voorgesteld", lang="nl")


def say_yes_from_the_e_mail(journey, message):
    """The owner reads the e-mail on another computer, where nobody is logged in yet: the link asks to log in
    first, then opens the proposal; they say yes."""
    reader = journey.page(viewport=DESKTOP)
    follow(journey, reader, message)
    expect(reader.get_by_role("heading", level=1)).to_have_text("Inloggen")
    journey.check(reader, "link-eerst-inloggen", lang="nl")
    fill_login(reader, BUSINESS_EMAIL, DEMO_PASSWORD)
    expect(reader.get_by_role("heading", level=1)).to_have_text(f"Voorstel voor {TITLE}")
    journey.check(reader, "bedrijf-voorstel-uit-e-mail", lang="nl")
    reader.get_by_role("radio", name="Ja, graag").check()
    reader.get_by_role("button", name="Antwoord versturen").click()
    expect(reader.get_by_role("status").first).to_contain_text("Je antwoord is opgeslagen.")
    journey.check(reader, "bedrijf-zegt-ja", lang="nl")


def test_e_the_business_gets_the_proposal_by_e_mail_follows_the_link_and_says_yes(journey):
    with mail_to_test_server(journey.server) as mailbox:
        business_posts_the_vacancy(journey)
        staff_propose_the_top_suggestion(journey)
        assert not [m for m in mailbox.to(BUSINESS_EMAIL)], "nothing is sent inside the request"

        send_outbox(journey.server)
        message = mailbox.one(BUSINESS_EMAIL, f"Nieuw voorstel voor je vacature {TITLE}")
        assert "zeg ja of nee" in text_of(message)
        say_yes_from_the_e_mail(journey, message)

        # The resident hears that the business wants to meet: by e-mail, or on the staff call list without one.
        assert journey.server.query(_answer_for_resident) == 1


def _answer_for_resident():
    """How many 'the business wants to meet you' messages went to the resident of this journey's vacancy."""
    from sqlalchemy import func, select

    from werkstation.extensions import db
    from werkstation.models import Vacancy
    from werkstation.outbox.models import Message

    return db.session.scalar(
        select(func.count()).select_from(Message).join(Vacancy, Vacancy.id == Message.vacancy_id)
        .where(Message.kind == "answer_yes", Message.jobseeker_id.is_not(None), Vacancy.title == TITLE))


def _make_resident():
    from tests.factories import set_password
    from werkstation.extensions import db
    from werkstation.models import User

    user = User(email=RESIDENT_EMAIL, role="jobseeker")
    set_password(user, "een oud wachtwoord dat weg is")
    db.session.add(user)
    db.session.commit()


def test_f_a_resident_resets_a_forgotten_password_from_the_e_mail_on_a_phone(journey):
    journey.server.query(_make_resident)
    with mail_to_test_server(journey.server) as mailbox:
        phone = journey.page(viewport=PHONE)
        phone.goto("/inloggen")
        journey.check(phone, "inloggen", lang="nl")
        phone.get_by_role("link", name="Wachtwoord vergeten?").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Wachtwoord vergeten")
        journey.check(phone, "wachtwoord-vergeten", lang="nl")
        phone.get_by_label("E-mailadres of mobiel nummer").fill(RESIDENT_EMAIL)
        phone.get_by_role("button", name="Help mij inloggen").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Je hoort van ons")
        journey.check(phone, "je-hoort-van-ons", lang="nl")

        send_outbox(journey.server)
        message = mailbox.one(RESIDENT_EMAIL, "Kies een nieuw wachtwoord")
        assert "30 minuten" in text_of(message)
        follow(journey, phone, message)
        expect(phone.get_by_role("heading", level=1)).to_have_text("Kies een nieuw wachtwoord")
        journey.check(phone, "nieuw-wachtwoord", lang="nl")
        phone.get_by_label("Nieuw wachtwoord", exact=True).fill("kort")
        phone.get_by_label("Nieuw wachtwoord nog een keer").fill("kort")
        phone.get_by_role("button", name="Wachtwoord opslaan").click()
        expect(phone.get_by_role("alert").first).to_contain_text("minstens 10 tekens")
        journey.check(phone, "nieuw-wachtwoord-te-kort", lang="nl")
        phone.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
        phone.get_by_label("Nieuw wachtwoord nog een keer").fill(NEW_PASSWORD)
        phone.get_by_role("button", name="Wachtwoord opslaan").click()
        expect(phone.get_by_role("status").first).to_contain_text("Je nieuwe wachtwoord is opgeslagen.")
        journey.check(phone, "ingelogd-met-nieuw-wachtwoord", lang="nl")
        log_out(phone)
        journey.check(phone, "uitgelogd", lang="nl")

        follow(journey, phone, message)  # the same link a second time
        expect(phone.get_by_role("main")).to_contain_text("Deze link is al gebruikt.")
        journey.check(phone, "link-al-gebruikt", lang="nl")
        phone.goto("/inloggen")
        fill_login(phone, RESIDENT_EMAIL, NEW_PASSWORD)
        expect(phone).not_to_have_url(re.compile(r"/inloggen"))
        journey.check(phone, "weer-ingelogd", lang="nl")
        send_outbox(journey.server)
        assert mailbox.one(RESIDENT_EMAIL, "Je wachtwoord is veranderd")
