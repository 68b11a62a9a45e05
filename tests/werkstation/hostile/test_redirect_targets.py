"""Where a page sends someone back to (`next=`) is always a page of this site: a target with CR/LF, a backslash,
another host or a scheme is ignored and the person lands on the usual page, after the action was done."""

from urllib.parse import quote

import pytest

from tests.factories import PASSWORD, make_jobseeker
from tests.helpers import post_form
from werkstation.auth.sessions import safe_next

HOSTILE_TARGETS = [
    "/\r\nX-Injected: 1", "/x\nSet-Cookie: a=b", "/\t/evil.example", "//evil.example",
    "/\\evil.example", "\\\\evil.example", "https://evil.example/", "javascript:alert(1)", "http:/evil.example",
    "evil.example", " /profiel", "/\x00", "/" + "a" * 3000, "///evil.example",
]


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_hostile_targets_are_refused(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/profiel", "/medewerker/wachtrij?fase=nieuw&page=2", "/vacatures/3#plan",
                                    "/zoeken?q=caf%C3%A9", "/zoeken?q=مخبز"])
def test_pages_of_this_site_are_followed(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_language_switch_with_a_hostile_target_switches_and_goes_home(client, target):
    response = client.get(f"/taal/en?next={quote(target, safe='')}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "X-Injected" not in response.headers and "Set-Cookie: a=b" not in str(response.headers)
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


def test_language_switch_with_cr_lf_in_the_address_as_typed_goes_home(client):
    response = client.get("/taal/nl?next=/%0d%0aX:1")
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_language_switch_goes_back_to_the_page_it_came_from(client):
    response = client.get("/taal/ar?next=/inloggen")
    assert response.headers["Location"] == "/inloggen"


@pytest.mark.parametrize("target", ["/\r\nX:1", "//evil.example", "/\\evil.example", "https://evil.example/"])
def test_login_with_a_hostile_target_logs_in_and_opens_the_dashboard(client, target):
    person = make_jobseeker()
    url = f"/inloggen?next={quote(target, safe='')}"
    response = post_form(client, url, {"email": person.user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"


def test_login_goes_back_to_the_page_that_asked_for_it(client):
    person = make_jobseeker()
    response = post_form(client, "/inloggen?next=/profiel", {"email": person.user.email,
                                                               "password": PASSWORD})
    assert response.headers["Location"] == "/profiel"
