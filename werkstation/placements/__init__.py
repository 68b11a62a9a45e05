"""Proposals as businesses and jobseekers see them: say yes or no, contact details once both said yes."""

from .routes import bp

__all__ = ["bp"]
