"""The teacher's results of a set that allows several attempts: each student's final grade by
the set's grading method, statistics on first attempts (or all), discriminative efficiency,
the grid of students by questions, the CSV, and attempts that came from one browser."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import selectors
from quizzes.models import QuestionSet
from tests.factories import UserFactory
from tests.quizzes.teacher import PARTLY, published_set, take

pytestmark = pytest.mark.django_db

KINDS = ("single_choice", "true_false", "numeric")


@pytest.fixture
def retakes(question_bank):
    """Three one-point questions, three attempts each. Ann: 0/3, 3/3, 2/3; Bob: 3/3."""
    question_set = published_set(kinds=KINDS, attempts_allowed=3)
    take(question_set, "Ann", [False, False, False])
    take(question_set, "Ann", [True, True, True])
    take(question_set, "Ann", [True, True, False])
    take(question_set, "Bob", [True, True, True])
    return question_set


def page(client, question_set, **params) -> str:
    client.force_login(question_set.owner)
    url = reverse("quizzes:set_results", args=[question_set.pk])
    return client.get(url, params).content.decode()


def section(html: str, title_id: str) -> str:
    start = html.index(f'id="{title_id}"')
    return html[start : html.index("</section>", start)]


def grade_row(html: str, name: str) -> str:
    grades = section(html, "grades-title")
    return re.search(rf"<tr>\s*<th scope=\"row\"><bdi>{name}</bdi>.*?</tr>", grades, re.S)[0]


def csv_rows(client, question_set) -> list[list[str]]:
    client.force_login(question_set.owner)
    response = client.get(reverse("quizzes:set_results_csv", args=[question_set.pk]))
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("method", "grade"),
    [("highest", "100.0%"), ("first", "0.0%"), ("last", "66.7%"), ("average", "55.6%")],
)
def test_each_students_grade_follows_the_sets_grading_method(retakes, client, method, grade):
    # Ann's shares 0, 1 and 2/3: the highest 1, the first 0, the last 2/3, the average 5/9.
    QuestionSet.objects.filter(pk=retakes.pk).update(grading_method=method)
    html = page(client, retakes)
    ann = grade_row(html, "Ann")
    assert f"<strong>{grade}</strong>" in ann
    assert "<td>3</td>" in ann  # attempts
    assert ann.count("/attempts/") == 3  # a link to each attempt
    assert "<strong>100.0%</strong>" in grade_row(html, "Bob")


def test_the_attempt_that_gives_the_grade_is_marked(retakes, client):
    ann = grade_row(page(client, retakes), "Ann")
    items = re.findall(r"<li>.*?</li>", ann, re.S)
    assert ["(gives the grade)" in item for item in items] == [False, True, False]


def test_unfinished_and_removed_attempts_give_no_grade(retakes, client):
    take(retakes, "Cleo", [True], finish=False)  # immediate feedback: in progress after one
    best = retakes.attempts.get(nickname="Ann", score=3)
    retakes.attempts.filter(pk=best.pk).update(removed=True)
    html = page(client, retakes)
    assert "<strong>66.7%</strong>" in grade_row(html, "Ann")  # highest of 0 and 2/3
    assert "no finished attempt yet" in grade_row(html, "Cleo")


def test_a_logged_in_students_attempts_under_two_nicknames_are_one_student(question_bank, client):
    question_set = published_set(kinds=KINDS, attempts_allowed=3)
    pupil = UserFactory(username="pupil")
    take(question_set, "Ann", [True, False, False], browser="school-pc", user=pupil)
    take(question_set, "Annie", [True, True, False], browser="home-laptop", user=pupil)
    html = page(client, question_set)
    ann = grade_row(html, "Ann")
    assert "also as <bdi>Annie</bdi> (one account)" in ann
    assert "<td>2</td>" in ann and "<strong>66.7%</strong>" in ann
    assert "<bdi>Annie</bdi></th>" not in section(html, "grades-title")


def test_statistics_count_each_students_first_finished_attempt_by_default(retakes, client):
    take(retakes, "Cleo", [True], finish=False)
    results = selectors.set_results(retakes)
    # First attempts: Ann 0/3 and Bob 3/3.
    assert results.summary.count == 2 and results.summary.mean == pytest.approx(1.5)
    assert [item.facility for item in results.items] == [0.5, 0.5, 0.5]
    # Option counts and "answered" count the same two attempts (not Cleo's, in progress).
    first = results.items[0]
    assert first.answered == 2 and sum(o.count for o in first.options) == 2
    html = page(client, retakes)
    rule = "Statistics on each student's first finished attempt: 2 attempts of 4 finished."
    assert rule in html
    assert "Attempts counted</dt><dd>2</dd>" in html
    assert "Answered in 2 of 2 attempts (one left blank counts as 0)" in section(
        html, "items-title"
    )


def test_a_link_switches_the_statistics_to_all_finished_attempts(retakes, client):
    take(retakes, "Cleo", [True], finish=False)
    html = page(client, retakes)
    assert 'href="?sort=-started&amp;attempts=all">Count all finished attempts</a>' in html
    results = selectors.set_results(retakes, statistics_on="all")
    # All four: 0, 3, 2 and 3 points.
    assert results.summary.count == 4 and results.summary.mean == pytest.approx(2.0)
    assert [item.facility for item in results.items] == [0.75, 0.75, 0.5]
    assert results.items[0].answered == 4
    html = page(client, retakes, attempts="all")
    assert "Statistics on all finished attempts: 4 attempts." in html
    assert "Attempts counted</dt><dd>4</dd>" in html
    # The live poll, the sort links and the switch back keep the choice.
    assert re.search(r'hx-get="[^"]*attempts=all&amp;seen=', html)
    assert 'href="?sort=nickname&amp;attempts=all"' in html
    assert "Count only each student's first attempt" in html


def test_an_unknown_statistics_choice_falls_back_to_first_attempts(retakes, client):
    html = page(client, retakes, attempts="<script>")
    assert "Attempts counted</dt><dd>2</dd>" in html and "<script>" not in html


def test_the_page_shows_discriminative_efficiency_beside_discrimination(question_bank, client):
    # Four one-point questions; question 1 scores 1 0 1 0 against rests 3 2 1 0: efficiency
    # 0.5 (test_statistics has the sums), discrimination 1/sqrt(5) = 0.45.
    question_set = published_set(kinds=(*KINDS, "multiple_response"))
    for name, outcomes in (
        ("A", [True, True, True, True]),
        ("B", [False, True, True, False]),
        ("C", [True, True, False, False]),
        ("D", [False, False, False, False]),
    ):
        take(question_set, name, outcomes)
    results = selectors.set_results(question_set)
    assert results.items[0].efficiency == pytest.approx(0.5)
    items = section(page(client, question_set), "items-title")
    assert "<td>0.45</td>\n      <td>50%</td>" in items
    assert "Efficiency</th>" in items and "not flagged for its facility alone" in items


def test_the_grid_shows_each_attempts_result_on_each_question_in_words_too(question_bank, client):
    question_set = published_set(
        kinds=(*KINDS, "multiple_response"), behaviour="deferred", attempts_allowed=2
    )
    take(question_set, "Ann", [True, False, None, PARTLY])
    grid = section(page(client, question_set), "grid-title")
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", grid, re.S)[0]
    cells = re.findall(r'<td class="cell (\w+)">(.*?)</td>', row, re.S)
    assert [state for state, _ in cells] == ["right", "wrong", "unanswered", "partly"]
    texts = [re.sub(r"<[^>]+>", " ", content).split() for _, content in cells]
    partly_points = texts[3][-1]
    assert texts[0] == ["✔", "right", "1"] and texts[1] == ["✘", "wrong", "0"]
    assert texts[2] == ["–", "not", "answered"]
    assert texts[3][:3] == ["◐", "partly", "right"] and partly_points in ("0.5", "0.33", "0.25")
    assert 'aria-hidden="true">Q1</span><span class="visually-hidden">Question 1</span>' in grid
    # The CSV: one column per question, numbered as on the page, rounded as on the page.
    header, ann = csv_rows(client, question_set)
    assert header[-4:] == [f"Q{n} (out of 1)" for n in (1, 2, 3, 4)]
    assert ann[-4:] == ["1", "0", "", partly_points]
    # The score and the percentage too: 1 + 1/3 is 1.33 on both, not 1.33333 in the file.
    score, percentage = ann[3], ann[5]
    assert score == f"{1 + float(partly_points):.2f}".rstrip("0").rstrip(".")
    attempts = section(page(client, question_set), "attempts-title")
    assert f"{score} / 4 ({percentage}%)" in attempts


def test_the_grid_lists_every_attempt_of_a_student_and_marks_one_in_progress(retakes, client):
    take(retakes, "Cleo", [True], finish=False)
    grid = section(page(client, retakes), "grid-title")
    assert grid.count("<bdi>Ann</bdi>") == 3
    assert "attempt 1" in grid and "attempt 3" in grid
    cleo = re.search(r"<bdi>Cleo</bdi>.*?</tr>", grid, re.S)[0]
    assert "in progress" in cleo and cleo.count('class="cell unanswered"') == 2


def test_the_csv_has_each_attempt_with_its_number_and_the_students_grade(retakes, client):
    QuestionSet.objects.filter(pk=retakes.pk).update(grading_method="average")
    header, *rows = csv_rows(client, retakes)
    assert header[:10] == ["Nickname", "Started", "Finished", "Score", "Out of", "Percentage",
                           "Time (seconds)", "State", "Attempt", "Grade (%)"]  # fmt: skip
    table = [(row[0], row[3], row[8], row[9], row[10:]) for row in rows]
    assert table == [
        ("Ann", "0", "1", "55.6", ["0", "0", "0"]),
        ("Ann", "3", "2", "55.6", ["1", "1", "1"]),
        ("Ann", "2", "3", "55.6", ["1", "1", "0"]),
        ("Bob", "3", "1", "100.0", ["1", "1", "1"]),
    ]
    # The page rounds the grade the same way.
    assert "<strong>55.6%</strong>" in grade_row(page(client, retakes), "Ann")


def test_attempts_under_other_nicknames_from_one_browser_are_pointed_out(question_bank, client):
    question_set = published_set(kinds=KINDS, attempts_allowed=2)
    take(question_set, "Dmitri", [False, False, False], browser="one-browser-token")
    take(question_set, "Dima", [True, True, True], browser="one-browser-token")
    take(question_set, "Bob", [True, False, False])
    html = page(client, question_set)
    assert "same browser as <bdi>Dima</bdi>" in grade_row(html, "Dmitri")
    assert "same browser as <bdi>Dmitri</bdi>" in grade_row(html, "Dima")
    assert "same browser" not in grade_row(html, "Bob")
    attempts = section(html, "attempts-title")
    assert attempts.count("same browser as") == 2
    assert "one-browser-token" not in html  # the token itself is never shown


def test_the_live_poll_swaps_nothing_while_nothing_changes(retakes, client):
    client.force_login(retakes.owner)
    url = reverse("quizzes:set_results", args=[retakes.pk])
    version = selectors.set_results(retakes).version
    assert selectors.results_version(retakes) == version  # the poll's cheap check agrees
    with CaptureQueriesContext(connection) as queries:
        unchanged = client.get(url, {"seen": version}, HTTP_HX_REQUEST="true")
    assert unchanged.status_code == 204 and unchanged.content == b""
    # The session and the teacher, the set, then the fingerprint alone: no results loaded.
    assert not any("quizzes_attemptquestion" in q["sql"] for q in queries.captured_queries)
    take(retakes, "Bob", [True, False, True])
    changed = client.get(url, {"seen": version}, HTTP_HX_REQUEST="true")
    assert changed.status_code == 200 and changed.content.decode().lstrip().startswith(
        '<div id="live"'
    )
    # Without htmx (a plain reload) the page is always whole.
    assert client.get(url, {"seen": selectors.set_results(retakes).version}).status_code == 200


def test_the_italian_page_writes_the_csvs_numbers_with_a_decimal_comma(retakes, client):
    QuestionSet.objects.filter(pk=retakes.pk).update(grading_method="average")
    client.force_login(retakes.owner)
    html = client.get(f"/it{reverse('quizzes:set_results', args=[retakes.pk])}").content.decode()
    assert "<strong>55,6%</strong>" in html  # 55.6 in the CSV
    assert "(66,7%)" in html  # Ann's third attempt, 66.7 in the CSV
