"""What people do on Werkstation, written with visible labels, texts and roles (never ids)."""

import re

from playwright.sync_api import expect

from werkstation.demo import DEMO_PASSWORD

STAFF_EMAIL = "medewerker@werkstation-demo.nl"
ADMIN_EMAIL = "admin@werkstation-demo.nl"
BUSINESS_EMAIL = "bakkerij@werkstation-demo.nl"
JOBSEEKER_EMAIL = "amina@werkstation-demo.nl"

# Labels of the second login step (TOTP), Dutch or English.
CODE_LABEL = re.compile(r"(code|authenticat)", re.IGNORECASE)


def _fresh_code(server, email, secret):
    """A code for the current time step, later than the last accepted one (the app refuses a code twice)."""
    import time

    import pyotp
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import User

    def last_step():
        try:
            from werkstation.auth.totp import last_step as last
        except ImportError:
            return -1
        user = db.session.scalar(select(User).where(User.email == email))
        return last(user)

    totp = pyotp.TOTP(secret)
    step = max(int(time.time() // totp.interval), server.query(last_step) + 1)
    # The app accepts the current step and one either side; a person would wait for the next code.
    while step > int(time.time() // totp.interval) + 1:
        time.sleep(1)
    return totp.at(step * totp.interval)


def totp_secret(server, email):
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import User

    return server.query(lambda: db.session.scalar(select(User.totp_secret).where(User.email == email)))


def log_in(journey, page, email, password=DEMO_PASSWORD, *, check_as=None):
    """Log in through the login form; do the second step (code from the authenticator app) when asked.

    First login of a staff account: the set-up page shows the key as text; we read it from the page, like a
    person typing it into their app. Later logins: the key is in the database; we compute the app's code.
    """
    page.goto("/inloggen")
    if check_as:
        journey.check(page, f"{check_as}-inloggen")
    page.get_by_label(re.compile(r"^(E-mailadres|Email address|E-mail address|Email)( of telefoonnummer| or phone number)?$")).fill(email)
    page.get_by_label(re.compile(r"^(Wachtwoord|Password)$")).fill(password)
    page.get_by_role("button", name=re.compile(r"^(Inloggen|Log in)$")).click()
    page.wait_for_load_state("load")
    code_field = page.get_by_label(CODE_LABEL)
    if code_field.count():
        secret = totp_secret(journey.server, email)
        if not secret:  # set-up: the key is shown on the page
            if check_as:
                journey.check(page, f"{check_as}-code-instellen")
            secret = page.get_by_role("code").first.inner_text().replace(" ", "")
        elif check_as:
            journey.check(page, f"{check_as}-code")
        code_field.first.fill(_fresh_code(journey.server, email, secret))
        page.get_by_role("button", name=re.compile(r"(Inloggen|Log in|inloggen|log in)")).click()
        page.wait_for_load_state("load")
    assert "/inloggen" not in page.url, f"login failed for {email}: still on {page.url}"


def log_out(page):
    page.get_by_role("button", name=re.compile(r"^(Uitloggen|Log out)$")).click()
    page.wait_for_load_state("load")


SIGNUP_WORDS = {  # language: (page after "Account maken", the confirm page and its button)
    "nl": ("Kijk in je e-mail", "Aanmelding afmaken"),
    "en": ("Check your e-mail", "Finish signing up"),
}


def finish_signup_by_email(journey, page, email, *, check_as=None, lang="nl"):
    """After "Account maken": the page says to look in the e-mail; open the link from that e-mail (read from the
    outbox, as the sender would send it) in the same browser and press the button."""
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.outbox.models import Message

    look, finish = SIGNUP_WORDS[lang]
    expect(page.get_by_role("heading", level=1)).to_have_text(look)
    if check_as:
        journey.check(page, check_as, lang=lang)
    link = journey.server.query(lambda: db.session.scalars(
        select(Message.link).where(Message.kind == "signup_confirm", Message.address == email)
        .order_by(Message.id.desc())).first())
    assert link, f"no sign-up e-mail to {email}"
    page.goto(journey.url("/" + link.split("/", 3)[3]))
    expect(page.get_by_role("heading", level=1)).to_have_text(finish)
    journey.check(page, "aanmelding-afmaken", lang=lang)
    page.get_by_role("button", name=finish).click()


def fill_pay_and_contract(page, wage="14,75", contract="Tijdelijk contract"):
    """The vacancy form's required pay (an hourly amount, Dutch decimal comma) and contract questions."""
    page.get_by_role("group", name="Wat verdient iemand?").get_by_label("Een bedrag per uur").check()
    page.get_by_label("Loon per uur, in euro (bruto)").fill(wage)
    page.get_by_role("group", name="Wat voor contract krijgt iemand?").get_by_label(contract).check()
