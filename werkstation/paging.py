"""One page of a list, from the `page` in the address.

A page number that is not a number, below 1 or absurdly large (typed or tampered with) shows the first page or an
empty last page, never a server error: databases refuse an offset that does not fit in 64 bits.
"""

from flask import request

from .extensions import db

MAX_PAGE = 100_000


def page_number() -> int:
    """The asked page, between 1 and MAX_PAGE."""
    raw = request.args.get("page", "")
    if not raw.isascii() or not raw.isdigit():
        return 1
    return max(1, min(int(raw[:7]), MAX_PAGE))


def paginate(query, per_page, **options):
    """`db.paginate` with a safe page number."""
    return db.paginate(query, page=page_number(), per_page=per_page, error_out=False, **options)
