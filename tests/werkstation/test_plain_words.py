"""Plain words on the pages: days in weekday order, "16 uur" for one number of hours, plurals from the catalog."""

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import text
from werkstation.vocabulary import hours_text, in_week_order


def test_days_are_in_weekday_order_whatever_order_they_were_stored_in():
    stored = {"fri": ["morning"], "mon": ["evening", "morning"], "wed": [], "sun": ["afternoon"]}
    assert in_week_order(stored) == [("mon", ["morning", "evening"]), ("fri", ["morning"]), ("sun", ["afternoon"])]


def test_hours_read_as_one_number_when_both_ends_are_the_same(app):
    with app.test_request_context():
        assert hours_text(16, 16) == "16 uur"
        assert hours_text(12, 20) == "12 tot 20 uur"


def test_the_pages_show_ordered_days_single_hours_and_real_plurals(app, client):
    person = make_jobseeker(hours_min=16, hours_max=16, availability={"fri": ["morning"], "mon": ["afternoon"]})
    vacancy = make_vacancy(seats=2, hours_min=16, hours_max=16, schedule={"thu": ["morning"], "tue": ["morning"]})
    login(client, person.user)
    profile = text(client.get("/profiel").get_data(as_text=True))
    assert "16 uur" in profile and "16 tot 16" not in profile
    assert profile.index("maandag") < profile.index("vrijdag")
    client = app.test_client()
    login(client, make_user("staff"))
    queue = text(client.get(f"/medewerker/vacatures/{vacancy.id}").get_data(as_text=True))
    assert "van 2 plekken bezet" in queue and "plek(ken)" not in queue
    assert queue.index("dinsdag") < queue.index("donderdag")
    page = text(client.get(f"/vacatures/{vacancy.id}").get_data(as_text=True))
    assert "16 uur" in page and "16 tot 16" not in page
