"""Reading the site's pages as a browser would: the CSRF token, and some valid answer to
the question shown. Shared by the load generators (without importing locust, which
patches the standard library on import)."""

from __future__ import annotations

import re

FIELD = re.compile(r'name="([a-z_0-9]+)"(?: value="([^"]*)")?')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# A live quiz's page: its step, and the fingerprint its next poll sends (If-None-Match).
STEP = re.compile(r'id="(?:step|screen)"[^>]*data-step="([a-z]+-\d+)"')
ETAG = re.compile(r'"If-None-Match": "\\"([^"\\]+)\\""')


def csrf_from(html: str) -> str:
    match = TOKEN.search(html)
    return match.group(1) if match else ""


def step_of(html: str) -> str | None:
    found = STEP.search(html)
    return found.group(1) if found else None


def etag_of(html: str) -> str | None:
    found = ETAG.search(html)
    return found.group(1) if found else None


def answer_for(html: str) -> dict:
    """Some valid answer to the question in this page or fragment (not necessarily right)."""
    data: dict = {}
    position = re.search(r'name="position" value="(\d+)"', html)
    data["position"] = position.group(1) if position else "0"
    radios = re.findall(r'type="(?:radio|checkbox)" name="answer" value="([a-z0-9]+)"', html)
    orders = re.findall(r'name="order" value="([a-z0-9]+)"', html)
    pairs = re.findall(r'name="pair_([a-z0-9]+)"', html)
    if radios:
        data["answer"] = radios[0]
    elif orders:
        data["order"] = orders
    elif pairs:
        choices = re.findall(r'<option value="([a-z0-9]+)"', html)
        for left in pairs:
            data[f"pair_{left}"] = choices[0]
    elif 'inputmode="decimal"' in html:
        data["answer"] = "139"
    else:
        data["answer"] = "Lenin"
    return data
