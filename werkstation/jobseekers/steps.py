"""The intake, one topic per page. The same step forms are used to change a profile later.

Each step knows three things: its form, how to turn a valid form into plain JSON-able answers (kept in the
session during the intake, so nothing is stored as a profile before consent), and how answers map to and from a
Jobseeker row.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from wtforms import BooleanField, EmailField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from ..fields import (
    IntegerField,
    MultiCheckboxField,
    PhoneField,
    RadioField,
    ScheduleField,
    SelectField,
    TileField,
    schedule_from_keys,
    schedule_keys,
)
from ..persistence import OnceOnlyForm
from ..validators import Postcode, check_hours_order, hours_validators, max_length
from ..vocabulary import (
    DUTCH_LEVEL_WORDS,
    OTHER_LEVEL_WORDS,
    TRAVEL_MINUTES,
    TRAVEL_MODE_LABELS,
    certificate_choices,
    form_level,
    known_occupation,
    language_choices,
    licence_choices,
    occupation_choices,
    occupation_label,
    resolve_occupation,
    talent_choices,
)

NAME_MAX = 120
ABOUT_MAX = 1000
OTHER_LANGUAGE_ROWS = 3
NO_DUTCH = "none"


# --- forms -------------------------------------------------------------------------------------------------


class WorkForm(OnceOnlyForm):
    occupations = TileField(
        _l("Welk werk heb je al gedaan?"),
        choices=[],
        description=_l("Ook werk zonder diploma, als vrijwilliger of in een ander land. Kies zoveel als je wilt."),
    )
    other_work = StringField(
        _l("Ander werk dat je hebt gedaan"),
        validators=[Optional(), max_length(120)],
        description=_l("Staat je werk er niet bij? Typ het hier, bijvoorbeeld: bakker of taxichauffeur."),
        render_kw={"autocomplete": "off", "data-occupation-suggest": "other_work_uri"},
    )
    other_work_uri = HiddenField()
    wanted_occupations = TileField(
        _l("Welk werk wil je graag doen?"),
        choices=[],
        description=_l("Ook werk dat je nog nooit hebt gedaan. Mag leeg blijven."),
    )

    def __init__(self, *args, chosen=(), wanted=(), suggest_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.occupations.choices = occupation_choices(extra=[*chosen, *(self.occupations.data or [])])
        self.wanted_occupations.choices = occupation_choices(extra=[*wanted, *(self.wanted_occupations.data or [])])
        if suggest_url:
            self.other_work.render_kw = dict(self.other_work.render_kw, **{"data-suggest-url": suggest_url})
        self.resolved_other = None

    def validate_other_work(self, field):
        text = (field.data or "").strip()
        if not text:
            return
        uri = self.other_work_uri.data
        self.resolved_other = uri if known_occupation(uri) else resolve_occupation(text)

    def own_words(self) -> str | None:
        """Typed work that matches no known job: kept as the resident wrote it (see with_own_words)."""
        typed = (self.other_work.data or "").strip()
        return typed if typed and not self.resolved_other else None

    def understood(self) -> str | None:
        """When typed words were saved as a job with another name, or as they are: a line that says so, so nothing
        someone typed ("خباز في سوريا ١٠ سنوات": a baker in Syria for ten years) disappears without a word."""
        typed = (self.other_work.data or "").strip()
        if not typed:
            return None
        shown = f"\u2068{typed}\u2069"  # isolated: Arabic words inside a Dutch line keep their order
        if not self.resolved_other:
            return str(_l("We kennen geen werk met de naam ‘%(typed)s’. We bewaren je eigen woorden bij ‘Over jou’. "
                          "Een medewerker leest ze.", typed=shown))
        job = str(occupation_label(self.resolved_other))
        if typed.casefold() == job.casefold():
            return None
        return str(_l("Je typte ‘%(typed)s’. We hebben dat opgeslagen als: %(job)s. Wil je meer vertellen, "
                      "bijvoorbeeld waar of hoe lang? Schrijf dat bij ‘Over jou’.", typed=shown, job=job))

    def validate_occupations(self, field):
        # Extra (searched) occupations are offered as choices again; anything else was refused by pre_validate.
        if len(field.data or []) > 20:
            raise ValidationError(_l("Kies hoogstens 20 soorten werk."))

    validate_wanted_occupations = validate_occupations


class TalentsForm(OnceOnlyForm):
    talents = TileField(_l("Waar ben je goed in?"), choices=[], description=_l("Kies alles wat bij je past."))

    def __init__(self, *args, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.talents.choices = talent_choices(extra=chosen)

    def validate_talents(self, field):
        if not field.data:
            raise ValidationError(_l("Kies minstens één ding waar je goed in bent."))


class HoursForm(OnceOnlyForm):
    hours_min = IntegerField(_l("Hoeveel uur per week wil je minstens werken?"), validators=hours_validators(), render_kw={"inputmode": "numeric"})
    hours_max = IntegerField(_l("Hoeveel uur per week wil je hoogstens werken?"), validators=hours_validators(), render_kw={"inputmode": "numeric"})
    availability = ScheduleField(_l("Wanneer kun je werken?"), description=_l("Kies de dagdelen waarop je kunt werken."))

    def validate_availability(self, field):
        if not field.data:
            raise ValidationError(_l("Kies minstens één dagdeel."))

    def validate_hours_max(self, field):
        if field.data == 0:
            raise ValidationError(_l("Werk van 0 uur per week kan niet. Vul minstens 1 uur in."))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        return check_hours_order(self) and ok


class TravelForm(OnceOnlyForm):
    postcode = StringField(
        _l("Wat is je postcode?"),
        validators=[DataRequired(_l("Vul je postcode in.")), Postcode()],
        description=_l("Bijvoorbeeld 3526 AB. We gebruiken dit alleen om de reistijd te schatten."),
        render_kw={"autocomplete": "postal-code"},
    )
    travel_mode = RadioField(
        _l("Hoe reis je naar je werk?"),
        choices=list(TRAVEL_MODE_LABELS.items()),
        validators=[InputRequired(_l("Kies hoe je reist."))],
    )
    max_travel_minutes = RadioField(
        _l("Hoe lang wil je hoogstens reizen?"),
        choices=[(m, lazy_ngettext("%(num)d minuut", "%(num)d minuten", m)) for m in TRAVEL_MINUTES],
        coerce=int,
        validators=[InputRequired(_l("Kies hoe lang je wilt reizen."))],
        description=_l("Enkele reis."),
    )


class LanguagesForm(OnceOnlyForm):
    dutch = RadioField(
        _l("Hoe goed spreek je Nederlands?"),
        choices=[(NO_DUTCH, _l("Ik spreek nog geen Nederlands")), *DUTCH_LEVEL_WORDS.items()],  # lowest first
        validators=[InputRequired(_l("Kies hoe goed je Nederlands spreekt."))],
    )
    language_1 = SelectField(_l("Andere taal"), choices=[])
    level_1 = SelectField(_l("Hoe goed?"), choices=[])
    language_2 = SelectField(_l("Nog een taal"), choices=[])
    level_2 = SelectField(_l("Hoe goed?"), choices=[])
    language_3 = SelectField(_l("Nog een taal"), choices=[])
    level_3 = SelectField(_l("Hoe goed?"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = [("", _l("Kies een taal"))] + language_choices()
        levels = [("", _l("Kies hoe goed"))] + list(OTHER_LEVEL_WORDS.items())
        for i in range(1, OTHER_LANGUAGE_ROWS + 1):
            self[f"language_{i}"].choices = languages
            self[f"level_{i}"].choices = levels

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for i in range(1, OTHER_LANGUAGE_ROWS + 1):
            language, level = self[f"language_{i}"], self[f"level_{i}"]
            if language.errors or level.errors:
                continue
            if language.data and not level.data:
                level.errors.append(_l("Kies hoe goed je deze taal spreekt."))
                ok = False
            elif level.data and not language.data:
                language.errors.append(_l("Kies welke taal je bedoelt."))
                ok = False
        return ok


class PapersForm(OnceOnlyForm):
    licences = MultiCheckboxField(_l("Welk rijbewijs heb je?"), choices=[], description=_l("Sla over als je geen rijbewijs hebt."))
    certificates = MultiCheckboxField(_l("Welke certificaten heb je?"), choices=[], description=_l("Sla over als je er geen hebt."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.licences.choices = licence_choices()
        self.certificates.choices = certificate_choices()


class AboutForm(OnceOnlyForm):
    name = StringField(
        _l("Hoe mogen we je noemen?"),
        validators=[DataRequired(_l("Vul je naam in.")), max_length(NAME_MAX)],
        render_kw={"autocomplete": "name"},
    )
    phone = PhoneField(
        _l("Telefoonnummer (mag leeg)"),
        validators=[Optional()],
        description=_l("Dan kan een medewerker je bellen als er werk is."),
    )
    about = TextAreaField(
        _l("Vertel iets over jezelf (mag leeg)"),
        validators=[Optional(), max_length(ABOUT_MAX)],
        description=_l("Een paar zinnen. Bijvoorbeeld wat je graag doet of wat je al eerder deed. Hoogstens 1000 tekens."),
    )


class StaffAboutForm(AboutForm):
    """On behalf of a resident without an account: the resident's e-mail address may be noted too."""

    email = EmailField(
        _l("E-mailadres (mag leeg)"),
        validators=[Optional(), Length(max=254), Email(_l("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."))],
    )


class ConsentForm(OnceOnlyForm):
    consent = BooleanField(
        _l("Ik geef toestemming. Werkstation mag mijn gegevens gebruiken om werk voor mij te zoeken."),
        validators=[DataRequired(_l("Zonder je toestemming kunnen we je gegevens niet bewaren."))],
    )


class StaffConsentForm(OnceOnlyForm):
    consent = BooleanField(
        _l("De bewoner heeft mij hier, in persoon, toestemming gegeven."),
        validators=[DataRequired(_l("Zonder toestemming van de bewoner kun je niets opslaan."))],
        description=_l("Lees de uitleg hierboven samen met de bewoner voor je dit aanvinkt."),
    )
    make_account = BooleanField(
        _l("Maak een account voor de bewoner"),
        description=_l("Met e-mailadres krijgt de bewoner een link om een wachtwoord te kiezen. Zonder e-mail logt de "
                       "bewoner in met het telefoonnummer en een code die jij geeft."),
    )
    # Shown only when a likely duplicate exists: saving then needs this tick ("different person").
    different_person = BooleanField(_l("Ik heb het nagekeken: dit is een ander persoon"))


def with_own_words(about, own_work) -> str:
    """The 'Over jou' text with work typed in the resident's own words added, once (nothing typed is lost)."""
    about = (about or "").strip()
    if not own_work or own_work in about:
        return about
    return f"{about}\n{own_work}".strip()[:ABOUT_MAX]


def own_words_shown(name, values, answers):
    """The intake's 'Over jou' shows work typed in the resident's own words, so they can read and change it."""
    own_work = answers.get("werk", {}).get("own_work")
    if name != "over-jou" or not own_work:
        return values
    return dict(values, about=with_own_words(values.get("about"), own_work))


# --- steps -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    name: str  # the URL part
    title: object
    intro: object

    def make_form(self, values=None, formdata=None, with_email=False, suggest_url=None):
        """The step's form: from `formdata` (kept input), else from the posted request, else filled from `values`."""
        form = self.build(values or {}, with_email=with_email, suggest_url=suggest_url, **({"formdata": formdata} if formdata is not None else {}))
        if formdata is None and not form.is_submitted() and values is not None:
            self.fill(form, values)
        return form

    def build(self, values, **kwargs):
        raise NotImplementedError

    def fill(self, form, values):
        for name, value in values.items():
            if name in form:
                form[name].data = value

    def answers(self, form) -> dict:
        raise NotImplementedError

    def from_model(self, jobseeker) -> dict:
        raise NotImplementedError

    def to_model(self, answers, jobseeker) -> None:
        raise NotImplementedError


class WorkStep(Step):
    def build(self, values, with_email=False, suggest_url=None, **kwargs):
        return WorkForm(chosen=values.get("occupations", []), wanted=values.get("wanted_occupations") or [],
                        suggest_url=suggest_url, **kwargs)

    def answers(self, form):
        chosen = list(dict.fromkeys(form.occupations.data or []))
        if form.resolved_other and form.resolved_other not in chosen:
            chosen.append(form.resolved_other)
        answers = {"occupations": chosen, "wanted_occupations": list(dict.fromkeys(form.wanted_occupations.data or []))}
        if form.own_words():
            answers["own_work"] = form.own_words()
        return answers

    def from_model(self, jobseeker):
        return {"occupations": list(jobseeker.occupations or []),
                "wanted_occupations": list(jobseeker.wanted_occupations or [])}

    def to_model(self, answers, jobseeker):
        jobseeker.occupations = list(answers.get("occupations", []))
        jobseeker.wanted_occupations = list(answers.get("wanted_occupations", []))
        jobseeker.about = with_own_words(jobseeker.about, answers.get("own_work"))


class TalentsStep(Step):
    def build(self, values, with_email=False, suggest_url=None, **kwargs):
        return TalentsForm(chosen=values.get("talents", []), **kwargs)

    def answers(self, form):
        return {"talents": list(dict.fromkeys(form.talents.data or []))}

    def from_model(self, jobseeker):
        return {"talents": list(jobseeker.talents or [])}

    def to_model(self, answers, jobseeker):
        jobseeker.talents = list(answers.get("talents", []))


class HoursStep(Step):
    def build(self, values, with_email=False, suggest_url=None, **kwargs):
        return HoursForm(**kwargs)

    def fill(self, form, values):
        form.hours_min.data = values.get("hours_min")
        form.hours_max.data = values.get("hours_max")
        form.availability.set_schedule(values.get("availability", {}))

    def answers(self, form):
        return {"hours_min": form.hours_min.data, "hours_max": form.hours_max.data, "availability": form.availability.schedule}

    def from_model(self, jobseeker):
        return {"hours_min": jobseeker.hours_min, "hours_max": jobseeker.hours_max, "availability": dict(jobseeker.availability or {})}

    def to_model(self, answers, jobseeker):
        jobseeker.hours_min = answers.get("hours_min")
        jobseeker.hours_max = answers.get("hours_max")
        jobseeker.availability = schedule_from_keys(schedule_keys(answers.get("availability", {})))


class TravelStep(Step):
    def build(self, values, with_email=False, suggest_url=None, **kwargs):
        return TravelForm(**kwargs)

    def answers(self, form):
        return {"postcode": form.postcode.data, "travel_mode": form.travel_mode.data, "max_travel_minutes": form.max_travel_minutes.data}

    def from_model(self, jobseeker):
        return {"postcode": jobseeker.postcode, "travel_mode": jobseeker.travel_mode, "max_travel_minutes": jobseeker.max_travel_minutes}

    def to_model(self, answers, jobseeker):
        jobseeker.postcode = answers.get("postcode")
        jobseeker.travel_mode = answers.get("travel_mode")
        jobseeker.max_travel_minutes = answers.get("max_travel_minutes")


class LanguagesStep(Step):
    def build(self, values, with_email=False, suggest_url=None, **kwargs):
        return LanguagesForm(**kwargs)

    def fill(self, form, values):
        languages = dict(values.get("languages", {}))
        dutch = languages.pop("nl", None)
        form.dutch.data = form_level(dutch) if dutch else (NO_DUTCH if "languages" in values else None)
        for i, (code, level) in enumerate(list(languages.items())[:OTHER_LANGUAGE_ROWS], start=1):
            form[f"language_{i}"].data = code
            form[f"level_{i}"].data = form_level(level)

    def answers(self, form):
        languages = {}
        if form.dutch.data and form.dutch.data != NO_DUTCH:
            languages["nl"] = form.dutch.data
        for i in range(1, OTHER_LANGUAGE_ROWS + 1):
            code, level = form[f"language_{i}"].data, form[f"level_{i}"].data
            if code and level and code not in languages:
                languages[code] = level
        return {"languages": languages}

    def from_model(self, jobseeker):
        return {"languages": dict(jobseeker.languages or {})}

    def to_model(self, answers, jobseeker):
        jobseeker.languages = dict(answers.get("languages", {}))


class PapersStep(Step):
    def build(self, values, with_email=False, suggest_url=None, **kwargs):
        return PapersForm(**kwargs)

    def answers(self, form):
        return {"licences": list(form.licences.data or []), "certificates": list(form.certificates.data or [])}

    def from_model(self, jobseeker):
        return {"licences": list(jobseeker.licences or []), "certificates": list(jobseeker.certificates or [])}

    def to_model(self, answers, jobseeker):
        jobseeker.licences = list(answers.get("licences", []))
        jobseeker.certificates = list(answers.get("certificates", []))


class AboutStep(Step):
    def build(self, values, with_email=False, suggest_url=None, **kwargs):
        return (StaffAboutForm if with_email else AboutForm)(**kwargs)

    def answers(self, form):
        values = {"name": form.name.data.strip(), "phone": (form.phone.data or "").strip() or None, "about": (form.about.data or "").strip()}
        if "email" in form:
            values["email"] = (form.email.data or "").strip().lower() or None
        return values

    def from_model(self, jobseeker):
        return {"name": jobseeker.name, "phone": jobseeker.phone, "about": jobseeker.about or "", "email": jobseeker.email}

    def to_model(self, answers, jobseeker):
        jobseeker.name = answers.get("name")
        jobseeker.phone = answers.get("phone")
        jobseeker.about = answers.get("about", "")
        if "email" in answers:
            jobseeker.email = answers["email"]


STEPS = (
    WorkStep("werk", _l("Werk"), _l("Welk werk heb je al gedaan, en welk werk wil je graag doen? Ervaring zonder diploma telt ook.")),
    TalentsStep("talenten", _l("Talenten"), _l("Waar ben je goed in? Denk ook aan wat je thuis of als vrijwilliger doet.")),
    HoursStep("uren", _l("Uren en dagen"), _l("Hoeveel wil je werken, en wanneer kun je?")),
    TravelStep("reizen", _l("Reizen"), _l("Waar woon je en hoe ver wil je reizen?")),
    LanguagesStep("talen", _l("Talen"), _l("Welke talen spreek je?")),
    PapersStep("papieren", _l("Rijbewijs en certificaten"), _l("Heb je een rijbewijs of een certificaat? Dat is niet nodig, maar soms handig.")),
    AboutStep("over-jou", _l("Over jou"), _l("Hoe mogen we je noemen, en hoe kunnen we je bereiken?")),
)
CONSENT = "toestemming"
STEP_NAMES = tuple(step.name for step in STEPS)
BY_NAME = {step.name: step for step in STEPS}


def step_number(name):
    """1-based position (the consent page is the last one)."""
    return STEP_NAMES.index(name) + 1 if name in BY_NAME else len(STEPS) + 1


def total_steps():
    return len(STEPS) + 1
