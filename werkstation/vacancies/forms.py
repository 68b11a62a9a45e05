"""Vacancy and business-details forms: every choice is a whitelist, every number has a range."""

from datetime import date, timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError

from ..auth.forms import BusinessDetailsFields
from ..fields import (
    DateField,
    EuroField,
    IntegerField,
    MultiCheckboxField,
    RadioField,
    ScheduleField,
    SelectField,
    TileField,
)
from ..persistence import OnceOnlyForm
from ..validators import Postcode, check_hours_order, hours_validators, max_length
from ..vocabulary import (
    CONTRACT_WORDS,
    REQUIRED_LEVEL_WORDS,
    ContractType,
    certificate_choices,
    form_level,
    known_occupation,
    licence_choices,
    money_text,
    resolve_occupation,
    talent_choices,
)

TITLE_MAX = 120
DESCRIPTION_MAX = 2000
CAO_MAX = 120
ADDRESS_MAX = 200
WAGE_MAX_CENTS = 100_00  # more than €100 an hour is a typing error in this neighbourhood's work
PAY_HOURLY, PAY_CAO = "hourly", "cao"
NAME_YES, NAME_NO = "yes", "no"


class VacancyForm(OnceOnlyForm):
    """Post or change a vacancy."""

    title = StringField(
        _l("Functie"),
        validators=[DataRequired(_l("Vul de naam van de functie in.")), max_length(TITLE_MAX)],
        description=_l("Bijvoorbeeld: schoonmaker, kassamedewerker, keukenhulp. Kies een suggestie als die past."),
        render_kw={"autocomplete": "off", "data-occupation-suggest": "occupation_uri"},
    )
    occupation_uri = HiddenField()
    description = TextAreaField(
        _l("Wat ga je doen?"),
        validators=[Optional(), max_length(DESCRIPTION_MAX)],
        description=_l("Een paar korte zinnen over het werk. Hoogstens 2000 tekens."),
    )
    hours_min = IntegerField(_l("Minimaal aantal uren per week"), validators=hours_validators(), render_kw={"inputmode": "numeric"})
    hours_max = IntegerField(_l("Maximaal aantal uren per week"), validators=hours_validators(), render_kw={"inputmode": "numeric"})
    schedule = ScheduleField(_l("Wanneer wordt er gewerkt?"), description=_l("Kies de dagdelen waarop het werk is."))
    seats = IntegerField(
        _l("Aantal plekken"),
        default=1,
        validators=[InputRequired(_l("Vul in hoeveel mensen je zoekt.")), NumberRange(min=1, max=50, message=_l("Kies 1 tot en met 50 plekken."))],
        render_kw={"inputmode": "numeric"},
    )
    start_date = DateField(_l("Startdatum"), validators=[Optional()], description=_l("Laat leeg als het werk meteen kan beginnen."))
    # A ranking preference, not a hard requirement (those are hours, travel, Dutch, licences and certificates):
    # the label says so, and tests hold it to the engine's behaviour.
    required_talents = TileField(
        _l("Wat is belangrijk dat iemand kan?"),
        choices=[],
        description=_l("Wie dit kan, staat hoger in de lijst. Het is geen harde eis: wie het nog niet kan, valt niet af."),
    )
    preferred_talents = TileField(_l("Wat is fijn, maar niet nodig?"), choices=[])
    dutch_level = SelectField(_l("Hoe goed moet iemand Nederlands spreken?"), choices=[])
    licences = MultiCheckboxField(_l("Rijbewijs nodig"), choices=[])
    certificates = MultiCheckboxField(_l("Certificaten nodig"), choices=[])
    pay = RadioField(
        _l("Wat verdient iemand?"),
        choices=[(PAY_HOURLY, _l("Een bedrag per uur")), (PAY_CAO, _l("Volgens een cao"))],
        validators=[InputRequired(_l("Kies hoe het loon is geregeld: een bedrag per uur of volgens een cao."))],
    )
    hourly_wage = EuroField(
        _l("Loon per uur, in euro (bruto)"),
        description=_l("Bijvoorbeeld 14,50. Bij een cao mag je dit leeg laten."),
    )
    cao_name = StringField(
        _l("Naam van de cao"),
        validators=[max_length(CAO_MAX)],  # no Optional(): it would skip validate_cao_name
        description=_l("Bijvoorbeeld: cao Horeca, cao Schoonmaak- en glazenwassersbedrijf."),
    )
    contract_type = RadioField(
        _l("Wat voor contract krijgt iemand?"),
        choices=list(CONTRACT_WORDS.items()),
        validators=[InputRequired(_l("Kies wat voor contract iemand krijgt."))],
    )
    work_address = StringField(
        _l("Adres van de werkplek"),
        validators=[Optional(), max_length(ADDRESS_MAX)],
        description=_l("Alleen invullen als het werk op een ander adres is dan je bedrijf. Bijvoorbeeld: "
                       "Kanaleneiland Zuid 12, Utrecht."),
        render_kw={"autocomplete": "off"},
    )
    name_visible = RadioField(
        _l("Mag een bewoner onze naam zien voordat we allebei ja zeggen?"),
        choices=[(NAME_YES, _l("Ja, bewoners mogen onze naam zien")),
                 (NAME_NO, _l("Nee, bewoners zien eerst alleen onze sector en buurt"))],
        default=NAME_NO,
        validators=[InputRequired(_l("Kies ja of nee."))],
    )
    postcode = StringField(
        _l("Postcode van de werkplek"),
        validators=[Optional(), Postcode()],
        description=_l("Laat leeg als het werk op het adres van je bedrijf is."),
        render_kw={"autocomplete": "postal-code"},
    )

    def __init__(self, *args, stored_talents=(), previous_start=None, terms_optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_start = previous_start
        if terms_optional:  # the CSV import: a row without pay and contract stays "nog niet ingevuld", like old rows
            for field in (self.pay, self.contract_type, self.name_visible):
                field.validators = [Optional()]
                field.validate_choice = False
        choices = talent_choices(extra=stored_talents)
        self.required_talents.choices = choices
        self.preferred_talents.choices = choices
        self.dutch_level.choices = [("", _l("Geen eis"))] + list(REQUIRED_LEVEL_WORDS.items())
        self.licences.choices = licence_choices()
        self.certificates.choices = certificate_choices()
        self.title.render_kw = dict(self.title.render_kw or {}, **{"data-suggest-url": url_for("vacancies.occupation_suggestions")})

    def validate_schedule(self, field):
        if not field.data:
            raise ValidationError(_l("Kies minstens één dagdeel."))

    def validate_hours_max(self, field):
        if field.data == 0:
            raise ValidationError(_l("Werk van 0 uur per week kan niet. Vul minstens 1 uur in."))

    def validate_start_date(self, field):
        if field.data is None or field.data == self.previous_start:
            return
        if field.data < date.today():
            raise ValidationError(_l("Kies een datum vanaf vandaag."))
        if field.data > date.today() + timedelta(days=2 * 365):
            raise ValidationError(_l("Kies een datum binnen twee jaar."))

    def validate_hourly_wage(self, field):
        if field.process_errors:  # not an amount: its own message is already next to the field
            return
        if field.data is None:
            if self.pay.data == PAY_HOURLY:
                raise ValidationError(_l("Vul het loon per uur in, zoals 14,50."))
            return
        minimum = current_app.config["MINIMUM_HOURLY_WAGE_CENTS"]
        if field.data < minimum:
            raise ValidationError(_l(
                "Dit is minder dan het wettelijk minimumloon voor volwassenen: %(minimum)s per uur. "
                "Vul minstens dat bedrag in.", minimum=money_text(minimum)))
        if field.data > WAGE_MAX_CENTS:
            raise ValidationError(_l("Vul een loon per uur in van hoogstens %(maximum)s.",
                                     maximum=money_text(WAGE_MAX_CENTS)))

    def validate_cao_name(self, field):
        if self.pay.data == PAY_CAO and not (field.data or "").strip():
            raise ValidationError(_l("Vul de naam van de cao in, zoals cao Horeca."))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        return check_hours_order(self) and ok

    def populate_terms(self, vacancy):
        """Write pay, contract, work address and the name choice into `vacancy`."""
        by_cao = self.pay.data == PAY_CAO
        vacancy.hourly_wage_cents = self.hourly_wage.data
        vacancy.cao_name = (self.cao_name.data or "").strip() if by_cao else None
        vacancy.contract_type = ContractType(self.contract_type.data) if self.contract_type.data else None
        vacancy.work_address = (self.work_address.data or "").strip() or None
        vacancy.name_visible = self.name_visible.data == NAME_YES

    def load_terms(self, vacancy):
        """Fill pay, contract, work address and the name choice from a stored vacancy (old rows: left to choose)."""
        self.pay.data = PAY_CAO if vacancy.cao_name else PAY_HOURLY if vacancy.hourly_wage_cents else None
        self.hourly_wage.data = vacancy.hourly_wage_cents
        self.cao_name.data = vacancy.cao_name or ""
        self.contract_type.data = vacancy.contract_type
        self.work_address.data = vacancy.work_address or ""
        self.name_visible.data = NAME_YES if vacancy.name_visible else NAME_NO

    def populate_vacancy(self, vacancy, default_postcode):
        """Write the validated answers into `vacancy`."""
        vacancy.title = self.title.data.strip()
        uri = self.occupation_uri.data
        # The hidden field is only a hint from the browser: trust it only when it is a real ESCO occupation.
        vacancy.occupation_uri = uri if known_occupation(uri) else resolve_occupation(vacancy.title)
        vacancy.description = (self.description.data or "").strip()
        vacancy.hours_min = self.hours_min.data
        vacancy.hours_max = self.hours_max.data
        vacancy.schedule = self.schedule.schedule
        vacancy.seats = self.seats.data
        vacancy.start_date = self.start_date.data
        self.populate_terms(vacancy)
        required = list(dict.fromkeys(self.required_talents.data or []))
        vacancy.required_talents = required
        vacancy.preferred_talents = [t for t in dict.fromkeys(self.preferred_talents.data or []) if t not in required]
        vacancy.languages = {"nl": self.dutch_level.data} if self.dutch_level.data else {}
        vacancy.licences = list(self.licences.data or [])
        vacancy.certificates = list(self.certificates.data or [])
        vacancy.postcode = self.postcode.data or default_postcode

    def load_vacancy(self, vacancy):
        """Fill the form from a stored vacancy (GET of the edit page)."""
        self.title.data = vacancy.title
        self.occupation_uri.data = vacancy.occupation_uri or ""
        self.description.data = vacancy.description
        self.hours_min.data = vacancy.hours_min
        self.hours_max.data = vacancy.hours_max
        self.schedule.set_schedule(vacancy.schedule)
        self.seats.data = vacancy.seats
        self.start_date.data = vacancy.start_date
        self.load_terms(vacancy)
        self.required_talents.data = list(vacancy.required_talents or [])
        self.preferred_talents.data = list(vacancy.preferred_talents or [])
        level = (vacancy.languages or {}).get("nl", "")
        self.dutch_level.data = form_level(level)
        self.licences.data = list(vacancy.licences or [])
        self.certificates.data = list(vacancy.certificates or [])
        self.postcode.data = vacancy.postcode
        self.version.data = vacancy.version


class BusinessForm(BusinessDetailsFields, OnceOnlyForm):
    """A business changes its own details (the KvK number stays as registered)."""


class StaffVacancyForm(VacancyForm):
    """A vacancy a staff member enters for a business (on the phone or at the counter)."""

    business_id = SelectField(_l("Voor welk bedrijf?"), coerce=int, validate_choice=True,
                              validators=[InputRequired(_l("Kies het bedrijf."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sqlalchemy import select

        from ..extensions import db
        from ..models import Business

        self._fields.move_to_end("business_id", last=False)  # first on the page, so first in the error summary
        rows = db.session.execute(select(Business.id, Business.name, Business.postcode).order_by(Business.name)).all()
        self.business_id.choices = [(0, _l("Kies een bedrijf"))] + [(b.id, f"{b.name} ({b.postcode})") for b in rows]

    def validate_business_id(self, field):
        if not field.data:
            raise ValidationError(_l("Kies het bedrijf."))
