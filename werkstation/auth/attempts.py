"""Counting login attempts so that exactly the allowed number of passwords is tried, even in parallel.

Flask-Limiter's `deduct_when` first tests the limit and only counts a failure after the response: requests sent
at the same moment all pass the test before any of them is counted, so 20 parallel guesses could try 8 passwords
where the limit says 5. Here an attempt takes its place in every limit first (one atomic increment in the shared
store: memory, or Redis with several workers) and only then is the password checked. A refused attempt and a
successful login give their place back, so only failures count, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import g, has_request_context
from limits import RateLimitItem, parse_many

from ..extensions import limiter


@dataclass(frozen=True)
class Rule:
    """Limits (e.g. "5/minute;20/hour") counted per `key()`, for requests where `applies()` is true."""

    scope: str
    limits: tuple[RateLimitItem, ...]
    key: Callable[[], str]
    applies: Callable[[], bool] = lambda: True

    @classmethod
    def of(cls, scope, limits, key, applies=None):
        return cls(scope, tuple(parse_many(limits)), key, applies or (lambda: True))


class Reservation:
    """The places an attempt took; `give_back()` when the attempt should not count."""

    def __init__(self):
        self.taken: list[tuple[RateLimitItem, tuple[str, ...]]] = []

    def give_back(self) -> None:
        for item, identifiers in self.taken:
            limiter.storage.incr(item.key_for(*identifiers), item.get_expiry(), amount=-1)
        self.taken.clear()


def reserve(rules) -> Reservation | None:
    """Count this attempt in every rule that applies; None (and nothing counted) when a limit is used up."""
    reservation = Reservation()
    if not limiter.enabled:
        return reservation
    for rule in rules:
        if not rule.applies():
            continue
        identifiers = ("attempt", rule.scope, rule.key())
        for item in rule.limits:
            reservation.taken.append((item, identifiers))
            if not limiter.limiter.hit(item, *identifiers):
                reservation.give_back()
                _remember_reset(item, identifiers)
                return None
    return reservation


def _remember_reset(item, identifiers) -> None:
    """When the used-up limit frees a place again (epoch seconds), for the "too many attempts" page."""
    if has_request_context():
        g.limit_reset_at = limiter.limiter.get_window_stats(item, *identifiers).reset_time
