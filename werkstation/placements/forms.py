"""The answer of a business or a jobseeker to a proposal."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..fields import RadioField
from ..forms import Form


class ResponseForm(Form):
    answer = RadioField(
        _l("Wil je kennismaken?"), choices=[("yes", _l("Ja, graag")), ("no", _l("Nee, liever niet"))],
        validators=[InputRequired(message=_l("Kies ja of nee."))],
    )
    reason = TextAreaField(_l("Waarom niet? (alleen bij nee)"), validators=[Optional(), Length(max=1000)],
                           description=_l("Dit helpt de coöperatie om beter te zoeken."))

    def validate_reason(self, field):
        if self.answer.data == "no" and not (field.data or "").strip():
            raise ValidationError(_l("Schrijf kort waarom niet."))
