"""Buttons that change a status (pause, reopen or close a vacancy; pause or resume a jobseeker): one form, one view
helper, the same checks and messages for every row with a status and a version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import flash, redirect
from flask_babel import gettext as _
from wtforms import HiddenField

from .persistence import OnceOnlyForm, save, versions_match


class StatusForm(OnceOnlyForm):
    """A status button: the action comes from the button's form, the version from the page it was on."""

    action = HiddenField()


@dataclass(frozen=True)
class StatusChanges:
    """The status buttons of one kind of row."""

    transitions: dict  # action -> (the statuses it may come from, the new status)
    done: dict  # new status -> the message shown after the change
    not_now: object  # the message when the row's status does not allow the action

    def actions_for(self, row) -> list[str]:
        """The actions `row`'s current status allows, in the order they are listed."""
        return [action for action, (sources, _target) in self.transitions.items() if row.status in sources]


def status_form_for(row) -> StatusForm:
    """A status form carrying `row`'s version, for its page."""
    form = StatusForm(formdata=None)
    form.version.data = row.version
    return form


def apply_status_change(row, changes: StatusChanges, back_url: str, after_change: Callable) -> object:
    """Apply the pressed button to `row` and save; `after_change(old, new)` does what follows in the same
    transaction (re-scoring, the audit log). Always goes back to `back_url`, with a message."""
    form = StatusForm()
    action = form.action.data or ""
    if not form.validate_on_submit() or action not in changes.transitions:
        flash(_("Dat lukte niet. Probeer het nog een keer."), "error")
        return redirect(back_url)
    sources, target = changes.transitions[action]
    if row.status not in sources:
        flash(str(changes.not_now), "error")
        return redirect(back_url)
    if not versions_match(form, row):
        flash(str(form.form_errors[-1]), "error")
        return redirect(back_url)
    old = row.status
    row.status = target
    after_change(old, target)
    done = save(form, back_url, changes.done[target])
    if done is None:
        flash(str(form.form_errors[-1]) if form.form_errors else _("Dat lukte niet. Probeer het nog een keer."), "error")
        return redirect(back_url)
    return done
