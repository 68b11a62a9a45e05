"""Staff plan, move or call off a kennismaking; both sides get the invitation, the update or the cancellation."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from ..access import roles
from ..extensions import db
from ..models import Placement, utcnow
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
            db.session.commit()
            flash(_("De kennismaking is opgeslagen. Het bedrijf en de werkzoekende krijgen een bericht."), "success")
            return redirect(url_for("staff.placement", placement_id=row.id))
    return _placement_page(row, move_form_for(row), 400, meeting_form=form)


@bp.route("/plaatsingen/<int:placement_id>/kennismaking/afzeggen", methods=["POST"])
@roles(*STAFF_ROLES)
def cancel_meeting(placement_id):
    """Call off the planned kennismaking; both sides hear it."""
    row = db.get_or_404(Placement, placement_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if row.meeting_at is not None:
        meetings.cancel(row, current_user)
        db.session.commit()
        flash(_("De kennismaking is afgezegd. Het bedrijf en de werkzoekende krijgen een bericht."), "success")
    return redirect(url_for("staff.placement", placement_id=row.id))
