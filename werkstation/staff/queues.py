"""The order and the filters of the staff review queues: who stands first, who goes last, who a filter hides."""

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import selectinload

from .. import matching_bridge
from ..extensions import db
from ..models import Jobseeker, Placement, Suggestion
from ..neighbourhood import lives_here_condition
from ..vocabulary import PROPOSAL_STAGES, WORKING_STAGES, Interest

# Someone who said "Niet voor mij" to this work goes below the rest until a staff member decided (having seen why).
SAID_NO_UNDECIDED = case((and_(Suggestion.interest == Interest.NO, Suggestion.undecided), 1), else_=0)
# Someone who pressed "Ik heb interesse" for this work stands first among the people who meet the same requirements.
SAID_YES_FIRST = case((Suggestion.interest == Interest.YES, 0), else_=1)


def hide_busy(query, vacancy):
    """The filter "Verberg wie elders is voorgesteld of al werkt": hides people with a proposal or kennismaking
    elsewhere, and people at work elsewhere, except those at work who said they want more hours."""
    proposed = select(Placement.jobseeker_id).where(Placement.stage.in_(PROPOSAL_STAGES),
                                                    Placement.vacancy_id != vacancy.id)
    return query.where(Suggestion.jobseeker_id.not_in(proposed),
                       Suggestion.jobseeker_id.not_in(_working_elsewhere(vacancy)))


def _working_elsewhere(vacancy):
    """The ids of people at work for another vacancy who did not say they want more hours."""
    return (select(Placement.jobseeker_id).join(Jobseeker)
            .where(Placement.stage.in_(WORKING_STAGES), Placement.vacancy_id != vacancy.id,
                   Jobseeker.wants_more_hours.isnot(True)))


def more_hours_of(suggestions):
    """{jobseeker id: hours a week still free (None: no maximum)} for the people shown who work and want more."""
    return {s.jobseeker_id: matching_bridge.hours_left(s.jobseeker) for s in suggestions
            if matching_bridge.looks_for_more_hours(s.jobseeker)}


def vacancy_queue(vacancy, filters):
    """The query for one vacancy's suggestions, in the order staff read them and with the chosen filters: people
    at work elsewhere last, then those who said "Niet voor mij"; among the rest, who meets every requirement
    first, and within those, who said "Ik heb interesse" first; then related work and the score."""
    # Someone already at work elsewhere (and not looking for more hours) keeps a decision made earlier, but goes last.
    at_work = Suggestion.jobseeker_id.in_(_working_elsewhere(vacancy))
    query = (
        select(Suggestion).join(Jobseeker).where(Suggestion.vacancy_id == vacancy.id)
        .options(selectinload(Suggestion.jobseeker), selectinload(Suggestion.decided_by))
        .order_by(case((at_work, 1), else_=0), SAID_NO_UNDECIDED, Suggestion.eligible.desc(), SAID_YES_FIRST,
                  Suggestion.related.desc(), Suggestion.score.desc(), Suggestion.id)
    )
    if filters.eligible.data:
        query = query.where(Suggestion.eligible)
    if filters.undecided.data:
        query = query.where(Suggestion.undecided)
    if filters.residents.data:
        query = query.where(lives_here_condition(Jobseeker.postcode))
    if filters.free.data:
        query = hide_busy(query, vacancy)
    if filters.interested.data:
        query = query.where(Suggestion.interest == Interest.YES)
    return query


def interested_count(vacancy) -> int:
    """How many people pressed "Ik heb interesse" for this vacancy (and are in its list)."""
    return db.session.scalar(select(func.count()).select_from(Suggestion).where(
        Suggestion.vacancy_id == vacancy.id, Suggestion.interest == Interest.YES))
