"""Load benchmark: gunicorn (2 workers) on 127.0.0.1 against a scratch database with 5,000 jobseekers and
500 vacancies; 20 concurrent users for a bounded time: staff reviewing the queue, businesses posting vacancies
(and seeing the result page), jobseekers changing their profile. Each user waits 1-3 s between actions (reading,
filling in), as locust's ``between(1, 3)``; ``--think 0`` removes the waits and measures throughput at saturation.
Reports requests/s, p50/p95/p99 latency per kind, errors and lost writes.

    .venv/bin/python -m bench.load                      # PostgreSQL scratch database werkstation_bench
    .venv/bin/python -m bench.load --sqlite             # SQLite file in a temporary folder
    .venv/bin/python -m bench.load --duration 60 --users 20 --max-requests 50000
    .venv/bin/python -m bench.load --think 0            # no waits: every user fires as fast as answers come

Only 127.0.0.1 is contacted. The run stops at --duration seconds or --max-requests requests, whichever is first.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess  # noqa: S404 (starts gunicorn with a fixed argument list)
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import pyotp

ROOT = Path(__file__).resolve().parent.parent
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
FORM_TOKEN_RE = re.compile(r'name="form_token"[^>]*value="([^"]+)"')
VERSION_RE = re.compile(r'name="version"[^>]*value="([^"]*)"')
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/werkstation_bench"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One user: a cookie jar and no automatic redirects, so each request is measured on its own; between actions
    the user thinks (reads the page, fills in the form) for a random time in ``think`` seconds, like locust's
    ``between(a, b)``; (0, 0) sends the next request as soon as the last answer arrived."""

    def __init__(self, base, stats, ready, think=(0.0, 0.0), rng=None):
        self.base = base
        self.stats = stats
        self.ready = ready
        self.think_range = think
        self.rng = rng or random.Random(0)  # noqa: S311 (load mix, not security)
        self.recording = False
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, kind, path, data=None, expect=(200,), record=True):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)  # noqa: S310 (http://127.0.0.1 only)
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=30) as response:
                status, text, location = response.status, response.read().decode(), response.headers.get("Location")
        except urllib.error.HTTPError as error:
            status, text, location = error.code, error.read().decode(errors="replace"), error.headers.get("Location")
        except (urllib.error.URLError, OSError) as error:
            status, text, location = 0, str(error), None
        elapsed = time.perf_counter() - start
        ok = status in expect
        if record and self.recording:
            self.stats.add(kind, elapsed, ok, status)
        return status, text, location

    def think(self):
        low, high = self.think_range
        if high > 0:
            time.sleep(self.rng.uniform(low, high))

    def follow(self, kind, location):
        """Load the page a successful post redirects to, as a browser does."""
        if location:
            path = urllib.parse.urlsplit(location)
            self.request(kind, path.path + (f"?{path.query}" if path.query else ""))

    def warmed_up(self):
        """Logged in and every page loaded once: wait for the others, then measure."""
        self.ready.wait()
        self.recording = True


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)
        self.errors = defaultdict(int)
        self.error_samples = defaultdict(list)
        self.total = 0

    def add(self, kind, elapsed, ok, status):
        with self.lock:
            self.total += 1
            self.latencies[kind].append(elapsed)
            if not ok:
                self.errors[kind] += 1
                if len(self.error_samples[kind]) < 5:
                    self.error_samples[kind].append(status)


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(url, jobseekers, vacancies):
    """Create the scratch database, run the migrations and seed the scaled demo data."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    from flask_migrate import upgrade

    from bench.seed_scaled import seed_scaled
    from werkstation import create_app
    from werkstation.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-seed"})
    with app.app_context():
        upgrade()
        counts = seed_scaled(jobseekers=jobseekers, vacancies=vacancies)
        from sqlalchemy import select

        from werkstation.models import Suggestion

        review_ids = sorted(set(db.session.scalars(select(Suggestion.vacancy_id))))
        db.engine.dispose()
    return counts, review_ids


def existing_database(url):
    """Counts and reviewable vacancies of a database kept from an earlier run (--keep)."""
    from sqlalchemy import create_engine, func, select

    from werkstation.models import Jobseeker, Suggestion, Vacancy

    engine = create_engine(url)
    with engine.connect() as conn:
        counts = {"vacancies": conn.execute(select(func.count()).select_from(Vacancy)).scalar(),
                  "jobseekers": conn.execute(select(func.count()).select_from(Jobseeker)).scalar()}
        review_ids = sorted(set(conn.execute(select(Suggestion.vacancy_id)).scalars()))
    engine.dispose()
    return counts, review_ids


def start_gunicorn(url, port, workers, threads, secret):
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=secret, WERKSTATION_ENV="production",
               SESSION_COOKIE_SECURE="0")
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(  # noqa: S603
        [gunicorn, "-w", str(workers), "--threads", str(threads), "-b", f"127.0.0.1:{port}", "--timeout", "60",
         "werkstation:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:  # noqa: S310
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("gunicorn did not start: " + process.stderr.read().decode()[-2000:])


def login(browser, email, password, totp_secret=None):
    _s, html, _l = browser.request("login", "/inloggen", record=False)
    token = CSRF_RE.search(html).group(1)
    status, _t, location = browser.request(
        "login", "/inloggen", {"email": email, "password": password, "csrf_token": token}, expect=(302,),
        record=False,
    )
    if status == 302 and location and location.endswith("/inloggen/code"):
        _s, html, _l = browser.request("login", "/inloggen/code", record=False)
        token = CSRF_RE.search(html).group(1)
        status, _t, location = browser.request(
            "login", "/inloggen/code", {"code": pyotp.TOTP(totp_secret).now(), "csrf_token": token},
            expect=(302,), record=False,
        )
    if status != 302:
        raise RuntimeError(f"login failed for {email}: {status}")


def staff_user(browser, n, stop, review_ids, rng, outcome):
    from bench.seed_scaled import BENCH_PASSWORD, BENCH_TOTP_SECRET

    login(browser, f"bench-staff{n}@werkstation-bench.nl", BENCH_PASSWORD, BENCH_TOTP_SECRET)
    for vacancy_id in rng.sample(review_ids, min(3, len(review_ids))):
        browser.request("warm-up", f"/medewerker/vacatures/{vacancy_id}")
    browser.warmed_up()
    while not stop():
        browser.request("staff_review_queue", f"/medewerker/vacatures/{rng.choice(review_ids)}")
        browser.think()


def business_user(browser, n, stop, review_ids, rng, outcome):
    from bench.seed_scaled import BENCH_PASSWORD

    login(browser, f"bench-bedrijf{n}@werkstation-bench.nl", BENCH_PASSWORD)
    browser.request("warm-up", "/vacatures/nieuw")
    browser.warmed_up()
    i = 0
    while not stop():
        status, html, _l = browser.request("business_vacancy_form", "/vacatures/nieuw")
        if status != 200:
            continue
        browser.think()
        i += 1
        data = {
            "csrf_token": CSRF_RE.search(html).group(1), "form_token": FORM_TOKEN_RE.search(html).group(1),
            "title": f"Bench vacature {n}-{i}", "occupation_uri": "", "description": "Schoonmaken in de ochtend.",
            "hours_min": "12", "hours_max": "20", "schedule": ["mon:morning", "wed:morning"], "seats": "1",
            "start_date": "", "required_talents": ["schoonmaken"], "preferred_talents": [], "dutch_level": "A2",
            "licences": [], "certificates": [], "postcode": "",
        }
        status, _t, location = browser.request("business_vacancy_post", "/vacatures/nieuw", data, expect=(302,))
        if status == 302 and location and "/vacatures/" in location:
            with outcome["lock"]:
                outcome["vacancies_posted"] += 1
            browser.follow("business_vacancy_page", location)  # "N mensen uit de wijk passen goed"
        elif status == 0:
            with outcome["lock"]:
                outcome["unanswered_posts"] += 1
        browser.think()


def jobseeker_user(browser, n, stop, review_ids, rng, outcome):
    from bench.seed_scaled import BENCH_PASSWORD

    email = f"bench-werkzoekende{n}@werkstation-bench.nl"
    login(browser, email, BENCH_PASSWORD)
    browser.request("warm-up", "/profiel/wijzigen/uren")
    browser.warmed_up()
    while not stop():
        status, html, _l = browser.request("jobseeker_profile_form", "/profiel/wijzigen/uren")
        if status != 200:
            continue
        browser.think()
        hours_min = rng.choice([4, 8, 12, 16])
        hours_max = hours_min + rng.choice([4, 8, 12])
        data = {
            "csrf_token": CSRF_RE.search(html).group(1), "form_token": FORM_TOKEN_RE.search(html).group(1),
            "version": VERSION_RE.search(html).group(1), "hours_min": str(hours_min), "hours_max": str(hours_max),
            "availability": ["mon:morning", "tue:afternoon", "thu:morning"],
        }
        status, _t, location = browser.request("jobseeker_profile_post", "/profiel/wijzigen/uren", data,
                                               expect=(302,))
        if status == 302:
            with outcome["lock"]:
                outcome["profile_edits"] += 1
                outcome["last_hours"][email] = (hours_min, hours_max)
            browser.follow("jobseeker_profile_page", location)
        elif status == 0:
            with outcome["lock"]:
                outcome["unanswered_posts"] += 1
                outcome["last_hours"].pop(email, None)  # unknown whether it was saved; skip the final check
        browser.think()


def row_counts(url):
    """(vacancies, profile-change audit events) in the database."""
    from sqlalchemy import create_engine, func, select

    from werkstation.models import AuditEvent, Vacancy

    engine = create_engine(url)
    with engine.connect() as conn:
        vacancies = conn.execute(select(func.count()).select_from(Vacancy)).scalar()
        updates = conn.execute(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "jobseeker.update")
        ).scalar()
    engine.dispose()
    return vacancies, updates


def verify(url, before, outcome):
    """Rows saved must equal successful posts: vacancies created and profile changes logged."""
    from sqlalchemy import create_engine, select

    from werkstation.models import Jobseeker, User

    vacancies, updates = row_counts(url)
    vacancies -= before[0]
    updates -= before[1]
    engine = create_engine(url)
    with engine.connect() as conn:
        wrong_final = 0
        for email, (hours_min, hours_max) in outcome["last_hours"].items():
            row = conn.execute(
                select(Jobseeker.hours_min, Jobseeker.hours_max).join(User, Jobseeker.user_id == User.id)
                .where(User.email == email)
            ).one()
            wrong_final += tuple(row) != (hours_min, hours_max)
    engine.dispose()
    posted = outcome["vacancies_posted"] + outcome["profile_edits"]
    saved = vacancies + updates
    return {
        "vacancies_saved": vacancies, "vacancies_posted": outcome["vacancies_posted"],
        "profile_updates_saved": updates, "profile_edits_posted": outcome["profile_edits"],
        "profiles_with_wrong_final_value": wrong_final,
        # A confirmed post (302) whose row is missing is a lost write; a post the client gave up on (timeout)
        # may still have been saved by the server: those are counted apart, never as lost.
        "lost_writes": max(0, outcome["vacancies_posted"] - vacancies) + max(0, outcome["profile_edits"] - updates)
        + wrong_final,
        "unanswered_posts": outcome["unanswered_posts"],
        "saved_without_answer": max(0, saved - posted),
        "extra_rows_beyond_unanswered": max(0, saved - posted - outcome["unanswered_posts"]),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help=f"scratch database (default {DEFAULT_PG})")
    parser.add_argument("--sqlite", action="store_true", help="use a SQLite file in a temporary folder")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (after warm-up)")
    parser.add_argument("--max-requests", type=int, default=50000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per gunicorn worker (gthread); 1 = plain sync workers")
    parser.add_argument("--think", default="1,3",
                        help="think time between actions in seconds, 'MIN,MAX' (default 1,3); 0 = none (saturation)")
    parser.add_argument("--jobseekers", type=int, default=5000)
    parser.add_argument("--vacancies", type=int, default=500)
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", action="store_true", help="use the kept scratch database as it is (no seeding)")
    args = parser.parse_args(argv)

    think = tuple(float(x) for x in args.think.split(","))
    think = (think[0], think[-1])
    tmp = None
    if args.sqlite:
        tmp = tempfile.TemporaryDirectory()
        url = f"sqlite:///{tmp.name}/bench.sqlite"
    else:
        url = args.database_url or DEFAULT_PG
    t0 = time.perf_counter()
    if args.reuse:
        counts, review_ids = existing_database(url)
    else:
        counts, review_ids = prepare_database(url, args.jobseekers, args.vacancies)
    print(f"seeded {counts} in {time.perf_counter() - t0:.1f}s; {len(review_ids)} vacancies with suggestions")

    before = row_counts(url)
    port = free_port()
    server = start_gunicorn(url, port, args.workers, args.threads, secrets.token_hex(16))
    base = f"http://127.0.0.1:{port}"
    stats = Stats()
    outcome = {"vacancies_posted": 0, "profile_edits": 0, "unanswered_posts": 0, "last_hours": {},
               "lock": threading.Lock()}
    roles = [staff_user] * round(args.users * 0.4) + [business_user] * round(args.users * 0.3)
    roles += [jobseeker_user] * (args.users - len(roles))
    counters = defaultdict(int)
    threads = []
    load_start = {}

    def begin():
        load_start["t"] = time.time()
        deadline["t"] = load_start["t"] + args.duration

    ready = threading.Barrier(len(roles), action=begin)
    deadline = {"t": None}

    def stop():
        return (deadline["t"] is not None and time.time() > deadline["t"]) or stats.total >= args.max_requests

    failures = []
    try:
        for i, role in enumerate(roles):
            n = counters[role.__name__]
            counters[role.__name__] += 1
            rng = random.Random(i)  # noqa: S311 (load mix, not security)

            def run(role=role, n=n, rng=rng, i=i):
                try:
                    role(Browser(base, stats, ready, think, random.Random(1000 + i)),  # noqa: S311
                         n, stop, review_ids, rng, outcome)
                except Exception as error:  # noqa: BLE001 (reported below)
                    failures.append(f"{role.__name__} {n}: {error}")
                    ready.abort()

            threads.append(threading.Thread(target=run, daemon=True))
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.duration + 600)
        elapsed = time.time() - load_start.get("t", time.time())
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()

    checks = verify(url, before, outcome)
    rows = []
    for kind in sorted(stats.latencies):
        values = stats.latencies[kind]
        rows.append({
            "kind": kind, "requests": len(values), "rps": len(values) / elapsed,
            "p50_ms": 1000 * statistics.median(values), "p95_ms": 1000 * percentile(values, 95),
            "p99_ms": 1000 * percentile(values, 99), "errors": stats.errors[kind],
            "error_statuses": stats.error_samples[kind],
        })
    total_errors = sum(stats.errors.values()) + len(failures)
    print(f"\n{args.users} users ({dict(counters)}), think {think[0]:g}-{think[1]:g} s, {args.workers} gunicorn "
          f"workers x {args.threads} threads, {elapsed:.1f}s, "
          f"{stats.total} requests, {stats.total / elapsed:.1f} requests/s, {total_errors} errors")
    print(f"{'kind':26} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for r in rows:
        print(f"{r['kind']:26} {r['requests']:8d} {r['rps']:7.1f} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} "
              f"{r['p99_ms']:8.1f} {r['errors']:6d}")
    print("writes:", json.dumps(checks))
    if failures:
        print("user failures:", failures[:5])
    review = next((r for r in rows if r["kind"] == "staff_review_queue"), None)
    verdict = {
        "errors": total_errors == 0,
        "lost_writes": checks["lost_writes"] == 0 and checks["extra_rows_beyond_unanswered"] == 0,
        "staff_review_p99_le_150ms": review is not None and review["p99_ms"] <= 150,
    }
    # the verdict holds for this load only: say which, and on how many staff review requests the p99 rests
    print(f"targets (think {think[0]:g}-{think[1]:g} s, p99 over {review['requests'] if review else 0} staff review "
          f"requests):", json.dumps(verdict))
    if args.json:
        Path(args.json).write_text(json.dumps({
            "database": url.split("@")[-1], "users": args.users, "workers": args.workers, "threads": args.threads,
            "think_s": think, "seconds": elapsed,
            "seeded": counts, "total_requests": stats.total, "rps": stats.total / elapsed, "rows": rows,
            "writes": checks, "targets": verdict,
        }, indent=2))
    if not args.keep and url.startswith("postgresql"):
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        admin.dispose()
    if tmp is not None:
        tmp.cleanup()
    return 0 if all(verdict.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
