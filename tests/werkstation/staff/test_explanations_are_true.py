"""Uitleg die klopt: wat een medewerker onder "Past" en "Mist" leest, en hoe een paar dat niet voldoet eruitziet.

Scenario's, te lezen als documentatie:

- "Past" noemt alleen onderdelen die punten opleveren; "Mist" noemt alleen wat ontbreekt. Een onderdeel dat deels
  past (1 van de 2 gevraagde talenten) staat onder "Past" met wat er wél is, en onder "Mist" met alleen wat er
  ontbreekt.
- Wie niet voldoet aan een harde eis (bijvoorbeeld geen rijbewijs B terwijl dat gevraagd is) krijgt als eerste
  regel "Voldoet niet aan: ...", en de lijst toont geen punten alsof het een goede match is.
"""

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import page
from tests.werkstation.staff.workspace import scored, suggestion_of
from werkstation.explanations import explain


def samenvatting(html, naam):
    """De regels van de samenvatting ("Past:", "Mist:", ...) bij de persoon `naam` in een lijst met suggesties."""
    for item in page(html).select("li.suggestion"):
        if naam in item.h3.get_text():
            return [li.get_text(" ", strip=True) for li in item.select("ul.fit-summary > li")], item.h3
    raise AssertionError(f"{naam} staat niet in de lijst")


def test_past_noemt_alleen_wat_punten_oplevert_en_mist_alleen_wat_ontbreekt(app, client):
    vacature = make_vacancy(required_talents=["schoonmaken", "klanten helpen"], licences=[])
    _, (sanne,) = scored(vacature, name="Sanne Deels", talents=["schoonmaken"])
    uitleg = explain(suggestion_of(vacature, sanne).explanation)

    assert uitleg.fits and all(deel.points > 0 for deel in uitleg.fits)
    assert all(deel.points == 0 or deel.missing_detail != deel.detail for deel in uitleg.missing)
    talenten = next(deel for deel in uitleg.parts if deel.feature == "talents_required")
    assert talenten.points > 0
    assert talenten.fit_detail == "heeft 1 van 2 gevraagde talenten"
    assert talenten.missing_detail == "mist gevraagde talenten: klanten helpen"

    login(client, make_user("staff"))
    regels, _kop = samenvatting(client.get(f"/medewerker/vacatures/{vacature.id}"), "Sanne Deels")
    past = next(regel for regel in regels if regel.startswith("Past:"))
    mist = next(regel for regel in regels if regel.startswith("Mist:"))
    assert "heeft 1 van 2 gevraagde talenten" in past and "mist" not in past
    assert "klanten helpen" in mist and "schoonmaken" not in mist


def test_een_beroep_in_dezelfde_groep_levert_punten_op_en_staat_dus_onder_past(app):
    # Schoonmaker treinen hoort bij dezelfde beroepsgroep als schoonmaker gebouwen: dat geeft punten.
    treinen = "http://data.europa.eu/esco/occupation/" + _uri_van("schoonmaker treinen")
    vacature = make_vacancy(licences=[])
    _, (ali,) = scored(vacature, name="Ali Trein", occupations=[treinen])
    uitleg = explain(suggestion_of(vacature, ali).explanation)
    beroep = next(deel for deel in uitleg.parts if deel.feature == "occupation")
    assert beroep.points > 0
    assert beroep in uitleg.fits and beroep not in uitleg.missing


def test_wie_niet_voldoet_ziet_dat_eerst_en_krijgt_geen_score_als_goede_match(app, client):
    vacature = make_vacancy(licences=["B"])
    make_jobseeker(name="Rijbewijs Wel", licences=["B"])
    scored(vacature, name="Zonder Rijbewijs", licences=[])
    login(client, make_user("staff"))
    html = client.get(f"/medewerker/vacatures/{vacature.id}")

    regels, kop = samenvatting(html, "Zonder Rijbewijs")
    assert regels[0].startswith("Voldoet niet aan:") and "rijbewijs B" in regels[0]
    assert "punten" not in kop.get_text() and "voldoet niet" in kop.get_text()
    assert not any(regel.startswith("Mist:") and "rijbewijs" in regel for regel in regels[1:])

    regels_wel, kop_wel = samenvatting(html, "Rijbewijs Wel")
    assert not regels_wel[0].startswith("Voldoet niet aan:") and "punten" in kop_wel.get_text()


def test_de_uitleg_van_een_paar_dat_niet_voldoet_zegt_dat_de_score_niet_telt(app, client):
    vacature = make_vacancy(licences=["B"])
    _, (persoon,) = scored(vacature, licences=[])
    rij = suggestion_of(vacature, persoon)
    login(client, make_user("staff"))
    pagina = page(client.get(f"/medewerker/suggesties/{rij.id}"))
    assert "De score telt niet" in pagina.find("caption").get_text()
    assert pagina.select_one("ul.fit-summary > li").get_text(" ", strip=True).startswith("Voldoet niet aan:")


def _uri_van(label):
    from werkstation.engine import load_taxonomy

    occupation = next(o for o in load_taxonomy().occupations if o.label == label)
    return occupation.uri.rsplit("/", 1)[-1]


def test_onder_de_score_staat_in_woorden_welke_weging_hem_maakte(app, client):
    # Niet "model default-2026.1" maar "rekenmodel: standaardweging 2026.1".
    vacature = make_vacancy()
    _, (persoon,) = scored(vacature)
    rij = suggestion_of(vacature, persoon)
    login(client, make_user("staff"))
    voet = page(client.get(f"/medewerker/suggesties/{rij.id}")).select_one("table.breakdown tfoot").get_text(" ")
    assert "rekenmodel: standaardweging 2026.1" in voet and "default" not in voet
