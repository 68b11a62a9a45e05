"""The contact log's form: a note about a contact, a task with a date and an owner, or both at once."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..extensions import db
from ..fields import DateField, RadioField, SelectField
from ..models import User, utcnow
from ..persistence import OnceOnlyForm
from ..vocabulary import CONTACT_KIND_WORDS, STAFF_ROLES, ContactKind


def staff_choices():
    """(id, e-mail) of every active staff member and administrator, for a task's owner."""
    users = db.session.scalars(select(User).where(User.role.in_(STAFF_ROLES), User.active).order_by(User.email))
    return [(str(u.id), u.email or str(u.id)) for u in users]


class ContactForm(OnceOnlyForm):
    """Log a call, visit or agreement, and/or give someone a task with a date."""

    kind = RadioField(_l("Wat was het?"), choices=[(k, CONTACT_KIND_WORDS[k]) for k in ContactKind],
                      default=ContactKind.CALL, validators=[Optional()])
    body = TextAreaField(_l("Wat is er besproken of afgesproken?"), validators=[Optional(), Length(max=4000, message=_l("Gebruik hoogstens 4000 tekens."))])
    happened_on = DateField(_l("Wanneer"), validators=[Optional()], description=_l("Leeg: vandaag."))
    task_title = StringField(_l("Taak (mag leeg)"), validators=[Optional(), Length(max=200, message=_l("Gebruik hoogstens 200 tekens."))],
                             description=_l("Bijvoorbeeld: terugbellen over de proefplaatsing."))
    task_due = DateField(_l("Taak klaar op"), validators=[Optional()])
    task_owner = SelectField(_l("Wie doet de taak?"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.task_owner.choices = staff_choices()

    def validate(self, extra_validators=None):
        """A note needs words; a task needs a title and a date; at least one of the two."""
        valid = super().validate(extra_validators)
        body, title = (self.body.data or "").strip(), (self.task_title.data or "").strip()
        if not body and not title and not self.task_due.data:
            self.body.errors.append(_l("Schrijf wat er besproken is, of vul een taak in."))
            return False
        if title and not self.task_due.data:
            self.task_due.errors.append(_l("Kies de dag waarop de taak klaar moet zijn."))
            valid = False
        if self.task_due.data and not title:
            self.task_title.errors.append(_l("Schrijf wat er gedaan moet worden."))
            valid = False
        today = utcnow().date()
        if self.task_due.data and not today - timedelta(days=366) <= self.task_due.data <= today + timedelta(days=3 * 366):
            self.task_due.errors.append(_l("Kies een dag van hoogstens een jaar geleden tot drie jaar vooruit."))
            valid = False
        if self.happened_on.data and self.happened_on.data > utcnow().date():
            self.happened_on.errors.append(_l("Een contact kan niet in de toekomst liggen."))
            valid = False
        if body and not self.kind.data:
            self.kind.errors.append(_l("Kies wat het was."))
            valid = False
        return valid


class BusinessMergeForm(OnceOnlyForm):
    """Choose the business that signed up twice, and confirm that it goes into this one."""

    other = RadioField(_l("Welk bedrijf is hetzelfde?"),
                       validators=[InputRequired(message=_l("Kies het bedrijf dat hetzelfde is."))])
    confirm = BooleanField(_l("Ik weet zeker dat dit hetzelfde bedrijf is"),
                           validators=[DataRequired(message=_l("Vink aan dat het hetzelfde bedrijf is."))],
                           description=_l("Vacatures, accounts, notities, taken en berichten van het andere bedrijf "
                                          "komen bij dit bedrijf; het andere bedrijf verdwijnt. Dit kan niet "
                                          "ongedaan worden gemaakt."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="merge", **kwargs)  # on the same page as the contact form

    def offer(self, look_alikes):
        self.other.choices = [(str(d.business.id), d.business.name) for d in look_alikes]
        return self
