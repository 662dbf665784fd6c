"""Students join a set by code; the teacher reads the results, the statistics and the CSV."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes import teaching
from quizzes.models import Attempt, QuestionSet
from quizzes.views import limits
from tests.factories import TeacherFactory
from tests.quizzes.student import answer_data
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_set(question_bank):
    return published_set(kinds=("single_choice", "true_false", "numeric"), time_limit_minutes=10)


def join(client, code, nickname="Ann", expect_status=(200, 302)):
    client.get("/")
    response = client.post(reverse("quizzes:join_set", args=[code]), {"nickname": nickname})
    assert response.status_code in expect_status
    return response


def finish(client, attempt, rights):
    for position, right in enumerate(rights):
        client.post(
            reverse("quizzes:answer", args=[attempt.pk]),
            answer_data(attempt, position, right=right),
        )
    attempt.refresh_from_db()
    return attempt


def attempts_table(response) -> str:
    """The sortable table of attempts on the results page."""
    html = response.content.decode()
    start = html.index('id="attempts-title"')
    return html[start : html.index("</table>", start)]


def test_a_good_code_leads_to_the_set_and_its_settings(open_set, client):
    response = client.post(reverse("quizzes:join"), {"code": open_set.code.lower()})
    assert response["Location"] == reverse("quizzes:join_set", args=[open_set.code])
    html = client.get(response["Location"]).content.decode()
    assert open_set.title in html and "3 questions" in html and "Time limit: 10 minutes" in html


def test_codes_are_case_insensitive_in_links_too(open_set, client):
    assert client.get(reverse("quizzes:join_set", args=[open_set.code.lower()])).status_code == 200


def test_joining_starts_an_attempt_under_the_sets_settings(open_set, client):
    response = join(client, open_set.code)
    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("quizzes:take", args=[attempt.pk])
    assert attempt.question_set == open_set and attempt.question_count == 3
    assert (
        attempt.deadline and 590 <= (attempt.deadline - attempt.started_at).total_seconds() <= 600
    )


def test_an_unknown_code_link_says_so(open_set, client):
    response = client.get(reverse("quizzes:join_set", args=["ZZZZZZ"]))
    assert response.status_code == 404
    assert "No quiz has the code ZZZZZZ" in response.content.decode()


def test_a_closed_set_refuses_to_start(open_set, client):
    QuestionSet.objects.filter(pk=open_set.pk).update(status="closed")
    html = client.get(reverse("quizzes:join_set", args=[open_set.code])).content.decode()
    assert "This quiz is closed" in html and 'name="nickname"' not in html
    join(client, open_set.code)
    assert not Attempt.objects.exists()


def test_a_set_before_its_opening_time_refuses_to_start(open_set, client):
    QuestionSet.objects.filter(pk=open_set.pk).update(
        opens_at=timezone.now() + datetime.timedelta(hours=2)
    )
    html = client.get(reverse("quizzes:join_set", args=[open_set.code])).content.decode()
    assert "This quiz opens on" in html
    join(client, open_set.code)
    assert not Attempt.objects.exists()


def test_a_set_after_its_closing_time_refuses_to_start(open_set, client):
    QuestionSet.objects.filter(pk=open_set.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert (
        "This quiz closed on"
        in client.get(reverse("quizzes:join_set", args=[open_set.code])).content.decode()
    )


def test_a_nickname_taken_by_another_student_is_refused_politely(open_set, client):
    join(client, open_set.code, "Ann")
    other = Client()
    html = join(other, open_set.code, "ann").content.decode()
    assert "Someone in this quiz already uses the nickname “ann”; choose another." in html
    assert Attempt.objects.count() == 1


def test_a_nickname_is_kept_with_single_spaces_and_a_blank_one_is_refused(open_set, client):
    join(client, open_set.code, "  Ann   Maria ")
    assert Attempt.objects.get().nickname == "Ann Maria"
    html = join(Client(), open_set.code, "   ").content.decode()
    assert "Choose a nickname to start." in html
    assert Attempt.objects.count() == 1


def test_attempts_allowed_are_counted_per_student(open_set, client):
    QuestionSet.objects.filter(pk=open_set.pk).update(attempts_allowed=2)
    for _ in range(2):
        join(client, open_set.code, "Ann")
    html = join(client, open_set.code, "Ann").content.decode()
    assert "You have used all your 2 attempts at this quiz." in html
    assert Attempt.objects.count() == 2


def test_guessing_codes_gets_a_clear_wait_message_and_a_real_student_still_joins(
    open_set, client, settings
):
    statuses = [
        client.post(reverse("quizzes:join"), {"code": f"WRONG{n}"}).status_code for n in range(30)
    ]
    limit = limits.CODES_PER_BROWSER["limit"]
    assert statuses[:limit] == [200] * limit and set(statuses[limit:]) == {429}
    response = client.post(reverse("quizzes:join"), {"code": open_set.code})
    assert response.status_code == 429
    assert "You have typed too many wrong codes. Wait " in response.content.decode()
    student = Client()  # a classmate at the same address
    assert join(student, open_set.code).status_code == 302


def test_the_results_page_shows_every_attempt_with_its_score(open_set, client):
    students = {}
    for nickname, rights in (("Ann", [True, True, True]), ("Bob", [True, False, False])):
        browser = Client()
        join(browser, open_set.code, nickname)
        students[nickname] = finish(browser, Attempt.objects.get(nickname=nickname), rights)
    client.force_login(open_set.owner)
    html = client.get(reverse("quizzes:set_results", args=[open_set.pk])).content.decode()
    assert "Ann" in html and "3 / 3 (100.0%)" in html
    assert "Bob" in html and "1 / 3 (33.3%)" in html
    assert "<svg" in html and "Score distribution" in html
    assert "Mean</dt><dd>2.00 / 3" in html


def test_the_results_are_sortable_and_refresh_as_a_partial(open_set, client):
    for nickname, rights in (("Zoe", [True, True, True]), ("Al", [False, False, False])):
        browser = Client()
        join(browser, open_set.code, nickname)
        finish(browser, Attempt.objects.get(nickname=nickname), rights)
    client.force_login(open_set.owner)
    url = reverse("quizzes:set_results", args=[open_set.pk])
    by_name = attempts_table(client.get(url, {"sort": "nickname"}))
    assert by_name.index(">Al<") < by_name.index(">Zoe<")
    by_score = attempts_table(client.get(url, {"sort": "-score"}))
    assert by_score.index(">Zoe<") < by_score.index(">Al<")
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="live"') and 'hx-trigger="every 5s"' in partial


def test_item_analysis_matches_hand_computed_values(open_set, client):
    # Four students on three one-point questions: 111, 101, 001, 000 (see test_statistics).
    for nickname, rights in (
        ("A", [1, 1, 1]),
        ("B", [1, 0, 1]),
        ("C", [0, 0, 1]),
        ("D", [0, 0, 0]),
    ):
        browser = Client()
        join(browser, open_set.code, nickname)
        finish(browser, Attempt.objects.get(nickname=nickname), [bool(r) for r in rights])
    client.force_login(open_set.owner)
    from quizzes.selectors import set_results

    results = set_results(open_set)
    assert [round(i.facility, 4) for i in results.items] == [0.5, 0.25, 0.75]
    assert [round(i.discrimination, 4) for i in results.items] == [0.7071, 0.5222, 0.5222]
    assert results.summary.alpha == pytest.approx(0.75)
    html = client.get(reverse("quizzes:set_results", args=[open_set.pk])).content.decode()
    assert "Cronbach's alpha</dt><dd>0.75" in html
    choice = results.items[0]
    assert sum(o.count for o in choice.options) == 4 and [
        o.count for o in choice.options if o.correct
    ] == [2]


def test_the_results_page_costs_the_same_queries_for_any_class_size(
    open_set, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(open_set.owner)
    url = reverse("quizzes:set_results", args=[open_set.pk])
    counts = []
    for size in (1, 6):
        while open_set.attempts.count() < size:
            browser = Client()
            join(browser, open_set.code, f"S{open_set.attempts.count()}")
            finish(browser, open_set.attempts.latest("started_at"), [True, False, True])
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_csv_export_opens_in_a_spreadsheet_with_italian_names_intact(open_set, client):
    browser = Client()
    join(browser, open_set.code, "Nikolaj Čcheidze")
    finish(browser, Attempt.objects.get(), [True, True, False])
    client.force_login(open_set.owner)
    response = client.get(reverse("quizzes:set_results_csv", args=[open_set.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Nickname", "Started", "Finished", "Score"]
    assert rows[1][0] == "Nikolaj Čcheidze" and rows[1][3:6] == ["2", "3", "66.7"]


@pytest.mark.parametrize(
    "nickname", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(1+1)", "\tTab"]
)
def test_a_nickname_never_becomes_a_spreadsheet_formula(open_set, client, nickname):
    teaching.set_start(question_set=open_set, nickname=nickname, owner_token="formula")
    client.force_login(open_set.owner)
    response = client.get(reverse("quizzes:set_results_csv", args=[open_set.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + nickname


def test_the_teacher_reads_a_students_answers_question_by_question(open_set, client):
    browser = Client()
    join(browser, open_set.code, "Ann")
    attempt = finish(browser, Attempt.objects.get(), [True, False, True])
    client.force_login(open_set.owner)
    html = client.get(
        reverse("quizzes:set_attempt", args=[open_set.pk, attempt.pk])
    ).content.decode()
    assert html.count('class="review-item') == 3 and "The right answer" in html


def test_a_teacher_of_another_set_cannot_read_these_results(open_set, client):
    client.force_login(TeacherFactory(username="other"))
    assert client.get(reverse("quizzes:set_results_csv", args=[open_set.pk])).status_code == 404


def test_the_same_browser_under_another_nickname_gets_no_extra_attempt(open_set, client):
    """Probe 3 of issue 15: attempts were counted per nickname only, so the same browser
    joined again as someone else after reading the key. They count per browser too."""
    QuestionSet.objects.filter(pk=open_set.pk).update(attempts_allowed=1)
    join(client, open_set.code, "Ann")
    html = join(client, open_set.code, "Someone Else").content.decode()
    assert "You have used your one attempt at this quiz." in html
    assert Attempt.objects.count() == 1


def test_a_logged_in_student_in_another_browser_gets_no_extra_attempt(open_set):
    """Probe 3, the other way round: a new browser (another computer, a private window) under
    a new nickname, logged in to the same account."""
    from tests.factories import UserFactory

    QuestionSet.objects.filter(pk=open_set.pk).update(attempts_allowed=1)
    pupil = UserFactory()
    first, second = Client(), Client()
    first.force_login(pupil)
    second.force_login(pupil)
    join(first, open_set.code, "Ann")
    html = join(second, open_set.code, "Ann Again").content.decode()
    assert "You have used your one attempt at this quiz." in html
    assert Attempt.objects.count() == 1


def test_another_student_in_another_browser_still_joins(open_set, client):
    QuestionSet.objects.filter(pk=open_set.pk).update(attempts_allowed=1)
    join(client, open_set.code, "Ann")
    assert join(Client(), open_set.code, "Boris").status_code == 302
    assert Attempt.objects.count() == 2


def test_the_xlsx_export_has_the_csvs_columns_with_numbers_as_numbers(open_set, client):
    import openpyxl

    browser = Client()
    join(browser, open_set.code, "Nikolaj Čcheidze")
    finish(browser, Attempt.objects.get(), [True, True, False])
    teaching.set_start(question_set=open_set, nickname="=HYPERLINK(1)", owner_token="formula")
    client.force_login(open_set.owner)
    response = client.get(reverse("quizzes:set_results_xlsx", args=[open_set.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith(f'results-{open_set.code}.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("quizzes:set_results_csv", args=[open_set.pk])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0] == csv_rows[0]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Nikolaj Čcheidze"][3:6] == [2, 3, 66.7]  # numbers a spreadsheet sums
    assert by_name["'=HYPERLINK(1)"][0] == "'=HYPERLINK(1)"  # text, never a formula
    assert len(rows) == len(csv_rows)
