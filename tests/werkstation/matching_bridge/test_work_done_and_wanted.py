"""Gedaan werk en gewenst werk: apart gevraagd, apart bewaard, apart uitgelegd.

Scenario's, te lezen als documentatie:

- Amina vult bij de intake in dat ze als schoonmaker heeft gewerkt en graag bakker wil worden. Dat wordt apart
  bewaard: schoonmaker bij "gedaan", bakker bij "wil graag".
- Bij een vacature voor schoonmaker zegt de uitleg "heeft gewerkt als schoonmaker gebouwen"; bij een vacature
  voor bakker zegt de uitleg "wil graag werken als bakker", nooit "heeft gewerkt als bakker".
- Een ouder profiel dat nog één vraag beantwoordde ("gedaan of wil je doen") krijgt geen uitleg die ervaring
  belooft: "heeft gewerkt als of wil werken als".
"""

from sqlalchemy import select

from tests.factories import BAKER, CLEANER, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.werkstation.staff.workspace import suggestion_of
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import Jobseeker


def beroep(suggestie):
    return next(p for p in suggestie.explanation["parts"] if p["feature"] == "occupation")["detail"]


def test_de_intake_vraagt_en_bewaart_gedaan_en_gewenst_werk_apart(app, client):
    from tests.werkstation.jobseekers.test_intake import ANSWERS, post_step, run_intake

    login(client, make_user(role="jobseeker"))
    html = client.get("/intake/werk").get_data(as_text=True)
    assert "Welk werk heb je al gedaan?" in html and "Welk werk wil je graag doen?" in html
    antwoorden = dict(ANSWERS, werk={"occupations": [CLEANER], "wanted_occupations": [BAKER], "other_work": ""})
    run_intake(client, answers=antwoorden)
    post_step(client, "/intake/toestemming", {"consent": "y"}, nav="save")
    amina = db.session.scalar(select(Jobseeker))
    assert amina.occupations == [CLEANER]
    assert amina.wanted_occupations == [BAKER]


def test_de_uitleg_zegt_heeft_gewerkt_als_alleen_voor_gedaan_werk(app):
    schoonmaak = make_vacancy(title="Schoonmaker", occupation_uri=CLEANER)
    bakkerij = make_vacancy(title="Bakker", occupation_uri=BAKER, required_talents=[], preferred_talents=[])
    amina = make_jobseeker(name="Amina", occupations=[CLEANER], wanted_occupations=[BAKER])
    for vacature in (schoonmaak, bakkerij):
        matching_bridge.rescore(vacature)
    db.session.commit()

    assert beroep(suggestion_of(schoonmaak, amina)) == "heeft gewerkt als schoonmaker gebouwen"
    bij_bakker = beroep(suggestion_of(bakkerij, amina))
    assert bij_bakker.startswith("wil graag werken als") and "gewerkt" not in bij_bakker


def test_een_ouder_profiel_belooft_geen_ervaring(app):
    vacature = make_vacancy()
    ouder = make_jobseeker(name="Ouder Profiel", occupations=[CLEANER], wanted_occupations=None)
    matching_bridge.rescore(vacature)
    db.session.commit()
    assert beroep(suggestion_of(vacature, ouder)) == "heeft gewerkt als of wil werken als schoonmaker gebouwen"


def test_wie_het_werk_heeft_gedaan_staat_boven_wie_het_alleen_wil(app):
    vacature = make_vacancy()
    ervaren = make_jobseeker(name="Ervaren", occupations=[CLEANER], wanted_occupations=[])
    wil_graag = make_jobseeker(name="Wil Graag", occupations=[], wanted_occupations=[CLEANER])
    matching_bridge.rescore(vacature)
    db.session.commit()
    assert suggestion_of(vacature, ervaren).score > suggestion_of(vacature, wil_graag).score


def test_eigen_woorden_tellen_naar_betekenis_ervaring_in_een_magazijn_past_bij_orderpicker(app):
    """Samir schreef alleen "Ik heb ervaring in een magazijn." Er is geen woord gelijk aan de vacature
    "Orderpicker", maar de betekenis past: de uitleg noemt het werk dat zijn woorden bedoelen, en hij staat boven
    iemand die over koken vertelt."""
    from werkstation.engine import load_taxonomy

    orderpicker = next(o.uri for o in load_taxonomy().occupations if o.label == "orderpicker")
    vacature = make_vacancy(title="Orderpicker", occupation_uri=orderpicker, description="Orders verzamelen.",
                            required_talents=[], preferred_talents=[])
    samir = make_jobseeker(name="Samir", occupations=[], wanted_occupations=[], about="Ik heb ervaring in een magazijn.")
    kok = make_jobseeker(name="Kees", occupations=[], wanted_occupations=[], about="Ik kook graag voor mijn familie.")
    matching_bridge.rescore(vacature)
    db.session.commit()

    bij_samir = suggestion_of(vacature, samir)
    assert beroep(bij_samir).startswith("vertelt in eigen woorden over werk als magazijnmedewerker")
    assert bij_samir.score > suggestion_of(vacature, kok).score
    woorden = next(p for p in bij_samir.explanation["parts"] if p["feature"] == "text")
    assert woorden["code"] != "text.similar"  # no word in common: only the meaning brought him up
