"""Staff forms: queue filters, decisions, proposals, pipeline moves, instruments, follow-ups and the plan."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..clock import to_local
from ..fields import DateField, IntegerField, MultiCheckboxField, RadioField, SelectField, TimeField
from ..forms import Form
from ..persistence import OnceOnlyForm
from ..placements import meetings
from ..placements.pipeline import END_REASONS, REJECT_REASONS, SHORTLIST_REASONS
from ..vocabulary import Decision, EmployerOfRecord, Role, status_label


class QueueFilterForm(Form):
    """Filters for a review queue (a GET form: nothing is changed)."""

    class Meta:
        csrf = False

    eligible = BooleanField(_l("Alleen wie aan alle eisen voldoet"))
    residents = BooleanField(_l("Alleen bewoners van de wijk"))
    # Suggestion.undecided, not .unreviewed: it also lists undecided people who miss a requirement.
    undecided = BooleanField(_l("Alleen nog niet bekeken"), name="unreviewed")  # the name links have always used
    free = BooleanField(_l("Verberg wie elders is voorgesteld of al werkt"))
    interested = BooleanField(_l("Alleen met interesse"),
                              description=_l("Wie zelf op de knop 'Ik heb interesse' drukte."))


class DecisionForm(OnceOnlyForm):
    """Shortlist or reject a suggestion, with a fixed reason and an optional note (saved once, and refused when
    someone else decided since the page was loaded)."""

    decision = RadioField(
        _l("Je besluit"),
        choices=[(Decision.SHORTLIST, _l("Op de shortlist")), (Decision.REJECT, _l("Afwijzen"))],
        validators=[InputRequired(message=_l("Kies op de shortlist of afwijzen."))],
    )
    reason = SelectField(_l("Reden"), validators=[InputRequired(message=_l("Kies een reden."))])
    note = TextAreaField(_l("Notitie (mag leeg)"), validators=[Optional(), Length(max=1000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One group of reasons per decision (<optgroup>, so without JavaScript too); validate_reason refuses a
        # reason of the other group.
        shortlist, reject = str(_l("Redenen voor de shortlist")), str(_l("Redenen om af te wijzen"))
        self.reason.choices = [SelectChoice("", _l("Kies een reden"))] + [
            SelectChoice(f"shortlist:{k}", _l("Shortlist: %(reason)s", reason=v), optgroup=shortlist)
            for k, v in SHORTLIST_REASONS.items()
        ] + [SelectChoice(f"reject:{k}", _l("Afwijzen: %(reason)s", reason=v), optgroup=reject)
             for k, v in REJECT_REASONS.items()]

    def validate_reason(self, field):
        group, _sep, _key = (field.data or "").partition(":")
        if self.decision.data and group != self.decision.data:
            raise ValidationError(_l("Kies een reden die bij je besluit past."))

    @property
    def reason_key(self):
        return (self.reason.data or "").partition(":")[2]

    def load(self, suggestion):
        """Fill the form from the stored decision, with the version it was loaded from."""
        self.version.data = suggestion.version
        if suggestion.decision:
            self.decision.data = suggestion.decision
            self.reason.data = f"{suggestion.decision}:{suggestion.decision_reason}"
            self.note.data = suggestion.decision_note


class ProposeForm(OnceOnlyForm):
    """Propose a shortlisted person to the business and the jobseeker (saved once, even on a double click)."""


class MoveForm(OnceOnlyForm):
    """Move a placement to its next stage."""

    to_stage = SelectField(_l("Volgende stap"), validators=[InputRequired(message=_l("Kies de volgende stap."))])
    trial_start = DateField(_l("Begin proefplaatsing"), validators=[Optional()])
    trial_end = DateField(_l("Einde proefplaatsing"), validators=[Optional()])
    long_trial = BooleanField(_l("UWV of de gemeente vindt een proefplaatsing van meer dan 2 maanden goed"))
    employed_since = DateField(_l("In dienst vanaf"), validators=[Optional()])
    employer_of_record = RadioField(
        _l("Werkgever"),
        choices=[(EmployerOfRecord.BUSINESS, _l("Het bedrijf")),
                 (EmployerOfRecord.COOPERATIVE, _l("De coöperatie (het bedrijf loopt geen werkgeversrisico)"))],
        validators=[Optional()],
    )
    meeting_date = DateField(_l("Datum kennismaking"), validators=[Optional()])
    meeting_time = TimeField(_l("Tijd kennismaking"), validators=[Optional()])
    meeting_place = StringField(_l("Plaats kennismaking"), validators=[Optional(), Length(max=200)])
    hours_per_week = IntegerField(_l("Uren per week"), validators=[Optional(), NumberRange(min=1, max=40)])
    reason = SelectField(_l("Reden om te stoppen"), validators=[Optional()],
                         choices=[("", _l("Kies een reden"))] + list(END_REASONS.items()))
    note = TextAreaField(_l("Notitie (mag leeg)"), validators=[Optional(), Length(max=1000)])

    def set_stages(self, stages):
        self.to_stage.choices = [(s, status_label(s)) for s in stages]


class MeetingForm(Form):
    """Plan or move the kennismaking; both sides get the (new) invitation."""

    day = DateField(_l("Datum"), validators=[InputRequired(message=_l("Vul de datum in."))])
    at = TimeField(_l("Tijd"), validators=[InputRequired(message=_l("Vul de tijd in, bijvoorbeeld 10:30."))])
    place = StringField(_l("Plaats"), validators=[Optional(), Length(max=200)],
                        description=_l("Leeg: het adres van de coöperatie."))


def meeting_form_for(placement):
    """The kennismaking form with what is planned filled in (else the cooperative's address as the place)."""
    form = MeetingForm(formdata=None, prefix="km")
    if placement.meeting_at is not None:
        moment = to_local(placement.meeting_at)
        form.day.data, form.at.data = moment.date(), moment.time().replace(second=0, microsecond=0)
    form.place.data = placement.meeting_place or meetings.default_place()
    return form


class InstrumentsForm(OnceOnlyForm):
    """Staff tick the instruments that may apply; the software decides nothing. Saved only over the placement it was
    loaded from (its version): a second tab saved later gets the conflict message, not the first tab's list undone."""

    instruments = MultiCheckboxField(_l("Wat kan gelden voor deze plaatsing?"), validators=[Optional()])


class FollowUpForm(Form):
    still_working = RadioField(
        _l("Werkt de persoon er nog?"), choices=[("yes", _l("Ja")), ("no", _l("Nee"))],
        validators=[InputRequired(message=_l("Kies ja of nee."))],
    )
    note = TextAreaField(_l("Notitie (mag leeg)"), validators=[Optional(), Length(max=1000)])


class PlanForm(Form):
    """The plan's assignments; staff untick what they do not want before accepting."""

    assignments = MultiCheckboxField(_l("Voorstellen uit het plan"), validators=[Optional()])


class OnBehalfForm(Form):
    """Staff note an answer given in person or by phone (for someone without an account, or a business that called)."""

    side = RadioField(_l("Wie antwoordde?"), choices=[(Role.JOBSEEKER, _l("De werkzoekende")), (Role.BUSINESS, _l("Het bedrijf"))],
                      validators=[InputRequired(message=_l("Kies wie antwoordde."))])
    answer = RadioField(_l("Antwoord"), choices=[("yes", _l("Ja")), ("no", _l("Nee"))],
                        validators=[InputRequired(message=_l("Kies ja of nee."))])
    reason = TextAreaField(_l("Waarom niet? (alleen bij nee)"), validators=[Optional(), Length(max=1000)])
