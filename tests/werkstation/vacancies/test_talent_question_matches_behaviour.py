"""Wat het vacatureformulier belooft over talenten, doet de matching ook.

Scenario, te lezen als documentatie: een bedrijf kiest bij "Wat is belangrijk dat iemand kan?" het talent
"schoonmaken". Het formulier zegt dat dit geen harde eis is: wie het kan, staat hoger; wie het nog niet kan, valt
niet af. De matching doet precies dat: Noor (kan schoonmaken) staat boven Daan (kan het nog niet), en Daan voldoet
nog steeds aan de eisen. Harde eisen (uren, reistijd, Nederlands, rijbewijs, certificaten) heten op het formulier
ook zo: wie daar niet aan voldoet, valt wel af.
"""

from tests.factories import make_business, make_jobseeker, make_vacancy
from tests.helpers import login
from tests.html import page
from tests.werkstation.staff.workspace import suggestion_of
from werkstation import matching_bridge
from werkstation.extensions import db


def talentvraag(html):
    """De vraag en de uitleg bij de talenten die het bedrijf belangrijk vindt."""
    fieldset = next(f for f in page(html).find_all("fieldset") if f.find("input", attrs={"name": "required_talents"}))
    return fieldset.legend.get_text(strip=True), fieldset.get_text(" ", strip=True)


def test_het_formulier_noemt_de_talenten_geen_harde_eis(app, client):
    business = make_business()
    login(client, business.users[0].email)
    vraag, tekst = talentvraag(client.get("/vacatures/nieuw"))
    assert vraag == "Wat is belangrijk dat iemand kan?"
    assert "moet" not in vraag
    assert "geen harde eis" in tekst and "valt niet af" in tekst


def test_wie_het_talent_nog_niet_heeft_staat_lager_maar_valt_niet_af(app):
    vacature = make_vacancy(required_talents=["schoonmaken"], preferred_talents=[], licences=[])
    noor = make_jobseeker(name="Noor Kan Het", talents=["schoonmaken"])
    daan = make_jobseeker(name="Daan Nog Niet", talents=["tijd beheren"])
    matching_bridge.rescore(vacature)
    db.session.commit()

    bij_noor, bij_daan = suggestion_of(vacature, noor), suggestion_of(vacature, daan)
    assert bij_noor.score > bij_daan.score
    assert bij_daan.eligible and not bij_daan.explanation["reasons"]


def test_een_harde_eis_op_het_formulier_laat_wel_afvallen(app):
    vacature = make_vacancy(licences=["B"])
    zonder = make_jobseeker(name="Zonder Rijbewijs", licences=[])
    matching_bridge.rescore(vacature)
    db.session.commit()
    assert not suggestion_of(vacature, zonder).eligible
