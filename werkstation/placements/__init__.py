"""Proposals as businesses and jobseekers see them: say yes or no, contact details once both said yes."""

from flask import Blueprint

bp = Blueprint("placements", __name__, url_prefix="/plaatsingen")

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
