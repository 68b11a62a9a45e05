"""Real-browser harness: the real app on a real WSGI server, Debian's Chromium driven by Playwright.

- `live_server` (session): werkzeug's threaded server on 127.0.0.1, free port, its own migrated SQLite
  database filled with the demo neighbourhood, English catalogs compiled into a temporary folder.
- `chromium_browser` (session): /usr/bin/chromium with the flags in LAUNCH_ARGS below (no outside DNS).
- `journey` (function): `journey.page(...)` opens a page in a fresh browser context whose requests are
  recorded; `journey.check("name")` saves a screenshot, runs axe-core and checks the recorder.
  Every page the journey visits must be checked; the fixture verifies that at the end.

Without Chromium the browser tests are skipped with a clear reason, unless WERKSTATION_REQUIRE_BROWSER=1
(CI), then they fail.
"""

import logging
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from tests.browser.support import Journey, chromium_path

REQUIRE = os.environ.get("WERKSTATION_REQUIRE_BROWSER") == "1"
MISSING_REASON = "Chromium niet gevonden: browser tests overgeslagen — apt-get install chromium"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"

LAUNCH_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
]


def _compile_catalogs(target: Path) -> str:
    """Compile every area's .po into `target` (so the journeys never depend on a stale .mo)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = ROOT / "werkstation" / "translations"
    dirs = []
    for area in sorted(p for p in source.iterdir() if p.is_dir()):
        for po in area.glob("*/LC_MESSAGES/messages.po"):
            out = target / area.name / po.relative_to(area)
            out.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as f:
                catalog = read_po(f)
            with out.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog)
        dirs.append(str(target / area.name))
    return ";".join(dirs)


class LiveServer:
    def __init__(self, app, server):
        self.app = app
        self.server = server
        self.url = f"http://127.0.0.1:{server.server_port}"

    def query(self, fn):
        """Run `fn()` inside the app context (read what the browser's actions stored)."""
        from werkstation.extensions import db

        with self.app.app_context():
            try:
                return fn()
            finally:
                db.session.remove()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from werkstation import create_app
    from werkstation.demo import seed_demo
    from werkstation.extensions import db

    base = tmp_path_factory.mktemp("browser")
    instance = base / "instance"
    instance.mkdir()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{base / 'journeys.sqlite'}",
            "SECRET_KEY": "browser-journeys-secret",
            # Rate limits stay on (they count failed attempts only; the journeys fail a login twice). Never
            # switch them off here: Flask-Limiter keeps `enabled` on its one shared object, for every later app.
            "RATELIMIT_STORAGE_URI": "memory://",
            "BABEL_TRANSLATION_DIRECTORIES": _compile_catalogs(base / "translations"),
            "SERVER_NAME": None,
            # Plain http on 127.0.0.1: cookies must not require https here, whatever the environment says.
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
        }
    )
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request in the test output
    app.instance_path = str(instance)
    with app.app_context():
        upgrade()
        seed_demo()
        db.session.remove()
    # The first occupation search in a process reads the index and loads the sentence encoder (seconds on a busy
    # machine); gunicorn workers do it as they start (gunicorn.conf.py), so this server does it before serving too.
    from matching.occupations import default_search

    default_search().search("kok")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="werkstation-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, server)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def chromium_browser():
    path = chromium_path()
    if path is None:
        STATS["skipped"] = MISSING_REASON
        if REQUIRE:
            pytest.fail(MISSING_REASON + " (WERKSTATION_REQUIRE_BROWSER=1: in CI moeten ze draaien)")
        pytest.skip(MISSING_REASON)
    from playwright.sync_api import sync_playwright

    args = list(LAUNCH_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, headless=True, args=args)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshot_root():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def journey(request, chromium_browser, live_server, screenshot_root):
    """One user journey: pages, screenshots under test-output/screenshots/<test name>/, checks."""
    name = re.sub(r"[^\w.-]+", "-", request.node.name.removeprefix("test_")).strip("-")
    folder = screenshot_root / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    j = Journey(name, chromium_browser, live_server, folder)
    try:
        yield j
    finally:
        j.close()
        STATS["journeys"] += 1
        STATS["screens"] += len(j.screens)
        STATS["axe_pages"] += j.axe_pages
        STATS["requests"] += sum(len(r.requests) for r in j.recorders)
    # After the test body: nothing left unchecked, nothing went outside 127.0.0.1, no server errors.
    if not hasattr(request.node, "rep_call") or request.node.rep_call.passed:
        j.assert_clean(final=True)


STATS = {"journeys": 0, "screens": 0, "axe_pages": 0, "requests": 0, "skipped": None}


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter):
    """One clear line about the browser journeys at the end of `make test`."""
    if STATS["skipped"]:
        terminalreporter.write_sep("=", "Browser journeys OVERGESLAGEN: " + STATS["skipped"], yellow=True, bold=True)
    elif STATS["journeys"]:
        terminalreporter.write_sep(
            "-",
            f"browser journeys: {STATS['journeys']} in Chromium, {STATS['screens']} screenshots "
            f"(test-output/screenshots/), axe-core on {STATS['axe_pages']} pages, "
            f"{STATS['requests']} requests, all to 127.0.0.1",
        )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, "rep_" + report.when, report)
    return report
