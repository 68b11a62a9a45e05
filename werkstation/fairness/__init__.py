"""The fairness monitor: voluntary self-description by jobseekers, selection rates per group for staff.

Nothing here is ever read by the matching bridge, matching or the business views.
"""

from .routes import bp

__all__ = ["bp"]
