"""Login attempts are limited per account and per address; the limits expire, so nobody is locked out for good."""

import types

import limits.storage.memory as memory_storage
import pytest

from tests.factories import PASSWORD, make_user
from tests.helpers import csrf_token


class Clock:
    """Moves the rate-limit storage's clock forward without waiting."""

    def __init__(self, monkeypatch):
        import time

        self.offset = 0.0
        self._time = time
        monkeypatch.setattr(memory_storage, "time", types.SimpleNamespace(time=self.time, sleep=time.sleep))

    def time(self):
        return self._time.time() + self.offset


def attempt(client, email, password="verkeerd-wachtwoord", address="10.0.0.1"):  # noqa: S107
    token = csrf_token(client, "/inloggen")
    return client.post(
        "/inloggen", data={"email": email, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def quick_passwords(monkeypatch):
    """These tests count attempts; skip the slow scrypt work (hashing has its own test in test_auth.py)."""
    from werkstation.auth import routes
    from werkstation.models import User

    monkeypatch.setattr(routes, "spend_password_time", lambda password: None)
    monkeypatch.setattr(User, "check_password", lambda self, password: password == PASSWORD)


def test_five_failures_a_minute_per_account_and_address_then_a_wait(client, clock):
    user = make_user(role="jobseeker")
    for _ in range(5):
        assert attempt(client, user.email).status_code == 200
    blocked = attempt(client, user.email, password=PASSWORD)
    assert blocked.status_code == 429
    assert "Te veel pogingen" in blocked.get_data(as_text=True)
    # The limit expires: after a minute the right password works again.
    clock.offset += 61
    assert attempt(client, user.email, password=PASSWORD).status_code == 302


def test_per_account_limit_holds_across_addresses_and_expires(app, clock, quick_passwords):
    user = make_user(role="jobseeker")
    client = app.test_client()
    for i in range(20):
        # A new address every few tries stays under the per-address-and-account limit.
        assert attempt(client, user.email, address=f"10.0.{i // 4}.1").status_code == 200
        if i % 4 == 3:
            clock.offset += 1
    assert attempt(client, user.email, password=PASSWORD, address="10.9.9.9").status_code == 429
    clock.offset += 3601
    assert attempt(client, user.email, password=PASSWORD, address="10.9.9.9").status_code == 302


def test_per_address_limit_covers_many_accounts(client, clock, quick_passwords):
    emails = [f"niemand{i}@voorbeeld.nl" for i in range(50)]
    for i, email in enumerate(emails):
        assert attempt(client, email, address="10.1.1.1").status_code == 200
        if i % 4 == 3:
            clock.offset += 1
    user = make_user(role="jobseeker")
    assert attempt(client, user.email, password=PASSWORD, address="10.1.1.1").status_code == 429
    # Someone else, at another address, is not affected.
    assert attempt(client, user.email, password=PASSWORD, address="10.2.2.2").status_code == 302


def test_successful_logins_do_not_use_up_the_limit(app, quick_passwords):
    user = make_user(role="jobseeker")
    for _ in range(7):
        client = app.test_client()
        assert attempt(client, user.email, password=PASSWORD).status_code == 302


def test_totp_codes_are_limited_too(client):
    user = make_user(role="staff")
    token = csrf_token(client, "/inloggen")
    client.post("/inloggen", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    statuses = []
    for _ in range(6):
        token = csrf_token(client, "/inloggen/code")
        statuses.append(client.post("/inloggen/code", data={"code": "abcdef", "csrf_token": token}).status_code)
    assert statuses == [200] * 5 + [429]
