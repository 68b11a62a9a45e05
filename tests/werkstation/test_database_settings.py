"""Both databases behave alike: foreign keys cascade on SQLite too, and SQLite runs in write-ahead-log mode so
several server workers can read while one writes."""

import pytest
from sqlalchemy import func, select, text

from tests.factories import make_jobseeker, make_vacancy
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Suggestion, Vacancy


def test_deleting_a_vacancy_removes_its_suggestions_on_every_database(app):
    vacancy = make_vacancy()
    make_jobseeker()
    matching_bridge.rescore(vacancy)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) == 1
    db.session.execute(Vacancy.__table__.delete().where(Vacancy.id == vacancy.id))  # the database's own cascade
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Suggestion)) == 0


def test_sqlite_uses_write_ahead_logging_and_waits_for_locks(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings; on PostgreSQL the cascade test above covers what matters")
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
