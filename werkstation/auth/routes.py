"""Register, log in (with a code from an authenticator app as the second step for staff) and log out."""


from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..access import public, roles
from ..extensions import db, limiter
from ..models import Business, User
from ..persistence import commit
from ..security import fresh_session
from ..vocabulary import ROLES, Role
from . import attempts, devices, totp
from .forms import BusinessRegistrationForm, JobseekerRegistrationForm, LoginForm
from .lookup import find_account
from .sessions import safe_next, start_session

bp = Blueprint("auth", __name__)

_DUMMY_HASH = []


def spend_password_time(password):
    """Check a password against a dummy hash, so an unknown address takes as long as a known one."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(generate_password_hash("dummy-password-for-timing", method="scrypt"))
    check_password_hash(_DUMMY_HASH[0], password)


@bp.route("/registreren")
@public
def register():
    """Choose: register as a business or as a jobseeker."""
    return render_template("auth/register.html")


# Every registration attempt counts, per address: enough for a sign-up afternoon at the community centre (one
# address for everyone), too few to try many e-mail addresses or to fill the database with accounts.
register_limit = limiter.shared_limit("10/minute;60/hour", scope="register-address", key_func=get_remote_address,
                                      methods=["POST"])


@bp.route("/registreren/werkzoekende", methods=["GET", "POST"])
@public
@register_limit
def register_jobseeker():
    """A resident makes an account with a mobile number or an e-mail address; the intake follows."""
    form = JobseekerRegistrationForm()
    if form.validate_on_submit():
        from ..accounts import signup  # here: the accounts package loads after this one

        user = User(email=form.email.data or None, phone=form.phone.data or None, role=Role.JOBSEEKER)
        user.set_password(form.password.data)
        # The same answer whether or not the address or number has an account (accounts/signup.py).
        if user.email:
            return signup.start(user, [user], "user.register", None)
        return signup.start_by_phone(user)
    return render_template("auth/register_form.html", form=form, title=_("Aanmelden als werkzoekende"))


@bp.route("/registreren/bedrijf", methods=["GET", "POST"])
@public
@register_limit
def register_business():
    """A business registers itself and its first user."""
    form = BusinessRegistrationForm()
    if form.validate_on_submit():
        business = Business(
            name=form.name.data.strip(),
            kvk_number=form.kvk_number.data,
            sector=form.sector.data,
            postcode=form.postcode.data,
            contact_name=form.contact_name.data.strip(),
            phone=form.phone.data,
        )
        from ..accounts import signup  # here: the accounts package loads after this one

        user = User(email=form.email.data, role=Role.BUSINESS, business=business)
        user.set_password(form.password.data)
        return signup.start(user, [business, user], "business.register", business)
    return render_template("auth/register_form.html", form=form, title=_("Aanmelden als bedrijf"))


# Limits expire on their own: an attacker can slow an account down, never lock it for good. Failures from strangers
# (clients that never logged in to the account) never refuse its owner's known device: see auth/devices.py.
LOGIN_RULES = devices.limits_for("login", "email", per_account="20/hour")


@bp.route("/inloggen", methods=["GET", "POST"])
@public
def login():
    """Log in with e-mail and password; the failure message never says which of the two was wrong."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        reservation = attempts.reserve(LOGIN_RULES)  # counted before the password is checked (parallel guesses)
        if reservation is None:
            abort(429)
        user = find_account(form.email.data)
        if user is None:
            spend_password_time(form.password.data)
        if user is not None and user.active and user.check_password(form.password.data):
            reservation.give_back()  # only failures count
            first = user.last_login_at is None and user.role == Role.JOBSEEKER and user.jobseeker is None
            if totp.needs_second_factor(user):
                return totp.begin(user, safe_next(request.args.get("next")))
            start_session(user)
            if first:  # signed up by phone a moment ago
                flash(_("Je account is gemaakt. Vertel ons nu wat je kunt en wilt."), "success")
            audit.record("user.login", user, actor=user)
            commit()
            return redirect(safe_next(request.args.get("next")) or url_for("main.dashboard"))
        form.password.errors.append(_("Dit nummer of e-mailadres en dit wachtwoord horen niet bij elkaar. Probeer het opnieuw."))
    return render_template("auth/login.html", form=form)


@bp.route("/uitloggen", methods=["POST"])
@roles(*ROLES)
def logout():
    """Log out; the old session cookie stops working everywhere."""
    user = current_user._get_current_object()
    user.rotate_session_token()
    audit.record("user.logout", user)
    commit()
    logout_user()
    fresh_session()
    session.pop("pending_form", None)
    flash(_("Je bent uitgelogd."), "success")
    return redirect(url_for("main.index"))


# Codes are counted like passwords (auth/attempts.py): a place first, so parallel guesses get no extra tries.
TOTP_RULES = (
    attempts.Rule.of("totp-account", "5/minute;20/hour", totp.pending_key),
    attempts.Rule.of("totp-address", "50/hour", get_remote_address),
)
TOTP_SETUP_RULES = (
    attempts.Rule.of("totp-setup-account", "5/minute", totp.pending_key),
    attempts.Rule.of("totp-setup-address", "50/hour", get_remote_address),
)


@bp.route("/inloggen/code", methods=["GET", "POST"])
@public
def totp_verify():
    """Second login step: the code from the authenticator app."""
    user = totp.pending_user()
    if user is None:
        return totp.expired()
    if not user.totp_secret:
        return redirect(url_for("auth.totp_setup"))
    form = totp.TotpForm()
    if form.validate_on_submit():
        reservation = attempts.reserve(TOTP_RULES)
        if reservation is None:
            abort(429)
        step = totp.accepted_step(user.totp_secret, form.code.data, totp.last_step(user))
        if step is not None and totp.claim(user, step):
            reservation.give_back()
            return totp.finish(user, step)
        db.session.rollback()
        form.code.errors.append(_("Deze code klopt niet. Wacht op een nieuwe code in je app en probeer het opnieuw."))
    return render_template("auth/totp_verify.html", form=form)


@bp.route("/inloggen/code-instellen", methods=["GET", "POST"])
@public
def totp_setup():
    """First login of a staff or admin account: connect an authenticator app."""
    user = totp.pending_user()
    if user is None:
        return totp.expired()
    if user.totp_secret:
        return redirect(url_for("auth.totp_verify"))
    secret = session.get(totp.SETUP_SECRET)
    if not secret:
        secret = session[totp.SETUP_SECRET] = totp.new_secret()
    form = totp.TotpForm()
    if form.validate_on_submit():
        reservation = attempts.reserve(TOTP_SETUP_RULES)
        if reservation is None:
            abort(429)
        step = totp.accepted_step(secret, form.code.data, -1)
        if step is not None and totp.claim(user, step):
            reservation.give_back()
            user.totp_secret = secret
            audit.record("user.totp_setup", user, actor=user)
            return totp.finish(user, step)
        form.code.errors.append(_("Deze code klopt niet. Kijk of je de sleutel goed hebt overgenomen en probeer het opnieuw."))
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render_template(
        "auth/totp_setup.html", form=form, secret=grouped, uri=totp.provisioning_uri(secret, user.email),
        issuer=totp.ISSUER,
    )
