"""The cooperative's own page: address, hours, phone, WhatsApp, walk-in times and costs, linked in every footer."""

import pytest

from tests.factories import make_jobseeker
from tests.helpers import login
from tests.html import page


def test_the_page_says_where_when_how_to_reach_and_what_it_costs(client):
    doc = page(client.get("/cooperatie").get_data(as_text=True))
    text = doc.find("main").get_text(" ", strip=True)
    for words in ("Marshallaan 2", "3527 TK Utrecht", "Openingstijden", "Binnenlopen zonder afspraak",
                  "dinsdag: 13:00–16:00", "Wat kost het voor een bedrijf?", "Een proefplaatsing kost het bedrijf niets",
                  "het loon plus 18%"):
        assert words in text, words
    assert doc.find("a", href="tel:+31301234567") is not None
    assert doc.find("a", href="https://wa.me/31612345678") is not None


def test_the_values_are_configuration(app, client):
    app.config.update(COOPERATIVE_FEE_PERCENT=12, COOPERATIVE_TRIAL_COST_PER_HOUR=2.5,
                      COOPERATIVE_WALK_IN=(("wed", "14:00", "15:00"),))
    text = page(client.get("/cooperatie").get_data(as_text=True)).find("main").get_text(" ", strip=True)
    assert "het loon plus 12%" in text and "€ 2.50 per uur" in text and "woensdag: 14:00–15:00" in text


@pytest.mark.parametrize("url", ["/", "/account", "/privacy", "/bestaat-niet", "/profiel"])
def test_every_footer_links_to_it(client, url):
    login(client, make_jobseeker().user)
    footer = page(client.get(url).get_data(as_text=True)).find("footer")
    assert footer.find("a", href="/cooperatie") is not None


def test_it_reads_in_arabic_with_numbers_left_to_right(client):
    doc = page(client.get("/cooperatie?lang=ar").get_data(as_text=True))
    assert doc.html["dir"] == "rtl"
    assert all(b["dir"] == "ltr" for b in doc.find("main").find_all("bdi"))
    assert "الثلاثاء" in doc.find("main").get_text()


def test_the_print_stylesheet_leaves_out_menus_and_forms():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "werkstation" / "static" / "css" / "site.css").read_text()
    printing = css[css.index("@media print"):]
    assert ".site-header" in printing and "form" in printing and ".site-footer" in printing


def test_opening_days_use_the_arabic_comma_on_an_arabic_page(client):
    from tests.html import text

    shown = text(client.get("/cooperatie?lang=ar").get_data(as_text=True))
    assert "الاثنين، الثلاثاء" in shown and "الاثنين, " not in shown
