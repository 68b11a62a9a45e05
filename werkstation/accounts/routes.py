"""A person's own account: forgotten password (link by e-mail), a code from staff, new password, new e-mail."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..access import public, roles
from ..auth import attempts, devices
from ..auth.lookup import find_account
from ..auth.sessions import start_session
from ..auth.totp import needs_second_factor
from ..extensions import db, limiter
from ..models import User
from ..outbox import events as messages
from ..outbox.compose import link
from ..persistence import commit
from ..vocabulary import ROLES
from . import service, tokens
from .forms import ChangeEmailForm, ChangePasswordForm, CodeLoginForm, ForgotPasswordForm, NewPasswordForm
from .models import TokenPurpose

bp = Blueprint("accounts", __name__)

SENT = _l("Als dit e-mailadres bij een account hoort, krijg je binnen een paar minuten een e-mail met een link. "
          "De link werkt %(minutes)s minuten. Kijk ook in je map met ongewenste e-mail.")


CALLED_BACK = _l("Heb je alleen een mobiel nummer bij ons? Dan belt de coöperatie je op de eerstvolgende werkdag met "
                  "een code. Daarmee kies je een nieuw wachtwoord op de pagina ‘Inloggen met een code’.")


def own_details(user) -> tuple:
    """What a password must not be made of: the person's address, number and name."""
    name = user.jobseeker.name if user.jobseeker is not None else None
    return (user.email, user.phone, name)


def form_page(form, title, intro, submit_label, status=200, **extra):
    return render_template("accounts/form_page.html", form=form, title=title, intro=intro,
                           submit_label=submit_label, **extra), status


def notice(title, paragraphs, status=200, action=None):
    return render_template("accounts/notice.html", title=title, paragraphs=paragraphs, action=action), status


def use_link(marker):
    """Use up a link's token; if a parallel click used it first, the notice page to show (nothing is saved)."""
    try:
        tokens.use_up(marker)
    except tokens.TokenProblem as problem:
        db.session.rollback()
        return notice(_("Deze link werkt niet"), [problem.message], 400)
    return None


# Like the login (auth/devices.py): per address+IP, per address and per IP, and from a device that logged in to the
# account before per device only, so strangers asking links for someone's address never refuse its owner.
RESET_RULES = devices.limits_for("reset", "email", per_account="20/hour")
CODE_RULES = devices.limits_for("code", "account", per_account="20/hour")


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@public
def forgot_password():
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = ForgotPasswordForm()
    minutes = int(tokens.lifetime(TokenPurpose.RESET).total_seconds() // 60)
    if request.method == "POST" and attempts.reserve(RESET_RULES) is None:  # every request counts
        abort(429)
    if form.validate_on_submit():
        user = find_account(form.email.data)
        if user is not None and user.active and user.email:
            reset = link("accounts.reset_password", token=tokens.issue(user, TokenPurpose.RESET))
            messages.password_reset_requested(user, reset, minutes)
            audit.record("user.password_reset_requested", user, actor=user)
            commit()
        elif user is not None and user.active and user.phone:
            messages.password_help_requested(user)  # staff phone them with a one-time code
            audit.record("user.password_help_requested", user, actor=user)
            commit()
        # The same answer for an unknown address or number: it never tells who has an account.
        return notice(_("Je hoort van ons"), [SENT % {"minutes": minutes}, CALLED_BACK],
                      action=(url_for("main.cooperative"), _("Bel of kom langs bij de coöperatie")))
    return form_page(form, _("Wachtwoord vergeten"),
                     _("Vul je e-mailadres of je mobiele nummer in. Met een e-mailadres krijg je een link om een "
                       "nieuw wachtwoord te kiezen. Heb je alleen een mobiel nummer bij ons? Dan belt de coöperatie je "
                       "met een code."),
                     _("Help mij inloggen"), 400 if form.is_submitted() else 200,
                     code_link=True, help_link=True)


def choose_password(token, purpose, title):
    """The page behind a reset or welcome link: choose a password, then you are logged in."""
    try:
        marker = tokens.redeem(token, purpose)
    except tokens.TokenProblem as problem:
        return notice(_("Deze link werkt niet"), [problem.message], 400,
                      action=(url_for("accounts.forgot_password"), _("Nieuwe link aanvragen")))
    form = NewPasswordForm()
    form.context = own_details(marker.user)
    if form.validate_on_submit():
        user = marker.user
        if (refused := use_link(marker)) is not None:
            return refused
        service.set_new_password(user, form.password.data, f"user.password_{purpose}")
        return _logged_in_with_new_password(user)
    return form_page(form, title, _("Kies een wachtwoord dat je nergens anders gebruikt."),
                     _("Wachtwoord opslaan"), 400 if form.is_submitted() else 200)


def _logged_in_with_new_password(user):
    """Every other session has ended; a resident or business is logged in here, staff log in with their code."""
    if needs_second_factor(user):
        commit()
        flash(_("Je nieuwe wachtwoord is opgeslagen. Log in met je nieuwe wachtwoord en je code."), "success")
        return redirect(url_for("auth.login"))
    start_session(user)
    commit()
    flash(_("Je nieuwe wachtwoord is opgeslagen. Je bent ingelogd."), "success")
    return redirect(url_for("main.dashboard"))


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
@public
@limiter.limit("30/hour", key_func=get_remote_address, methods=["POST"], scope="reset-link-address")
def reset_password(token):
    """Choose a new password from the link in the e-mail (30 minutes, once)."""
    return choose_password(token, TokenPurpose.RESET, _("Kies een nieuw wachtwoord"))


@bp.route("/welkom/<token>", methods=["GET", "POST"])
@public
@limiter.limit("30/hour", key_func=get_remote_address, methods=["POST"], scope="reset-link-address")
def welcome(token):
    """Choose a first password for an account staff made (7 days, once)."""
    return choose_password(token, TokenPurpose.WELCOME, _("Kies je wachtwoord"))


@bp.route("/inloggen/met-code", methods=["GET", "POST"])
@public
def code_login():
    """A resident without e-mail types the code staff gave them, and chooses a new password."""
    form = CodeLoginForm()
    reservation = attempts.reserve(CODE_RULES) if request.method == "POST" else None
    if request.method == "POST" and reservation is None:  # counted before the code is checked (parallel guesses)
        abort(429)
    if form.validate_on_submit():
        user = find_account(form.account.data)
        try:
            marker = tokens.redeem_code(user, form.code.data)
            tokens.use_up(marker)
        except tokens.TokenProblem as problem:
            db.session.rollback()
            form.code.errors.append(problem.message)
        else:
            reservation.give_back()  # only failures count
            service.set_new_password(user, form.password.data, "user.password_code")
            return _logged_in_with_new_password(user)
    return form_page(form, _("Inloggen met een code"),
                     _("Heb je geen e-mail? De coöperatie geeft je een code. Die werkt 24 uur en maar één keer."),
                     _("Wachtwoord opslaan en inloggen"), help_link=True)


@bp.route("/account")
@roles(*ROLES)
def account():
    """My account: the address or number I log in with, and links to change the password or e-mail address."""
    return render_template("accounts/account.html")


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@roles(*ROLES)
def change_password():
    """Change the password (the current one is asked); other sessions end."""
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    form.context = own_details(user)
    if form.validate_on_submit():
        if user.check_password(form.current_password.data):
            service.set_new_password(user, form.password.data, "user.password_change")
            start_session(user)
            commit()
            flash(_("Je nieuwe wachtwoord is opgeslagen. Op andere apparaten ben je uitgelogd."), "success")
            return redirect(url_for("accounts.account"))
        form.current_password.errors.append(_("Dit is niet je wachtwoord van nu. Probeer het opnieuw."))
    return form_page(form, _("Wachtwoord veranderen"), _("Vul eerst je wachtwoord van nu in."),
                     _("Wachtwoord opslaan"), 400 if form.is_submitted() else 200)


@bp.route("/account/e-mailadres", methods=["GET", "POST"])
@roles(*ROLES)
def change_email():
    """Ask for a new e-mail address: a link goes to the new address, a notice to the old one."""
    form = ChangeEmailForm()
    user = current_user._get_current_object()
    hours = int(tokens.lifetime(TokenPurpose.EMAIL).total_seconds() // 3600)
    if form.validate_on_submit():
        new_email = User.normalise_email(form.email.data)
        if not user.check_password(form.current_password.data):
            form.current_password.errors.append(_("Dit is niet je wachtwoord van nu. Probeer het opnieuw."))
        elif new_email == user.email:
            form.email.errors.append(_("Dit is al je e-mailadres."))
        else:
            if db.session.scalar(select(User.id).where(User.email == new_email)) is None:
                confirm = link("accounts.confirm_email",
                               token=tokens.issue(user, TokenPurpose.EMAIL, new_email=new_email))
                messages.email_change_requested(user, new_email, confirm, hours)
            audit.record("user.email_change_requested", user)
            commit()
            return notice(_("Kijk in je e-mail"), [
                _("We stuurden een link naar %(email)s. Klik op de link om het nieuwe adres te gebruiken. "
                  "De link werkt %(hours)s uur.", email=new_email, hours=hours),
                _("Tot dan log je in met je oude adres."),
            ], action=(url_for("accounts.account"), _("Terug naar je account")))
    return form_page(form, _("E-mailadres veranderen"),
                     _("We sturen een link naar het nieuwe adres. Pas als je daarop klikt, verandert het."),
                     _("Stuur de link"), 400 if form.is_submitted() else 200)


@bp.route("/e-mailadres-bevestigen/<token>")
@public
def confirm_email(token):
    """The link in the e-mail to the new address: from now on the person logs in with it."""
    try:
        marker = tokens.redeem(token, TokenPurpose.EMAIL)
        taken = db.session.scalar(select(User.id).where(User.email == marker.new_email))
        if taken is not None:
            raise tokens.TokenProblem(_("Dit e-mailadres hoort nu al bij een ander account."))
        tokens.use_up(marker)
    except tokens.TokenProblem as problem:
        db.session.rollback()
        return notice(_("Deze link werkt niet"), [problem.message], 400)
    user = marker.user
    old = user.email
    user.email = marker.new_email
    audit.record("user.email_change", user, actor=user, old_domain=(old or "").partition("@")[2])
    commit()
    return notice(_("Je e-mailadres is veranderd"), [
        _("Je logt voortaan in met %(email)s.", email=user.email)],
        action=(url_for("main.dashboard"), _("Naar je overzicht")))
