"""Forms for forgotten passwords, one-time codes, changing the password or e-mail address, and accounts for admins."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, Optional, ValidationError

from ..forms import Form
from ..phones import normalise_phone
from ..validators import PASSWORD_HELP, StrongPassword

EMAIL_VALIDATORS = [
    DataRequired(_l("Vul je e-mailadres in.")), Length(max=254),
    Email(_l("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")),
]


def email_or_mobile(form, field):
    """An e-mail address, or a phone number as people type it (a resident may have only a number)."""
    text = (field.data or "").strip()
    if "@" in text:
        Email(_l("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."))(form, field)
    elif normalise_phone(text) is None:
        raise ValidationError(_l("Vul je e-mailadres of je mobiele nummer in, zoals naam@voorbeeld.nl of 06 12345678."))


class ForgotPasswordForm(Form):
    # Named "email" for the rate limits' keys; it takes a phone number too.
    email = StringField(
        _l("E-mailadres of mobiel nummer"),
        validators=[DataRequired(_l("Vul je e-mailadres of je mobiele nummer in.")), Length(max=254), email_or_mobile],
        render_kw={"autocomplete": "username"},
    )


class NewPasswordForm(Form):
    """A new password; `context` holds the person's own details, which make a weak password (StrongPassword)."""

    context: tuple = ()

    def password_context(self):
        return [value for value in self.context if value]
    password = PasswordField(
        _l("Nieuw wachtwoord"), validators=[DataRequired(_l("Kies een wachtwoord.")), StrongPassword()],
        description=PASSWORD_HELP, render_kw={"autocomplete": "new-password"},
    )
    password_again = PasswordField(
        _l("Nieuw wachtwoord nog een keer"),
        validators=[DataRequired(_l("Typ je wachtwoord nog een keer.")),
                    EqualTo("password", _l("De twee wachtwoorden zijn niet hetzelfde."))],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(
        _l("Je wachtwoord nu"), validators=[InputRequired(_l("Vul je wachtwoord van nu in.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    field_order = ("current_password", "password", "password_again")


NewPasswordForm.field_order = ("password", "password_again")


class ChangeEmailForm(Form):
    email = EmailField(_l("Nieuw e-mailadres"), validators=EMAIL_VALIDATORS, render_kw={"autocomplete": "email"})
    current_password = PasswordField(
        _l("Je wachtwoord"), validators=[InputRequired(_l("Vul je wachtwoord in.")), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )


class CodeLoginForm(NewPasswordForm):
    """A resident without e-mail types the code staff gave them, and chooses a new password at once."""

    account = StringField(
        _l("Telefoonnummer of e-mailadres"),
        validators=[InputRequired(_l("Vul je telefoonnummer of e-mailadres in.")), Length(max=254)],
        description=_l("Het nummer of adres dat de coöperatie van je heeft."),
        render_kw={"autocomplete": "username"},
    )
    code = StringField(
        _l("Code van de coöperatie"), validators=[InputRequired(_l("Vul de code in.")), Length(max=20)],
        description=_l("8 cijfers, bijvoorbeeld 1234 5678."),
        render_kw={"inputmode": "numeric", "autocomplete": "one-time-code"},
    )
    field_order = ("account", "code", "password", "password_again")

    def password_context(self):
        return [self.account.data, *super().password_context()]


class AccountSearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Zoek op e-mailadres of telefoonnummer"), validators=[Optional(), Length(max=254)])
