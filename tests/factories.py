"""Small factories for rows: make_vacancy(**overrides) rather than fixtures full of literals."""

import itertools

import pyotp

from werkstation.extensions import db
from werkstation.models import Business, Jobseeker, User, Vacancy, utcnow

PASSWORD = "een-lang-wachtwoord-42"
_counter = itertools.count(1)

CLEANER = "http://data.europa.eu/esco/occupation/303a1e34-cb16-4054-b323-81e5eec17397"
BAKER = "http://data.europa.eu/esco/occupation/1aadb308-432a-4d01-b54b-b4f7f76dd419"


_HASHES = {}


def set_password(user, password):
    """Like User.set_password, but the slow scrypt hash of each test password is computed once per run."""
    if password not in _HASHES:
        user.set_password(password)
        _HASHES[password] = user.password_hash
    user.password_hash = _HASHES[password]


def make_user(role="staff", email=None, password=PASSWORD, **overrides):
    n = next(_counter)
    if role in ("staff", "admin"):
        # Staff and admin log in with a second factor; tests.helpers.login() computes the code.
        overrides.setdefault("totp_secret", pyotp.random_base32())
    user = User(email=email or f"{role}{n}@voorbeeld.nl", role=role, **overrides)
    set_password(user, password)
    db.session.add(user)
    db.session.commit()
    return user


def make_business(with_user=True, **overrides):
    n = next(_counter)
    values = dict(
        name=f"Bedrijf {n}", kvk_number=f"{70000000 + n:08d}", sector="schoonmaak", postcode="3526 AB",
        contact_name="Fatima B.", phone="06 12345678",
    )
    values.update(overrides)
    business = Business(**values)
    db.session.add(business)
    if with_user:
        user = User(email=f"bedrijf{n}@voorbeeld.nl", role="business", business=business)
        set_password(user, PASSWORD)
        db.session.add(user)
    db.session.commit()
    return business


def make_vacancy(business=None, **overrides):
    business = business or make_business()
    values = dict(
        business=business, title="Schoonmaker", occupation_uri=CLEANER,
        description="Kantoren schoonmaken in de ochtend.", postcode="3526 AB", seats=1, hours_min=12, hours_max=20,
        schedule={"mon": ["morning"], "wed": ["morning"], "fri": ["morning"]}, required_talents=["schoonmaken"],
        preferred_talents=["tijd beheren"], languages={"nl": "A2"}, licences=[], certificates=[], status="open",
        hourly_wage_cents=1500, contract_type="tijdelijk",
    )
    values.update(overrides)
    vacancy = Vacancy(**values)
    db.session.add(vacancy)
    db.session.commit()
    return vacancy


def make_jobseeker(with_user=True, **overrides):
    n = next(_counter)
    user = None
    if with_user:
        user = User(email=f"werkzoekende{n}@voorbeeld.nl", role="jobseeker")
        set_password(user, PASSWORD)
        db.session.add(user)
    values = dict(
        user=user, name=f"Werkzoekende {n}", phone="06 87654321", email=user.email if user else None,
        postcode="3526 KL", occupations=[CLEANER], wanted_occupations=[], talents=["schoonmaken", "tijd beheren"],
        about="Ik heb als schoonmaker gewerkt.", hours_min=8, hours_max=24,
        availability={"mon": ["morning", "afternoon"], "wed": ["morning"], "fri": ["morning"]},
        languages={"nl": "A2", "ar": "C2"}, licences=[], certificates=[], max_travel_minutes=30, travel_mode="bike",
        status="available", consent_at=utcnow(), consent_version="2026-11",
    )
    values.update(overrides)
    jobseeker = Jobseeker(**values)
    db.session.add(jobseeker)
    db.session.commit()
    return jobseeker
