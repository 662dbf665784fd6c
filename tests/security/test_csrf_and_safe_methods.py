"""CSRF protection on every route that takes a POST, and GET requests that change nothing.

(a) A POST without a CSRF token is refused with 403 by the CSRF check itself (its template,
403_csrf.html), for the visitor who may use the route (the set's owner, the attempt's owner,
the admin), so the refusal cannot come from a permission check; with the token the same POST
goes through.
(b) Every GET route (and HEAD, and the htmx variants), for every kind of visitor, leaves every
row of every table as it was.
"""

import copy
import hashlib

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string

from tests.security.routes import all_routes, row_for, url_of
from tests.security.scene import failure, rolled_back

pytestmark = pytest.mark.django_db
ROUTES = all_routes()
POSTED = [route for route in ROUTES if row_for(route) and "POST" in row_for(route).checks]
CSRF_TEMPLATE = "403_csrf.html"


def strict_client(scene, actor: str) -> Client:
    """A client that enforces CSRF, logged in (or owning attempts) like `actor`, holding a
    CSRF cookie: what a forged cross-site form would ride on."""
    client = Client(enforce_csrf_checks=True)
    client.cookies = copy.deepcopy(scene.clients[actor].cookies)
    client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(32)  # as Django makes them
    return client


def csrf_refused(response) -> bool:
    names = [template.name for template in response.templates]
    return response.status_code == 403 and CSRF_TEMPLATE in names


@pytest.mark.parametrize("route", ROUTES, ids=[route.key for route in ROUTES])
def test_a_post_without_a_csrf_token_is_refused_by_the_csrf_check(shared_scene, route):
    scene, row = shared_scene, row_for(route)
    assert row is not None, f"{route.key} is not in the permission table"
    client = strict_client(scene, row.actor)
    url = url_of(route, scene.values(route, row))
    data = scene.data(row) if "POST" in row.checks else {}
    response = rolled_back(client, "post", url, data)
    assert csrf_refused(response), (
        f"POST {url} as {row.actor} without a CSRF token answered {failure(response)}, "
        "not the CSRF failure page"
    )


@pytest.mark.parametrize("route", POSTED, ids=[route.key for route in POSTED])
def test_the_same_post_with_the_csrf_token_gets_past_the_check(shared_scene, route):
    scene, row = shared_scene, row_for(route)
    client = strict_client(scene, row.actor)
    url = url_of(route, scene.values(route, row))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = rolled_back(client, "post", url, {**scene.data(row), "csrfmiddlewaretoken": token})
    assert not csrf_refused(response), f"POST {url} with its token was refused"
    assert response.status_code in (200, 302), failure(response)


def test_an_htmx_answer_with_the_token_in_its_header_gets_past_the_check(shared_scene):
    scene = shared_scene
    client = strict_client(scene, "attempt_owner")
    url = f"/quiz/{scene.current.pk}/answer/"
    data = scene.data(row_for(next(r for r in ROUTES if r.key == "quizzes:answer")))
    refused = rolled_back(client, "post", url, data, HTTP_HX_REQUEST="true")
    assert csrf_refused(refused)
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    accepted = rolled_back(
        client, "post", url, data, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200 and not csrf_refused(accepted), failure(accepted)


def test_a_wrong_csrf_token_is_refused_like_a_missing_one(shared_scene):
    scene = shared_scene
    client = strict_client(scene, "set_owner")
    url = f"/teach/sets/{scene.question_set.pk}/delete/"
    response = rolled_back(client, "post", url, {"csrfmiddlewaretoken": "x" * 64})
    assert csrf_refused(response)
    scene.question_set.refresh_from_db()
    assert scene.question_set.status == "open"


# -- safe methods ------------------------------------------------------------------------


def database_state() -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row, for every table (many-to-many tables included)."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        columns = [field.attname for field in model._meta.concrete_fields]
        rows = list(model._base_manager.order_by("pk").values_list(*columns))
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        state[model._meta.db_table] = (len(rows), digest)
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return [
        f"{table}: {before.get(table, (0, ''))[0]} -> {after.get(table, (0, ''))[0]} rows"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]


SWEEP_ROLES = ("anonymous", "student", "other_teacher", "admin", "attempt_owner", "set_owner")


def test_the_snapshot_notices_a_changed_row(shared_scene):
    from quizzes.models import QuestionSet

    before = database_state()
    QuestionSet.objects.filter(pk=shared_scene.question_set.pk).update(title="Changed")
    assert changed_tables(before, database_state()) == ["quizzes_questionset: 3 -> 3 rows"]


def test_no_get_request_of_any_visitor_changes_the_database(shared_scene):
    scene = shared_scene
    assert scene.current.deadline is None and scene.done.deadline is None  # none expires now
    before = database_state()
    requests = 0
    for route in ROUTES:
        if route.key == "logout":  # POST only; a GET is refused and would change nothing
            continue
        row = row_for(route)
        url = url_of(route, scene.values(route, row))
        variants = [("get", {})]
        if route.namespace != "admin":  # htmx partials, and HEAD wherever GET is answered
            variants += [("get", {"HTTP_HX_REQUEST": "true"}), ("head", {})]
        for role in SWEEP_ROLES:
            for method, headers in variants:
                response = getattr(scene.clients[role], method)(url, **headers)
                assert response.status_code < 500, (method, url, role, failure(response))
                requests += 1
        after = database_state()
        assert after == before, f"GET {url} changed the database: {changed_tables(before, after)}"
    assert requests > 1000
