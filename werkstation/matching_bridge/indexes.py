"""Per-process live indexes: each side (every matchable jobseeker, every open vacancy) encoded once, then kept up
to date row by row.

Encoding every jobseeker costs a few hundred milliseconds per few thousand people; ranking one vacancy against
the encoded side takes milliseconds. The app keeps one `IndexCache` (made in `init_app`) with a LiveIndex per
side: a cheap aggregate query (row count, sum of version counters, latest id and update) tells whether the side
changed since the last look; if so, only rows whose (version, updated_at) differ are loaded and encoded into the
overlay, and rows that left the side are masked. When the overlay grows past REBUILD_SHARE of the side, or the
model or neighbourhood changes, the side is encoded anew.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, func, select

from ..engine import LiveIndex
from ..extensions import db
from ..models import Jobseeker, Vacancy
from .model import active_matcher
from .records import candidate_record, vacancy_record

REBUILD_SHARE = 0.2
REBUILD_MIN_ROWS = 200
SYNC_WINDOW = timedelta(minutes=5)  # rows committed later than this after they were changed are found by a full read
EXTENSION_KEY = "werkstation.matching_indexes"


@dataclass(frozen=True)
class SideSpec:
    """What differs between the two sides: which rows, how a row becomes a record, what is kept beside the index,
    how the side is encoded and how changed records enter its overlay."""

    name: str
    model: type
    to_record: Callable
    describe: Callable  # row -> what callers look up by record id (postcode, vacancy id)
    encode: Callable  # (matcher, records) -> MatchIndex
    update: Callable  # (LiveIndex, records, removed ids) -> LiveIndex

    @property
    def condition(self):
        """Which rows belong to the side (the model's `matchable`)."""
        return self.model.matchable


CANDIDATES = SideSpec(
    "candidates", Jobseeker, candidate_record, lambda j: j.postcode,
    encode=lambda matcher, records: matcher.index(records, []),
    update=lambda index, records, gone: index.updated(candidates=records, removed_candidates=gone),
)
VACANCIES = SideSpec(
    "vacancies", Vacancy, vacancy_record, lambda v: v.id,
    encode=lambda matcher, records: matcher.index([], records),
    update=lambda index, records, gone: index.updated(vacancies=records, removed_vacancies=gone),
)


@dataclass(frozen=True)
class Side:
    """One side as encoded: the index and what it reflects."""

    key: tuple  # database, model version, neighbourhood: a change means a rebuild
    state: tuple  # the aggregate state the index reflects
    index: LiveIndex | None
    marks: dict  # row id -> (version, updated_at) as encoded
    info: dict  # record id -> what describe() keeps beside the index (postcode, vacancy id)


def _mark(row):
    """What tells that a row changed: its version counter and update time."""
    return row.version, row.updated_at


def _side_state(spec):
    model = spec.model
    row = db.session.execute(
        select(func.count(model.id), func.sum(model.version), func.max(model.id), func.max(model.updated_at))
        .where(spec.condition)
    ).one()
    return tuple(str(value) for value in row)


def _build_side(spec, key, state, matcher):
    # populate_existing: rows this session loaded earlier are read again, not taken as they were then
    rows = db.session.scalars(
        select(spec.model).where(spec.condition).order_by(spec.model.id).execution_options(populate_existing=True)
    ).all()
    index = LiveIndex(spec.encode(matcher, [spec.to_record(r) for r in rows])) if rows else None
    return Side(key, state, index, {r.id: _mark(r) for r in rows}, {str(r.id): spec.describe(r) for r in rows})


def _recent_marks(spec, side, state):
    """The side's marks from the rows updated lately (since shortly before the newest row the index has seen), or
    None when they do not add up to the aggregate state (a long transaction, a deleted row): then read them all."""
    model = spec.model
    newest = max((m[1] for m in side.marks.values() if m[1] is not None), default=None)
    if newest is None:
        return None
    recent = db.session.execute(
        select(model.id, model.version, model.updated_at, and_(spec.condition).label("matchable"))
        .where(model.updated_at >= newest - SYNC_WINDOW)
    )
    marks = dict(side.marks)
    for row in recent:
        if row.matchable:
            marks[row.id] = _mark(row)
        else:
            marks.pop(row.id, None)
    if not marks:
        return None
    implied = (len(marks), sum(m[0] for m in marks.values()), max(marks), max(m[1] for m in marks.values()))
    return marks if tuple(str(value) for value in implied) == state else None


def _sync_side(spec, side, key, state, matcher):
    model = spec.model
    marks = _recent_marks(spec, side, state)
    if marks is None:
        marks = {row.id: _mark(row) for row in
                 db.session.execute(select(model.id, model.version, model.updated_at).where(spec.condition))}
    if not marks:
        return Side(key, state, None, {}, {})
    changed = [rid for rid, mark in marks.items() if side.marks.get(rid) != mark]
    removed = [rid for rid in side.marks if rid not in marks]
    if side.index.overlay_size + len(changed) + len(removed) > max(REBUILD_MIN_ROWS, REBUILD_SHARE * len(marks)):
        return _build_side(spec, key, state, matcher)
    rows = db.session.scalars(
        select(model).where(model.id.in_(changed)).execution_options(populate_existing=True)
    ).all() if changed else []
    records = [spec.to_record(r) for r in rows]
    if not side.index.covers(records):  # e.g. the first person with a forklift certificate
        return _build_side(spec, key, state, matcher)
    gone = {str(rid) for rid in removed}
    info = {k: v for k, v in side.info.items() if k not in gone} | {str(r.id): spec.describe(r) for r in rows}
    new_marks = {rid: m for rid, m in side.marks.items() if rid in marks} | {r.id: _mark(r) for r in rows}
    return Side(key, state, spec.update(side.index, records, gone), new_marks, info)


class IndexCache:
    """The encoded sides of one app (one per process): `get(spec)` brings a side up to date and hands it out."""

    def __init__(self):
        self._sides: dict[str, Side] = {}
        self._lock = threading.Lock()

    def get(self, spec: SideSpec):
        """(LiveIndex over the side, its lookup table), brought up to date with the database; (None, {}) when the
        side is empty."""
        matcher = active_matcher()
        key = (str(db.engine.url), matcher.model_version, tuple(matcher.resident_pc4 or ()))
        state = _side_state(spec)
        with self._lock:
            side = self._sides.get(spec.name)
            if side is None or side.key != key or side.index is None:
                side = _build_side(spec, key, state, matcher)
            elif side.state != state:
                side = _sync_side(spec, side, key, state, matcher)
            self._sides[spec.name] = side
        return side.index, side.info

    def side(self, name: str) -> Side | None:
        """The side as last encoded (None before first use)."""
        return self._sides.get(name)

    def reset(self) -> None:
        """Forget every encoded side: the next use encodes it anew."""
        with self._lock:
            self._sides.clear()


def init_app(app):
    """Give the app its own index cache."""
    app.extensions[EXTENSION_KEY] = IndexCache()


def index_cache() -> IndexCache:
    """The current app's index cache."""
    return current_app.extensions[EXTENSION_KEY]


def candidate_index():
    """(LiveIndex over every matchable jobseeker, {jobseeker id: postcode}); (None, {}) when nobody is matchable."""
    return index_cache().get(CANDIDATES)


def vacancy_index():
    """(LiveIndex over every open vacancy, {record id: vacancy id}); (None, {}) when none is open."""
    return index_cache().get(VACANCIES)


def warm_indexes() -> None:
    """Encode both sides now (a new server process does this as it starts)."""
    candidate_index()
    vacancy_index()
    db.session.rollback()
