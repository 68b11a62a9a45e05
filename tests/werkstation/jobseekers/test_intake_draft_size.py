"""The intake's answers wait in the session cookie until consent; that cookie never grows past what browsers keep
(4096 bytes): a very long "Over jou" in Chinese or emoji gets a message to write less, with the text still there."""

import random

import pytest

from tests.factories import make_user
from tests.helpers import login
from tests.html import page
from tests.werkstation.jobseekers.test_intake import ANSWERS, post_step, run_intake
from werkstation.security import COOKIE_BUDGET

# 1,000 different Chinese characters and 1,000 mixed emoji: the most bytes per letter, hardly compressible.
CHINESE = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(1000))
EMOJI = "".join(random.Random(11).choices([chr(c) for c in range(0x1F300, 0x1FA00)], k=1000))
BROWSER_LIMIT = 4096


@pytest.fixture
def seeker(client):
    login(client, make_user(role="jobseeker"))
    return client


def session_cookie_size(client):
    cookie = client.get_cookie("session")
    return len(cookie.key) + 1 + len(cookie.value)


def about(text):
    return {**ANSWERS["over-jou"], "about": text}


def test_every_step_of_a_normal_intake_fits(seeker):
    answers = {**ANSWERS, "over-jou": about("Ik heb jaren schoongemaakt in een ziekenhuis. " * 21)}  # ~1,000
    run_intake(seeker, answers=answers)
    assert session_cookie_size(seeker) <= COOKIE_BUDGET


def test_a_thousand_chinese_or_emoji_letters_get_a_message_and_the_cookie_stays_small(seeker):
    run_intake(seeker, answers={k: v for k, v in ANSWERS.items() if k != "over-jou"})
    before = session_cookie_size(seeker)
    for text in (CHINESE, EMOJI):
        response = post_step(seeker, "/intake/over-jou", about(text))
        assert response.status_code == 200
        doc = page(response)
        error = doc.find(id="about-error").get_text(" ", strip=True)
        assert "te lang om te bewaren" in error and "korter" in error
        assert doc.find("textarea", attrs={"name": "about"}).get_text().strip() == text  # what was typed is still there
        assert session_cookie_size(seeker) < BROWSER_LIMIT
    # The answers of the earlier steps are still kept, and a shorter text goes through.
    assert session_cookie_size(seeker) >= before
    shorter = post_step(seeker, "/intake/over-jou", about(CHINESE[:200]))
    assert shorter.status_code == 302 and shorter.headers["Location"].endswith("/intake/toestemming")
    assert session_cookie_size(seeker) <= COOKIE_BUDGET
