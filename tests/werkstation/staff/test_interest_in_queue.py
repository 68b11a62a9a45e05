"""A resident who pressed "Ik heb interesse" for a vacancy stands first in its staff queue (among the people who
meet every requirement; people who miss one stay below), with a label, and a plain link shows only them. On a
person's own page, the vacancies they said they are interested in stand first the same way."""

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import page, text
from tests.werkstation.jobseekers.test_fitting_vacancy import answer
from tests.werkstation.staff.workspace import suggestion_of
from werkstation import matching_bridge
from werkstation.extensions import db


def names_in_order(html):
    """The people in the queue, top to bottom."""
    return [h3.a.get_text(strip=True) for h3 in page(html).select("li.suggestion h3")]


def item_of(html, name):
    """The text of one person's entry in the queue."""
    return next(" ".join(li.get_text(" ").split()) for li in page(html).select("li.suggestion") if name in li.h3.text)


def says_interested(app, vacancy, person):
    """The resident opens the vacancy on their own profile and presses "Ik heb interesse"."""
    resident = app.test_client()
    login(resident, person.user)
    assert answer(resident, vacancy, "interested").status_code == 302


def test_people_who_said_they_are_interested_stand_first_with_a_label_and_a_link_shows_only_them(app, client):
    vacancy = make_vacancy()
    best = make_jobseeker(name="Beste Score")
    keen = make_jobseeker(name="Wel Interesse", postcode="3521 AL", talents=["schoonmaken"])
    later_too_many_hours = make_jobseeker(name="Nu Te Veel Uren")
    matching_bridge.rescore(vacancy)
    db.session.commit()
    assert suggestion_of(vacancy, keen).score < suggestion_of(vacancy, best).score  # so only the interest lifts her
    says_interested(app, vacancy, keen)
    says_interested(app, vacancy, later_too_many_hours)
    # He said yes, then told the cooperative he wants 40 hours a week: he no longer meets the vacancy's hours.
    later_too_many_hours.hours_min = later_too_many_hours.hours_max = 40
    matching_bridge.rescore(later_too_many_hours)
    db.session.commit()
    assert not suggestion_of(vacancy, later_too_many_hours).eligible

    login(client, make_user("staff"))
    url = f"/medewerker/vacatures/{vacancy.id}"
    html = client.get(url).get_data(as_text=True)
    assert names_in_order(html) == ["Wel Interesse", "Beste Score", "Nu Te Veel Uren"]
    assert "zelf gezegd: heeft interesse" in item_of(html, "Wel Interesse")
    assert "interesse" not in item_of(html, "Beste Score")
    assert "2 mensen zeiden zelf: ik heb interesse." in text(html)

    only = page(html).find("a", string="Toon alleen met interesse")["href"]  # a plain link: no script needed
    shown = client.get(only).get_data(as_text=True)
    assert names_in_order(shown) == ["Wel Interesse", "Nu Te Veel Uren"]
    back = page(shown).find("a", string="Toon iedereen, niet alleen met interesse")["href"]
    assert names_in_order(client.get(back).get_data(as_text=True)) == ["Wel Interesse", "Beste Score",
                                                                        "Nu Te Veel Uren"]
    # The same filter as a checkbox, with the other filters.
    both = client.get(url + "?eligible=y&interested=y").get_data(as_text=True)
    assert names_in_order(both) == ["Wel Interesse"]
    assert page(both).find("input", attrs={"name": "interested"}).has_attr("checked")


def test_the_link_keeps_the_other_filters_and_nobody_interested_is_said_plainly(app, client):
    vacancy = make_vacancy()
    near = make_jobseeker(name="Woont Dichtbij", postcode="3526 KL")
    make_jobseeker(name="Woont Verder", postcode="3521 AL")
    matching_bridge.rescore(vacancy)
    db.session.commit()
    login(client, make_user("staff"))
    url = f"/medewerker/vacatures/{vacancy.id}"
    assert "Nog niemand zei zelf: ik heb interesse." in text(client.get(url))
    says_interested(app, vacancy, near)
    html = client.get(url + "?residents=y").get_data(as_text=True)
    only = page(html).find("a", string="Toon alleen met interesse")["href"]
    assert "residents=y" in only and "interested=y" in only
    assert names_in_order(client.get(only).get_data(as_text=True)) == ["Woont Dichtbij"]


def test_on_a_persons_page_the_vacancy_they_are_interested_in_stands_first(app, client):
    person = make_jobseeker(name="Wel Interesse")
    offices, schools = make_vacancy(title="Schoonmaker kantoren"), make_vacancy(title="Schoonmaker scholen",
                                                                               postcode="3511 AB")
    matching_bridge.rescore(person)
    db.session.commit()
    lower, higher = sorted((offices, schools), key=lambda v: suggestion_of(v, person).score)
    assert suggestion_of(lower, person).score < suggestion_of(higher, person).score  # only the interest lifts it
    says_interested(app, lower, person)
    login(client, make_user("staff"))
    html = client.get(f"/medewerker/werkzoekenden/{person.id}").get_data(as_text=True)
    titles = [h3.a.get_text(strip=True).split(" · ")[0] for h3 in page(html).select("li.suggestion h3")]
    assert titles[:2] == [lower.title, higher.title]
    assert "zelf gezegd: heeft interesse" in item_of(html, lower.title)
