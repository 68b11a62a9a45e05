"""Staff search benchmark: 5,000 jobseekers in a scratch database, the search page's queries timed in-process.

    .venv/bin/python -m bench.search                       # SQLite file in a temporary folder
    .venv/bin/python -m bench.search --postgres URL        # a scratch PostgreSQL database (its tables are emptied)

Each search is the page's own work: the filter form, its select(), the count and one page of 25 results (the
template is left out; it is the same for every search). Reported per search: median and worst of --repeat runs, in
milliseconds, next to a plain baseline (the page with no filter at all) from the same run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl

from werkzeug.datastructures import MultiDict

from werkstation import create_app
from werkstation.extensions import db
from werkstation.models import Jobseeker, utcnow
from werkstation.vocabulary import CERTIFICATES, DAYPARTS, LICENCES, TRAVEL_MODES, WEEKDAYS, talent_tiles

SEARCHES = {
    "no filter (baseline)": "",
    "word in name or own words": "q=ahmed",
    "licence B, tuesday morning, by bike": "licence=B&day=tue&daypart=morning&travel_mode=bike",
    "Dutch at least B1, 20 hours, VCA": "language=nl&level=B1&hours=20&certificate=VCA",
    "postcode start and status": "postcode=3526&status=available",
    "word + talent + sorted newest": "q=werk&talent=schoonmaken&sort=new",
}
FIRST = ("Ahmed", "Fatima", "Mohamed", "Sara", "Youssef", "Ayse", "Emre", "Anna", "Jan", "Noor", "Bilal", "Lotte")
LAST = ("El Amrani", "Yilmaz", "de Vries", "Bakker", "Jansen", "Ouali", "Kaya", "Smit", "Visser", "Benali")


def seed(n, rng):
    """`n` jobseekers drawn at random (names, talents, licences, languages, week, travel, postcode)."""
    talents = [t["talent"] for t in talent_tiles()]
    people = []
    for i in range(n):
        week = {d: rng.sample(DAYPARTS, rng.randint(1, 3)) for d in rng.sample(WEEKDAYS, rng.randint(1, 5))}
        people.append(Jobseeker(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}", postcode=f"{rng.choice(('3526', '3525', '3527', '3521'))} KL",
            talents=rng.sample(talents, 4), about=rng.choice(("Ik wil graag werken.", "Ik heb in de zorg gewerkt.", "")),
            licences=rng.sample(LICENCES, rng.randint(0, 2)), certificates=rng.sample(CERTIFICATES, rng.randint(0, 2)),
            languages={"nl": rng.choice(("A1", "A2", "B1", "B2", "C1")), "ar": "C2"}, availability=week,
            hours_min=8, hours_max=rng.choice((12, 16, 24, 32, 40)), travel_mode=rng.choice(TRAVEL_MODES),
            status=rng.choice(("available", "available", "paused")), consent_at=utcnow(), consent_version="bench",
        ))
    db.session.add_all(people)
    db.session.commit()


def run_search(app, query, per_page=25):
    from werkstation.staff.search import JobseekerSearchForm

    with app.test_request_context(f"/medewerker/werkzoekenden?{query}"):
        form = JobseekerSearchForm(MultiDict(parse_qsl(query)))
        if not form.validate():
            raise SystemExit(f"bad search {query!r}: {form.errors}")
        page = db.paginate(form.statement(), page=1, per_page=per_page, error_out=False)
        return page.total, [p.id for p in page.items]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--postgres", help="a scratch PostgreSQL URL (its tables are emptied and filled)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = args.postgres or f"sqlite:///{Path(folder) / 'search.sqlite'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
        with app.app_context():
            from flask_migrate import downgrade, upgrade

            if args.postgres:
                downgrade(revision="base")
            upgrade()
            seed(args.people, random.Random(2027))  # noqa: S311 (deterministic test data)
            print(f"{args.people} jobseekers on {db.engine.dialect.name}; {args.repeat} runs per search (ms)")
            for name, query in SEARCHES.items():
                timings = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    total, _ids = run_search(app, query)
                    timings.append((time.perf_counter() - start) * 1000)
                print(f"  {name:42s} {total:5d} found  median {statistics.median(timings):6.1f}  "
                      f"worst {max(timings):6.1f}")
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
