"""Staff plan, move or call off a kennismaking; both sides get the invitation, the update or the cancellation."""

from flask import abort, redirect, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import roles
from ..extensions import db
from ..forms import ButtonForm
from ..models import Placement, utcnow
from ..persistence import save, save_or_back
from ..placements import meetings
from ..vocabulary import STAFF_ROLES, Stage
from .forms import MeetingForm
from .routes import _placement_page, bp, move_form_for


@bp.route("/plaatsingen/<int:placement_id>/kennismaking", methods=["POST"])
@roles(*STAFF_ROLES)
def plan_meeting(placement_id):
    """Plan or move the kennismaking (date, time, place)."""
    row = db.get_or_404(Placement, placement_id)
    if row.stage != Stage.INTRODUCTION:
        abort(409)
    form = MeetingForm(prefix="km")
    if form.validate_on_submit():
        try:
            meetings.plan(row, form.day.data, form.at.data, form.place.data, current_user, now=utcnow())
        except meetings.MeetingError as error:
            form.day.errors.append(error.message)
        else:
            done = save(form, url_for("staff.placement", placement_id=row.id),
                        _l("De kennismaking is opgeslagen. Het bedrijf en de werkzoekende krijgen een bericht."))
            if done is not None:
                return done
            row = db.session.get(Placement, placement_id)
    return _placement_page(row, move_form_for(row), 409 if form.form_errors else 400, meeting_form=form)


@bp.route("/plaatsingen/<int:placement_id>/kennismaking/afzeggen", methods=["POST"])
@roles(*STAFF_ROLES)
def cancel_meeting(placement_id):
    """Call off the planned kennismaking; both sides hear it."""
    row = db.get_or_404(Placement, placement_id)
    form = ButtonForm.pressed()
    back = url_for("staff.placement", placement_id=row.id)
    if row.meeting_at is not None:
        meetings.cancel(row, current_user)
        return save_or_back(form, back, _l("De kennismaking is afgezegd. Het bedrijf en de werkzoekende krijgen een "
                                           "bericht."))
    return redirect(back)
