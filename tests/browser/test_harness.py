"""The harness itself: each check fails when it should (a check that cannot fail protects nobody)."""

import pytest

from tests.browser.support import PHONE, Journey

pytestmark = pytest.mark.browser


@pytest.fixture
def bare(chromium_browser, live_server, screenshot_root):
    folder = screenshot_root / "_harness"
    folder.mkdir(parents=True, exist_ok=True)
    j = Journey("harness", chromium_browser, live_server, folder)
    yield j
    j.close()


def test_axe_reports_a_field_without_a_label(bare):
    page = bare.page()
    page.set_content('<!doctype html><html lang="nl"><title>t</title><body><main><h1>t</h1>'
                     '<form><input type="text" name="x"></form></main></body></html>')
    with pytest.raises(AssertionError, match=r"\[critical\] label"):
        bare.check(page, "zonder-label")


def test_requests_to_other_hosts_are_blocked_and_reported(bare):
    page = bare.page()
    page.set_content('<!doctype html><html lang="nl"><title>t</title><body><main><h1>t</h1>'
                     '<img alt="logo" src="http://cdn.example.com/logo.png"></main></body></html>')
    page.wait_for_load_state("load")
    with pytest.raises(AssertionError, match="requests outside 127.0.0.1: http://cdn.example.com/logo.png"):
        bare.assert_clean()


def test_dutch_on_an_english_page_is_reported(bare, live_server):
    page = bare.page()
    page.set_content('<!doctype html><html lang="en"><title>Jobs</title><body><main><h1>Jobs</h1>'
                     '<p>Kies je vacature.</p><p lang="nl">Nederlands</p></main></body></html>')
    with pytest.raises(AssertionError, match="'je' in"):
        bare.assert_language(page, "en")


def test_english_on_a_dutch_page_is_reported(bare):
    page = bare.page()
    page.set_content('<!doctype html><html lang="nl"><title>Werk</title><body><main><h1>Werk</h1>'
                     '<p>This field is required.</p><a lang="en" href="#">English</a></main></body></html>')
    with pytest.raises(AssertionError, match="'this field' in"):
        bare.assert_language(page, "nl")


def test_a_page_wider_than_a_phone_is_reported(bare):
    page = bare.page(viewport=PHONE)
    page.set_content('<!doctype html><html lang="nl"><meta name="viewport" content="width=device-width, initial-scale=1">'
                     '<title>t</title><body><main><h1>t</h1><div style="width: 600px">breed</div></main></body></html>')
    with pytest.raises(AssertionError, match="wider than a 375px phone"):
        bare.check(page, "te-breed", axe=False)
