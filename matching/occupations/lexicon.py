"""The hand-made word list ``data/occupation_synonyms.tsv``: qualifiers, abbreviations, English words, synonyms and
the words that place a teacher title at a school level."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..dutch import normalise
from ..taxonomy import SYNONYMS_TSV

__all__ = ["Lexicon", "read_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Everything the hand-made list says; empty when the list is not used."""

    drop: frozenset[str] = frozenset()
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    english: dict[str, tuple[str, ...]] = field(default_factory=dict)  # titles only
    teacher: frozenset[str] = frozenset()  # words that make a title a teacher title
    levels: tuple[tuple[str, str], ...] = ()  # (phrase, school level words), teacher titles only
    subjects: dict[str, str] = field(
        default_factory=dict
    )  # school subject as ESCO names it, teacher titles only


def read_lexicon(path: Path = SYNONYMS_TSV) -> Lexicon:
    """Parse the list; a line that cannot be read is an error naming the file and line."""
    drop: set[str] = set()
    teacher: set[str] = set()
    abbreviations: dict[str, tuple[str, ...]] = {}
    english: dict[str, tuple[str, ...]] = {}
    subjects: dict[str, str] = {}
    levels: list[tuple[str, str]] = []
    synonyms: list[tuple[str, tuple[str, ...]]] = []
    if not path.exists():
        return Lexicon()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        kind = parts[0].strip()
        if kind == "drop" and len(parts) >= 2:
            drop.add(normalise(parts[1]))
        elif kind == "teacher" and len(parts) >= 2:
            teacher.add(normalise(parts[1]))
        elif kind == "abbr" and len(parts) >= 3:
            abbreviations[normalise(parts[1])] = tuple(normalise(parts[2]).split())
        elif kind == "en" and len(parts) >= 3:
            english[normalise(parts[1])] = tuple(normalise(parts[2]).split())
        elif kind == "level" and len(parts) >= 3:
            levels.append((normalise(parts[1]), normalise(parts[2])))
        elif kind == "subject" and len(parts) >= 3:
            subjects[normalise(parts[1])] = normalise(parts[2])
        elif kind == "syn" and len(parts) >= 3:
            targets = tuple(t.strip() for t in parts[2].split(";") if t.strip())
            synonyms.append((parts[1].strip(), targets))
        else:
            raise ValueError(f"{path}:{number}: cannot read line {line!r}")
    # Longest phrases first, so "universitair hoofddocent" wins over "hoofddocent".
    levels.sort(key=lambda pair: -len(pair[0]))
    return Lexicon(
        frozenset(drop), abbreviations, tuple(synonyms), english, frozenset(teacher), tuple(levels), subjects
    )
