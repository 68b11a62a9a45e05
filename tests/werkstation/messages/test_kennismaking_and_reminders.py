"""Kennismaking: both sides get an iCalendar invitation, an update when it moves and a cancellation; the daily
reminders (kennismaking tomorrow, trial ends in 7 days, follow-up due, proposal unanswered) are written once."""

from datetime import date, datetime, time, timedelta

from icalendar import Calendar
from sqlalchemy import select

from tests.factories import make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.werkstation.messages.outbox_helpers import follow, messages, send_outbox
from tests.werkstation.staff.workspace import business_user, proposed
from werkstation.clock import from_local
from werkstation.extensions import db
from werkstation.models import FollowUp, User
from werkstation.outbox import reminders
from werkstation.placements import pipeline


def both_said_yes(vacancy=None, **person):
    vacancy = vacancy or make_vacancy(title="Bakkershulp")
    placement = proposed(vacancy, make_jobseeker(**person))
    pipeline.respond(placement, "business", True, "", None)
    pipeline.respond(placement, "jobseeker", True, "", None)
    db.session.commit()
    return placement


def invite_of(message):
    part = next(p for p in message.iter_attachments() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_content()).walk("VEVENT")[0], Calendar.from_ical(part.get_content())


def test_planning_moving_and_cancelling_a_kennismaking_reaches_both_sides(app, client, runner, mailbox):
    placement = both_said_yes()
    person = placement.jobseeker
    person.user.locale = "en"
    db.session.commit()
    owner = business_user(placement.vacancy)
    send_outbox(runner)
    mailbox.messages.clear()
    staff = make_user("staff")
    login(client, staff)
    url = f"/medewerker/plaatsingen/{placement.id}"
    day = date.today() + timedelta(days=3)
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "version": placement.version,
                                      "to_stage": "kennismaking", "meeting_date": day.isoformat(),
                                      "meeting_time": "10:30", "meeting_place": "", "form_token": "km1"})
    assert response.status_code == 302
    send_outbox(runner)
    to_business = mailbox.one(owner.email, "Kennismaking op")
    event, calendar = invite_of(to_business)
    assert calendar["method"] == "REQUEST" and event["location"] == app.config["COOPERATIVE_ADDRESS"]
    assert event.decoded("dtstart") == from_local(day, time(10, 30)).replace(tzinfo=event.decoded("dtstart").tzinfo)
    assert "10:30" in to_business.get_body(preferencelist=("plain",)).get_content()
    to_person = mailbox.one(person.user.email, "Introduction meeting on")  # in English, her choice
    resident = app.test_client()
    login(resident, person.user)
    page = follow(resident, app, to_person).get_data(as_text=True)
    assert "10:30" in page and app.config["COOPERATIVE_ADDRESS"] in page

    mailbox.messages.clear()
    moved = client.post(f"{url}/kennismaking", data={"csrf_token": csrf_token(client, url),
                                                     "km-day": (day + timedelta(days=1)).isoformat(),
                                                     "km-at": "14:00", "km-place": "Bakkerij, Marshalllaan 1"})
    assert moved.status_code == 302
    send_outbox(runner)
    update, _ = invite_of(mailbox.one(owner.email, "verzet"))
    assert update["uid"] == event["uid"] and int(update["sequence"]) > int(event["sequence"])
    assert update["location"] == "Bakkerij, Marshalllaan 1"

    mailbox.messages.clear()
    client.post(f"{url}/kennismaking/afzeggen", data={"csrf_token": csrf_token(client, url)})
    send_outbox(runner)
    cancelled, calendar = invite_of(mailbox.one(owner.email, "gaat niet door"))
    assert calendar["method"] == "CANCEL" and cancelled["uid"] == event["uid"]
    assert mailbox.one(person.user.email, "cancelled")


def test_a_kennismaking_in_the_past_or_without_a_time_is_refused_next_to_the_field(app, client):
    placement = both_said_yes()
    pipeline.move(placement, "kennismaking", None)
    db.session.commit()
    login(client, make_user("staff"))
    url = f"/medewerker/plaatsingen/{placement.id}"
    past = client.post(f"{url}/kennismaking", data={"csrf_token": csrf_token(client, url), "km-day": "2020-01-01",
                                                    "km-at": "10:00", "km-place": "Hier"})
    assert past.status_code == 400 and "toekomst" in past.get_data(as_text=True)
    assert 'value="Hier"' in past.get_data(as_text=True)
    assert messages() and not [m for m in messages() if m.kind.startswith("meeting")]


def test_the_daily_reminders_are_written_once(app, runner, mailbox):
    now = datetime(2026, 12, 7, 7, 0)  # a Monday morning
    meeting = both_said_yes()
    pipeline.move(meeting, "kennismaking", None, meeting=(date(2026, 12, 8), time(9, 0), ""), at=now)
    trial = both_said_yes(make_vacancy(title="Kassamedewerker"), availability={"tue": ["evening"]})
    trial.jobseeker.user.locale = "en"
    pipeline.move(trial, "kennismaking", None, at=now)
    pipeline.move(trial, "proefplaatsing", None, trial_start=date(2026, 11, 1), trial_end=date(2026, 12, 14), at=now)
    # Follow-ups count from the contract's start (not during the trial): this one started work on 1 November.
    working = both_said_yes(make_vacancy(title="Vakkenvuller"), name="Wim Werkt", availability={"sun": ["morning"]})
    pipeline.move(working, "kennismaking", None, at=datetime(2026, 9, 1, 9, 0))
    pipeline.move(working, "proefplaatsing", None, trial_start=date(2026, 9, 1), trial_end=date(2026, 10, 31),
                  at=datetime(2026, 9, 1, 9, 0))
    pipeline.move(working, "in_dienst", None, employer_of_record="business", employed_since=date(2026, 11, 1),
                  at=datetime(2026, 11, 1, 9, 0))
    follow_up = db.session.scalar(select(FollowUp).where(FollowUp.placement_id == working.id, FollowUp.months == 1))
    assert not db.session.scalar(select(FollowUp).where(FollowUp.placement_id == trial.id, FollowUp.due_on <= now))
    quiet = proposed(make_vacancy(title="Magazijn"), make_jobseeker(name="Sam Stil", availability={"sat": ["night"]}))
    quiet.created_at = datetime(2026, 11, 30, 9, 0)  # the Monday before: 5 working days ago
    db.session.commit()

    first = reminders.run(now)
    second = reminders.run(now)
    assert second.summary() == "no reminders due"
    kinds = sorted(m.kind for m in messages() if m.dedupe_key)
    assert kinds == sorted(["meeting_tomorrow"] * 2 + ["trial_ending"] * 2 + ["follow_up_due", "proposal_unanswered"])
    assert "2 kennismaking tomorrow" in first.summary()
    unanswered = next(m for m in messages() if m.kind == "proposal_unanswered")
    assert "Sam Stil" in unanswered.body_text and "Magazijn" in unanswered.body_text
    assert next(m for m in messages() if m.kind == "follow_up_due").placement_id == follow_up.placement_id
    result = runner.invoke(args=["reminders"])
    assert result.exit_code == 0 and "Reminders:" in result.output

    # Each reminder arrives once, in its recipient's language, with a link that works for them.
    send_outbox(runner)
    send_outbox(runner)
    owner = business_user(trial.vacancy)
    trial_mail = mailbox.one(owner.email, "De proefplaatsing stopt over 7 dagen")
    assert "14 december 2026" in trial_mail.get_body(preferencelist=("plain",)).get_content()
    resident = trial.jobseeker.user
    assert mailbox.one(resident.email, "The trial placement ends in 7 days")  # she chose English
    assert mailbox.one(business_user(meeting.vacancy).email, "Morgen: kennismaking voor")
    owner_client = app.test_client()
    login(owner_client, owner)
    assert follow(owner_client, app, trial_mail).status_code == 200
    staff_mails = [m for m in mailbox.messages if "Opvolging" in str(m["Subject"]) or "5 werkdagen" in str(m["Subject"])]
    assert len(staff_mails) == 2
    staff_client = app.test_client()
    login(staff_client, db.session.scalar(select(User).where(User.email == staff_mails[0]["To"])))
    assert all(follow(staff_client, app, m).status_code == 200 for m in staff_mails)
