"""HTTP security headers and server-side session lifetime checks.

Headers: a strict Content-Security-Policy (no inline scripts or styles), HSTS over HTTPS, nosniff, a same-origin
referrer, no framing, and ``Cache-Control: no-store`` on every page (pages can hold personal data).

Sessions: a logged-in session ends after ``SESSION_IDLE_TIMEOUT`` without a request and, whatever happens, after
``PERMANENT_SESSION_LIFETIME`` from the moment of login. Both times live in the signed session cookie and are
checked on the server before any other check, so a stolen old cookie stops working. Every login, logout and
ended session starts a fresh session (`fresh_session`: no fixation, the chosen language stays).
"""

import os
import time

from flask import current_app, flash, request, session
from flask_babel import gettext as _
from flask_login import logout_user
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
HSTS = "max-age=31536000; includeSubDomains"

LOGIN_AT = "login_at"
SEEN_AT = "seen_at"
ENDED_FOR = "ended_for"  # the account whose session ended for being away: a form it sent waits for it
# Browsers keep a cookie of at most 4096 bytes (name and value); this leaves room for a message on the next page.
COOKIE_BUDGET = 3600


KEPT = ("lang", "pending_form")  # the chosen language, and a form that waits for its owner (auth/expired_forms.py)


def fresh_session():
    """Forget everything in the session except the chosen language and a form waiting for its owner (both outlive
    a login and a timeout; logging out forgets the form). Used at login, logout and when a session ends."""
    kept = {key: session[key] for key in KEPT if session.get(key)}
    session.clear()
    session.update(kept)


def now() -> float:
    """Seconds since the epoch; tests replace this to move the clock."""
    return time.time()


def mark_login(sess=None):
    """Remember when this session logged in (called right after the session is renewed at login)."""
    sess = session if sess is None else sess
    moment = now()
    sess[LOGIN_AT] = moment
    sess[SEEN_AT] = moment


def session_expired(sess, moment, idle, lifetime) -> bool:
    """True when a logged-in session is too old in total or has been idle too long."""
    login_at = sess.get(LOGIN_AT)
    seen_at = sess.get(SEEN_AT, login_at)
    if not isinstance(login_at, (int, float)) or not isinstance(seen_at, (int, float)):
        return True  # a session from before these checks, or tampered: log in again
    return moment - login_at > lifetime.total_seconds() or moment - seen_at > idle.total_seconds()


def enforce_session_lifetime():
    """before_request (runs first): end sessions that are idle too long or older than the absolute lifetime."""
    if request.endpoint == "static" or "_user_id" not in session:
        return None
    moment = now()
    config = current_app.config
    if session_expired(session, moment, config["SESSION_IDLE_TIMEOUT"], config["PERMANENT_SESSION_LIFETIME"]):
        ended_for = str(session.get("_user_id", "")).partition(":")[0]
        logout_user()
        fresh_session()
        if ended_for.isdigit():
            session[ENDED_FOR] = int(ended_for)
        flash(_("Je was een tijd niet actief. Log opnieuw in om verder te gaan."), "info")
        return None
    # Only write when it matters, so a burst of requests does not rewrite the cookie every time.
    if moment - session.get(SEEN_AT, 0) >= 15:
        session[SEEN_AT] = moment
    return None


def cookie_size(values: dict) -> int:
    """The size in bytes of the session cookie (name and value) that would hold `values`."""
    serializer = current_app.session_interface.get_signing_serializer(current_app)
    return len(current_app.config["SESSION_COOKIE_NAME"]) + 1 + len(serializer.dumps(values))


def fits(key: str, value) -> bool:
    """Whether the session cookie stays within COOKIE_BUDGET with `value` under `key`."""
    return cookie_size({**dict(session), key: value}) <= COOKIE_BUDGET


def set_security_headers(response):
    """Strict headers on every response; no-store on anything that is not a static file."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    return response


def proxy_hops(app) -> int:
    """How many proxies in front of the app to trust (WERKSTATION_PROXY_HOPS, default 0: none)."""
    raw = app.config.get("PROXY_HOPS", os.environ.get("WERKSTATION_PROXY_HOPS", "0"))
    try:
        hops = int(str(raw).strip() or "0")
    except ValueError:
        raise RuntimeError(f"WERKSTATION_PROXY_HOPS must be a whole number, not {raw!r}") from None
    if hops < 0:
        raise RuntimeError("WERKSTATION_PROXY_HOPS cannot be negative")
    return hops


def trust_proxy(app):
    """Behind a reverse proxy, take the visitor's address (for the rate limits and the log) and the scheme from the
    X-Forwarded-For and X-Forwarded-Proto headers of that many proxies. Without a proxy (0) those headers are
    ignored: anyone can send them, and trusting them would let a visitor pick an address for every attempt."""
    hops = proxy_hops(app)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def init_app(app):
    trust_proxy(app)
    # The lifetime check must run before the access check (access.enforce), or a view could run for a user
    # whose session is about to be ended.
    app.before_request_funcs.setdefault(None, []).insert(0, enforce_session_lifetime)
    app.after_request(set_security_headers)
