"""'Regelingen' edited in two tabs: the second save does not silently undo the first. It gets the conflict message,
and the page shows the list that was saved first, so the second person can tick again knowing about it."""

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import page, text
from tests.werkstation.staff.workspace import proposed
from werkstation.extensions import db
from werkstation.models import Placement


def instruments_form(client, url):
    """The hidden fields of the 'Regelingen' form as a tab loaded it."""
    form = page(client.get(url)).find("form", action=lambda a: a and a.endswith("/instrumenten"))
    return {i["name"]: i.get("value", "") for i in form.find_all("input", type="hidden")}


def ticked(client, url):
    form = page(client.get(url)).find("form", action=lambda a: a and a.endswith("/instrumenten"))
    return {i["value"] for i in form.find_all("input", attrs={"name": "instruments"}) if i.has_attr("checked")}


def test_the_second_tab_gets_the_conflict_message_and_sees_the_first_tabs_list(app, client):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    login(client, staff)
    url = f"/medewerker/plaatsingen/{placement.id}"
    first_tab, second_tab = instruments_form(client, url), instruments_form(client, url)

    saved = client.post(f"{url}/instrumenten", data={**first_tab, "instruments": ["no_riskpolis", "jobcoach"]})
    assert saved.status_code == 302
    late = client.post(f"{url}/instrumenten", data={**second_tab, "instruments": ["loonkostensubsidie"]},
                       follow_redirects=True)
    assert "Iemand anders heeft dit net veranderd. Je wijzigingen zijn nog niet opgeslagen." in text(late.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Placement, placement.id).instruments == ["no_riskpolis", "jobcoach"]
    assert ticked(client, url) == {"no_riskpolis", "jobcoach"}  # the page shows the list that won

    # Ticking again on the fresh page saves, with the other person's change in view.
    again = client.post(f"{url}/instrumenten", data={**instruments_form(client, url),
                                                      "instruments": ["no_riskpolis", "jobcoach", "loonkostensubsidie"]})
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(Placement, placement.id).instruments == ["no_riskpolis", "jobcoach", "loonkostensubsidie"]


def test_the_same_form_sent_twice_is_saved_once_without_a_conflict(app, client):
    staff = make_user("staff")
    placement = proposed(make_vacancy(), make_jobseeker(), staff)
    login(client, staff)
    url = f"/medewerker/plaatsingen/{placement.id}"
    tab = {**instruments_form(client, url), "instruments": ["jobcoach"]}
    assert client.post(f"{url}/instrumenten", data=tab).status_code == 302
    double = client.post(f"{url}/instrumenten", data=tab, follow_redirects=True)
    assert "Iemand anders heeft dit net veranderd" not in text(double.get_data(as_text=True))
    assert db.session.get(Placement, placement.id).instruments == ["jobcoach"]
