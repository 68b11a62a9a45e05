"""Test helpers: log in through the real form, post forms with their CSRF token."""

import re

from tests.factories import PASSWORD

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url="/inloggen"):
    """The CSRF token from a page's form (tests run with CSRF on)."""
    html = client.get(url).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def login(client, user_or_email, password=PASSWORD):
    """Log in through the real login form."""
    email = getattr(user_or_email, "email", user_or_email)
    token = csrf_token(client, "/inloggen")
    response = client.post("/inloggen", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def post_form(client, url, data, *, follow_redirects=False, token_from=None):
    """POST `data` to `url` with a CSRF token taken from `token_from` (default: the same URL)."""
    data = dict(data)
    data["csrf_token"] = csrf_token(client, token_from or url)
    return client.post(url, data=data, follow_redirects=follow_redirects)
