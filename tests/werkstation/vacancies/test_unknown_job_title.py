"""A vacancy title that is no known job finds nobody: the business is told so plainly and sees the nearest job
names, with a way to choose one."""

import pytest
from sqlalchemy import select

from tests.factories import CLEANER, make_business, make_jobseeker
from tests.helpers import login
from tests.html import form_state, page, text, values
from tests.werkstation.vacancies.test_vacancy_pages import GOOD_VACANCY
from werkstation.extensions import db
from werkstation.models import Vacancy


@pytest.fixture
def logged_in(client, app):
    business = make_business(name="Bakkerij De Kaars", postcode="3526 AB")
    login(client, business.users[0])
    return client


def post_vacancy(client, data):
    state = {"version": ""} | form_state(client.get("/vacatures/nieuw"))
    return client.post("/vacatures/nieuw", data={**state, **data})


def test_a_free_title_says_why_nobody_fits_and_shows_the_nearest_job_names(logged_in):
    make_jobseeker(postcode="3526 KL")
    response = post_vacancy(logged_in, dict(GOOD_VACANCY, title="Superbakker 🥐🥖 die alles kan"))
    assert response.status_code == 302
    vacancy = db.session.scalar(select(Vacancy))
    assert vacancy.occupation_uri is None
    html = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    notice = page(html).find(id="unknown-job")
    assert notice is not None
    words = text(str(notice))
    assert "We weten niet welk werk dit is" in words
    # Someone fits on hours, days and talents, so the notice does not claim that nobody does.
    assert "vinden we niemand" not in words
    assert "Daarom zoeken we nu alleen op uren, dagen en wat iemand kan." in words
    assert "Kies bij Functie een van de voorgestelde namen van werk." in words
    names = [li.get_text() for li in notice.find_all("li")]
    assert names[0] == "bakker" and len(names) == len(set(names))  # each name once
    assert notice.find("a", class_="button")["href"] == f"/vacatures/{vacancy.id}/bewerken"


def test_a_nearest_job_name_is_a_link_that_fills_in_that_job_ready_to_save(logged_in):
    response = post_vacancy(logged_in, dict(GOOD_VACANCY, title="Superbakker 🥐🥖 die alles kan"))
    vacancy = db.session.scalar(select(Vacancy))
    notice = page(logged_in.get(response.headers["Location"]).get_data(as_text=True)).find(id="unknown-job")
    first = notice.find("li").a
    edit = logged_in.get(first["href"]).get_data(as_text=True)
    title, uri = values(edit, "title"), values(edit, "occupation_uri")
    assert title == ["bakker"] and uri[0]
    data = {**GOOD_VACANCY, **form_state(edit), "title": title[0], "occupation_uri": uri[0]}
    assert logged_in.post(f"/vacatures/{vacancy.id}/bewerken", data=data).status_code == 302
    db.session.refresh(vacancy)
    assert vacancy.title == "bakker" and vacancy.occupation_uri == uri[0]
    assert logged_in.get(f"/vacatures/{vacancy.id}/bewerken?beroep=geen-beroep").status_code == 200  # ignored


def test_a_known_job_shows_no_such_notice(logged_in):
    response = post_vacancy(logged_in, dict(GOOD_VACANCY, title="schoonmaker gebouwen", occupation_uri=CLEANER))
    html = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert page(html).find(id="unknown-job") is None
    assert "We weten niet welk werk dit is" not in html


def test_the_notice_is_translated(logged_in):
    response = post_vacancy(logged_in, dict(GOOD_VACANCY, title="Superbakker die alles kan"))
    html = logged_in.get(response.headers["Location"] + "&lang=tr").get_data(as_text=True)
    notice = text(str(page(html).find(id="unknown-job")))
    assert "Bunun hangi iş olduğunu bilmiyoruz" in notice
    assert "Bir iş adı seç" in notice



def test_with_nobody_fitting_the_notice_says_so_and_a_filled_vacancy_has_none(logged_in):
    from werkstation.vocabulary import VacancyStatus

    response = post_vacancy(logged_in, dict(GOOD_VACANCY, title="Superbakker die alles kan"))
    vacancy = db.session.scalar(select(Vacancy))
    notice = text(str(page(logged_in.get(response.headers["Location"]).get_data(as_text=True)).find(id="unknown-job")))
    assert "Daarom vinden we niemand voor deze vacature." in notice
    vacancy.status = VacancyStatus.FILLED
    db.session.commit()
    assert page(logged_in.get(f"/vacatures/{vacancy.id}").get_data(as_text=True)).find(id="unknown-job") is None
