"""The outbox: messages written with their event, sent outside the request (see models.py and sender.py)."""

from ..extensions import mail

EML_BACKEND = "werkstation.outbox.backends"


def configure_mail(app):
    """Flask-Mailman with the MAIL_* settings; without MAIL_SERVER every e-mail becomes an .eml file."""
    app.config["MAIL_BACKEND"] = "smtp" if app.config.get("MAIL_SERVER") else EML_BACKEND
    mail.init_app(app)


def init_app(app):
    from . import commands, models  # noqa: F401  (models: the table is part of the metadata)

    configure_mail(app)
    commands.init_app(app)
