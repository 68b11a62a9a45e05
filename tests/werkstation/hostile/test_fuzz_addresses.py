"""Hostile addresses (hypothesis): any number or text where an id goes, and hostile query strings (`?page=`, `?q=`,
`?next=` and the filters) on every page, never give a server error, as staff or admin, on SQLite and PostgreSQL.

The routes come from the URL map, so a new page is covered without a test of its own.
FUZZ_EXAMPLES=300 for a deeper run by hand.
"""

import os
from types import SimpleNamespace
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.werkstation.access_matrix import MATRIX, build_world, login_actor, path_for, routes
from tests.werkstation.hostile.test_numbers_from_outside import fill, id_routes

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")), deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
HOSTILE = ["\x00", "a\x00b", "\r\nX: 1", "\u202e", "\u2066x\u2069", "%", "_", "'", "\\", "//evil.example",
           "9" * 20, str(2**31), str(2**63), "-1", "1e309", "NaN", "٣", "①", "x" * 3000, "🙂", "مخبز"]
QUERY_NAMES = ["page", "per_page", "q", "next", "fase", "lang", "sort", "status", "postcode", "hours", "occupation",
               "period", "year", "number", "start", "end", "eligible", "klaar", "opnieuw", "talent", "day"]


def hostile_text():
    return st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                     st.integers(min_value=-(2**80), max_value=2**80).map(str))


def test_any_id_in_any_id_route_never_breaks(app):
    world = build_world()
    client = app.test_client()
    login_actor(client, world, "admin")
    targets = sorted(id_routes(app))

    @FUZZ
    @given(target=st.sampled_from(targets), number=hostile_text())
    def probe(target, number):
        method, rule = target
        response = client.open(fill(rule, quote(number, safe="")), method=method)
        assert response.status_code < 500, (method, rule, number)

    probe()


def test_hostile_query_strings_on_every_page_never_break(app):
    world = build_world()
    clients = {}
    for actor in ("staff", "admin"):
        clients[actor] = app.test_client()
        login_actor(clients[actor], world, actor)
    pages = []
    for rule, method in routes(app):
        entry = MATRIX.get(rule.rule)
        if method == "GET" and entry is not None and rule.endpoint not in ("auth.logout", "main.set_language"):
            actor = "admin" if entry.roles.get("staff") is None else "staff"
            pages.append((actor, path_for(SimpleNamespace(rule=rule.rule), entry, world)))
    assert len(pages) > 40

    @FUZZ
    @given(target=st.sampled_from(pages),
           query=st.lists(st.tuples(st.sampled_from(QUERY_NAMES), hostile_text()), min_size=1, max_size=4))
    def probe(target, query):
        actor, path = target
        response = clients[actor].get(path, query_string=query)
        assert response.status_code < 500, (path, query)

    probe()
