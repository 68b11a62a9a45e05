"""Error pages with templates under templates/errors/; the 500 handler rolls the session back."""

import math
import time

from flask import current_app, g, render_template, request
from flask_babel import lazy_gettext as _l

from .extensions import db, limiter

MESSAGES = {
    400: _l("Er ging iets mis met wat je stuurde. Probeer het opnieuw."),
    401: _l("Log eerst in."),
    403: _l("Je mag deze pagina niet bekijken."),
    404: _l("Deze pagina bestaat niet (meer)."),
    405: _l("Dit kan hier niet."),
    409: _l("Dit kan nu niet: iemand anders heeft dit net veranderd, of er is nog geen besluit genomen."),
    413: _l("Het bestand is te groot. Kies een bestand kleiner dan 2 MB."),
    429: _l("Te veel pogingen. Wacht even en probeer het dan opnieuw."),
    500: _l("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
}


def render_error(error):
    code = getattr(error, "code", 500) or 500
    if code >= 500:
        db.session.rollback()
    return render_template("errors/error.html", code=code, message=MESSAGES.get(code, MESSAGES[500])), code


def seconds_to_wait() -> int:
    """How long until the used-up limit lets this person try again: our own attempt counter's reset
    (auth/attempts.py keeps it on `g`), else Flask-Limiter's (the same moment its Retry-After header names)."""
    reset_at = g.get("limit_reset_at")
    if reset_at is None and limiter.current_limit is not None:
        reset_at = limiter.current_limit.window.reset_time
    if reset_at is None:
        return 60
    return max(1, math.ceil(reset_at - time.time()))


# Pages where someone already asks for help with logging in: their "too many" page offers no link back to them.
HELP_PAGES = frozenset({"accounts.forgot_password", "accounts.code_login", "accounts.reset_password",
                        "accounts.welcome"})


def render_too_many(error):
    """429: in plain words how long to wait, the way back without guessing (forgot password), and a phone number."""
    from .phones import display_phone, phone_link
    from .settings.store import cooperative_phone

    seconds = seconds_to_wait()
    phone = cooperative_phone()
    response = current_app.make_response((render_template(
        "errors/too_many.html", minutes=max(1, math.ceil(seconds / 60)), phone=display_phone(phone),
        phone_link=phone_link(phone), asking_help=request.endpoint in HELP_PAGES), 429))
    response.headers["Retry-After"] = str(seconds)
    return response


def init_app(app):
    for code in MESSAGES:
        app.register_error_handler(code, render_too_many if code == 429 else render_error)
