"""Whole numbers from the outside world (ids in addresses and in CSV files), bounded in one place.

Every id column is a 32-bit INTEGER on PostgreSQL: a larger number (or one past SQLite's 64 bits) made the
database refuse the query, a server error. Here such a number is simply not an id: the address answers 404,
an id in a file gets a message (page numbers: paging.py).
"""

from werkzeug.routing import IntegerConverter, ValidationError

MAX_ID = 2**31 - 1  # the largest value of PostgreSQL's INTEGER (every id column)


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` in every route: digits only (no sign), at most MAX_ID; anything else is not a match (404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs["max"] = min(kwargs.get("max") or MAX_ID, MAX_ID)  # a route may ask for less, never for more
        super().__init__(map, *args, **kwargs)

    def to_python(self, value):
        # Only 0-9 (the pattern's \d also matches other scripts' digits); a short check also spares int() a number
        # of thousands of digits.
        if not value.isascii() or len(value.lstrip("-")) > len(str(MAX_ID)):
            raise ValidationError()
        return super().to_python(value)


def whole_number(text, low=0, high=MAX_ID):
    """`text` as an int when it is only the digits 0-9 (no sign, no spaces, no other scripts' digits) and lies
    between `low` and `high`; otherwise None."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None


def init_app(app):
    """Bound `<int:...>` in every route (call before the blueprints are registered)."""
    app.url_map.converters["int"] = BoundedIntegerConverter
