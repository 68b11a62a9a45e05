"""Fixtures: app, client, runner and a fresh database per test, on SQLite or on PostgreSQL.

SQLite (default): the migrations build a template database once; each test gets its own copy.
PostgreSQL (TEST_DATABASE_URL set): the migrations build the schema once; each test starts from empty tables.
"""

import contextvars
import os
import shutil
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, inspect, text

from werkstation import create_app
from werkstation.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def _upgrade(url):
    """Run every migration against `url` (the real Alembic chain, not create_all)."""
    from flask_migrate import upgrade

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "test"})
    with app.app_context():
        upgrade()
        db.engine.dispose()


def reset_postgres_schema(url):
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """A migrated, empty database: a file to copy (SQLite) or the test database itself (PostgreSQL)."""
    if TEST_DATABASE_URL:
        reset_postgres_schema(TEST_DATABASE_URL)
        _upgrade(TEST_DATABASE_URL)
        return TEST_DATABASE_URL
    path = tmp_path_factory.mktemp("db") / "template.sqlite"
    _upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def database_url(database_template, tmp_path):
    if TEST_DATABASE_URL:
        yield TEST_DATABASE_URL
        engine = create_engine(TEST_DATABASE_URL)
        tables = [t for t in inspect(engine).get_table_names() if t != "alembic_version"]
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        engine.dispose()
    else:
        path = tmp_path / "test.sqlite"
        shutil.copyfile(database_template, path)
        yield f"sqlite:///{path}"


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, like in production (fresh `g`, own database session).

    The test's own session then forgets what it loaded, so assertions see what the request committed.
    """

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():  # not in a thread the test started without one
            db.session.expire_all()
        return response


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret-key",
            "RATELIMIT_STORAGE_URI": "memory://",
            "SERVER_NAME": None,
        }
    )
    app.test_client_class = IsolatedClient
    app.instance_path = str(tmp_path / "instance")
    Path(app.instance_path).mkdir(exist_ok=True)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def mailbox(app):
    """A real SMTP server on 127.0.0.1; the app sends its e-mail there (Flask-Mailman's SMTP backend)."""
    from tests.mailbox import Mailbox
    from werkstation import outbox

    box = Mailbox().start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=box.port, MAIL_USE_TLS=False, MAIL_USE_SSL=False)
    outbox.configure_mail(app)
    yield box
    box.stop()


@pytest.fixture
def clock(monkeypatch):
    """The session clock, moved forward by setting `clock.offset` (seconds): idle and absolute timeouts."""
    from werkstation import security

    class Clock:
        offset = 0.0

    real = security.now
    clock = Clock()
    monkeypatch.setattr(security, "now", lambda: real() + clock.offset)
    return clock
