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
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..models import User
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


def posted_account() -> User | None:
    """The account the posted login form names (looked up once per request)."""
    if "login_account" not in g:
        g.login_account = find_account(request.form.get("email", "")[:254])
    return g.login_account


def is_known() -> bool:
    """True when this browser logged in to the account the login form names before."""
    user = posted_account()
    return user is not None and user.id in _read().get("a", [])


def device_key() -> str:
    """Rate-limit key of a known device: the device and the account."""
    user = posted_account()
    return f"device:{_read().get('d', '')}|{user.id if user is not None else ''}"


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
