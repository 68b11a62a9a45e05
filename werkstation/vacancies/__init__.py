"""Businesses post, change, pause and close vacancies; staff enter them on a business's behalf."""

from .routes import bp

__all__ = ["bp"]
