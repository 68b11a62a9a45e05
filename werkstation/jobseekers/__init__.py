"""The intake, the jobseeker's own profile, and staff doing both on a resident's behalf."""

from . import more_hours, readable, vacancy_view  # noqa: F401  (their routes join the blueprint)
from .routes import bp

__all__ = ["bp"]
