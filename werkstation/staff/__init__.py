"""The staff workspace: review queues, decisions, proposals, the placement pipeline, meetings, the plan and impact."""

# attach the area's commands and further views to bp
from . import commands, duplicate_routes, meeting_routes, report_routes, search_routes
from .routes import bp

__all__ = ["bp", "commands", "duplicate_routes", "meeting_routes", "report_routes", "search_routes"]
