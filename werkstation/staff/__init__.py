"""The staff workspace: review queues, decisions, proposals, the placement pipeline, the plan and impact."""

from . import commands  # attaches the area's flask commands to bp
from .routes import bp

__all__ = ["bp", "commands"]
