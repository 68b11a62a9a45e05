"""Het rapport voor de financier: een aantal dat als "< 5" in de tabel staat, staat ook zo in de grafiek eronder.

Scenario, te lezen als documentatie: in augustus begon één persoon te werken. De tabel zegt "< 5"; de staafgrafiek
"Aan het werk, per soort werk" drukt dan ook "< 5" af en niet het precieze getal (ook niet in de tekst voor
schermlezers).
"""

from tests.factories import make_user
from tests.helpers import login
from tests.html import page
from tests.werkstation.staff.test_period_report import world  # noqa: F401


def test_de_grafiek_noemt_geen_klein_getal(client, world):  # noqa: F811
    login(client, make_user("staff"))
    html = page(client.get("/medewerker/impact/rapport?period=month&year=2026&number=8"))
    figures = " ".join(html.find(id="report-figures").get_text(" ").split())
    assert "Mensen aan het werk geholpen < 5" in figures
    chart = html.select_one("figure.chart svg")
    values = [t.get_text(strip=True) for t in chart.select("text.chart-value")]
    assert values == ["< 5"]
    assert ": 1." not in chart.find("desc").get_text()
    ticks = [t.get_text(strip=True) for t in chart.select("text.chart-tick")]
    assert ticks == []


def test_wie_pas_later_begint_telt_nog_niet_als_aan_het_werk_geholpen(world):  # noqa: F811
    from datetime import date

    # Het vierde kwartaal, bekeken op 28 november: wie op 1 oktober begon telt, wie op 7 december begint nog niet.
    from tests.factories import make_jobseeker
    from tests.werkstation.staff.test_period_report import _placement
    from werkstation.staff import report

    _cleaning, bakery = world
    _placement(bakery, make_jobseeker(name="Esra Later"), date(2026, 12, 7))
    built = report.build(date(2026, 10, 1), date(2026, 12, 31), today=date(2026, 11, 28))
    assert built.placed == 1
    assert report.build(date(2026, 10, 1), date(2026, 12, 31), today=date(2026, 12, 31)).placed == 2
