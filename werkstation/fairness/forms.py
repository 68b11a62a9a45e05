"""The voluntary self-description for the fairness monitor: every question may be skipped."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import Optional

from ..fields import RadioField
from ..persistence import OnceOnlyForm

PREFER_NOT = "liever_niet"

GENDER = [("vrouw", _l("Vrouw")), ("man", _l("Man")), ("anders", _l("Anders")), (PREFER_NOT, _l("Zeg ik liever niet"))]
AGE_BANDS = [("tot_27", _l("Jonger dan 27")), ("27_44", _l("27 tot en met 44")), ("45_54", _l("45 tot en met 54")),
             ("55_plus", _l("55 of ouder")), (PREFER_NOT, _l("Zeg ik liever niet"))]
MIGRATION = [("ja", _l("Ja")), ("nee", _l("Nee")), (PREFER_NOT, _l("Zeg ik liever niet"))]
DISABILITY = [("ja", _l("Ja")), ("nee", _l("Nee")), (PREFER_NOT, _l("Zeg ik liever niet"))]


class SelfDescriptionForm(OnceOnlyForm):
    """Monitoring only: stored apart, never used for matching and never shown to businesses."""

    fairness_monitoring_only = True

    gender = RadioField(_l("Ik ben"), choices=GENDER, validators=[Optional()])
    age_band = RadioField(_l("Mijn leeftijd"), choices=AGE_BANDS, validators=[Optional()])
    migration_background = RadioField(
        _l("Ben jij of is een van je ouders in een ander land geboren?"), choices=MIGRATION, validators=[Optional()]
    )
    disability = RadioField(
        _l("Heb je een beperking of een langdurige ziekte?"), choices=DISABILITY, validators=[Optional()]
    )


QUESTIONS = {
    "gender": (_l("Gender"), GENDER),
    "age_band": (_l("Leeftijdsgroep"), AGE_BANDS),
    "migration_background": (_l("Migratieachtergrond"), MIGRATION),
    "disability": (_l("Beperking of langdurige ziekte"), DISABILITY),
}
