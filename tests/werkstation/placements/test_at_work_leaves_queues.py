"""Wie via de pagina van de plaatsing aan het werk gaat, staat niet meer bovenaan bij andere vacatures.

Scenario's, te lezen als documentatie: een medewerker zet een plaatsing met de knoppen op de pagina door naar
kennismaking, proefplaatsing en in dienst.

- Daarna staat die persoon niet meer in de lijst met suggesties van een andere vacature, ook niet als de filter
  "Verberg wie elders is voorgesteld of al werkt" uit staat.
- Stond die persoon bij een andere vacature al op de shortlist, dan blijft dat besluit bewaard, maar staat de
  persoon onderaan die lijst (met het labeltje "in dienst bij ...") in plaats van bovenaan.
"""

from datetime import timedelta

from tests.factories import make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import page
from tests.werkstation.placements.test_work_state import both_yes
from tests.werkstation.staff.workspace import proposed, scored, shortlisted
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import utcnow


def namen_in_lijst(client, vacature):
    return [item.h3.get_text(" ", strip=True) for item in
            page(client.get(f"/medewerker/vacatures/{vacature.id}")).select("li.suggestion")]


def stap(client, plaatsing, **velden):
    url = f"/medewerker/plaatsingen/{plaatsing.id}"
    versie = page(client.get(url)).select_one("form input[name=version]")["value"]
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "version": versie, **velden})
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]


def aan_het_werk_via_de_pagina(client, plaatsing):
    both_yes(plaatsing)
    db.session.commit()
    begin = utcnow().date() + timedelta(days=7)
    stap(client, plaatsing, to_stage="kennismaking")
    stap(client, plaatsing, to_stage="proefplaatsing", trial_start=begin.isoformat(),
         trial_end=(begin + timedelta(days=30)).isoformat())
    stap(client, plaatsing, to_stage="in_dienst", employed_since=(begin + timedelta(days=31)).isoformat(),
         employer_of_record="business")


def test_wie_op_een_andere_shortlist_stond_en_in_dienst_gaat_staat_daar_onderaan(app, client):
    staff = make_user("staff")
    bakker, (esra,) = scored(make_vacancy(title="Bakker"), name="Esra Oven")
    andere, _ = scored(make_vacancy(title="Magazijn"), people=2, name="Iemand Anders", talents=[])
    matching_bridge.rescore(esra)
    db.session.commit()
    shortlisted(andere, esra, staff)
    login(client, staff)
    assert "Esra Oven" in namen_in_lijst(client, andere)[0]

    aan_het_werk_via_de_pagina(client, proposed(bakker, esra, staff))

    namen = namen_in_lijst(client, andere)
    assert len(namen) == 3 and "Esra Oven" in namen[-1]
    laatste = page(client.get(f"/medewerker/vacatures/{andere.id}")).select("li.suggestion")[-1]
    assert "in dienst bij Bakker" in laatste.get_text(" ", strip=True)


def test_wie_in_dienst_gaat_verdwijnt_uit_de_lijst_van_een_andere_vacature(app, client):
    staff = make_user("staff")
    bakker, (esra,) = scored(make_vacancy(title="Bakker"), name="Esra Oven")
    andere, _ = scored(make_vacancy(title="Magazijn"))
    matching_bridge.rescore(esra)
    db.session.commit()
    login(client, staff)
    assert any("Esra Oven" in naam for naam in namen_in_lijst(client, andere))

    aan_het_werk_via_de_pagina(client, proposed(bakker, esra, staff))

    andere.title = "Magazijn medewerker"  # de vacature wordt later nog eens berekend
    matching_bridge.rescore(andere)
    db.session.commit()
    assert not any("Esra Oven" in naam for naam in namen_in_lijst(client, andere))
