"""A stored suggestion's explanation, as staff read it: what fits, what is missing, travel time, hours, and a
breakdown whose points add up to the score."""

from __future__ import annotations

import math
from dataclasses import dataclass

from flask import has_request_context
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

from .engine import COMPARISONS, language_gaps, language_name
from .vocabulary import occupation_label
from .writing import list_text

# Each comparison of the matching engine names itself, gives its Dutch label (translated through the catalog) and
# says which outcomes of its explanation codes ("<feature>.<outcome>") mean "does not (fully) fit" and which one
# means that it failed as a hard requirement.
FEATURE_LABELS = {kind.name: _l(kind.label) for kind in COMPARISONS}
_KINDS = {kind.name: kind for kind in COMPARISONS}
NEUTRAL_OUTCOMES = {"no_requirement"}


def _outcome(part: dict) -> str:
    return (part.get("code") or "").rsplit(".", 1)[-1]


def _is_missing(part: dict) -> bool:
    kind = _KINDS.get(part.get("feature"))
    return kind is not None and _outcome(part) in kind.missing


def _is_failed_requirement(part: dict) -> bool:
    kind = _KINDS.get(part.get("feature"))
    return kind is not None and kind.hard and _outcome(part) == kind.failed


UNKNOWN_OUTCOME = "unknown"


@dataclass(frozen=True)
class Part:
    feature: str
    label: object  # a lazy translated string
    detail: str
    points: float  # share of the score, in points out of 100 (one decimal)
    fits: bool  # adds points and is a known, met fact: listed under "Past"
    fit_detail: str = ""  # the phrase under "Past" (only what adds the points)
    missing_detail: str = ""  # the phrase under "Mist" (only what is missing), empty when nothing is


@dataclass(frozen=True)
class Explained:
    score_points: float
    eligible: bool
    reasons: list[str]  # the hard requirements not met ("voldoet niet aan: ..."), shown first
    parts: list[Part]
    fits: list[Part]  # parts that add points
    missing: list[Part]  # parts with something missing (never a failed requirement: those are the reasons)
    unknown: list[Part]  # parts the profile says nothing about (they count half)
    travel: str | None
    hours: str | None
    warnings: list[str]  # what the person misses that the vacancy asks for, although it is no hard requirement


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


# The engine explains in Dutch; for the English interface the same facts are phrased from each part's code and
# params (data, like the instruments file). Unknown codes keep the engine's Dutch phrase.
TRAVEL_EN = {"walk": "walking", "bike": "by bike", "public_transport": "by public transport", "car": "by car"}
KIND_EN = {"done": "has worked as", "wanted": "would like to work as", "either": "has worked or wants to work as",
           "described": "tells in their own words about work as"}
OCCUPATION_EN = {"same": "", "related": " (related occupation)", "unit_group": " (same occupation group)",
                 "minor_group": " (related occupation group)"}


def _hours(pair):
    lo, hi = (int(x) if x == x else None for x in pair)  # NaN != NaN
    if lo is None and hi is None:
        return "? hours"
    if lo == hi or hi is None:
        return f"{lo} hours"
    return f"{lo}-{hi} hours"


def _credential_en(key):
    kind, _sep, name = key.partition(":")
    if kind.lower().startswith("l"):
        return f"driving licence {name}"
    return {"HEFTRUCK": "forklift certificate", "SOCIALE HYGIENE": "Social Hygiene certificate"}.get(name, name)


def english_detail(code: str, params: dict) -> str | None:
    """An English phrase for one explanation part, or None when the code is not known here."""
    p = params or {}
    kind, _sep, outcome = code.rpartition(".")
    try:
        if kind == "occupation":
            if outcome in OCCUPATION_EN:
                return f"{KIND_EN.get(p.get('kind'), KIND_EN['done'])} {p['label']}{OCCUPATION_EN[outcome]}"
            if outcome == "none":
                return f"no experience as {occupation_label(p['vacancy_occupation'])}"
            return {"unknown": "no occupation given",
                    "no_requirement": "vacancy without a recognised occupation"}.get(outcome)
        if kind in ("talents.required", "talents.preferred"):
            word = "required" if kind.endswith("required") else "preferred"
            missing = ", ".join(p.get("missing", []))
            return {"no_requirement": f"no {word} talents", "all": f"has all {p.get('total')} {word} talents" if p.get("total") != 1 else f"has the {word} talent",
                    "none": f"missing {word} talents: {missing}",
                    "partial": f"has {p.get('have')} of {p.get('total')} {word} talents (missing {missing})"}.get(outcome)
        if kind == "text":
            return {"unknown": "no own description", "similar": "own words match the vacancy: "
                    + ", ".join(p.get("words", [])), "none": "own words do not resemble the vacancy"}.get(outcome)
        if kind == "hours":
            if outcome in ("fit", "no_fit"):
                text = f"can do {_hours(p['candidate'])}, vacancy {_hours(p['vacancy'])}"
                return text if outcome == "fit" else "hours do not fit: " + text
            return {"no_requirement": "vacancy asks no hours", "unknown": "hours unknown"}.get(outcome)
        if kind == "schedule":
            return {"no_requirement": "no fixed parts of the day", "unknown": "availability unknown",
                    "all": f"can do all {p.get('asked')} requested parts of the day",
                    "partial": f"can do {p.get('can')} of {p.get('asked')} requested parts of the day"}.get(outcome)
        if kind == "travel":
            if outcome == "time":
                return f"{p['minutes']} min {TRAVEL_EN.get(p.get('mode'), '')}".strip()
            if outcome == "too_far":
                return f"travel {p['minutes']} min, max {p['max']:g}"
            return {"unknown": "travel time unknown"}.get(outcome)
        if kind == "language":
            required, levels = p.get("required", {}), p.get("levels", {})
            name = lambda c: language_name(c, "en")  # noqa: E731
            if outcome == "ok":
                return ", ".join(f"{name(c)} {levels.get(c)} (asks {need})" for c, need in required.items())
            if outcome == "below":
                return "; ".join(language_gaps(required, levels, "en")) or "a language nobody gives"
            return {"no_requirement": "no language requirement"}.get(outcome)
        if kind == "credentials":
            if outcome == "missing":
                return "missing " + " and ".join(_credential_en(x) for x in p.get("missing", []))
            if outcome == "ok":
                return "has " + " and ".join(_credential_en(x) for x in p.get("held", []))
            return {"no_requirement": "no driving licence or certificate asked"}.get(outcome)
        if kind == "resident":
            return {"yes": "lives in the neighbourhood", "no": "lives outside the neighbourhood",
                    "unknown": "postcode unknown"}.get(outcome)
    except (KeyError, TypeError, ValueError):
        return None
    return None


def _english():
    return has_request_context() and str(get_locale() or "nl").startswith("en")


def _(message: str, **params) -> str:
    """The message in the interface's language (Dutch outside a request, e.g. in scheduled jobs)."""
    return gettext(message, **params) if has_request_context() else message % params


def _whole_phrase(part: dict) -> str | None:
    """The phrase of a part that fits completely ("het gevraagde talent" for one, "alle 3" for more), or None."""
    kind, _sep, outcome = (part.get("code") or "").rpartition(".")
    p = part.get("params") or {}
    try:
        if kind == "talents.required" and outcome == "all":
            if int(p["total"]) == 1:
                return _("heeft het gevraagde talent")
            return _("heeft alle %(num)s gevraagde talenten", num=p["total"])
        if kind == "talents.preferred" and outcome == "all":
            if int(p["total"]) == 1:
                return _("heeft het gewenste talent")
            return _("heeft alle %(num)s gewenste talenten", num=p["total"])
        if kind == "schedule" and outcome == "all":
            if int(p["asked"]) == 1:
                return _("kan het gevraagde dagdeel")
            return _("kan alle %(num)s gevraagde dagdelen", num=p["asked"])
    except (KeyError, TypeError, ValueError):
        return None
    return None


def _hours_barely(part: dict) -> bool:
    """Whether the hours "fit" only at one edge (e.g. can 0-12, vacancy 12-20): no useful overlap."""
    if part.get("code") != "hours.fit":
        return False
    try:
        clo, chi = (float(x) for x in part["params"]["candidate"])
        vlo, vhi = (float(x) for x in part["params"]["vacancy"])
    except (KeyError, TypeError, ValueError):
        return False
    return vhi > vlo and min(chi, vhi) - max(clo, vlo) <= 0


def _warning(part: dict) -> str | None:
    """A short warning when a person misses something the vacancy asks for that is not a hard requirement."""
    kind, _sep, outcome = (part.get("code") or "").rpartition(".")
    p = part.get("params") or {}
    if kind == "talents.required" and outcome in ("none", "partial"):
        return _("mist een gevraagd talent")
    if kind == "schedule" and outcome == "partial" and str(p.get("can")) == "0":
        return _("kan geen van de gevraagde dagdelen")
    return None


def _partial_phrases(part: dict) -> tuple[str, str] | None:
    """(what adds points, what is missing) of a part that fits only partly, or None."""
    kind, _sep, outcome = (part.get("code") or "").rpartition(".")
    p = part.get("params") or {}
    try:
        if kind == "talents.required" and outcome == "partial":
            return (_("heeft %(have)s van %(total)s gevraagde talenten", have=p["have"], total=p["total"]),
                    _("mist gevraagde talenten: %(names)s", names=list_text(p["missing"])))
        if kind == "talents.preferred" and outcome == "partial":
            return (_("heeft %(have)s van %(total)s gewenste talenten", have=p["have"], total=p["total"]),
                    _("mist gewenste talenten: %(names)s", names=list_text(p["missing"])))
        if kind == "schedule" and outcome == "partial":
            return (_("kan %(can)s van de %(asked)s gevraagde dagdelen", can=p["can"], asked=p["asked"]),
                    _("kan %(n)s van de %(asked)s gevraagde dagdelen niet", n=int(p["asked"]) - int(p["can"]),
                      asked=p["asked"]))
    except (KeyError, TypeError, ValueError):
        return None
    return None


def _part(raw: dict, points: float, detail: str) -> Part:
    """One part with its place in the summary: under "Past" only when it adds points (and is not a failed hard
    requirement or an unknown), under "Mist" only what is missing."""
    outcome = _outcome(raw)
    failed = _is_failed_requirement(raw)
    unknown = outcome == UNKNOWN_OUTCOME
    partial = _partial_phrases(raw) if points > 0 and not failed else None
    barely = _hours_barely(raw)
    fits = points > 0 and not failed and not unknown and not barely and outcome not in NEUTRAL_OUTCOMES
    if partial:
        fit_detail, missing_detail = partial
    elif barely:
        fit_detail, missing_detail = "", _("uren passen maar net: %(detail)s", detail=detail)
    else:
        fit_detail = detail if fits else ""
        missing_detail = detail if _is_missing(raw) and not failed and not unknown and points == 0 else ""
    return Part(raw.get("feature", ""), FEATURE_LABELS.get(raw.get("feature"), raw.get("feature", "")),
                detail, points, fits, fit_detail, missing_detail)


def _told_by_meaning(raw, parts) -> bool:
    """Whether the occupation part already counts the person's own words by meaning (then "own words do not look
    like the vacancy" would contradict it under "Mist")."""
    return any(r.get("feature") == "occupation" and (r.get("params") or {}).get("kind") == "described" and p.points > 0
               for r, p in zip(raw, parts, strict=True))


def model_words(version: str | None) -> str:
    """Which weights made a score, in words staff read: "standaardweging 2026.1" for the defaults, "geleerd van
    besluiten (a1b2c3d4e5)" for weights learned from their decisions; an unknown form as it is."""
    version = version or ""
    kind, _sep, rest = version.partition("-")
    if kind == "default" and rest:
        return gettext("standaardweging %(v)s", v=rest)
    if kind == "learned" and rest:
        return gettext("geleerd van besluiten (%(v)s)", v=rest)
    return version


def explain(explanation: dict) -> Explained:
    """Turn Suggestion.explanation into parts for the page (phrased in English when the interface is English)."""
    raw = explanation.get("parts") or []
    score = float(explanation.get("score") or sum(p.get("contribution", 0.0) for p in raw))
    total = round(score * 100, 1)
    points = rounded_points([float(p.get("contribution") or 0.0) for p in raw], total)
    english = _english()
    parts = []
    for p, pts in zip(raw, points, strict=True):
        detail = p.get("detail", "")
        if english:
            detail = english_detail(p.get("code") or "", p.get("params") or {}) or detail
        detail = _whole_phrase(p) or detail
        parts.append(_part(p, pts, detail))
    by_feature = {p.feature: p for p in parts}
    reasons = list(explanation.get("reasons") or [])
    eligible = bool(explanation.get("eligible", True))
    if english and reasons:
        hard = [part.detail for part, r in zip(parts, raw, strict=True) if _is_failed_requirement(r)]
        reasons = hard or reasons
    return Explained(
        score_points=total,
        eligible=eligible,
        reasons=reasons,
        parts=parts,
        fits=[p for p in parts if p.fits],
        missing=[p for p in parts if p.missing_detail and not (p.feature == "text" and _told_by_meaning(raw, parts))],
        unknown=[p for p, r in zip(parts, raw, strict=True) if _outcome(r) == UNKNOWN_OUTCOME],
        travel=by_feature["travel"].detail if "travel" in by_feature else None,
        hours=by_feature["hours"].detail if "hours" in by_feature else None,
        warnings=[w for w in (_warning(r) for r in raw) if w] if eligible else [],
    )
