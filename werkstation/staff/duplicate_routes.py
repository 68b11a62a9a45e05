"""Staff see a person's likely duplicates and merge one into the other (every related row kept, audited)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import BooleanField
from wtforms.validators import DataRequired, InputRequired

from .. import duplicates, matching_bridge
from ..access import roles
from ..extensions import db
from ..fields import RadioField
from ..models import Jobseeker
from ..persistence import OnceOnlyForm, jobseeker_or_404, previous_result, save
from ..vocabulary import STAFF_ROLES
from .routes import bp


class MergeForm(OnceOnlyForm):
    """Choose the duplicate that goes into this profile, and confirm."""

    other = RadioField(_l("Welk profiel is dezelfde persoon?"),
                       validators=[InputRequired(message=_l("Kies het profiel dat dezelfde persoon is."))])
    confirm = BooleanField(_l("Ik weet zeker dat dit dezelfde persoon is"),
                           validators=[DataRequired(message=_l("Vink aan dat het dezelfde persoon is."))],
                           description=_l("Alles van het andere profiel komt bij dit profiel; het andere profiel "
                                          "verdwijnt. Dit kan niet ongedaan worden gemaakt."))


def _page(person, found, form, status=200):
    return render_template("staff/duplicates.html", person=person, found=found, form=form), status


@bp.route("/werkzoekenden/<int:jobseeker_id>/dubbel", methods=["GET", "POST"])
@roles(*STAFF_ROLES)
def duplicates_page(jobseeker_id):
    """Likely duplicates of a person; staff merge the one that is the same person into this profile."""
    person = jobseeker_or_404(jobseeker_id)
    found = duplicates.duplicates_of(person)
    form = MergeForm()
    form.other.choices = [(str(d.jobseeker.id), d.jobseeker.name or str(d.jobseeker.id)) for d in found]
    if not form.validate_on_submit():
        return _page(person, found, form, 400 if form.is_submitted() else 200)
    earlier = previous_result(form)
    if earlier is not None:
        return redirect(earlier)
    other = db.session.get(Jobseeker, int(form.other.data))
    try:
        duplicates.merge(person, other, current_user)
    except duplicates.MergeError as error:
        db.session.rollback()
        form.form_errors.append(error.message)
        person = db.session.get(Jobseeker, jobseeker_id)
        return _page(person, duplicates.duplicates_of(person), form, 409)
    matching_bridge.rescore(person)
    done = save(form, url_for("staff.jobseeker_queue", jobseeker_id=person.id),
                _l("De profielen zijn samengevoegd. Alles staat nu bij dit profiel."))
    if done is None:
        person = db.session.get(Jobseeker, jobseeker_id)
        return _page(person, duplicates.duplicates_of(person), form, 409)
    flash(_("Controleer de gegevens van het profiel."), "success")
    return done
