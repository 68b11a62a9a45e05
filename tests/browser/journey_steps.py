"""The steps of the neighbourhood journeys (test_journeys.py), each a thing a person does on one or two pages.

Every step checks the pages it visits (`journey.check`: screenshot and axe-core) under the same names as before
the journeys were split into steps, so the screenshots keep their names.
"""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.actions import fill_pay_and_contract, fill_vacancy_basics, finish_signup_by_email

# --- (a) the business --------------------------------------------------------------------------------------------


def sign_up_as_business(journey, page, business, password):
    """From the home page: "Ik heb werk", the registration form, the link in the e-mail; lands on the empty
    overview."""
    page.goto("/")
    journey.check(page, "home", lang="nl")
    page.get_by_role("link", name="Ik heb werk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden als bedrijf")
    journey.check(page, "aanmelden", lang="nl")
    page.get_by_label("Naam van het bedrijf").fill(business["name"])
    page.get_by_label("KvK-nummer").fill(business["kvk"])
    page.get_by_label("Sector").select_option(label=business["sector"])
    page.get_by_label("Postcode van de vestiging").fill(business["postcode"])
    page.get_by_label("Naam contactpersoon").fill(business["contact"])
    page.get_by_label("Telefoonnummer").fill(business["phone"])
    page.get_by_label("E-mailadres").fill(business["email"])
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_label("Wachtwoord nog een keer").fill(password)
    page.get_by_role("button", name="Account maken").click()
    finish_signup_by_email(journey, page, business["email"], check_as="kijk-in-je-e-mail")
    expect(page.get_by_role("status").first).to_contain_text("Je bedrijf is aangemeld")
    expect(page.get_by_role("heading", level=1)).to_have_text(business["name"])
    expect(page.get_by_text("Je hebt nog geen vacatures.")).to_be_visible()
    journey.check(page, "overzicht-leeg", lang="nl")


def post_vacancy(journey, page, vacancy):
    """From the business's overview: fill in the new vacancy (hours, schedule, a required talent, a licence) and
    place it; lands on the vacancy's page."""
    page.get_by_role("link", name="Nieuwe vacature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vacature")
    journey.check(page, "nieuwe-vacature", lang="nl")
    fill_vacancy_basics(page, vacancy)
    page.get_by_role("group", name="Wat is belangrijk dat iemand kan?").get_by_label(vacancy["required_talent"]).check()
    page.get_by_role("group", name="Rijbewijs nodig").get_by_label(vacancy["licence"]).check()
    fill_pay_and_contract(page, vacancy.get("wage", "15,10"), vacancy.get("contract", "Tijdelijk contract"))
    journey.check(page, "vacature-ingevuld", lang="nl")
    page.get_by_role("button", name="Vacature plaatsen").click()
    expect(page.get_by_role("status").first).to_contain_text("Je vacature staat online.")
    expect(page.get_by_role("heading", level=1)).to_have_text(vacancy["title"])


def expect_the_matchers_fit_counts(journey, page):
    """The vacancy's page says how many people fit, and those are the matcher's numbers; returns the vacancy id."""
    fit = page.get_by_role("region", name="Wie past bij deze vacature?")
    expect(fit).to_contain_text(re.compile(r"uit de wijk (past|passen) goed"))
    journey.check(page, "vacature-met-aantallen", lang="nl")
    text = fit.inner_text()
    fit_sentence = (r"(\d+) (?:persoon|mensen) uit de wijk (?:past|passen) goed\.\s+"
                    r"(?:(\d+) (?:persoon|mensen) (?:woont|wonen)|Niemand woont) op loopafstand")
    residents, walking = (int(n or 0) for n in re.search(fit_sentence, text).groups())
    assert "1 mensen" not in text
    good = int(re.search(r"In totaal \(in en buiten de wijk\) (?:past|passen) (\d+) (?:persoon|mensen) goed", text).group(1))
    vacancy_id = int(re.search(r"/vacatures/(\d+)", page.url).group(1))
    expected = journey.server.query(lambda: _fit_counts(vacancy_id))
    assert (good, residents, walking) == (expected.good, expected.residents, expected.walking)
    assert good >= residents >= walking >= 0
    return vacancy_id


def expect_what_was_asked(page):
    """The vacancy's details show the schedule, the licence and the hours that were asked."""
    details = page.locator("dl")
    expect(details).to_contain_text("zaterdag: ochtend, middag")
    expect(details).to_contain_text("zondag: ochtend")
    expect(details).to_contain_text("B (auto)")
    expect(details).to_contain_text("12 tot 20 uur")


def back_to_business_overview(journey, page, title):
    """The link back to the overview, where the new vacancy is listed."""
    page.get_by_role("link", name="Terug naar mijn overzicht").click()
    expect(page.get_by_role("link", name=title)).to_be_visible()
    journey.check(page, "overzicht-met-vacature", lang="nl")


def _fit_counts(vacancy_id):
    from werkstation import matching_bridge
    from werkstation.extensions import db
    from werkstation.models import Vacancy

    return matching_bridge.fit_counts(db.session.get(Vacancy, vacancy_id))


# --- (b) the resident's intake -------------------------------------------------------------------------------------


def sign_up_as_resident(journey, page, email, password):
    """From the home page: "Ik zoek werk", an account with an e-mail address, the link in the e-mail."""
    page.goto("/")
    journey.check(page, "home", lang="nl")
    page.get_by_role("link", name="Ik zoek werk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden als werkzoekende")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_label("Wachtwoord nog een keer").fill(password)
    journey.check(page, "account-maken", lang="nl")
    page.get_by_role("button", name="Account maken").click()
    finish_signup_by_email(journey, page, email, check_as="kijk-in-je-e-mail")
    expect(page.get_by_role("status").first).to_contain_text("Je account is gemaakt")
    journey.check(page, "welkom", lang="nl")


def next_step(page, journey, name, heading):
    """Check the step's page, then press Volgende; the next page has `heading`."""
    journey.check(page, name, lang="nl")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def intake_work_and_talents(journey, page, resident):
    """Begin the intake: the work done before, then the talents (forgotten once: the page says so, nothing lost)."""
    page.get_by_role("link", name="Begin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werk")
    expect(page.get_by_text(re.compile(r"Stap 1 van \d+")).first).to_be_visible()
    work = page.get_by_role("group", name="Welk werk heb je al gedaan?")
    if not work.get_by_label(resident["work"], exact=True).is_visible():
        work.get_by_text("Meer laten zien").click()  # less common work is folded, as on a phone
    work.get_by_label(resident["work"], exact=True).check()
    next_step(page, journey, "stap-werk", "Talenten")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies minstens één ding waar je goed in bent.")
    journey.check(page, "stap-talenten-fout", lang="nl")
    talents = page.get_by_role("group", name="Waar ben je goed in?")
    for talent in resident["talents"]:
        talents.get_by_label(talent, exact=True).check()
    next_step(page, journey, "stap-talenten", "Uren en dagen")


def intake_hours_and_travel(journey, page, resident):
    """Hours and parts of the day, then postcode and how far the resident travels."""
    page.get_by_label("Hoeveel uur per week wil je minstens werken?").fill(resident["hours"][0])
    page.get_by_label("Hoeveel uur per week wil je hoogstens werken?").fill(resident["hours"][1])
    grid = page.get_by_role("group", name="Wanneer kun je werken?")
    for slot in resident["availability"]:
        grid.get_by_label(slot, exact=True).check()
    next_step(page, journey, "stap-uren", "Reizen")
    page.get_by_label("Wat is je postcode?").fill(resident["postcode"])
    page.get_by_role("group", name="Hoe reis je naar je werk?").get_by_label(resident["travel_mode"], exact=True).check()
    page.get_by_role("group", name="Hoe lang wil je hoogstens reizen?").get_by_label(resident["travel_minutes"], exact=True).check()
    next_step(page, journey, "stap-reizen", "Talen")


def intake_dutch_licence_and_name(journey, page, resident):
    """The level of Dutch, the driving licence, then name and phone number; lands on the summary."""
    page.get_by_role("group", name="Hoe goed spreek je Nederlands?").get_by_label(resident["dutch"]).check()
    next_step(page, journey, "stap-talen", "Rijbewijs en certificaten")
    page.get_by_role("group", name="Welk rijbewijs heb je?").get_by_label(resident["licence"]).check()
    next_step(page, journey, "stap-papieren", "Over jou")
    page.get_by_label("Hoe mogen we je noemen?").fill(resident["name"])
    page.get_by_label("Telefoonnummer (mag leeg)").fill(resident["phone"])
    next_step(page, journey, "stap-over-jou", "Kloppen je antwoorden?")


def consent_on_the_summary(journey, page, resident):
    """The summary shows the answers back; nothing is stored before consent; saving without it is explained.
    Returns the stored profile."""
    main = page.get_by_role("main")
    for text in (resident["work"], resident["postcode"], resident["name"], "zaterdag"):
        expect(main).to_contain_text(text)
    assert journey.server.query(lambda: _profile_of(resident["email"])) is None, "profile stored before consent"
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Zonder je toestemming")
    journey.check(page, "toestemming-vergeten", lang="nl")
    page.get_by_label(re.compile("Ik geef toestemming")).check()
    journey.check(page, "toestemming", lang="nl")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_be_visible()
    journey.check(page, "na-toestemming", lang="nl")
    return journey.server.query(lambda: _profile_of(resident["email"]))


def open_own_profile(journey, page):
    """The resident's overview says the profile is ready; its link opens "Mijn profiel"."""
    page.goto("/dashboard")
    expect(page.get_by_text("Je profiel staat klaar.")).to_be_visible()
    journey.check(page, "overzicht", lang="nl")
    page.get_by_role("link", name="Mijn profiel bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    journey.check(page, "profiel", lang="nl")


def _profile_of(email):
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import Jobseeker, User

    j = db.session.scalar(select(Jobseeker).join(User, Jobseeker.user_id == User.id).where(User.email == email))
    if j is None:
        return None
    return {"id": j.id, "consent_at": j.consent_at, "postcode": j.postcode, "licences": j.licences,
            "availability": j.availability}


# --- (c) staff propose, both sides say yes -----------------------------------------------------------------------


def staff_read_why_the_top_suggestion_fits(journey, staff, business, vacancy, resident):
    """Staff open the new vacancy from their overview; its top suggestion is the resident, and its page says why."""
    journey.check(staff, "medewerker-overzicht", lang="nl")
    newest = staff.get_by_role("main").get_by_role("listitem").filter(has_text=business["name"])
    newest.get_by_role("link", name=vacancy["title"]).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Suggesties voor {vacancy['title']}")
    journey.check(staff, "medewerker-suggesties", lang="nl")
    top = staff.get_by_role("main").get_by_role("listitem").filter(has=staff.get_by_role("heading", level=3)).first
    expect(top.get_by_role("heading", level=3)).to_contain_text(resident["name"])
    expect(top).to_contain_text("geen harde eis gemist")
    expect(top).to_contain_text("woont in de wijk")
    top.get_by_role("link", name=re.compile("Uitleg bekijken en beslissen")).click()
    expect(staff.get_by_role("heading", level=1)).to_contain_text(resident["name"])
    expect(staff.get_by_role("heading", name="Waarom deze suggestie?")).to_be_visible()
    expect(staff.locator("ul.fit-summary")).to_contain_text("Past:")
    breakdown = staff.get_by_role("table", name=re.compile("Zo is de score opgebouwd"))
    expect(breakdown).to_be_visible()
    assert breakdown.get_by_role("row").count() >= 4, "the score breakdown lists its parts"
    journey.check(staff, "medewerker-waarom", lang="nl")


def staff_shortlist_and_propose(journey, staff, name):
    """Propose is refused before the shortlist (the page says so); shortlist, then propose. Returns the placement's
    address."""
    expect(staff.get_by_text("Je kunt pas voorstellen als deze suggestie op de shortlist staat.")).to_be_visible()
    staff.get_by_role("radio", name="Op de shortlist").check()
    staff.get_by_label("Reden", exact=True).select_option(label="Shortlist: Past goed bij het werk")
    staff.get_by_role("button", name="Besluit opslaan").click()
    expect(staff.get_by_role("status").first).to_contain_text("Je besluit is opgeslagen.")
    journey.check(staff, "medewerker-shortlist", lang="nl")
    if not staff.get_by_role("button", name="Voorstellen").count():
        # Back in the queue: the suggestion now says it is on the shortlist; open it again to propose.
        again = staff.get_by_role("main").get_by_role("listitem").filter(has_text=name).first
        expect(again).to_contain_text("op de shortlist")
        again.get_by_role("link", name=re.compile("Uitleg bekijken en beslissen")).click()
        expect(staff.get_by_role("heading", level=1)).to_contain_text(name)
        journey.check(staff, "medewerker-voorstellen", lang="nl")
    staff.get_by_role("button", name="Voorstellen").click()
    expect(staff.get_by_role("status").first).to_contain_text("Voorgesteld.")
    expect(staff.get_by_role("main")).to_contain_text("voorgesteld")
    journey.check(staff, "medewerker-voorgesteld", lang="nl")
    return staff.url


def business_says_yes_without_knowing_who(journey, business, vacancy, resident, missing):
    """The business finds the proposal from its overview: no name or phone number yet; it says yes."""
    journey.check(business, "bedrijf-overzicht", lang="nl")
    open_proposals(journey, business, missing)
    business.get_by_role("link", name=re.compile(f"Voorstel \\d+ voor {vacancy['title']}")).click()
    expect(business.get_by_role("heading", level=1)).to_have_text(f"Voorstel voor {vacancy['title']}")
    expect(business.get_by_role("main")).not_to_contain_text(resident["name"])
    expect(business.get_by_role("main")).not_to_contain_text(resident["phone"])
    journey.check(business, "bedrijf-voorstel", lang="nl")
    business.get_by_role("radio", name="Ja, graag").check()
    business.get_by_role("button", name="Antwoord versturen").click()
    expect(business.get_by_role("status").first).to_contain_text("Je antwoord is opgeslagen.")
    expect(business.get_by_role("main")).to_contain_text("We wachten nog op de andere kant.")
    journey.check(business, "bedrijf-ja", lang="nl")


def resident_says_yes_and_sees_the_contact(journey, resident, business, vacancy):
    """The proposal is on the resident's own overview; they say yes and see the business's contact person. The
    business did not allow its name before both said yes (the form's default): until then the resident reads its
    trade, afterwards its name."""
    trade = f"een bedrijf uit de sector {business['sector']}"
    expect(resident.get_by_role("main")).to_contain_text(trade)
    expect(resident.get_by_role("main")).not_to_contain_text(business["name"])
    journey.check(resident, "bewoner-overzicht", lang="nl")
    resident.get_by_role("main").get_by_role("link", name=re.compile(f"{vacancy['title']}.*{re.escape(trade)}")).click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(vacancy["title"])
    journey.check(resident, "bewoner-voorstel", lang="nl")
    resident.get_by_role("radio", name="Ja, graag").check()
    resident.get_by_role("button", name="Antwoord versturen").click()
    expect(resident.get_by_role("status").first).to_contain_text("Je antwoord is opgeslagen.")
    expect(resident.get_by_role("main")).to_contain_text(business["contact"])
    expect(resident.get_by_role("main")).to_contain_text(business["name"])
    journey.check(resident, "bewoner-ja", lang="nl")


def open_proposals(journey, page, missing):
    """Find the proposals page from the user's own overview (a link a person can see).

    Without such a link the journey goes on by address, so the steps after it are still tested, and the
    test fails at its end with what was missing.
    """
    link = page.get_by_role("main").get_by_role("link", name=re.compile(r"voorstel", re.I))
    nav = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile(r"voorstel", re.I))
    if nav.count():
        nav.first.click()
    elif link.count():
        link.first.click()
    else:
        missing.append(f"no link to the proposals (/plaatsingen/) on {page.url.replace(journey.base_url, '')}")
        page.goto("/plaatsingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorstellen")
    journey.check(page, "voorstellen", lang="nl")


def staff_start_the_trial(journey, staff, placement_url, vacancy_id):
    """Staff move the placement on: kennismaking, then proefplaatsing with dates; it is stored so."""
    staff.goto(placement_url)
    journey.check(staff, "medewerker-beide-ja", lang="nl")
    move_to(staff, "kennismaking")
    journey.check(staff, "medewerker-kennismaking", lang="nl")
    move_to(staff, "proefplaatsing", trial=True)
    expect(staff.get_by_role("main").locator(".tag").first).to_have_text("proefplaatsing")
    journey.check(staff, "medewerker-proefplaatsing", lang="nl")
    assert journey.server.query(lambda: _placement_stage(vacancy_id)) == "proefplaatsing"


def move_to(staff, stage, trial=False):
    """Choose the placement's next stage (with the trial's dates) and save it."""
    staff.get_by_label("Volgende stap").select_option(label=stage)
    if trial:
        start = date.today() + timedelta(days=7)
        staff.get_by_label("Begin proefplaatsing").fill(start.isoformat())
        staff.get_by_label("Einde proefplaatsing").fill((start + timedelta(days=56)).isoformat())
    staff.get_by_role("button", name="Stap opslaan").click()
    expect(staff.get_by_role("status").first).to_contain_text("De nieuwe stap is opgeslagen.")


def _placement_stage(vacancy_id):
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import Placement

    return db.session.scalar(select(Placement.stage).where(Placement.vacancy_id == vacancy_id))
