"""Privacy: the privacy statement, how matching works, the retention list for staff, and the
`purge`, `backup` and `restore` commands (registered at the top level: `flask --app werkstation purge`)."""

from . import commands  # attaches the area's flask commands to bp
from .routes import bp

__all__ = ["bp", "commands"]
