"""A step without an answer: the consent page sends the resident there and says which step (number and title)."""

from tests.helpers import csrf_token
from tests.html import text
from tests.werkstation.jobseekers.test_intake import ANSWERS, jobseeker_user, post_step, seeker  # noqa: F401 (fixtures)


def answer_all_but(client, *left_out):
    for name, data in ANSWERS.items():
        if name not in left_out:
            assert post_step(client, f"/intake/{name}", data).status_code == 302


def test_one_missing_step_is_named_on_the_page_the_resident_is_sent_to(seeker):  # noqa: F811
    answer_all_but(seeker, "uren")
    response = seeker.get("/intake/toestemming")
    assert response.headers["Location"].endswith("/intake/uren")
    shown = text(seeker.get("/intake/uren").get_data(as_text=True))
    assert ("Je bent nog niet klaar. Deze stap heeft nog geen antwoord: stap 3 (Uren en dagen). "
            "Vul hier stap 3 in.") in shown


def test_saving_with_two_missing_steps_names_both_and_starts_at_the_first(seeker):  # noqa: F811
    answer_all_but(seeker, "talenten", "talen")
    token = csrf_token(seeker, "/intake/werk")
    response = seeker.post("/intake/toestemming", data={"consent": "y", "csrf_token": token})
    assert response.headers["Location"].endswith("/intake/talenten")
    shown = text(seeker.get("/intake/talenten").get_data(as_text=True))
    assert "Deze stappen hebben nog geen antwoord: stap 2 (Talenten), stap 5 (Talen). Vul hier stap 2 in." in shown


def test_the_message_is_in_the_residents_language(seeker):  # noqa: F811
    seeker.get("/taal/en")
    answer_all_but(seeker, "uren")
    seeker.get("/intake/toestemming")
    shown = text(seeker.get("/intake/uren").get_data(as_text=True))
    assert "You are not finished yet. This step has no answer yet: step 3 (Hours and days). Fill in step 3 here." in shown
