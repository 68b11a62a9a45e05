"""Who lives in the neighbourhood: a postcode whose PC4 is one of the district's codes (set by an administrator
in the app, else the NEIGHBOURHOOD_PC4 setting)."""

from __future__ import annotations

from sqlalchemy import func


def pc4_codes() -> tuple[str, ...]:
    """The PC4 codes that count as the neighbourhood."""
    from .settings.store import pc4_names

    return tuple(code for code, _name in pc4_names())


def lives_here(postcode) -> bool:
    """Whether a postcode lies in the neighbourhood."""
    return (postcode or "")[:4] in pc4_codes()


def lives_here_condition(postcode_column):
    """The same test as a query condition on a postcode column."""
    return func.substr(postcode_column, 1, 4).in_(pc4_codes())
