"""Register, log in and log out."""

import hmac
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit, retention, security
from ..access import public, roles
from ..extensions import db, limiter, login_manager
from ..models import Business, User, utcnow
from ..phones import normalise_phone
from ..vocabulary import ROLES, Role
from . import bp, totp
from .forms import BusinessRegistrationForm, JobseekerRegistrationForm, LoginForm
from .lookup import find_account

login_manager.login_view = "auth.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(user_key):
    """The session holds 'id:token'; a rotated token (logout, deactivation) ends old sessions."""
    user_id, _sep, token = (user_key or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def safe_next(target):
    """Only follow local redirects."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def start_session(user):
    """Renew the session at login (no fixation) and remember when it started."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session.permanent = True
    user.last_login_at = utcnow()
    login_user(user)
    security.mark_login()
    if retention.record_activity(user):
        flash(_("Je was lang niet actief. Omdat je weer bent ingelogd, blijft je profiel bewaard."), "info")


def finish_registration(user, action, audited, message):
    """One transaction for the new account, its audit event and its first login; then on to the overview."""
    user.locale = str(get_locale() or "") or None  # the language they signed up in: their messages use it too
    db.session.flush()
    audit.record(action, audited, actor=user)
    start_session(user)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("main.dashboard"))


_DUMMY_HASH = []


def spend_password_time(password):
    """Check a password against a dummy hash, so an unknown address takes as long as a known one."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(generate_password_hash("dummy-password-for-timing", method="scrypt"))
    check_password_hash(_DUMMY_HASH[0], password)


def _login_email():
    """The account a login attempt is for, in one form (a phone number typed another way counts the same)."""
    typed = request.form.get("email", "")
    if "@" not in typed:
        return normalise_phone(typed) or typed.strip()[:40]
    return User.normalise_email(typed)[:254]


def _failed_login(response):
    """Only failed attempts count towards the limits (a failure re-renders the form with 200)."""
    return response.status_code == 200


@bp.route("/registreren")
@public
def register():
    """Choose: register as a business or as a jobseeker."""
    return render_template("auth/register.html")


@bp.route("/registreren/werkzoekende", methods=["GET", "POST"])
@public
def register_jobseeker():
    """A resident makes an account; the intake follows."""
    form = JobseekerRegistrationForm()
    if form.validate_on_submit():
        user = User(email=form.email.data, role=Role.JOBSEEKER)
        user.set_password(form.password.data)
        db.session.add(user)
        return finish_registration(
            user, "user.register", user, _("Je account is gemaakt. Vertel ons nu wat je kunt en wilt.")
        )
    return render_template("auth/register_form.html", form=form, title=_("Aanmelden als werkzoekende"))


@bp.route("/registreren/bedrijf", methods=["GET", "POST"])
@public
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
        user = User(email=form.email.data, role=Role.BUSINESS, business=business)
        user.set_password(form.password.data)
        db.session.add_all([business, user])
        return finish_registration(
            user, "business.register", business, _("Je bedrijf is aangemeld. Zet nu je eerste vacature online.")
        )
    return render_template("auth/register_form.html", form=form, title=_("Aanmelden als bedrijf"))


@bp.route("/inloggen", methods=["GET", "POST"])
@public
# Limits expire on their own: an attacker can slow an account down, never lock it for good.
@limiter.limit("5/minute", key_func=lambda: f"{_login_email()}|{get_remote_address()}", methods=["POST"],
               deduct_when=_failed_login, scope="login-account-address")
@limiter.limit("20/hour", key_func=lambda: "account:" + _login_email(), methods=["POST"],
               deduct_when=_failed_login, scope="login-account")
@limiter.limit("50/hour", key_func=get_remote_address, methods=["POST"], deduct_when=_failed_login,
               scope="login-address")
def login():
    """Log in with e-mail and password; the failure message never says which of the two was wrong."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = find_account(form.email.data)
        if user is None:
            spend_password_time(form.password.data)
        if user is not None and user.active and user.check_password(form.password.data):
            if totp.needs_second_factor(user):
                return totp.begin(user, safe_next(request.args.get("next")))
            start_session(user)
            audit.record("user.login", user, actor=user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")) or url_for("main.dashboard"))
        form.password.errors.append(_("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw."))
    return render_template("auth/login.html", form=form)


@bp.route("/uitloggen", methods=["POST"])
@roles(*ROLES)
def logout():
    """Log out; the old session cookie stops working everywhere."""
    user = current_user._get_current_object()
    user.rotate_session_token()
    audit.record("user.logout", user)
    db.session.commit()
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:  # the chosen language outlives the login
        session["lang"] = lang
    flash(_("Je bent uitgelogd."), "success")
    return redirect(url_for("main.index"))
