"""The staff workspace: review queues, decisions, proposals, the placement pipeline, the plan and impact."""

from flask import Blueprint

# cli_group=None: the commands are `flask rematch` and `flask learn`, not `flask staff ...`.
bp = Blueprint("staff", __name__, url_prefix="/medewerker", cli_group=None)

from . import commands, meeting_routes, routes  # noqa: E402,F401  (routes attach themselves to bp)
