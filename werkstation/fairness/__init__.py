"""The fairness monitor: voluntary self-description by jobseekers, selection rates per group for staff.

Nothing here is ever read by the matching bridge, matching or the business views.
"""

from flask import Blueprint

bp = Blueprint("fairness", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
