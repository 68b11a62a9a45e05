"""The queue filter "Verberg wie elders is voorgesteld of al werkt" keeps people at work who said they want more
hours, marked with the hours they have left; it hides the others at work or proposed elsewhere."""

from tests.factories import make_user, make_vacancy
from tests.helpers import login
from tests.html import page
from tests.werkstation.placements.test_more_hours import AFTERNOON, ask_more_hours, at_work
from tests.werkstation.staff.workspace import proposed, scored
from werkstation import matching_bridge
from werkstation.extensions import db


def names_in(html):
    return [li.find("h3").find("a").get_text(strip=True) for li in page(html).select("li.suggestion")]


def test_the_free_filter_keeps_people_at_work_who_want_more_hours(app, client):
    staff = make_user("staff")
    person, _work = at_work(staff)
    person.name = "Meer Uren"
    db.session.commit()
    login(client, person.user)
    assert ask_more_hours(client, person, 20).status_code == 302
    small = make_vacancy(title="Schoonmaker middag", hours_min=4, hours_max=8, schedule=AFTERNOON)
    _, (waiting,) = scored(small, name="Wacht Nog", availability=AFTERNOON)
    dishes, (busy,) = scored(make_vacancy(title="Afwasser", schedule={"sat": ["evening"]}), name="Al Voorgesteld",
                             availability={"mon": ["afternoon"], "sat": ["evening"]})
    proposed(dishes, busy, staff)
    matching_bridge.rescore(small)
    db.session.commit()
    client = app.test_client()
    login(client, staff)
    queue = f"/medewerker/vacatures/{small.id}"
    everyone = client.get(queue).get_data(as_text=True)
    assert {"Meer Uren", "Wacht Nog", "Al Voorgesteld"} <= set(names_in(everyone))
    free = client.get(f"{queue}?free=y").get_data(as_text=True)
    assert "Meer Uren" in names_in(free) and "Wacht Nog" in names_in(free)
    assert "Al Voorgesteld" not in names_in(free)
    row = next(li for li in page(free).select("li.suggestion") if "Meer Uren" in li.get_text())
    assert "werkt al, wil meer uren (nog 8 uur)" in row.get_text(" ", strip=True)
