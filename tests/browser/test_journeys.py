"""The three audiences end to end, in the order things happen in the neighbourhood.

(a) A business registers, posts a vacancy with a schedule and a required licence, and sees how many fit.
(b) A resident registers on a phone and completes the intake with consent (a profile that fits (a)).
(c) Staff open that vacancy, read why the top suggestion fits, shortlist and propose it; the business
    accepts the introduction; the resident accepts; staff move the placement to proefplaatsing.
(d) The resident downloads their data and deletes their account.

The journeys share one server and run in this order; a later journey builds on what the earlier one made.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.actions import fill_pay_and_contract, finish_signup_by_email
from tests.browser.support import DESKTOP, PHONE

pytestmark = pytest.mark.browser

PASSWORD = "Bezorgen in de wijk 2026"
BUSINESS = {
    "name": "Pakketdienst Kanaalstraat",
    "kvk": "90817263",
    "sector": "Magazijn, logistiek en bezorging",
    "postcode": "3526 KV",
    "contact": "Hanneke de Vries",
    "phone": "06 21436587",
    "email": "hanneke@pakketdienst-kanaalstraat.nl",
}
VACANCY = {
    "title": "Bezorger",
    "description": "Je bezorgt pakketjes in Kanaleneiland en Transwijk met ons busje. We werken je rustig in.",
    "hours_min": "12",
    "hours_max": "20",
    "schedule": ["zaterdag ochtend", "zaterdag middag", "zondag ochtend"],
    "required_talent": "Auto of busje rijden",
    "licence": "B (auto)",
    "wage": "15,10",
    "contract": "Tijdelijk contract",
}
# What the journeys made, for the ones after them.
STATE: dict = {}


def need(key, journey_name):
    if key not in STATE:
        pytest.skip(f"needs journey {journey_name}, which did not finish")
    return STATE[key]


def test_a_business_posts_a_vacancy_and_sees_who_fits(journey):
    page = journey.page(viewport=DESKTOP)
    page.goto("/")
    journey.check(page, "home", lang="nl")
    page.get_by_role("link", name="Ik heb werk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden als bedrijf")
    journey.check(page, "aanmelden", lang="nl")

    page.get_by_label("Naam van het bedrijf").fill(BUSINESS["name"])
    page.get_by_label("KvK-nummer").fill(BUSINESS["kvk"])
    page.get_by_label("Sector").select_option(label=BUSINESS["sector"])
    page.get_by_label("Postcode van de vestiging").fill(BUSINESS["postcode"])
    page.get_by_label("Naam contactpersoon").fill(BUSINESS["contact"])
    page.get_by_label("Telefoonnummer").fill(BUSINESS["phone"])
    page.get_by_label("E-mailadres").fill(BUSINESS["email"])
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    finish_signup_by_email(journey, page, BUSINESS["email"], check_as="kijk-in-je-e-mail")

    expect(page.get_by_role("status").first).to_contain_text("Je bedrijf is aangemeld")
    expect(page.get_by_role("heading", level=1)).to_have_text(BUSINESS["name"])
    expect(page.get_by_text("Je hebt nog geen vacatures.")).to_be_visible()
    journey.check(page, "overzicht-leeg", lang="nl")

    page.get_by_role("link", name="Nieuwe vacature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe vacature")
    journey.check(page, "nieuwe-vacature", lang="nl")

    page.get_by_label("Functie").fill(VACANCY["title"])
    page.get_by_label("Wat ga je doen?").fill(VACANCY["description"])
    page.get_by_label("Minimaal aantal uren per week").fill(VACANCY["hours_min"])
    page.get_by_label("Maximaal aantal uren per week").fill(VACANCY["hours_max"])
    schedule = page.get_by_role("group", name="Wanneer wordt er gewerkt?")
    for slot in VACANCY["schedule"]:
        schedule.get_by_label(slot, exact=True).check()
    page.get_by_role("group", name="Wat is belangrijk dat iemand kan?").get_by_label(VACANCY["required_talent"]).check()
    page.get_by_role("group", name="Rijbewijs nodig").get_by_label(VACANCY["licence"]).check()
    fill_pay_and_contract(page, VACANCY["wage"], VACANCY["contract"])
    journey.check(page, "vacature-ingevuld", lang="nl")
    page.get_by_role("button", name="Vacature plaatsen").click()

    expect(page.get_by_role("status").first).to_contain_text("Je vacature staat online.")
    expect(page.get_by_role("heading", level=1)).to_have_text(VACANCY["title"])
    fit = page.get_by_role("region", name="Wie past bij deze vacature?")
    expect(fit).to_contain_text("mensen uit de wijk passen goed")
    journey.check(page, "vacature-met-aantallen", lang="nl")

    # The numbers the business sees are the matcher's numbers for this vacancy.
    text = fit.inner_text()
    residents, walking = (int(n) for n in re.search(r"(\d+) mensen uit de wijk passen goed, (\d+) wonen op loopafstand", text).groups())
    good = int(re.search(r"In totaal passen (\d+) mensen goed", text).group(1))
    vacancy_id = int(re.search(r"/vacatures/(\d+)", page.url).group(1))
    expected = journey.server.query(lambda: _fit_counts(vacancy_id))
    assert (good, residents, walking) == (expected.good, expected.residents, expected.walking)
    assert good >= residents >= walking >= 0

    # What was asked is what is shown.
    details = page.locator("dl")
    expect(details).to_contain_text("zaterdag: ochtend, middag")
    expect(details).to_contain_text("zondag: ochtend")
    expect(details).to_contain_text("B (auto)")
    expect(details).to_contain_text("12 tot 20 uur")
    expect(details).to_contain_text("15,10 per uur")
    expect(details).to_contain_text("Tijdelijk contract")

    page.get_by_role("link", name="Terug naar mijn overzicht").click()
    expect(page.get_by_role("link", name=VACANCY["title"])).to_be_visible()
    journey.check(page, "overzicht-met-vacature", lang="nl")
    STATE["vacancy_id"] = vacancy_id
    STATE["vacancy_path"] = f"/vacatures/{vacancy_id}"


def _fit_counts(vacancy_id):
    from werkstation import matching_bridge
    from werkstation.extensions import db
    from werkstation.models import Vacancy

    return matching_bridge.fit_counts(db.session.get(Vacancy, vacancy_id))


RESIDENT = {
    "email": "yasmina.bouzid@voorbeeld.nl",
    "name": "Yasmina Bouzid",
    "phone": "06 55443322",
    "postcode": "3526 KV",
    "work": "Bezorgen",
    "talents": ["Auto of busje rijden", "Op tijd zijn en plannen"],
    "hours": ("12", "20"),
    "availability": ["zaterdag ochtend", "zaterdag middag", "zondag ochtend", "zondag middag"],
    "travel_mode": "Fiets",
    "travel_minutes": "15 minuten",
    "dutch": "Ik kan gewone gesprekken op het werk voeren en eenvoudige teksten lezen",
    "licence": "B (auto)",
}


def next_step(page, journey, name, heading):
    """Check the step's page, then press Volgende; the next page has `heading`."""
    journey.check(page, name, lang="nl")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_b_a_resident_completes_the_intake_on_a_phone(journey):
    page = journey.page(viewport=PHONE)
    page.goto("/")
    journey.check(page, "home", lang="nl")
    page.get_by_role("link", name="Ik zoek werk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden als werkzoekende")
    page.get_by_label("E-mailadres").fill(RESIDENT["email"])
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(PASSWORD)
    journey.check(page, "account-maken", lang="nl")
    page.get_by_role("button", name="Account maken").click()
    finish_signup_by_email(journey, page, RESIDENT["email"], check_as="kijk-in-je-e-mail")
    expect(page.get_by_role("status").first).to_contain_text("Je account is gemaakt")
    journey.check(page, "welkom", lang="nl")

    page.get_by_role("link", name="Begin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werk")
    expect(page.get_by_text(re.compile(r"Stap 1 van \d+")).first).to_be_visible()
    page.get_by_role("group", name="Welk werk heb je al gedaan?").get_by_label(RESIDENT["work"], exact=True).check()
    next_step(page, journey, "stap-werk", "Talenten")

    # Forgetting something is explained, and nothing is lost.
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies minstens één ding waar je goed in bent.")
    journey.check(page, "stap-talenten-fout", lang="nl")
    talents = page.get_by_role("group", name="Waar ben je goed in?")
    for talent in RESIDENT["talents"]:
        talents.get_by_label(talent, exact=True).check()
    next_step(page, journey, "stap-talenten", "Uren en dagen")

    page.get_by_label("Hoeveel uur per week wil je minstens werken?").fill(RESIDENT["hours"][0])
    page.get_by_label("Hoeveel uur per week wil je hoogstens werken?").fill(RESIDENT["hours"][1])
    grid = page.get_by_role("group", name="Wanneer kun je werken?")
    for slot in RESIDENT["availability"]:
        grid.get_by_label(slot, exact=True).check()
    next_step(page, journey, "stap-uren", "Reizen")

    page.get_by_label("Wat is je postcode?").fill(RESIDENT["postcode"])
    page.get_by_role("group", name="Hoe reis je naar je werk?").get_by_label(RESIDENT["travel_mode"], exact=True).check()
    page.get_by_role("group", name="Hoe lang wil je hoogstens reizen?").get_by_label(RESIDENT["travel_minutes"], exact=True).check()
    next_step(page, journey, "stap-reizen", "Talen")

    page.get_by_role("group", name="Hoe goed spreek je Nederlands?").get_by_label(RESIDENT["dutch"]).check()
    next_step(page, journey, "stap-talen", "Rijbewijs en certificaten")

    page.get_by_role("group", name="Welk rijbewijs heb je?").get_by_label(RESIDENT["licence"]).check()
    next_step(page, journey, "stap-papieren", "Over jou")

    page.get_by_label("Hoe mogen we je noemen?").fill(RESIDENT["name"])
    page.get_by_label("Telefoonnummer (mag leeg)").fill(RESIDENT["phone"])
    next_step(page, journey, "stap-over-jou", "Kloppen je antwoorden?")

    # The summary shows the answers back before anything is stored.
    main = page.get_by_role("main")
    for text in (RESIDENT["work"], RESIDENT["postcode"], RESIDENT["name"], "zaterdag"):
        expect(main).to_contain_text(text)
    assert journey.server.query(lambda: _profile_of(RESIDENT["email"])) is None, "profile stored before consent"
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Zonder je toestemming")
    journey.check(page, "toestemming-vergeten", lang="nl")
    page.get_by_label(re.compile("Ik geef toestemming")).check()
    journey.check(page, "toestemming", lang="nl")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status").first).to_be_visible()
    journey.check(page, "na-toestemming", lang="nl")
    profile = journey.server.query(lambda: _profile_of(RESIDENT["email"]))
    assert profile is not None and profile["consent_at"] is not None
    assert profile["postcode"] == RESIDENT["postcode"] and profile["licences"] == ["B"]
    assert profile["availability"] == {"sat": ["morning", "afternoon"], "sun": ["morning", "afternoon"]}

    page.goto("/dashboard")
    expect(page.get_by_text("Je profiel staat klaar.")).to_be_visible()
    journey.check(page, "overzicht", lang="nl")
    page.get_by_role("link", name="Mijn profiel bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    journey.check(page, "profiel", lang="nl")
    STATE["resident"] = profile["id"]


def _profile_of(email):
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import Jobseeker, User

    j = db.session.scalar(select(Jobseeker).join(User, Jobseeker.user_id == User.id).where(User.email == email))
    if j is None:
        return None
    return {"id": j.id, "consent_at": j.consent_at, "postcode": j.postcode, "licences": j.licences,
            "availability": j.availability}


def test_c_staff_propose_the_top_suggestion_and_both_sides_say_yes(journey):
    from tests.browser.actions import STAFF_EMAIL, log_in, log_out

    vacancy_id = need("vacancy_id", "(a)")
    need("resident", "(b)")
    missing = []

    # Staff: the vacancy, its best suggestion and why it fits.
    staff = journey.page(viewport=DESKTOP)
    log_in(journey, staff, STAFF_EMAIL, check_as="medewerker")
    journey.check(staff, "medewerker-overzicht", lang="nl")
    newest = staff.get_by_role("main").get_by_role("listitem").filter(has_text=BUSINESS["name"])
    newest.get_by_role("link", name=VACANCY["title"]).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Suggesties voor {VACANCY['title']}")
    journey.check(staff, "medewerker-suggesties", lang="nl")

    top = staff.get_by_role("main").get_by_role("listitem").filter(has=staff.get_by_role("heading", level=3)).first
    expect(top.get_by_role("heading", level=3)).to_contain_text(RESIDENT["name"])
    expect(top).to_contain_text("geen harde eis gemist")
    expect(top).to_contain_text("woont in de wijk")
    top.get_by_role("link", name=re.compile("Uitleg bekijken en beslissen")).click()

    expect(staff.get_by_role("heading", level=1)).to_contain_text(RESIDENT["name"])
    expect(staff.get_by_role("heading", name="Waarom deze suggestie?")).to_be_visible()
    why = staff.locator("ul.fit-summary")
    expect(why).to_contain_text("Past:")
    breakdown = staff.get_by_role("table", name=re.compile("Zo is de score opgebouwd"))
    expect(breakdown).to_be_visible()
    assert breakdown.get_by_role("row").count() >= 4, "the score breakdown lists its parts"
    journey.check(staff, "medewerker-waarom", lang="nl")

    # Propose is refused before the shortlist: the page says so instead of offering the button.
    expect(staff.get_by_text("Je kunt pas voorstellen als deze suggestie op de shortlist staat.")).to_be_visible()
    staff.get_by_role("radio", name="Op de shortlist").check()
    staff.get_by_label("Reden", exact=True).select_option(label="Shortlist: Past goed bij het werk")
    staff.get_by_role("button", name="Besluit opslaan").click()
    expect(staff.get_by_role("status").first).to_contain_text("Je besluit is opgeslagen.")
    journey.check(staff, "medewerker-shortlist", lang="nl")
    if not staff.get_by_role("button", name="Voorstellen").count():
        # Back in the queue: the suggestion now says it is on the shortlist; open it again to propose.
        again = staff.get_by_role("main").get_by_role("listitem").filter(has_text=RESIDENT["name"]).first
        expect(again).to_contain_text("op de shortlist")
        again.get_by_role("link", name=re.compile("Uitleg bekijken en beslissen")).click()
        expect(staff.get_by_role("heading", level=1)).to_contain_text(RESIDENT["name"])
        journey.check(staff, "medewerker-voorstellen", lang="nl")
    staff.get_by_role("button", name="Voorstellen").click()
    expect(staff.get_by_role("status").first).to_contain_text("Voorgesteld.")
    expect(staff.get_by_role("main")).to_contain_text("voorgesteld")
    journey.check(staff, "medewerker-voorgesteld", lang="nl")
    placement_url = staff.url

    # The business: an introduction without name, says yes.
    business = journey.page(viewport=DESKTOP)
    log_in(journey, business, BUSINESS["email"], PASSWORD)
    journey.check(business, "bedrijf-overzicht", lang="nl")
    open_proposals(journey, business, missing)
    business.get_by_role("link", name=re.compile(f"Voorstel \\d+ voor {VACANCY['title']}")).click()
    expect(business.get_by_role("heading", level=1)).to_have_text(f"Voorstel voor {VACANCY['title']}")
    expect(business.get_by_role("main")).not_to_contain_text(RESIDENT["name"])
    expect(business.get_by_role("main")).not_to_contain_text(RESIDENT["phone"])
    journey.check(business, "bedrijf-voorstel", lang="nl")
    business.get_by_role("radio", name="Ja, graag").check()
    business.get_by_role("button", name="Antwoord versturen").click()
    expect(business.get_by_role("status").first).to_contain_text("Je antwoord is opgeslagen.")
    expect(business.get_by_role("main")).to_contain_text("We wachten nog op de andere kant.")
    journey.check(business, "bedrijf-ja", lang="nl")

    # The resident says yes; now both see each other's contact details. The business did not allow its name
    # before both said yes (the form's default): until then the resident reads its trade.
    resident = journey.page(viewport=PHONE)
    log_in(journey, resident, RESIDENT["email"], PASSWORD)
    trade = f"een bedrijf uit de sector {BUSINESS['sector']}"
    expect(resident.get_by_role("main")).to_contain_text(trade)
    expect(resident.get_by_role("main")).not_to_contain_text(BUSINESS["name"])
    journey.check(resident, "bewoner-overzicht", lang="nl")
    # The proposal is listed on the resident's own overview.
    resident.get_by_role("main").get_by_role("link", name=re.compile(f"{VACANCY['title']}.*{re.escape(trade)}")).click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(VACANCY["title"])
    journey.check(resident, "bewoner-voorstel", lang="nl")
    resident.get_by_role("radio", name="Ja, graag").check()
    resident.get_by_role("button", name="Antwoord versturen").click()
    expect(resident.get_by_role("status").first).to_contain_text("Je antwoord is opgeslagen.")
    expect(resident.get_by_role("main")).to_contain_text(BUSINESS["contact"])
    expect(resident.get_by_role("main")).to_contain_text(BUSINESS["name"])
    journey.check(resident, "bewoner-ja", lang="nl")
    business.reload()
    expect(business.get_by_role("main")).to_contain_text(RESIDENT["name"])
    journey.check(business, "bedrijf-contactgegevens", lang="nl")

    # Staff: kennismaking, then proefplaatsing with dates.
    staff.goto(placement_url)
    journey.check(staff, "medewerker-beide-ja", lang="nl")
    move_to(staff, "kennismaking")
    journey.check(staff, "medewerker-kennismaking", lang="nl")
    move_to(staff, "proefplaatsing", trial=True)
    expect(staff.get_by_role("main").locator(".tag").first).to_have_text("proefplaatsing")
    journey.check(staff, "medewerker-proefplaatsing", lang="nl")
    stage = journey.server.query(lambda: _placement_stage(vacancy_id))
    assert stage == "proefplaatsing"
    log_out(staff)
    journey.check(staff, "medewerker-uitgelogd", lang="nl")
    STATE["placement"] = placement_url
    assert not missing, "the journey could not find its way: " + "; ".join(missing)


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


def move_to(staff, stage, trial=False):
    from datetime import date, timedelta

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


def test_d_the_resident_downloads_their_data_and_deletes_the_account(journey, tmp_path):
    import json

    from tests.browser.actions import log_in

    jobseeker_id = need("resident", "(b)")
    page = journey.page(viewport=PHONE, accept_downloads=True)
    log_in(journey, page, RESIDENT["email"], PASSWORD)
    journey.check(page, "overzicht", lang="nl")
    page.get_by_role("link", name="Mijn profiel bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    journey.check(page, "profiel", lang="nl")

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Download al je gegevens")).click()
    download = info.value
    assert download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["account"]["email"] == RESIDENT["email"]
    assert data["profile"]["name"] == RESIDENT["name"]
    assert data["profile"]["postcode"] == RESIDENT["postcode"]
    assert data["profile"]["licences"] == ["B"]
    if "placement" in STATE:  # journey (c) got this far: the proposal and its history are in the file
        stages = [p["stage"] for p in data["placements"]]
        assert "proefplaatsing" in stages, stages
    (journey.folder / "gegevens.json").write_text(saved.read_text(encoding="utf-8"), encoding="utf-8")

    page.get_by_role("link", name="Account en profiel verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account en profiel verwijderen")
    journey.check(page, "verwijderen", lang="nl")
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_role("alert")).to_contain_text("Vink het vakje aan")
    journey.check(page, "verwijderen-niet-aangevinkt", lang="nl")
    page.get_by_label("Ja, ik weet het zeker. Verwijder alles.").check()
    page.get_by_role("button", name="Verwijderen").click()
    expect(page.get_by_role("status").first).to_contain_text("Je account en je gegevens zijn verwijderd.")
    expect(page.get_by_role("link", name="Inloggen")).to_be_visible()
    journey.check(page, "verwijderd", lang="nl")

    # Gone: logging in again fails, and the name and phone number are erased.
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(RESIDENT["email"])
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("horen niet bij elkaar")
    journey.check(page, "inloggen-lukt-niet", lang="nl")
    left = journey.server.query(lambda: _erased(jobseeker_id))
    assert left["user"] is None and left["name"] is None and left["phone"] is None, left


def _erased(jobseeker_id):
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import Jobseeker, User

    j = db.session.get(Jobseeker, jobseeker_id)
    user = db.session.scalar(select(User.id).where(User.email == RESIDENT["email"]))
    return {"user": user, "name": j.name if j else None, "phone": j.phone if j else None}
