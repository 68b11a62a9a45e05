"""Bulk import and export of vacancies and jobseekers as CSV files (staff)."""

from .routes import bp

__all__ = ["bp"]
