"""Reading and writing the CSV files staff exchange with spreadsheets (Excel NL writes ';' and often a BOM).

Rows are checked with the very same forms as the web pages, so an import follows the same rules as typing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from ..engine import load_taxonomy as taxonomy
from ..fields import schedule_keys
from ..vocabulary import (
    CEFR_LEVELS,
    TRAVEL_MINUTES,
    JobseekerStatus,
    VacancyStatus,
    resolve_occupation,
    talent_tiles,
)

MAX_ROWS = 5000
DELIMITERS = ";,\t"

# Spreadsheet words for days and parts of the day (the first one is what an export writes), and the codes themselves.
CSV_DAY_WORDS = {"mon": ("ma", "maandag"), "tue": ("di", "dinsdag"), "wed": ("wo", "woensdag"),
                 "thu": ("do", "donderdag"), "fri": ("vr", "vrijdag"), "sat": ("za", "zaterdag"), "sun": ("zo", "zondag")}
CSV_PART_WORDS = {"morning": ("ochtend",), "afternoon": ("middag",), "evening": ("avond",), "night": ("nacht",)}
DAY_WORDS = {w: day for day, words in CSV_DAY_WORDS.items() for w in (*words, day)}
PART_WORDS = {w: part for part, words in CSV_PART_WORDS.items() for w in (*words, part)}
# The words a spreadsheet uses for a travel mode (the first one is what an export writes), and the codes themselves.
CSV_TRAVEL_WORDS = {"walk": ("lopen", "te voet"), "bike": ("fiets",), "public_transport": ("ov", "openbaar vervoer"),
                    "car": ("auto",)}
TRAVEL_WORDS = {w: mode for mode, words in CSV_TRAVEL_WORDS.items() for w in (*words, mode)}
# The words a spreadsheet uses for a status (the first one is what an export writes), and the codes themselves.
CSV_STATUS_WORDS = {
    VacancyStatus.OPEN: ("open",), VacancyStatus.PAUSED: ("gepauzeerd", "pauze"), VacancyStatus.CLOSED: ("gesloten",),
    VacancyStatus.DRAFT: ("concept",),
}
CSV_JOBSEEKER_STATUS_WORDS = {JobseekerStatus.AVAILABLE: ("beschikbaar",), JobseekerStatus.PAUSED: ("pauze", "gepauzeerd")}
STATUS_WORDS_VACANCY = {w: s for s, words in CSV_STATUS_WORDS.items() for w in (*words, s.value)}
STATUS_WORDS_JOBSEEKER = {w: s for s, words in CSV_JOBSEEKER_STATUS_WORDS.items() for w in (*words, s.value)}
YES = {"ja", "j", "yes", "y", "1", "waar", "true", "x"}


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    meaning: object
    example: str


VACANCY_COLUMNS = (
    Column("id", False, _l("Leeg voor een nieuwe vacature; een bestaand nummer om die vacature bij te werken."), "12"),
    Column("kvk", True, _l("KvK-nummer van het bedrijf (het bedrijf moet al aangemeld zijn)."), "12345678"),
    Column("titel", True, _l("Naam van de functie, hoogstens 120 tekens."), "Schoonmaker kantoren"),
    Column("beroep", False, _l("ESCO-beroep (adres) of een beroepsnaam. Leeg: we zoeken het beroep bij de titel."), "schoonmaker gebouwen"),
    Column("omschrijving", False, _l("Wat het werk is, hoogstens 2000 tekens."), "Kantoren schoonmaken."),
    Column("postcode", False, _l("Postcode van de werkplek. Leeg: de postcode van het bedrijf."), "3526 AB"),
    Column("uren_min", True, _l("Minimaal aantal uren per week, 0 tot en met 60."), "12"),
    Column("uren_max", True, _l("Maximaal aantal uren per week, 0 tot en met 60, niet kleiner dan uren_min."), "20"),
    Column("plekken", True, _l("Aantal plekken, 1 tot en met 50."), "2"),
    Column("startdatum", False, _l("Vanaf vandaag, als 2027-03-01 of 01-03-2027. Leeg: zo snel mogelijk."), "2027-03-01"),
    Column("rooster", True, _l("Dagdelen met een spatie ertussen, als dag:dagdeel (ma..zo, ochtend/middag/avond/nacht)."), "ma:ochtend wo:ochtend"),
    Column("talenten_nodig", False, _l("Talenten uit de lijst (ESCO-naam of de woorden van de tegel), gescheiden door |."), "schoonmaken|tijd beheren"),
    Column("talenten_fijn", False, _l("Talenten die fijn zijn, gescheiden door |."), "samenwerken met anderen"),
    Column("nederlands", False, _l("Minimaal niveau Nederlands: A1, A2, B1, B2, C1 of C2. Leeg: geen eis."), "A2"),
    Column("rijbewijzen", False, _l("AM, B, BE, C, CE of D, gescheiden door |."), "B"),
    Column("certificaten", False, _l("HEFTRUCK, VCA, HACCP, BHV, SOCIALE HYGIENE of EHBO, gescheiden door |."), "VCA|BHV"),
    Column("status", False, _l("open, gepauzeerd, gesloten of concept. Leeg: open."), "open"),
    Column("loon", False, _l("Loon per uur in euro (bruto), als 14,75. Leeg als alleen de cao geldt."), "14,75"),
    Column("cao", False, _l("Naam van de cao, als cao Schoonmaak. Leeg: het loon per uur geldt."), ""),
    Column("contract", False, _l("oproep, tijdelijk, vast of proefplaatsing_eerst. Leeg (met loon en cao leeg): nog niet ingevuld."), "tijdelijk"),
    Column("naam_tonen", False, _l("ja of nee: mogen bewoners de naam van het bedrijf zien voordat jullie allebei ja zeggen? Leeg: nee."), "nee"),
)
JOBSEEKER_COLUMNS = (
    Column("id", False, _l("Leeg voor een nieuwe werkzoekende; een bestaand nummer om die persoon bij te werken."), ""),
    Column("naam", True, _l("Naam, hoogstens 120 tekens."), "Amina B."),
    Column("email", False, _l("E-mailadres (wordt niet gebruikt als de persoon een eigen account heeft)."), "amina@voorbeeld.nl"),
    Column("telefoon", False, _l("Telefoonnummer."), "06 12345678"),
    Column("postcode", True, _l("Postcode waar de persoon woont."), "3526 KL"),
    Column("beroepen", False, _l("ESCO-beroepen (adres) of beroepsnamen, gescheiden door |."), "schoonmaker|keukenhulp"),
    Column("talenten", True, _l("Talenten uit de lijst (ESCO-naam of de woorden van de tegel), gescheiden door |."), "Schoonmaken|tijd beheren"),
    Column("uren_min", True, _l("Minimaal aantal uren per week, 0 tot en met 60."), "8"),
    Column("uren_max", True, _l("Maximaal aantal uren per week, 0 tot en met 60, niet kleiner dan uren_min."), "24"),
    Column("beschikbaarheid", True, _l("Dagdelen met een spatie ertussen, als dag:dagdeel (ma..zo, ochtend/middag/avond/nacht)."), "ma:ochtend di:middag"),
    Column("vervoer", True, _l("lopen, fiets, ov of auto."), "fiets"),
    Column("reistijd", True, _l("Hoogstens zoveel minuten reizen: 10, 15, 20, 30, 45 of 60."), "30"),
    Column("talen", True, _l("Taal:niveau, gescheiden door |. Nederlands is nl; niveaus A1 tot en met C2. Zonder nl: spreekt nog geen Nederlands."), "nl:A2|ar:C2"),
    Column("rijbewijzen", False, _l("AM, B, BE, C, CE of D, gescheiden door |."), "B"),
    Column("certificaten", False, _l("HEFTRUCK, VCA, HACCP, BHV, SOCIALE HYGIENE of EHBO, gescheiden door |."), "HACCP"),
    Column("over", False, _l("Een paar zinnen over de persoon, hoogstens 1000 tekens."), ""),
    Column("toestemming", True, _l("ja: de persoon heeft in persoon of op papier toestemming gegeven. Anders importeren we de rij niet."), "ja"),
    Column("status", False, _l("beschikbaar of pauze. Leeg: beschikbaar."), "beschikbaar"),
)


class CsvError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class RowResult:
    line: int
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)


def read_rows(data: bytes, columns):
    """[(line number, {column: text})] from CSV bytes: UTF-8 with or without BOM, ';' ',' or tab separated."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvError(_("Het bestand is geen UTF-8. Sla het in je spreadsheet op als 'CSV UTF-8' en probeer het opnieuw.")) from exc
    if not text.strip():
        raise CsvError(_("Het bestand is leeg."))
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = _delimiter(text, first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise CsvError(_("De eerste regel met kolomnamen ontbreekt.")) from exc
    known = {c.name for c in columns}
    unknown = [h for h in header if h and h not in known]
    missing = [c.name for c in columns if c.required and c.name not in header]
    if unknown:
        raise CsvError(_("Onbekende kolom(men): %(names)s. Kijk in de uitleg welke kolommen er zijn.", names=", ".join(unknown)))
    if missing:
        raise CsvError(_("Deze kolom(men) ontbreken: %(names)s.", names=", ".join(missing)))
    if len(set(header)) != len(header):
        raise CsvError(_("Een kolomnaam staat er twee keer in."))
    rows = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            line = reader.line_num
            if len(cells) > len(header):
                rows.append((line, None))
                continue
            cells = cells + [""] * (len(header) - len(cells))
            rows.append((line, {h: _unquote(cells[i].strip()) for i, h in enumerate(header) if h}))
            if len(rows) > MAX_ROWS:
                raise CsvError(_("Het bestand heeft meer dan %(n)s regels. Splits het op.", n=MAX_ROWS))
    except csv.Error as exc:
        raise CsvError(_("Regel %(line)s kunnen we niet lezen (een aanhalingsteken staat verkeerd?).", line=reader.line_num)) from exc
    if not rows:
        raise CsvError(_("Het bestand heeft geen regels met gegevens."))
    return rows


def _unquote(cell):
    """Undo the protective quote our export puts before a leading = + - @."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@" else cell


def _delimiter(text, first_line):
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: first_line.count(d) for d in DELIMITERS}
        return max(counts, key=counts.get) if any(counts.values()) else ";"


def split_list(text):
    return [part.strip() for part in re.split(r"\|", text or "") if part.strip()]


def parse_schedule(text):
    """'ma:ochtend wo:avond' -> (['mon:morning', 'wed:evening'], [unknown parts])."""
    keys, bad = [], []
    for token in re.split(r"[\s|,]+", (text or "").strip().lower()):
        if not token:
            continue
        day, _sep, part = token.partition(":")
        if day in DAY_WORDS and part in PART_WORDS:
            keys.append(f"{DAY_WORDS[day]}:{PART_WORDS[part]}")
        else:
            bad.append(token)
    return keys, bad


def format_schedule(schedule):
    return " ".join(f"{CSV_DAY_WORDS[day][0]}:{CSV_PART_WORDS[part][0]}"
                    for day, part in (key.split(":") for key in schedule_keys(schedule)))


def parse_date(text):
    """ISO (2027-03-01) or Dutch (01-03-2027 / 1-3-2027) -> ISO string for the form; other text is passed on."""
    text = (text or "").strip()
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text
    return text


def talent_label(word):
    """A tile's everyday words or an ESCO talent label -> the stored ESCO label, or None."""
    for tile in talent_tiles():
        if word.lower() in (tile["phrase"].lower(), tile["phrase_en"].lower()):
            return tile["talent"]
    talent = taxonomy().talent_by_label(word)
    return talent.label if talent else None


def occupation_uri(word):
    if taxonomy().occupation(word) is not None:
        return word
    return resolve_occupation(word)


def level(text):
    value = (text or "").strip().upper()
    return value if value in CEFR_LEVELS else None


def form_errors(form, names):
    """'column: message' for every field error, using the CSV column name for the field."""
    out = []
    for field_name, errors in form.errors.items():
        if field_name in ("csrf_token", "form_token", "version"):
            continue
        column = names.get(field_name, field_name)
        out.extend(f"{column}: {message}" for message in errors)
    return out


def multidict(values):
    items = []
    for key, value in values.items():
        if isinstance(value, list | tuple):
            items.extend((key, v) for v in value)
        elif value is not None:
            items.append((key, value))
    return MultiDict(items)


def write_csv(columns, rows):
    """UTF-8 with BOM and ';' (what Excel in Dutch opens directly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_safe_cell(row.get(c.name, "")) for c in columns])
    return "\ufeff" + buffer.getvalue()


def _safe_cell(value):
    """Neutralise spreadsheet formulas (CSV injection): a leading = + - @ becomes text."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r" and not re.fullmatch(r"-?\d+", text):
        return "'" + text
    return text


__all__ = [
    "JOBSEEKER_COLUMNS", "TRAVEL_MINUTES", "VACANCY_COLUMNS", "CsvError", "RowResult",
    "read_rows", "write_csv",
]
