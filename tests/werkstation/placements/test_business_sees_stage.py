"""Het bedrijf ziet op de pagina van de plaatsing hoe ver het is.

Scenario, te lezen als documentatie: de coöperatie plant de kennismaking (de uitnodiging linkt naar deze pagina);
het bedrijf ziet dan datum, tijd en plaats. Na de proefplaatsing en het contract staan die data op dezelfde pagina,
en de pagina praat niet meer over het plannen van een kennismaking.
"""

from datetime import timedelta

from tests.factories import make_user, make_vacancy
from tests.helpers import login
from tests.html import page
from tests.werkstation.placements.test_at_work_leaves_queues import stap
from tests.werkstation.placements.test_work_state import both_yes
from tests.werkstation.staff.workspace import business_user, proposed, scored
from werkstation.extensions import db
from werkstation.models import utcnow


def test_het_bedrijf_ziet_de_afspraak_en_daarna_de_data_van_proef_en_contract(app, client):
    staff = make_user("staff")
    bakker, (esra,) = scored(make_vacancy(title="Bakker"), name="Esra Oven")
    plaatsing = proposed(bakker, esra, staff)
    both_yes(plaatsing)
    db.session.commit()
    bedrijf = business_user(bakker)
    dag = utcnow().date() + timedelta(days=5)
    login(client, staff)
    bedrijf_client = app.test_client()
    login(bedrijf_client, bedrijf)
    stap(client, plaatsing, to_stage="kennismaking", meeting_date=dag.isoformat(), meeting_time="10:30",
         meeting_place="Bakkerij, achterdeur")

    tekst = page(bedrijf_client.get(f"/plaatsingen/{plaatsing.id}")).get_text(" ", strip=True)
    assert "10:30" in tekst and "Bakkerij, achterdeur" in tekst

    stap(client, plaatsing, to_stage="proefplaatsing", trial_start=(dag + timedelta(days=2)).isoformat(),
         trial_end=(dag + timedelta(days=40)).isoformat())
    stap(client, plaatsing, to_stage="in_dienst", employed_since=(dag + timedelta(days=41)).isoformat(),
         employer_of_record="business")

    html = page(bedrijf_client.get(f"/plaatsingen/{plaatsing.id}"))
    tekst = html.get_text(" ", strip=True)
    assert html.h1.get_text(strip=True) == "Plaatsing voor Bakker"
    assert (dag + timedelta(days=2)).strftime("%d-%m-%Y") in tekst
    assert (dag + timedelta(days=40)).strftime("%d-%m-%Y") in tekst
    assert (dag + timedelta(days=41)).strftime("%d-%m-%Y") in tekst
    assert "Bakkerij, achterdeur" in tekst
    assert "plant de kennismaking" not in tekst and "Maak samen een afspraak" not in tekst
