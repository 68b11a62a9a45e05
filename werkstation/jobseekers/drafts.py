"""The intake's answers until consent: kept in the signed session cookie, never in the database before the resident
agrees, and never bigger than a browser keeps.

Browsers keep a cookie of at most 4096 bytes; a bigger one is dropped without a word, and every answer with it.
Long text in a script that takes many bytes per letter (Chinese, emoji, Arabic) could get there in the "Over jou"
step. So before a step's answers are kept, the cookie they would make is measured: over COOKIE_BUDGET, first the
half-typed input of other steps is left out (it only fills the form again after "Terug"); if it is still too big,
the step is shown again with what was typed and a message to write less. A draft on the server would need a table
of personal data from people who have not agreed yet; this limit keeps the promise "nothing stored before consent".
"""

from __future__ import annotations

from flask import request, session
from flask_babel import lazy_gettext as _l

from ..security import fits

SESSION_KEYS = {False: "intake", True: "intake_staff"}
HIDDEN_STATE = ("csrf_token", "form_token", "version", "nav")
RAW_VALUE_MAX = 1000
TOO_LONG = _l("Je antwoorden zijn samen te lang om te bewaren tot je klaar bent. Maak je tekst korter en probeer "
              "het opnieuw.")


def intake_state(on_behalf):
    state = session.get(SESSION_KEYS[on_behalf]) or {}
    return {"answers": dict(state.get("answers", {})), "raw": dict(state.get("raw", {}))}


def save_intake_state(on_behalf, state) -> bool:
    """Keep the draft in the session; False (and nothing changed) when it would make the cookie too big."""
    key = SESSION_KEYS[on_behalf]
    if not fits(key, state):
        state = {"answers": state["answers"], "raw": {}}
        if not fits(key, state):
            return False
    session[key] = state
    session.modified = True
    return True


def raw_input():
    """What the user typed on this page, to show again after going back (never stored in the database)."""
    return {
        key: [value[:RAW_VALUE_MAX] for value in request.form.getlist(key)]
        for key in request.form
        if key not in HIDDEN_STATE
    }


def too_long(form) -> None:
    """Tell the person, next to the longest text field (or above the form), that the draft is too long to keep."""
    if hasattr(form, "about"):
        form.about.errors = [*form.about.errors, TOO_LONG]
    else:
        form.form_errors.append(TOO_LONG)
