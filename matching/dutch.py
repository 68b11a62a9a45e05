"""Dutch text handling shared by occupation search and text similarity.

``normalise`` folds case and accents and turns hyphens, slashes and other punctuation into spaces;
``tokenize`` splits normalised text into words; ``stem`` applies the Snowball Dutch stemmer;
``analyse`` chains them and drops stop words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

__all__ = ["STOPWORDS", "analyse", "normalise", "stem", "stem_tokens", "strip_accents", "tokenize"]

# Common Dutch function words (articles, pronouns, prepositions, conjunctions, auxiliaries).
STOPWORDS: frozenset[str] = frozenset(
    """
    aan al alle alles als alsnog altijd andere ben bij daar daarna daarom dan dat de deze die dit doch doen door
    dus een eens en er ergens es etc geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik
    in is ja je jij jou jouw jullie kan kon kunnen maar me meer men met mij mijn moet moeten na naar niet niets nog
    nu of om omdat ons onze ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat
    we wel welk welke werd wie wij wil worden wordt zal ze zelf zich zij zijn zo zoals zonder zou zouden zulke
    """.split()
)

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_TOKEN = re.compile(r"[0-9a-z]+")
_stemmer = snowballstemmer.stemmer("dutch")


class _CombiningMarks(dict):
    """A ``str.translate`` table that drops combining marks and keeps every other character, filled in as
    characters are first seen (a look-up in C instead of a Python call per character)."""

    def __missing__(self, code: int):
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_MARKS = _CombiningMarks()


def strip_accents(text: str) -> str:
    """Remove diacritics: 'coördinator' -> 'coordinator', 'Hygiëne' -> 'Hygiene'."""
    if text.isascii():  # nothing to decompose or drop
        return text
    return unicodedata.normalize("NFKD", text).translate(_MARKS)


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower-case, accent-free text with punctuation (hyphens, slashes, brackets) turned into single spaces.

    Apostrophes join their word ("BHV'er" -> "bhver", "auto's" -> "autos") because Dutch uses them inside words.
    """
    if not text:
        return ""
    folded = strip_accents(text).lower().replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
    folded = _APOSTROPHES.sub("", folded)
    return _NON_WORD.sub(" ", folded).strip()


def tokenize(text: str) -> list[str]:
    """Words of the normalised text, in order."""
    return _TOKEN.findall(normalise(text))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball Dutch stem of one (already normalised) word."""
    return _stemmer.stemWord(word)


def stem_tokens(tokens: list[str]) -> list[str]:
    """Stem each token."""
    return [stem(t) for t in tokens]


def analyse(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Normalise, tokenise, drop stop words and stem: the terms used for Dutch text similarity."""
    return [stem(t) for t in tokenize(text) if keep_stopwords or t not in STOPWORDS]
