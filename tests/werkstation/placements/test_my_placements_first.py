""""Mijn taken" shows first the placements this staff member proposed (a placement has no other owner), and the
rest of the team's in their own section below, with who proposed them."""

from datetime import timedelta

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import login
from tests.html import page
from tests.werkstation.placements.test_placement_rules import at_introduction
from tests.werkstation.placements.test_work_state import both_yes
from tests.werkstation.staff.workspace import proposed
from werkstation.extensions import db
from werkstation.models import utcnow
from werkstation.placements import pipeline


def section(html, title_id):
    """What a reader sees under one heading of "Mijn taken"."""
    soup = page(html)
    heading = soup.find(id=title_id)
    found = soup.find("section", attrs={"aria-labelledby": title_id})
    if found is None:  # a sub-heading inside the team's section: its text up to the next heading
        parts = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            parts.append(sibling.get_text(" ", strip=True))
        return " ".join(parts)
    return found.get_text(" ", strip=True)


def waiting_for(staff, name):
    """A proposal by `staff` that both sides said yes to (a kennismaking to plan), and a trial by `staff` that ends
    in 3 days."""
    both_yes(proposed(make_vacancy(), make_jobseeker(name=f"{name} Kennismaking"), staff))
    trial = at_introduction(staff, name=f"{name} Proef")
    today = utcnow().date()
    pipeline.move(trial, "proefplaatsing", staff, trial_start=today - timedelta(days=20),
                  trial_end=today + timedelta(days=3))
    db.session.commit()


def test_my_tasks_show_my_placements_first_and_the_team_apart(app, client):
    me, colleague = make_user("staff", email="ik@coop.example"), make_user("staff", email="collega@coop.example")
    waiting_for(me, "Mijn")
    waiting_for(colleague, "Collega")
    login(client, me)
    html = client.get("/medewerker/taken").get_data(as_text=True)
    to_plan, ending = section(html, "to-plan-title"), section(html, "trials-ending-title")
    assert "Mijn Kennismaking" in to_plan and "Collega Kennismaking" not in to_plan
    assert "Mijn Proef" in ending and "Collega Proef" not in ending
    team = section(html, "team-title")
    assert "Collega Kennismaking" in team and "Collega Proef" in team and "Mijn" not in team
    assert "voorgesteld door collega@coop.example" in team
    assert "Collega Kennismaking" in section(html, "team-to-plan-title")
    assert "Collega Proef" in section(html, "team-trials-ending-title")
    assert html.index("Mijn Proef") < html.index('id="team-title"')  # mine first, then the team's

    other = app.test_client()
    login(other, colleague)
    theirs = other.get("/medewerker/taken").get_data(as_text=True)
    assert "Collega Kennismaking" in section(theirs, "to-plan-title")
    assert "Mijn Kennismaking" in section(theirs, "team-title")
    assert "voorgesteld door ik@coop.example" in section(theirs, "team-title")


def test_a_placement_whose_proposer_left_is_the_teams(app, client):
    me, gone = make_user("staff"), make_user("staff")
    waiting_for(gone, "Vertrokken")
    db.session.delete(gone)  # the account is removed; the placement stays, without a proposer
    db.session.commit()
    login(client, me)
    html = client.get("/medewerker/taken").get_data(as_text=True)
    assert "Vertrokken Kennismaking" not in section(html, "to-plan-title")
    team = section(html, "team-title")
    assert "Vertrokken Kennismaking" in team and "voorgesteld door onbekend" in team
