"""A form sent after the session ended (away too long) or after its form expired keeps what was typed.

Without a valid session the CSRF check refuses the form before any page sees it. Instead of a bare error page,
what was typed (never passwords or codes) waits in the session cookie, within the cookie's size limit
(jobseekers/drafts.py), for the person it belongs to: whoever was logged in when the session ended. They log in
again (if their session ended) and get a page with their text and one button that sends the form again, with a
fresh token; the form's own page then saves it or shows its usual messages, with the text in the fields.
Someone else logging in on the same computer never sees it, and logging out forgets it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import redirect, render_template, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from ..access import public
from ..errors import render_error
from ..security import ENDED_FOR, fits
from .routes import bp
from .sessions import safe_next

PENDING_FORM = "pending_form"
NEVER_KEPT = ("csrf_token", "password", "code")
HIDDEN = ("form_token", "version", "nav")


def _kept_fields():
    return [(name, value) for name, value in request.form.items(multi=True)
            if not any(word in name for word in NEVER_KEPT)]


def _from_this_site() -> bool:
    """Only a form sent from one of our own pages is kept: a form another site sends in a visitor's browser (a CSRF
    attempt) gets the plain error page, and its fields never reach the visitor's session."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    for header in ("Origin", "Referer"):
        sent = request.headers.get(header)
        if sent and urlsplit(sent).netloc != request.host:
            return False
    return True


def _owner():
    return current_user.id if current_user.is_authenticated else session.get(ENDED_FOR)


def form_expired(error):
    """CSRFError handler: keep the typed text and show it again (after logging in, when the session ended)."""
    target = safe_next(request.full_path.rstrip("?"))
    # Only one of our forms, sent from one of our pages: it has a token (an old one); a post without any is not.
    if request.method != "POST" or target is None or not request.form.get("csrf_token") or not _from_this_site():
        return render_error(error)
    pending = {"path": target, "fields": _kept_fields(), "for": _owner()}
    if not fits(PENDING_FORM, pending):
        pending["fields"] = []  # too much text for a cookie: the page still says what happened
    session[PENDING_FORM] = pending
    if pending["for"] is not None and not current_user.is_authenticated:  # the message says why (security.py)
        return redirect(url_for("auth.login", next=url_for("auth.resume_form")))
    return redirect(url_for("auth.resume_form"))


@bp.route("/formulier-terug")
@public
def resume_form():
    """What was typed in a form that could not be sent, with a button to send it again."""
    pending = session.get(PENDING_FORM)
    if not isinstance(pending, dict) or safe_next(pending.get("path")) is None:
        return redirect(url_for("main.index"))
    if pending.get("for") is not None and not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=url_for("auth.resume_form")))
    session.pop(PENDING_FORM)
    if pending.get("for") is not None and pending["for"] != current_user.id:
        return redirect(url_for("main.dashboard"))  # typed by someone else on this computer: forgotten
    fields = [(str(name), str(value)) for name, value in pending.get("fields", [])]
    return render_template("auth/resume_form.html", path=pending["path"], fields=fields,
                           shown=[value for name, value in fields if value.strip() and name not in HIDDEN])


def init_app(app):
    app.register_error_handler(CSRFError, form_expired)
