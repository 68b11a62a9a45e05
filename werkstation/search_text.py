"""One portable way to find people and vacancies on SQLite and PostgreSQL alike: a search document per row.

Each jobseeker and vacancy keeps `search_text`: its free text (name, own words, title, description), folded to
lower case without accents and with every sign that is not a letter or digit (of any script) turned into a space,
followed by facet tokens such as ``lic:b``, ``av:tue:morning`` or ``lang:nl:a2``. A token holds a colon, which
folded text never does, so a typed word can only ever match free text and a filter only ever matches a facet. A search is then
plain ``LIKE`` conditions on one column, the same SQL on both databases; typed text never reaches the pattern
unfolded, so ``%`` and ``_`` cannot act as wildcards. bench/search.py measures it on 5,000 people.

The document is rewritten before every insert and update of the row (mapper events below), so it is never stale.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sqlalchemy import event, or_

from .models import Jobseeker, Vacancy
from .vocabulary import CEFR_LEVELS, occupation_tiles, talent_tiles

_NOT_WORD = re.compile(r"[\W_]+")  # letters and digits of any script stay (names in Arabic too)


def fold(text) -> str:
    """Lower case, accents removed, every run of other signs one space: 'Zoë  O’Brien!' -> 'zoe o brien'."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return _NOT_WORD.sub(" ", plain).strip()


def words(text, limit=8) -> list[str]:
    """The folded words of a typed search (at most `limit`, each at most 40 characters)."""
    return [w[:40] for w in fold(text).split()][:limit]


def slug(value) -> str:
    """A facet value as one token part: 'tijd beheren' -> 'tijd-beheren'."""
    return "-".join(fold(value).split())


def occupation_key(uri) -> str:
    """The last part of an ESCO URI (its id), as used in the tokens."""
    return slug((uri or "").rstrip("/").rsplit("/", 1)[-1])


def token(kind, *parts) -> str:
    return ":".join((kind, *(slug(p) for p in parts)))


def language_tokens(languages) -> list[str]:
    """'lang:nl:a1 lang:nl:a2' for Dutch at A2: a filter 'at least A1' and 'at least A2' both find it."""
    found = []
    for code, level in (languages or {}).items():
        if level in CEFR_LEVELS:
            found += [token("lang", code, lower) for lower in CEFR_LEVELS[: CEFR_LEVELS.index(level) + 1]]
    return found


def week_tokens(week) -> list[str]:
    return [token("av", day, part) for day, parts in (week or {}).items() for part in (parts or ())]


def _document(free_text, tokens) -> str:
    return " " + " ".join([fold(" ".join(t for t in free_text if t)), *tokens]).strip() + " "


def jobseeker_document(row) -> str:
    """The search document of a jobseeker (any object with the Jobseeker attributes)."""
    tokens = [token("occ", occupation_key(u)) for u in row.occupations or ()]
    tokens += [token("tal", t) for t in row.talents or ()]
    tokens += [token("lic", c) for c in row.licences or ()] + [token("cert", c) for c in row.certificates or ()]
    tokens += language_tokens(row.languages) + week_tokens(row.availability)
    if row.travel_mode:
        tokens.append(token("mode", row.travel_mode))
    return _document((row.name, row.about, row.email), tokens)


def vacancy_document(row) -> str:
    """The search document of a vacancy (any object with the Vacancy attributes)."""
    tokens = [token("occ", occupation_key(row.occupation_uri))] if row.occupation_uri else []
    tokens += [token("tal", t) for t in [*(row.required_talents or ()), *(row.preferred_talents or ())]]
    tokens += [token("lic", c) for c in row.licences or ()] + [token("cert", c) for c in row.certificates or ()]
    tokens += language_tokens(row.languages) + week_tokens(row.schedule)
    return _document((row.title, row.description), tokens)


def contains_word(column, word):
    """Condition: a word of the document's text starts with the folded word ('bak' finds 'bakkerij')."""
    return column.like(f"% {fold(word)}%")


@lru_cache(maxsize=1)
def _shown_words() -> tuple[tuple[frozenset, str], ...]:
    """(folded words, facet token) for every talent and kind-of-work tile: the words the screens show for it in each
    language, and the ESCO label behind it."""
    phrases = ("phrase", "phrase_en", "phrase_ar", "phrase_tr")
    found = [(frozenset(fold(" ".join([t["talent"], *(t.get(p) or "" for p in phrases)])).split()), token("tal", t["talent"]))
             for t in talent_tiles()]
    found += [(frozenset(fold(" ".join(t.get(p) or "" for p in phrases)).split()), token("occ", occupation_key(t["uri"])))
              for t in occupation_tiles()]
    return tuple(found)


def matches_word(column, word):
    """Condition: a word of the document's text starts with the folded word, or the word starts a talent or kind
    of work as the screens show it ('koken' finds the talent 'bereiden van voedsel en dranken', tile 'Koken')."""
    folded = fold(word)
    tokens = [tok for shown, tok in _shown_words() if any(w.startswith(folded) for w in shown)]
    return or_(contains_word(column, folded), *[column.like(f"% {tok} %") for tok in tokens])


def has_token(column, kind, *parts):
    """Condition: the document carries this exact facet token."""
    return column.like(f"% {token(kind, *parts)} %")


@event.listens_for(Jobseeker, "before_insert")
@event.listens_for(Jobseeker, "before_update")
def _index_jobseeker(mapper, connection, target):
    target.search_text = jobseeker_document(target)


@event.listens_for(Vacancy, "before_insert")
@event.listens_for(Vacancy, "before_update")
def _index_vacancy(mapper, connection, target):
    target.search_text = vacancy_document(target)


def init_app(app):
    """Nothing to configure: importing this module registers the save hooks above (kept as a step of create_app
    so the table of contents says where the search document comes from)."""
