"""The report for the municipality or funder: what the work did in a chosen period, without personal data.

Counted for the placements whose first working day (trial or contract) lies in the period: people placed, of
whom residents of the district, hours of work per week, still working after 3 and 6 months (of those who started
long enough ago), businesses served, and people placed per kind of work. Counts of 1 to 4 are shown as "< 5", so
no person can be picked out of a small group; the figures themselves stay exact for the checks.
"""

from __future__ import annotations

import calendar
import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.validators import NumberRange, Optional, ValidationError

from ..fields import DateField, IntegerField, SelectField
from ..forms import Form
from ..models import utcnow
from ..neighbourhood import lives_here
from ..placements.pipeline import add_months, start_date
from ..vocabulary import Stage, occupation_label
from .impact import Figure, _placements

SMALL = 5
PERIOD_KINDS = {"month": _l("Maand"), "quarter": _l("Kwartaal"), "year": _l("Jaar"), "custom": _l("Zelf kiezen")}


def shown(n) -> str:
    """A count as the report shows it: 1-4 become '< 5' (0 and 5 or more as they are)."""
    return "< 5" if 0 < n < SMALL else str(n)


def _still_working(placement, months):
    start = start_date(placement)
    if placement.stage != Stage.ENDED or placement.ended_at is None:
        return True
    return placement.ended_at >= add_months(start, months)


class PeriodForm(Form):
    """Which period: a month, a quarter, a year, or two dates (a GET form)."""

    class Meta:
        csrf = False

    period = SelectField(_l("Periode"), choices=list(PERIOD_KINDS.items()), default="quarter",
                         validators=[Optional()])
    year = IntegerField(_l("Jaar"), validators=[Optional(), NumberRange(min=2000, max=2100,
                                                                        message=_l("Kies een jaar tussen 2000 en 2100."))])
    number = IntegerField(_l("Maand (1-12) of kwartaal (1-4)"), validators=[Optional(), NumberRange(
        min=1, max=12, message=_l("Kies een maand van 1 tot en met 12 of een kwartaal van 1 tot en met 4."))])
    start = DateField(_l("Van"), validators=[Optional()])
    end = DateField(_l("Tot en met"), validators=[Optional()])

    def validate_number(self, field):
        if self.period.data == "quarter" and field.data is not None and field.data > 4:
            raise ValidationError(_l("Een kwartaal is 1, 2, 3 of 4."))

    def validate(self, extra_validators=None):
        """The fields, and for 'zelf kiezen' both dates in the right order."""
        valid = super().validate(extra_validators)
        if not valid or self.period.data != "custom":
            return valid
        start, end = self.start.data, self.end.data
        if start is None or end is None:
            self.end.errors.append(_l("Vul bij 'zelf kiezen' allebei de datums in."))
        elif end < start:
            self.end.errors.append(_l("De einddatum ligt voor de begindatum."))
        elif (end - start).days > 3660:
            self.end.errors.append(_l("Kies een periode van hoogstens tien jaar."))
        return not self.end.errors

    def bounds(self, today=None) -> tuple[date, date]:
        """First and last day of the chosen period (by default the current quarter)."""
        today = today or utcnow().date()
        year, number = self.year.data or today.year, self.number.data
        if self.period.data == "custom":
            return self.start.data, self.end.data
        if self.period.data == "month":
            month = number or today.month
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if self.period.data == "year":
            return date(year, 1, 1), date(year, 12, 31)
        quarter = number or (today.month - 1) // 3 + 1
        first = date(year, 3 * quarter - 2, 1)
        return first, add_months(first, 3) - timedelta(days=1)


@dataclass
class Report:
    start: date
    end: date
    today: date
    placed: int = 0
    residents: int = 0
    hours: int = 0
    businesses: int = 0
    retention: dict = field(default_factory=dict)  # months -> (started long enough ago, still working)
    by_work: list = field(default_factory=list)  # [(kind of work, people)]

    def rows(self):
        """(what, figure as shown) for the table, the CSV and the PDF."""
        rows = [(_("Mensen aan het werk geholpen"), shown(self.placed)),
                (_("van wie bewoners van de wijk"), shown(self.residents)),
                (_("Uren werk per week"), str(self.hours) if self.placed >= SMALL or self.placed == 0
                 else _("niet getoond: minder dan 5 mensen")),
                (_("Bedrijven geholpen"), shown(self.businesses))]
        for months, (started, kept) in sorted(self.retention.items()):
            rows.append((_("Na %(n)s maanden nog aan het werk", n=months),
                         _("%(kept)s van %(started)s", kept=shown(kept), started=shown(started))))
        return rows

    def work_figure(self):
        """People placed per kind of work, as a chart (small groups folded into 'other')."""
        big = [(label, n) for label, n in self.by_work if n >= SMALL]
        rest = sum(n for _label, n in self.by_work if n < SMALL)
        if rest:
            big.append((_("Ander werk (kleine groepen)"), rest))
        return Figure("soort-werk", _("Aan het werk, per soort werk"),
                      _("Aantal mensen per soort werk; groepen kleiner dan 5 staan samen onder ander werk."),
                      [_("Soort werk"), _("Mensen")], [(label, shown(n)) for label, n in big],
                      # a small group is drawn half-way up to 5 and labelled "< 5": the chart never tells the number
                      [float(n) if n >= SMALL else SMALL / 2 for _label, n in big], [label for label, _n in big],
                      chart_texts=[shown(n) for _label, n in big])

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([_("Periode"), self.start.isoformat(), self.end.isoformat()])
        writer.writerows(self.rows())
        writer.writerow([])
        writer.writerow([_("Soort werk"), _("Mensen")])
        writer.writerows(self.work_figure().rows)
        return out.getvalue()


def build(start, end, today=None) -> Report:
    """Count the period's placements (exact numbers; `rows` applies the small-count rule)."""
    today = today or utcnow().date()
    # a trial or contract that starts after today has not helped anyone to work yet
    started = [p for p in _placements() if start_date(p) is not None and start <= start_date(p) <= min(end, today)]
    report = Report(start, end, today)
    people = {p.jobseeker_id: p for p in started}
    report.placed = len(people)
    report.residents = sum(1 for p in people.values() if lives_here(p.jobseeker.postcode))
    report.hours = sum(p.hours_per_week or p.vacancy.hours_min or 0 for p in started)
    report.businesses = len({p.vacancy.business_id for p in started})
    for months in (3, 6):
        due = [p for p in started if add_months(start_date(p), months) <= today]
        report.retention[months] = (len(due), sum(1 for p in due if _still_working(p, months)))
    work = {}
    for p in started:
        label = occupation_label(p.vacancy.occupation_uri) if p.vacancy.occupation_uri else p.vacancy.title
        work.setdefault(label, set()).add(p.jobseeker_id)
    report.by_work = sorted(((label, len(ids)) for label, ids in work.items()), key=lambda x: (-x[1], x[0]))
    return report
