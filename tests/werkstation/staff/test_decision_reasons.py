"""The reason list on the decision form: the shortlist reasons and the reject reasons in their own labelled group
(works without JavaScript), and a reason from the other group is refused with a message next to the list."""

from tests.factories import make_user
from tests.helpers import csrf_token, login
from tests.html import page
from tests.werkstation.staff.workspace import scored, suggestion_of
from werkstation.extensions import db
from werkstation.models import Suggestion


def reason_groups(html):
    """{group label: [option values]} of the reason list, with None for the options outside a group."""
    select = page(html).find("select", attrs={"name": "reason"})
    groups = {None: [o["value"] for o in select.find_all("option", recursive=False)]}
    for group in select.find_all("optgroup"):
        groups[group["label"]] = [o["value"] for o in group.find_all("option")]
    return groups


def test_the_reasons_are_grouped_per_decision(app, client):
    vacancy, (person,) = scored()
    login(client, make_user("staff"))
    groups = reason_groups(client.get(f"/medewerker/suggesties/{suggestion_of(vacancy, person).id}"))
    assert groups[None] == [""]
    assert list(groups)[1:] == ["Redenen voor de shortlist", "Redenen om af te wijzen"]
    assert groups["Redenen voor de shortlist"] and all(v.startswith("shortlist:") for v in groups["Redenen voor de shortlist"])
    assert groups["Redenen om af te wijzen"] and all(v.startswith("reject:") for v in groups["Redenen om af te wijzen"])


def test_a_reason_of_the_other_decision_is_refused_next_to_the_list(app, client):
    vacancy, (person,) = scored()
    row = suggestion_of(vacancy, person)
    login(client, make_user("staff"))
    url = f"/medewerker/suggesties/{row.id}"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "decision": "shortlist",
                                      "reason": "reject:travel"})
    assert response.status_code == 400
    assert "Kies een reden die bij je besluit past." in page(response).find(id="reason-error").get_text()
    assert page(response).find("select", attrs={"name": "reason"}).find("option", selected=True)["value"] == "reject:travel"
    assert db.session.get(Suggestion, row.id).decision is None
