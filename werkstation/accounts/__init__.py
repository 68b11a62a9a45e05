"""Accounts: forgotten passwords, one-time codes from staff, changing the password or e-mail address, and
deactivating accounts (admins, and `flask --app werkstation auth deactivate EMAIL`)."""

from . import commands, staff_routes  # attach the `auth deactivate/reactivate` commands and the staff views
from .routes import bp

__all__ = ["bp", "commands", "staff_routes"]
