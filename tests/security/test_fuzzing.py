"""Hostile and random input to every form and htmx endpoint: never a server error, never markup.

Each example is one request whose changes are rolled back (scene.rolled_back), so examples do
not pile up rate-limit counters, lock-outs or attempts. Values are random unicode, the usual
SQL and HTML/JS payloads, NUL bytes, right-to-left marks, emoji, strings up to ~100 KB, lists
where a single value belongs, and missing fields, mixed with plausible values so that the
fuzzing reaches past the first validation.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conference.models import Event, Person
from quizzes import services, teaching
from quizzes.models import Attempt, Question
from quizzes.services import bank_refresh
from tests.factories import QuestionSetFactory
from tests.quizzes.student import answer_data, set_session, shown
from tests.security.scene import STUDENT_A, failure, rolled_back

pytestmark = pytest.mark.django_db

# No shrinking: a failure is reported with the example that found it (with its traceback in
# the message), and shrinking 100 KB strings would take minutes.
FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SQL = ["' OR 1=1 --", "'); DROP TABLE quizzes_question; --", "1; SELECT * FROM auth_user"]
HTML = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b onmouseover=alert(1)>x</b>",
    "javascript:alert(1)",
]
ODD = [
    "\u202e<script>alert(1)</script>\u200f",  # right-to-left override and mark
    "\u200f\u202bمؤتمر السوفييتات",
    "\x00",
    "nul\x00byte",
    "😀🇮🇹👩‍👩‍👧",
    "{{ 7|add:7 }}{% debug %}",
    "\r\nSet-Cookie: pwned=1",
    "../../../etc/passwd",
    "%00%27",
    "",
    " ",
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999",
    "-99999999999999999999",
]
HOSTILE = SQL + HTML + ODD
# What must never reach a page unescaped (compared in lower case: codes are upper-cased).
RAW_MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b onmouseover=alert(1)>",
)


def _huge(unit: str, kilobytes: int) -> str:
    return unit * max(1, kilobytes * 1024 // len(unit.encode()))


huge = st.builds(
    _huge,
    st.sampled_from(["<script>alert(1)</script>", "é", "😀", "\x00", "A"]),
    st.integers(1, 100),
)
scalars = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40), st.integers().map(str), huge)
values = st.one_of(scalars, st.lists(scalars, max_size=3))  # a list where one value belongs
extra_fields = st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), values, max_size=2)


def form(**fields) -> st.SearchStrategy[dict]:
    """Any subset of the fields (the others are missing), each plausible or hostile, and maybe
    a field the form does not know."""
    optional = {name: st.one_of(plausible, values) for name, plausible in fields.items()}
    return st.builds(
        lambda a, b: {**b, **a}, st.fixed_dictionaries({}, optional=optional), extra_fields
    )


def check(response, what: str) -> None:
    assert response.status_code < 500, f"{what} answered {failure(response)}"
    body = response.content.decode("utf-8", "replace").lower()
    for raw in RAW_MARKUP:
        assert raw not in body, f"{what}: the page holds the raw markup {raw!r}"


def send(client, method: str, url: str, data: dict, *, htmx: bool = False):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = rolled_back(client, method, url, data, **headers)
    shown_url = url if len(url) <= 200 else f"{url[:200]}…({len(url)} characters)"
    check(response, f"{method} {shown_url} (htmx={htmx}) with {data!r:.400}")
    return response


def fresh_client() -> Client:
    return Client(raise_request_exception=False)


@pytest.fixture
def scene(shared_scene):
    """The module's scene; its clients report server errors as responses, not exceptions."""
    for client in shared_scene.clients.values():
        client.raise_request_exception = False
    return shared_scene


# -- students ------------------------------------------------------------------------------

TOPICS = ["", "composition", "people", "bodies", "resolutions", "chronology"]


@FUZZ
@given(
    data=form(
        nickname=st.just("Ann"),
        length=st.sampled_from(["5", "10", "20"]),
        topic=st.sampled_from(TOPICS),
        language=st.sampled_from(["en", "it"]),
        time_limit=st.sampled_from(["", "5", "20"]),
        behaviour=st.sampled_from(["immediate", "deferred"]),
    )
)
@example(data={"nickname": "<script>alert(1)</script>", "length": ["5", "10"], "topic": "x"})
@example(
    data={
        "nickname": "'); DROP TABLE quizzes_question; --",
        "length": "5",
        "language": "en",
        "behaviour": "immediate",
    }
)
def test_the_practice_start_form_survives_hostile_input(scene, data):
    send(fresh_client(), "post", reverse("quizzes:start"), data)


@FUZZ
@given(code=st.one_of(st.just("REAL"), scalars), lower=st.booleans())
@example(code="<b>x</b>", lower=False)
@example(code="' OR 1=1 --", lower=False)
def test_joining_by_code_survives_hostile_codes(scene, code, lower):
    code = scene.question_set.code if code == "REAL" else code
    send(fresh_client(), "post", reverse("quizzes:join"), {"code": code.lower() if lower else code})


@FUZZ
@given(
    code=st.one_of(st.just("REAL"), scalars),
    method=st.sampled_from(["get", "post"]),
    data=form(nickname=st.just("Ann")),
)
@example(code="REAL", method="post", data={"nickname": "<script>alert(1)</script>"})
@example(code='"><img src=x onerror=alert(1)>', method="get", data={})
@example(code="é" * 30_000, method="get", data={})  # see test_a_very_long_code_in_a_join_link_...
def test_a_sets_join_page_survives_hostile_codes_and_nicknames(scene, code, method, data):
    code = scene.question_set.code if code == "REAL" else code
    send(fresh_client(), method, f"/join/{quote(code, safe='')}/", data)


KINDS = (
    "single_choice",
    "multiple_response",
    "true_false",
    "numeric",
    "short_answer",
    "ordering",
    "matching",
)


@pytest.fixture
def attempts(scene):
    """For every kind of question, an attempt of student A's on it (and one more question),
    half with immediate feedback, half deferred."""
    found = {}
    filler = Question.objects.active().filter(kind="true_false").order_by("-uid").first()
    for number, kind in enumerate(KINDS):
        question = Question.objects.active().filter(kind=kind).order_by("uid").first()
        found[kind] = services.attempt_start(
            questions=[question, filler],
            nickname="Ann",
            language="en",
            owner_token=STUDENT_A,
            behaviour="immediate" if number % 2 else "deferred",
        )
    return found


# Answers are drawn with placeholders for the attempt's own tokens ("@token3", "@left1",
# "@items" for all the items of an ordering question), filled in once the attempt exists.
TOKEN = st.integers(0, 7).map(lambda n: f"@token{n}")
ANSWER = st.builds(
    lambda position, rest: {**rest, **({"position": position} if position is not None else {})},
    # Mostly the current position, so that the answer itself gets checked; sometimes none.
    st.builds(
        lambda pick, hostile: hostile if pick == "hostile" else pick,
        st.sampled_from(["0"] * 6 + [" 0 ", "٠", "+0", "1", None, "hostile", "hostile"]),
        values,
    ),
    form(
        answer=st.one_of(
            TOKEN, st.lists(TOKEN, max_size=4), st.sampled_from(["139", "13,5", "Lenin"])
        ),
        order=st.one_of(
            st.sampled_from([["@items"], ["@items_reversed"]]), st.lists(TOKEN, max_size=6)
        ),
        move=st.builds(lambda way, t: f"{way}:{t}", st.sampled_from(["up", "down", "x"]), TOKEN),
        pairs=st.just("@pairs"),
        # Deferred feedback's buttons: where to go after saving, flag, time up.
        go=st.sampled_from(
            ["next", "previous", "summary", "submit", "2", "0", "99999999999999999999", "x"]
        ),
        flagged=st.sampled_from(["on", "", "yes"]),
        timeup=st.sampled_from(["1", ""]),
    ),
)


def answer_url(attempt) -> str:
    """Where the attempt's answers go: one question after another, or deferred's save."""
    name = "quizzes:save" if attempt.behaviour == "deferred" else "quizzes:answer"
    return reverse(name, args=[attempt.pk])


def filled(data: dict, attempt) -> dict:
    """The drawn answer in the attempt's own tokens."""
    question = shown(attempt, 0)
    tokens = [c.token for c in (*question.choices, *question.items, *question.rights)] or ["o1"]
    lefts = [left.token for left in question.lefts] or ["x"]
    items = [item.token for item in question.items] or ["x"]

    def fill(value):
        if isinstance(value, list):
            if value in (["@items"], ["@items_reversed"]):
                return items if value == ["@items"] else items[::-1]
            return [fill(v) for v in value]
        return re.sub(r"@token(\d)", lambda m: tokens[int(m[1]) % len(tokens)], value)

    result = {key: fill(value) for key, value in data.items() if key != "pairs"}
    if data.get("pairs") == "@pairs":  # a match for every left item, some of them wrong
        result.update({f"pair_{left}": tokens[n % len(tokens)] for n, left in enumerate(lefts)})
    elif "pairs" in data:
        result[f"pair_{lefts[0]}"] = fill(data["pairs"])
    return result


@FUZZ
@given(data=ANSWER, kind=st.sampled_from(KINDS), htmx=st.booleans())
@example(
    data={"position": "99999999999999999999", "answer": "@token0"}, kind="single_choice", htmx=False
)  # the bug of test_a_huge_position_in_an_answer_is_not_a_server_error
@example(
    data={"position": "0", "order": ["@items"], "move": "up:@token1"}, kind="ordering", htmx=True
)
@example(data={"position": "0", "pairs": "@pairs"}, kind="matching", htmx=True)
def test_the_answer_endpoint_survives_hostile_answers(scene, attempts, data, kind, htmx):
    attempt = attempts[kind]
    url = answer_url(attempt)
    send(scene.clients["attempt_owner"], "post", url, filled(data, attempt), htmx=htmx)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
@pytest.mark.parametrize("kind", ["single_choice", "multiple_response"], ids=["answer", "save"])
@pytest.mark.parametrize(
    "position",
    ["99999999999999999999", "-99999999999999999999", "9" * 400],
    ids=["20 digits", "minus 20 digits", "400 digits"],
)
def test_a_huge_position_in_an_answer_is_not_a_server_error(scene, attempts, position, htmx, kind):
    """int() accepts any size, and SQLite cannot hold one past 64 bits (OverflowError, once a
    500): quizzes/selectors.py drops positions no slot can have. Anyone could trigger it, on
    any attempt id, owner or not."""
    attempt = attempts[kind]
    url = answer_url(attempt)
    data = {**answer_data(attempt, 0), "position": position}
    for client in (scene.clients["attempt_owner"], fresh_client()):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = rolled_back(client, "post", url, data, **headers)
        assert response.status_code in (404, 409), (
            f"POST {url} position={position[:30]}… answered {failure(response)}"
        )


@pytest.mark.parametrize(
    "code", ["A" * 50_001, "é" * 30_000], ids=["50001 letters", "30000 accents"]
)
def test_a_very_long_code_in_a_join_link_is_not_a_server_error(scene, code):
    """The code is looked up with code__iexact, which SQLite runs as LIKE, and a pattern over
    50,000 bytes raised "LIKE or GLOB pattern too complex" (once a 500): anything that is not
    a code is now refused before the query. (gunicorn's 4094-byte request line hides it.)"""
    url = f"/join/{quote(code)}/"
    response = rolled_back(fresh_client(), "get", url)
    assert response.status_code in (404, 429), (
        f"GET /join/<{len(code)} characters>/ answered {failure(response)}"
    )


@pytest.mark.parametrize("code", ["\x00", "AB\x00CD"], ids=["NUL", "NUL inside"])
def test_a_nul_byte_in_a_join_link_is_not_a_server_error(scene, code):
    """PostgreSQL refuses NUL in text parameters (DataError -> 500) where SQLite does not:
    the join link hands its code to the database unchecked (fails in the PostgreSQL pass)."""
    url = f"/join/{quote(code)}/"
    response = rolled_back(fresh_client(), "get", url)
    assert response.status_code in (404, 429), f"GET {url} answered {failure(response)}"


@pytest.mark.parametrize("owner", [True, False], ids=["owner", "stranger"])
def test_a_huge_question_number_in_a_feedback_url_is_not_a_server_error(scene, owner):
    """The <int:number> converter takes any size, and number-1 once reached SQLite
    (OverflowError, a 500) for any attempt id, owned or not."""
    client = scene.clients["attempt_owner"] if owner else fresh_client()
    url = f"/quiz/{scene.current.pk}/feedback/{'9' * 20}/"
    response = rolled_back(client, "get", url)
    assert response.status_code == 404, f"GET {url} answered {failure(response)}"


# -- teachers ------------------------------------------------------------------------------

DATES = [
    "2030-01-01T10:00",
    "2020-05-01 08:30",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "2024-02-30T10:00",
    "1917-04-11T10:00",
]


@FUZZ
@given(
    data=form(
        title=st.just("Quiz"),
        description=st.just(""),
        language=st.sampled_from(["en", "it"]),
        time_limit_minutes=st.just("10"),
        shuffle_questions=st.just("on"),
        shuffle_options=st.just("on"),
        behaviour=st.sampled_from(["immediate", "deferred", "interactive", "other"]),
        tries=st.sampled_from(["3", "1", "99999999999999999999", "-2", "x"]),
        penalty=st.sampled_from([str(1 / 3), "0.5", "0.25", "-1", "nan", "inf"]),
        grace_seconds=st.sampled_from(["60", "0", "601", "99999999999999999999", "1e3"]),
        attempts_allowed=st.just("1"),
        grading_method=st.sampled_from(["highest", "average", "median", ""]),
        points_per_question=st.just("1"),
        opens_at=st.sampled_from(DATES),
        closes_at=st.sampled_from(DATES),
    ),
    htmx=st.booleans(),
)
@example(
    data={
        "title": "<script>alert(1)</script>",
        "description": '"><img src=x onerror=alert(1)>',
        "language": "en",
        "behaviour": "immediate",
        "attempts_allowed": "1",
        "points_per_question": "1",
    },
    htmx=False,
)
@example(
    data={
        "title": "Quiz",
        "language": "en",
        "behaviour": "immediate",
        "attempts_allowed": "1",
        "points_per_question": "1",
        "opens_at": DATES[2],
    },
    htmx=True,
)  # the bug of test_an_opening_time_in_the_year_one_is_refused_...
def test_the_set_settings_form_survives_hostile_input(scene, data, htmx):
    url = reverse("quizzes:set_edit", args=[scene.question_set.pk])
    send(scene.clients["set_owner"], "post", url, data, htmx=htmx)


def test_an_opening_time_in_the_year_one_is_refused_not_a_server_error(scene):
    """The settings form once accepted 0001-01-01T00:00; in Europe/Rome that is before
    0001-01-01 UTC, and saving it raised OverflowError (a 500). Dates must now fall in
    2000-2100."""
    url = reverse("quizzes:set_edit", args=[scene.question_set.pk])
    data = {
        "title": "Quiz",
        "language": "en",
        "behaviour": "immediate",
        "attempts_allowed": "1",
        "points_per_question": "1",
        "opens_at": "0001-01-01T00:00",
    }
    response = rolled_back(scene.clients["set_owner"], "post", url, data)
    assert response.status_code == 200, (
        f"POST {url} opens_at=0001-01-01 answered {failure(response)}"
    )
    assert "Choose a date between the years 2000 and 2100." in response.content.decode()


BANK_FILTERS = form(
    topic=st.sampled_from(TOPICS),
    kind=st.sampled_from(["", *KINDS]),
    difficulty=st.sampled_from(["", "easy", "medium", "hard"]),
    language=st.sampled_from(["en", "it"]),
    q=st.sampled_from(["Lenin", "a", ""]),
)


@FUZZ
@given(
    params=BANK_FILTERS,
    page=st.sampled_from(["quizzes:set_bank", "quizzes:set_edit"]),
    htmx=st.booleans(),
)
@example(
    params={"q": "<script>alert(1)</script>", "language": "it"}, page="quizzes:set_bank", htmx=False
)
@example(params={"q": "%' OR 1=1 --", "language": ["en", "xx"]}, page="quizzes:set_edit", htmx=True)
def test_the_bank_filters_survive_hostile_parameters(scene, params, page, htmx):
    url = reverse(page, args=[scene.question_set.pk])
    send(scene.clients["set_owner"], "get", url, params, htmx=htmx)


@pytest.fixture
def set_ids(scene):
    items = list(scene.question_set.items.values_list("pk", flat=True))
    uids = list(Question.objects.active().order_by("uid").values_list("uid", flat=True)[:20])
    return items, uids


@FUZZ
@given(
    choice=st.data(),
    name=st.sampled_from(["set_add", "set_remove", "set_move", "set_add_random"]),
    htmx=st.booleans(),
)
def test_the_set_editing_buttons_survive_hostile_input(scene, set_ids, choice, name, htmx):
    items, uids = set_ids
    data = choice.draw(
        form(
            uid=st.one_of(st.sampled_from(uids), st.lists(st.sampled_from(uids), max_size=5)),
            item=st.sampled_from([str(i) for i in items]),
            direction=st.sampled_from(["up", "down"]),
            topic=st.sampled_from(TOPICS),
            count=st.sampled_from(["1", "3", "5", "10"]),
        ),
        label="data",
    )
    url = reverse(f"quizzes:{name}", args=[scene.question_set.pk])
    send(scene.clients["set_owner"], "post", url, data, htmx=htmx)


def test_a_nul_byte_in_a_question_id_to_add_is_not_a_server_error(scene):
    """Like the join link: the add button hands the posted ids to the database unchecked,
    which PostgreSQL refuses with DataError -> 500 (fails in the PostgreSQL pass)."""
    url = reverse("quizzes:set_add", args=[scene.question_set.pk])
    for data in ({"uid": "\x00"}, {"uid": [scene.spare.uid, "a\x00b"]}):
        response = rolled_back(scene.clients["set_owner"], "post", url, data)
        assert response.status_code in (200, 302), (
            f"POST {url} {data!r} answered {failure(response)}"
        )


@FUZZ
@given(
    sort=st.one_of(st.sampled_from(["nickname", "-score", "time", "-finished"]), scalars),
    htmx=st.booleans(),
)
@example(sort="<script>alert(1)</script>", htmx=True)
@example(sort="-\x00", htmx=False)
def test_the_results_sort_parameter_survives_hostile_values(scene, sort, htmx):
    url = reverse("quizzes:set_results", args=[scene.question_set.pk])
    send(scene.clients["set_owner"], "get", url, {"sort": sort}, htmx=htmx)


def test_closing_or_reopening_a_set_never_redirects_to_another_site(scene):
    """Close and reopen go back to the form's "next", which once went unchecked: an open
    redirect from the teacher's own site. Off-site targets now fall back to the share page;
    a page of this site is still followed."""
    owner = scene.clients["set_owner"]
    for name in ("quizzes:set_close", "quizzes:set_reopen"):
        url = reverse(name, args=[scene.question_set.pk])
        for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
            response = rolled_back(owner, "post", url, {"next": target})
            location = response.get("Location", "")
            assert response.status_code < 500 and not location.startswith(
                ("http://", "https://", "//", "javascript:")
            ), f"POST {url} with next={target!r} redirected to {location!r}"
        response = rolled_back(owner, "post", url, {"next": "/teach/"})
        assert response["Location"] == "/teach/"


# -- accounts ------------------------------------------------------------------------------


@FUZZ
@given(
    data=form(
        username=st.just("newteacher"),
        first_name=st.just("Anna"),
        last_name=st.just("Bianchi"),
        email=st.just("anna@example.org"),
        school=st.just("Liceo"),
        password1=st.just("Another-long-pass-42"),
        password2=st.just("Another-long-pass-42"),
    )
)
@example(
    data={
        "username": "<script>alert(1)</script>",
        "first_name": "<b onmouseover=alert(1)>x</b>",
        "last_name": "' OR 1=1 --",
        "email": '"><img src=x onerror=alert(1)>@x.org',
        "school": "\x00",
        "password1": "a",
        "password2": "b",
    }
)
def test_the_signup_form_survives_hostile_input(scene, data):
    send(fresh_client(), "post", reverse("signup"), data)


@FUZZ
@given(
    data=form(
        username=st.sampled_from(["owner", "other", "root"]),
        password=st.sampled_from(["a-long-test-password", "wrong"]),
        next=st.sampled_from(["/teach/", "https://evil.example/", "//evil.example"]),
    )
)
@example(data={"username": "' OR 1=1 --", "password": "' OR 1=1 --"})
@example(
    data={"username": "<script>alert(1)</script>", "password": "x", "next": "javascript:alert(1)"}
)
def test_the_login_form_survives_hostile_input(scene, data):
    response = send(fresh_client(), "post", reverse("login"), data)
    location = response.get("Location", "")
    assert not location.startswith(("http", "//", "javascript:")), location


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
@pytest.mark.parametrize("username", ["x" * 300, "\ufdfa" * 150])  # ﷺ grows 18-fold in NFKC
def test_an_overlong_username_is_refused_in_the_page(scene, url, username):
    """Django's login forms do not check the name's length; the lockout record would then
    overflow its column on PostgreSQL (a server error there, nothing on SQLite)."""
    response = send(fresh_client(), "post", url, {"username": username, "password": "x"})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()


# -- hostile strings echoed back ----------------------------------------------------------


def test_a_hostile_join_code_is_echoed_escaped(scene):
    response = send(fresh_client(), "post", reverse("quizzes:join"), {"code": "<b>x</b>"})
    assert "No quiz has the code &lt;B&gt;X&lt;/B&gt;" in response.content.decode()
    response = send(fresh_client(), "get", f"/join/{quote('<img src=x onerror=alert(1)>')}/", {})
    assert response.status_code == 404
    assert "&lt;IMG SRC=X ONERROR=ALERT(1)&gt;" in response.content.decode()


def test_a_hostile_search_and_sort_are_echoed_escaped(scene):
    owner = scene.clients["set_owner"]
    url = reverse("quizzes:set_edit", args=[scene.question_set.pk])
    html = send(owner, "get", url, {"q": '"><script>alert(1)</script>'}).content.decode()
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<script>alert(1)" not in html
    url = reverse("quizzes:set_results", args=[scene.question_set.pk])
    html = send(owner, "get", url, {"sort": '"><script>alert(1)</script>'}).content.decode()
    assert "sort=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_hostile_nickname_and_title_are_shown_escaped_to_the_teacher(scene):
    student = fresh_client()
    url = f"/join/{scene.question_set.code}/"
    response = student.post(url, {"nickname": "<script>alert(1)</script>"})
    assert response.status_code == 302
    owner = scene.clients["set_owner"]
    edit = reverse("quizzes:set_edit", args=[scene.question_set.pk])
    settings_data = {
        "title": '"><img src=x onerror=alert(1)>',
        "language": "en",
        "behaviour": "immediate",
        "tries": "3",
        "penalty": str(1 / 3),
        "grace_seconds": "60",
        "attempts_allowed": "1",
        "grading_method": "highest",
        "points_per_question": "1",
    }
    assert owner.post(edit, settings_data).status_code == 302
    pages = [
        reverse("quizzes:set_results", args=[scene.question_set.pk]),
        reverse("quizzes:teach"),
        edit,
        url,
    ]
    for page in pages:
        html = send(owner if page != url else student, "get", page, {}).content.decode()
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html, page
    html = send(owner, "get", pages[0], {}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# -- fact texts with markup ---------------------------------------------------------------

MARKUP = "<b onmouseover=alert(1)>x</b>"
ESCAPED = "&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;"


def shown_escaped(response, where: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200, f"{where}: {failure(response)}"
    assert "<b onmouseover" not in html.lower(), f"{where} holds the fact's markup unescaped"
    assert ESCAPED in html, f"{where} does not show the edited fact at all"


@pytest.fixture
def marked_questions(question_bank):
    """A person's name and an event's wording edited to hold markup, and the bank refreshed;
    the active questions that now show it, one per kind."""
    event = Event.objects.filter(person__isnull=False).order_by("key").first()
    Person.objects.filter(pk=event.person_id).update(name_en=MARKUP)
    other = Event.objects.exclude(pk=event.pk).order_by("key").first()
    Event.objects.filter(pk=other.pk).update(predicate_en=f"spoke {MARKUP}")
    bank_refresh()
    by_kind = {}
    for question in Question.objects.active().order_by("uid"):
        if MARKUP in json.dumps(question.payload["prompt"]["en"]):
            by_kind.setdefault(question.kind, question)
    assert {"single_choice", "true_false"} <= set(by_kind), by_kind
    return list(by_kind.values())


def test_fact_texts_with_markup_are_escaped_on_the_home_page(marked_questions, client):
    shown_escaped(client.get("/"), "the home page")


def test_fact_texts_with_markup_are_escaped_in_questions_feedback_and_results(marked_questions):
    client = Client()
    set_session(client, quiz_owner="escaping-owner")
    attempt = services.attempt_start(
        questions=marked_questions,
        nickname="Ann",
        language="en",
        owner_token="escaping-owner",
        behaviour="immediate",
    )
    for position in range(len(marked_questions)):
        shown_escaped(client.get(f"/quiz/{attempt.pk}/"), f"question {position + 1}")
        response = client.post(f"/quiz/{attempt.pk}/answer/", answer_data(attempt, position))
        assert response.status_code == 302, failure(response)
        shown_escaped(client.get(response["Location"]), f"the feedback on question {position + 1}")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    shown_escaped(client.get(f"/quiz/{attempt.pk}/results/"), "the results page")


def test_fact_texts_with_markup_are_escaped_on_the_teachers_pages(marked_questions, client):
    question_set = QuestionSetFactory()
    teaching.set_add(question_set=question_set, questions=marked_questions)
    teaching.set_publish(question_set=question_set)
    student = Client()
    set_session(student, quiz_owner="escaping-student")
    attempt = teaching.set_start(
        question_set=question_set, nickname="Ann", owner_token="escaping-student"
    )
    for position in range(len(marked_questions)):
        student.post(f"/quiz/{attempt.pk}/answer/", answer_data(attempt, position, right=False))
    client.force_login(question_set.owner)
    pk = question_set.pk
    for name, args in [
        ("set_results", [pk]),
        ("set_attempt", [pk, attempt.pk]),
        ("set_edit", [pk]),
        ("set_preview", [pk]),
        ("set_print", [pk]),
    ]:
        shown_escaped(client.get(reverse(f"quizzes:{name}", args=args)), f"the teacher's {name}")
