"""Account forms: register as a business or a jobseeker, log in."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, Optional, ValidationError

from ..extensions import db
from ..fields import NO_SUCH_MOBILE, PhoneField, SelectField
from ..forms import Form
from ..models import Business, User
from ..phones import is_dutch_mobile, looks_like_dutch_mobile, normalise_phone
from ..validators import PASSWORD_HELP, KvkNumber, Postcode, StrongPassword, max_length
from ..vocabulary import SECTORS


class PasswordMixin:
    password = PasswordField(
        _l("Wachtwoord"),
        validators=[DataRequired(_l("Kies een wachtwoord.")), StrongPassword()],
        description=PASSWORD_HELP, render_kw={"autocomplete": "new-password"},
    )
    password_again = PasswordField(
        _l("Wachtwoord nog een keer"),
        validators=[DataRequired(_l("Typ je wachtwoord nog een keer.")), EqualTo("password", _l("De twee wachtwoorden zijn niet hetzelfde."))],
    )

    def password_context(self):
        """What a password must not be made of: the details typed in this form (see StrongPassword)."""
        names = ("email", "name", "contact_name", "phone")
        return [getattr(self, name).data for name in names if hasattr(self, name)]


def _normalised_email(field):
    """The address in one form. No "this address has an account" here: the page after registering says the same
    for every address, and the owner of an address in use gets a message (accounts/signup.py)."""
    field.data = User.normalise_email(field.data)


class EmailPasswordMixin(PasswordMixin):
    email = EmailField(
        _l("E-mailadres"),
        validators=[DataRequired(_l("Vul je e-mailadres in.")), Length(max=254), Email(_l("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."))],
    )

    def validate_email(self, field):
        _normalised_email(field)


class JobseekerRegistrationForm(PasswordMixin, Form):
    """A resident makes an account with a Dutch mobile number or an e-mail address: one of the two is enough.
    The profile itself comes with the intake, after consent."""

    phone = PhoneField(
        _l("Mobiel nummer"),
        description=_l("Bijvoorbeeld 06 12345678. Je logt in met dit nummer. Geen mobiel nummer? Vul dan je e-mailadres in."),
    )
    email = EmailField(
        _l("E-mailadres (mag leeg als je een mobiel nummer invult)"),
        validators=[Optional(), Length(max=254), Email(_l("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."))],
        render_kw={"autocomplete": "email"},
    )

    field_order = ("phone", "email", "password", "password_again")

    def validate_phone(self, field):
        typed = (field.data or "").strip()
        if not typed:
            if not (self.email.data or "").strip():
                raise ValidationError(_l("Vul je mobiele nummer of je e-mailadres in."))
            return
        number = normalise_phone(typed)  # the one normalisation (PhoneField stores the same form after this)
        if number is None and looks_like_dutch_mobile(typed):
            raise ValidationError(NO_SUCH_MOBILE)
        if number is None or not is_dutch_mobile(number):
            raise ValidationError(_l("Vul een mobiel nummer in zoals 06 12345678."))
        # No "this number has an account" here: the page after signing up says the same for every number
        # (accounts/signup.py).

    def validate_email(self, field):
        _normalised_email(field)


class BusinessDetailsFields:
    """The details a business gives when it registers and changes later on its own page."""

    name = StringField(_l("Naam van het bedrijf"), validators=[DataRequired(_l("Vul de naam van het bedrijf in.")), max_length(120)])
    sector = SelectField(_l("Sector"), choices=SECTORS, validators=[DataRequired(_l("Kies een sector."))])
    postcode = StringField(
        _l("Postcode van de vestiging"),
        validators=[DataRequired(_l("Vul de postcode in.")), Postcode()],
        description=_l("Bijvoorbeeld 3526 AB."),
        render_kw={"autocomplete": "postal-code"},
    )
    contact_name = StringField(_l("Naam contactpersoon"), validators=[DataRequired(_l("Vul de naam van de contactpersoon in.")), max_length(120)], render_kw={"autocomplete": "name"})
    phone = PhoneField(_l("Telefoonnummer"), validators=[DataRequired(_l("Vul een telefoonnummer in."))])


class BusinessRegistrationForm(BusinessDetailsFields, EmailPasswordMixin, Form):
    """A business and its first user."""

    kvk_number = StringField(
        _l("KvK-nummer"),
        validators=[DataRequired(_l("Vul het KvK-nummer in.")), KvkNumber()],
        description=_l("8 cijfers. Je vindt het op je inschrijving bij de Kamer van Koophandel."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )

    field_order = ("name", "kvk_number", "sector", "postcode", "contact_name", "phone", "email", "password", "password_again")

    def validate_kvk_number(self, field):
        from ..accounts.unfinished import (
            kvk_only_unfinished,  # here: the accounts package loads after this one
        )

        if field.errors:  # not a KvK number (KvkNumber said so): nothing to look up
            return
        taken = db.session.scalar(select(Business.id).where(Business.kvk_number == field.data)) is not None
        if taken and not kvk_only_unfinished(field.data):
            raise ValidationError(_l("Dit KvK-nummer is al aangemeld. Vraag je collega om je toe te voegen, of neem contact op met de coöperatie."))


class LoginForm(Form):
    # An e-mail address, or the phone number of a resident whose account staff made without e-mail.
    email = StringField(_l("E-mailadres of telefoonnummer"), validators=[InputRequired(_l("Vul je e-mailadres of telefoonnummer in.")), Length(max=254)], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Wachtwoord"), validators=[InputRequired(_l("Vul je wachtwoord in.")), Length(max=200)], render_kw={"autocomplete": "current-password"})
