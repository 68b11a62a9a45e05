"""The scoring model in use: learned weights when staff accepted them, else the defaults."""

from __future__ import annotations

from sqlalchemy import select

from ..engine import Matcher
from ..extensions import db
from ..models import MatchModel
from ..neighbourhood import pc4_codes


def active_model() -> MatchModel | None:
    """The stored model in use (the newest active one), or None when the default weights are used."""
    return db.session.scalar(select(MatchModel).where(MatchModel.active).order_by(MatchModel.id.desc()))


def active_matcher() -> Matcher:
    """The active model: learned weights when staff accepted them, else the defaults."""
    resident = pc4_codes() or None
    model = active_model()
    if model is not None:
        return Matcher.from_weights(model.weights, resident_pc4=resident)
    return Matcher(resident_pc4=resident)
