"""config/compression: pages are gzipped as Django does it, but a reply shorter than
MIN_LENGTH, such as most question steps, goes out as it is."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from config.compression import MIN_LENGTH, GZipMiddleware
from tests.quizzes.student import start

pytestmark = pytest.mark.django_db


def served(body: bytes):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    return GZipMiddleware(lambda request: HttpResponse(body))(request)


def test_a_reply_shorter_than_the_minimum_goes_out_uncompressed():
    body = b"<p>" + b"x" * (MIN_LENGTH - 8) + b"</p>"
    response = served(body)
    assert response.content == body
    assert not response.has_header("Content-Encoding")


def test_the_minimum_is_where_compression_starts():
    assert not served(b"y" * (MIN_LENGTH - 1)).has_header("Content-Encoding")
    assert served(b"y" * MIN_LENGTH)["Content-Encoding"] == "gzip"


def test_a_longer_page_is_gzipped_with_djangos_padding_against_breach():
    body = b"<p>" + b"a page of the site " * 200 + b"</p>"
    response = served(body)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content) == body
    assert response.content[3] & gzip.FNAME  # the random file name Django adds
    assert len(response.content) < len(body) / 10


def test_a_question_step_comes_back_whole_and_the_quiz_page_compressed(question_bank, client):
    attempt = start(client, kinds=["true_false"])
    step = client.get(f"/quiz/{attempt.pk}/", HTTP_HX_REQUEST="true", HTTP_ACCEPT_ENCODING="gzip")
    assert len(step.content) < MIN_LENGTH and not step.has_header("Content-Encoding")
    assert b'name="answer"' in step.content
    page = client.get(f"/quiz/{attempt.pk}/", HTTP_ACCEPT_ENCODING="gzip")
    assert page["Content-Encoding"] == "gzip"
    assert b'name="answer"' in gzip.decompress(page.content)
