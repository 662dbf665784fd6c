"""Probe 12 of issue 15: pages that show answer keys are never kept by the browser (shared
school computers), every page turns the browser's powerful features off, and a request body
over a few megabytes is refused before anything reads it.

The probe: on a classroom computer the next student pressed Back, or opened the history, and
read the previous student's feedback and results with their keys from the browser's cache; a
client sent a body of hundreds of megabytes to the answer URL and the server read it all.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from quizzes.models import QuestionSet, Response
from tests.quizzes.student import answer_data, start
from tests.security.scene import rolled_back

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return "no-store" in directives and "private" in directives


@pytest.fixture
def key_pages(shared_scene):
    """Every page that shows an answer key or a verdict: (name, response)."""
    scene = shared_scene
    student_a, teacher = scene.clients["attempt_owner"], scene.clients["set_owner"]
    pk, current, done = scene.question_set.pk, scene.current.pk, scene.done.pk
    navigating = scene.navigating.pk
    answer = rolled_back(
        student_a,
        "POST",
        reverse("quizzes:answer", args=[current]),
        answer_data(scene.current, 1),
        HTTP_HX_REQUEST="true",
    )
    return [
        ("feedback", student_a.get(f"/quiz/{current}/feedback/1/")),
        ("feedback (htmx)", student_a.get(f"/quiz/{current}/feedback/1/", HTTP_HX_REQUEST="true")),
        ("answer's feedback (htmx)", answer),
        ("results", student_a.get(f"/quiz/{done}/results/")),
        ("deferred question", student_a.get(f"/quiz/{navigating}/question/1/")),
        ("deferred summary", student_a.get(f"/quiz/{navigating}/summary/")),
        ("teacher results", teacher.get(f"/teach/sets/{pk}/results/")),
        ("teacher results (htmx)", teacher.get(f"/teach/sets/{pk}/results/", HTTP_HX_REQUEST="1")),
        ("teacher results CSV", teacher.get(f"/teach/sets/{pk}/results.csv")),
        ("teacher attempt", teacher.get(f"/teach/sets/{pk}/attempts/{current}/")),
        ("teacher print with key", teacher.get(f"/teach/sets/{pk}/print/?key=1")),
        ("teacher preview", teacher.get(f"/teach/sets/{pk}/preview/")),
        ("teacher editor and bank", teacher.get(f"/teach/sets/{pk}/")),
        ("GIFT export", teacher.get(f"/teach/sets/{pk}/export/gift/")),
        ("Moodle XML export", teacher.get(f"/teach/sets/{pk}/export/moodlexml/")),
        ("teacher's own questions", teacher.get(reverse("quizzes:my_questions"))),
    ]


def test_pages_that_show_keys_tell_the_browser_not_to_store_them(key_pages):
    for name, response in key_pages:
        assert response.status_code == 200, (name, response.status_code)
        assert no_store(response), (name, response.get("Cache-Control"))


def test_every_page_turns_off_camera_microphone_location_payment_and_usb(shared_scene):
    scene = shared_scene
    pages = [
        ("home", scene.clients["anonymous"].get("/")),
        ("question", scene.clients["attempt_owner"].get(f"/quiz/{scene.current.pk}/")),
        ("teacher", scene.clients["set_owner"].get("/teach/")),
        ("not found", scene.clients["anonymous"].get("/no-such-page/")),
    ]
    for name, response in pages:
        policy = {
            part.split("=")[0].strip(): part.split("=")[1].strip()
            for part in response.get("Permissions-Policy", "").split(",")
            if "=" in part
        }
        for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial"):
            assert policy.get(feature) == "()", (name, feature, policy)


# -- request bodies ------------------------------------------------------------------------

TOO_LARGE = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1


def test_an_oversized_answer_is_refused_with_a_clear_page_and_nothing_stored(question_bank):
    client = Client()
    attempt = start(client, kinds=["short_answer", "true_false"])
    url = reverse("quizzes:answer", args=[attempt.pk])
    response = client.post(url, {"position": "0", "answer": "x" * TOO_LARGE})
    assert response.status_code == 413
    assert "larger than 2.5 MB" in response.content.decode()
    assert not Response.objects.filter(attempt=attempt).exists()
    # The student goes back and sends a normal answer: it is taken.
    assert client.post(url, answer_data(attempt, 0)).status_code == 302
    assert Response.objects.filter(attempt=attempt).count() == 1


def test_an_oversized_teacher_form_is_refused_and_the_set_keeps_its_settings(question_bank):
    from tests.factories import QuestionSetFactory, TeacherFactory

    teacher = TeacherFactory()
    question_set = QuestionSetFactory(owner=teacher, title="Kept")
    client = Client()
    client.force_login(teacher)
    url = reverse("quizzes:set_edit", args=[question_set.pk])
    response = client.post(url, {"title": "Renamed", "description": "x" * TOO_LARGE})
    assert response.status_code == 413
    assert "larger than 2.5 MB" in response.content.decode()
    assert QuestionSet.objects.get(pk=question_set.pk).title == "Kept"


def test_a_body_announced_as_huge_is_refused_before_a_byte_of_it_is_read(question_bank):
    """The test client's input stream fails the test if read past what it holds: a body that
    announces 200 MB and holds 10 bytes shows the server never tried to read it."""
    client = Client()
    attempt = start(client, kinds=["true_false"])
    response = client.generic(
        "POST",
        reverse("quizzes:answer", args=[attempt.pk]),
        b"position=0",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert not Response.objects.filter(attempt=attempt).exists()


def test_a_body_within_the_limit_is_read_as_usual(question_bank):
    client = Client()
    attempt = start(client, kinds=["short_answer", "true_false"])
    response = client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"position": "0", "answer": "x" * 100_000},  # long, but within the limit
    )
    assert response.status_code == 200
    assert "Your answer is too long" in response.content.decode()


def test_an_import_file_over_the_limit_is_refused_and_one_under_it_gets_the_importers_message(
    question_bank,
):
    """The importer takes files up to 1 MB and says so; a body past 2.5 MB never reaches it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import TeacherFactory

    client = Client()
    client.force_login(TeacherFactory())
    url = reverse("quizzes:question_import")

    def upload(size: int):
        text = SimpleUploadedFile("q.txt", b"x" * size, content_type="text/plain")
        return client.post(url, {"file": text, "topic": "people", "language": "en"})

    big = upload(TOO_LARGE)
    assert big.status_code == 413 and "larger than 2.5 MB" in big.content.decode()
    over_a_megabyte = upload(1_500_000)
    assert over_a_megabyte.status_code == 200
    assert "larger than 1 MB" in over_a_megabyte.content.decode()
