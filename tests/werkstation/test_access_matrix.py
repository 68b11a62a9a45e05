"""Access control matrix: every route x every actor (anonymous, business A and B, jobseeker A and B, staff, admin).

The expectations live in tests/werkstation/access_matrix.py; a route without an entry fails here.
"""

import pytest

from tests.werkstation.access_matrix import (
    ACTORS,
    MATRIX,
    build_world,
    current_csrf,
    expected,
    is_logged_in,
    leaks,
    login_actor,
    path_for,
    routes,
)


def test_every_route_has_an_entry_in_the_matrix(app):
    rules = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    missing = sorted(rules - set(MATRIX))
    assert missing == [], f"add these routes to tests/werkstation/access_matrix.py MATRIX: {missing}"
    stale = sorted(set(MATRIX) - rules)
    assert stale == [], f"these MATRIX entries match no route any more: {stale}"


def test_matrix_agrees_with_the_declared_roles(app):
    """A route's @roles/@public and its matrix entry say the same thing (the matrix is not a copy of a guess)."""
    from werkstation.access import PUBLIC

    wrong = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.rule not in MATRIX:
            continue
        declared = getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
        entry = MATRIX[rule.rule]
        if entry.public != (declared == PUBLIC):
            wrong.append((rule.rule, "public"))
        elif not entry.public and set(entry.roles) - set(declared or ()):
            wrong.append((rule.rule, sorted(set(entry.roles) - set(declared or ()))))
    assert wrong == []


@pytest.mark.parametrize("actor", ACTORS)
def test_access_matrix(app, actor):
    world = build_world()
    client = app.test_client()
    login_actor(client, world, actor)
    token = current_csrf(client)
    failures = []
    for rule, method in routes(app):
        entry = MATRIX.get(rule.rule)
        if entry is None:
            continue  # reported by test_every_route_has_an_entry_in_the_matrix
        path = path_for(rule, entry, world)
        try:
            if method == "GET":
                response = client.get(path)
            else:
                response = client.post(path, data={"csrf_token": token})
        except Exception as error:  # a 500 in production; list it with the others
            failures.append(f"{method} {path}: raised {type(error).__name__}: {str(error)[:200]}")
            continue
        kind, want = expected(entry, actor, method)
        status = response.status_code
        if kind == "deny":
            if status != want:
                failures.append(f"{method} {path}: {status}, expected {want} (refused)")
            elif want == 302 and "/inloggen" not in response.headers.get("Location", ""):
                failures.append(f"{method} {path}: redirected to {response.headers.get('Location')}, not login")
        elif status not in want:
            failures.append(f"{method} {path}: {status}, expected one of {want}")
        if response.mimetype in ("text/html", "application/json", "text/csv"):
            leaked = leaks(actor, response.get_data(as_text=True))
            if leaked:
                failures.append(f"{method} {path}: shows {leaked} to {actor}")
        # A POST may end the session (logout) or change the CSRF token: start again where needed.
        if method == "POST" and actor != "anonymous" and not is_logged_in(client):
            login_actor(client, world, actor)
            token = current_csrf(client)
    assert failures == [], f"{actor}:\n" + "\n".join(failures)
