"""Gedaan werk en gewenst werk blijven gescheiden, in de gegevens en in de uitleg.

Scenario's, te lezen als documentatie:

- Fatima heeft als schoonmaker gewerkt: de uitleg zegt "heeft gewerkt als schoonmaker gebouwen".
- Youssef heeft nooit schoongemaakt, maar wil dat graag: de uitleg zegt "wil graag werken als schoonmaker
  gebouwen", nooit "heeft gewerkt als". Ervaring telt zwaarder dan een wens, dus Fatima staat boven Youssef.
- Een regel op de opdrachtregel (``occupations``) zegt niet of het werk gedaan of gewenst is; de uitleg zegt dan
  "heeft gewerkt als of wil werken als", en de score is dezelfde als bij gedaan werk.
- Wie hetzelfde beroep heeft gedaan én wil doen, krijgt de uitleg van het gedane werk.
"""

import pytest

from matching.features.occupation import KIND_FACTORS
from matching.scorer import Matcher
from tests.matching.record_factories import make_candidate, make_vacancy, occ

SCHOONMAKER = occ("schoonmaker gebouwen")


def beroep(match):
    return next(c for c in match.explanation if c.feature == "occupation")


def test_gedaan_werk_heet_heeft_gewerkt_als():
    fatima = make_candidate("fatima", occupations=(), occupations_done=(SCHOONMAKER,))
    uitleg = beroep(Matcher().explain(fatima, make_vacancy()))
    assert uitleg.detail == "heeft gewerkt als schoonmaker gebouwen"
    assert uitleg.params["kind"] == "done"


def test_gewenst_werk_heet_wil_graag_werken_als_en_telt_minder_dan_ervaring():
    fatima = make_candidate("fatima", occupations=(), occupations_done=(SCHOONMAKER,))
    youssef = make_candidate("youssef", occupations=(), occupations_wanted=(SCHOONMAKER,))
    matcher = Matcher()
    uitleg = beroep(matcher.explain(youssef, make_vacancy()))
    assert uitleg.detail == "wil graag werken als schoonmaker gebouwen"
    assert "gewerkt" not in uitleg.detail and uitleg.params["kind"] == "wanted"
    assert uitleg.contribution == pytest.approx(beroep(matcher.explain(fatima, make_vacancy())).contribution
                                                * float(KIND_FACTORS[2]))
    (ranking,) = matcher.rank([youssef, fatima], [make_vacancy()], top_k=2)
    assert [m.candidate_id for m in ranking.matches] == ["fatima", "youssef"]


def test_de_opdrachtregel_zegt_niet_welke_van_de_twee_en_de_uitleg_ook_niet():
    record = make_candidate("r", occupations=(SCHOONMAKER,))
    gedaan = make_candidate("g", occupations=(), occupations_done=(SCHOONMAKER,))
    matcher = Matcher()
    uitleg = beroep(matcher.explain(record, make_vacancy()))
    assert uitleg.detail == "heeft gewerkt als of wil werken als schoonmaker gebouwen"
    assert uitleg.contribution == beroep(matcher.explain(gedaan, make_vacancy())).contribution
    assert "occupations_done" not in record.to_dict() and "occupations_wanted" not in record.to_dict()


def test_gedaan_en_gewenst_hetzelfde_beroep_geeft_de_uitleg_van_het_gedane_werk():
    beide = make_candidate(occupations=(), occupations_done=(SCHOONMAKER,), occupations_wanted=(SCHOONMAKER,))
    assert beroep(Matcher().explain(beide, make_vacancy())).detail == "heeft gewerkt als schoonmaker gebouwen"


def test_ranking_en_uitleg_geven_dezelfde_score_voor_gewenst_werk():
    mensen = [make_candidate(f"p{i}", occupations=(), occupations_wanted=(SCHOONMAKER,), hours_min=8.0 + i)
              for i in range(4)]
    matcher = Matcher()
    (ranking,) = matcher.rank(mensen, [make_vacancy()], top_k=4)
    for m in ranking.matches:
        alleen = matcher.explain(next(p for p in mensen if p.id == m.candidate_id), make_vacancy())
        assert m.score == pytest.approx(alleen.score)
        assert abs(sum(c.contribution for c in m.explanation) - m.score) <= 1e-6


def test_eigen_woorden_worden_naar_betekenis_gelezen():
    """"ervaring in een magazijn" bedoelt magazijnmedewerker; dat past (zelfde beroepsgroep) bij orderpicker."""
    from matching.occupations import occupations_in_own_words

    (gevonden,) = occupations_in_own_words(["Ik heb ervaring in een magazijn."])
    assert occ("magazijnmedewerker") in gevonden
    samir = make_candidate("samir", occupations=(), occupations_described=gevonden)
    uitleg = beroep(Matcher().explain(samir, make_vacancy(occupation=occ("orderpicker"))))
    assert uitleg.contribution > 0
    assert uitleg.detail.startswith("vertelt in eigen woorden over werk als magazijnmedewerker")
    assert occupations_in_own_words(["", "Ik kook graag voor mijn familie."]) [0] == ()


def test_hoe_lang_iemand_werkte_verdringt_het_werk_zelf_niet():
    """"Ik heb drie jaar ervaring in een magazijn: orders verzamelen, ..." bedoelt ook magazijnmedewerker: woorden
    over hoe lang of dát iemand werkte zeggen niets over welk werk, dus ze tellen bij het zoeken niet mee."""
    from matching.occupations import occupations_in_own_words

    (gevonden,) = occupations_in_own_words(["Ik heb drie jaar ervaring in een magazijn: orders verzamelen, "
                                            "pakketten inpakken."])
    assert occ("magazijnmedewerker") in gevonden
    (kapper,) = occupations_in_own_words(["Ik heb ruim 10 jaar als kapper gewerkt."])
    assert occ("kapper") in kapper
