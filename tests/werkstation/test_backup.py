"""`flask backup PATH` and `flask restore PATH`: a restore into a fresh database gives back every table, row by row."""

import os
import shutil

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.factories import make_jobseeker, make_user, make_vacancy
from werkstation import audit
from werkstation.backup import backup, restore, table_contents
from werkstation.extensions import db
from werkstation.models import Suggestion, Vacancy


def fill(app):
    """Rows in most tables, with unicode and JSON, so the comparison means something."""
    make_user(role="admin")
    vacancy = make_vacancy(title="Bakker (m/v/x) — ‘vroege’ dienst ☕")
    jobseeker = make_jobseeker(name="Ayşe Yılmaz", about="Ik bak al 10 jaar brood.\nVroeg opstaan is geen probleem.")
    db.session.add(Suggestion(vacancy=vacancy, jobseeker=jobseeker, score=0.81, eligible=True,
                              explanation={"score": 0.81, "parts": [{"feature": "talents", "contribution": 0.3}]},
                              model_version="default-1"))
    audit.record("jobseeker.view", jobseeker, jobseeker_id=jobseeker.id)
    db.session.commit()


def test_sqlite_backup_restores_into_a_fresh_database(app, runner, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite variant")
    fill(app)
    source_url = app.config["SQLALCHEMY_DATABASE_URI"]
    path = tmp_path / "backup.sqlite"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert path.exists()
    fresh_url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    create_engine(fresh_url).dispose()  # an empty database file
    restore(path, fresh_url)
    original = table_contents(source_url)
    assert set(original) >= {"user", "business", "vacancy", "jobseeker", "suggestion", "audit_event", "alembic_version"}
    assert sum(len(rows) for rows in original.values()) > 8
    assert table_contents(fresh_url) == original


def test_sqlite_restore_replaces_changes_made_after_the_backup(app, runner, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite variant")
    fill(app)
    before = table_contents(app.config["SQLALCHEMY_DATABASE_URI"])
    path = tmp_path / "backup.sqlite"
    backup(path)
    make_vacancy(title="Na de back-up")
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert table_contents(app.config["SQLALCHEMY_DATABASE_URI"]) == before
    # The running app reads the restored data.
    assert "Na de back-up" not in [v.title for v in db.session.scalars(db.select(Vacancy))]


def test_restore_asks_before_replacing(app, runner, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite variant")
    path = tmp_path / "b.sqlite"
    backup(path)
    result = runner.invoke(args=["restore", str(path)], input="n\n")
    assert result.exit_code != 0


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="PostgreSQL variant needs TEST_DATABASE_URL")
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump not installed")
def test_postgres_backup_restores_into_a_fresh_database(app, runner, tmp_path):
    fill(app)
    source_url = app.config["SQLALCHEMY_DATABASE_URI"]
    path = tmp_path / "backup.dump"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    # named after the test database, so runs against different test databases never share the scratch one
    scratch_name = f"{make_url(source_url).database}_restore"
    scratch = make_url(source_url).set(database=scratch_name)
    admin = create_engine(make_url(source_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch_name}"'))
        conn.execute(text(f'CREATE DATABASE "{scratch_name}"'))
    try:
        scratch_url = scratch.render_as_string(hide_password=False)
        restore(path, scratch_url)
        original = table_contents(source_url)
        assert sum(len(rows) for rows in original.values()) > 8
        assert table_contents(scratch_url) == original
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch_name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def open_umask():
    """The usual umask 022, under which a plain open() makes files everyone on the machine can read."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_backup_is_readable_by_its_owner_only(app, runner, tmp_path, open_umask):
    """A backup holds everyone's personal data: mode 0600, also when it replaces an older, world-readable file."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not installed")
    fill(app)
    path = tmp_path / "backup.db"
    path.write_bytes(b"old backup")
    path.chmod(0o644)
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.stat().st_size > 1000
    assert not path.with_name(path.name + ".part").exists()
    # A second backup over the first keeps it private too.
    backup(path)
    assert path.stat().st_mode & 0o777 == 0o600
