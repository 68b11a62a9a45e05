"""The intake with the keyboard alone: Tab to move, Space to tick, Enter to follow a link or send a form.

No mouse clicks and no clicks by script: only page.keyboard. Each control we use must be reachable with Tab,
and must show where the focus is.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import DESKTOP

pytestmark = pytest.mark.browser

PHONE_NUMBER = "06 4455 6677"  # a resident signs up with a mobile number, the phone-first way
PASSWORD = "Alleen met het toetsenbord 2026"
MAX_TABS = 200

FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  let name = el.getAttribute('aria-label') || '';
  if (!name && el.labels && el.labels.length) name = el.labels[0].textContent;
  if (!name && ['A', 'BUTTON', 'SUMMARY'].includes(el.tagName)) name = el.textContent;
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  return {tag: el.tagName.toLowerCase(), type: el.type || '', name: name.replace(/\\s+/g, ' ').trim(),
          checked: !!el.checked, focusVisible: visible};
}
"""


def focused(page):
    return page.evaluate(FOCUSED_JS)


def tab_to(page, name, *, tag=None):
    """Press Tab until the focus is on the control called `name`; it must show a visible focus."""
    pattern = name if isinstance(name, re.Pattern) else re.compile("^" + re.escape(name) + "$")
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        now = focused(page)
        if now and pattern.search(now["name"]) and (tag is None or now["tag"] == tag):
            assert now["focusVisible"], f"{name!r} gets the focus but does not show it ({page.url})"
            return now
        seen.append(now["name"] if now else "(body)")
        if len(seen) > 3 and seen[-1] == seen[0] == "(body)":
            break
    raise AssertionError(f"{name!r} cannot be reached with Tab on {page.url}; Tab went to: {seen[:60]}")


def press(page, key, *, expect_heading=None):
    page.keyboard.press(key)
    if expect_heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(expect_heading)


def tick(page, name):
    """Tab to a checkbox or radio and tick it with Space."""
    before = tab_to(page, name, tag="input")
    assert not before["checked"], f"{name!r} was already ticked"
    page.keyboard.press("Space")
    assert focused(page)["checked"], f"Space did not tick {name!r}"


def type_into(page, name, text):
    tab_to(page, name, tag=None)
    page.keyboard.type(text)


def next_page(page, heading):
    """Tab to Volgende and press Enter; the next step has `heading`."""
    tab_to(page, "Volgende")
    press(page, "Enter", expect_heading=heading)


def sign_up_with_the_keyboard(journey, page):
    """The first Tab offers the skip link; then "Ik zoek werk" and an account with a mobile number."""
    page.goto("/")
    journey.check(page, "home", lang="nl")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["name"] == "Naar de inhoud" and first["focusVisible"], first
    journey.check(page, "skiplink-zichtbaar")
    tab_to(page, "Ik zoek werk")
    press(page, "Enter", expect_heading="Aanmelden als werkzoekende")
    journey.check(page, "aanmelden", lang="nl")
    type_into(page, "Mobiel nummer", PHONE_NUMBER)
    type_into(page, "Wachtwoord", PASSWORD)
    type_into(page, "Wachtwoord nog een keer", PASSWORD)
    press(page, "Enter", expect_heading="Log nu in")  # the same page whether or not the number has an account
    type_into(page, "Wachtwoord", PASSWORD)  # the number is filled in already
    press(page, "Enter")
    expect(page.get_by_role("status").first).to_contain_text("Je account is gemaakt")
    journey.check(page, "welkom", lang="nl")


def work_talents_and_hours(journey, page):
    """The first three steps: ticks with Space, hours typed."""
    tab_to(page, "Begin")
    press(page, "Enter", expect_heading="Werk")
    tick(page, "Schoonmaken")
    journey.check(page, "werk", lang="nl")
    next_page(page, "Talenten")
    tick(page, "Schoonmaken")
    tick(page, "Op tijd zijn en plannen")
    journey.check(page, "talenten", lang="nl")
    next_page(page, "Uren en dagen")
    type_into(page, "Hoeveel uur per week wil je minstens werken?", "8")
    type_into(page, "Hoeveel uur per week wil je hoogstens werken?", "16")
    tick(page, "maandag ochtend")
    tick(page, "dinsdag ochtend")
    journey.check(page, "uren", lang="nl")
    next_page(page, "Reizen")


def travel_languages_papers_and_name(journey, page):
    """The next four steps: radio groups chosen with Space and the arrow keys; Enter sends the last one."""
    type_into(page, "Wat is je postcode?", "3526 AB")
    # Tab enters a radio group at its first option; Space chooses it.
    tick(page, "Lopen")
    tick(page, "10 minuten")
    journey.check(page, "reizen", lang="nl")
    next_page(page, "Talen")
    # A group of radio buttons is one Tab stop (its first choice); the arrow keys move to the next and choose it.
    tab_to(page, "Ik spreek nog geen Nederlands", tag="input")
    page.keyboard.press("ArrowDown")
    chosen = focused(page)
    assert chosen["name"] == "Ik ken een paar woorden en zinnen" and chosen["checked"], chosen
    journey.check(page, "talen", lang="nl")
    next_page(page, "Rijbewijs en certificaten")
    journey.check(page, "papieren", lang="nl")
    next_page(page, "Over jou")  # nothing to tick here
    type_into(page, "Hoe mogen we je noemen?", "Kees Toetsenbord")
    journey.check(page, "over-jou", lang="nl")
    press(page, "Enter", expect_heading="Kloppen je antwoorden?")  # Enter in a text field sends the form


def consent_and_save(journey, page):
    """Tick the consent with Space and save with Enter."""
    tick(page, re.compile("^Ik geef toestemming"))
    journey.check(page, "toestemming", lang="nl")
    tab_to(page, "Opslaan")
    press(page, "Enter")
    expect(page.get_by_role("status").first).to_be_visible()
    journey.check(page, "opgeslagen", lang="nl")


def test_keyboard_only_intake(journey):
    page = journey.page(viewport=DESKTOP)
    sign_up_with_the_keyboard(journey, page)
    work_talents_and_hours(journey, page)
    travel_languages_papers_and_name(journey, page)
    consent_and_save(journey, page)
    saved = journey.server.query(_profile)
    assert saved == {
        "name": "Kees Toetsenbord", "postcode": "3526 AB", "travel_mode": "walk", "max_travel_minutes": 10,
        "availability": {"mon": ["morning"], "tue": ["morning"]}, "hours": (8, 16), "consent": True,
    }, saved


def _profile():
    from sqlalchemy import select

    from werkstation.extensions import db
    from werkstation.models import Jobseeker, User

    j = db.session.scalar(select(Jobseeker).join(User, Jobseeker.user_id == User.id).where(User.phone == "+31644556677"))
    if j is None:
        return None
    return {"name": j.name, "postcode": j.postcode, "travel_mode": j.travel_mode,
            "max_travel_minutes": j.max_travel_minutes, "availability": j.availability,
            "hours": (j.hours_min, j.hours_max), "consent": j.consent_at is not None}
