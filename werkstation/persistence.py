"""Saving a form: one transaction, never half-written, never twice, never over someone else's change.

Every form save ends in `save` (a new row) or `save_changes` (a row the form was loaded from, with its version):

    form = VacancyForm()                        # an OnceOnlyForm: it carries `form_token` and `version`
    done = save_changes(form, vacancy, lambda: form.populate_vacancy(vacancy), url_for(...), _("Opgeslagen."))
    if done is not None:
        return done                             # saved (or saved before: a double click), flashed, redirected
    return render_template(...)                 # the input stays, with the error or the conflict message

Underneath, `commit_form` commits the session as one transaction and says how it went (`Outcome`). A button on a
page (no form to show again) ends in `save_or_back`; a write that is no form save (a log entry while showing a page,
a login) ends in `commit`. Views never call `db.session.commit()` themselves (tests/werkstation/test_code_shape.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import HiddenField, IntegerField
from wtforms.validators import Optional
from wtforms.widgets import HiddenInput

from .extensions import db
from .forms import Form
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


class OnceOnlyForm(Form):
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


def is_conflict(error) -> bool:
    """A write that lost against a parallel one: a unique row that now exists, a row changed since it was read
    (its version), or the database refusing one of two transactions (PostgreSQL serialization failure or
    deadlock; SQLite locked for longer than its wait)."""
    if isinstance(error, StaleDataError):
        return True
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    text = str(getattr(error, "orig", ""))
    if isinstance(error, IntegrityError):  # unique, or a row referred to that was just removed; not a missing value
        return code in ("23505", "23503") or text.startswith(("UNIQUE constraint", "FOREIGN KEY constraint"))
    if isinstance(error, OperationalError):
        return code in ("40001", "40P01") or "database is locked" in text
    return False


def commit_form(form, result_url=None, change=None) -> Outcome:
    """Apply `change()` (if given) and commit the session as one transaction, recording the form's one-time token
    with it. A conflict with a parallel save, also one raised while `change()` writes, becomes the conflict message
    on the form (or, for the same form sent twice, the page the first submission led to); never an error page."""
    token = getattr(form, "form_token", None) and form.form_token.data
    try:
        if change is not None:
            change()
        if token:
            earlier = previous_result(form)
            if earlier is not None:
                db.session.rollback()
                return Outcome("duplicate", earlier)
            user_id = current_user.id if current_user and current_user.is_authenticated else None
            db.session.add(FormSubmission(token=token[:64], user_id=user_id, result_url=result_url))
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        earlier = previous_result(form) if token and is_conflict(error) else None
        if earlier is not None:  # the same form sent twice at the same moment: this one lost
            return Outcome("duplicate", earlier)
        if is_conflict(error):
            form.form_errors.append(CONFLICT_MESSAGE)
            return Outcome("conflict")
        form.form_errors.append(FAILED_MESSAGE)
        return Outcome("failed")
    return Outcome("ok", result_url)


def save(form, result_url, message=None, change=None):
    """The end of every form save: apply `change()` and commit as one transaction; when saved, flash `message` and
    go to `result_url`; a form sent twice goes where the first one led. None when the form has to be shown again: it
    then carries the conflict or failure message, and the input is kept."""
    outcome = commit_form(form, result_url=result_url, change=change)
    if outcome.ok and message:
        flash(str(message), "success")
    if outcome.ok or outcome.duplicate:
        return redirect(outcome.url)
    return None


def save_or_back(form, result_url, message=None, change=None, back_url=None):
    """`save` for a button on a page (no form to show again): a conflict or failure is flashed, and the page
    `back_url` (default `result_url`) is shown again."""
    done = save(form, result_url, message, change)
    if done is not None:
        return done
    flash(str(form.form_errors[-1]) if form.form_errors else str(FAILED_MESSAGE), "error")
    return redirect(back_url or result_url)


def commit():
    """Commit the session as one transaction, for a write that is not a form shown again on failure: a log entry
    made while showing a page, a link used up, a login. A parallel write that won makes this one roll back and
    answer the conflict page (409, `conflict_page`); any other database error is a server error."""
    db.session.commit()


def conflict_page(error):
    """Safety net for a parallel save that lost outside `save` (a write flushed early): the plain conflict message
    with 409, as in the sequential case; anything else stays a server error."""
    db.session.rollback()
    if not is_conflict(error):
        raise error
    current_app.logger.warning("conflicting parallel save: %s", type(error).__name__)
    return render_template("errors/error.html", code=409, message=CONFLICT_MESSAGE), 409


def init_app(app):
    app.register_error_handler(SQLAlchemyError, conflict_page)


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
        done = save(form, result_url, message, change)
        if done is not None:
            return done
        db.session.refresh(row)
    form.version.data = row.version
    return None
