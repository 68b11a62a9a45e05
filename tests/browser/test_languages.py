"""Dutch and English: a journey in English finds no Dutch UI text, one in Dutch finds no English UI text.

The checks read every visible text node plus the attributes people hear (aria-label, placeholder, alt,
title), leaving out elements marked with another language (the language switch link).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.actions import JOBSEEKER_EMAIL, STAFF_EMAIL, finish_signup_by_email, log_in, log_out
from tests.browser.support import PHONE

pytestmark = pytest.mark.browser

PASSWORD = "Corner shop in the district 2026"


def fill_english_pay_and_contract(page):
    """Pay and contract, asked in English (the form needs them before a vacancy goes online)."""
    page.get_by_label(re.compile("^an amount per hour", re.I)).check()
    page.get_by_label(re.compile("^pay per hour", re.I)).fill("14.75")
    page.get_by_label(re.compile("^temporary contract", re.I)).check()


def test_english_business_sees_no_dutch(journey):
    page = journey.page(viewport=PHONE)
    page.goto("/")
    journey.check(page, "home-nl", lang="nl")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    journey.check(page, "home", lang="en")

    page.get_by_role("navigation").get_by_role("link", name=re.compile(r"^(Sign up|Register)$")).click()
    journey.check(page, "register-choice", lang="en")
    page.get_by_role("link", name=re.compile("business", re.I)).first.click()
    journey.check(page, "register-business", lang="en")

    # Send it empty first: the error messages must be English too.
    page.get_by_role("button").filter(has_text=re.compile("account", re.I)).click()
    expect(page.get_by_role("alert")).to_be_visible()
    journey.check(page, "register-errors", lang="en")

    page.get_by_label(re.compile("^Business name|^Name of the business|^Company name", re.I)).fill("Corner Shop West")
    page.get_by_label(re.compile("KvK|Chamber of Commerce", re.I)).fill("90817999")
    page.get_by_label(re.compile("^Sector", re.I)).select_option(index=2)
    page.get_by_label(re.compile("postcode|post code|postal code", re.I)).fill("3526 AB")
    page.get_by_label(re.compile("contact", re.I)).fill("Sam Jones")
    page.get_by_label(re.compile("phone", re.I)).fill("06 12121212")
    page.get_by_label(re.compile(r"^e-?mail", re.I)).fill("sam@cornershop-west.example")
    page.get_by_label(re.compile("^Password$", re.I)).fill(PASSWORD)
    page.get_by_label(re.compile("password again|repeat|confirm", re.I)).fill(PASSWORD)
    page.get_by_role("button").filter(has_text=re.compile("account", re.I)).click()
    finish_signup_by_email(journey, page, "sam@cornershop-west.example", check_as="check-your-e-mail", lang="en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Corner Shop West")
    journey.check(page, "overview", lang="en")

    new_vacancy = page.get_by_role("link", name=re.compile("new vacancy|new job", re.I))
    new_vacancy.click()
    journey.check(page, "new-vacancy", lang="en")
    page.get_by_role("button", name=re.compile("post|place|publish", re.I)).click()
    expect(page.get_by_role("alert")).to_be_visible()
    journey.check(page, "new-vacancy-errors", lang="en")
    page.get_by_label(re.compile("^(Job|Job title|Role|Position)$", re.I)).fill("Cashier")
    page.get_by_label(re.compile("minimum", re.I)).fill("8")
    page.get_by_label(re.compile("maximum", re.I)).fill("16")
    page.get_by_label(re.compile("monday morning", re.I)).check()
    page.get_by_label(re.compile("tuesday morning", re.I)).check()
    fill_english_pay_and_contract(page)
    page.get_by_role("button", name=re.compile("post|place|publish", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cashier")
    journey.check(page, "vacancy", lang="en")

    page.get_by_role("link", name="About Werkstation").click()
    journey.check(page, "about", lang="en")
    log_out(page)
    journey.check(page, "logged-out", lang="en")
    page.get_by_role("link", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    journey.check(page, "back-to-dutch", lang="nl")


@pytest.mark.parametrize("email", [JOBSEEKER_EMAIL, STAFF_EMAIL], ids=["werkzoekende", "medewerker"])
def test_logged_in_pages_in_english_and_in_dutch(journey, email):
    """Each role's start page and the login steps, first in English, then back in Dutch."""
    page = journey.page()
    page.goto("/taal/en")
    journey.check(page, "home", lang="en")
    log_in(journey, page, email, check_as="login-en")
    journey.check(page, "overview", lang="en")
    page.get_by_role("link", name="Nederlands").click()
    journey.check(page, "overzicht", lang="nl")
    log_out(page)
    journey.check(page, "uitgelogd", lang="nl")


def test_english_resident_intake_on_a_phone(journey):
    """A resident who reads English better than Dutch: the whole intake, with consent, in English."""
    page = journey.page(viewport=PHONE)
    page.goto("/")
    page.get_by_role("link", name="English").click()
    journey.check(page, "home", lang="en")
    page.get_by_role("link", name="I'm looking for work").click()
    page.get_by_label("Mobile number", exact=True).fill("06 5566 7788")  # phone-first: log in, and the intake starts
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("password again", re.I)).fill(PASSWORD)
    journey.check(page, "sign-up", lang="en")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in now")  # the same for a number in use
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    journey.check(page, "welcome", lang="en")
    page.get_by_role("link", name="Start").click()

    def next_page(name):
        journey.check(page, name, lang="en")
        page.get_by_role("button", name="Next").click()

    page.get_by_role("group", name="What work have you done?").get_by_label("Cleaning", exact=True).check()
    next_page("work")
    page.get_by_role("button", name="Next").click()  # nothing chosen: the error is English too
    expect(page.get_by_role("alert")).to_be_visible()
    journey.check(page, "talents-error", lang="en")
    page.get_by_role("group", name="What are you good at?").get_by_label("Cleaning", exact=True).check()
    next_page("talents")
    page.get_by_label("How many hours a week do you want to work at least?").fill("8")
    page.get_by_label("How many hours a week do you want to work at most?").fill("16")
    page.get_by_role("group", name="When can you work?").get_by_label("Monday morning", exact=True).check()
    next_page("hours")
    page.get_by_label("What is your postcode?").fill("3526 AB")
    page.get_by_role("group", name="How do you travel to work?").get_by_label("Walking").check()
    page.get_by_role("group", name="How long do you want to travel at most?").get_by_label("20 minutes").check()
    next_page("travel")
    page.get_by_role("group", name="How well do you speak Dutch?").get_by_label("I know a few words and sentences").check()
    next_page("languages")
    next_page("papers")
    page.get_by_label("What may we call you?").fill("Sara")
    next_page("about-you")
    expect(page.get_by_role("heading", level=1)).to_have_text("Are your answers right?")
    page.get_by_label(re.compile("^I give consent")).check()
    journey.check(page, "consent", lang="en")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_be_visible()
    journey.check(page, "saved", lang="en")
    page.goto("/dashboard")
    expect(page.get_by_text("Your profile is ready.")).to_be_visible()
    journey.check(page, "overview", lang="en")
    page.get_by_role("link", name="View my profile").click()
    journey.check(page, "profile", lang="en")
