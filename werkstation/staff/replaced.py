"""An old link to a suggestion that is no longer stored. Undecided suggestions are removed when a resident pauses
their search (or a vacancy closes, or everything is re-scored) and stored again, with a new id, when the pair fits
again. Decided suggestions are never removed, so no decision is lost; the audit log still knows which vacancy and
resident the old id was about, and the link leads to the new suggestion for that pair, or else to the vacancy's
queue, with a message instead of a bare 404."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select

from ..extensions import db
from ..models import AuditEvent, Suggestion, Vacancy

#: Audit events that name a suggestion: its decision, a resident's interest (the suggestion itself is the object),
#: and a staff member opening its page (the resident is the object; the suggestion id is in the details).
_NAMES_A_SUGGESTION = ("suggestion.decide", "suggestion.interest")


def old_pair(suggestion_id: int):
    """(vacancy_id, jobseeker_id) the suggestion with this id was about, from the audit log; None when unknown."""
    event = db.session.scalar(
        select(AuditEvent).where(or_(
            and_(AuditEvent.object_type == "suggestion", AuditEvent.object_id == suggestion_id,
                 AuditEvent.action.in_(_NAMES_A_SUGGESTION)),
            and_(AuditEvent.action == "jobseeker.view",
                 AuditEvent.details["suggestion_id"].as_integer() == suggestion_id),
        )).order_by(AuditEvent.id.desc()).limit(1)
    )
    if event is None or not (event.details or {}).get("vacancy_id"):
        return None
    return int(event.details["vacancy_id"]), event.jobseeker_id


def replaced_suggestion(suggestion_id: int, back: str | None):
    """Where an old suggestion link leads: the new suggestion for the same vacancy and resident, or the vacancy's
    queue when the pair is not suggested now (the resident still pauses, or no longer fits); 404 when the id was
    never known."""
    pair = old_pair(suggestion_id)
    vacancy = db.session.get(Vacancy, pair[0]) if pair else None
    if vacancy is None:
        abort(404)
    unsaved = " " + _("Er is nog niets opgeslagen.") if request.method == "POST" else ""
    current = db.session.scalar(select(Suggestion).where(Suggestion.vacancy_id == vacancy.id,
                                                         Suggestion.jobseeker_id == pair[1]))
    if current is not None:
        flash(_("Deze suggestie is vernieuwd. Je ziet nu de nieuwe versie.") + unsaved, "info")
        return redirect(url_for("staff.suggestion", suggestion_id=current.id, next=back))
    flash(_("Deze suggestie is vernieuwd: de bewoner staat nu niet in de lijst van deze vacature. Misschien zoekt "
            "de bewoner even niet.") + unsaved, "info")
    return redirect(url_for("staff.vacancy_queue", vacancy_id=vacancy.id))
