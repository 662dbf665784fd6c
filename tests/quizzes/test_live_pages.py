"""The live quiz's pages: phones that follow the teacher by polling a tiny step URL (304
while nothing changed), the projector and the teacher's controls, in each one's language."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from quizzes.live import services as live
from quizzes.models import Attempt, LiveSession
from quizzes.presenting import key_text
from tests.factories import SuperUserFactory, TeacherFactory
from tests.quizzes.live import answer, fresh, live_session, poll, student
from tests.quizzes.student import answer_data, slot, visible

pytestmark = pytest.mark.django_db
Step = LiveSession.Step


@pytest.fixture
def session(question_bank):
    return live_session(kinds=("single_choice", "true_false", "numeric"), title="Class 3B live")


@pytest.fixture
def teacher(session):
    client = Client()
    client.force_login(session.question_set.owner)
    return client


def etag_of(html: str) -> str:
    """The fingerprint the page sends with its next poll (its hx-headers)."""
    return re.search(r'"If-None-Match": "\\(".*?)\\""', html).group(1) + '"'


def projector(client, session, **headers):
    return client.get(reverse("quizzes:live_projector", args=[session.question_set.pk]), **headers)


def control(client, session, action, at=None, htmx=True):
    data = {"action": action}
    if at is not None:
        data["at"] = str(at)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("quizzes:live_control", args=[session.question_set.pk])
    return client.post(url, data, **headers)


def key_of(attempt, position=0, language="en") -> str:
    return key_text(slot(attempt, position).question.payload, language)


# -- phones --------------------------------------------------------------------------------
def test_joining_by_code_during_a_live_quiz_leads_to_the_live_page(session):
    client = Client()
    code = session.question_set.code
    page = client.get(reverse("quizzes:join_set", args=[code])).content.decode()
    assert "A live quiz" in page and "Join the live quiz" in page
    response = client.post(reverse("quizzes:join_set", args=[code]), {"nickname": "Ann"})
    attempt = Attempt.objects.get(nickname="Ann")
    assert response["Location"] == reverse("quizzes:live", args=[attempt.pk])
    assert "You are in!" in client.get(response["Location"]).content.decode()


def test_the_quiz_page_of_a_live_attempt_is_the_live_page(session):
    client, ann = student(session, "Ann")
    response = client.get(reverse("quizzes:take", args=[ann.pk]))
    assert response["Location"] == reverse("quizzes:live", args=[ann.pk])


def test_the_ordinary_answer_url_never_shows_a_live_question_early_nor_its_key(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    url = reverse("quizzes:answer", args=[ann.pk])
    for position in (0, 1, 2, 99):
        response = client.post(url, answer_data(ann, min(position, 2)) | {"position": position},
                               HTTP_HX_REQUEST="true")  # fmt: skip
        assert response.status_code == 200 and response["HX-Redirect"].endswith("/live/")
    assert slot(ann, 1).question.payload["prompt"]["en"] not in response.content.decode()
    assert not ann.responses.exists()


def test_a_phone_polling_while_nothing_changes_gets_304_for_one_query(session):
    client, ann = student(session, "Ann")
    page = client.get(reverse("quizzes:live", args=[ann.pk])).content.decode()
    etag = etag_of(page)
    with CaptureQueriesContext(connection) as queries:
        response = poll(client, ann, etag)
    assert response.status_code == 304 and response.content == b""
    assert len(queries) == 1
    assert "no-store" in response["Cache-Control"]


def test_a_phone_polling_after_the_teachers_show_gets_the_question(session):
    client, ann = student(session, "Ann")
    etag = etag_of(client.get(reverse("quizzes:live", args=[ann.pk])).content.decode())
    live.live_show(session=session)
    response = poll(client, ann, etag)
    html = response.content.decode()
    assert response.status_code == 200 and 'data-step="question-1"' in html
    assert slot(ann, 0).question.payload["prompt"]["en"] in html and "Send my answer" in html
    assert etag_of(html) != etag
    assert poll(client, ann, etag_of(html)).status_code == 304


def test_a_step_written_to_the_database_by_another_app_server_reaches_the_phone(session):
    # Several app servers share only the database: a step that another server's process
    # wrote (here a bare UPDATE of the row, no service, no signal in this process) is what
    # the next poll answers, as no process keeps the step in memory.
    client, ann = student(session, "Ann")
    etag = etag_of(client.get(reverse("quizzes:live", args=[ann.pk])).content.decode())
    assert poll(client, ann, etag).status_code == 304
    LiveSession.objects.filter(pk=session.pk).update(step=Step.QUESTION, position=0)
    response = poll(client, ann, etag)
    assert response.status_code == 200 and 'data-step="question-1"' in response.content.decode()


def test_the_key_never_reaches_a_phone_before_the_reveal(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    key = key_of(ann)
    # As the page writes it (an apostrophe is escaped).
    explanation = escape(slot(ann, 0).question.payload["explanation"]["en"])
    seen = [
        client.get(reverse("quizzes:live", args=[ann.pk])).content.decode(),
        poll(client, ann).content.decode(),
        answer(client, ann).content.decode(),
    ]
    live.live_close(session=session, at=0)
    seen.append(poll(client, ann).content.decode())
    for html in seen:  # the key is one of the options shown; nothing marks it as the key
        assert explanation not in html and "The right answer" not in html
        assert "Right!" not in html and "Not quite" not in html
    feedback = reverse("quizzes:feedback", args=[ann.pk, 1])
    assert client.get(feedback).status_code == 404
    live.live_reveal(session=session, at=0)
    revealed = poll(client, ann).content.decode()
    assert "Right!" in revealed and escape(key) in revealed and explanation in revealed
    assert client.get(feedback).status_code == 200


def test_after_close_the_phone_says_answers_are_closed(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    live.live_close(session=session, at=0)
    html = poll(client, ann).content.decode()
    assert "Answers to this question are closed: you did not answer it in time." in html
    assert "Send my answer" not in html


def test_a_reloaded_phone_comes_back_to_the_current_step(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    answer(client, ann)
    live.live_reveal(session=session, at=0)
    live.live_next(session=session, at=0)
    html = client.get(reverse("quizzes:live", args=[ann.pk])).content.decode()
    assert "Question 2 of 3" in html and slot(ann, 1).question.payload["prompt"]["en"] in html
    assert "1 point so far" in html  # singular, as a count


def test_without_javascript_the_phone_has_a_refresh_link_and_plain_forms(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    html = client.get(reverse("quizzes:live", args=[ann.pk])).content.decode()
    assert f'href="{reverse("quizzes:live", args=[ann.pk])}">Refresh</a>' in html
    assert 'method="post" action="' + reverse("quizzes:live_answer", args=[ann.pk]) in html
    assert "csrfmiddlewaretoken" in html
    response = answer(client, ann, htmx=False)
    assert response.status_code == 302
    assert "Your answer is in" in client.get(response["Location"]).content.decode()


def test_the_step_url_sends_a_plain_visitor_to_the_page(session):
    client, ann = student(session, "Ann")
    response = client.get(reverse("quizzes:live_step", args=[ann.pk]))
    assert response["Location"] == reverse("quizzes:live", args=[ann.pk])


def test_another_browser_cannot_follow_someone_elses_phone(session):
    _client, ann = student(session, "Ann")
    stranger = Client()
    for name in ("quizzes:live", "quizzes:live_step"):
        assert stranger.get(reverse(name, args=[ann.pk]), HTTP_HX_REQUEST="true").status_code == 404
    data = answer_data(ann, 0)
    assert stranger.post(reverse("quizzes:live_answer", args=[ann.pk]), data).status_code == 404


def test_the_phone_at_the_end_shows_the_score_and_the_review(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    answer(client, ann)
    live.live_end(session=session)
    html = poll(client, ann).content.decode()
    assert "The live quiz is over" in html and "1 of 3 points" in html
    assert 'hx-trigger="every 1s"' not in html  # nothing more to follow
    results = client.get(reverse("quizzes:results", args=[ann.pk]))
    assert results.status_code == 200 and key_of(ann, 1) in results.content.decode()


def test_each_phone_speaks_its_students_language(session):
    client, anna = student(session, "Anna", language="it")
    live.live_show(session=session)
    html = client.get(reverse("quizzes:live", args=[anna.pk]).replace("/quiz/", "/it/quiz/", 1))
    html = html.content.decode()
    assert "Domanda 1 di 3" in html
    assert slot(anna, 0).question.payload["prompt"]["it"] in html


def test_a_removed_student_sees_it_on_the_phone(session, teacher):
    client, ann = student(session, "Ann")
    url = reverse("quizzes:live_student", args=[session.question_set.pk, ann.pk])
    assert teacher.post(url, {"action": "remove"}).status_code == 302
    html = poll(client, ann).content.decode()
    assert "Your teacher has removed you from this live quiz." in html
    assert "<bdi>Ann</bdi>" not in projector(teacher, session).content.decode()


def test_a_renamed_student_sees_the_new_name_and_so_does_the_class(session, teacher):
    client, ann = student(session, "Ann")
    etag = etag_of(client.get(reverse("quizzes:live", args=[ann.pk])).content.decode())
    url = reverse("quizzes:live_student", args=[session.question_set.pk, ann.pk])
    assert teacher.post(url, {"action": "rename", "nickname": "Student 7"}).status_code == 302
    response = poll(client, ann, etag)
    assert response.status_code == 200 and "<bdi>Student 7</bdi>" in response.content.decode()
    assert "<bdi>Student 7</bdi>" in projector(teacher, session).content.decode()


def test_a_rename_to_a_classmates_name_is_refused_in_the_page(session, teacher):
    _client, ann = student(session, "Ann")
    student(session, "Bob")
    url = reverse("quizzes:live_student", args=[session.question_set.pk, ann.pk])
    response = teacher.post(url, {"action": "rename", "nickname": "BOB"})
    assert response.status_code == 200 and "already uses" in response.content.decode()
    ann.refresh_from_db()
    assert ann.nickname == "Ann"


# -- the projector -------------------------------------------------------------------------
def test_run_live_from_the_share_page_opens_the_projector(question_bank):
    from tests.quizzes.teacher import published_set

    question_set = published_set()
    client = Client()
    client.force_login(question_set.owner)
    share = client.get(reverse("quizzes:set_share", args=[question_set.pk])).content.decode()
    assert "Run live" in share
    url = reverse("quizzes:live_run", args=[question_set.pk])
    response = client.post(url, {"seconds_per_question": "30", "leaderboard": "on"})
    assert response["Location"] == reverse("quizzes:live_projector", args=[question_set.pk])
    session = LiveSession.objects.get()
    assert (session.seconds_per_question, session.leaderboard) == (30, True)
    html = client.get(response["Location"]).content.decode()
    assert question_set.code in html and "<svg" in html  # the code and its QR code
    assert "Start: show the first question" in html


def test_a_bad_timer_is_refused_with_a_message_and_nothing_starts(question_bank):
    from tests.quizzes.teacher import published_set

    question_set = published_set()
    client = Client()
    client.force_login(question_set.owner)
    url = reverse("quizzes:live_run", args=[question_set.pk])
    response = client.post(url, {"seconds_per_question": "7"}, follow=True)
    assert "Choose a time per question" in response.content.decode()
    assert not LiveSession.objects.exists()


def test_the_projector_lists_the_nicknames_arriving_with_their_count(session, teacher):
    student(session, "Ann")
    student(session, "<b>Bob</b>")
    html = projector(teacher, session).content.decode()
    assert "<bdi>Ann</bdi>" in html and "<bdi>&lt;b&gt;Bob&lt;/b&gt;</bdi>" in html
    assert "2 students in the quiz" in html


def test_the_projector_poll_answers_304_until_someone_joins(session, teacher):
    etag = etag_of(projector(teacher, session).content.decode())
    url = reverse("quizzes:live_state", args=[session.question_set.pk])
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_IF_NONE_MATCH": etag}
    assert teacher.get(url, **headers).status_code == 304
    student(session, "Ann")
    response = teacher.get(url, **headers)
    assert response.status_code == 200 and "<bdi>Ann</bdi>" in response.content.decode()


def test_the_teacher_runs_a_question_from_show_to_next(session, teacher):
    client, ann = student(session, "Ann")
    student(session, "Bob")
    html = control(teacher, session, "show").content.decode()
    payload = slot(ann, 0).question.payload
    assert payload["prompt"]["en"] in html and "0 of 2 students have answered" in html
    assert "Close the answers" in html and key_of(ann) not in visible(html.split("live-options")[0])
    assert escape(payload["explanation"]["en"]) not in html and "The right answer" not in html
    answer(client, ann, right=True)
    html = projector(teacher, session).content.decode()
    assert "1 of 2 students have answered" in html
    html = control(teacher, session, "close", at=0).content.decode()
    assert "Answers are closed." in html and "Reveal the answer" in html
    html = control(teacher, session, "reveal", at=0).content.decode()
    assert escape(payload["explanation"]["en"]) in html and escape(key_of(ann)) in html
    assert "right answer" in html and "Next question" in html
    html = control(teacher, session, "next", at=0).content.decode()
    assert "Question 2 of 3" in html and fresh(session).step == Step.QUESTION


def test_the_reveal_draws_the_class_answers_with_their_numbers(session, teacher):
    clients = [student(session, name) for name in ("Ann", "Bob", "Cy")]
    control(teacher, session, "show")
    answer(*clients[0], right=True)
    answer(*clients[1], right=False)
    html = control(teacher, session, "reveal", at=0).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    payload = slot(clients[0][1], 0).question.payload
    key = next(o["text"]["en"] for o in payload["options"] if o["correct"])
    assert f"✔ {key} — right answer" in svg
    assert "1 (33%)" in svg  # the key, and the wrong option chosen once
    assert "No answer" in svg and svg.count("</rect>") == len(payload["options"]) + 1
    assert f"{key} (right answer): 1" in svg  # the description a screen reader reads


def test_a_plain_form_drives_the_session_too_and_the_focus_comes_back_to_it(session, teacher):
    assert "autofocus" not in projector(teacher, session).content.decode()  # a plain visit
    response = control(teacher, session, "show", htmx=False)
    assert response.status_code == 302 and fresh(session).step == Step.QUESTION
    # Without JavaScript the page loads again: the next button has the focus, for Enter.
    html = teacher.get(response["Location"]).content.decode()
    assert re.search(r'<button id="live-primary"[^>]*autofocus>Close the answers<', html)


def test_a_stale_projector_button_changes_nothing(session, teacher):
    live.live_show(session=session)
    live.live_close(session=session, at=0)
    live.live_next(session=session, at=0)
    control(teacher, session, "reveal", at=0)  # the page still showed question 1
    assert (fresh(session).step, session.position) == (Step.QUESTION, 1)


def test_hostile_control_values_change_nothing_and_are_no_error(session, teacher):
    for data in ({"action": "explode"}, {"action": "close", "at": "x"}, {"at": "-1"}, {}):
        url = reverse("quizzes:live_control", args=[session.question_set.pk])
        assert teacher.post(url, data, HTTP_HX_REQUEST="true").status_code == 200
    assert fresh(session).step == Step.LOBBY


def test_the_leaderboard_is_off_by_default_and_ranks_by_score_only(session, teacher):
    players = [student(session, name) for name in ("Ann", "Bob", "Cy", "Di", "Ed", "Flo")]
    control(teacher, session, "show")
    for index, (client, attempt) in enumerate(players):
        answer(client, attempt, right=index % 2 == 1)  # Bob, Di and Flo are right
    html = control(teacher, session, "reveal", at=0).content.decode()
    assert "Leaderboard" not in html
    html = control(teacher, session, "leaderboard_on").content.decode()
    board = html[html.index("Leaderboard") :]
    names = re.findall(r"<bdi>(\w+)</bdi>", board.split("</ol>")[0])
    ranks = re.findall(r'class="rank">(\d+)\.', board)
    assert names == ["Bob", "Di", "Flo", "Ann", "Cy"]  # five, by score then by name
    assert ranks == ["1", "1", "1", "4", "4"]


def test_end_shows_the_results_link_and_stops_polling(session, teacher):
    student(session, "Ann")
    html = control(teacher, session, "end").content.decode()
    assert "The live quiz has ended" in html and "See the results" in html
    assert 'hx-trigger="every 1s"' not in html


def test_a_live_session_ends_up_in_the_results_grid_statistics_and_csv(session, teacher):
    ann_client, ann = student(session, "Ann")
    bea_client, bea = student(session, "Bea")
    control(teacher, session, "show")
    answer(ann_client, ann, right=True)
    answer(bea_client, bea, right=False)
    control(teacher, session, "reveal", at=0)
    control(teacher, session, "end")
    question_set = session.question_set
    html = teacher.get(reverse("quizzes:set_results", args=[question_set.pk])).content.decode()
    # The attempts, with their scores, and the item analysis of the first question: half the
    # class right (facility 50 %), each option's count.
    assert re.search(r">Ann(</bdi>)?</a>.*?1 / 3", html, re.S)
    assert re.search(r">Bea(</bdi>)?</a>.*?0 / 3", html, re.S)
    items = html[html.index('id="items-title"') :]
    assert "50%" in items
    assert items.count("<strong>1</strong>") >= 2  # the key and the wrong pick, once each
    csv = teacher.get(reverse("quizzes:set_results_csv", args=[question_set.pk])).content.decode()
    assert re.search(r"Ann,.*,1,3,33\.3", csv) and re.search(r"Bea,.*,0,3,0\.0", csv)
    # The per-question grid of one student's attempt opens like any other.
    detail = teacher.get(reverse("quizzes:set_attempt", args=[question_set.pk, ann.pk]))
    assert detail.status_code == 200 and key_of(ann) in detail.content.decode()


def test_the_projector_speaks_the_teachers_language_and_shows_the_sets_questions(session):
    live.live_show(session=session)
    teacher = Client()
    teacher.force_login(session.question_set.owner)
    url = reverse("quizzes:live_projector", args=[session.question_set.pk])
    html = teacher.get("/it" + url).content.decode()
    assert "Domanda 1 di 3" in html
    question = session.questions[0]
    from quizzes.models import Question

    assert Question.objects.get(pk=question).payload["prompt"]["en"] in html  # the set's


def test_only_the_sets_owner_or_an_admin_drives_the_session(session):
    url = reverse("quizzes:live_control", args=[session.question_set.pk])
    other = Client()
    other.force_login(TeacherFactory())
    assert other.post(url, {"action": "show"}).status_code == 404
    assert fresh(session).step == Step.LOBBY
    admin = Client()
    admin.force_login(SuperUserFactory())
    assert admin.post(url, {"action": "show"}).status_code == 302
    assert fresh(session).step == Step.QUESTION


def test_phones_show_the_options_in_the_projectors_lettered_order_even_if_the_set_shuffles(
    question_bank,
):
    # The projector letters the options A, B, C...; a phone in another order would have a
    # class answering "B" to different options.
    session = live_session(kinds=("single_choice",), shuffle_options=True)
    teacher = Client()
    teacher.force_login(session.question_set.owner)
    phones = [student(session, name) for name in ("Ann", "Bob", "Cleo", "Dan")]
    live.live_show(session=session)
    texts = [o["text"]["en"] for o in slot(phones[0][1], 0).question.payload["options"]]

    def order(html: str, tag: str) -> list[str]:
        # Where each option's own element stands (a figure may also be mentioned elsewhere on
        # the page, or turn up inside a random answer token).
        return sorted(texts, key=lambda text: html.index(f"<{tag}>{escape(text)}</{tag}>"))

    shown = order(projector(teacher, session).content.decode(), "li")
    for client, attempt in phones:
        phone = client.get(reverse("quizzes:live", args=[attempt.pk])).content.decode()
        assert order(phone, "span") == shown
