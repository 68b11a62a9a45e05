"""The learning page: the model in use in plain words, its AUC with an interval, adoption beyond noise or by an
administrator's audited choice, and one click back to the default weights."""

from sqlalchemy import select

from matching.scorer import FEATURE_NAMES
from tests.factories import make_user
from tests.helpers import csrf_token, login
from tests.html import page, text
from tests.werkstation.matching_bridge.test_plan_and_learning import staff_pick_people_close_by
from werkstation import matching_bridge
from werkstation.extensions import db
from werkstation.models import AuditEvent, MatchModel

URL = "/beheer/leren"


def post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, URL), **data})


def actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("model.%"))
                                                  .order_by(AuditEvent.id))]


def test_learning_adopts_a_clearly_better_model_shows_it_in_plain_words_and_reverts_in_one_click(app, client):
    staff_pick_people_close_by()
    login(client, make_user("admin"))
    before = text(client.get(URL))
    assert "de standaardgewichten" in before and "Er zijn 16 besluiten en uitkomsten om van te leren." in before
    assert post(client, "/beheer/leren/nu").status_code == 302
    model = db.session.scalar(select(MatchModel).where(MatchModel.active))
    assert model is not None and model.report["improvement_ci"][0] > 0
    shown = client.get(URL)
    weights = page(shown).find(id="weights").get_text(" ")
    assert "Reistijd telt nu zwaarder" in " ".join(weights.split())
    quality = " ".join(page(shown).find(id="quality").get_text(" ").split())
    assert f"{model.report['learned_roc_auc']:.3f}" in quality and "95%-interval" in quality
    assert post(client, "/beheer/leren/standaard").status_code == 302
    assert matching_bridge.active_model() is None
    assert actions() == ["model.learn", "model.revert"]


def test_a_model_that_is_not_surely_better_is_only_used_by_explicit_audited_choice(app, client):
    staff_pick_people_close_by()
    # staff already use a model that ranks these decisions perfectly; the new one cannot be surely better
    db.session.add(MatchModel(version="learned-travel-only", active=True, report={"used": "learned"},
                              weights={"model_version": "learned-travel-only",
                                       "weights": {name: float(name == "travel") for name in FEATURE_NAMES}}))
    db.session.commit()
    login(client, make_user("admin"))
    post(client, "/beheer/leren/nu")
    assert matching_bridge.active_model().version == "learned-travel-only"
    candidate = db.session.scalar(select(MatchModel).where(MatchModel.active.is_(False)))
    assert candidate is not None and "Toch gebruiken" in text(client.get(URL))
    unconfirmed = post(client, f"/beheer/leren/{candidate.id}/gebruiken")
    assert unconfirmed.status_code == 400 and "Vink aan dat je dit model zelf kiest." in text(unconfirmed)
    chosen = post(client, f"/beheer/leren/{candidate.id}/gebruiken", confirm="y")
    assert chosen.status_code == 302 and matching_bridge.active_model().id == candidate.id
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "model.adopt"))
    assert event.details["explicit"] is True and event.actor_role == "admin"


def test_staff_cannot_change_the_model(app, client):
    login(client, make_user("staff"))
    assert client.get(URL).status_code == 403
    assert client.post("/beheer/leren/standaard").status_code in (400, 403)
