"""Field validators shared by every form: postcodes, hours, passwords, KvK numbers (phone numbers: fields.PhoneField)."""

import re
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from . import passwords
from .engine import PostcodeCentroids, normalise_postcode


@lru_cache(maxsize=1)
def known_pc4():
    """Every PC4 code we know a location for (GeoNames, shipped with the matching engine)."""
    return PostcodeCentroids.load().all_pc4()


# Arabic-Indic (٠-٩) and Persian (۰-۹) digits, as Arabic phone keyboards type them, read as 0-9.
_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def western_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits written as 0-9 (whole numbers already read them: int("٨") == 8)."""
    return text.translate(_WESTERN_DIGITS) if isinstance(text, str) else text


class Postcode:
    """Normalises the field's data to '1234 AB' and checks the PC4 part exists."""

    def __call__(self, form, field):
        if not field.data:
            return
        normal = normalise_postcode(western_digits(field.data))
        if normal is None:
            raise ValidationError(_l("Vul een postcode in zoals 3526 AB."))
        if normal[:4] not in known_pc4():
            raise ValidationError(_l("Deze postcode kennen we niet. Kijk of de cijfers kloppen."))
        field.data = normal


PASSWORD_HELP = _l("Minstens 10 tekens. Een sterk wachtwoord is lang: neem drie of vier losse woorden die niets met "
                   "elkaar te maken hebben. Gebruik niet je naam, e-mailadres of telefoonnummer.")


class StrongPassword:
    """10 to 200 characters, not a common password, and hard to guess (zxcvbn) for someone who knows the person's
    own details: the form's `password_context()` (e-mail address, name, phone number), when it has one."""

    def __call__(self, form, field):
        password = field.data or ""
        if len(password) < 10:
            raise ValidationError(_l("Kies een wachtwoord van minstens 10 tekens."))
        if len(password) > 200:
            raise ValidationError(_l("Kies een wachtwoord van hoogstens 200 tekens."))
        lowered = password.lower()
        if lowered in passwords.common_passwords() or len(set(lowered)) <= 2:
            raise ValidationError(_l("Dit wachtwoord wordt te vaak gebruikt. Kies een ander wachtwoord."))
        personal = form.password_context() if hasattr(form, "password_context") else ()
        if not passwords.is_strong(password, personal):
            raise ValidationError(_l(
                "Dit wachtwoord is te makkelijk te raden. Maak het langer: neem drie of vier losse woorden die niets "
                "met elkaar te maken hebben. Niet je naam, e-mailadres of telefoonnummer."))


class KvkNumber:
    """A KvK number has exactly 8 digits (Arabic-Indic or Persian digits are read as 0-9, as in the postcode)."""

    def __call__(self, form, field):
        value = re.sub(r"[\s.]", "", western_digits(field.data or ""))
        if not re.fullmatch(r"[0-9]{8}", value):
            raise ValidationError(_l("Een KvK-nummer heeft 8 cijfers, bijvoorbeeld 12345678."))
        field.data = value


# --- hours per week, shared by the vacancy form, the intake and the CSV import ------------------------------------

HOURS_MESSAGE = _l("Vul een aantal uren in van 0 tot en met 60.")


def max_length(n):
    """At most `n` characters (a form's limit equals its column's), with the message in plain words."""
    return Length(max=n, message=_l("Gebruik hoogstens %(max)d tekens."))


def hours_validators():
    """Hours per week: required, 0 to 60."""
    return [InputRequired(_l("Vul een aantal uren in.")), NumberRange(min=0, max=60, message=HOURS_MESSAGE)]


def check_hours_order(form):
    """Minimum hours may not be more than maximum hours; the error goes next to the maximum."""
    low, high = form.hours_min.data, form.hours_max.data
    if low is not None and high is not None and not form.hours_min.errors and not form.hours_max.errors and low > high:
        form.hours_max.errors.append(_l("Het maximum moet even groot of groter zijn dan het minimum."))
        return False
    return True
