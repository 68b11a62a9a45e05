"""Small record factories and look-ups shared by the engine tests (scoring, ranking, allocation, CLI)."""

from __future__ import annotations

import random
from functools import cache

from matching.records import Candidate, Vacancy


@cache
def occ(label: str) -> str:
    """ESCO URI of the occupation with this Dutch preferred label."""
    from matching.taxonomy import load_taxonomy

    for o in load_taxonomy().occupations:
        if o.label == label:
            return o.uri
    raise KeyError(label)


def make_candidate(id="c1", **overrides) -> Candidate:
    """A candidate with a complete, ordinary profile; override any field."""
    fields = dict(
        postcode="3526 AB",
        occupations=(occ("schoonmaker gebouwen"),),
        talents=("schoonmaken",),
        about="Ik heb jaren kantoren schoongemaakt.",
        hours_min=20.0,
        hours_max=32.0,
        availability={"mon": frozenset({"morning"}), "tue": frozenset({"morning"})},
        languages={"nl": "B1"},
        licences=frozenset(),
        certificates=frozenset(),
        max_travel_minutes=30.0,
        travel_mode="bike",
    )
    fields.update(overrides)
    return Candidate(id=id, **fields)


def make_vacancy(id="v1", **overrides) -> Vacancy:
    """A vacancy with ordinary requirements; override any field."""
    fields = dict(
        title="Schoonmaker kantoren",
        occupation=occ("schoonmaker gebouwen"),
        description="Schoonmaken van kantoren in Kanaleneiland.",
        postcode="3526",
        seats=1,
        hours_min=16.0,
        hours_max=24.0,
        schedule={"mon": frozenset({"morning"}), "tue": frozenset({"morning"})},
        required_talents=("schoonmaken",),
        languages={"nl": "A2"},
    )
    fields.update(overrides)
    return Vacancy(id=id, **fields)


LABELS = ("schoonmaker gebouwen", "toiletmedewerker", "interieurverzorger", "kok", "industriële kok", "kapper",
          "magazijnmedewerker", "winkelmedewerker")
PC4S = ("3526", "3521", "3527", "3511", "3584", None)
TALENTS = ("schoonmaken", "in teams werken", "druk aankunnen", "klanten bijstaan")
DAYS = ("mon", "tue", "wed", "thu", "fri")


def random_records(seed: int, n_candidates: int, n_vacancies: int):
    """Varied small candidate and vacancy lists (some unknowns, some hard requirements)."""
    rng = random.Random(seed)

    def week():
        if rng.random() < 0.2:
            return None
        return {d: frozenset(rng.sample(("morning", "afternoon", "evening"), rng.randint(1, 2)))
                for d in rng.sample(DAYS, rng.randint(1, 4))}

    def hours():
        if rng.random() < 0.2:
            return None, None
        lo = rng.choice((0, 8, 16, 24))
        return float(lo), float(lo + rng.choice((0, 8, 16)))

    def postcode():
        pc = rng.choice(PC4S)
        return pc if pc is None else f"{pc} AB"

    candidates = []
    for i in range(n_candidates):
        lo, hi = hours()
        candidates.append(Candidate(
            id=f"c{i:03d}", postcode=postcode(),
            occupations=tuple(occ(x) for x in rng.sample(LABELS, rng.randint(0, 2))),
            talents=tuple(rng.sample(TALENTS, rng.randint(0, 3))),
            about=rng.choice(("", "Ik maak graag kantoren schoon.", "Ik kook in een keuken.", "Ik help klanten.")),
            hours_min=lo, hours_max=hi, availability=week(),
            languages={"nl": rng.choice(("A1", "A2", "B1", "B2"))} if rng.random() < 0.8 else {},
            licences=frozenset({"B"}) if rng.random() < 0.3 else frozenset(),
            max_travel_minutes=rng.choice((None, 10.0, 20.0, 45.0)),
            travel_mode=rng.choice(("walk", "bike", "public_transport", "car", None)),
        ))
    vacancies = []
    for i in range(n_vacancies):
        lo, hi = hours()
        vacancies.append(Vacancy(
            id=f"v{i:03d}", title=rng.choice(LABELS), occupation=occ(rng.choice(LABELS)) if rng.random() < 0.9 else None,
            description=rng.choice(("Kantoren schoonmaken.", "Koken in de keuken.", "Klanten helpen in de winkel.")),
            postcode=postcode(), seats=rng.choice((1, 1, 2, 3)), hours_min=lo, hours_max=hi, schedule=week(),
            required_talents=tuple(rng.sample(TALENTS, rng.randint(0, 2))),
            preferred_talents=tuple(rng.sample(TALENTS, rng.randint(0, 1))),
            languages={"nl": rng.choice(("A2", "B1"))} if rng.random() < 0.5 else {},
            licences=frozenset({"B"}) if rng.random() < 0.2 else frozenset(),
        ))
    return candidates, vacancies
