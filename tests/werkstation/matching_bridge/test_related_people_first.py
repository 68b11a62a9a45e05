"""Wie verwant werk heeft of een gevraagd talent, staat boven wie alleen goed uitkomt in uren en reistijd.

Scenario, te lezen als documentatie: een schoonmaakbedrijf zoekt iemand die kan schoonmaken. Twaalf bewoners
wonen om de hoek en kunnen precies de gevraagde uren, maar hebben nooit schoongemaakt, willen dat niet en kunnen
het gevraagde talent niet. Rachid woont verder weg en kan minder dagdelen, maar wil graag treinen schoonmaken
(hetzelfde soort werk, een ander beroep). Zijn
score is lager, toch staat hij bovenaan: uren, reistijd en in de wijk wonen alleen brengen niemand boven iemand
met verwant werk. De anderen krijgen het label "geen verwant werk of gevraagd talent".
"""

from tests.factories import BAKER, make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import page
from tests.werkstation.staff.workspace import suggestion_of
from werkstation import matching_bridge
from werkstation.extensions import db

DAGEN = {"mon": ["morning"], "wed": ["morning"], "fri": ["morning"]}


def test_verwant_werk_gaat_voor_uren_reistijd_en_wonen_in_de_wijk(app, client):
    vacature = make_vacancy(required_talents=["schoonmaken"], preferred_talents=[], schedule=DAGEN, licences=[])
    buren = [make_jobseeker(name=f"Buur {i:02d}", occupations=[BAKER], wanted_occupations=[],
                            talents=["zorgen voor kinderen"], about="", availability=DAGEN, postcode="3526 KL",
                            hours_min=12, hours_max=20) for i in range(12)]
    from werkstation.engine import load_taxonomy

    treinen = next(o.uri for o in load_taxonomy().occupations if o.label == "schoonmaker treinen")
    rachid = make_jobseeker(name="Rachid", occupations=[], wanted_occupations=[treinen], talents=["tijd beheren"],
                            about="", availability={"mon": ["morning"]}, postcode="3581 AB",
                            max_travel_minutes=60, hours_min=8, hours_max=40)
    matching_bridge.rescore(vacature)
    db.session.commit()

    bij_rachid = suggestion_of(vacature, rachid)
    assert bij_rachid.eligible and bij_rachid.related
    assert all(bij_rachid.score < suggestion_of(vacature, buur).score for buur in buren)  # lager, toch eerst
    assert not any(suggestion_of(vacature, buur).related for buur in buren)

    login(client, make_user("staff"))
    lijst = page(client.get(f"/medewerker/vacatures/{vacature.id}")).select("li.suggestion")
    namen = [item.h3.a.get_text(strip=True) for item in lijst]
    assert namen[0] == "Rachid"
    assert "geen verwant werk of gevraagd talent" not in lijst[0].get_text()
    assert all("geen verwant werk of gevraagd talent" in item.get_text() for item in lijst[1:10])


def test_zonder_beroep_en_talenten_in_de_vacature_is_niemand_onverwant(app):
    vacature = make_vacancy(occupation_uri=None, title="Xyzzy", required_talents=[], preferred_talents=[])
    persoon = make_jobseeker(occupations=[BAKER], about="")
    matching_bridge.rescore(vacature)
    db.session.commit()
    assert suggestion_of(vacature, persoon).related
