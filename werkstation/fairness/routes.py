"""The voluntary self-description page (jobseekers) and the fairness monitor (staff)."""

from functools import partial

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..access import roles
from ..extensions import db
from ..models import FairnessSelfDescription, Jobseeker
from ..persistence import save
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
    here = url_for("fairness.self_description")
    if request.method == "POST" and request.form.get("remove") and form.validate_on_submit():
        if row is not None:
            db.session.delete(row)
            audit.record("fairness.remove", person, jobseeker_id=person.id)
        done = save(form, here, _l("Je antwoorden zijn gewist."))
        if done is not None:
            return done
    elif form.validate_on_submit():
        done = save(form, here, _l("Dank je wel. Je antwoorden zijn opgeslagen."), partial(store, person, row, form))
        if done is not None:
            return done
    return render_template("fairness/self_description.html", form=form, has_answers=row is not None)


def store(person, row, form):
    """Write the answers on the person's one row (made on the first save)."""
    if row is None:
        row = FairnessSelfDescription(jobseeker_id=person.id)
        db.session.add(row)
    for name in FIELDS:
        setattr(row, name, getattr(form, name).data or None)
    audit.record("fairness.save", person, jobseeker_id=person.id)


@bp.route("/medewerker/eerlijkheid")
@roles(*STAFF_ROLES)
def monitor_page():
    """Selection rates per group per step, the four-fifths check, and residents nobody proposed lately."""
    return render_template(
        "fairness/monitor.html", rates=monitor.selection_rates(), never_proposed=monitor.never_proposed(),
        min_group=monitor.MIN_GROUP, days=monitor.NEVER_PROPOSED_DAYS,
    )
