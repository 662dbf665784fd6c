"""The join link a teacher shares is in no language: each student gets the join page in
their own, whatever language the teacher's pages are in."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def question_set(question_bank):
    return published_set()


def test_the_share_page_in_italian_shares_a_link_without_the_italian_prefix(question_set, client):
    client.force_login(question_set.owner)
    html = client.get(f"/it/teach/sets/{question_set.pk}/share/").content.decode()
    assert f'href="http://testserver/j/{question_set.code}/"' in html
    assert f"/it/join/{question_set.code}/" not in html


@pytest.mark.parametrize(
    ("accept_language", "page"), [("it-IT,it;q=0.9", "/it/join/"), ("en-GB,en;q=0.9", "/join/")]
)
def test_the_link_opens_the_join_page_in_the_students_browser_language(
    question_set, client, accept_language, page
):
    response = client.get(f"/j/{question_set.code}/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == f"{page}{question_set.code}/"
    joined = client.get(response["Location"])
    assert joined.status_code == 200 and question_set.title in joined.content.decode()


def test_a_student_who_chose_a_language_on_the_site_keeps_it(question_set, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"
    response = client.get(f"/j/{question_set.code}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == f"/it/join/{question_set.code}/"


def test_the_projector_view_shows_the_code_a_large_qr_code_and_the_link(question_set, client):
    client.force_login(question_set.owner)
    html = client.get(reverse("quizzes:set_projector", args=[question_set.pk])).content.decode()
    assert '<p class="join-code"' in html and question_set.code in html
    assert "<svg" in html and 'class="projector-qr"' in html
    # Without JavaScript the link is there to read and copy by hand; the button needs it.
    assert f'<a id="join-link" href="http://testserver/j/{question_set.code}/">' in html
    assert 'data-copy="join-link"' in html and "hidden>Copy the link</button>" in html


def test_the_join_page_says_which_language_the_questions_are_in(question_set, client):
    # A set in English joined from an Italian page: the student knows before starting.
    html = client.get(f"/it/join/{question_set.code}/").content.decode()
    assert question_set.language == "en" and "domande, in inglese" in html
    question_set.language = "it"
    question_set.save()
    assert "questions, in Italian" in client.get(f"/join/{question_set.code}/").content.decode()
