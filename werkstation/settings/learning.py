"""The administrator's learning page: the model in use in plain words, how well it does, and the choice of model."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField
from wtforms.validators import DataRequired

from .. import audit, matching_bridge
from ..access import roles
from ..engine import Matcher
from ..explanations import FEATURE_LABELS
from ..extensions import db
from ..forms import ButtonForm, Form
from ..models import MatchModel
from ..persistence import save_or_back
from ..vocabulary import Role
from .routes import bp

SAME = 0.02  # weights within two percentage points of each other count as "even zwaar"


@dataclass
class WeightLine:
    label: str
    default: float
    current: float

    @property
    def words(self):
        if self.current > self.default + SAME:
            return _l("telt nu zwaarder")
        if self.current < self.default - SAME:
            return _l("telt nu lichter")
        return _l("telt even zwaar")


class ChoiceForm(Form):
    confirm = BooleanField(_l("Ik kies dit model zelf, ook al is het niet zeker beter"),
                           validators=[DataRequired(message=_l("Vink aan dat je dit model zelf kiest."))])


def weight_lines(weights):
    defaults = Matcher().current_weights()
    return [WeightLine(str(FEATURE_LABELS.get(name, name)), defaults[name], weights.get(name, 0.0)) for name in defaults]


def _page(choice_form=None, status=200):
    active = matching_bridge.active_model()
    current = matching_bridge.active_matcher().current_weights()
    candidates = db.session.scalars(select(MatchModel).where(MatchModel.active.is_(False))
                                    .order_by(MatchModel.id.desc()).limit(5)).all()
    return render_template("settings/learning.html", active=active, lines=weight_lines(current),
                           report=(active.report if active is not None else None), candidates=candidates,
                           choice_form=choice_form or ChoiceForm(), form=ButtonForm(),
                           n_examples=len(matching_bridge.training_examples()),
                           n_interest=len(matching_bridge.interest_examples())), status


@bp.route("/leren")
@roles(Role.ADMIN)
def learning():
    """The model in use: its weights in plain words, its held-out AUC with an interval, what it learned from."""
    return _page()


@bp.route("/leren/nu", methods=["POST"])
@roles(Role.ADMIN)
def learn_now():
    """Learn from the decisions so far; adopted only when better beyond noise."""
    form = ButtonForm.pressed()
    result = matching_bridge.learn(random_state=0)
    audit.record("model.learn", None, used=result.used, version=result.model_version,
                 improvement_ci=result.report.get("improvement_ci"), n_pairs=result.report.get("n_pairs"))
    if result.used:
        matching_bridge.rematch_all()
    return save_or_back(form, url_for("settings.learning"),
                        _l("Het nieuwe model is duidelijk beter en wordt nu gebruikt.") if result.used else
                        _l("Het nieuwe model is niet zeker beter. Het oude model blijft in gebruik."))


@bp.route("/leren/<int:model_id>/gebruiken", methods=["POST"])
@roles(Role.ADMIN)
def adopt_model(model_id):
    """An administrator's explicit choice of a learned model that was not adopted by itself (audited)."""
    model = db.get_or_404(MatchModel, model_id)
    form = ChoiceForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    matching_bridge.adopt(model)
    audit.record("model.adopt", model, version=model.version, explicit=True)
    matching_bridge.rematch_all()
    return save_or_back(form, url_for("settings.learning"),
                        _l("Dit model wordt nu gebruikt. De suggesties zijn opnieuw berekend."))


@bp.route("/leren/standaard", methods=["POST"])
@roles(Role.ADMIN)
def revert_model():
    """Back to the default weights in one click (audited)."""
    form = ButtonForm.pressed()
    previous = matching_bridge.active_model()
    matching_bridge.adopt(None)
    audit.record("model.revert", previous, version=previous.version if previous else None)
    matching_bridge.rematch_all()
    return save_or_back(form, url_for("settings.learning"), _l("De standaardgewichten worden weer gebruikt."))
