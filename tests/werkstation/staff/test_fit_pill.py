"""Het labeltje bij een suggestie zegt wat het betekent.

Scenario's, te lezen als documentatie:

- Wie een gevraagd talent mist, of geen enkel gevraagd dagdeel kan, krijgt geen groen "in orde"-label maar een
  waarschuwing ("let op: mist een gevraagd talent"), op de lijst van de vacature en op de uitlegpagina.
- Wie alles heeft wat de vacature vraagt, krijgt het groene label "geen harde eis gemist".
- Uren die alleen op de rand raken (kan 0-12 uur, vacature 12-20 uur) staan niet onder "Past".
- Eén gevraagd talent: "heeft het gevraagde talent", niet "heeft alle 1 gevraagde talenten".
"""

from tests.factories import make_user, make_vacancy
from tests.helpers import login
from tests.html import page
from tests.werkstation.staff.test_explanations_are_true import samenvatting
from tests.werkstation.staff.workspace import scored, suggestion_of


def labels(html, naam):
    for item in page(html).select("li.suggestion"):
        if naam in item.h3.get_text():
            return [tag.get_text(" ", strip=True) for tag in item.select("span.tag")]
    raise AssertionError(f"{naam} staat niet in de lijst")


def test_wie_een_gevraagd_talent_mist_krijgt_een_waarschuwing_geen_groen_label(app, client):
    vacature = make_vacancy(required_talents=["schoonmaken", "klanten helpen"], licences=[])
    _, (mehmet,) = scored(vacature, name="Mehmet Mist", talents=["schoonmaken"])
    scored(vacature, name="Sara Alles", talents=["schoonmaken", "klanten helpen"])
    login(client, make_user("staff"))
    html = client.get(f"/medewerker/vacatures/{vacature.id}")

    assert "let op: mist een gevraagd talent" in labels(html, "Mehmet Mist")
    assert not any("geen harde eis gemist" in t or "voldoet aan de eisen" in t for t in labels(html, "Mehmet Mist"))
    assert "geen harde eis gemist" in labels(html, "Sara Alles")

    detail = page(client.get(f"/medewerker/suggesties/{suggestion_of(vacature, mehmet).id}"))
    tags = [t.get_text(" ", strip=True) for t in detail.select("span.tag")]
    assert "let op: mist een gevraagd talent" in tags and "geen harde eis gemist" not in tags


def test_wie_geen_enkel_gevraagd_dagdeel_kan_krijgt_een_waarschuwing(app, client):
    vacature = make_vacancy(schedule={"mon": ["morning"], "wed": ["morning"]}, licences=[])
    scored(vacature, name="Hamza Avond", availability={"tue": ["evening"], "thu": ["evening"]})
    login(client, make_user("staff"))
    tags = labels(client.get(f"/medewerker/vacatures/{vacature.id}"), "Hamza Avond")
    assert "let op: kan geen van de gevraagde dagdelen" in tags
    assert "geen harde eis gemist" not in tags


def test_uren_die_alleen_op_de_rand_raken_staan_niet_onder_past(app, client):
    vacature = make_vacancy(hours_min=12, hours_max=20, licences=[])
    scored(vacature, name="Samir Rand", hours_min=0, hours_max=12)
    login(client, make_user("staff"))
    regels, _kop = samenvatting(client.get(f"/medewerker/vacatures/{vacature.id}"), "Samir Rand")
    past = " ".join(regel for regel in regels if regel.startswith("Past:"))
    mist = " ".join(regel for regel in regels if regel.startswith("Mist:"))
    assert "0-12 uur" not in past
    assert "uren passen maar net: kan 0-12 uur, vacature 12-20 uur" in mist


def test_een_gevraagd_talent_heet_enkelvoud(app, client):
    vacature = make_vacancy(required_talents=["schoonmaken"], licences=[])
    _, (ans,) = scored(vacature, name="Ans Een", talents=["schoonmaken"])
    login(client, make_user("staff"))
    regels, _kop = samenvatting(client.get(f"/medewerker/vacatures/{vacature.id}"), "Ans Een")
    tekst = " ".join(regels)
    assert "heeft het gevraagde talent" in tekst and "alle 1" not in tekst
    detail = client.get(f"/medewerker/suggesties/{suggestion_of(vacature, ans).id}").get_data(as_text=True)
    assert "alle 1 " not in detail
