"""Berichten: what was sent to me; for staff the call list (people without e-mail) and messages that failed."""

from flask import Blueprint

bp = Blueprint("messages", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
