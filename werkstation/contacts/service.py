"""Writing and reading the contact log: notes, tasks, "my tasks today" and one timeline per person or business.

The timeline puts together what staff noted (calls, visits, agreements), the tasks, the messages the outbox wrote
and the decisions and placement steps, newest first. The callers commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..clock import from_local, to_local
from ..extensions import db
from ..models import Business, Jobseeker, Placement, PlacementStageChange, Suggestion, User, Vacancy, utcnow
from ..outbox.models import Message
from ..search_text import fold
from ..vocabulary import CONTACT_KIND_WORDS, status_label
from .models import ContactNote, Task


@dataclass
class Moment:
    """One line of a timeline."""

    at: datetime
    kind: str  # note | task | message | decision | stage
    label: str
    text: str = ""
    by: str | None = None
    task: Task | None = None


def _owner_columns(subject):
    if isinstance(subject, Jobseeker):
        return {"jobseeker_id": subject.id}
    if isinstance(subject, Business):
        return {"business_id": subject.id}
    raise TypeError(f"no contact log for {subject!r}")


def add_note(subject, kind, body, happened_on, author) -> ContactNote:
    """Log a contact with a person or business (audited without its text)."""
    body = (body or "").strip()
    note = ContactNote(kind=kind, body=body, search_text=" " + fold(body) + " ", happened_on=happened_on,
                       author_id=author.id, **_owner_columns(subject))
    db.session.add(note)
    db.session.flush()
    audit.record("contact.note", note, jobseeker_id=note.jobseeker_id, business_id=note.business_id, kind=kind,
                 actor=author)
    return note


def add_task(subject, title, due_on, owner, author) -> Task:
    """Give a staff member (`owner`) something to do by `due_on`."""
    task = Task(title=title.strip(), due_on=due_on, owner_id=owner.id if owner else author.id,
                created_by_id=author.id, **_owner_columns(subject))
    db.session.add(task)
    db.session.flush()
    audit.record("contact.task", task, jobseeker_id=task.jobseeker_id, business_id=task.business_id,
                 due_on=due_on.isoformat(), owner_id=task.owner_id, actor=author)
    return task


def complete_task(task, by) -> bool:
    """Tick a task off (once; False when it was done already)."""
    if task.done_at is not None:
        return False
    task.done_at, task.done_by_id = utcnow(), by.id
    audit.record("contact.task_done", task, jobseeker_id=task.jobseeker_id, actor=by)
    return True


def tasks_due(user, today: date):
    """The open tasks of `user` due today or earlier, oldest date first, with the person or business."""
    return db.session.scalars(
        select(Task).where(Task.owner_id == user.id, Task.done_at.is_(None), Task.due_on <= today)
        .order_by(Task.due_on, Task.id)
    ).all()


def subject_names(tasks):
    """{task id: name of its person or business} (erased people show no name)."""
    people = {j.id: j.name for j in db.session.scalars(
        select(Jobseeker).where(Jobseeker.id.in_({t.jobseeker_id for t in tasks if t.jobseeker_id})))}
    businesses = {b.id: b.name for b in db.session.scalars(
        select(Business).where(Business.id.in_({t.business_id for t in tasks if t.business_id})))}
    return {t.id: people.get(t.jobseeker_id) or businesses.get(t.business_id) for t in tasks}


def _owner(model):
    return (ContactNote.jobseeker_id if model is Jobseeker else ContactNote.business_id) == model.id


def last_contact_column(model=Jobseeker):
    """A correlated subquery: the day of a person's (or business's) most recent logged contact (NULL when never)."""
    return select(func.max(ContactNote.happened_on)).where(_owner(model)).correlate(model).scalar_subquery()


def notes_contain(word, model=Jobseeker):
    """Condition on Jobseeker (or Business): one of its notes holds a word starting with `word`."""
    return select(ContactNote.id).where(_owner(model), ContactNote.search_text.like(f"% {fold(word)}%")).exists()


def _start_of(day):
    """Midnight of `day` in the Netherlands, stored as UTC like every other moment of the timeline."""
    return from_local(day, time())


def _note_moment(note):
    """A note sorts at the moment it was written when that was the day of the contact, else at the start of that day."""
    at = note.created_at if note.happened_on == to_local(note.created_at).date() else _start_of(note.happened_on)
    return Moment(at, "note", str(CONTACT_KIND_WORDS.get(note.kind, note.kind)), note.body,
                  note.author.email if note.author else None)


def _logged(condition):
    notes = db.session.scalars(select(ContactNote).where(condition).options(selectinload(ContactNote.author)))
    return [_note_moment(note) for note in notes]


def _tasks(condition):
    return [Moment(task.created_at, "task", str(_l("Taak voor %(day)s", day=task.due_on.isoformat())), task.title,
                   task.owner.email if task.owner else None, task=task)
            for task in db.session.scalars(select(Task).where(condition).options(selectinload(Task.owner)))]


def _messages(condition):
    return [Moment(m.created_at, "message", str(_l("Bericht van Werkstation")), m.subject)
            for m in db.session.scalars(select(Message).where(condition))]


def _placement_steps(placement_condition):
    rows = db.session.execute(
        select(PlacementStageChange, Vacancy.title).join(Placement, PlacementStageChange.placement_id == Placement.id)
        .join(Vacancy, Placement.vacancy_id == Vacancy.id).where(placement_condition)
        .options(selectinload(PlacementStageChange.by_user))
    ).all()
    return [Moment(change.at, "stage", str(_l("Plaatsing: %(stage)s", stage=status_label(change.to_stage))), title,
                   change.by_user.email if change.by_user else None) for change, title in rows]


def _decisions(condition):
    return [
        Moment(s.decided_at, "decision", str(_l("Besluit: %(decision)s", decision=status_label(s.decision))),
               s.vacancy.title, s.decided_by.email if s.decided_by else None)
        for s in db.session.scalars(
            select(Suggestion).join(Vacancy, Suggestion.vacancy_id == Vacancy.id)
            .where(condition, Suggestion.decided_at.is_not(None))
            .options(selectinload(Suggestion.vacancy), selectinload(Suggestion.decided_by)))
    ]


def person_timeline(person):
    """Everything that happened with a person, newest first."""
    decisions = _decisions(Suggestion.jobseeker_id == person.id)
    mine = Message.jobseeker_id == person.id
    if person.user_id is not None:
        mine = or_(mine, Message.recipient_user_id == person.user_id)
    moments = (_logged(ContactNote.jobseeker_id == person.id) + _tasks(Task.jobseeker_id == person.id)
               + _messages(mine) + decisions + _placement_steps(Placement.jobseeker_id == person.id))
    return sorted(moments, key=lambda m: m.at, reverse=True)


def business_timeline(business):
    """Everything that happened with a business, newest first."""
    its_users = select(User.id).where(User.business_id == business.id)
    # only what the business received: messages to the people it proposed carry its id too
    to_business = or_(Message.recipient_user_id.in_(its_users),
                      and_(Message.business_id == business.id, Message.recipient_user_id.is_(None),
                           Message.jobseeker_id.is_(None)))
    moments = (_logged(ContactNote.business_id == business.id) + _tasks(Task.business_id == business.id)
               + _messages(to_business) + _decisions(Vacancy.business_id == business.id)
               + _placement_steps(Vacancy.business_id == business.id))
    return sorted(moments, key=lambda m: m.at, reverse=True)


def erase_person_log(jobseeker_id):
    """Remove every note and task about a person (part of erasure)."""
    db.session.execute(delete(ContactNote).where(ContactNote.jobseeker_id == jobseeker_id))
    db.session.execute(delete(Task).where(Task.jobseeker_id == jobseeker_id))


def export_person_log(jobseeker_id):
    """A person's notes and tasks for their data export."""
    notes = db.session.scalars(select(ContactNote).where(ContactNote.jobseeker_id == jobseeker_id)
                               .order_by(ContactNote.happened_on, ContactNote.id))
    tasks = db.session.scalars(select(Task).where(Task.jobseeker_id == jobseeker_id).order_by(Task.due_on, Task.id))
    return {
        "contact_notes": [{"kind": n.kind, "on": n.happened_on.isoformat(), "text": n.body,
                           "written_at": n.created_at.isoformat()} for n in notes],
        "tasks": [{"title": t.title, "due_on": t.due_on.isoformat(), "done_at": t.done_at.isoformat() if t.done_at else None}
                  for t in tasks],
    }
