"""A stored suggestion's explanation, as staff read it: what fits, what is missing, travel time, hours, and a
breakdown whose points add up to the score."""

from __future__ import annotations

import math
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

FEATURE_LABELS = {
    "occupation": _l("Beroep en ervaring"),
    "talents_required": _l("Gevraagde talenten"),
    "talents_preferred": _l("Gewenste talenten"),
    "text": _l("Eigen woorden"),
    "hours": _l("Uren per week"),
    "schedule": _l("Dagen en dagdelen"),
    "travel": _l("Reistijd"),
    "language": _l("Taal"),
    "credentials": _l("Rijbewijs en certificaten"),
    "resident": _l("Woont in de wijk"),
}
# Outcome words in the engine's codes that mean "this part does not (fully) fit".
MISSING_OUTCOMES = {"none", "missing", "below", "partial", "no_fit", "too_far", "unknown", "no", "unit_group",
                    "minor_group"}
NEUTRAL_OUTCOMES = {"no_requirement"}


@dataclass(frozen=True)
class Part:
    feature: str
    label: object  # a lazy translated string
    detail: str
    points: float  # share of the score, in points out of 100 (one decimal)
    fits: bool


@dataclass(frozen=True)
class Explained:
    score_points: float
    eligible: bool
    reasons: list[str]
    parts: list[Part]
    fits: list[Part]
    missing: list[Part]
    travel: str | None
    hours: str | None


def rounded_points(values, total_points):
    """Round each contribution to one decimal so the rounded parts add up exactly to the rounded total."""
    tenths = [v * 1000 for v in values]
    floors = [math.floor(t) for t in tenths]
    target = round(total_points * 10)
    short = target - sum(floors)
    order = sorted(range(len(values)), key=lambda i: tenths[i] - floors[i], reverse=True)
    for i in order[: max(0, short)]:
        floors[i] += 1
    return [f / 10 for f in floors]


def explain(explanation: dict) -> Explained:
    """Turn Suggestion.explanation into parts for the page."""
    raw = explanation.get("parts") or []
    score = float(explanation.get("score") or sum(p.get("contribution", 0.0) for p in raw))
    total = round(score * 100, 1)
    points = rounded_points([float(p.get("contribution") or 0.0) for p in raw], total)
    parts = []
    for p, pts in zip(raw, points, strict=True):
        outcome = (p.get("code") or "").rsplit(".", 1)[-1]
        fits = outcome not in MISSING_OUTCOMES and outcome not in NEUTRAL_OUTCOMES and pts > 0
        parts.append(Part(p.get("feature", ""), FEATURE_LABELS.get(p.get("feature"), p.get("feature", "")),
                          p.get("detail", ""), pts, fits))
    by_feature = {p.feature: p for p in parts}
    missing = [p for p, r in zip(parts, raw, strict=True)
               if (r.get("code") or "").rsplit(".", 1)[-1] in MISSING_OUTCOMES]
    return Explained(
        score_points=total,
        eligible=bool(explanation.get("eligible", True)),
        reasons=list(explanation.get("reasons") or []),
        parts=parts,
        fits=[p for p in parts if p.fits],
        missing=missing,
        travel=by_feature["travel"].detail if "travel" in by_feature else None,
        hours=by_feature["hours"].detail if "hours" in by_feature else None,
    )
