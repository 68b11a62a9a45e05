"""Known devices: a browser where someone logged in to an account before is not a stranger to that account.

Why: a limit per account (20 failed logins an hour) stops guessing from many addresses, but if every failure
counts, anyone who knows an address can keep its owner out, staff and admin included. So after a successful login
the browser gets a long-lived, signed cookie that names the accounts it logged in to, with a random device id. At
the next login to one of those accounts:

- from a known device, failures count per device and account only (5 a minute, 20 an hour): strangers' failures
  never refuse the owner, and someone who copied the cookie gets no more guesses than before;
- from any other client, the old limits hold: per account and address, per account (failures from strangers only)
  and per address.

The cookie holds no personal data (account numbers and a random id), is signed with SECRET_KEY (it cannot be
made up or changed), HttpOnly, SameSite=Lax and Secure whenever the session cookie is.
"""

from __future__ import annotations

import secrets

from flask import after_this_request, current_app, g, request
from flask_limiter.util import get_remote_address
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..models import User
from ..phones import normalise_phone
from .attempts import Rule
from .lookup import find_account

COOKIE = "werkstation_device"
SALT = "werkstation-known-device"
MAX_AGE = 365 * 24 * 3600
MAX_ACCOUNTS = 10  # a shared family computer may know a few accounts


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _read() -> dict:
    """The device cookie's content {"d": device id, "a": [account ids]}, or {} when missing or not ours."""
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 1000:
        return {}
    try:
        data = _serializer().loads(raw, max_age=MAX_AGE)
    except BadSignature:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("d"), str) or not isinstance(data.get("a"), list):
        return {}
    return data


def posted_account(field: str = "email") -> User | None:
    """The account the posted form's `field` names (looked up once per request)."""
    found = g.setdefault("posted_accounts", {})
    if field not in found:
        found[field] = find_account(request.form.get(field, "")[:254])
    return found[field]


def is_known(field: str = "email") -> bool:
    """True when this browser logged in before to the account the posted form names (login, forgotten password,
    a code from staff: the same cookie)."""
    user = posted_account(field)
    return user is not None and user.id in _read().get("a", [])


def device_key(field: str = "email") -> str:
    """Rate-limit key of a known device: the device and the account."""
    user = posted_account(field)
    return f"device:{_read().get('d', '')}|{user.id if user is not None else ''}"


def typed_account(field: str = "email") -> str:
    """The account a posted form names, in one form, as a rate-limit key: a phone number typed another way, or an
    address in other capitals, counts as the same account."""
    typed = request.form.get(field, "")
    if "@" not in typed:
        return normalise_phone(typed) or typed.strip()[:40]
    return User.normalise_email(typed)[:254]


def limits_for(scope: str, field: str, per_account: str, per_device: str = "5/minute;20/hour") -> tuple:
    """The limits of a form that names an account (login, forgotten password, a code from staff).

    Strangers' attempts count per account and address, per account and per address; from a device that logged in
    to the account before they count per device and account only, so strangers can slow an account down but never
    refuse its owner."""
    def stranger():
        return not is_known(field)

    return (
        Rule.of(f"{scope}-account-address", "5/minute", lambda: f"{typed_account(field)}|{get_remote_address()}",
                stranger),
        Rule.of(f"{scope}-account", per_account, lambda: f"{scope}:{typed_account(field)}", stranger),
        Rule.of(f"{scope}-address", "50/hour", get_remote_address, stranger),
        Rule.of(f"{scope}-known-device", per_device, lambda: device_key(field), lambda: is_known(field)),
    )


def remember(user: User) -> None:
    """After a successful login: this browser is a known device of `user` (the cookie is set on the response)."""
    data = _read()
    device = data.get("d") or secrets.token_urlsafe(16)
    accounts = [account for account in data.get("a", []) if account != user.id][-(MAX_ACCOUNTS - 1):] + [user.id]
    value = _serializer().dumps({"d": device, "a": accounts})

    @after_this_request
    def set_cookie(response):
        response.set_cookie(
            COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="Lax",
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        )
        return response
