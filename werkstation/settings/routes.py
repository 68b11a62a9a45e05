"""The administrator's page for the district: its postcodes with names, the cooperative's details, retention."""

import re

from flask import Blueprint, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from ..access import roles
from ..fields import IntegerField, PhoneField
from ..persistence import OnceOnlyForm, save
from ..phones import normalise_phone
from ..retention import MIN_AUDIT_MONTHS
from ..retention import settings as retention_settings
from ..vocabulary import Role
from . import store

bp = Blueprint("settings", __name__, url_prefix="/beheer")
LINE = re.compile(r"^\s*([0-9]{4})(?![0-9])\s*(?:[,;:\-–]\s*)?(.*?)\s*$")


def parse_postcodes(text):
    """[(pc4, name)] from lines like '3526 Kanaleneiland'; ValueError naming the first wrong line."""
    found = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if match is None or len(match.group(2)) > 60:
            raise ValueError(number)
        if match.group(1) not in {code for code, _name in found}:
            found.append((match.group(1), match.group(2)))
    return found


class DistrictForm(OnceOnlyForm):
    postcodes = TextAreaField(
        _l("Postcodes van de wijk"), validators=[InputRequired(message=_l("Vul minstens één postcode in.")),
                                                 Length(max=3000)],
        description=_l("Eén per regel: de vier cijfers en dan de naam, bijvoorbeeld 3526 Kanaleneiland."))
    name = StringField(_l("Naam van de coöperatie"), validators=[InputRequired(message=_l("Vul de naam in.")),
                                                                 Length(max=120)])
    address = StringField(_l("Adres (hier is een kennismaking, tenzij je iets anders kiest)"),
                          validators=[InputRequired(message=_l("Vul het adres in.")), Length(max=200)])
    # Shown as people write it (030 765 4321), stored in E.164 like every phone number.
    phone = PhoneField(_l("Telefoon"), validators=[Optional(), Length(max=40)],
                       render_kw={"inputmode": "tel", "maxlength": 40})
    email = EmailField(_l("E-mailadres"), validators=[Optional(), Length(max=254), Email(
        message=_l("Vul een e-mailadres in zoals info@voorbeeld.nl."))])
    retention_months = IntegerField(_l("Profiel anonimiseren na zoveel maanden zonder activiteit"), validators=[
        InputRequired(message=_l("Vul een aantal maanden in.")),
        NumberRange(min=6, max=60, message=_l("Kies 6 tot en met 60 maanden."))])
    grace_days = IntegerField(_l("Dagen tussen de waarschuwing en het anonimiseren"), validators=[
        InputRequired(message=_l("Vul een aantal dagen in.")),
        NumberRange(min=7, max=90, message=_l("Kies 7 tot en met 90 dagen."))])
    audit_months = IntegerField(_l("Logboek bewaren, in maanden"), validators=[
        InputRequired(message=_l("Vul een aantal maanden in.")),
        NumberRange(min=MIN_AUDIT_MONTHS, max=120, message=_l("Kies 6 tot en met 120 maanden."))])

    def validate_postcodes(self, field):
        try:
            self.parsed = parse_postcodes(field.data)
        except ValueError as error:
            raise ValidationError(_l("Regel %(n)s klopt niet. Schrijf vier cijfers en dan de naam, bijvoorbeeld "
                                     "3526 Kanaleneiland.", n=error.args[0])) from None
        if not self.parsed:
            raise ValidationError(_l("Vul minstens één postcode in."))

    def validate_phone(self, field):
        if field.data and normalise_phone(field.data) is None:
            raise ValidationError(_l("Vul een telefoonnummer in zoals 030 123 4567."))

    def load(self):
        """Fill the form with what is in force now."""
        self.postcodes.data = "\n".join(f"{code} {name}".strip() for code, name in store.pc4_names())
        coop = store.cooperative()
        self.name.data, self.address.data = coop.get("name"), coop.get("address")
        self.phone.data, self.email.data = coop.get("phone"), coop.get("email")
        periods = retention_settings()
        self.retention_months.data, self.grace_days.data = periods["retention_months"], periods["grace_days"]
        self.audit_months.data = periods["audit_months"]


@bp.route("/wijk", methods=["GET", "POST"])
@roles(Role.ADMIN)
def district():
    """The district's postcodes, the cooperative's details and the retention periods (every change audited)."""
    form = DistrictForm()
    if not form.is_submitted():
        form.load()
    elif form.validate():
        store.save("neighbourhood", [{"pc4": code, "name": name} for code, name in form.parsed], current_user)
        store.save("cooperative", {"name": form.name.data.strip(), "address": form.address.data.strip(),
                                   "phone": normalise_phone(form.phone.data) or "", "email": (form.email.data or "").strip()},
                   current_user)
        store.save("retention", {"retention_months": form.retention_months.data, "grace_days": form.grace_days.data,
                                 "audit_months": form.audit_months.data}, current_user)
        done = save(form, url_for("settings.district"), _l("De instellingen zijn opgeslagen."))
        if done is not None:
            return done
    return render_template("settings/district.html", form=form), 400 if form.is_submitted() else 200
