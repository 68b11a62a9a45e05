"""Hostile input for every form and JSON endpoint (hypothesis): never a 500, never shown unescaped, extra fields
such as role=admin change nothing, uploads are capped, CSRF is enforced.

The forms are found from the URL map (every POST route in the access matrix) and their fields from the page itself,
so new forms are covered without writing a test for each.
"""

import os
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from tests.werkstation.access_matrix import (
    MATRIX,
    OK,
    OWN,
    build_world,
    current_csrf,
    is_logged_in,
    login_actor,
    path_for,
    routes,
)
from werkstation.extensions import db
from werkstation.models import User

MARKER = "<script>alert('xss-7')</script>"
EVIL = [
    MARKER,
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE jobseeker; --",
    "' OR '1'='1",
    "1; SELECT * FROM user",
    "\x00\x01\x02\x1b[31m",
    "\u202egnp.exe",
    "Ayşe Ğüçlü 🧹 ✓ Zoë",
    "x" * 5000,
    " ",
    "",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "3526 AB\r\nSet-Cookie: x=y",
    "{{ 7*7 }}",
    "%(name)s %s {0}",
    "../../etc/passwd",
]
EXTRA_FIELDS = {"role": "admin", "is_admin": "1", "user_id": "1", "business_id": "1", "active": "0",
                "totp_secret": "AAAAAAAAAAAAAAAA", "status": "erased"}
SKIP = {"/uitloggen", "/inloggen/code", "/inloggen/code-instellen"}
SHOWS_STORED_DATA = {
    "/dashboard", "/profiel", "/vacatures", "/vacatures/<int:vacancy_id>", "/bedrijf/gegevens", "/plaatsingen/",
    "/plaatsingen/<int:placement_id>", "/werkzoekenden/<int:jobseeker_id>", "/medewerker/werkzoekenden",
    "/medewerker/werkzoekenden/<int:jobseeker_id>", "/medewerker/vacatures/<int:vacancy_id>",
    "/medewerker/suggesties/<int:suggestion_id>", "/medewerker/plaatsingen/<int:placement_id>",
    "/medewerker/werkzoekenden/<int:jobseeker_id>/logboek", "/privacy/bewaartermijn",
}
STEP_NAMES = ("werk", "talenten", "uren", "reizen", "talen", "papieren", "over-jou")
# Modest by default so the suite stays fast; FUZZ_EXAMPLES=200 for a deeper run by hand.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "10")), deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)


class FormFields(HTMLParser):
    """Field names of the page's POST forms, with the allowed values of choice fields."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self.hidden: dict[str, str] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "hidden":
                self.hidden[name] = a.get("value") or ""
            elif kind in ("checkbox", "radio"):
                self.fields.setdefault(name, []).append(a.get("value") or "y")
            elif kind not in ("submit", "button", "file"):
                self.fields.setdefault(name, [])
        elif tag == "textarea" and name:
            self.fields.setdefault(name, [])
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, [])
        elif tag == "option" and self._select:
            self.fields[self._select].append(a.get("value") or "")
        elif tag == "button" and name:
            self.fields.setdefault(name, []).append(a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def actor_for(entry):
    if entry.public:
        return "anonymous"
    for role in ("business", "jobseeker", "staff", "admin"):
        if entry.roles.get(role) in (OK, OWN):
            return role
    return None


def fuzz_targets():
    from werkstation import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    targets = []
    for rule, method in routes(app):
        entry = MATRIX.get(rule.rule)
        if method != "POST" or entry is None or rule.rule in SKIP or actor_for(entry) is None:
            continue
        if "<name>" in rule.rule and "intake" in rule.rule and rule.rule.startswith("/intake"):
            targets += [(rule.rule, name) for name in STEP_NAMES]
        else:
            targets.append((rule.rule, None))
    return targets


def text_values():
    return st.one_of(
        st.sampled_from(EVIL),
        st.text(max_size=200),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=50),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
    )


def value_for(data, name, allowed):
    if allowed and data.draw(st.booleans(), label=f"{name}:valid"):
        return data.draw(st.sampled_from(allowed), label=name)
    return data.draw(text_values(), label=name)


def form_data(data, fields, hidden, token):
    body = []
    for name, allowed in fields.items():
        how = data.draw(st.sampled_from(["one", "one", "one", "missing", "repeated"]), label=f"{name}:how")
        if how == "missing":
            continue
        body.append((name, value_for(data, name, allowed)))
        if how == "repeated":
            body.append((name, value_for(data, name, allowed)))
    for name, value in hidden.items():
        if name == "csrf_token":
            continue
        tamper = data.draw(st.booleans(), label=f"{name}:tamper")
        body.append((name, data.draw(text_values(), label=name) if tamper else value))
    body += list(EXTRA_FIELDS.items())
    body.append(("csrf_token", token))
    return body


def page_fields(client, path):
    """The form fields on the page at `path` (GET), or generic names for POST-only actions."""
    response = client.get(path)
    parser = FormFields()
    if response.status_code == 200 and response.mimetype == "text/html":
        parser.feed(response.get_data(as_text=True))
    if not parser.fields:
        parser.fields = {"action": ["pause", "resume", "close", "reopen"], "answer": ["yes", "no"],
                         "decision": ["shortlist", "reject"], "note": [], "reason": [], "still_working": ["yes", "no"],
                         "instruments": [], "confirm": ["y"]}
    return parser.fields, parser.hidden


@pytest.mark.parametrize(("rule", "name"), fuzz_targets())
def test_hostile_form_input_never_breaks_or_leaks(app, rule, name):
    world = build_world()
    entry = MATRIX[rule]
    actor = actor_for(entry)
    client = app.test_client()
    login_actor(client, world, actor)
    from types import SimpleNamespace

    path = path_for(SimpleNamespace(rule=rule), entry, world) if name is None else rule.replace("<name>", name)
    fields, hidden = page_fields(client, path)
    state = {"token": current_csrf(client)}
    roles_before = {u.id: (u.role, u.business_id) for u in db.session.scalars(select(User))}

    actor_id = world.users[actor].id if actor != "anonymous" else None

    def relogin():
        user = db.session.get(User, actor_id) if actor_id is not None else None
        if user is not None and not is_logged_in(client):  # e.g. the account erased itself
            login_actor(client, world, actor)
            state["token"] = current_csrf(client)

    @FUZZ
    @given(data=st.data())
    def post_hostile(data):
        relogin()
        body = form_data(data, fields, hidden, state["token"])
        response = client.post(path, data=MultiDict(body))
        assert response.status_code < 500, (path, body)
        if response.mimetype == "text/html":
            assert MARKER not in response.get_data(as_text=True), f"{path} echoes input unescaped"

    post_hostile()
    # Nothing became admin, no account changed role or business.
    for user in db.session.scalars(select(User)):
        if user.id in roles_before:
            assert (user.role, user.business_id) == roles_before[user.id], user.email
        else:
            assert user.role in ("business", "jobseeker"), "a public form made a staff or admin account"
    assert db.session.scalar(select(func.count()).select_from(User).where(User.role == "admin")) == 1
    # What was stored is shown escaped on the pages that show it, to this actor and to staff.
    relogin()
    staff = app.test_client()
    login_actor(staff, world, "staff")
    for page_rule, method in routes(app):
        page_entry = MATRIX.get(page_rule.rule)
        if method != "GET" or page_rule.rule not in SHOWS_STORED_DATA:
            continue
        for viewer in (client, staff):
            response = viewer.get(path_for(page_rule, page_entry, world))
            assert MARKER not in response.get_data(as_text=True), f"{page_rule.rule} shows stored input unescaped"


def test_occupation_search_json_survives_anything(app):
    world = build_world()
    client = app.test_client()
    login_actor(client, world, "business")

    @FUZZ
    @given(query=st.one_of(st.sampled_from(EVIL), st.text(max_size=300)))
    def search(query):
        response = client.get("/api/beroepen", query_string={"q": query})
        assert response.status_code == 200
        assert isinstance(response.get_json()["results"], list)

    search()


def test_csrf_is_enforced_on_every_post_route(app):
    """Without a CSRF token every POST is refused (400) before anything happens, whoever sends it."""
    world = build_world()
    failures = []
    for actor in ("anonymous", "business", "jobseeker", "staff"):
        client = app.test_client()
        login_actor(client, world, actor)
        for rule, method in routes(app):
            entry = MATRIX.get(rule.rule)
            if method != "POST" or entry is None:
                continue
            status = client.post(path_for(rule, entry, world), data={"role": "admin"}).status_code
            if status != 400:
                failures.append(f"{actor} {rule.rule}: {status}")
            if actor != "anonymous" and not is_logged_in(client):
                login_actor(client, world, actor)
    assert failures == []


def test_uploads_are_capped_with_a_clear_dutch_message(app):
    world = build_world()
    client = app.test_client()
    login_actor(client, world, "staff")
    token = current_csrf(client)
    too_big = b"naam;postcode\n" + b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    from io import BytesIO

    response = client.post("/medewerker/import/werkzoekenden",
                           data={"csrf_token": token, "file": (BytesIO(too_big), "groot.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "Het bestand is te groot." in response.get_data(as_text=True)
    assert app.config["MAX_CONTENT_LENGTH"] <= 5 * 1024 * 1024


def test_hostile_csv_uploads_never_break(app):
    from io import BytesIO

    world = build_world()
    client = app.test_client()
    login_actor(client, world, "staff")
    token = current_csrf(client)

    @FUZZ
    @given(content=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(lambda t: t.encode("utf-8")),
                             st.sampled_from([m.encode("utf-8") for m in EVIL])),
           kind=st.sampled_from(["werkzoekenden", "vacatures"]))
    def upload(content, kind):
        parser = FormFields()
        parser.feed(client.get(f"/medewerker/import/{kind}").get_data(as_text=True))
        body = dict(parser.hidden)
        body.update({"csrf_token": token, "file": (BytesIO(content), "bestand.csv")})
        response = client.post(f"/medewerker/import/{kind}", data=body, content_type="multipart/form-data")
        assert response.status_code < 500
        assert MARKER not in response.get_data(as_text=True)

    upload()
