"""Job words in the residents' own languages -> a Dutch title the search knows.

Many residents read and write Turkish or Arabic better than Dutch. The sentence encoder is multilingual, but a
title only matches when its words come close to some ESCO label, and "fırıncı" or "خبّاز" share no letters with
"bakker". The hand-made list ``data/occupation_words_tr_ar.tsv`` names the most common jobs of the neighbourhood in
Turkish and Arabic (and a few English phrases the word list gets wrong, such as "taxi driver"); a title that
contains one of its phrases is searched as the Dutch title instead.

Folding before comparing: Turkish dotless and dotted i become "i", accents and Arabic vowel marks go, the alef
forms, ta marbuta and alif maqsura are unified, and the Arabic article "al-" is dropped. A Turkish word with a
common ending ("fırıncıyım", "garsonluk") also matches the word without it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..dutch import strip_accents

__all__ = ["RESIDENT_WORDS_TSV", "fold", "read_resident_words", "to_dutch_title"]

RESIDENT_WORDS_TSV = Path(__file__).resolve().parent.parent / "data" / "occupation_words_tr_ar.tsv"
LANGUAGES = ("tr", "ar", "en")

_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC_FORMS = str.maketrans({"ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك", "ـ": None, "ٱ": "ا"})
# Common Turkish endings: "I am" (-yım, -ım), "-ship"/"the work of" (-lık), possessive (-sı) and plural (-lar).
_TURKISH_ENDINGS = ("yim", "yum", "im", "um", "lik", "luk", "ligi", "lugu", "si", "su", "ler", "lar")


def fold(text: str) -> list[str]:
    """The words of ``text`` folded for comparing (see the module docstring)."""
    text = (text or "").replace("İ", "i").replace("I", "ı").lower().replace("ı", "i")
    text = strip_accents(text).translate(_ARABIC_FORMS)
    words = []
    for word in _WORD.findall(text):
        if word.startswith("ال") and len(word) >= 5:
            word = word[2:]
        words.append(word)
    return words


@lru_cache(maxsize=4)
def read_resident_words(path: Path = RESIDENT_WORDS_TSV) -> dict[tuple[str, ...], str]:
    """{folded words: Dutch title}; a line that cannot be read is an error naming the file and line."""
    table: dict[tuple[str, ...], str] = {}
    if not path.exists():
        return table
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in LANGUAGES or not fold(parts[1]) or not parts[2].strip():
            raise ValueError(f"{path}:{number}: cannot read line {line!r}")
        table[tuple(fold(parts[1]))] = parts[2].strip()
    return table


def _same_word(typed: str, listed: str) -> bool:
    if typed == listed:
        return True
    return typed.startswith(listed) and typed[len(listed):] in _TURKISH_ENDINGS


def _stems(word: str) -> list[str]:
    """The word itself and the word without a common Turkish ending."""
    return [word, *(word[: -len(e)] for e in _TURKISH_ENDINGS if word.endswith(e) and len(word) > len(e) + 2)]


@lru_cache(maxsize=4)
def _by_first_word(table_items: tuple) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, title in table_items:
        index.setdefault(phrase[0], []).append((phrase, title))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def _phrase_at(words: list[str], start: int, index) -> tuple[int, str | None]:
    """(length, Dutch title) of the longest listed phrase starting at ``words[start]``; (0, None) when none."""
    best: tuple[int, str | None] = (0, None)
    for stem in _stems(words[start]):
        for phrase, title in index.get(stem, ()):
            span = words[start:start + len(phrase)]
            if len(phrase) > best[0] and len(span) == len(phrase) and all(
                _same_word(t, p) for t, p in zip(span, phrase, strict=True)
            ):
                best = (len(phrase), title)
    return best


def to_dutch_title(text: str, table: dict[tuple[str, ...], str] | None = None) -> str:
    """``text`` unchanged, or, when it names listed jobs, their Dutch titles (other words are left out: they are
    Turkish or Arabic words the Dutch search cannot read)."""
    table = read_resident_words() if table is None else table
    if not table or not text:
        return text
    words = fold(text)
    if tuple(words) in table:
        return table[tuple(words)]
    index = _by_first_word(tuple(table.items()))
    titles, i = [], 0
    while i < len(words):
        length, title = _phrase_at(words, i, index)
        if length:
            titles.append(title)
            i += length
        else:
            i += 1
    return " ".join(dict.fromkeys(titles)) if titles else text
