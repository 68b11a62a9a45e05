"""Finding anyone: the filter forms for people and vacancies and the queries they make.

Every filter is a whitelisted choice or a checked number; free text goes through `search_text.words` and only
ever meets the stored, folded search document (see werkstation/search_text.py). The forms are GET forms: a
search changes nothing, and its address can be bookmarked, saved or shared.
"""

from __future__ import annotations

import enum
import re
from datetime import timedelta
from urllib.parse import urlencode

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select
from wtforms import StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from .. import search_text
from ..contacts import service as contacts
from ..fields import IntegerField, SelectField
from ..forms import Form
from ..models import Business, Jobseeker, Vacancy, utcnow
from ..neighbourhood import lives_here_condition
from ..vocabulary import (
    DAYPART_LABELS,
    DAYPARTS,
    OTHER_LEVEL_WORDS,
    TRAVEL_MODE_LABELS,
    TRAVEL_MODES,
    WEEKDAY_LABELS,
    WEEKDAYS,
    JobseekerStatus,
    VacancyStatus,
    certificate_choices,
    language_choices,
    licence_choices,
    occupation_choices,
    status_label,
    talent_choices,
)

PAGE_SIZE = 25
POSTCODE_START = re.compile(r"^[0-9]{1,4}([A-Z]{1,2})?$")


class SearchKind(enum.StrEnum):
    JOBSEEKERS = "werkzoekenden"
    VACANCIES = "vacatures"


ANY = ("", _l("Maakt niet uit"))
HOURS_MESSAGE = _l("Vul een aantal uren van 1 tot en met 60 in.")
TOO_LONG = _l("Gebruik hoogstens 120 tekens.")


def _with_any(choices):
    return [ANY, *choices]


CONTACT_CHOICES = [ANY, ("recent", _l("In de laatste 7 dagen")), ("stale", _l("Langer dan 30 dagen geleden of nooit")),
                   ("never", _l("Nog nooit"))]


class _SearchForm(Form):
    """The filters people and vacancies share."""

    class Meta:
        csrf = False

    q = StringField(_l("Zoek op woorden"), validators=[Optional(), Length(max=120, message=TOO_LONG)])
    occupation = SelectField(_l("Soort werk"), validators=[Optional()])
    talent = SelectField(_l("Talent"), validators=[Optional()])
    licence = SelectField(_l("Rijbewijs"), validators=[Optional()])
    certificate = SelectField(_l("Certificaat"), validators=[Optional()])
    language = SelectField(_l("Taal"), validators=[Optional()])
    level = SelectField(_l("Minstens dit niveau"), validators=[Optional()])
    day = SelectField(_l("Dag"), validators=[Optional()], choices=_with_any([(d, WEEKDAY_LABELS[d]) for d in WEEKDAYS]))
    daypart = SelectField(_l("Dagdeel"), validators=[Optional()],
                          choices=_with_any([(p, DAYPART_LABELS[p]) for p in DAYPARTS]))
    postcode = StringField(_l("Postcode of het begin ervan"), validators=[Optional(), Length(max=7)],
                           description=_l("Bijvoorbeeld 3526 of 3526 KL."))
    area = SelectField(_l("Wijk"), validators=[Optional()],
                       choices=[ANY, ("in", _l("Alleen in de wijk")), ("out", _l("Alleen buiten de wijk"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.occupation.choices = _with_any(occupation_choices())
        self.talent.choices = _with_any(talent_choices())
        self.licence.choices = _with_any(licence_choices())
        self.certificate.choices = _with_any(certificate_choices())
        self.language.choices = _with_any(language_choices(include_dutch=True))
        self.level.choices = _with_any([(code, f"{code}: {words}") for code, words in OTHER_LEVEL_WORDS.items()])

    def validate_postcode(self, field):
        if field.data and not POSTCODE_START.match(field.data.replace(" ", "").upper()):
            raise ValidationError(_l("Vul een postcode in zoals 3526 KL, of alleen de cijfers, zoals 3526."))

    def validate_q(self, field):
        # Only signs or emoji (nothing to search for) would list everyone: say so instead.
        if (field.data or "").strip() and not search_text.words(field.data):
            raise ValidationError(_l("Typ minstens één woord met letters of cijfers."))

    def validate_level(self, field):
        if field.data and not self.language.data:
            raise ValidationError(_l("Kies eerst een taal."))

    def query_string(self) -> str:
        """The chosen filters as a query string (only fields that hold a value), for links and saved searches."""
        pairs = [(f.name, f.data) for f in self if f.name != "sort" and f.data not in (None, "")]
        if self.sort.data and self.sort.data != self.sort.default:
            pairs.append(("sort", self.sort.data))
        return urlencode(pairs)

    def is_filtered(self) -> bool:
        return any(f.data not in (None, "") for f in self if f.name != "sort")

    def _document_conditions(self, document):
        """Conditions on the search document for the facet filters."""
        found = []
        if self.occupation.data:
            found.append(search_text.has_token(document, "occ", search_text.occupation_key(self.occupation.data)))
        for kind, value in (("tal", self.talent.data), ("lic", self.licence.data), ("cert", self.certificate.data)):
            if value:
                found.append(search_text.has_token(document, kind, value))
        if self.language.data:
            found.append(search_text.has_token(document, "lang", self.language.data, self.level.data or "A1"))
        if self.day.data or self.daypart.data:
            days = [self.day.data] if self.day.data else list(WEEKDAYS)
            parts = [self.daypart.data] if self.daypart.data else list(DAYPARTS)
            found.append(or_(*[search_text.has_token(document, "av", d, p) for d in days for p in parts]))
        return found

    def _contact_conditions(self, model):
        last, today = contacts.last_contact_column(model), utcnow().date()
        if self.contact.data == "recent":
            return [last >= today - timedelta(days=7)]
        if self.contact.data == "stale":
            return [or_(last.is_(None), last < today - timedelta(days=30))]
        if self.contact.data == "never":
            return [last.is_(None)]
        return []

    def _place_conditions(self, postcode_column):
        found = []
        if self.postcode.data:
            start = self.postcode.data.replace(" ", "").upper()
            found.append(func.upper(func.replace(postcode_column, " ", "")).like(f"{start}%"))
        if self.area.data == "in":
            found.append(lives_here_condition(postcode_column))
        elif self.area.data == "out":
            found.append(or_(postcode_column.is_(None), ~lives_here_condition(postcode_column)))
        return found


class JobseekerSearchForm(_SearchForm):
    """Filters for people."""

    q = StringField(_l("Zoek op naam, eigen woorden of notities"), validators=[Optional(), Length(max=120, message=TOO_LONG)])
    hours = IntegerField(_l("Kan minstens zoveel uur per week"), validators=[Optional(), NumberRange(min=1, max=60, message=HOURS_MESSAGE)])
    travel_mode = SelectField(_l("Reist met"), validators=[Optional()],
                              choices=_with_any([(m, TRAVEL_MODE_LABELS[m]) for m in TRAVEL_MODES]))
    status = SelectField(_l("Status"), validators=[Optional()], choices=_with_any(
        [(s, status_label(s)) for s in JobseekerStatus if s != JobseekerStatus.ERASED]))
    contact = SelectField(_l("Laatste contact"), validators=[Optional()], choices=CONTACT_CHOICES)
    sort = SelectField(_l("Volgorde"), validators=[Optional()], default="name", choices=[
        ("name", _l("Naam")), ("new", _l("Nieuwste eerst")), ("contact", _l("Langst geen contact eerst"))])

    def statement(self):
        """The select() for the chosen filters and order (erased people are never listed)."""
        query = select(Jobseeker).where(Jobseeker.erased_at.is_(None))
        conditions = self._document_conditions(Jobseeker.search_text) + self._place_conditions(Jobseeker.postcode)
        conditions += [or_(search_text.matches_word(Jobseeker.search_text, w), contacts.notes_contain(w))
                       for w in search_text.words(self.q.data)]
        conditions += self._contact_conditions(Jobseeker)
        if self.hours.data:
            conditions.append(Jobseeker.hours_max >= self.hours.data)
        if self.travel_mode.data:
            conditions.append(search_text.has_token(Jobseeker.search_text, "mode", self.travel_mode.data))
        if self.status.data:
            conditions.append(Jobseeker.status == self.status.data)
        query = query.where(and_(*conditions)) if conditions else query
        if self.sort.data == "new":
            return query.order_by(Jobseeker.created_at.desc(), Jobseeker.id.desc())
        if self.sort.data == "contact":  # never contacted first, then the longest ago
            last = contacts.last_contact_column()
            return query.order_by(last.is_not(None), last, Jobseeker.name, Jobseeker.id)
        return query.order_by(Jobseeker.name, Jobseeker.id)


class VacancySearchForm(_SearchForm):
    """Filters for vacancies."""

    q = StringField(_l("Zoek op titel, omschrijving, bedrijf of notities"), validators=[Optional(), Length(max=120, message=TOO_LONG)])
    hours = IntegerField(_l("Past bij zoveel uur per week"), validators=[Optional(), NumberRange(min=1, max=60, message=HOURS_MESSAGE)])
    # "all" rather than "": a link without a status shows the open vacancies, "all" shows every one.
    status = SelectField(_l("Status"), validators=[Optional()], default=VacancyStatus.OPEN,
                         choices=[("all", _l("Alle")), *[(s, status_label(s)) for s in VacancyStatus]])
    contact = SelectField(_l("Laatste contact met het bedrijf"), validators=[Optional()], choices=CONTACT_CHOICES)
    sort = SelectField(_l("Volgorde"), validators=[Optional()], default="new",
                       choices=[("new", _l("Nieuwste eerst")), ("title", _l("Titel")), ("business", _l("Bedrijf")),
                                ("contact", _l("Langst geen contact met het bedrijf eerst"))])

    def statement(self):
        """The select() of (vacancy) rows for the chosen filters and order."""
        query = select(Vacancy).join(Business, Vacancy.business_id == Business.id)
        conditions = self._document_conditions(Vacancy.search_text) + self._place_conditions(Vacancy.postcode)
        for word in search_text.words(self.q.data):
            conditions.append(or_(search_text.matches_word(Vacancy.search_text, word),
                                  (" " + func.lower(Business.name)).like(f"% {word}%"),
                                  contacts.notes_contain(word, Business)))
        conditions += self._contact_conditions(Business)
        if self.hours.data:
            conditions.append(and_(Vacancy.hours_min <= self.hours.data, Vacancy.hours_max >= self.hours.data))
        if self.status.data and self.status.data != "all":
            conditions.append(Vacancy.status == self.status.data)
        query = query.where(and_(*conditions)) if conditions else query
        if self.sort.data == "title":
            return query.order_by(Vacancy.title, Vacancy.id)
        if self.sort.data == "business":
            return query.order_by(Business.name, Vacancy.title, Vacancy.id)
        if self.sort.data == "contact":  # businesses never contacted first, then the longest ago
            last = contacts.last_contact_column(Business)
            return query.order_by(last.is_not(None), last, Business.name, Vacancy.title, Vacancy.id)
        return query.order_by(Vacancy.created_at.desc(), Vacancy.id.desc())


SEARCH_FORMS = {SearchKind.JOBSEEKERS: JobseekerSearchForm, SearchKind.VACANCIES: VacancySearchForm}
