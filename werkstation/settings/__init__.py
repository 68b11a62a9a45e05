"""What an administrator keeps in the app: the district's postcodes, the cooperative, retention, the scoring model."""

from . import learning  # attach the learning page to bp
from .routes import bp

__all__ = ["bp", "learning"]
