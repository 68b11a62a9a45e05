"""The words of the domain in one place, with the words people read for them.

Roles, statuses, stages, decisions and answers are `StrEnum`s: a member is stored in the database as its value
(the same strings as always), compares equal to that string and is what code reads and writes. The week, language
levels, licences and certificates, travel modes, languages, and the everyday words (tiles) for ESCO occupations and
talents follow. Every list of choices here is also the whitelist the server checks: a value not offered is refused.
Dutch words are written here; other languages come from the translation catalogs (the tiles carry their English).
"""

from __future__ import annotations

import enum
import json
from functools import lru_cache
from pathlib import Path

from flask import has_request_context
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .engine import CEFR_LEVELS as CEFR_LEVELS  # A1 to C2: the engine's list, part of this vocabulary
from .engine import default_search, load_taxonomy
from .engine import language_name as engine_language_name
from .writing import isolated, list_text

QUERY_MAX = 120  # characters of a typed job title that are searched
# Below this score a suggestion is a guess from a few shared letters ("bak" -> huisarts, "fırın" -> rotisseur):
# better no list than a wrong one. Three or four letters of a real title ("bakk", "maga", "kap") score above it.
SUGGESTION_MIN_SCORE = 0.22


class Role(enum.StrEnum):
    BUSINESS = "business"
    JOBSEEKER = "jobseeker"
    STAFF = "staff"
    ADMIN = "admin"


ROLES = tuple(Role)
STAFF_ROLES = (Role.STAFF, Role.ADMIN)


class VacancyStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    FILLED = "filled"
    CLOSED = "closed"


class JobseekerStatus(enum.StrEnum):
    AVAILABLE = "available"
    PAUSED = "paused"
    PLACED = "placed"
    ERASED = "erased"


class Decision(enum.StrEnum):
    """A staff member's decision on a suggestion."""

    SHORTLIST = "shortlist"
    REJECT = "reject"


class Interest(enum.StrEnum):
    """A resident's own answer about a fitting vacancy."""

    YES = "interested"
    NO = "not_for_me"


class Stage(enum.StrEnum):
    """Where a placement is: voorgesteld -> kennismaking -> proefplaatsing -> in dienst -> afgerond, or beëindigd."""

    PROPOSED = "voorgesteld"
    INTRODUCTION = "kennismaking"
    TRIAL = "proefplaatsing"
    EMPLOYED = "in_dienst"
    COMPLETED = "afgerond"
    ENDED = "beeindigd"


class Answer(enum.StrEnum):
    """A business's or a jobseeker's answer to a proposal."""

    ACCEPTED = "accepted"
    DECLINED = "declined"


class ContractType(enum.StrEnum):
    """The kind of contract a vacancy offers (the words a resident reads are in CONTRACT_WORDS)."""

    ON_CALL = "oproep"
    TEMPORARY = "tijdelijk"
    PERMANENT = "vast"
    TRIAL_FIRST = "proefplaatsing_eerst"


CONTRACT_WORDS = {
    ContractType.ON_CALL: _l("Oproepcontract: je werkt als het bedrijf je vraagt, geen vaste uren"),
    ContractType.TEMPORARY: _l("Tijdelijk contract: voor een vaste periode"),
    ContractType.PERMANENT: _l("Vast contract: zonder einddatum"),
    ContractType.TRIAL_FIRST: _l("Eerst een proefplaatsing, daarna een contract als het goed gaat"),
}


class ContactKind(enum.StrEnum):
    """What a line in the contact log records."""

    CALL = "call"
    VISIT = "visit"
    AGREEMENT = "agreement"
    MESSAGE = "message"
    NOTE = "note"


CONTACT_KIND_WORDS = {
    ContactKind.CALL: _l("Gebeld"), ContactKind.VISIT: _l("Bezoek of gesprek"),
    ContactKind.AGREEMENT: _l("Afspraak gemaakt"), ContactKind.MESSAGE: _l("Bericht gestuurd (app, sms, brief)"),
    ContactKind.NOTE: _l("Notitie"),
}


class EmployerOfRecord(enum.StrEnum):
    BUSINESS = "business"
    COOPERATIVE = "cooperative"


# Stages that are still running (the person holds a proposal or works there).
ACTIVE_STAGES = (Stage.PROPOSED, Stage.INTRODUCTION, Stage.TRIAL, Stage.EMPLOYED)
# A proposal is running: not yet at work, not ended (the person and the business still decide).
PROPOSAL_STAGES = (Stage.PROPOSED, Stage.INTRODUCTION)
# A vacancy's places are taken by proposals still running and by placements that worked out.
SEAT_STAGES = (*ACTIVE_STAGES, Stage.COMPLETED)
# The person works there (follow-ups are planned from the first working day).
WORKING_STAGES = (Stage.TRIAL, Stage.EMPLOYED)
# The person was actually placed: a positive outcome whatever the earlier decision.
PLACED_STAGES = (Stage.TRIAL, Stage.EMPLOYED, Stage.COMPLETED)
# The outcome of a placement that ran its course (an ended one keeps its end reason as outcome).
COMPLETED_OUTCOME = "completed"

STATUS_WORDS = {
    VacancyStatus.DRAFT: _l("concept"), VacancyStatus.OPEN: _l("open"), VacancyStatus.PAUSED: _l("gepauzeerd"),
    VacancyStatus.FILLED: _l("vervuld"), VacancyStatus.CLOSED: _l("gesloten"),
    JobseekerStatus.AVAILABLE: _l("beschikbaar"), JobseekerStatus.PLACED: _l("aan het werk"),
    JobseekerStatus.ERASED: _l("gewist"),
    Stage.PROPOSED: _l("voorgesteld"), Stage.INTRODUCTION: _l("kennismaking"), Stage.TRIAL: _l("proefplaatsing"),
    Stage.EMPLOYED: _l("in dienst"), Stage.COMPLETED: _l("afgerond"), Stage.ENDED: _l("beëindigd"),
    Decision.SHORTLIST: _l("op de shortlist"), Decision.REJECT: _l("afgewezen"),
    Answer.ACCEPTED: _l("ja"), Answer.DECLINED: _l("nee"),
    Interest.YES: _l("heeft interesse"), Interest.NO: _l("niet voor mij"),
}


def status_label(status):
    """The Dutch (or English) word for a status, stage, decision or answer (the code itself when unknown)."""
    return STATUS_WORDS.get(status, status)


# --- the week ----------------------------------------------------------------------------------------------------

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAYPARTS = ("morning", "afternoon", "evening", "night")
WEEKDAY_LABELS = {
    "mon": _l("maandag"), "tue": _l("dinsdag"), "wed": _l("woensdag"), "thu": _l("donderdag"),
    "fri": _l("vrijdag"), "sat": _l("zaterdag"), "sun": _l("zondag"),
}
WEEKDAY_SHORT = {
    "mon": _l("ma"), "tue": _l("di"), "wed": _l("wo"), "thu": _l("do"), "fri": _l("vr"), "sat": _l("za"), "sun": _l("zo"),
}
DAYPART_LABELS = {
    "morning": _l("ochtend"), "afternoon": _l("middag"), "evening": _l("avond"), "night": _l("nacht"),
}


def schedule_words(schedule) -> str:
    """A weekly schedule in words, the way the page's language writes lists: "maandag: ochtend, middag; woensdag:
    ochtend" (Arabic with its own comma and semicolon); "" when no day is given."""
    return list_text((f"{WEEKDAY_LABELS.get(d, d)}: {list_text(DAYPART_LABELS.get(p, p) for p in parts)}"
                      for d, parts in in_week_order(schedule)), groups=True)


def in_week_order(schedule) -> list[tuple[str, list[str]]]:
    """(day, parts of the day) of a weekly schedule, Monday first and the morning first, whatever order it was
    stored in; days without parts are left out."""
    schedule = schedule or {}
    order = {part: k for k, part in enumerate(DAYPARTS)}
    days = [d for d in WEEKDAYS if schedule.get(d)] + [d for d in schedule if d not in WEEKDAYS and schedule[d]]
    return [(d, sorted(schedule[d], key=lambda part: order.get(part, len(order)))) for d in days]


def hours_text(low, high) -> str:
    """Hours per week in words: "16 uur" when both ends are the same, "12 tot 20 uur" for a range."""
    if low is None and high is None:
        return _("onbekend")
    if low is None or high is None or low == high:
        return _("%(n)s uur", n=high if low is None else low)
    return _("%(a)s tot %(b)s uur", a=low, b=high)


def money_text(cents) -> str:
    """An amount in euros as people read it in the page's language: "€ 14,25" in Dutch."""
    from flask_babel import format_currency

    return format_currency(cents / 100, "EUR")


def pay_text(hourly_wage_cents, cao_name) -> str:
    """The pay of a vacancy in words: "€ 14,50 per uur", "volgens cao Horeca", or "nog niet ingevuld" (older rows)."""
    cao, amount = isolated(cao_name), isolated(money_text(hourly_wage_cents) if hourly_wage_cents else "")
    if cao_name and hourly_wage_cents:
        return _("volgens %(cao)s, %(amount)s per uur", cao=cao, amount=amount)
    if cao_name:
        return _("volgens %(cao)s", cao=cao)
    if hourly_wage_cents:
        return _("%(amount)s per uur", amount=amount)
    return _("nog niet ingevuld")


def contract_text(contract_type) -> str:
    """The contract of a vacancy in plain words ("nog niet ingevuld" for vacancies from before the question)."""
    words = CONTRACT_WORDS.get(contract_type)
    return str(words) if words is not None else _("nog niet ingevuld")


# --- language levels (CEFR) --------------------------------------------------------------------------------------

# Dutch level in plain words, first person for jobseekers. The forms offer C1 for "fluent" (C1 and C2).
DUTCH_LEVEL_WORDS = {
    "A1": _l("Ik ken een paar woorden en zinnen"),
    "A2": _l("Ik kan eenvoudige gesprekken voeren over dagelijkse dingen"),
    "B1": _l("Ik kan gewone gesprekken op het werk voeren en eenvoudige teksten lezen"),
    "B2": _l("Ik kan bijna alles op het werk in het Nederlands bespreken en lezen"),
    "C1": _l("Ik spreek en schrijf vloeiend Nederlands"),
}
# The same levels, as a requirement of a vacancy.
REQUIRED_LEVEL_WORDS = {
    "A1": _l("Kent een paar woorden en zinnen (A1)"),
    "A2": _l("Kan eenvoudige gesprekken voeren over dagelijkse dingen (A2)"),
    "B1": _l("Kan gewone gesprekken op het werk voeren en eenvoudige teksten lezen (B1)"),
    "B2": _l("Kan bijna alles op het werk in het Nederlands bespreken en lezen (B2)"),
    "C1": _l("Spreekt en schrijft vloeiend Nederlands (C1/C2)"),
}
# Levels of other languages, short.
OTHER_LEVEL_WORDS = {
    "A1": _l("een paar woorden"),
    "A2": _l("eenvoudige gesprekken"),
    "B1": _l("gewone gesprekken"),
    "B2": _l("bijna alles"),
    "C1": _l("vloeiend"),
}


def form_level(level):
    """The level as the forms offer it: C2 is shown (and kept) as C1, "fluent"; anything else as it is."""
    return "C1" if level == "C2" else level


# --- licences and certificates -----------------------------------------------------------------------------------

LICENCES = ("AM", "B", "BE", "C", "CE", "D")
CERTIFICATES = ("HEFTRUCK", "VCA", "HACCP", "BHV", "SOCIALE HYGIENE", "EHBO")
LICENCE_LABELS = {
    "AM": _l("AM (scooter)"), "B": _l("B (auto)"), "BE": _l("BE (auto met aanhanger)"),
    "C": _l("C (vrachtwagen)"), "CE": _l("CE (vrachtwagen met aanhanger)"), "D": _l("D (bus)"),
}
CERTIFICATE_LABELS = {
    "HEFTRUCK": _l("Heftruck"), "VCA": _l("VCA (veilig werken)"), "HACCP": _l("HACCP (hygiëne met eten)"),
    "BHV": _l("BHV (bedrijfshulpverlening)"), "SOCIALE HYGIENE": _l("Sociale Hygiëne (horeca)"),
    "EHBO": _l("EHBO (eerste hulp)"),
}
LICENCE_ORDER = ("B", "BE", "C", "CE", "D", "AM")  # as the forms offer them: the car first


def licence_choices():
    """(code, words) for every driving licence, as the forms offer them."""
    return [(code, LICENCE_LABELS[code]) for code in LICENCE_ORDER]


def certificate_choices():
    """(code, words) for every certificate."""
    return [(code, CERTIFICATE_LABELS[code]) for code in CERTIFICATES]


# --- travel ------------------------------------------------------------------------------------------------------

TRAVEL_MODES = ("walk", "bike", "public_transport", "car")
TRAVEL_MODE_LABELS = {
    "walk": _l("Lopen"), "bike": _l("Fiets"), "public_transport": _l("Bus, tram of trein"), "car": _l("Auto of scooter"),
}
TRAVEL_MINUTES = (10, 15, 20, 30, 45, 60)


# --- languages ---------------------------------------------------------------------------------------------------

# The one table of language names is the engine's (matching/languages.py): its phrases, these forms and the
# explanations use the same names. Besides Dutch (a question of its own), the forms offer these, in this order.
FORM_LANGUAGES = ("ar", "ber", "tr", "en", "fr", "de", "es", "pl", "so", "ti", "fa", "uk", "ru", "pap", "ro", "bg",
                  "pt", "ku", "ur")
LANGUAGE_CODES = ("nl", *FORM_LANGUAGES)  # every language a profile or vacancy may name


def interface_language() -> str:
    """The language of the current page ("nl" outside a request)."""
    locale = get_locale() if has_request_context() else None
    return locale.language if locale is not None else "nl"


def language_name(code) -> str:
    """The name of a language in the language of the page."""
    return engine_language_name(code, interface_language())


def language_choices(include_dutch=False):
    """(code, name) for the languages the forms offer (Dutch has its own question)."""
    return [(code, language_name(code)) for code in (LANGUAGE_CODES if include_dutch else FORM_LANGUAGES)]


# --- kinds of work and talents: everyday words for ESCO occupations and skills -------------------------------------

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def talent_tiles():
    """[{phrase, phrase_en, phrase_ar, phrase_tr, talent}] from werkstation/data/talent_tiles.json."""
    return tuple(json.loads((DATA / "talent_tiles.json").read_text(encoding="utf-8"))["tiles"])


@lru_cache(maxsize=1)
def occupation_tiles():
    """[{phrase, phrase_en, phrase_ar, phrase_tr, uri}] from werkstation/data/occupation_tiles.json."""
    return tuple(json.loads((DATA / "occupation_tiles.json").read_text(encoding="utf-8"))["tiles"])


def _phrase(tile):
    """The tile's words in the interface language (phrase_en, phrase_ar, ...; Dutch is `phrase`)."""
    return tile.get(f"phrase_{interface_language()}") or tile["phrase"]


def talent_words(label):
    """Everyday words for a stored ESCO talent label (the label itself if no tile has it)."""
    tile = next((t for t in talent_tiles() if t["talent"] == label), None)
    return _phrase(tile) if tile is not None else label


def occupation_label(uri):
    """Everyday words for a stored ESCO occupation: its tile's words, else ESCO's Dutch name (the URI itself when
    unknown). Residents, businesses and staff all see these words."""
    tile = next((t for t in occupation_tiles() if t["uri"] == uri), None)
    if tile is not None:
        return _phrase(tile)
    return esco_name(uri) or (uri or "")


def talent_choices(extra=()):
    """(ESCO label, everyday words) for every tile, plus `extra` labels already stored (shown as they are)."""
    choices = [(t["talent"], _phrase(t)) for t in talent_tiles()]
    known = {value for value, _label in choices}
    choices += [(label, label) for label in extra if label not in known and known_talent(label)]
    return choices


def occupation_choices(extra=()):
    """(ESCO URI, everyday words) for the common-work tiles, plus `extra` URIs already chosen (ESCO label)."""
    choices = [(t["uri"], _phrase(t)) for t in occupation_tiles()]
    known = {value for value, _label in choices}
    for uri in extra:
        if uri not in known and known_occupation(uri):
            choices.append((uri, occupation_label(uri)))
            known.add(uri)
    return choices


def known_occupation(uri) -> bool:
    """Whether `uri` is a real ESCO occupation."""
    return esco_name(uri) is not None


def known_talent(label) -> bool:
    """Whether `label` is an ESCO talent the engine knows."""
    return bool(label) and load_taxonomy().talent_by_label(label) is not None


def search_occupations(query, top_k=8):
    """[(uri, ESCO label)] for a typed job title, best first; each name once (two occupations can share a name, and
    a list that says "banketbakker" twice helps nobody: the better one stays); nothing that only shares a few letters."""
    query = (query or "").strip()[:QUERY_MAX]
    if len(query) < 2:
        return []
    seen, found = set(), []
    for hit in default_search().search(query, top_k=3 * top_k):
        if hit.score >= SUGGESTION_MIN_SCORE and hit.label.casefold() not in seen:
            seen.add(hit.label.casefold())
            found.append((hit.uri, hit.label))
    return found[:top_k]


def esco_name(uri) -> str | None:
    """ESCO's Dutch name of an occupation (None when the URI is no occupation)."""
    occupation = load_taxonomy().occupation(uri) if uri else None
    return occupation.label if occupation is not None else None


def resolve_occupation(text, min_score=0.5):
    """The ESCO URI for a typed title, or None when nothing fits well enough."""
    text = (text or "").strip()
    if not text:
        return None
    hits = default_search().search(text[:QUERY_MAX], top_k=1)
    return hits[0].uri if hits and hits[0].score >= min_score else None


# --- business sectors ---------------------------------------------------------------------------------------------

SECTORS = [
    ("", _l("Kies een sector")),
    ("bakkerij", _l("Bakkerij")),
    ("supermarkt", _l("Supermarkt of winkel")),
    ("schoonmaak", _l("Schoonmaak")),
    ("kinderopvang", _l("Kinderopvang")),
    ("garage", _l("Garage of fietsenmaker")),
    ("horeca", _l("Horeca en keuken")),
    ("thuiszorg", _l("Zorg en thuiszorg")),
    ("magazijn", _l("Magazijn, logistiek en bezorging")),
    ("kapper", _l("Kapper en schoonheid")),
    ("bouw", _l("Bouw, onderhoud en klussen")),
    ("beveiliging", _l("Beveiliging")),
    ("overig", _l("Anders")),
]


def sector_label(code) -> str:
    """The words for a business sector code ("horeca" -> "Horeca en keuken")."""
    return str(dict(SECTORS).get(code) or dict(SECTORS)["overig"])


def business_words(name, sector, *, start=False) -> str:
    """Who a resident reads the business is: its name when they may see it, else its trade."""
    if name:
        return name
    if start:
        return _("Een bedrijf uit de sector %(sector)s", sector=sector_label(sector))
    return _("een bedrijf uit de sector %(sector)s", sector=sector_label(sector))
