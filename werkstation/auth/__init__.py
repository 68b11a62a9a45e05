"""Accounts: register, log in (staff and admin with a second step), log out, and `flask auth reset-totp`."""

from . import commands, expired_forms  # attach the area's flask commands and the page of a form kept to bp
from .routes import bp

__all__ = ["bp", "commands", "expired_forms"]
