"""Plain-Dutch pages about personal data and matching, and the staff list of profiles nearing the end of retention."""

from flask import Blueprint, abort, render_template, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from .. import audit, retention
from ..access import public, roles
from ..extensions import db
from ..forms import ButtonForm
from ..models import Jobseeker, utcnow
from ..persistence import save_or_back
from ..vocabulary import STAFF_ROLES, JobseekerStatus

bp = Blueprint("privacy", __name__, cli_group=None)


@bp.route("/privacy")
@public
def statement():
    """What Werkstation keeps about you, why, for how long, and your rights."""
    return render_template(
        "privacy/statement.html",
        retention_months=retention.settings()["retention_months"],
        grace_days=retention.settings()["grace_days"],
        audit_months=retention.settings()["audit_months"],
    )


@bp.route("/hoe-werkt-het-matchen")
@public
def matching():
    """How suggestions are made: what is used, what is never used, and that a person decides."""
    return render_template("privacy/matching.html")


@bp.route("/privacy/bewaartermijn")
@roles(*STAFF_ROLES)
def retention_list():
    """Profiles that got a retention notice, with the date they will be anonymised if nothing happens."""
    noticed = db.session.scalars(
        select(Jobseeker)
        .where(Jobseeker.retention_notice_at.is_not(None), Jobseeker.status != JobseekerStatus.ERASED)
        .order_by(Jobseeker.retention_notice_at, Jobseeker.id)
    ).all()
    rows = [(j, retention.erase_date(j)) for j in noticed]
    return render_template("privacy/retention.html", rows=rows, form=ButtonForm(),
                           retention_months=retention.settings()["retention_months"])


@bp.route("/privacy/bewaartermijn/<int:jobseeker_id>/bewaren", methods=["POST"])
@roles(*STAFF_ROLES)
def keep(jobseeker_id):
    """Staff spoke with the person and they want to stay: the profile counts as active again."""
    form = ButtonForm.pressed()
    jobseeker = db.get_or_404(Jobseeker, jobseeker_id)
    if jobseeker.status == JobseekerStatus.ERASED:
        abort(404)
    db.session.execute(
        update(Jobseeker)
        .where(Jobseeker.id == jobseeker.id)
        .values(last_active_at=utcnow(), retention_notice_at=None, updated_at=Jobseeker.updated_at)
        .execution_options(synchronize_session=False)
    )
    audit.record("jobseeker.retention_keep", jobseeker, jobseeker_id=jobseeker.id)
    return save_or_back(form, url_for("privacy.retention_list"),
                        _l("Het profiel blijft bewaard. De bewaartermijn begint opnieuw."))
