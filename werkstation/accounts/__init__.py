"""Accounts: forgotten passwords, one-time codes from staff, changing the password or e-mail address, and
deactivating accounts (admins, and `flask --app werkstation auth deactivate EMAIL`)."""

from . import commands, signup, staff_routes  # attach the commands, the sign-up link and the staff views
from .routes import bp

__all__ = ["bp", "commands", "signup", "staff_routes"]
