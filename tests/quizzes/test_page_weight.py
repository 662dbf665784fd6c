"""The whole quiz page (HTML, CSS, JS) weighs under 60 KB compressed, all from this site, and
the site compresses what it sends to a browser that accepts gzip."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.quizzes.student import start

pytestmark = pytest.mark.django_db
LIMIT = 60 * 1024


def test_the_quiz_page_and_its_assets_weigh_under_60_kb_compressed(question_bank, client):
    attempt = start(client, kinds=["ordering", "single_choice"])
    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    assert any(a.endswith(b".css") for a in assets) and any(b"htmx" in a for a in assets)
    total = len(gzip.compress(html))
    for asset in assets:
        path = finders.find(asset.decode().removeprefix("/static/"))
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total < LIMIT, f"{total} bytes"


def test_no_page_loads_anything_from_another_host(question_bank, client):
    attempt = start(client, kinds=["matching", "single_choice"])
    for url in ("/", reverse("quizzes:take", args=[attempt.pk])):
        html = client.get(url).content.decode()
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html), url


def test_the_quiz_page_and_each_step_come_compressed_to_a_browser_that_accepts_gzip(
    question_bank, client
):
    attempt = start(client, kinds=["single_choice", "true_false"])
    url = reverse("quizzes:take", args=[attempt.pk])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate", **headers)
        assert response["Content-Encoding"] == "gzip"
        assert b'name="answer"' in gzip.decompress(response.content)
