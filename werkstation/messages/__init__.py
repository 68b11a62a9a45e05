"""Berichten: what was sent to me; for staff the call list (people without e-mail) and messages that failed."""

from .routes import bp

__all__ = ["bp"]
