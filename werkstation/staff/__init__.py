"""The staff workspace: review queues, decisions, proposals, the placement pipeline, meetings, the plan and impact."""

from . import commands, meeting_routes, search_routes  # attach the area's commands and further views to bp
from .routes import bp

__all__ = ["bp", "commands", "meeting_routes", "search_routes"]
