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


# --- The placement loop: a fitting vacancy, interest, a proposal, both yes, the trial (test_placement_loop.py) ---


def fill_vacancy_basics(page, vacancy):
    """The new-vacancy form's first questions: title, what the work is, hours and the week's schedule."""
    page.get_by_label("Functie").fill(vacancy["title"])
    page.get_by_label("Wat ga je doen?").fill(vacancy["description"])
    page.get_by_label("Minimaal aantal uren per week").fill(vacancy["hours_min"])
    page.get_by_label("Maximaal aantal uren per week").fill(vacancy["hours_max"])
    schedule = page.get_by_role("group", name="Wanneer wordt er gewerkt?")
    for slot in vacancy["schedule"]:
        schedule.get_by_label(slot, exact=True).check()


def post_vacancy(journey, page, vacancy, *, check_as="vacature"):
    """The logged-in business posts `vacancy` (title, description, hours, schedule, seats, talents) from its
    overview; returns the new vacancy's id, read from the page's address."""
    page.get_by_role("link", name="Nieuwe vacature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vacature")
    fill_vacancy_basics(page, vacancy)
    page.get_by_label("Aantal plekken").fill(vacancy["seats"])
    talents = page.get_by_role("group", name="Wat is belangrijk dat iemand kan?")
    for talent in vacancy["talents"]:
        talents.get_by_label(talent, exact=True).check()
    fill_pay_and_contract(page, vacancy.get("wage", "14,75"), vacancy.get("contract", "Tijdelijk contract"))
    journey.check(page, f"{check_as}-ingevuld", lang="nl")
    page.get_by_role("button", name="Vacature plaatsen").click()
    expect(page.get_by_role("status").first).to_contain_text("Je vacature staat online.")
    expect(page.get_by_role("heading", level=1)).to_have_text(vacancy["title"])
    journey.check(page, f"{check_as}-online", lang="nl")
    return int(re.search(r"/vacatures/(\d+)", page.url).group(1))


def fitting_vacancy_links(page):
    """The resident's own profile: the links to the open vacancies that fit, as {vacancy id: title}."""
    page.goto("/profiel")
    fitting = page.get_by_role("region", name="Open vacatures die bij je passen")
    links = fitting.get_by_role("link")
    return {int(re.search(r"/vacatures/(\d+)", links.nth(i).get_attribute("href")).group(1)): links.nth(i).inner_text()
            for i in range(links.count())}


def say_interest(journey, page, vacancy_id, title, *, check_as="bewoner-vacature"):
    """From the resident's profile, open the fitting vacancy and say "Ik heb interesse"."""
    page.goto("/profiel")
    page.get_by_role("region", name="Open vacatures die bij je passen").locator(
        f"a[href$='/profiel/vacatures/{vacancy_id}']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    journey.check(page, check_as, lang="nl")
    page.get_by_role("group", name="Wat vind je van dit werk?").get_by_label("Ik heb interesse").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Een medewerker ziet dat je interesse hebt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    journey.check(page, f"{check_as}-interesse", lang="nl")


def queue_item(page, name):
    """The list item of `name` in the vacancy queue on this page (an empty locator when they are not listed)."""
    return page.get_by_role("main").get_by_role("listitem").filter(has=page.get_by_role("heading", level=3, name=name))


def open_queue(journey, page, vacancy_id, title, *, check_as, filters=()):
    """Staff open the vacancy's queue, with the named filters ticked."""
    page.goto(f"/medewerker/vacatures/{vacancy_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Suggesties voor {title}")
    if filters:
        journey.check(page, f"{check_as}-alle", lang="nl")
        for label in filters:
            page.get_by_label(label).check()
        page.get_by_role("button", name="Toon").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Suggesties voor {title}")
    journey.check(page, check_as, lang="nl")


def shortlist(journey, page, name, *, check_as="medewerker"):
    """From the queue: open the person's suggestion and put it on the shortlist (back in the queue afterwards).
    Returns the suggestion page's address."""
    queue_item(page, name).get_by_role("link", name=re.compile("Uitleg bekijken en beslissen")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    journey.check(page, f"{check_as}-suggestie", lang="nl")
    suggestion_url = page.url
    page.get_by_role("radio", name="Op de shortlist").check()
    page.get_by_label("Reden", exact=True).select_option(label="Shortlist: Past goed bij het werk")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Je besluit is opgeslagen.")
    journey.check(page, f"{check_as}-shortlist", lang="nl")
    return suggestion_url


def shortlist_and_propose(journey, page, name, *, check_as="medewerker"):
    """From the queue: shortlist the person, then propose them; returns the placement page's address."""
    shortlist(journey, page, name, check_as=check_as)
    if not page.get_by_role("button", name="Voorstellen").count():  # back in the queue: open the suggestion again
        queue_item(page, name).get_by_role("link", name=re.compile("Uitleg bekijken en beslissen")).click()
        journey.check(page, f"{check_as}-voorstellen", lang="nl")
    page.get_by_role("button", name="Voorstellen").click()
    expect(page.get_by_role("status").first).to_contain_text("Voorgesteld.")
    journey.check(page, f"{check_as}-voorgesteld", lang="nl")
    return page.url


def last_queue_page(journey, page, *, check_as):
    """Follow "Volgende" under the queue to its last page, checking each page."""
    more = page.get_by_role("navigation", name="Meer suggesties").get_by_role("link", name="Volgende")
    n = 1
    while more.count():
        more.click()
        n += 1
        expect(page.get_by_text(re.compile(f"pagina {n} van"))).to_be_visible()
        journey.check(page, f"{check_as}-pagina-{n}", lang="nl")


def say_yes_to_proposal(journey, page, links, *, check_as):
    """The business or the resident follows `links` (names of links, in order) from their overview to the
    proposal, and says yes."""
    page.goto("/dashboard")
    journey.check(page, f"{check_as}-overzicht", lang="nl")
    for n, name in enumerate(links, 1):
        page.get_by_role("main").get_by_role("link", name=name).first.click()
        journey.check(page, f"{check_as}-voorstel-{n}", lang="nl")
    page.get_by_role("radio", name="Ja, graag").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("Je antwoord is opgeslagen.")
    journey.check(page, f"{check_as}-ja", lang="nl")


def move_placement(page, stage, **dates):
    """Staff, on the placement page: the next step, with the kennismaking's date and time or the trial's dates."""
    page.get_by_label("Volgende stap").select_option(label=stage)
    labels = {"meeting_date": "Datum kennismaking", "meeting_time": "Tijd kennismaking",
              "trial_start": "Begin proefplaatsing", "trial_end": "Einde proefplaatsing"}
    for key, value in dates.items():
        page.get_by_label(labels[key]).fill(value)
    page.get_by_role("button", name="Stap opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("De nieuwe stap is opgeslagen.")


def search_vacancies(journey, page, words, *, status=None, check_as):
    """Staff search the vacancies by words (and a status, from "Meer filters"); returns the results table."""
    page.goto("/medewerker/vacatures")
    journey.check(page, f"{check_as}-zoeken", lang="nl")
    page.get_by_label("Zoek op titel, omschrijving, bedrijf of notities").fill(words)
    if status:
        if not page.get_by_label("Status").is_visible():
            page.get_by_text("Meer filters").click()
        page.get_by_label("Status").select_option(label=status)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vacatures")
    journey.check(page, check_as, lang="nl")
    return page.locator("#results")
