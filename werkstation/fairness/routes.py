"""The voluntary self-description page (jobseekers) and the fairness monitor (staff)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..access import roles
from ..extensions import db
from ..models import FairnessSelfDescription, Jobseeker
from ..vocabulary import STAFF_ROLES, Role
from . import monitor
from .forms import SelfDescriptionForm

bp = Blueprint("fairness", __name__)

FIELDS = ("gender", "age_band", "migration_background", "disability")


@bp.route("/over-mij/eerlijkheid", methods=["GET", "POST"])
@roles(Role.JOBSEEKER)
def self_description():
    """Voluntary questions that help the cooperative check it treats everyone fairly; never used for matching."""
    person = db.session.scalar(select(Jobseeker).where(Jobseeker.user_id == current_user.id))
    if person is None:
        abort(404)
    row = db.session.scalar(select(FairnessSelfDescription).where(FairnessSelfDescription.jobseeker_id == person.id))
    form = SelfDescriptionForm(obj=row)
    if request.method == "POST" and request.form.get("remove") and form.validate_on_submit():
        if row is not None:
            db.session.delete(row)
            audit.record("fairness.remove", person, jobseeker_id=person.id)
            db.session.commit()
        flash(_("Je antwoorden zijn gewist."), "success")
        return redirect(url_for("fairness.self_description"))
    if form.validate_on_submit():
        if row is None:
            row = FairnessSelfDescription(jobseeker_id=person.id)
            db.session.add(row)
        for name in FIELDS:
            setattr(row, name, getattr(form, name).data or None)
        audit.record("fairness.save", person, jobseeker_id=person.id)
        db.session.commit()
        flash(_("Dank je wel. Je antwoorden zijn opgeslagen."), "success")
        return redirect(url_for("fairness.self_description"))
    return render_template("fairness/self_description.html", form=form, has_answers=row is not None)


@bp.route("/medewerker/eerlijkheid")
@roles(*STAFF_ROLES)
def monitor_page():
    """Selection rates per group per step, the four-fifths check, and residents nobody proposed lately."""
    return render_template(
        "fairness/monitor.html", rates=monitor.selection_rates(), never_proposed=monitor.never_proposed(),
        min_group=monitor.MIN_GROUP, days=monitor.NEVER_PROPOSED_DAYS,
    )
