from flask import Blueprint

bp = Blueprint("jobseekers", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
