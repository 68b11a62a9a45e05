"""The intake, the jobseeker's own profile, and staff doing both on a resident's behalf."""

from .routes import bp

__all__ = ["bp"]
