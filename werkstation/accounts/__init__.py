"""Accounts: forgotten passwords, one-time codes from staff, changing the password or e-mail address, and
deactivating accounts (admins, and `flask --app werkstation auth deactivate EMAIL`)."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)

from . import commands, routes, staff_routes  # noqa: E402,F401  (attach views and commands)
