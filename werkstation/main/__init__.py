"""Home, about, language choice and one dashboard per role."""

from .routes import bp

__all__ = ["bp"]
