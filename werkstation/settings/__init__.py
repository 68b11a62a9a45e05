"""District settings an administrator keeps in the app: the district's postcodes, the cooperative, retention."""

from .routes import bp

__all__ = ["bp"]
