"""Small site-wide endpoints: a health check and robots.txt."""

from django.http import HttpResponse
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
