"""Privacy: the privacy statement, how matching works, the retention list for staff, and the
`purge`, `backup` and `restore` commands (registered at the top level: `flask --app werkstation purge`)."""

from flask import Blueprint

bp = Blueprint("privacy", __name__, cli_group=None)

from . import commands, routes  # noqa: E402,F401  (attach views and commands to bp)
