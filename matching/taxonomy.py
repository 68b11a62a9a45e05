"""The ESCO taxonomy in Dutch: occupations, their ISCO groups and broader/narrower relations, and the talent
vocabulary (ESCO skill groups and transversal skills).

Parsing the CSVs takes a noticeable moment, so the parsed form is pickled into a cache directory keyed by a hash
of the data files (and a format version); later processes only unpickle it. ``load_taxonomy()`` is cached per
process. Importing this module reads nothing.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle  # noqa: S403 - only our own cache files, written by this module
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from .dutch import normalise

__all__ = [
    "DATA_DIR",
    "Occupation",
    "Talent",
    "Taxonomy",
    "cache_dir",
    "cached",
    "data_fingerprint",
    "load_taxonomy",
]

DATA_DIR = Path(__file__).with_name("data")
ESCO_DIR = DATA_DIR / "esco"
OCCUPATIONS_CSV = ESCO_DIR / "occupations_nl.csv"
BROADER_CSV = ESCO_DIR / "broaderRelationsOccPillar.csv"
ISCO_CSV = ESCO_DIR / "ISCOGroups_nl.csv"
SKILL_GROUPS_CSV = ESCO_DIR / "skillGroups_nl.csv"
TRANSVERSAL_CSV = ESCO_DIR / "transversalSkillsCollection_nl.csv"
SYNONYMS_TSV = DATA_DIR / "occupation_synonyms.tsv"
DATA_FILES = (OCCUPATIONS_CSV, BROADER_CSV, ISCO_CSV, SKILL_GROUPS_CSV, TRANSVERSAL_CSV, SYNONYMS_TSV)
CACHE_FORMAT = "taxonomy-3"

OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"


@dataclass(frozen=True)
class Occupation:
    """An ESCO occupation with its Dutch labels and ISCO-08 unit group (4 digits)."""

    uri: str
    label: str
    alt_labels: tuple[str, ...] = ()
    isco: str = ""
    description: str = ""
    hidden_labels: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """Preferred label followed by the alternative labels (hidden labels left out)."""
        return (self.label, *self.alt_labels)


@dataclass(frozen=True)
class Talent:
    """A talent from the vocabulary: an ESCO skill group or a transversal skill."""

    uri: str
    label: str
    kind: str  # "skill_group" | "transversal"
    description: str = ""
    alt_labels: tuple[str, ...] = ()


class Taxonomy:
    """Occupations, ISCO groups, broader/narrower relations and talents, with look-ups by URI and label."""

    def __init__(
        self,
        occupations: tuple[Occupation, ...],
        talents: tuple[Talent, ...],
        broader: dict[str, tuple[str, ...]],
        isco_groups: dict[str, str],
        fingerprint: str = "",
    ):
        self.occupations = occupations
        self.talents = talents
        self.isco_groups = isco_groups
        self.fingerprint = fingerprint
        self._index = {occ.uri: i for i, occ in enumerate(occupations)}
        self._broader = broader
        narrower: dict[str, list[str]] = defaultdict(list)
        for child, parents in broader.items():
            for parent in parents:
                narrower[parent].append(child)
        self._narrower = {k: tuple(v) for k, v in narrower.items()}
        self._talent_by_label: dict[str, Talent] = {}
        for talent in talents:  # first wins: skill groups before transversal skills
            for label in (talent.label, *talent.alt_labels):
                self._talent_by_label.setdefault(normalise(label), talent)

    def __len__(self) -> int:
        return len(self.occupations)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "occupations": self.occupations,
            "talents": self.talents,
            "broader": self._broader,
            "isco_groups": self.isco_groups,
            "fingerprint": self.fingerprint,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)

    def occupation(self, uri: str) -> Occupation | None:
        """The occupation with this URI, or None."""
        i = self._index.get(uri)
        return None if i is None else self.occupations[i]

    def index_of(self, uri: str) -> int | None:
        """Position of the occupation in ``occupations``, or None."""
        return self._index.get(uri)

    def isco(self, uri: str) -> str | None:
        """ISCO-08 unit group (4 digits) of an occupation, or None."""
        occ = self.occupation(uri)
        return occ.isco if occ and occ.isco else None

    def isco_label(self, code: str) -> str | None:
        """Dutch name of an ISCO group at any level ("9112" -> "Schoonmakers en ... in kantoren, hotels ...")."""
        return self.isco_groups.get(code)

    def broader(self, uri: str) -> tuple[str, ...]:
        """Directly broader ESCO occupations (not ISCO groups)."""
        return self._broader.get(uri, ())

    def narrower(self, uri: str) -> tuple[str, ...]:
        """Directly narrower ESCO occupations."""
        return self._narrower.get(uri, ())

    def talent_by_label(self, label: str) -> Talent | None:
        """The talent whose Dutch label (or alternative label) is ``label``, ignoring case and accents."""
        return self._talent_by_label.get(normalise(label))


# --- parsing -------------------------------------------------------------------------------------------------


def _lines(text: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for line in text.split("\n"):
        line = line.strip()
        if line:
            seen.setdefault(line, None)
    return tuple(seen)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _parse() -> dict[str, Any]:
    occupations = []
    for row in _read_csv(OCCUPATIONS_CSV):
        label = row["preferredLabel"].strip()
        alts = tuple(a for a in _lines(row["altLabels"]) if a != label)
        occupations.append(
            Occupation(
                uri=row["conceptUri"].strip(),
                label=label,
                alt_labels=alts,
                isco=row["iscoGroup"].strip(),
                description=row["description"].strip(),
                hidden_labels=tuple(h for h in _lines(row["hiddenLabels"]) if h != label and h not in alts),
            )
        )
    occupations.sort(key=lambda o: o.uri)
    known = {o.uri for o in occupations}

    broader: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv(BROADER_CSV):
        if row["conceptType"] == "Occupation" and row["broaderType"] == "Occupation":
            child, parent = row["conceptUri"].strip(), row["broaderUri"].strip()
            if child in known and parent in known and parent not in broader[child]:
                broader[child].append(parent)

    isco_groups = {row["code"].strip(): row["preferredLabel"].strip() for row in _read_csv(ISCO_CSV)}

    skill_groups, knowledge_fields = [], []
    for row in _read_csv(SKILL_GROUPS_CSV):
        talent = Talent(
            uri=row["conceptUri"].strip(),
            label=row["preferredLabel"].strip(),
            kind="skill_group",
            description=row["description"].strip(),
            alt_labels=_lines(row["altLabels"]),
        )
        (knowledge_fields if "/isced-f/" in talent.uri else skill_groups).append(talent)
    transversal = [
        Talent(
            uri=row["conceptUri"].strip(),
            label=row["preferredLabel"].strip(),
            kind="transversal",
            description=row["description"].strip(),
            alt_labels=_lines(row["altLabels"]),
        )
        for row in _read_csv(TRANSVERSAL_CSV)
    ]
    return {
        "occupations": tuple(occupations),
        "talents": tuple(skill_groups + transversal + knowledge_fields),
        "broader": {k: tuple(v) for k, v in broader.items()},
        "isco_groups": isco_groups,
    }


# --- cache ---------------------------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Directory for compiled caches: $WERKSTATION_CACHE_DIR, else the user cache dir, else a temp dir."""
    configured = os.environ.get("WERKSTATION_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "werkstation-matching"


@lru_cache(maxsize=1)
def data_fingerprint() -> str:
    """Hash of the shipped data files; compiled caches are keyed by it so stale caches are never used."""
    digest = hashlib.sha256()
    for path in DATA_FILES:
        digest.update(path.name.encode())
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


T = TypeVar("T")


def cached(name: str, build: Callable[[], T], family: str | None = None) -> T:
    """Load ``name`` from the cache directory (keyed by the data fingerprint), or build, store and return it.

    A cache that cannot be read or written is rebuilt or skipped: the cache only ever saves time.
    """
    directories = [cache_dir(), Path(tempfile.gettempdir()) / f"werkstation-matching-{os.getuid()}"]
    filename = f"{name}-{data_fingerprint()}.pickle"
    for directory in directories:
        path = directory / filename
        if path.exists():
            try:
                with open(path, "rb") as handle:
                    return pickle.load(handle)  # noqa: S301 - our own cache file
            except Exception:  # noqa: BLE001, S110 - a broken cache is rebuilt below
                pass
    value = build()
    for directory in directories:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, directory / filename)
            if family:  # older versions of the same cache are never read again
                for stale in directory.glob(f"{family}-*.pickle"):
                    if stale.name != filename:
                        stale.unlink(missing_ok=True)
            break
        except OSError:
            continue
    return value


def _build_taxonomy() -> Taxonomy:
    return Taxonomy(**_parse(), fingerprint=data_fingerprint())


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The ESCO taxonomy shipped with the package (cached per process and on disk)."""
    return cached(CACHE_FORMAT, _build_taxonomy, family="taxonomy")
