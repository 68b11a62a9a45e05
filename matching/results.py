"""What ranking returns: a scored pair (:class:`Match`) with its explanation (:class:`Contribution` per feature,
adding up to the score), and the best candidates of one vacancy (:class:`VacancyRanking`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

__all__ = ["Contribution", "Match", "VacancyRanking"]


class Contribution(NamedTuple):
    """One feature's share of a score: ``contribution = weight * value``, with a Dutch phrase for staff and a
    machine code + params the web app can translate."""

    feature: str
    contribution: float
    detail: str
    code: str
    params: dict


class Match(NamedTuple):
    """A scored (candidate, vacancy) pair with its explanation; contributions add up to ``score``.

    Explanations of pairs that read the same share their :class:`Contribution` objects: treat ``params`` as
    read-only.
    """

    candidate_id: str
    vacancy_id: str
    score: float
    eligible: bool
    reasons: tuple[str, ...]
    explanation: tuple[Contribution, ...]
    model_version: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "candidate_id": self.candidate_id,
            "vacancy_id": self.vacancy_id,
            "score": self.score,
            "eligible": self.eligible,
            "reasons": list(self.reasons),
            "explanation": [c._asdict() for c in self.explanation],
            "model_version": self.model_version,
        }


@dataclass(frozen=True)
class VacancyRanking:
    """The best candidates for one vacancy, best first."""

    vacancy_id: str
    matches: tuple[Match, ...]
