"""Every date-time on a page is Dutch time (Europe/Amsterdam), winter and summer time alike: stored moments are UTC."""

from datetime import datetime

import pytest

from tests.factories import make_jobseeker, make_user
from tests.helpers import login
from tests.html import text
from werkstation.extensions import db
from werkstation.models import AuditEvent
from werkstation.outbox.models import Message, MessageStatus

# Summer time starts on 28 March 2027 at 02:00 (clocks jump to 03:00); it ends on 25 October 2026 at 03:00 (back to 02:00).
AROUND_DST = [
    (datetime(2027, 3, 28, 0, 30), "28-03-2027 01:30"),  # winter: UTC + 1
    (datetime(2027, 3, 28, 1, 30), "28-03-2027 03:30"),  # summer: UTC + 2
    (datetime(2026, 10, 25, 0, 30), "25-10-2026 02:30"),  # still summer
    (datetime(2026, 10, 25, 1, 30), "25-10-2026 02:30"),  # winter again: the same wall clock an hour later
    (datetime(2026, 12, 31, 23, 30), "01-01-2027 00:30"),  # a new day (and year) in the Netherlands already
]


@pytest.mark.parametrize(("stored", "shown"), AROUND_DST)
def test_the_filter_shows_dutch_time_around_the_clock_changes(app, stored, shown):
    from werkstation.clock import local_time

    with app.test_request_context():
        assert str(local_time(stored)) == f'<bdi dir="ltr">{shown}</bdi>'
        assert str(local_time(stored, "date")) == f'<bdi dir="ltr">{shown[:10]}</bdi>'


def test_the_filter_reads_iso_text_and_leaves_a_calendar_day_as_it_is(app):
    """The data export holds ISO text: a moment in it is UTC; a day without a clock (a due date) is not shifted."""
    from datetime import date

    from werkstation.clock import local_time

    with app.test_request_context():
        assert str(local_time("2026-07-14T23:30:00")) == '<bdi dir="ltr">15-07-2026 01:30</bdi>'
        assert str(local_time("2026-07-14T23:30:00", "date")) == '<bdi dir="ltr">15-07-2026</bdi>'
        assert str(local_time("2026-07-14")) == '<bdi dir="ltr">14-07-2026</bdi>'
        assert str(local_time(date(2026, 7, 14), "date")) == '<bdi dir="ltr">14-07-2026</bdi>'
        assert local_time(None) == "" and local_time("") == ""


def test_a_residents_message_shows_the_dutch_time_it_arrived(client):
    person = make_jobseeker()
    db.session.add(Message(kind="account_created", recipient_user_id=person.user.id, status=MessageStatus.SENT,
                           subject="Welkom", body_text="Hallo", body_html="Hallo", created_at=datetime(2027, 3, 28, 1, 30)))
    db.session.commit()
    login(client, person.user)
    assert "28-03-2027 03:30" in text(client.get("/berichten").get_data(as_text=True))


def test_the_staff_log_shows_dutch_time_not_utc(client):
    person = make_jobseeker()
    staff = make_user(role="staff")
    db.session.add(AuditEvent(at=datetime(2026, 10, 25, 0, 30), actor_id=staff.id, actor_role="staff",
                              action="jobseeker.view", object_type="jobseeker", object_id=person.id, jobseeker_id=person.id))
    db.session.commit()
    login(client, staff)
    shown = text(client.get(f"/medewerker/werkzoekenden/{person.id}/logboek").get_data(as_text=True))
    assert "25-10-2026 02:30" in shown and "25-10-2026 00:30" not in shown
