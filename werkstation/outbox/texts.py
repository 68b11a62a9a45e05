"""What each message says: short, B1 Dutch (English where the recipient chose it), one link to act.

Every text is a function of the message's context, called inside `i18n.in_language(recipient's language)`, so the
gettext calls give the recipient's language. Texts never hold personal details of the other side: a business reads
"a jobseeker", never a name; names and phone numbers are only on the page behind the link, after both said yes.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_date, format_datetime
from flask_babel import gettext as _

from ..vocabulary import Role, business_words
from .models import MessageKind as K


@dataclass(frozen=True)
class Text:
    subject: str
    paragraphs: tuple[str, ...]
    link_label: str | None = None


def _business(c, start=False) -> str:
    """The business as this recipient may read it: its name, or "een bedrijf uit de sector ..." for a resident who
    may not see the name yet."""
    return business_words(c["business"], c.get("sector"), start=start)


def _proposal_business(c):
    return Text(_("Nieuw voorstel voor je vacature %(title)s", title=c["title"]), (
        _("De coöperatie stelt iemand uit de wijk voor voor je vacature %(title)s.", title=c["title"]),
        _("Bekijk wat deze persoon kan en zeg ja of nee tegen een kennismaking."),
        _("Naam en telefoonnummer zie je als jullie allebei ja zeggen."),
    ), _("Bekijk het voorstel"))


def _proposal_jobseeker(c):
    return Text(_("Er is werk voor je: %(title)s", title=c["title"]), (
        _("De coöperatie denkt dat dit werk bij je past: %(title)s bij %(business)s.", title=c["title"],
          business=_business(c)),
        _("Wil je kennismaken? Zeg ja of nee. Het bedrijf ziet je naam pas als jullie allebei ja zeggen."),
    ), _("Bekijk het werk"))


def _answer_yes(c):
    if c["side"] == Role.JOBSEEKER:  # the business said yes; the jobseeker still has to answer
        return Text(_("Het bedrijf wil met je kennismaken"), (
            _("%(business)s wil graag met je kennismaken voor het werk %(title)s.", business=_business(c, start=True),
              title=c["title"]),
            _("Wil jij ook? Zeg ja of nee."),
        ), _("Geef je antwoord"))
    return Text(_("De werkzoekende wil kennismaken"), (
        _("De werkzoekende die we voorstelden voor %(title)s wil graag kennismaken.", title=c["title"]),
        _("Wil jij ook? Zeg ja of nee."),
    ), _("Geef je antwoord"))


def _answer_no(c):
    if c["side"] == Role.JOBSEEKER:
        return Text(_("Het bedrijf gaat niet verder met het voorstel"), (
            _("%(business)s zegt nee tegen het voorstel voor %(title)s. Dat is jammer.", business=_business(c, True),
              title=c["title"]),
            _("De coöperatie zoekt verder met je."),
        ), _("Bekijk je overzicht"))
    return Text(_("De werkzoekende gaat niet verder met het voorstel"), (
        _("De werkzoekende zegt nee tegen het voorstel voor %(title)s.", title=c["title"]),
        _("De coöperatie zoekt verder voor je vacature."),
    ), _("Bekijk je overzicht"))


def _both_yes(c):
    return Text(_("Jullie willen allebei kennismaken"), (
        _("Jullie zeiden allebei ja voor %(title)s.", title=c["title"]),
        _("Je ziet nu de naam en het telefoonnummer op de pagina van het voorstel. De coöperatie plant de kennismaking."),
    ), _("Bekijk de gegevens"))


def _when(c) -> str:
    """The meeting's moment in the recipient's language and the neighbourhood's time zone."""
    return format_datetime(c["at"], "EEEE d MMMM y, HH:mm")


def _day(value) -> str:
    return format_date(value, "EEEE d MMMM y")


def _meeting_lines(c):
    return (
        _("Wanneer: %(when)s", when=_when(c)),
        _("Waar: %(place)s", place=c["place"]),
    )


def _meeting_planned(c):
    return Text(_("Kennismaking op %(when)s", when=_when(c)), (
        _("De kennismaking voor %(title)s is gepland.", title=c["title"]),
        *_meeting_lines(c),
        _("De afspraak zit bij deze e-mail, voor je agenda. Kun je niet? Laat het de coöperatie weten."),
    ), _("Bekijk de afspraak"))


def _meeting_moved(c):
    return Text(_("Kennismaking verzet naar %(when)s", when=_when(c)), (
        _("De kennismaking voor %(title)s is verzet.", title=c["title"]),
        *_meeting_lines(c),
        _("De nieuwe afspraak zit bij deze e-mail, voor je agenda."),
    ), _("Bekijk de afspraak"))


def _meeting_cancelled(c):
    return Text(_("Kennismaking gaat niet door"), (
        _("De kennismaking voor %(title)s op %(when)s gaat niet door.", title=c["title"], when=_when(c)),
        _("Heb je vragen? Neem contact op met de coöperatie."),
    ), _("Bekijk het voorstel"))


def _meeting_tomorrow(c):
    return Text(_("Morgen: kennismaking voor %(title)s", title=c["title"]), (
        _("Morgen is de kennismaking voor %(title)s.", title=c["title"]),
        *_meeting_lines(c),
        _("Je mag iemand meenemen."),
    ), _("Bekijk de afspraak"))


def _trial_ending(c):
    return Text(_("De proefplaatsing stopt over 7 dagen"), (
        _("De proefplaatsing voor %(title)s stopt op %(date)s.", title=c["title"], date=_day(c["day"])),
        _("Praat op tijd met de coöperatie over wat daarna komt."),
    ), _("Bekijk de plaatsing"))


def _follow_up_due(c):
    return Text(_("Opvolging: %(months)s maanden na de start", months=c["months"]), (
        _("Het is tijd om te vragen hoe het gaat: %(title)s bij %(business)s (%(months)s maanden na de start).",
          title=c["title"], business=c["business"], months=c["months"]),
    ), _("Open de plaatsing"))


def _work_ended(c):
    return Text(_("Weer beschikbaar: werk bij %(business)s gestopt", business=c["business"]), (
        _("Het werk als %(title)s bij %(business)s is gestopt. De persoon staat weer als beschikbaar in de lijsten.",
          title=c["title"], business=c["business"]),
        _("Bel of spreek de persoon om te horen hoe het ging en wat nu past."),
    ), _("Open de plaatsing"))


def _proposal_unanswered(c):
    return Text(_("Voorstel al 5 werkdagen zonder antwoord"), (
        _("Het voorstel voor %(title)s bij %(business)s heeft na 5 werkdagen nog geen antwoord van: %(who)s.",
          title=c["title"], business=c["business"], who=", ".join(n or _("de werkzoekende") for n in c["who"])),
        _("Bel even om te vragen wat ze willen."),
    ), _("Open de plaatsing"))


def _proposal_on_hold(c):
    if c["side"] == "staff":
        why = {"person_paused": _("Staat stil: de werkzoekende zette het profiel op pauze."),
               "vacancy_paused": _("Staat stil: de vacature is gepauzeerd."),
               "vacancy_closed": _("Staat stil: de vacature is gesloten."),
               "person_at_work": _("Staat stil: de werkzoekende is ergens anders aan het werk gegaan.")}[c["hold"]]
        return Text(_("Voorstel staat stil: %(title)s bij %(business)s", title=c["title"], business=c["business"]), (
            why,
            _("Wat nu: bel beide kanten. Gaat het niet door, zet het voorstel dan op beëindigd. "
              "Gaat het later wel door, laat het dan staan."),
        ), _("Open de plaatsing"))
    told = {"person_paused": _("De werkzoekende kan even niet verder. Het voorstel staat stil. De coöperatie neemt "
                               "contact met je op."),
            "vacancy_paused": _("Het bedrijf heeft de vacature even stilgezet. Het voorstel staat stil. De coöperatie "
                                "neemt contact met je op."),
            "vacancy_closed": _("Het bedrijf heeft de vacature gesloten. Het voorstel gaat waarschijnlijk niet door. "
                                "De coöperatie neemt contact met je op."),
            "person_at_work": _("De werkzoekende is ergens anders aan het werk gegaan. Het voorstel staat stil. "
                                "De coöperatie neemt contact met je op.")}[c["hold"]]
    return Text(_("Het voorstel voor %(title)s staat stil", title=c["title"]), (told,), _("Bekijk het voorstel"))


def _retention_notice(c):
    return Text(_("Je profiel bij Werkstation wordt gewist"), (
        _("Je hebt lang niet ingelogd bij Werkstation. Op %(date)s wissen we je profiel.", date=_day(c["day"])),
        _("Wil je je profiel houden? Log dan voor die datum in. Je kunt ook bellen met de coöperatie."),
    ), _("Inloggen"))


def _account_created(c):
    if c.get("by_phone"):
        return Text(_("Je account bij Werkstation"), (
            _("De coöperatie heeft een account voor je gemaakt. Je logt in met je telefoonnummer."),
            _("Kom langs of bel de coöperatie. Je krijgt dan een code om je wachtwoord te kiezen."),
        ))
    return Text(_("Je account bij Werkstation"), (
        _("De coöperatie heeft een account voor je gemaakt bij Werkstation."),
        _("Kies je wachtwoord met de link hieronder. De link werkt %(days)s dagen en maar één keer.", days=c["days"]),
    ), _("Kies je wachtwoord"))


def _password_reset(c):
    return Text(_("Kies een nieuw wachtwoord"), (
        _("Je vroeg om een nieuw wachtwoord voor Werkstation."),
        _("Kies het met de link hieronder. De link werkt %(minutes)s minuten en maar één keer.",
          minutes=c["minutes"]),
        _("Heb je dit niet gevraagd? Dan hoef je niets te doen."),
    ), _("Kies een nieuw wachtwoord"))


def _password_help(c):
    return Text(_("Hulp bij inloggen: je krijgt een code"), (
        _("Je vroeg om hulp omdat je je wachtwoord niet meer weet."),
        _("De medewerker geeft je nu een code van 8 cijfers. Die werkt 24 uur en maar één keer."),
        _("Ga naar ‘Inloggen met een code’, typ je mobiele nummer en de code, en kies een nieuw wachtwoord."),
    ), _("Inloggen met een code"))


def _password_changed(c):
    return Text(_("Je wachtwoord is veranderd"), (
        _("Je wachtwoord voor Werkstation is veranderd. Op andere apparaten ben je uitgelogd."),
        _("Was jij dit niet? Kies dan meteen een nieuw wachtwoord en bel de coöperatie."),
    ), _("Nieuw wachtwoord kiezen"))


def _email_confirm(c):
    return Text(_("Klopt dit e-mailadres?"), (
        _("Je wilt dit e-mailadres gebruiken voor Werkstation."),
        _("Klik op de link om het te bevestigen. De link werkt %(hours)s uur.", hours=c["hours"]),
    ), _("Bevestig je e-mailadres"))


def _email_changed(c):
    return Text(_("Je e-mailadres wordt veranderd"), (
        _("Iemand vroeg om het e-mailadres van je account bij Werkstation te veranderen."),
        _("Was jij dit niet? Kies dan meteen een nieuw wachtwoord en bel de coöperatie."),
    ), _("Nieuw wachtwoord kiezen"))


def _existing_account(c):
    return Text(_("Je hebt al een account bij Werkstation"), (
        _("Iemand probeerde een nieuw account te maken met dit e-mailadres. Je hebt al een account."),
        _("Log in. Ben je je wachtwoord vergeten? Kies dan een nieuw wachtwoord."),
        _("Was jij dit niet? Dan hoef je niets te doen."),
    ), _("Nieuw wachtwoord kiezen"))


def _signup_confirm(c):
    return Text(_("Maak je aanmelding bij Werkstation af"), (
        _("Je meldde je aan bij Werkstation met dit e-mailadres."),
        _("Klik op de link om je aanmelding af te maken. De link werkt %(hours)s uur.", hours=c["hours"]),
        _("Heb jij je niet aangemeld? Dan hoef je niets te doen."),
    ), _("Aanmelding afmaken"))


TEXTS = {
    K.PROPOSAL_BUSINESS: _proposal_business,
    K.PROPOSAL_JOBSEEKER: _proposal_jobseeker,
    K.ANSWER_YES: _answer_yes,
    K.ANSWER_NO: _answer_no,
    K.BOTH_YES: _both_yes,
    K.MEETING_PLANNED: _meeting_planned,
    K.MEETING_MOVED: _meeting_moved,
    K.MEETING_CANCELLED: _meeting_cancelled,
    K.MEETING_TOMORROW: _meeting_tomorrow,
    K.TRIAL_ENDING: _trial_ending,
    K.FOLLOW_UP_DUE: _follow_up_due,
    K.PROPOSAL_UNANSWERED: _proposal_unanswered,
    K.WORK_ENDED: _work_ended,
    K.PROPOSAL_ON_HOLD: _proposal_on_hold,
    K.RETENTION_NOTICE: _retention_notice,
    K.ACCOUNT_CREATED: _account_created,
    K.PASSWORD_RESET: _password_reset,
    K.PASSWORD_CHANGED: _password_changed,
    K.PASSWORD_HELP: _password_help,
    K.EMAIL_CONFIRM: _email_confirm,
    K.EMAIL_CHANGED: _email_changed,
    K.EXISTING_ACCOUNT: _existing_account,
    K.SIGNUP_CONFIRM: _signup_confirm,
}


def text_for(kind, context) -> Text:
    """The subject, paragraphs and link label of a message (in the language that is active now)."""
    return TEXTS[kind](context)
