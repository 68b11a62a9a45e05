"""The login session: who is logged in (a cookie bound to the account's session token), where to go back to, and
a fresh session at every login (security.fresh_session: no fixation; the chosen language stays)."""

import hmac
from urllib.parse import urlsplit

from flask import flash, session
from flask_babel import gettext as _
from flask_login import login_user

from .. import retention, security
from ..converters import whole_number
from ..extensions import db, login_manager
from ..i18n import language_at_login
from ..models import User, utcnow
from . import devices

login_manager.login_view = "auth.login"
login_manager.login_message = None
NEXT_MAX = 2000  # a longer address is not one of ours


@login_manager.user_loader
def load_user(user_key):
    """The session holds 'id:token'; a rotated token (logout, deactivation) ends old sessions."""
    user_id, _sep, token = (user_key or "").partition(":")
    number = whole_number(user_id)
    if number is None or not token:
        return None
    user = db.session.get(User, number)
    if user is None or not user.active or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def safe_next(target):
    r"""`target` when it is a path on this site to go back to, else None (the caller's default page).

    Refused: anything not starting with one '/', another host ('//host', '/\host': browsers read a backslash
    as '/'), a scheme, and control characters (CR/LF would break the Location header; browsers drop tabs and
    newlines from URLs, so '/\t/host' would become '//host')."""
    if not isinstance(target, str) or not target.startswith("/") or len(target) > NEXT_MAX:
        return None
    if "\\" in target or any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    return target


def start_session(user):
    """Renew the session at login (no fixation) and remember when it started."""
    security.fresh_session()
    language_at_login(user)
    session.permanent = True
    user.last_login_at = utcnow()
    login_user(user)
    security.mark_login()
    devices.remember(user)
    if retention.record_activity(user):
        flash(_("Je was lang niet actief. Omdat je weer bent ingelogd, blijft je profiel bewaard."), "info")
