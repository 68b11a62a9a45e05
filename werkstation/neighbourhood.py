"""Who lives in the neighbourhood: a postcode whose PC4 is one of the NEIGHBOURHOOD_PC4 setting's codes."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func


def pc4_codes() -> tuple[str, ...]:
    """The PC4 codes that count as the neighbourhood."""
    return tuple(current_app.config.get("NEIGHBOURHOOD_PC4", ()))


def lives_here(postcode) -> bool:
    """Whether a postcode lies in the neighbourhood."""
    return (postcode or "")[:4] in pc4_codes()


def lives_here_condition(postcode_column):
    """The same test as a query condition on a postcode column."""
    return func.substr(postcode_column, 1, 4).in_(pc4_codes())
