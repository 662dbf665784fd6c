"""Small site-wide endpoints: a health check, robots.txt and the join link teachers share."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    """For load balancers and benchmarks: a short constant answer, no database."""
    return HttpResponse("ok\n", content_type="text/plain")


# Quiz pages are not listed: each belongs to one browser and answers 404 to anyone else,
# crawlers included, so there is nothing to hide from them.
ROBOTS = """User-agent: *
Disallow: /teach/
Disallow: /it/teach/
Disallow: /admin/
Disallow: /accounts/
"""


@cache_control(max_age=86400, public=True)
@require_safe
def robots(request):
    return HttpResponse(ROBOTS, content_type="text/plain")


@require_safe
def join_link(request, code):
    """The link a teacher shares (and its QR code): in no language of its own, it opens the
    join page in the student's language (their language cookie, else their browser's), so a
    class shares one link whatever language the teacher's pages are in.

    LocaleMiddleware reads every unprefixed path as English (English pages have no prefix),
    so the student's language is asked for here, from the cookie and the browser only."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        return redirect("quizzes:join_set", code=code)
