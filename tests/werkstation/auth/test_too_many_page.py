"""The "too many attempts" page says in plain words how long to wait (the limit's own reset, also sent as
Retry-After), links to "Wachtwoord vergeten" and gives the cooperative's phone number."""

import types

import limits.storage.memory as memory_storage
import pytest

from tests.factories import make_user
from tests.helpers import csrf_token
from tests.html import link, text
from tests.werkstation.auth.test_login_limits import attempt


@pytest.fixture
def limit_clock(monkeypatch):
    """One clock for the limit's store and for the page that tells the wait, moved forward with `offset`."""
    import time

    from werkstation import errors

    clock = types.SimpleNamespace(offset=0.0)
    fake = types.SimpleNamespace(time=lambda: time.time() + clock.offset, sleep=time.sleep)
    monkeypatch.setattr(memory_storage, "time", fake)
    monkeypatch.setattr(errors, "time", fake)
    return clock


def test_five_wrong_passwords_the_page_says_wait_one_minute_and_where_to_go(client, limit_clock):
    user = make_user(role="jobseeker")
    for _ in range(5):
        attempt(client, user.email)
    blocked = attempt(client, user.email)
    assert blocked.status_code == 429
    shown = text(blocked.get_data(as_text=True))
    assert "Wacht 1 minuut. Probeer het daarna opnieuw." in shown
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
    assert link(blocked.get_data(as_text=True), "/wachtwoord-vergeten")
    assert "Bel de coöperatie: 030 123 4567" in shown
    assert link(blocked.get_data(as_text=True), "tel:+31301234567")


def test_the_page_gives_the_phone_number_an_admin_saved(app, client, limit_clock):
    from werkstation.extensions import db
    from werkstation.settings import store

    store.save("cooperative", {"name": "Wijkcoöperatie Kanaleneiland", "address": "Marshallaan 2, Utrecht",
                               "phone": "+31307654321", "email": ""}, make_user(role="admin"))  # as the form saves it
    db.session.commit()
    user = make_user(role="jobseeker")
    for _ in range(5):
        attempt(client, user.email)
    blocked = attempt(client, user.email)
    assert blocked.status_code == 429
    assert "Bel de coöperatie: 030 765 4321" in text(blocked.get_data(as_text=True))
    assert link(blocked.get_data(as_text=True), "tel:+31307654321")


def test_the_hour_limit_names_the_minutes_that_are_left(app, limit_clock):
    user = make_user(role="jobseeker")
    for i in range(20):  # 20 failures for one account, from 5 addresses, the last 16 ten minutes after the first
        attempt(app.test_client(), user.email, address=f"10.0.{i // 4}.1")
        if i == 3:
            limit_clock.offset += 600
    blocked = attempt(app.test_client(), user.email, address="10.0.9.1")
    assert blocked.status_code == 429
    assert "Wacht 50 minuten. Probeer het daarna opnieuw." in text(blocked.get_data(as_text=True))
    assert 2940 < int(blocked.headers["Retry-After"]) <= 3000


def test_too_many_sign_ups_from_one_address_show_the_wait_in_english_too(app, limit_clock):
    for i in range(10):
        client = app.test_client()
        token = csrf_token(client, "/registreren/werkzoekende")
        client.post("/registreren/werkzoekende", data={"email": f"p{i}@voorbeeld.nl", "csrf_token": token})
    client = app.test_client()
    token = csrf_token(client, "/registreren/werkzoekende")
    client.get("/taal/en")
    blocked = client.post("/registreren/werkzoekende", data={"email": "p@voorbeeld.nl", "csrf_token": token})
    assert blocked.status_code == 429
    assert "Wait 1 minute. Then try again." in text(blocked.get_data(as_text=True))
    assert 1 <= int(blocked.headers["Retry-After"]) <= 60
