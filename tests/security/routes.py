"""Every URL pattern of the project, who may use it, and how to call it with real objects.

`all_routes()` walks the resolver (the admin's and django.contrib.auth's patterns included);
`TABLE` says, for every route, what each kind of visitor gets. A route missing from the table
is a test failure: nothing unlisted is reachable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

# -- the routes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern: its qualified name (or None), namespace and full route string."""

    name: str | None
    namespace: str
    route: str
    callback: object = field(compare=False, repr=False)

    @property
    def key(self) -> str:
        """The name the permission table knows it by: its qualified name, or its route."""
        return self.name or self.route

    @property
    def params(self) -> tuple[str, ...]:
        return tuple(
            converter or group
            for converter, group in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", self.route)
        )

    @property
    def model_admin(self):
        return getattr(self.callback, "model_admin", None)


def all_routes() -> list[Route]:
    """Every URL pattern of the project, depth first, with its full route."""
    found: list[Route] = []

    def walk(resolver, prefix: str, namespaces: list[str]) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = [*namespaces, entry.namespace] if entry.namespace else namespaces
                walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                namespace = ":".join(namespaces)
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                found.append(Route(name, namespace, prefix + str(entry.pattern), entry.callback))
            else:  # pragma: no cover - a new kind of pattern must be handled here first
                raise TypeError(f"Unknown URL entry {entry!r}")

    walk(get_resolver(), "", [])
    return found


def url_of(route: Route, values: dict) -> str:
    """The path of a route with its parameters filled in from `values`."""
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m[1]]), route.route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m[1]]), path)
    return "/" + path.replace("^", "").replace("$", "")


# -- who gets what ------------------------------------------------------------------------

ROLES = ("anonymous", "student", "other_teacher", "admin")
OWNERS = ("attempt_owner", "set_owner")


@dataclass(frozen=True)
class Redirect:
    """A 302 to a URL starting with `prefix`."""

    prefix: str

    def __repr__(self) -> str:
        return f"302 to {self.prefix}…"


LOGIN = Redirect("/accounts/login/")
ADMIN_LOGIN = Redirect("/admin/login/")
OK = frozenset({200, 302})  # served, or redirected somewhere that is not a login page
REDIRECT = frozenset({302})
LOGIN_PAGES = ("/accounts/login/", "/admin/login/")


def mismatch(response, expected) -> str | None:
    """Why the response is not what `expected` says, or None if it is."""
    status, location = response.status_code, response.get("Location", "")
    if isinstance(expected, Redirect):
        if status == 302 and location.startswith(expected.prefix):
            return None
        return f"expected {expected!r}, got {status} {location}".strip()
    allowed = expected if isinstance(expected, frozenset) else frozenset({expected})
    if status not in allowed:
        return f"expected {sorted(allowed)}, got {status} {location}".strip()
    if status == 302 and location.startswith(LOGIN_PAGES):
        return f"expected to be served, got sent to the login page {location}"
    return None


@dataclass(frozen=True)
class Row:
    """Expected answers by method and role; `actor` is who uses the route for real, and
    `values`/`data` name the scene objects its parameters and POST body are made of."""

    checks: dict[str, dict[str, object]]
    actor: str = "anonymous"
    values: dict[str, str] = field(default_factory=dict)
    data: str | None = None


def everyone(expected, *owners: str) -> dict[str, object]:
    return {role: expected for role in (*ROLES, *owners)}


def public(get=200, post=None, data=None, values=None, actor="anonymous") -> Row:
    checks = {}
    if get is not None:
        checks["GET"] = everyone(get)
    if post is not None:
        checks["POST"] = everyone(post)
    return Row(checks, actor=actor, values=values or {}, data=data)


def attempt_only(method: str, owner, data=None, values=None) -> Row:
    """A student's quiz URL: 404 to anybody but the browser session that owns the attempt."""
    refused = {role: 404 for role in ROLES}
    checks = {method: {**refused, "attempt_owner": owner}}
    if method == "POST":  # a POST-only view refuses GET before looking at the attempt
        checks = {"GET": everyone(405, "attempt_owner"), **checks}
    return Row(checks, actor="attempt_owner", values=values or {}, data=data)


def teacher_only(*methods: str, data=None, owner=OK, values=None) -> Row:
    """A teacher's set URL: login for visitors, 403 for non-teachers, 404 for another
    teacher's set; the owner and admins are served."""
    refused = {"anonymous": LOGIN, "student": 403, "other_teacher": 404}
    checks = {method: {**refused, "admin": owner, "set_owner": owner} for method in methods}
    return Row(checks, actor="set_owner", data=data, values=values or {})


def teacher_post(data=None, values=None) -> Row:
    """A POST-only set URL: GET is refused (405) only after the permission check."""
    refused = {"anonymous": LOGIN, "student": 403, "other_teacher": 404}
    return Row(
        {
            "GET": {**refused, "admin": 405, "set_owner": 405},
            "POST": {**refused, "admin": OK, "set_owner": OK},
        },
        actor="set_owner",
        data=data,
        values=values or {},
    )


def any_teacher(*methods: str, data=None) -> Row:
    """A teacher's page of their own (not of a set): every teacher and admin is served."""
    served = {"GET": 200, "HEAD": 200, "POST": REDIRECT}
    return Row(
        {
            method: {
                "anonymous": LOGIN,
                "student": 403,
                **{role: served[method] for role in ("other_teacher", "admin", "set_owner")},
            }
            for method in methods
        },
        actor="set_owner",
        data=data,
    )


def login_required(get=200) -> Row:
    return Row(
        {"GET": {"anonymous": LOGIN, "student": get, "other_teacher": get, "admin": get}},
        actor="set_owner",
    )


def admin_only(admin=OK) -> Row:
    """Django admin: everyone who is not staff is sent to the admin's login page."""
    checks = {role: ADMIN_LOGIN for role in (*ROLES, *OWNERS)}
    return Row({"GET": {**checks, "admin": admin}}, actor="admin")


ADMIN_GROUP = "admin:*"
LIVE_SET = {"pk": "live_set"}
LIVE_ATTEMPT = {"attempt_id": "live_attempt"}

TABLE: dict[str, Row] = {
    # Site-wide
    "set_language": public(get=REDIRECT, post=REDIRECT, data="language"),
    "healthz": public(),
    "robots": public(),
    "join_link": public(get=REDIRECT),  # to the join page in the visitor's language
    "home": public(),
    # Accounts (the site's and django.contrib.auth's)
    "signup": public(),
    "signup_done": public(),
    "login": public(),
    "logout": public(get=405, post=REDIRECT, actor="set_owner"),
    "password_change": login_required(),
    "password_change_done": login_required(),
    "password_reset": public(),
    "password_reset_done": public(),
    "password_reset_confirm": public(),  # a wrong token: the page says the link is invalid
    "password_reset_complete": public(),
    # Students: anybody may start a practice quiz or join an open set...
    "quizzes:start": public(get=405, post=REDIRECT, data="start"),
    "quizzes:join": public(get=405, post=REDIRECT, data="join"),
    "quizzes:join_set": public(get=200, post=REDIRECT, data="nickname"),
    # ...but an attempt's URLs answer only its owner.
    "quizzes:take": attempt_only("GET", 200),
    "quizzes:answer": attempt_only("POST", REDIRECT, data="answer"),
    "quizzes:feedback": attempt_only("GET", 200),
    "quizzes:switch_language": attempt_only("POST", REDIRECT, data="switch"),
    "quizzes:results": attempt_only("GET", 200, values={"attempt_id": "done"}),
    "quizzes:page": attempt_only("GET", 200, values={"attempt_id": "navigating"}),
    "quizzes:save": attempt_only(
        "POST", REDIRECT, data="save", values={"attempt_id": "navigating"}
    ),
    "quizzes:summary": attempt_only("GET", 200, values={"attempt_id": "navigating"}),
    "quizzes:submit": attempt_only("POST", REDIRECT, values={"attempt_id": "navigating"}),
    "quizzes:again": attempt_only("POST", REDIRECT, values={"attempt_id": "done"}),
    "quizzes:mistakes": attempt_only("POST", REDIRECT, values={"attempt_id": "done"}),
    "quizzes:challenge": attempt_only("POST", REDIRECT, data="challenge"),
    # A live quiz's phone: only the browser that joined follows it and answers.
    "quizzes:live": attempt_only("GET", 200, values=LIVE_ATTEMPT),
    "quizzes:live_step": attempt_only("GET", REDIRECT, values=LIVE_ATTEMPT),  # htmx: 200/304
    "quizzes:live_answer": attempt_only("POST", REDIRECT, data="live_answer", values=LIVE_ATTEMPT),
    # Teachers
    "quizzes:teach": Row(
        {
            "GET": {
                "anonymous": LOGIN,
                "student": 403,
                "other_teacher": 200,
                "admin": 200,
                "set_owner": 200,
            },
            "POST": {
                "anonymous": LOGIN,
                "student": 403,
                "other_teacher": REDIRECT,
                "admin": REDIRECT,
                "set_owner": REDIRECT,
            },
        },
        actor="set_owner",
        data="new_set",
    ),
    "quizzes:set_edit": teacher_only("GET", "POST", data="settings"),
    "quizzes:set_bank": teacher_only("GET"),
    "quizzes:set_add": teacher_post(data="add"),
    "quizzes:set_add_random": teacher_post(data="add_random"),
    "quizzes:set_remove": teacher_post(data="item"),
    "quizzes:set_move": teacher_post(data="item"),
    "quizzes:set_preview": teacher_only("GET"),
    "quizzes:set_publish": teacher_post(),
    "quizzes:set_close": teacher_post(),
    "quizzes:set_reopen": teacher_post(),
    "quizzes:set_duplicate": teacher_post(),
    "quizzes:set_delete": teacher_only("GET", "POST"),  # GET: the page that asks to confirm
    "quizzes:set_share": teacher_only("GET"),
    "quizzes:set_projector": teacher_only("GET"),
    "quizzes:set_results": teacher_only("GET"),
    "quizzes:set_results_csv": teacher_only("GET"),
    "quizzes:set_results_xlsx": teacher_only("GET"),
    "quizzes:set_attempt": teacher_only("GET"),
    # GET asks to confirm, POST removes; restoring takes only POST.
    "quizzes:set_attempt_remove": teacher_only("GET", "POST"),
    "quizzes:set_attempt_restore": teacher_post(),
    "quizzes:set_accommodations": teacher_only("GET", "POST", data="accommodation"),
    "quizzes:set_regrade": teacher_only("GET", "POST"),
    "quizzes:set_export": teacher_only("GET"),
    "quizzes:set_print": teacher_only("GET"),
    # Live class mode: only the set's owner (or an admin) runs and drives it.
    "quizzes:live_run": teacher_post(data="live_run"),
    "quizzes:live_projector": teacher_only("GET", values=LIVE_SET),
    "quizzes:live_state": teacher_only("GET", values=LIVE_SET),  # htmx: 200 or 304
    "quizzes:live_control": teacher_post(data="live_control", values=LIVE_SET),
    "quizzes:live_student": teacher_only(
        "GET", "POST", data="live_rename", values={**LIVE_SET, **LIVE_ATTEMPT}
    ),
    # Teachers' own questions: any teacher has their own pages; another teacher's question
    # or a set not shared with them is a 404.
    "quizzes:my_questions": any_teacher("GET"),
    "quizzes:question_new": any_teacher("GET", "POST", data="question"),
    "quizzes:question_import": any_teacher("GET", "POST", data="import"),
    "quizzes:question_edit": teacher_only("GET", "POST", data="question"),
    "quizzes:question_delete": teacher_post(),
    "quizzes:set_teachers": teacher_post(data="share"),
    "quizzes:shared_set": teacher_only("GET"),
    "quizzes:shared_duplicate": teacher_post(),
    # The admin, as one group, with the few views that answer differently.
    ADMIN_GROUP: admin_only(),
    "admin:login": Row(
        {"GET": {**everyone(200, "set_owner", "attempt_owner"), "admin": Redirect("/admin/")}},
        actor="admin",
    ),
    "admin:logout": Row(
        {
            "GET": {**everyone(Redirect("/admin/"), "set_owner"), "admin": 405},
            "POST": {**everyone(Redirect("/admin/"), "set_owner"), "admin": REDIRECT},
        },
        actor="admin",
    ),
    "admin:autocomplete": admin_only(admin=403),  # staff without the query parameters
    "admin:view_on_site": admin_only(admin=404),  # no model here has get_absolute_url
    "admin/(?P<url>.*)$": admin_only(admin=404),  # the admin's catch-all
    # Nobody adds or deletes these by hand, not even a superuser: the admin refuses (403).
    **{
        f"admin:{name}": admin_only(admin=403)
        for name in (
            "axes_accessattempt_add",
            "axes_accesslog_add",
            "axes_accessfailurelog_add",
            "quizzes_question_add",
            "quizzes_question_delete",
            "quizzes_attempt_add",
            "quizzes_challenge_add",
        )
    },
}


def row_for(route: Route) -> Row | None:
    """The route's row: by name or route, else the admin group; None if unlisted."""
    if route.key in TABLE:
        return TABLE[route.key]
    if route.namespace == "admin":
        return TABLE[ADMIN_GROUP]
    return None


def table_key(route: Route) -> str | None:
    if route.key in TABLE:
        return route.key
    if route.namespace == "admin":
        return ADMIN_GROUP
    return None
