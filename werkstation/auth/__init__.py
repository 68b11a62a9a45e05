"""Accounts: register, log in (staff and admin with a second step), log out, and `flask auth reset-totp`."""

from . import commands  # attaches the area's flask commands to bp
from .routes import bp

__all__ = ["bp", "commands"]
