"""The intake, the jobseeker's own profile, and staff doing both on a resident's behalf."""

from . import readable  # noqa: F401  (its routes join the blueprint)
from .routes import bp

__all__ = ["bp"]
