"""Saving a form: one transaction, never half-written, never twice, never over someone else's change.

Every form save ends in `save` (a new row) or `save_changes` (a row the form was loaded from, with its version):

    form = VacancyForm()                        # an OnceOnlyForm: it carries `form_token` and `version`
    done = save_changes(form, vacancy, lambda: form.populate_vacancy(vacancy), url_for(...), _("Opgeslagen."))
    if done is not None:
        return done                             # saved (or saved before: a double click), flashed, redirected
    return render_template(...)                 # the input stays, with the error or the conflict message

Underneath, `commit_form` commits the session as one transaction and says how it went (`Outcome`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import abort, flash, redirect
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField, IntegerField
from wtforms.validators import Optional
from wtforms.widgets import HiddenInput

from .extensions import db
from .models import FormSubmission, Jobseeker

CONFLICT_MESSAGE = _l(
    "Iemand anders heeft dit net veranderd. Je wijzigingen zijn nog niet opgeslagen. "
    "Bekijk de nieuwe gegevens en sla daarna opnieuw op."
)
FAILED_MESSAGE = _l("Opslaan lukte niet door een storing. Er is niets opgeslagen. Probeer het nog een keer.")


def jobseeker_or_404(jobseeker_id) -> Jobseeker:
    """A person's profile for a staff page; an erased (anonymised) profile answers 404 like one that never was."""
    person = db.get_or_404(Jobseeker, jobseeker_id)
    if person.erased_at is not None:
        abort(404)
    return person


def new_form_token():
    return secrets.token_urlsafe(24)


class OnceOnlyForm(FlaskForm):
    """A form that is saved at most once (double click, resent form) and knows the version it was loaded from."""

    form_token = HiddenField(default=new_form_token)
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])


def versions_match(form, obj) -> bool:
    """False (and an error on the form) when `obj` changed since the form was loaded."""
    if obj is None or form.version.data is None or obj.version is None:
        return True
    if int(form.version.data) != int(obj.version):
        form.form_errors.append(CONFLICT_MESSAGE)
        return False
    return True


def previous_result(form):
    """The page a first submission of this very form led to, if it was already saved."""
    token = getattr(form, "form_token", None) and form.form_token.data
    if not token:
        return None
    # No autoflush: the caller's pending changes are written by commit_form inside its error handling, not here.
    with db.session.no_autoflush:
        row = db.session.scalar(select(FormSubmission).where(FormSubmission.token == token))
    return row.result_url if row else None


@dataclass
class Outcome:
    status: str  # ok | duplicate | conflict | failed
    url: str | None = None

    @property
    def ok(self):
        return self.status == "ok"

    @property
    def duplicate(self):
        return self.status == "duplicate"


def commit_form(form, result_url=None) -> Outcome:
    """Commit the session as one transaction, recording the form's one-time token with it."""
    token = getattr(form, "form_token", None) and form.form_token.data
    if token:
        earlier = previous_result(form)
        if earlier is not None:
            db.session.rollback()
            return Outcome("duplicate", earlier)
        user_id = current_user.id if current_user and current_user.is_authenticated else None
        db.session.add(FormSubmission(token=token[:64], user_id=user_id, result_url=result_url))
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        form.form_errors.append(CONFLICT_MESSAGE)
        return Outcome("conflict")
    except IntegrityError:
        db.session.rollback()
        earlier = previous_result(form) if token else None
        if earlier is not None:
            return Outcome("duplicate", earlier)
        form.form_errors.append(FAILED_MESSAGE)
        return Outcome("failed")
    except SQLAlchemyError:
        db.session.rollback()
        form.form_errors.append(FAILED_MESSAGE)
        return Outcome("failed")
    return Outcome("ok", result_url)


def save(form, result_url, message=None):
    """The end of every form save: commit as one transaction; when saved, flash `message` and go to `result_url`; a
    form sent twice goes where the first one led. None when the form has to be shown again: it then carries the
    conflict or failure message, and the input is kept."""
    outcome = commit_form(form, result_url=result_url)
    if outcome.ok and message:
        flash(str(message), "success")
    if outcome.ok or outcome.duplicate:
        return redirect(outcome.url)
    return None


def save_changes(form, row, change, result_url, message=None):
    """Change `row` with a form loaded from it: validate, go where the first submission led when this form was saved
    already, refuse when someone else saved `row` since the form was loaded, apply `change()`, then `save`. None when the form has to be shown again; it then carries the row's
    current version, so saving again is done knowing about the other person's change."""
    if not form.validate_on_submit():
        return None
    earlier = previous_result(form)
    if earlier is not None:  # this very form was saved already (a double click): go where it led
        return redirect(earlier)
    if versions_match(form, row):
        change()
        done = save(form, result_url, message)
        if done is not None:
            return done
        db.session.refresh(row)
    form.version.data = row.version
    return None
