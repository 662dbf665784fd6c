"""How much one client may do in a minute: send wrong join codes, start attempts.

A client is a browser (the random token in its session, quizzes.views.student.owner_token)
and an address (quizzes.ratelimit.client_ip). Each is counted by quizzes.ratelimit. The
browser's limit is the one a student meets; the address's is a ceiling that a class behind a
school's one address stays well under, there for a script that throws its cookies away to
be a new browser on every request. docs/teachers.md gives the same numbers.
"""

from __future__ import annotations

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from quizzes import ratelimit

# Wrong join codes. A student mistypes one now and then; a class's typos add up at its
# school's address, well under its ceiling. With 887 million possible codes, guessing one at
# these rates is hopeless.
CODES_PER_BROWSER = {"limit": 10, "window_seconds": 60}
CODES_PER_ADDRESS = {"limit": 50, "window_seconds": 60}
# A code already used at an address (a student joined with it there, or its teacher
# published or reopened the set from there, within the last hour or so) is no secret there:
# it is let through whatever the counts, so that nobody's wrong codes, a script's included,
# keep a class out of its quiz. Any other code waits while the browser or the address is over
# its limit, so that a flood cannot tell a real code from a wrong one by the answer.
CODE_USED = {"window_seconds": 3600}

# Starting attempts: practice quizzes, class quizzes, "Try again", "Practise my mistakes".
# A student starts a few a minute at most. A whole school behind one address may start at
# once (the load test's 300 students join within seconds) and stays under the address's
# ceiling; a script that keeps its cookies is stopped by the browser's limit.
STARTS_PER_BROWSER = {"limit": 10, "window_seconds": 60}
STARTS_PER_ADDRESS = {"limit": 1000, "window_seconds": 60}


def too_many(request, message: str, seconds: int = 60, *, back: str | None = None):
    """The 429 page: what happened and how long to wait (also in Retry-After), with a link
    back to where the student was: ``back``, or the page the request came from."""
    context = {"message": message, "back": back or came_from(request)}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


def came_from(request) -> str | None:
    """The form's ``next``, or else the Referer, when it is a page of this site."""
    for target in (request.POST.get("next"), request.headers.get("Referer")):
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
    return None


def _address(request) -> str:
    return ratelimit.client_key(request)


def _used_key(request, code: str) -> str:
    return f"code-used:{_address(request)}:{code.upper()}"


def code_used(request, code: str) -> None:
    """Remember that this code was used at this client's address (see CODE_USED)."""
    ratelimit.note(key=_used_key(request, code), **CODE_USED)


def code_refusal(request, *, browser: str, code: str | None):
    """The 429 page if this client must wait before `code` is looked up, else None."""
    mine = ratelimit.wait_seconds(key=f"codes:browser:{browser}", **CODES_PER_BROWSER)
    ours = ratelimit.wait_seconds(key=f"codes:address:{_address(request)}", **CODES_PER_ADDRESS)
    if not (mine or ours):
        return None
    if code and ratelimit.seen(key=_used_key(request, code), **CODE_USED):
        return None
    if mine >= ours:
        message = ngettext(
            "You have typed too many wrong codes. Wait %(seconds)d second, then try again.",
            "You have typed too many wrong codes. Wait %(seconds)d seconds, then try again.",
            mine,
        )
        return too_many(request, message % {"seconds": mine}, mine)
    message = ngettext(
        "Too many wrong codes came from your network. Wait %(seconds)d second, then try again.",
        "Too many wrong codes came from your network. Wait %(seconds)d seconds, then try again.",
        ours,
    )
    return too_many(request, message % {"seconds": ours}, ours)


def wrong_code(request, *, browser: str):
    """Count a wrong code against the browser and the address; the 429 page once either is
    past its limit, else None. The counts are atomic, so clients that passed code_refusal
    together are still refused from the first code past the limit."""
    ratelimit.hit(key=f"codes:browser:{browser}", **CODES_PER_BROWSER)
    ratelimit.hit(key=f"codes:address:{_address(request)}", **CODES_PER_ADDRESS)
    return code_refusal(request, browser=browser, code=None)


def start_refusal(request, *, browser: str):
    """Count an attempt about to start; the 429 page if this client has started too many."""
    key = f"starts:browser:{browser}"
    if not ratelimit.hit(key=key, **STARTS_PER_BROWSER):
        seconds = max(1, ratelimit.wait_seconds(key=key, **STARTS_PER_BROWSER))
        message = ngettext(
            "You have started many quizzes in a minute. Wait %(seconds)d second, then try again.",
            "You have started many quizzes in a minute. Wait %(seconds)d seconds, then try again.",
            seconds,
        )
        return too_many(request, message % {"seconds": seconds}, seconds)
    key = f"starts:address:{_address(request)}"
    if not ratelimit.hit(key=key, **STARTS_PER_ADDRESS):
        seconds = max(1, ratelimit.wait_seconds(key=key, **STARTS_PER_ADDRESS))
        message = ngettext(
            "Too many quizzes were started from your network in a minute. Wait %(seconds)d "
            "second, then try again.",
            "Too many quizzes were started from your network in a minute. Wait %(seconds)d "
            "seconds, then try again.",
            seconds,
        )
        return too_many(request, message % {"seconds": seconds}, seconds)
    return None
