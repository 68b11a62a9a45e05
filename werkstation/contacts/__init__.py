"""The contact log and tasks of the staff workspace (per person and per business)."""

from .routes import bp

__all__ = ["bp"]
