"""Whole numbers from outside (an id in an address, `?page=`, an id in a CSV file) are bounded in one place: a
number no id can have answers "page not found", a wild page number shows the first page, an id in a file gets a
message. Before, numbers past PostgreSQL's INTEGER (2^31) or SQLite's 64 bits made the database fail: a 500."""

import io
import re

import pytest

from tests.factories import make_user
from tests.helpers import login
from tests.html import form_state, page
from werkstation.converters import MAX_ID, BoundedIntegerConverter, whole_number

TOO_BIG = [str(MAX_ID + 1), str(2**63), "9" * 20, "1" * 5000]
NOT_IDS = [*TOO_BIG, "-1", "+1", "1e3", "%E2%91%A0", "%D9%A3"]  # ①, Arabic-Indic 3


def id_routes(app):
    """Every route with a number in its address: (method, rule)."""
    for rule in app.url_map.iter_rules():
        if any(isinstance(c, BoundedIntegerConverter) for c in rule._converters.values()):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, rule.rule


def fill(rule, number):
    return re.sub(r"<int:\w+>", number, re.sub(r"<(?:string:)?(\w+)>", "x", rule))


@pytest.mark.parametrize("number", NOT_IDS)
def test_every_id_route_answers_not_found_for_a_number_no_id_can_have(app, number):
    client = app.test_client()
    login(client, make_user(role="staff"))
    routes = list(id_routes(app))
    assert len(routes) > 40
    wrong = {}
    for method, rule in routes:
        status = client.open(fill(rule, number), method=method).status_code
        if status != 404:
            wrong[f"{method} {rule}"] = status
    assert wrong == {}


def test_the_largest_id_is_still_an_id(app):
    client = app.test_client()
    login(client, make_user(role="staff"))
    assert client.get(f"/medewerker/werkzoekenden/{MAX_ID}").status_code == 404  # looked up, just not there
    assert whole_number(str(MAX_ID)) == MAX_ID and whole_number(str(MAX_ID + 1)) is None


@pytest.mark.parametrize("text", ["", " 1", "1 ", "-1", "1.0", "١", "²", "1_000", "0x10", "9" * 5000])
def test_only_plain_digits_are_a_whole_number(text):
    assert whole_number(text) is None or text == ""


@pytest.mark.parametrize("url", ["/medewerker/werkzoekenden", "/medewerker/vacatures", "/beheer/accounts"])
@pytest.mark.parametrize("number", [*TOO_BIG, "-5", "0", "abc"])
def test_a_wild_page_number_shows_the_first_page(app, url, number):
    client = app.test_client()
    login(client, make_user(role="admin" if url.startswith("/beheer") else "staff"))
    response = client.get(url, query_string={"page": number, "per_page": "9" * 20})
    assert response.status_code == 200


def test_an_id_past_every_row_in_a_csv_import_is_a_message_on_its_line(app):
    client = app.test_client()
    login(client, make_user(role="staff"))
    header = "id,naam,telefoon,postcode,talenten,uren_min,uren_max,beschikbaarheid,vervoer,reistijd,talen,toestemming\n"
    lines = "".join(f"{n},Amina,06 12345678,3526kl,Schoonmaken,8,24,ma:ochtend,fiets,30,nl:A2,ja\n" for n in TOO_BIG[:3])
    state = form_state(client.get("/medewerker/import/werkzoekenden"), ("csrf_token", "form_token"))
    response = client.post("/medewerker/import/werkzoekenden", content_type="multipart/form-data",
                           data={**state, "file": (io.BytesIO((header + lines).encode()), "mensen.csv")})
    assert response.status_code < 500
    text = page(response).get_text(" ")
    for number in TOO_BIG[:3]:
        assert f"nummer {number} bestaat niet" in text
