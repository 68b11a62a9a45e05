"""Rewrites of a job title before it is searched: shortened word pairs and teacher levels.

- "Schoonmaak- en onderhoudsmedewerker" names two jobs that share a head noun: the shortened first word gets the
  head back ("schoonmaakmedewerker onderhoudsmedewerker").
- In a teacher title the school level decides the ESCO occupation (secondary, vocational or higher education), so
  "1e graads", "mbo" or "hoogleraar" become the level as ESCO names it ("voortgezet onderwijs", "beroepsonderwijs",
  "docent hoger onderwijs"), and a school subject is named as ESCO names it ("Engels" -> "moderne talen"). Outside
  teacher titles these words say nothing about the occupation and are dropped as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..dutch import normalise
from .lexicon import Lexicon

__all__ = ["rewrite_title"]

_SHORTENED_PAIR = re.compile(r"(\w+)-\s*(en|of|&|/)\s*(\w+)", re.UNICODE)


def rewrite_title(text: str, lexicon: Lexicon, split: Callable[[str], tuple[str, str] | None]) -> str | None:
    """The title rewritten for searching (normalised), or None when nothing needed rewriting."""
    expanded = _SHORTENED_PAIR.sub(lambda m: _expand_pair(m, split), text or "")
    words = normalise(expanded).split()
    rewritten = _teacher_context(words, lexicon, split) if _is_teacher_title(words, lexicon, split) else words
    if expanded == text and rewritten == words:
        return None
    return " ".join(rewritten)


def _expand_pair(match: re.Match, split: Callable[[str], tuple[str, str] | None]) -> str:
    first, joiner, second = match.group(1), match.group(2), match.group(3)
    parts = split(normalise(second))
    if parts is None:
        return f"{first} {joiner} {second}"
    return f"{first}{parts[1]} {joiner} {second}"


def _is_teacher_title(words: list[str], lexicon: Lexicon, split) -> bool:
    for word in words:
        if word in lexicon.teacher:
            return True
        parts = split(word) if len(word) > 6 else None
        if parts is not None and parts[1] in lexicon.teacher:
            return True
    return False


def _teacher_context(words: list[str], lexicon: Lexicon, split) -> list[str]:
    """Level phrases replaced by the level as ESCO names it, subjects by ESCO's subject names."""
    text = f" {' '.join(words)} "
    for phrase, level in lexicon.levels:
        text = text.replace(f" {phrase} ", f" {level} ")
    return [lexicon.subjects.get(word, word) for word in text.split()]
