"""Registration answers the same whether or not the e-mail address or mobile number has an account.

The page after "Account maken" always says: look in your e-mail. A new address gets an account that is switched
off until the link in that e-mail is used (24 hours, once); the link's page finishes the registration and logs in.
An address that has an account already gets a message saying so (log in, or choose a new password) and nothing
else changes: whoever typed it learns nothing, and the owner hears about it. A registration that was never
finished does not block the address: a new one replaces it.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..access import public
from ..auth.forms import LoginForm
from ..auth.sessions import start_session
from ..extensions import db
from ..forms import ButtonForm
from ..models import Business, User
from ..outbox import events as messages
from ..outbox.compose import link
from ..persistence import commit
from ..phones import display_phone
from . import tokens, unfinished
from .models import TokenPurpose
from .routes import bp, notice, use_link


def check_your_mail(email):
    hours = int(tokens.lifetime(TokenPurpose.SIGNUP).total_seconds() // 3600)
    return notice(_("Kijk in je e-mail"), [
        _("We stuurden een e-mail naar %(email)s. Klik op de link in die e-mail om je aanmelding af te maken. "
          "De link werkt %(hours)s uur.", email=email, hours=hours),
        _("Geen e-mail gekregen? Kijk in je map met ongewenste e-mail. Of meld je nog een keer aan."),
    ])


def start(user: User, rows, action: str, audited):
    """Register `user` (not yet added; `rows` are the objects to save with it) or tell the owner of the address."""
    if user.phone is not None and db.session.scalar(select(User.id).where(User.phone == user.phone)) is not None:
        user.phone = None  # the number has an account already: this one starts with the address only (says nothing)
    existing = db.session.scalar(select(User).where(User.email == user.email))
    if existing is not None and not unfinished.is_unfinished(existing):
        messages.existing_account(existing)
        audit.record("user.register_existing", existing)
        commit()
        return check_your_mail(user.email)
    if existing is not None:
        unfinished.forget(existing)
    for row in rows:
        if isinstance(row, Business):
            unfinished.forget_kvk(row.kvk_number)
    user.active = False
    user.locale = str(get_locale() or "") or None  # the language they signed up in: their messages use it too
    db.session.add_all(rows)
    db.session.flush()
    audit.record(action, audited if audited is not None else user)
    hours = int(tokens.lifetime(TokenPurpose.SIGNUP).total_seconds() // 3600)
    messages.signup_confirm(user, link("accounts.finish_signup", token=tokens.issue(user, TokenPurpose.SIGNUP)),
                            hours)
    commit()
    return check_your_mail(user.email)


def start_by_phone(user: User):
    """A mobile number without an address: a new number gets its account, a number that has one stays as it was,
    and both see the same page: log in now. Without a text message service the number cannot be checked, so the
    page never says whether the account is new; the login that follows works for whoever knows the password."""
    existing = db.session.scalar(select(User).where(User.phone == user.phone))
    if existing is not None and unfinished.is_unfinished(existing):
        unfinished.forget(existing)
        existing = None
    if existing is None:
        user.locale = str(get_locale() or "") or None  # the language they signed up in: their messages use it too
        db.session.add(user)
        db.session.flush()
        audit.record("user.register", user, actor=user)
    else:
        audit.record("user.register_existing", existing)
    try:
        commit()
    except IntegrityError:  # the same number, at the same moment, in another tab: that one made the account
        db.session.rollback()
    return log_in_now(user.phone)


def log_in_now(phone: str):
    form = LoginForm(formdata=None, email=display_phone(phone))
    return render_template("auth/login.html", form=form, title=_("Log nu in"), form_action=url_for("auth.login"),
                           intro=[
        _("Log in met je mobiele nummer en het wachtwoord dat je net koos. Daarna vertel je wat je kunt en wilt."),
        _("Had je al een account met dit nummer? Dan blijft dat account zoals het was. Log in met je oude "
          "wachtwoord. Weet je dat niet meer? Vraag de coöperatie om een code."),
    ])


def signup_link_refused(problem):
    """A registration link that cannot be used: someone logged in, or whose link was used, is not told to register
    again (the reset wording of tokens.USED does not fit either)."""
    if current_user.is_authenticated:
        return notice(_("Je aanmelding is klaar"), [_("Deze link heb je niet meer nodig. Je bent al ingelogd.")], 400,
                      action=(url_for("main.dashboard"), _("Naar mijn pagina")))
    if problem.message is tokens.USED:
        return notice(_("Je aanmelding is klaar"), [
            _("Deze link is al gebruikt. Je aanmelding is afgemaakt. Log in met je e-mailadres en wachtwoord.")], 400,
            action=(url_for("auth.login"), _("Inloggen")))
    return notice(_("Deze link werkt niet"), [problem.message, _("Meld je opnieuw aan.")], 400,
                  action=(url_for("auth.register"), _("Aanmelden")))


@bp.route("/registreren/afmaken/<token>", methods=["GET", "POST"])
@public
def finish_signup(token):
    """The link in the e-mail: a button finishes the registration (a link checker opening the page does not)."""
    try:
        marker = tokens.redeem(token, TokenPurpose.SIGNUP)
    except tokens.TokenProblem as problem:
        return signup_link_refused(problem)
    form = ButtonForm()
    if form.validate_on_submit():
        user = marker.user
        if (refused := use_link(marker)) is not None:
            return refused
        user.active = True
        audit.record("user.signup_finished", user, actor=user)
        start_session(user)
        commit()
        if user.business_id is not None:
            flash(_("Je bedrijf is aangemeld. Zet nu je eerste vacature online."), "success")
        else:
            flash(_("Je account is gemaakt. Vertel ons nu wat je kunt en wilt."), "success")
        return redirect(url_for("main.dashboard"))
    business = db.session.get(Business, marker.user.business_id) if marker.user.business_id else None
    return render_template("accounts/finish_signup.html", form=form, email=marker.user.email, business=business)
