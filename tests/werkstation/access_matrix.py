"""The access control matrix: for every route (from app.url_map) who may use it, and what everyone else gets.

Each entry is keyed by the route's rule (the URL pattern), so a route added later without an entry fails
tests/werkstation/test_access_matrix.py. Per role an entry says:

    OK        the role may use the route
    OWN       only for their own object (business A's vacancy, jobseeker A's profile/placement/export):
              the owner gets through, the other business/jobseeker gets 404
    NOT_FOUND the role passes the role check but the route answers 404 (e.g. a jobseeker on a staff URL with an id)

A role not listed is refused: 403 when logged in; anonymous visitors are sent to the login page (GET) or get 401
(POST). Public routes are open to all.

The world (`build_world`) has two of everything: business A with a vacancy and a proposal (placement) for
jobseeker A, and business B and jobseeker B who must not reach A's objects. Every URL points at A's objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyotp

from tests.factories import PASSWORD
from werkstation.extensions import db
from werkstation.models import Business, FollowUp, Jobseeker, Placement, Suggestion, User, Vacancy, utcnow
from werkstation.outbox.models import Message

OK, OWN, NOT_FOUND = "ok", "own", "not_found"
ROLES = ("business", "jobseeker", "staff", "admin")
ACTORS = ("anonymous", "business", "business_other", "jobseeker", "jobseeker_other", "staff", "admin")
STAFF = {"staff": OK, "admin": OK}
GET_OK = (200,)
POST_OK = (200, 302, 303, 400, 409)

# Things only A's owners and staff may ever see; checked on every page other actors get.
SECRET_NAME = "Zelda Geheimnaam"
SECRET_PHONE = "06 13572468"
SECRET_VACANCY_B = "Geheime vacature van bedrijf B"


@dataclass(frozen=True)
class Entry:
    roles: dict[str, str] = field(default_factory=dict)
    public: bool = False
    get: tuple[int, ...] = GET_OK
    post: tuple[int, ...] = POST_OK
    args: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def staff_only(**kwargs):
    return Entry(roles=dict(STAFF), **kwargs)


MATRIX: dict[str, Entry] = {
    # main
    "/": Entry(public=True),
    "/over": Entry(public=True),
    "/cooperatie": Entry(public=True),
    "/taal/<lang>": Entry(public=True, get=(302,)),
    "/dashboard": Entry(roles={r: OK for r in ROLES}),
    # auth
    "/inloggen": Entry(public=True, get=(200, 302), post=(200, 302)),
    "/uitloggen": Entry(roles={r: OK for r in ROLES}, post=(302,), note="run last: it ends the session"),
    "/registreren": Entry(public=True),
    "/formulier-terug": Entry(public=True, get=(302,), note="without a kept form: back to the start page"),
    "/registreren/bedrijf": Entry(public=True, get=(200, 302), post=(200, 302)),
    "/registreren/werkzoekende": Entry(public=True, get=(200, 302), post=(200, 302)),
    "/inloggen/code": Entry(public=True, get=(302,), post=(302,), note="only halfway through a staff login"),
    "/inloggen/code-instellen": Entry(public=True, get=(302,), post=(302,)),
    # privacy
    "/privacy": Entry(public=True),
    "/hoe-werkt-het-matchen": Entry(public=True),
    "/privacy/bewaartermijn": staff_only(),
    "/privacy/bewaartermijn/<int:jobseeker_id>/bewaren": staff_only(post=(302,)),
    # vacancies
    "/vacatures": Entry(roles={"business": OK, **STAFF}),
    "/vacatures/nieuw": Entry(roles={"business": OK}),
    "/medewerker/vacatures/nieuw": staff_only(),
    "/vacatures/<int:vacancy_id>": Entry(roles={"business": OWN, **STAFF}),
    "/vacatures/<int:vacancy_id>/bewerken": Entry(roles={"business": OWN, **STAFF}),
    "/vacatures/<int:vacancy_id>/status": Entry(roles={"business": OWN, **STAFF}),
    "/bedrijf/gegevens": Entry(roles={"business": OK}),
    "/api/beroepen": Entry(roles={r: OK for r in ROLES}),
    # jobseekers: the own profile has no id in the URL; staff use /werkzoekenden/<id>
    "/intake": Entry(roles={"jobseeker": OK}, get=(200, 302)),
    "/intake/<name>": Entry(roles={"jobseeker": OK}, get=(200, 302), args={"name": "werk"}),
    "/intake/toestemming": Entry(roles={"jobseeker": OK}, get=(200, 302)),
    "/medewerker/intake": staff_only(get=(200, 302)),
    "/medewerker/intake/start": staff_only(get=(200, 302)),
    "/medewerker/intake/<name>": staff_only(get=(200, 302), args={"name": "werk"}),
    "/medewerker/intake/toestemming": staff_only(get=(200, 302)),
    "/profiel": Entry(roles={"jobseeker": OK, "staff": NOT_FOUND, "admin": NOT_FOUND}),
    "/werkzoekenden/<int:jobseeker_id>": Entry(roles={"jobseeker": NOT_FOUND, **STAFF}),
    "/profiel/wijzigen/<name>": Entry(roles={"jobseeker": OK, "staff": NOT_FOUND, "admin": NOT_FOUND},
                                      args={"name": "werk"}),
    "/werkzoekenden/<int:jobseeker_id>/wijzigen/<name>": Entry(roles={"jobseeker": NOT_FOUND, **STAFF},
                                                               args={"name": "werk"}),
    "/profiel/status": Entry(roles={"jobseeker": OK, "staff": NOT_FOUND, "admin": NOT_FOUND}),
    "/werkzoekenden/<int:jobseeker_id>/status": Entry(roles={"jobseeker": NOT_FOUND, **STAFF}),
    "/profiel/vacatures/<int:vacancy_id>": Entry(roles={"jobseeker": OK}, get=(200, 404), post=(*POST_OK, 404),
                                                 note="only an open vacancy that fits the resident"),
    "/profiel/download": Entry(roles={"jobseeker": OK, "staff": NOT_FOUND, "admin": NOT_FOUND}),
    "/werkzoekenden/<int:jobseeker_id>/download": Entry(roles={"jobseeker": NOT_FOUND, **STAFF}),
    "/profiel/mijn-gegevens": Entry(roles={"jobseeker": OK, "staff": NOT_FOUND, "admin": NOT_FOUND}),
    "/werkzoekenden/<int:jobseeker_id>/gegevens": Entry(roles={"jobseeker": NOT_FOUND, **STAFF}),
    "/profiel/verwijderen": Entry(roles={"jobseeker": OK, "staff": NOT_FOUND, "admin": NOT_FOUND}, post=(200,),
                                  note="without the confirmation box nothing is erased"),
    "/werkzoekenden/<int:jobseeker_id>/verwijderen": Entry(roles={"jobseeker": NOT_FOUND, **STAFF}, post=(200,)),
    "/profiel/meer-uren": Entry(roles={"jobseeker": NOT_FOUND, "staff": NOT_FOUND, "admin": NOT_FOUND},
                                note="only for a resident at work"),
    "/werkzoekenden/<int:jobseeker_id>/meer-uren": Entry(roles={"jobseeker": NOT_FOUND, "staff": NOT_FOUND,
                                                                "admin": NOT_FOUND}, note="only for a person at work"),
    "/over-mij/eerlijkheid": Entry(roles={"jobseeker": OK}, get=(200, 302)),
    # imports and exports
    "/medewerker/import": staff_only(),
    "/medewerker/import/uitleg": staff_only(),
    "/medewerker/import/<kind>": staff_only(args={"kind": "werkzoekenden"}),
    "/medewerker/export/<kind>.csv": staff_only(args={"kind": "werkzoekenden"}),
    # placements: the business and the jobseeker of the placement only
    "/plaatsingen/": Entry(roles={"business": OK, "jobseeker": OK}),
    "/plaatsingen/<int:placement_id>": Entry(roles={"business": OWN, "jobseeker": OWN}),
    "/plaatsingen/<int:placement_id>/laag-risico": Entry(roles={"business": OWN, **STAFF}),
    # staff workspace
    "/medewerker/": staff_only(),
    "/medewerker/vacatures": staff_only(),
    "/medewerker/vacatures/<int:vacancy_id>": staff_only(),
    "/medewerker/vacatures/<int:vacancy_id>/opnieuw": staff_only(),
    "/medewerker/werkzoekenden": staff_only(),
    "/medewerker/werkzoekenden/<int:jobseeker_id>": staff_only(),
    "/medewerker/werkzoekenden/<int:jobseeker_id>/logboek": staff_only(),
    "/medewerker/suggesties/<int:suggestion_id>": staff_only(),
    "/medewerker/suggesties/<int:suggestion_id>/voorstellen": staff_only(),
    "/medewerker/plaatsingen": staff_only(),
    "/medewerker/plaatsingen/<int:placement_id>": staff_only(),
    "/medewerker/plaatsingen/<int:placement_id>/instrumenten": staff_only(),
    "/medewerker/plaatsingen/<int:placement_id>/antwoord": staff_only(),
    "/medewerker/opvolging/<int:follow_up_id>": staff_only(),
    "/medewerker/plan": staff_only(),
    "/medewerker/impact": staff_only(),
    "/medewerker/impact/rapport": staff_only(),
    "/medewerker/impact/rapport.csv": staff_only(),
    "/medewerker/impact/rapport.pdf": staff_only(),
    "/medewerker/impact/<name>.csv": staff_only(args={"name": lambda world: world.impact_figure}),
    "/medewerker/eerlijkheid": staff_only(),
    "/medewerker/werkzoekenden/<int:jobseeker_id>/contact": staff_only(),
    "/medewerker/bedrijven/<int:business_id>/contact": staff_only(
        args={"business_id": lambda world: world.vacancy.business_id}),
    "/medewerker/bedrijven/<int:business_id>/samenvoegen": staff_only(
        post=(400,), args={"business_id": lambda world: world.vacancy.business_id},
        note="without a likely duplicate chosen nothing is merged"),
    "/medewerker/taken": staff_only(),
    "/medewerker/werkzoekenden/<int:jobseeker_id>/dubbel": staff_only(),
    "/medewerker/taken/<int:task_id>/klaar": staff_only(post=(404,), args={"task_id": 987654},
                                                       note="no such task"),
    "/medewerker/zoekopdrachten/<kind>": staff_only(post=(400,), args={"kind": "werkzoekenden"},
                                                   note="without a name nothing is saved"),
    "/medewerker/zoekopdrachten/<int:saved_id>/verwijderen": staff_only(post=(404,), args={"saved_id": 987654},
                                                                        note="only its owner may remove it"),
    # messages: everyone's own Berichten page; the call list and failed e-mails for staff
    "/berichten": Entry(roles={r: OK for r in ROLES}),
    "/medewerker/bellijst": staff_only(),
    "/medewerker/bellijst/<int:message_id>/gedaan": staff_only(post=(302,)),
    "/medewerker/berichten": staff_only(),
    "/medewerker/berichten/<int:message_id>/opnieuw": staff_only(post=(302,)),
    "/medewerker/plaatsingen/<int:placement_id>/kennismaking": staff_only(post=(409,), note="only in kennismaking"),
    "/medewerker/plaatsingen/<int:placement_id>/kennismaking/afzeggen": staff_only(post=(302,)),
    # accounts: forgotten password, codes, own account, admins (de)activate
    "/wachtwoord-vergeten": Entry(public=True, post=(200, 400)),
    "/wachtwoord-herstellen/<token>": Entry(public=True, get=(400,), post=(400,), args={"token": "ongeldig"}),
    "/welkom/<token>": Entry(public=True, get=(400,), post=(400,), args={"token": "ongeldig"}),
    "/registreren/afmaken/<token>": Entry(public=True, get=(400,), post=(400,), args={"token": "ongeldig"}),
    "/e-mailadres-bevestigen/<token>": Entry(public=True, get=(400,), args={"token": "ongeldig"}),
    "/inloggen/met-code": Entry(public=True, post=(200,)),
    "/account": Entry(roles={r: OK for r in ROLES}),
    "/account/wachtwoord": Entry(roles={r: OK for r in ROLES}, post=(400,)),
    "/account/e-mailadres": Entry(roles={r: OK for r in ROLES}, post=(400,)),
    "/medewerker/werkzoekenden/<int:jobseeker_id>/code": staff_only(post=(200,)),
    "/beheer/accounts": Entry(roles={"admin": OK}),
    "/beheer/wijk": Entry(roles={"admin": OK}),
    "/beheer/leren": Entry(roles={"admin": OK}),
    "/beheer/leren/nu": Entry(roles={"admin": OK}, post=(302,)),
    "/beheer/leren/standaard": Entry(roles={"admin": OK}, post=(302,)),
    "/beheer/leren/<int:model_id>/gebruiken": Entry(roles={"admin": OK}, post=(404,), args={"model_id": 987654},
                                                  note="no such model"),
    "/beheer/accounts/<int:user_id>/uitzetten": Entry(roles={"admin": OK}, post=(302,),
                                                     args={"user_id": lambda world: world.users["jobseeker_other"].id}),
    "/beheer/accounts/<int:user_id>/aanzetten": Entry(roles={"admin": OK}, post=(302,),
                                                    args={"user_id": lambda world: world.users["jobseeker_other"].id}),
}


@dataclass
class World:
    users: dict[str, User]
    vacancy: Vacancy
    vacancy_other: Vacancy
    jobseeker: Jobseeker
    jobseeker_other: Jobseeker
    suggestion: Suggestion
    placement: Placement
    follow_up: FollowUp
    impact_figure: str
    message_id: int  # an id, not the row: erasing jobseeker A (fuzz tests) deletes the message

    def url_args(self):
        return {
            "vacancy_id": self.vacancy.id, "jobseeker_id": self.jobseeker.id, "placement_id": self.placement.id,
            "suggestion_id": self.suggestion.id, "follow_up_id": self.follow_up.id, "lang": "en",
            "message_id": self.message_id,
        }


_HASH = {}


def _user(email, role, **values):
    if "hash" not in _HASH:
        probe = User(email="x", role="x")
        probe.set_password(PASSWORD)
        _HASH["hash"] = probe.password_hash
    user = User(email=email, role=role, password_hash=_HASH["hash"], **values)
    if role in ("staff", "admin"):
        user.totp_secret = pyotp.random_base32()
    db.session.add(user)
    return user


def _jobseeker(user, name, phone):
    return Jobseeker(
        user=user, name=name, phone=phone, email=user.email, postcode="3526 KL",
        occupations=["http://data.europa.eu/esco/occupation/303a1e34-cb16-4054-b323-81e5eec17397"],
        talents=["schoonmaken", "tijd beheren"], about="Ik heb als schoonmaker gewerkt.", hours_min=8, hours_max=24,
        availability={"mon": ["morning"], "wed": ["morning"]}, languages={"nl": "B1"}, licences=[], certificates=[],
        max_travel_minutes=30, travel_mode="bike", status="available", consent_at=utcnow(), consent_version="2026-11",
    )


def _vacancy(business, title):
    return Vacancy(
        business=business, title=title,
        occupation_uri="http://data.europa.eu/esco/occupation/303a1e34-cb16-4054-b323-81e5eec17397",
        description="Kantoren schoonmaken.", postcode="3526 AB", seats=2, hours_min=12, hours_max=20,
        schedule={"mon": ["morning"], "wed": ["morning"]}, required_talents=["schoonmaken"], preferred_talents=[],
        languages={"nl": "A2"}, licences=[], certificates=[], status="open",
    )


def build_world() -> World:
    """Two businesses, two jobseekers, staff and admin, and A's vacancy, suggestion, placement and follow-up."""
    business_a = Business(name="Schoonmaak A", kvk_number="71000001", sector="schoonmaak", postcode="3526 AB",
                          contact_name="Anna A.", phone="06 11111111")
    business_b = Business(name="Schoonmaak B", kvk_number="71000002", sector="schoonmaak", postcode="3526 AB",
                          contact_name="Bram B.", phone="06 22222222")
    db.session.add_all([business_a, business_b])
    users = {
        "business": _user("bedrijf-a@voorbeeld.nl", "business", business=business_a),
        "business_other": _user("bedrijf-b@voorbeeld.nl", "business", business=business_b),
        "jobseeker": _user("werkzoekende-a@voorbeeld.nl", "jobseeker"),
        "jobseeker_other": _user("werkzoekende-b@voorbeeld.nl", "jobseeker"),
        "staff": _user("medewerker@voorbeeld.nl", "staff"),
        "admin": _user("beheer@voorbeeld.nl", "admin"),
    }
    jobseeker_a = _jobseeker(users["jobseeker"], SECRET_NAME, SECRET_PHONE)
    jobseeker_b = _jobseeker(users["jobseeker_other"], "Bert Buurman", "06 24682468")
    vacancy_a = _vacancy(business_a, "Schoonmaker kantoren")
    vacancy_b = _vacancy(business_b, SECRET_VACANCY_B)
    db.session.add_all([jobseeker_a, jobseeker_b, vacancy_a, vacancy_b])
    db.session.flush()
    suggestion = Suggestion(
        vacancy=vacancy_a, jobseeker=jobseeker_a, score=0.8, eligible=True, model_version="default-1",
        explanation={"score": 0.8, "eligible": True, "reasons": [], "parts": []},
        decision="shortlist", decision_reason="fits", decided_by_id=users["staff"].id, decided_at=utcnow(),
    )
    db.session.add(suggestion)
    db.session.flush()
    placement = Placement(vacancy=vacancy_a, jobseeker=jobseeker_a, suggestion=suggestion, stage="voorgesteld",
                          proposed_by_id=users["staff"].id)
    db.session.add(placement)
    db.session.flush()
    follow_up = FollowUp(placement=placement, months=1, due_on=date.today() + timedelta(days=30))
    db.session.add(follow_up)
    message = Message(kind="proposal_jobseeker", channel="call_list", jobseeker_id=jobseeker_a.id,
                      placement_id=placement.id, address="06 33333333", subject="Er is werk voor je",
                      body_text="Er is werk voor je.", body_html="<p>Er is werk voor je.</p>")
    db.session.add(message)
    db.session.commit()
    from flask import current_app

    from werkstation.staff import impact

    with current_app.test_request_context():
        figure = impact.all_figures()[0].name
    return World(users, vacancy_a, vacancy_b, jobseeker_a, jobseeker_b, suggestion, placement, follow_up, figure,
                 message.id)


ARG_RE = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


def path_for(rule, entry, world):
    """The rule's URL with the world's objects filled in."""
    values = world.url_args()
    for name, value in entry.args.items():
        values[name] = value(world) if callable(value) else value

    def fill(match):
        name = match.group(1)
        assert name in values, f"{rule.rule}: no value for <{name}>; add it to World.url_args or the entry's args"
        return str(values[name])

    return ARG_RE.sub(fill, rule.rule)


def role_of(actor):
    return None if actor == "anonymous" else actor.split("_")[0]


def expected(entry, actor, method):
    """('ok', allowed statuses) or ('deny', exact status) for one cell."""
    ok = entry.get if method == "GET" else entry.post
    if entry.public:
        return "ok", ok
    role = role_of(actor)
    if role is None:
        return "deny", 302 if method == "GET" else 401
    rule = entry.roles.get(role)
    if rule is None:
        return "deny", 403
    if rule == NOT_FOUND or (rule == OWN and actor.endswith("_other")):
        return "deny", 404
    return "ok", ok


def routes(app):
    """(rule, method) for every route and method, in a safe order: GETs first, the logout last."""
    cells = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            cells.append((rule, method))
    return sorted(cells, key=lambda c: (c[1] != "GET", c[0].endpoint == "auth.logout", c[0].rule))


def user_of(world, actor):
    return world.users.get(actor)


def is_logged_in(client):
    with client.session_transaction() as sess:
        return "_user_id" in sess


def current_csrf(client):
    """A CSRF token for this client's session (from any page with a form)."""
    from tests.html import form_state

    for url in ("/dashboard", "/inloggen"):
        token = form_state(client.get(url), ("csrf_token",)).get("csrf_token")
        if token:
            return token
    raise AssertionError("no page with a CSRF token")


def login_actor(client, world, actor):
    from tests.helpers import login

    if actor != "anonymous":
        login(client, user_of(world, actor))


def leaks(actor, html):
    """Personal details a page shows to someone who must not see them."""
    found = []
    if actor in ("business", "business_other", "jobseeker_other", "anonymous"):
        found += [s for s in (SECRET_NAME, SECRET_PHONE) if s in html]
    # Jobseekers may see open vacancies that fit them (title and business); another business may not.
    if actor in ("business", "anonymous"):
        found += [s for s in (SECRET_VACANCY_B,) if s in html]
    return found

