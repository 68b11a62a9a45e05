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


def logged_out_known_device(app, user):
    """A browser where `user` logged in (and out) before: it holds the signed known-device cookie."""
    from tests.helpers import login

    owner = app.test_client()
    login(owner, user)
    token = csrf_token(owner, "/account")
    assert owner.post("/uitloggen", data={"csrf_token": token}).status_code == 302
    assert owner.get_cookie("werkstation_device") is not None
    return owner


@pytest.mark.parametrize("role", ["jobseeker", "admin"])
def test_strangers_cannot_lock_the_owner_out(app, clock, quick_passwords, role):
    """25 wrong passwords from many addresses: strangers are refused, the owner on a known device logs in."""
    user = make_user(role=role)
    owner = logged_out_known_device(app, user)
    for i in range(25):
        stranger = app.test_client()
        attempt(stranger, user.email, address=f"10.3.{i}.1")
    # Another stranger, even with the right password, waits for the hour to pass ...
    assert attempt(app.test_client(), user.email, password=PASSWORD, address="10.4.4.4").status_code == 429
    # ... the owner's known device, at an address never seen before, is not refused.
    response = attempt(owner, user.email, password=PASSWORD, address="10.5.5.5")
    assert response.status_code == 302
    expected = "/inloggen/code" if role == "admin" else "/dashboard"
    assert response.headers["Location"].endswith(expected)


def test_a_known_device_still_has_its_own_limit(app, clock, quick_passwords):
    """A copied device cookie gives no more guesses than before: 5 failures a minute per device and account."""
    user = make_user(role="jobseeker")
    owner = logged_out_known_device(app, user)
    statuses = [attempt(owner, user.email, address=f"10.6.{i}.1").status_code for i in range(6)]
    assert statuses == [200] * 5 + [429]
    clock.offset += 61
    assert attempt(owner, user.email, password=PASSWORD).status_code == 302


def test_a_made_up_or_foreign_device_cookie_counts_as_a_stranger(app, clock, quick_passwords):
    from itsdangerous import URLSafeTimedSerializer

    user = make_user(role="jobseeker")
    for i in range(20):
        attempt(app.test_client(), user.email, address=f"10.7.{i}.1")
    forged = app.test_client()
    other_key = URLSafeTimedSerializer("not-the-secret-key", salt="werkstation-known-device")
    forged.set_cookie("werkstation_device", other_key.dumps({"d": "x", "a": [user.id]}))
    assert attempt(forged, user.email, password=PASSWORD, address="10.8.8.8").status_code == 429
    # A real device cookie of another account does not open this one either.
    other = make_user(role="jobseeker")
    neighbour = logged_out_known_device(app, other)
    assert attempt(neighbour, user.email, password=PASSWORD, address="10.8.8.9").status_code == 429
