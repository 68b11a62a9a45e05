"""Staff give a resident without e-mail a one-time code; administrators deactivate and reactivate accounts."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select

from .. import audit
from ..access import roles
from ..extensions import db
from ..forms import ButtonForm
from ..models import User, utcnow
from ..paging import paginate
from ..persistence import commit, jobseeker_or_404, save_or_back
from ..phones import normalise_phone
from ..vocabulary import STAFF_ROLES, Role
from . import service, tokens
from .forms import AccountSearchForm
from .models import TokenPurpose
from .routes import bp


@bp.route("/medewerker/werkzoekenden/<int:jobseeker_id>/code", methods=["POST"])
@roles(*STAFF_ROLES)
def staff_code(jobseeker_id):
    """A one-time code (24 hours) for a resident who cannot use e-mail; shown once, never stored readable."""
    ButtonForm.pressed()
    person = jobseeker_or_404(jobseeker_id)
    user = service.account_for_jobseeker(person, current_user)
    if user is None:
        db.session.rollback()
        flash(_("Geen code gemaakt: vul eerst een telefoonnummer of e-mailadres in dat nog bij geen ander account "
                "hoort."), "error")
        return redirect(url_for("staff.jobseeker_queue", jobseeker_id=person.id))
    code = tokens.new_code(user, current_user)
    audit.record("user.reset_code", user, jobseeker_id=person.id)
    commit()
    valid_until = utcnow() + tokens.lifetime(TokenPurpose.STAFF_CODE)
    return render_template("accounts/staff_code.html", person=person, user=user, code=code, valid_until=valid_until)


@bp.route("/beheer/accounts")
@roles(Role.ADMIN)
def admin_accounts():
    """Every account, found by e-mail address or phone number, with deactivate and reactivate."""
    form = AccountSearchForm(request.args)
    query = select(User).order_by(User.role, User.email, User.id)
    term = (form.q.data or "").strip() if form.validate() else ""  # not validated: a message next to the box
    if term:
        phone = normalise_phone(term)
        query = query.where(or_(User.email.ilike(f"%{term}%"), User.phone == phone) if phone else
                            User.email.ilike(f"%{term}%"))
    page = paginate(query, 50)
    return render_template("accounts/admin_accounts.html", form=form, page=page)


def _switch(user_id, active):
    form = ButtonForm.pressed()
    user = db.get_or_404(User, user_id)
    back = request.referrer if (request.referrer or "").startswith(request.host_url) else url_for(
        "accounts.admin_accounts")
    if user.id == current_user.id:
        flash(_("Je kunt je eigen account niet uitzetten."), "error")
    elif bool(user.active) != active:
        (service.reactivate if active else service.deactivate)(user, current_user)
        return save_or_back(form, back, _l("Het account is weer aan.") if active else
                            _l("Het account is uitgezet. Alle sessies van dit account zijn meteen beëindigd."))
    return redirect(back)


@bp.route("/beheer/accounts/<int:user_id>/uitzetten", methods=["POST"])
@roles(Role.ADMIN)
def deactivate(user_id):
    """Deactivate an account: no login, every session ends at once (audited)."""
    return _switch(user_id, False)


@bp.route("/beheer/accounts/<int:user_id>/aanzetten", methods=["POST"])
@roles(Role.ADMIN)
def reactivate(user_id):
    """Reactivate an account (audited)."""
    return _switch(user_id, True)
