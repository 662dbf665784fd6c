"""Every URL pattern of the project, for every kind of visitor: nothing unlisted is reachable.

The table in tests/security/routes.py gives, for every route name (the admin as one group),
what an anonymous visitor, a student, another teacher and an admin get, and what the owner of
the attempt or set gets; the walk over the resolver fails on any pattern the table lacks.
"""

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from tests.security.routes import (
    OK,
    TABLE,
    Redirect,
    all_routes,
    mismatch,
    row_for,
    table_key,
    url_of,
)
from tests.security.scene import failure, rolled_back

pytestmark = pytest.mark.django_db
ROUTES = all_routes()


def test_every_url_pattern_of_the_project_is_in_the_permission_table():
    unlisted = [f"{route.key}  ({route.route})" for route in ROUTES if row_for(route) is None]
    assert not unlisted, "URL patterns missing from the permission table:\n" + "\n".join(unlisted)


def test_every_row_of_the_permission_table_still_names_a_url_pattern():
    stale = set(TABLE) - {table_key(route) for route in ROUTES}
    assert not stale, f"rows for URL patterns that no longer exist: {sorted(stale)}"


def test_the_walk_reaches_the_admins_and_the_auth_apps_patterns():
    keys = {route.key for route in ROUTES}
    expected = {"admin:index", "admin:login", "admin:quizzes_question_change",
                "admin:auth_user_password_change", "login", "logout", "password_reset_confirm",
                "quizzes:answer", "quizzes:set_attempt", "set_language", "admin/(?P<url>.*)$"}  # fmt: skip
    assert expected <= keys, expected - keys
    assert sum(route.namespace == "admin" for route in ROUTES) > 100


@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_each_visitor_gets_what_the_permission_table_says(shared_scene, route):
    scene = shared_scene
    row = row_for(route)
    assert row is not None, f"{route.key} ({route.route}) is not in the permission table"
    url = url_of(route, scene.values(route, row))
    assert resolve(url).route == route.route.replace("^", ""), f"{url} reaches another pattern"
    problems = []
    for method, expectations in row.checks.items():
        data = scene.data(row) if method == "POST" else None
        for role, expected in expectations.items():
            response = rolled_back(scene.clients[role], method, url, data)
            problem = mismatch(response, expected)
            if problem or response.status_code >= 500:
                problems.append(f"{method} {url} as {role}: {problem} [{failure(response)}]")
    assert not problems, "\n".join(problems)


STUDENT_URL = {"anonymous": 404, "student": 404, "other_teacher": 404, "admin": 404}
TEACHER_URL = {"anonymous": Redirect("/it/accounts/login/"), "student": 403, "other_teacher": 404,
               "admin": OK}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "attempt", "method", "expectations"),
    [
        ("quizzes:take", "current", "get", STUDENT_URL),
        ("quizzes:results", "done", "get", STUDENT_URL),
        ("quizzes:answer", "current", "post", STUDENT_URL),
        ("quizzes:set_results", None, "get", TEACHER_URL),
        ("quizzes:set_delete", None, "post", TEACHER_URL),
    ],
)
def test_the_italian_urls_refuse_the_same_visitors(
    shared_scene, name, attempt, method, expectations
):
    scene = shared_scene
    pk = getattr(scene, attempt).pk if attempt else scene.question_set.pk
    with translation.override("it"):
        url = reverse(name, args=[pk])
        assert url.startswith("/it/") and resolve(url).view_name == name
    for role, expected in expectations.items():
        response = rolled_back(scene.clients[role], method, url)
        assert mismatch(response, expected) is None, (url, role, failure(response))
