"""A resident on a 375 px phone in Arabic (right-to-left) and in Turkish: signs up with a mobile number, does the
whole intake, forgets the consent box once (focus moves to the error summary, its link to the box), reads their
data, and later logs in on another phone with the number typed another way: the page is in their language again.

Every screen: screenshot (test-output/screenshots/), axe-core (no serious or critical problem), no sideways
scrolling, and no Dutch or English interface text (Arabic: no Latin-script word but names).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import PHONE

pytestmark = pytest.mark.browser

PASSWORD = "zeytin ağacı kanal köprü 77"
PEOPLE = {
    "ar": {"switch": "العربية", "phone": "06 2345 6789", "login_as": "+31623456789", "name": "سميرة", "dir": "rtl"},
    "tr": {"switch": "Türkçe", "phone": "0634567890", "login_as": "06-34 56 78 90", "name": "Emre", "dir": "ltr"},
}


def translator(lang):
    """The app's own catalogs for `lang`: the journey finds buttons and labels by the words people see."""
    from babel.support import Translations

    from werkstation.i18n import TRANSLATIONS_ROOT

    merged = None
    for area in sorted(p for p in TRANSLATIONS_ROOT.iterdir() if p.is_dir()):
        found = Translations.load(str(area), [lang])
        if isinstance(found, Translations):
            merged = found if merged is None else merged.merge(found)
    return merged.gettext


def tile(lang, phrase, kind="talent"):
    from werkstation.vocabulary import occupation_tiles, talent_tiles

    tiles = talent_tiles() if kind == "talent" else occupation_tiles()
    return next(t[f"phrase_{lang}"] for t in tiles if t["phrase"] == phrase)


def step(page, journey, lang, t, name):
    journey.check(page, name, lang=lang)
    page.get_by_role("button", name=t("Volgende")).click()


def sign_up_by_phone_in(journey, page, lang, t, person):
    """Choose the language on the home page, make an account with a mobile number, log in: the welcome."""
    page.goto("/")
    page.get_by_role("link", name=person["switch"]).click()
    expect(page.locator("html")).to_have_attribute("dir", person["dir"])
    journey.check(page, "home", lang=lang)
    page.get_by_role("link", name=t("Ik zoek werk")).click()
    page.get_by_label(t("Mobiel nummer"), exact=True).fill(person["phone"])
    page.get_by_label(t("Wachtwoord"), exact=True).fill(PASSWORD)
    page.get_by_label(t("Wachtwoord nog een keer")).fill(PASSWORD)
    journey.check(page, "sign-up", lang=lang)
    page.get_by_role("button", name=t("Account maken")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Log nu in"))  # the same for a number in use
    page.get_by_label(t("Wachtwoord"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t("Inloggen")).click()
    expect(page.get_by_role("status").first).to_contain_text(t("Je account is gemaakt. Vertel ons nu wat je kunt en wilt."))
    journey.check(page, "welcome", lang=lang)


def intake_in(journey, page, lang, t, person):
    """Every step of the intake, answered with the words of `lang`; ends on the summary."""
    page.get_by_role("link", name=t("Begin")).click()
    page.get_by_role("group", name=t("Welk werk heb je al gedaan?")).get_by_label(
        tile(lang, "Schoonmaken", "occupation"), exact=True).check()
    step(page, journey, lang, t, "work")
    talents = page.get_by_role("group", name=t("Waar ben je goed in?"))
    for phrase in ("Schoonmaken", "Op tijd zijn en plannen"):
        talents.get_by_label(tile(lang, phrase), exact=True).check()
    step(page, journey, lang, t, "talents")
    page.get_by_label(t("Hoeveel uur per week wil je minstens werken?")).fill("8")
    page.get_by_label(t("Hoeveel uur per week wil je hoogstens werken?")).fill("24")
    grid = page.get_by_role("group", name=t("Wanneer kun je werken?"))
    grid.get_by_label(f"{t('zaterdag')} {t('ochtend')}", exact=True).check()
    step(page, journey, lang, t, "hours")
    page.get_by_label(t("Wat is je postcode?")).fill("3526 KL")
    page.get_by_role("group", name=t("Hoe reis je naar je werk?")).get_by_label(t("Fiets"), exact=True).check()
    page.get_by_role("group", name=t("Hoe lang wil je hoogstens reizen?")).get_by_label(
        t("%(n)s minuten") % {"n": 30}, exact=True).check()
    step(page, journey, lang, t, "travel")
    page.get_by_role("group", name=t("Hoe goed spreek je Nederlands?")).get_by_label(
        t("Ik kan eenvoudige gesprekken voeren over dagelijkse dingen")).check()
    step(page, journey, lang, t, "languages")
    step(page, journey, lang, t, "papers")
    page.get_by_label(t("Hoe mogen we je noemen?")).fill(person["name"])
    step(page, journey, lang, t, "about-you")


def consent_forgotten_then_given(journey, page, lang, t):
    """The consent box forgotten: focus lands on the summary at the top, its link moves focus to the box; Space
    ticks it and the profile is saved."""
    page.get_by_role("button", name=t("Opslaan")).click()
    summary = page.locator(".error-summary[data-autofocus]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(t("Zonder je toestemming kunnen we je gegevens niet bewaren."))
    journey.check(page, "consent-forgotten", lang=lang)
    summary.get_by_role("link").first.click()
    box = page.get_by_role("checkbox", name=re.compile(re.escape(t("Ik geef toestemming. Werkstation mag mijn gegevens gebruiken om werk voor mij te zoeken.")[:12])))
    expect(box).to_be_focused()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.get_by_role("button", name=t("Opslaan")).click()
    expect(page.get_by_role("status").first).to_contain_text(t("Dank je wel! Je profiel is opgeslagen."))
    journey.check(page, "profile", lang=lang)


def read_own_data(journey, page, lang, t):
    """The resident's own data page, then the cooperative's page, both in their language."""
    page.get_by_role("link", name=t("Bekijk al je gegevens (om te lezen of af te drukken)")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Mijn gegevens"))
    journey.check(page, "my-data", lang=lang)
    page.goto("/cooperatie")
    journey.check(page, "cooperative", lang=lang)


def log_in_on_another_phone(journey, lang, person):
    """Another phone, nothing chosen there yet: log in with the number typed another way; the language comes back."""
    other = journey.page(viewport=PHONE)
    other.goto("/inloggen")
    journey.check(other, "login-elsewhere", lang="nl")
    other.get_by_label("E-mailadres of telefoonnummer").fill(person["login_as"])
    other.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    other.get_by_role("button", name="Inloggen").click()
    expect(other.locator("html")).to_have_attribute("lang", lang)
    expect(other.locator("html")).to_have_attribute("dir", person["dir"])
    journey.check(other, "logged-in-elsewhere", lang=lang)


@pytest.mark.parametrize("lang", ["ar", "tr"])
def test_a_resident_signs_up_by_phone_and_does_the_intake_in_their_language(journey, lang):
    t, person = translator(lang), PEOPLE[lang]
    page = journey.page(viewport=PHONE)
    sign_up_by_phone_in(journey, page, lang, t, person)
    intake_in(journey, page, lang, t, person)
    consent_forgotten_then_given(journey, page, lang, t)
    read_own_data(journey, page, lang, t)
    log_in_on_another_phone(journey, lang, person)
