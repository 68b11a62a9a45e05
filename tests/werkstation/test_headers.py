"""Every page, as every role, with real objects: strict security headers, safe cookies, no inline script or style."""

import re
from pathlib import Path

import pytest

from tests.html import page
from tests.werkstation.access_matrix import ACTORS, MATRIX, build_world, login_actor, path_for, routes

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# For the Jinja sources of the pages (template syntax is not HTML, so no parser reads them): the same checks as text.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""href\s*=\s*["']?\s*javascript:""", re.I)


def header_problems(response, https=True):
    headers = response.headers
    problems = []
    csp = headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                      "object-src 'none'", "base-uri 'self'", "form-action 'self'"):
        if directive not in csp:
            problems.append(f"CSP lacks {directive}")
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        problems.append("CSP allows unsafe-inline/eval")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no nosniff")
    if headers.get("Referrer-Policy") not in ("same-origin", "no-referrer", "strict-origin"):
        problems.append(f"Referrer-Policy {headers.get('Referrer-Policy')}")
    if headers.get("X-Frame-Options") != "DENY":
        problems.append("framing allowed")
    if "no-store" not in headers.get("Cache-Control", ""):
        problems.append("may be cached (personal data)")
    if https and not headers.get("Strict-Transport-Security", "").startswith("max-age=31536000"):
        problems.append("no HSTS over HTTPS")
    for cookie in headers.getlist("Set-Cookie"):
        if "HttpOnly" not in cookie or "SameSite=Lax" not in cookie:
            problems.append(f"cookie without HttpOnly/SameSite=Lax: {cookie.split(';')[0][:30]}")
    if response.mimetype == "text/html":
        problems += inline_code(page(response))
    return problems


def inline_code(soup):
    """Script or style written into the page itself (the CSP would block it): what a browser would run."""
    problems = [f"inline script: {str(tag)[:60]}" for tag in soup.find_all("script") if not tag.get("src")]
    problems += [f"inline style: {str(tag)[:60]}" for tag in soup.find_all("style")]
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if name == "style" or name.startswith("on"):
                problems.append(f"{'inline style' if name == 'style' else 'event handler attribute'}: <{tag.name} {name}>")
            if name == "href" and str(value).strip().lower().startswith("javascript:"):
                problems.append(f"javascript: link: <{tag.name}>")
    return problems


@pytest.mark.parametrize("actor", ACTORS)
def test_every_page_has_strict_headers(app, actor):
    world = build_world()
    client = app.test_client()
    login_actor(client, world, actor)
    failures = []
    pages = 0
    for rule, method in routes(app):
        if method != "GET" or rule.rule not in MATRIX:
            continue
        path = path_for(rule, MATRIX[rule.rule], world)
        try:
            response = client.get(path, base_url="https://localhost")
        except Exception as error:  # listed by the access matrix too
            failures.append(f"{path}: raised {type(error).__name__}")
            continue
        pages += 1
        failures += [f"{path} ({response.status_code}): {p}" for p in header_problems(response)]
    assert pages > 20
    assert failures == [], f"{actor}:\n" + "\n".join(failures)


def test_error_pages_have_the_same_headers(client):
    for path in ("/bestaat-niet", "/medewerker/"):
        assert header_problems(client.get(path, base_url="https://localhost")) == []


def test_templates_have_no_inline_script_or_style():
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for name, pattern in (("inline script", INLINE_SCRIPT), ("inline style", INLINE_STYLE),
                              ("event handler attribute", EVENT_HANDLER), ("javascript: link", JS_URL)):
            for match in pattern.finditer(text):
                problems.append(f"{path.relative_to(TEMPLATES)}: {name}: {match.group(0)[:60]}")
    assert problems == []


def test_header_check_catches_a_bad_page(app):
    """The checker itself fails on a page with inline script and missing headers."""
    from flask import Response

    bad = Response('<p style="color:red" onclick="x()"><script>alert(1)</script></p>', mimetype="text/html")
    problems = " ".join(header_problems(bad))
    for expected in ("CSP lacks", "nosniff", "inline script", "inline style", "event handler", "HSTS"):
        assert expected in problems
