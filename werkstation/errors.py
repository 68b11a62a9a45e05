"""Error pages with templates under templates/errors/; the 500 handler rolls the session back."""

from flask import render_template
from flask_babel import lazy_gettext as _l

from .extensions import db

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


def init_app(app):
    for code in MESSAGES:
        app.register_error_handler(code, render_error)
