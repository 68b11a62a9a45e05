"""Backup and restore of the whole database.

SQLite: Python's sqlite3 online backup API (a consistent copy while the app keeps running).
PostgreSQL: `pg_dump --format=custom`, restored with `pg_restore --clean --single-transaction`.
The connection password goes to the PostgreSQL tools through the environment, never on the command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 (pg_dump/pg_restore with fixed argument lists, no shell)
from pathlib import Path

from flask import current_app
from sqlalchemy import MetaData, create_engine, inspect, select
from sqlalchemy.engine import make_url

from .extensions import db


def _url(url=None):
    return make_url(url or current_app.config["SQLALCHEMY_DATABASE_URI"])


def _sqlite_path(url) -> str:
    if not url.database or url.database == ":memory:":
        raise ValueError("an in-memory SQLite database cannot be backed up")
    return url.database


def _pg_env(url) -> dict:
    env = dict(os.environ)
    for key, value in (("PGHOST", url.host), ("PGPORT", url.port), ("PGUSER", url.username),
                       ("PGPASSWORD", url.password), ("PGDATABASE", url.database)):
        if value is not None:
            env[key] = str(value)
    return env


def _tool(name) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed; install the PostgreSQL client tools")
    return path


def _dispose():
    """Close pooled connections so the copy sees (and the app then reads) the same file/database."""
    try:
        db.engine.dispose()
    except RuntimeError:  # outside an app context
        pass


def _sqlite_copy(source, target) -> None:
    """Copy one SQLite database into another with the online backup API (consistent while others write); closes
    both connections."""
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def _private_file(path: Path) -> int:
    """A new, empty file only its owner can read and write (a backup holds everyone's personal data); an old
    file at `path` is removed first, so its permissions do not carry over. Returns an open descriptor."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)  # whatever the umask
    return fd


def backup(path, url=None) -> Path:
    """Write a consistent copy of the database at `url` (default: the app's) to `path`, readable by the owner only
    (mode 0600). The copy is written next to `path` and renamed when complete."""
    url = _url(url)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ValueError(f"backup does not support {backend}")
    tmp = path.with_name(path.name + ".part")
    fd = _private_file(tmp)
    try:
        if backend == "sqlite":
            os.close(fd)  # SQLite opens the (private) file itself; its journal gets the same mode
            _sqlite_copy(sqlite3.connect(_sqlite_path(url)), sqlite3.connect(tmp))
        else:
            with os.fdopen(fd, "wb") as out:
                subprocess.run(  # noqa: S603
                    [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl"],
                    env=_pg_env(url), check=True, stdout=out, stderr=subprocess.PIPE,
                )
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    return path


def restore(path, url=None) -> None:
    """Replace everything in the database at `url` (default: the app's) with the backup at `path`."""
    url = _url(url)
    path = Path(path)
    _dispose()
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(sqlite3.connect(f"file:{path}?mode=ro", uri=True), sqlite3.connect(_sqlite_path(url)))
    elif url.get_backend_name() == "postgresql":
        subprocess.run(  # noqa: S603
            [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction",
             "--dbname", url.database, str(path)],
            env=_pg_env(url), check=True, capture_output=True,
        )
    else:
        raise ValueError(f"restore does not support {url.get_backend_name()}")
    _dispose()


def table_contents(url) -> dict[str, list[tuple]]:
    """Every row of every table at `url`, sorted, for comparing two databases."""
    engine = create_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        contents = {}
        with engine.connect() as conn:
            for name in sorted(inspect(engine).get_table_names()):
                table = metadata.tables[name]
                rows = conn.execute(select(table)).all()
                contents[name] = sorted((tuple(row) for row in rows), key=repr)
        return contents
    finally:
        engine.dispose()
