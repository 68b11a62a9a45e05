"""Two submits at the same moment (two people, two tabs, a double click): never a server error; the one that lost
gets the same answer as when the two come one after the other.

The requests run in two threads, each with its own database connection. Each is held at its first write to the
database until the other got there too: both have read the data and passed every check, neither has written. Then
both write at once, the interleaving that makes a check in Python useless and leaves the database to decide.
"""

import threading
from contextlib import contextmanager

from sqlalchemy import event, func, select

from tests.factories import make_business, make_jobseeker, make_user, make_vacancy
from tests.helpers import csrf_token, login
from tests.html import form_state, text
from tests.werkstation.staff.workspace import proposed, scored
from tests.werkstation.test_persistence import VACANCY
from werkstation.extensions import db
from werkstation.models import AuditEvent, FairnessSelfDescription, Jobseeker, Placement, Vacancy

CONFLICT = "Iemand anders heeft dit net veranderd"
ALREADY = "Je antwoord was al opgeslagen."
WRITES = ("INSERT", "UPDATE", "DELETE")


@contextmanager
def held_at_first_write(threads):
    """Hold each of `threads` at its first write until every one of them got there (at most 10 s)."""
    barrier = threading.Barrier(len(threads), timeout=10)
    waiting = {t: False for t in threads}

    def before(conn, cursor, statement, parameters, context, executemany):
        me = threading.current_thread()
        if waiting.get(me) is False and statement.lstrip().upper().startswith(WRITES):
            waiting[me] = True
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                pass

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield waiting
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def at_once(*sends):
    """Run each `send()` in its own thread, held at the first write; the responses in order (an exception that
    escaped the app, a server error, comes back as itself)."""
    results = [None] * len(sends)

    def run(i, send):
        try:
            results[i] = send()
        except Exception as error:  # noqa: BLE001 - the app let an error through: the test shows it
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, send)) for i, send in enumerate(sends)]
    with held_at_first_write(threads) as waiting:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert all(waiting.values()), "a request never wrote: the test would prove nothing"
    for result in results:
        assert not isinstance(result, Exception), f"server error: {result!r}"
        assert result.status_code < 500, result.get_data(as_text=True)[:500]
    db.session.expire_all()
    return results


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_two_people_saving_the_same_vacancy_at_once_one_gets_the_conflict_message(app, client):
    business = make_business(name="Glans")
    vacancy = make_vacancy(business=business, title="Begin")
    make_jobseeker()  # so saving re-scores, as in real use
    url = f"/vacatures/{vacancy.id}/bewerken"
    staff = app.test_client()
    login(client, business.users[0])
    login(staff, make_user(role="staff"))
    mine, theirs = form_state(client.get(url)), form_state(staff.get(url))
    responses = at_once(lambda: client.post(url, data={**mine, **dict(VACANCY, title="Door het bedrijf")}),
                        lambda: staff.post(url, data={**theirs, **dict(VACANCY, title="Door de medewerker")}))
    assert sorted(r.status_code for r in responses) == [200, 302]
    lost = next(r for r in responses if r.status_code == 200)
    assert CONFLICT in text(lost)
    kept = "Door het bedrijf" if lost is responses[1] else "Door de medewerker"
    assert db.session.get(Vacancy, vacancy.id).title == kept


def test_resident_and_staff_saving_the_same_profile_at_once_one_gets_the_conflict_message(app, client):
    person = make_jobseeker(name="Amina")
    staff = app.test_client()
    login(client, person.user)
    login(staff, make_user(role="staff"))
    own_url, staff_url = "/profiel/wijzigen/over-jou", f"/werkzoekenden/{person.id}/wijzigen/over-jou"
    mine, theirs = form_state(client.get(own_url)), form_state(staff.get(staff_url))
    data = {"phone": "06 12345678", "about": "", "email": ""}
    responses = at_once(lambda: client.post(own_url, data={**mine, **data, "name": "Amina (zelf)"}),
                        lambda: staff.post(staff_url, data={**theirs, **data, "name": "Amina (medewerker)"}))
    assert sorted(r.status_code for r in responses) == [200, 302]
    assert CONFLICT in text(next(r for r in responses if r.status_code == 200))
    assert db.session.get(Jobseeker, person.id).name in ("Amina (zelf)", "Amina (medewerker)")


def test_a_double_click_on_yes_saves_one_answer_and_the_second_says_it_was_saved(app, client):
    vacancy, (person,) = scored(people=1)
    placement = proposed(vacancy, person)
    other_tab = app.test_client()
    login(client, person.user)
    login(other_tab, person.user)
    url = f"/plaatsingen/{placement.id}"
    forms = [{"csrf_token": csrf_token(c, url), "answer": "yes", "reason": ""} for c in (client, other_tab)]
    responses = at_once(lambda: client.post(url, data=forms[0]), lambda: other_tab.post(url, data=forms[1]))
    assert [r.status_code for r in responses] == [302, 302]
    assert count(AuditEvent, AuditEvent.action == "placement.respond") == 1
    pages = [text(c.get(url)) for c in (client, other_tab)]
    assert sum("Je antwoord is opgeslagen" in p for p in pages) == 1
    assert sum(ALREADY in p for p in pages) == 1


def test_a_second_answer_after_the_first_changes_nothing(app, client):
    vacancy, (person,) = scored(people=1)
    placement = proposed(vacancy, person)
    login(client, person.user)
    url = f"/plaatsingen/{placement.id}"
    assert client.post(url, data={"csrf_token": csrf_token(client, url), "answer": "yes"}).status_code == 302
    client.get(url)  # the thank-you message is shown
    again = client.post(url, data={"csrf_token": csrf_token(client, url), "answer": "no", "reason": "Toch niet"},
                        follow_redirects=True)
    assert ALREADY in text(again)
    assert db.session.get(Placement, placement.id).jobseeker_response == "accepted"
    assert count(AuditEvent, AuditEvent.action == "placement.respond") == 1


def test_a_double_click_on_the_first_save_of_the_fairness_questions_stores_one_answer(app, client):
    person = make_jobseeker(name="Amina")
    login(client, person.user)
    url = "/over-mij/eerlijkheid"
    state = form_state(client.get(url))
    data = {**state, "gender": "vrouw", "age_band": "27_44"}
    responses = at_once(lambda: client.post(url, data=data), lambda: client.post(url, data=data))
    assert [r.status_code for r in responses] == [302, 302]
    assert count(FairnessSelfDescription) == 1
    assert count(AuditEvent, AuditEvent.action == "fairness.save") == 1
    assert db.session.scalar(select(FairnessSelfDescription.gender)) == "vrouw"
