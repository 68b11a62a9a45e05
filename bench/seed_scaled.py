"""The demo neighbourhood scaled up for load tests: `seed_scaled(jobseekers=5000, vacancies=500)`.

Starts from the ordinary demo data (werkstation.demo.seed_demo) and adds businesses, vacancies and jobseekers
drawn the same way (deterministic), plus bench accounts with a known password (and TOTP key for staff), then
computes the suggestions once with matching_bridge.rematch_all().
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, select

from werkstation import demo, matching_bridge
from werkstation.extensions import db
from werkstation.models import Business, Jobseeker, User, Vacancy, utcnow

BENCH_PASSWORD = "bench-wachtwoord-2026"  # noqa: S105 (scratch database only)
BENCH_TOTP_SECRET = "BENCHBENCHBENCHBENCHBENCHBENCH22"  # noqa: S105 (scratch database only)


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def seed_scaled(jobseekers=5000, vacancies=500, bench_users=20, rng_seed=2027):
    """Fill an empty database with the demo data scaled to `jobseekers` and `vacancies`; returns counts."""
    demo.seed_demo()
    rng = random.Random(rng_seed)  # noqa: S311 (deterministic test data)
    probe = User(email="x", role="x")
    probe.set_password(BENCH_PASSWORD)
    bench_hash = probe.password_hash

    job_names = list(demo.JOBS)
    # More businesses, so vacancies spread like in a real district.
    businesses = list(db.session.scalars(select(Business)))
    while len(businesses) < max(30, vacancies // 4):
        n = len(businesses)
        template = demo.BUSINESSES[n % len(demo.BUSINESSES)]
        business = Business(name=f"{template[0]} {n}", kvk_number=f"{60000000 + n:08d}", sector=template[1],
                            postcode=f"{rng.choice(demo.HOME_PC4[:12])} {demo._letters(rng)}",
                            contact_name=f"{rng.choice(demo.FIRST_NAMES)} {rng.choice(demo.LAST_INITIALS)}.",
                            phone=f"06 {rng.randint(10000000, 99999999)}")
        db.session.add(business)
        businesses.append(business)
    db.session.flush()

    today = date(2026, 11, 27)
    existing = _count(Vacancy)
    for i in range(existing, vacancies):
        business = businesses[i % len(businesses)]
        job = rng.choice(job_names)
        uri, talents, licences, certificates, level = demo.JOBS[job]
        hours_min = rng.choice([8, 12, 16, 20, 24, 32])
        db.session.add(Vacancy(
            business=business, title=job[0].upper() + job[1:], occupation_uri=demo.ESCO + uri,
            description=f"{business.name} zoekt een {job}.", postcode=business.postcode, seats=rng.choice([1, 1, 2, 3]),
            hours_min=hours_min, hours_max=min(40, hours_min + 8), schedule=demo._schedule(rng, days=rng.randint(3, 5)),
            required_talents=talents[:1], preferred_talents=talents[1:], languages={"nl": level},
            licences=list(licences), certificates=list(certificates),
            start_date=today + timedelta(days=rng.randint(7, 60)), status="open",
        ))
    existing = _count(Jobseeker)
    batch = []
    for _ in range(existing, jobseekers):
        wanted = rng.sample(job_names, rng.randint(1, 3))
        talents = sorted({t for job in wanted for t in demo.JOBS[job][1] if rng.random() < 0.75})
        hours_min = rng.choice([0, 8, 12, 16, 20, 24])
        mode = rng.choices(["walk", "bike", "public_transport", "car"], weights=[3, 5, 3, 1])[0]
        consent_at = utcnow() - timedelta(days=rng.randint(1, 300))
        batch.append(Jobseeker(
            name=f"{rng.choice(demo.FIRST_NAMES)} {rng.choice(demo.LAST_INITIALS)}.",
            phone=f"06 {rng.randint(10000000, 99999999)}", postcode=f"{rng.choice(demo.HOME_PC4)} {demo._letters(rng)}",
            occupations=[demo.ESCO + demo.JOBS[job][0] for job in wanted],
            talents=talents or [demo.JOBS[wanted[0]][1][0]], about=rng.choice(demo.ABOUT),
            hours_min=hours_min, hours_max=min(40, hours_min + rng.choice([8, 12, 16])),
            availability=demo._schedule(rng, ("morning", "afternoon", "evening"), rng.randint(2, 6)),
            languages={"nl": rng.choice(demo.CEFR)}, licences=["B"] if mode == "car" else [], certificates=[],
            max_travel_minutes=rng.choice([15, 20, 30, 45]), travel_mode=mode, status="available",
            consent_at=consent_at, consent_version="2026-11", consent_in_person=True,
            created_at=consent_at, last_active_at=consent_at,
        ))
    db.session.add_all(batch)
    db.session.flush()

    # Bench accounts: staff (with a known TOTP key), businesses with their own vacancies, jobseekers with profiles.
    people = list(db.session.scalars(select(Jobseeker).where(Jobseeker.user_id.is_(None)).limit(bench_users)))
    for n in range(bench_users):
        staff = User(email=f"bench-staff{n}@werkstation-bench.nl", role="staff", password_hash=bench_hash,
                     totp_secret=BENCH_TOTP_SECRET)
        owner = User(email=f"bench-bedrijf{n}@werkstation-bench.nl", role="business", password_hash=bench_hash,
                     business=businesses[n % len(businesses)])
        seeker = User(email=f"bench-werkzoekende{n}@werkstation-bench.nl", role="jobseeker", password_hash=bench_hash)
        people[n].user = seeker
        db.session.add_all([staff, owner, seeker])
    db.session.commit()
    stored = matching_bridge.rematch_all()
    db.session.commit()
    return {"businesses": _count(Business), "vacancies": _count(Vacancy), "jobseekers": _count(Jobseeker),
            "suggestions": stored}
