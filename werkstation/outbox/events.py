"""The events that reach people: each writes its messages into the caller's transaction (caller commits)."""

from __future__ import annotations

from functools import wraps

from ..extensions import db
from .compose import link, of_business, of_jobseeker, write
from .models import MessageKind as K


def event(fn):
    """An event's messages are only added to the session; they are written when the caller commits, so a failing
    write ends in the caller's error handling (commit_form) with everything else, not half-way through."""

    @wraps(fn)
    def wrapped(*args, **kwargs):
        with db.session.no_autoflush:
            return fn(*args, **kwargs)

    return wrapped


def _placement_link(placement) -> str:
    return link("placements.detail", placement_id=placement.id)


def _context(placement) -> dict:
    return {"title": placement.vacancy.title, "business": placement.vacancy.business.name}


def to_business(kind, placement, **extra):
    """The message to every user of the placement's business (never with the jobseeker's personal details)."""
    for to in of_business(placement.vacancy.business):
        write(kind, to, context={**_context(placement), "side": "business", **extra},
              link=_placement_link(placement), placement=placement, **_calendar(extra))


def to_jobseeker(kind, placement, **extra):
    write(kind, of_jobseeker(placement.jobseeker), context={**_context(placement), "side": "jobseeker", **extra},
          link=_placement_link(placement), placement=placement, **_calendar(extra))


def _calendar(extra) -> dict:
    return {"calendar": extra["calendar"]} if extra.get("calendar") else {}


@event
def proposal_made(placement):
    """Staff proposed a person: the business and the resident are each asked for their answer."""
    to_business(K.PROPOSAL_BUSINESS, placement)
    to_jobseeker(K.PROPOSAL_JOBSEEKER, placement)


@event
def answered(placement, side: str, accepted: bool, both_yes: bool):
    """One side answered: the other side hears it; when both said yes, both hear that contact details are open."""
    if both_yes:
        to_business(K.BOTH_YES, placement)
        to_jobseeker(K.BOTH_YES, placement)
        return
    kind = K.ANSWER_YES if accepted else K.ANSWER_NO
    if side == "business":
        to_jobseeker(kind, placement)
    else:
        to_business(kind, placement)
