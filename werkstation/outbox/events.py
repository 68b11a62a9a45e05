"""The events that reach people: each writes its messages into the caller's transaction (caller commits)."""

from __future__ import annotations

from functools import wraps

from ..extensions import db
from ..i18n import in_language
from ..models import utcnow
from ..vocabulary import Role, Stage
from .compose import Recipient, link, of_business, of_jobseeker, of_user, staff_members, write
from .invitation import invitation
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


def _context(placement, side=None) -> dict:
    """What a placement's texts may name. A resident reads the business's name only when it may see it
    (Vacancy.name_for_resident); otherwise `business` is None and the text names the trade."""
    vacancy = placement.vacancy
    name = vacancy.name_for_resident(placement) if side == Role.JOBSEEKER else vacancy.business.name
    return {"title": vacancy.title, "business": name, "sector": vacancy.business.sector}


def both_sides(placement):
    """(side, recipient) for every user of the business and for the resident."""
    return [(Role.BUSINESS, to) for to in of_business(placement.vacancy.business)] + \
        [(Role.JOBSEEKER, of_jobseeker(placement.jobseeker))]


def to_side(kind, placement, side, to, *, dedupe_key=None, invite=None, **extra):
    """One placement message; `invite(placement)` makes the .ics in the recipient's language."""
    calendar = None
    if invite is not None:
        with in_language(to.language):
            calendar = invite(placement)
    write(kind, to, context={**_context(placement, side), "side": side, **extra}, link=_placement_link(placement),
          placement=placement, dedupe_key=dedupe_key, calendar=calendar)


def to_business(kind, placement, **extra):
    """The message to every user of the placement's business (never with the jobseeker's personal details)."""
    for side, to in both_sides(placement):
        if side == Role.BUSINESS:
            to_side(kind, placement, side, to, **extra)


def to_jobseeker(kind, placement, **extra):
    to_side(kind, placement, Role.JOBSEEKER, of_jobseeker(placement.jobseeker), **extra)


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
    if side == Role.BUSINESS:
        to_jobseeker(kind, placement)
    else:
        to_business(kind, placement)


# --- kennismaking and reminders ----------------------------------------------------------------------------------


def _meeting(placement) -> dict:
    return {"at": placement.meeting_at, "place": placement.meeting_place}


@event
def meeting_changed(placement, moved: bool):
    """Both sides get the (new) date, time and place, with an invitation for their calendar."""
    link_url = _placement_link(placement)
    for side, to in both_sides(placement):
        to_side(K.MEETING_MOVED if moved else K.MEETING_PLANNED, placement, side, to, **_meeting(placement),
                invite=lambda p, link_url=link_url: invitation(p, link=link_url))


@event
def meeting_cancelled(placement):
    for side, to in both_sides(placement):
        to_side(K.MEETING_CANCELLED, placement, side, to, **_meeting(placement),
                invite=lambda p: invitation(p, cancelled=True))


@event
def meeting_tomorrow(placement):
    key = f"meeting-tomorrow:{placement.id}:{placement.meeting_at:%Y%m%d%H%M}"
    for side, to in both_sides(placement):
        to_side(K.MEETING_TOMORROW, placement, side, to, dedupe_key=key, **_meeting(placement))


@event
def trial_ending(placement):
    key = f"trial-ending:{placement.id}:{placement.trial_end:%Y%m%d}"
    for side, to in both_sides(placement):
        to_side(K.TRIAL_ENDING, placement, side, to, dedupe_key=key, day=placement.trial_end)


def _staff_for(placement):
    """The staff member who proposed, while they can still log in; else every staff member."""
    proposer = placement.history[0].by_user if placement.history else None
    if proposer is not None and proposer.active and proposer.is_staff:
        return [of_user(proposer)]
    return staff_members()


@event
def follow_up_due(follow_up):
    placement = follow_up.placement
    for to in _staff_for(placement):
        write(K.FOLLOW_UP_DUE, to, context={**_context(placement), "months": follow_up.months},
              link=link("staff.placement", placement_id=placement.id), placement=placement,
              dedupe_key=f"follow-up:{follow_up.id}")


@event
def proposal_unanswered(placement, who: str):
    for to in _staff_for(placement):
        write(K.PROPOSAL_UNANSWERED, to, context={**_context(placement), "who": who},
              link=link("staff.placement", placement_id=placement.id), placement=placement,
              dedupe_key=f"unanswered:{placement.id}")


@event
def work_started(placement):
    """A trial or contract starts (staff recorded it): the resident and the business hear the dates."""
    trial = placement.stage == Stage.TRIAL
    start = placement.trial_start if trial else placement.employed_since
    extra = {"stage": str(placement.stage), "start": start, "end": placement.trial_end if trial else None,
             "employer": str(placement.employer_of_record or "")}
    to_business(K.WORK_STARTED, placement, **extra)
    to_jobseeker(K.WORK_STARTED, placement, **extra)


@event
def work_ended(placement):
    """A trial or job ended and the person is available again: the staff member who proposed them hears it."""
    for to in _staff_for(placement):
        write(K.WORK_ENDED, to, context=_context(placement), link=link("staff.placement", placement_id=placement.id),
              placement=placement, dedupe_key=f"work-ended:{placement.id}")


@event
def proposal_on_hold(placement, hold: str, caused_by: str):
    """A running proposal stands still (a profile paused, a vacancy paused or closed): the staff member who proposed
    hears why and what to do; the other side hears it in plain words."""
    for to in _staff_for(placement):
        write(K.PROPOSAL_ON_HOLD, to, context={**_context(placement), "hold": hold, "side": "staff"},
              link=link("staff.placement", placement_id=placement.id), placement=placement)
    if caused_by == Role.JOBSEEKER:
        to_business(K.PROPOSAL_ON_HOLD, placement, hold=hold)
    else:
        to_jobseeker(K.PROPOSAL_ON_HOLD, placement, hold=hold)


@event
def retention_notice(jobseeker, erase_on):
    """Before a profile is anonymised the person hears it by message, not only at their next login."""
    write(K.RETENTION_NOTICE, of_jobseeker(jobseeker), context={"day": erase_on},
          link=link("auth.login"), dedupe_key=f"retention:{jobseeker.id}:{erase_on:%Y%m%d}")


# --- accounts ---------------------------------------------------------------------------------------------------


@event
def password_reset_requested(user, reset_link: str, minutes: int):
    write(K.PASSWORD_RESET, of_user(user), context={"minutes": minutes}, link=reset_link)


@event
def password_help_requested(user):
    """A resident with only a phone number forgot the password: the call list asks staff to phone with a code."""
    profile = user.jobseeker
    to = of_user(user, jobseeker_id=profile.id if profile is not None else None)
    write(K.PASSWORD_HELP, to, link=link("accounts.code_login"),
          dedupe_key=f"password-help|{user.id}|{utcnow().date().isoformat()}")


@event
def password_changed(user):
    """A notice after every new password: someone who did not do it themselves can act at once."""
    if user.email:
        write(K.PASSWORD_CHANGED, of_user(user), link=link("accounts.forgot_password"))


@event
def email_change_requested(user, new_email: str, confirm_link: str, hours: int):
    """A confirmation link to the new address, a notice to the old one."""
    to_new = Recipient(language=of_user(user).language, email=new_email, user_id=user.id)
    write(K.EMAIL_CONFIRM, to_new, context={"hours": hours}, link=confirm_link)
    if user.email:
        write(K.EMAIL_CHANGED, of_user(user), link=link("accounts.forgot_password"))


@event
def account_created(user, jobseeker, welcome_link: str | None, days: int):
    """Staff made an account for a resident: by e-mail a link to choose a password, else a call with the news."""
    to = of_jobseeker(jobseeker)
    write(K.ACCOUNT_CREATED, to, context={"days": days, "by_phone": welcome_link is None}, link=welcome_link)


@event
def existing_account(user):
    """Someone tried to register with an address that has an account: the owner hears it, the page says nothing."""
    write(K.EXISTING_ACCOUNT, of_user(user), link=link("accounts.forgot_password"))


@event
def signup_confirm(user, confirm_link: str, hours: int):
    """A registration with an e-mail address: the link that finishes it goes to that address."""
    write(K.SIGNUP_CONFIRM, of_user(user), context={"hours": hours}, link=confirm_link)
