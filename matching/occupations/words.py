"""Dutch job-title words: keys that fold gendered and plural forms, and character n-grams."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["char_ngrams", "fold_surface", "occupation_key", "word_ngrams"]

# Gendered and plural endings folded onto the masculine singular before stemming; the first match wins.
_GENDER_RULES: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"sters$", "er"),
        (r"ster$", "er"),
        (r"trices?$", "teur"),
        (r"euses?$", "eur"),
        (r"ieres?$", "ier"),
        (r"essen$", ""),  # meesteressen
        (r"eres$", "er"),  # schilderes, danseres, onderwijzeres
        (r"ares$", "aar"),  # lerares, tekenares
        (r"([bdfgklmnprt])\1in$", r"\1"),  # kokkin -> kok, cheffin -> chef
        (r"(boer|kelner|vriend)in$", r"\1"),
        (r"mannen$", "man"),
        (r"lieden$", "man"),  # timmerlieden
        (r"vrouw(en)?$", "man"),  # timmervrouw ~ timmerman; schoonmaakvrouw
    )
)
_GENDER_ENDINGS = (
    "ster",
    "sters",
    "trice",
    "trices",
    "euse",
    "euses",
    "iere",
    "ieres",
    "es",
    "in",
    "en",
    "vrouw",
)
_SQUEEZE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=200_000)
def occupation_key(word: str) -> str:
    """A key that is equal for gendered and plural forms of one job word: kapster, kappers -> same key.

    A light Dutch suffix stripper tuned to job titles (plural -en/-s, inflected -e, feminine -ster/-in/-es/-trice/
    -euse/-ière), then doubled letters squeezed so that "kapp-" and "kap-", "schoonmaak-" and "schoonmak-" meet.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    folded = word
    if len(word) > 5 and word.endswith(_GENDER_ENDINGS):
        folded = _apply_gender_rules(word)
    if len(folded) > 5 and folded.endswith("en"):
        folded = folded[:-2]
    elif len(folded) > 4 and folded.endswith("s") and folded[-2] not in _VOWELS and folded[-2] not in "sj":
        folded = folded[:-1]
    elif len(folded) > 4 and folded.endswith(("ies", "as", "os", "us")) and folded[-3] not in _VOWELS - {"i"}:
        folded = folded[:-1]  # installaties, auto's, pizza's
    if len(folded) > 4 and folded.endswith("e") and folded[-2] not in _VOWELS:
        folded = folded[:-1]
    return _SQUEEZE.sub(r"\1", folded)


def _apply_gender_rules(word: str) -> str:
    for pattern, repl in _GENDER_RULES:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


@lru_cache(maxsize=100_000)
def fold_surface(word: str) -> str:
    """The word with a feminine/plural ending folded (kapster -> kapper), spelled as written otherwise."""
    return _apply_gender_rules(word) if word.endswith(_GENDER_ENDINGS) else word


@lru_cache(maxsize=100_000)
def word_ngrams(word: str) -> tuple[str, ...]:
    """Character 3-, 4- and 5-grams of one word padded with spaces."""
    padded = f" {word} "
    return tuple(padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def char_ngrams(text: str) -> list[str]:
    """Character n-grams of every word of a text."""
    return [gram for word in text.split() for gram in word_ngrams(word)]
