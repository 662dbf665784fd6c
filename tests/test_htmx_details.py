"""config/htmx: request.htmx says what django-htmx's says, read from the WSGI environ."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from django.test import RequestFactory

from config.htmx import HtmxMiddleware


def details(**headers):
    request = RequestFactory().get("/", **headers)
    HtmxMiddleware(lambda request: None)(request)
    return request


def test_an_htmx_request_is_told_from_a_plain_one():
    assert bool(details(HTTP_HX_REQUEST="true").htmx) is True
    assert bool(details().htmx) is False
    assert bool(details(HTTP_HX_REQUEST="false").htmx) is False


def test_the_other_htmx_headers_read_as_django_htmx_reads_them():
    request = details(
        HTTP_HX_REQUEST="true",
        HTTP_HX_BOOSTED="true",
        HTTP_HX_TARGET="step",
        HTTP_HX_CURRENT_URL="%2Fquiz%2F%C3%A8%2F",
        HTTP_HX_CURRENT_URL_URI_AUTOENCODED="true",
    )
    assert request.htmx.boosted is True
    assert request.htmx.target == "step"
    assert request.htmx.current_url == "/quiz/è/"
    assert details(HTTP_HX_TRIGGER="").htmx.trigger is None


def test_asking_whether_a_request_is_htmx_does_not_build_request_headers():
    request = details(HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN="t")
    assert request.htmx
    assert "headers" not in request.__dict__  # Django builds it on first use, then caches it


def test_the_middleware_sets_the_same_details_when_it_runs_async():
    async def view(request):
        return bool(request.htmx)

    request = RequestFactory().get("/", HTTP_HX_REQUEST="true")
    # In a thread of its own: the browser tests leave an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, HtmxMiddleware(view)(request)).result() is True
    assert "headers" not in request.__dict__
