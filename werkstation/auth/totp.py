"""Second login step for staff and admin: a TOTP code (RFC 6238) from an authenticator app.

After the password is right, a staff or admin account is not logged in yet: the session only holds a short-lived
"pending" marker. The code page finishes the login. An account without a TOTP secret is first sent to set one up:
the secret is shown as text (and as an otpauth:// link for apps that take one), and saved once a code from the app
is right. A code is accepted once: the time step of the last accepted code is kept on the account and set with a
compare-and-set, so a code from the same or an earlier step is refused (no replay), also when sent twice at once.
"""

import hmac

import pyotp
from flask import flash, redirect, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from .. import audit, security
from ..converters import whole_number
from ..extensions import db
from ..forms import Form
from ..models import User
from ..persistence import commit
from ..vocabulary import STAFF_ROLES
from .sessions import safe_next, start_session

ISSUER = "Werkstation"
PENDING = "totp_pending"
PENDING_AT = "totp_pending_at"
PENDING_NEXT = "totp_next"
SETUP_SECRET = "totp_setup_secret"  # noqa: S105 (a session key name, not a secret)
PENDING_SECONDS = 5 * 60
VERIFIED_ACTION = "user.totp_verified"


class TotpForm(Form):
    code = StringField(
        _l("Code uit je app"),
        validators=[InputRequired(_l("Vul de code van 6 cijfers in.")), Length(max=12)],
        description=_l("6 cijfers. De code verandert elke 30 seconden."),
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"},
    )


def needs_second_factor(user) -> bool:
    """Staff and admin log in with a password and a code."""
    return user.role in STAFF_ROLES


def begin(user, next_url=None):
    """Password was right: remember (briefly) who is halfway, and send them to the code or set-up page."""
    security.fresh_session()
    session[PENDING] = f"{user.id}:{user.session_token}"
    session[PENDING_AT] = security.now()
    if next_url:
        session[PENDING_NEXT] = next_url
    if user.totp_secret:
        return redirect(url_for("auth.totp_verify"))
    return redirect(url_for("auth.totp_setup"))


def pending_user():
    """The account that passed the password step in this session, or None (expired, rotated, deactivated)."""
    marker = session.get(PENDING)
    started = session.get(PENDING_AT)
    if not marker or not isinstance(started, (int, float)) or security.now() - started > PENDING_SECONDS:
        return None
    user_id, _sep, token = str(marker).partition(":")
    number = whole_number(user_id)
    if number is None:
        return None
    user = db.session.get(User, number)
    if user is None or not user.active or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def pending_key():
    """The rate limits of the code step count per account halfway through logging in."""
    marker = str(session.get(PENDING, ""))
    return "totp:" + marker.partition(":")[0]


def last_step(user):
    """The time step of the last accepted code for `user` (as stored now), or -1."""
    step = db.session.scalar(select(User.totp_last_step).where(User.id == user.id))
    return -1 if step is None else step


def claim(user, step) -> bool:
    """Mark `step` as used for `user`, only if no code of this or a later step was accepted: one compare-and-set
    in the database, so of two requests with the same code at the same moment exactly one wins (the other waits
    for the row and then finds the step taken)."""
    result = db.session.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def accepted_step(secret, code, after_step, moment=None):
    """The time step `code` belongs to (now, 30 s before or after), if later than `after_step`; else None."""
    code = "".join(ch for ch in (code or "") if not ch.isspace())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    moment = security.now() if moment is None else moment
    current = int(moment // totp.interval)
    for step in (current - 1, current, current + 1):
        if step > after_step and hmac.compare_digest(totp.at(step * totp.interval), code):
            return step
    return None


def new_secret():
    """A new TOTP key, set up at a first login."""
    return pyotp.random_base32()


def provisioning_uri(secret, email):
    """The otpauth:// link an authenticator app reads."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def finish(user, step):
    """The code was right: log in, remember the code's time step (no replay), go where the user was going."""
    next_url = session.get(PENDING_NEXT)
    audit.record(VERIFIED_ACTION, user, actor=user, step=step)
    start_session(user)
    audit.record("user.login", user, actor=user)
    commit()
    return redirect(safe_next(next_url) or url_for("main.dashboard"))


def expired():
    """The halfway login expired: start again."""
    flash(_("Je inlogpoging is verlopen. Log opnieuw in."), "info")
    return redirect(url_for("auth.login"))
