"""Impact figures for the staff dashboard: each figure has its numbers (for a table and a CSV file) and a simple
bar chart drawn as server-side SVG."""

from __future__ import annotations

import csv
import io
import math
import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Placement, Suggestion, utcnow
from ..neighbourhood import lives_here
from ..placements.pipeline import add_months, contact_shared, start_date
from ..vocabulary import Decision, Stage

MONTHS = 12
CHART_WIDTH, CHART_HEIGHT = 640, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 16, 48


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str


@dataclass
class Figure:
    name: str
    title: str
    description: str
    columns: list[str]
    rows: list[tuple]
    chart_values: list[float] = field(default_factory=list)
    chart_labels: list[str] = field(default_factory=list)
    unit: str = ""
    summary: str = ""
    chart_texts: list[str] = field(default_factory=list)  # printed on the bars instead of the values (e.g. "< 5")

    def csv(self) -> str:
        """The figure's table as CSV text (header row first)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()

    @property
    def chart(self) -> dict:
        """Geometry of the bars and axis, ready for the SVG template."""
        values = self.chart_values
        top = 100.0 if self.unit == "%" else nice_top(max(values, default=0))
        inner_w = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
        inner_h = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
        slot = inner_w / max(1, len(values))
        bars = []
        for i, (value, label) in enumerate(zip(values, self.chart_labels, strict=True)):
            h = inner_h * value / top
            text = self.chart_texts[i] if self.chart_texts else _number(value) + self.unit
            bars.append(Bar(MARGIN_LEFT + i * slot + slot * 0.15, MARGIN_TOP + inner_h - h, slot * 0.7, h, label, text))
        hidden = any(text != _number(v) + self.unit for v, text in zip(values, self.chart_texts, strict=False))
        # an axis would tell a number the bar's text hides ("< 5"), so then there is none
        ticks = [] if hidden else [(MARGIN_TOP + inner_h - inner_h * f, _number(top * f)) for f in (0, 0.5, 1)]
        return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "bars": bars, "ticks": ticks,
                "left": MARGIN_LEFT, "right": CHART_WIDTH - MARGIN_RIGHT, "base": MARGIN_TOP + inner_h,
                "label_y": MARGIN_TOP + inner_h + 18, "value_offset": 4}


def nice_top(value):
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value` (at least 1), for round axis ticks."""
    if value <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)


def _number(value):
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _months(today):
    first = date(today.year, today.month, 1)
    return [add_months(first, -k) for k in range(MONTHS - 1, -1, -1)]


def _month_label(month):
    return format_date(month, "MMM yy")


def _placements():
    return db.session.scalars(
        select(Placement).options(selectinload(Placement.jobseeker), selectinload(Placement.vacancy))
        .order_by(Placement.id)
    ).all()


def placed_per_month(today=None, placements=None):
    """Residents who started working (trial or contract) per month, the last twelve months."""
    today = today or utcnow().date()
    placements = _placements() if placements is None else placements
    months = _months(today)
    counts = {m: 0 for m in months}
    for p in placements:
        start = start_date(p)
        if start is not None and lives_here(p.jobseeker.postcode):
            key = date(start.year, start.month, 1)
            if key in counts:
                counts[key] += 1
    rows = [(m.strftime("%Y-%m"), counts[m]) for m in months]
    return Figure(
        "bewoners-per-maand", _("Bewoners aan het werk geholpen, per maand"),
        _("Aantal bewoners van de wijk dat in een maand begon met een proefplaatsing of een baan."),
        [_("Maand"), _("Bewoners gestart")], rows, [float(counts[m]) for m in months],
        [_month_label(m) for m in months], summary=_("Totaal: %(n)s", n=sum(counts.values())),
    )


def hours_per_month(today=None, placements=None):
    """Hours of work per week going to residents, at the end of each month."""
    today = today or utcnow().date()
    placements = _placements() if placements is None else placements
    months = _months(today)
    rows, values = [], []
    for m in months:
        end = min(add_months(m, 1) - timedelta(days=1), today)
        total = 0
        for p in placements:
            start = start_date(p)
            if start is None or start > end or not lives_here(p.jobseeker.postcode):
                continue
            if p.stage == Stage.ENDED and p.ended_at is not None and p.ended_at <= end:
                continue
            total += p.hours_per_week or p.vacancy.hours_min or 0
        rows.append((m.strftime("%Y-%m"), total))
        values.append(float(total))
    return Figure(
        "uren-per-week", _("Uren werk per week voor de wijk"),
        _("Het totaal aantal uren per week dat bewoners werken via Werkstation, aan het eind van elke maand."),
        [_("Maand"), _("Uren per week")], rows, values, [_month_label(m) for m in months],
        summary=_("Nu: %(n)s uur per week", n=rows[-1][1] if rows else 0),
    )


def funnel(placements=None):
    """From suggestion to contract: how many pairs reached each step."""
    placements = _placements() if placements is None else placements
    suggestions = db.session.scalars(
        select(Suggestion.decision).where((Suggestion.eligible) | (Suggestion.decision.is_not(None)))
    ).all()
    steps = [
        (_("Suggestie"), len(suggestions)),
        (_("Op de shortlist"), sum(1 for d in suggestions if d == Decision.SHORTLIST)),
        (_("Voorgesteld"), len(placements)),
        (_("Allebei ja"), sum(1 for p in placements if contact_shared(p))),
        (_("Aan het werk"), sum(1 for p in placements if start_date(p) is not None)),
        (_("Contract"), sum(1 for p in placements if p.employed_since is not None)),
    ]
    return Figure(
        "trechter", _("Van suggestie tot contract"),
        _("Hoeveel koppels elke stap haalden: suggestie, shortlist, voorstel, allebei ja, aan het werk, contract."),
        [_("Stap"), _("Aantal")], steps, [float(n) for _s, n in steps], [s for s, _n in steps],
    )


def retained(p, months, today):
    """Still working `months` after the start (completed placements count as kept)."""
    start = start_date(p)
    mark = add_months(start, months)
    if p.stage != Stage.ENDED or p.ended_at is None:
        return True
    return p.ended_at >= mark


def retention(today=None, placements=None):
    """Of the people who started at least 3 (6) months ago, how many still work there after 3 (6) months."""
    today = today or utcnow().date()
    placements = _placements() if placements is None else placements
    rows, values, labels = [], [], []
    for months in (3, 6):
        started = [p for p in placements if start_date(p) is not None and add_months(start_date(p), months) <= today]
        kept = sum(1 for p in started if retained(p, months, today))
        share = round(100 * kept / len(started), 1) if started else 0.0
        rows.append((_("%(n)s maanden", n=months), len(started), kept, share))
        values.append(share)
        labels.append(_("na %(n)s maanden", n=months))
    return Figure(
        "behoud", _("Blijven mensen aan het werk?"),
        _("Percentage mensen dat na 3 en na 6 maanden nog werkt, van iedereen die lang genoeg geleden begon."),
        [_("Na"), _("Gestart"), _("Nog aan het werk"), _("Percentage")], rows, values, labels, unit="%",
    )


BUCKETS = ((0, 30), (31, 90), (91, 180), (181, 365), (366, None))


def time_to_first_placement(placements=None):
    """Days from intake to the first day of work, per person, grouped."""
    placements = _placements() if placements is None else placements
    first = {}
    for p in placements:
        start = start_date(p)
        if start is None:
            continue
        days = max(0, (start - p.jobseeker.created_at.date()).days)
        first[p.jobseeker_id] = min(days, first.get(p.jobseeker_id, days))
    rows, values, labels = [], [], []
    for lo, hi in BUCKETS:
        n = sum(1 for d in first.values() if d >= lo and (hi is None or d <= hi))
        label = _("%(lo)s–%(hi)s dagen", lo=lo, hi=hi) if hi is not None else _("meer dan %(lo)s dagen", lo=lo - 1)
        rows.append((label, n))
        values.append(float(n))
        labels.append(label)
    median = statistics.median(first.values()) if first else None
    return Figure(
        "tijd-tot-werk", _("Tijd van intake tot eerste werkdag"),
        _("Aantal mensen per groep: hoeveel dagen zaten er tussen hun intake en de eerste werkdag."),
        [_("Dagen"), _("Mensen")], rows, values, labels,
        summary=_("Mediaan: %(n)s dagen", n=round(median)) if median is not None else _("Nog niemand gestart."),
    )


def all_figures(today=None):
    placements = _placements()
    return [
        placed_per_month(today, placements), hours_per_month(today, placements), funnel(placements),
        retention(today, placements), time_to_first_placement(placements),
    ]


def figure(name, today=None):
    return next((f for f in all_figures(today) if f.name == name), None)
