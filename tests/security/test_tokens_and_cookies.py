"""Opaque per-attempt option tokens, an unbiased key position, and the browser-side defences:
production cookie settings, security headers, the htmx configuration, no inline code."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from quizzes import services
from quizzes.models import Question
from quizzes.presenting import token
from tests.chi_squared import chi_squared_p
from tests.factories import QuestionSetFactory
from tests.quizzes.student import set_session
from tests.security.pages import inline_code, inputs, tags

pytestmark = pytest.mark.django_db


def student(owner: str) -> Client:
    client = Client()
    set_session(client, quiz_owner=owner)
    return client


def page_tokens(html: str) -> list[str]:
    """Every option token a question page offers: radios, boxes, order items, selects."""
    found = inputs(html, "answer", "radio", "checkbox") + inputs(html, "order", "hidden")
    found += [
        tag.attrs["value"] for tag in tags(html) if tag.name == "option" and tag.attrs.get("value")
    ]
    found += [
        tag.attrs["name"].removeprefix("pair_")
        for tag in tags(html)
        if tag.name == "select" and tag.attrs.get("name", "").startswith("pair_")
    ]
    return found


def stored_ids(payload: dict) -> set[str]:
    groups = ("options", "items", "lefts", "rights")
    return {entry["id"] for group in groups for entry in payload.get(group, [])} | {"true", "false"}


# -- (a) tokens ---------------------------------------------------------------------------

KINDS = ["single_choice", "multiple_response", "true_false", "ordering", "matching"]


@pytest.mark.parametrize("kind", KINDS)
def test_two_attempts_at_one_question_show_disjoint_opaque_tokens(question_bank, kind):
    question = Question.objects.active().filter(kind=kind).order_by("uid").first()
    seen = []
    for owner in ("first-browser", "second-browser"):
        attempt = services.attempt_start(
            questions=[question], nickname="Ann", language="en", owner_token=owner
        )
        html = student(owner).get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
        found = set(page_tokens(html))
        ids = stored_ids(question.payload)
        expected = {token(attempt.pk, 0, i) for i in ids} & found
        assert found and found == expected, "the page offers tokens that are not this attempt's"
        assert not found & ids, f"stored option ids on the page: {found & ids}"
        for stored in ids:
            assert f'value="{stored}"' not in html and f'name="pair_{stored}"' not in html
        assert question.payload["explanation"]["en"] not in html, "the explanation leaks"
        seen.append(found)
    assert not seen[0] & seen[1], "two attempts share option tokens"


def test_a_token_from_another_attempt_is_not_accepted(question_bank):
    question = Question.objects.active().filter(kind="single_choice").order_by("uid").first()
    right = next(o["id"] for o in question.payload["options"] if o["correct"])
    mine = services.attempt_start(
        questions=[question], nickname="Ann", language="en", owner_token="mine"
    )
    theirs = services.attempt_start(
        questions=[question], nickname="Bob", language="en", owner_token="theirs"
    )
    client = student("mine")
    url = reverse("quizzes:answer", args=[mine.pk])
    response = client.post(url, {"position": "0", "answer": token(theirs.pk, 0, right)})
    assert response.status_code == 200
    assert "That option is not part of this question." in response.content.decode()
    response = client.post(url, {"position": "0", "answer": right})  # the stored id itself
    assert response.status_code == 200 and not mine.responses.exists()


# -- (b) the key's position ---------------------------------------------------------------


def test_the_chi_squared_test_tells_a_skewed_position_from_a_fair_one():
    assert chi_squared_p([50, 50, 50, 50]) > 0.5
    assert chi_squared_p([48, 55, 45, 52]) > 0.1
    assert chi_squared_p([80, 40, 40, 40]) < 0.001
    assert chi_squared_p([200, 0, 0, 0]) < 1e-12


def four_option_questions() -> list[Question]:
    questions = [
        q
        for q in Question.objects.active().filter(kind="single_choice").order_by("uid")
        if len(q.payload["options"]) == 4
    ]
    # 18 in the bank from fixtures/conference.yaml: who-questions offer three names and
    # party questions two (docs/questions.md, "No name that is never the answer").
    assert len(questions) >= 16, len(questions)
    return questions


def key_rank(client, attempt, question, language) -> int:
    """Where the right option is among the radio buttons the student sees."""
    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    radios = inputs(html, "answer", "radio")
    assert len(radios) == 4, radios
    right = next(o["id"] for o in question.payload["options"] if o["correct"])
    return radios.index(token(attempt.pk, 0, right))


def test_the_keys_position_among_the_rendered_options_is_uniform(question_bank):
    questions = four_option_questions()
    client = student("uniformity")
    counts = [0, 0, 0, 0]
    for n in range(200):  # every question of the bank in turn, in both languages
        question, language = questions[n % len(questions)], ("en", "it")[n // len(questions) % 2]
        attempt = services.attempt_start(
            questions=[question], nickname="Ann", language=language, owner_token="uniformity"
        )
        counts[key_rank(client, attempt, question, language)] += 1
    assert chi_squared_p(counts) > 0.001, f"the key's position is skewed: {counts}"


def test_a_set_that_shuffles_options_puts_the_key_anywhere_in_each_attempt(question_bank):
    question = four_option_questions()[0]
    question_set = QuestionSetFactory(shuffle_options=True)
    client = student("shuffled")
    counts = [0, 0, 0, 0]
    for _ in range(120):
        attempt = services.attempt_start(
            questions=[question],
            nickname="Ann",
            language="en",
            owner_token="shuffled",
            question_set=question_set,
        )
        counts[key_rank(client, attempt, question, "en")] += 1
    assert chi_squared_p(counts) > 0.001, f"the shuffled key's position is skewed: {counts}"
    assert min(counts) > 0


# -- (c) production cookies ---------------------------------------------------------------

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-" + "that-is-long-enough-" * 3,
    "DJANGO_ALLOWED_HOSTS": "testserver",
}
READ_SETTINGS = """
import json
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

names = ["DEBUG", "SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "LANGUAGE_COOKIE_NAME",
         "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
         "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
         "CSRF_COOKIE_SAMESITE", "SESSION_COOKIE_DOMAIN", "SESSION_COOKIE_PATH",
         "CSRF_COOKIE_DOMAIN", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
         "SECURE_SSL_REDIRECT", "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY",
         "SECURE_CONTENT_TYPE_NOSNIFF"]
found = {name: getattr(settings, name) for name in names}
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}):
    client = Client()
    found["plain_http"] = client.get("/accounts/login/").status_code
    response = client.get("/accounts/login/", secure=True)
    found["status"] = response.status_code
    found["hsts"] = response.get("Strict-Transport-Security")
    response = client.post("/i18n/setlang/", {"language": "it", "next": "/"}, secure=True)
    found["cookies"] = {
        name: {key: morsel[key] for key in ("secure", "httponly", "samesite", "path", "domain")}
        for name, morsel in client.cookies.items()
    }
print("SETTINGS=" + json.dumps(found))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL"))
    }
    env.update(PRODUCTION, DJANGO_VAR_DIR=str(tmp_path_factory.mktemp("var")))
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", READ_SETTINGS],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=settings.BASE_DIR,
    )
    line = next((x for x in result.stdout.splitlines() if x.startswith("SETTINGS=")), None)
    assert line, result.stdout + result.stderr
    return json.loads(line.removeprefix("SETTINGS="))


def test_production_cookies_are_host_only_secure_httponly_and_lax(production):
    assert production["DEBUG"] is False
    for kind in ("SESSION", "CSRF", "LANGUAGE"):
        assert production[f"{kind}_COOKIE_NAME"].startswith("__Host-"), kind
        assert production[f"{kind}_COOKIE_SECURE"] is True, kind
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["CSRF_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] == "Lax" == production["CSRF_COOKIE_SAMESITE"]
    # __Host- cookies must have no Domain and the path /.
    assert production["SESSION_COOKIE_DOMAIN"] is None and production["CSRF_COOKIE_DOMAIN"] is None
    assert production["SESSION_COOKIE_PATH"] == "/"


def test_the_cookies_a_production_server_sets_carry_every_attribute(production):
    cookies = production["cookies"]
    assert set(cookies) >= {"__Host-csrftoken", "__Host-language"}, cookies
    for name, attributes in cookies.items():
        assert attributes["secure"] is True, name
        assert attributes["httponly"] is True, name
        assert attributes["samesite"] == "Lax", name
        assert attributes["path"] == "/" and not attributes["domain"], name


def test_production_forces_https_with_hsts_and_sets_the_protective_headers(production):
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["plain_http"] == 301
    assert production["status"] == 200
    assert production["SECURE_HSTS_SECONDS"] >= 15_552_000  # at least 180 days
    assert production["hsts"].startswith(f"max-age={production['SECURE_HSTS_SECONDS']}")
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_REFERRER_POLICY"] in ("same-origin", "no-referrer", "strict-origin")
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True


# -- (d)-(f) headers, htmx and inline code on every kind of page ---------------------------


@pytest.fixture
def pages(shared_scene):
    """The rendered pages a browser meets: (name, response)."""
    scene = shared_scene
    student_a, teacher = scene.clients["attempt_owner"], scene.clients["set_owner"]
    pk, current, done = scene.question_set.pk, scene.current.pk, scene.done.pk
    live, live_pk = scene.live_attempt.pk, scene.live_set.pk
    return [
        ("home", scene.clients["anonymous"].get("/")),
        ("join", scene.clients["anonymous"].get(f"/join/{scene.question_set.code}/")),
        ("login", scene.clients["anonymous"].get("/accounts/login/")),
        ("not found", scene.clients["anonymous"].get("/no-such-page/")),
        ("question", student_a.get(f"/quiz/{current}/")),
        ("question (htmx)", student_a.get(f"/quiz/{current}/", HTTP_HX_REQUEST="true")),
        ("feedback", student_a.get(f"/quiz/{current}/feedback/1/")),
        ("results", student_a.get(f"/quiz/{done}/results/")),
        ("teacher's quizzes", teacher.get("/teach/")),
        ("teacher editor", teacher.get(f"/teach/sets/{pk}/")),
        ("teacher bank (htmx)", teacher.get(f"/teach/sets/{pk}/bank/", HTTP_HX_REQUEST="true")),
        ("teacher results", teacher.get(f"/teach/sets/{pk}/results/")),
        ("teacher share", teacher.get(f"/teach/sets/{pk}/share/")),
        ("teacher preview", teacher.get(f"/teach/sets/{pk}/preview/")),
        ("teacher print", teacher.get(f"/teach/sets/{pk}/print/")),
        ("teacher attempt", teacher.get(f"/teach/sets/{pk}/attempts/{current}/")),
        ("live phone", student_a.get(f"/quiz/{live}/live/")),
        ("live step (htmx)", student_a.get(f"/quiz/{live}/live/step/", HTTP_HX_REQUEST="true")),
        ("live projector", teacher.get(f"/teach/sets/{live_pk}/live/")),
        (
            "live screen (htmx)",
            teacher.get(f"/teach/sets/{live_pk}/live/state/", HTTP_HX_REQUEST="true"),
        ),
        ("live student", teacher.get(f"/teach/sets/{live_pk}/live/students/{live}/")),
    ]


def csp(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *sources = part.split()
            directives[name] = sources
    return directives


def test_every_page_sends_a_strict_content_security_policy(pages):
    for name, response in pages:
        assert response.status_code in (200, 404), (name, response.status_code)
        policy = csp(response)
        assert policy, f"{name}: no Content-Security-Policy header"
        assert policy.get("default-src") == ["'self'"], (name, policy)
        assert policy.get("object-src") == ["'none'"], (name, policy)
        assert policy.get("base-uri") == ["'none'"], (name, policy)
        assert policy.get("frame-ancestors") == ["'none'"], (name, policy)
        assert policy.get("form-action") == ["'self'"], (name, policy)
        scripts = policy.get("script-src", [])
        assert "'self'" in scripts, (name, policy)
        unsafe = {
            "'unsafe-inline'",
            "'unsafe-eval'",
            "'unsafe-hashes'",
            "*",
            "data:",
            "http:",
            "https:",
        }
        assert not unsafe & set(scripts), (name, scripts)
        assert not {"'unsafe-inline'", "*"} & set(policy.get("style-src", [])), (name, policy)


def test_every_page_forbids_framing_and_sniffing_and_keeps_its_referrer(pages):
    for name, response in pages:
        assert response.get("X-Frame-Options") == "DENY", name
        assert response.get("X-Content-Type-Options") == "nosniff", name
        assert response.get("Referrer-Policy") == "same-origin", name
        assert response.get("Cross-Origin-Opener-Policy") == "same-origin", name


def test_htmx_may_neither_evaluate_code_nor_copy_styles_nor_keep_pages_in_its_cache(pages):
    for name, response in pages:
        if "htmx" in name or response.status_code != 200:
            continue  # partials carry no <head>
        metas = [t for t in tags(response.content.decode()) if t.name == "meta"]
        config = [t for t in metas if t.attrs.get("name") == "htmx-config"]
        assert len(config) == 1, f"{name}: {len(config)} htmx-config meta tags"
        values = json.loads(config[0].attrs["content"])
        assert values["allowEval"] is False, name
        assert values["allowScriptTags"] is False, name
        assert values["includeIndicatorStyles"] is False, name
        assert values["historyCacheSize"] == 0, name
        # Settling copies only classes: a copied style attribute is refused by the CSP.
        assert values["attributesToSettle"] == ["class"], name


def test_no_page_holds_inline_scripts_event_handlers_or_style_attributes(pages):
    found = {name: inline_code(response.content.decode()) for name, response in pages}
    found = {name: problems for name, problems in found.items() if problems}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_inline_code_check_finds_what_it_looks_for():
    html = (
        '<script>alert(1)</script><script src="https://cdn.example/x.js"></script>'
        '<a href="javascript:alert(1)" onclick="x()">x</a><p style="color:red"></p>'
        '<style>p{}</style><script src="/static/ok.js"></script>'
    )
    assert len(inline_code(html)) == 6
