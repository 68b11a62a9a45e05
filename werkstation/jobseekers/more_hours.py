"""More hours: a person at work through the cooperative can say they want more hours (up to a total they give);
they are then proposed again for vacancies that fit the hours and times left. Staff can do it on their behalf."""

from flask import abort, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import HiddenField, IntegerField
from wtforms.validators import NumberRange, Optional

from .. import audit, matching_bridge
from ..access import roles
from ..matching_bridge.records import hours_at_work
from ..persistence import OnceOnlyForm, save_changes
from ..vocabulary import STAFF_ROLES, JobseekerStatus, Role
from .routes import bp, profile_or_404, profile_url, touched


class MoreHoursForm(OnceOnlyForm):
    """Start looking for more hours (with the total wanted), or stop."""

    action = HiddenField(default="start")
    total_hours = IntegerField(
        _l("Hoeveel uur per week wil je in totaal werken?"),
        validators=[Optional(), NumberRange(min=1, max=60, message=_l("Vul een aantal uren in van 1 tot en met 60."))],
        render_kw={"inputmode": "numeric"},
    )

    def check_total(self, worked: int) -> bool:
        """Starting needs a total above the hours worked now; the error goes next to the field."""
        if self.action.data != "start":
            return True
        if self.total_hours.data is None:
            self.total_hours.errors.append(_l("Vul in hoeveel uur per week je in totaal wilt werken."))
            return False
        if self.total_hours.data <= worked:
            self.total_hours.errors.append(
                _l("Je werkt nu %(hours)s uur per week. Vul een hoger aantal in.", hours=worked))
            return False
        return True


@bp.route("/profiel/meer-uren", methods=["GET", "POST"], defaults={"jobseeker_id": None})
@bp.route("/werkzoekenden/<int:jobseeker_id>/meer-uren", methods=["GET", "POST"])
@roles(Role.JOBSEEKER, *STAFF_ROLES)
def more_hours(jobseeker_id):
    """Say you want more hours next to your work (or no longer): Werkstation then looks for the hours left."""
    jobseeker = profile_or_404(jobseeker_id)
    if jobseeker is None or jobseeker.status != JobseekerStatus.PLACED:
        abort(404)
    worked = hours_at_work(jobseeker)
    form = MoreHoursForm()
    if request.method == "GET":
        form.version.data = jobseeker.version
        form.total_hours.data = jobseeker.hours_max if (jobseeker.hours_max or 0) > worked else None
    if form.action.data not in ("start", "stop"):
        abort(400)
    wanted = form.action.data == "start"

    def change():
        jobseeker.wants_more_hours = wanted
        if wanted:
            jobseeker.hours_max = form.total_hours.data
            if jobseeker.hours_min is not None and jobseeker.hours_min > jobseeker.hours_max:
                jobseeker.hours_min = jobseeker.hours_max
        touched(jobseeker)
        matching_bridge.rescore(jobseeker)
        audit.record("jobseeker.more_hours", jobseeker, jobseeker_id=jobseeker.id, wants_more_hours=wanted,
                     hours_max=jobseeker.hours_max, on_behalf=current_user.is_staff)

    message = (_l("We zoeken nu werk voor de uren die je nog over hebt.") if wanted
               else _l("We zoeken geen extra uren meer voor je."))
    valid = request.method == "POST" and form.validate() and form.check_total(worked)
    done = save_changes(form, jobseeker, change, profile_url(jobseeker), message) if valid else None
    if done is not None:
        return done
    return render_template("jobseekers/more_hours.html", form=form, jobseeker=jobseeker, worked=worked,
                           cancel_url=profile_url(jobseeker))
