"""The floor of an answer, for the throughput benchmark: the work the issue calls unavoidable.

A view that does only what any answer must: a form post through the site's whole middleware
(session, CSRF, everything the answer meets), one write transaction on the attempt's row, and
a 1 KB fragment rendered by the quiz step's Jinja2 engine. It reads nothing, checks nothing
and scores nothing. Its throughput against the bare view is the ceiling the answer path
could reach on this server; the answer's own ratio is read against it. Served only by the
benchmark (bench.settings), never by the site.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.http import require_POST

import config.urls
from quizzes.models import Attempt

# About the size of a question step: a heading, a form of three choices, a button.
FRAGMENT = """<section id="step" class="step" aria-labelledby="step-title">
  <header class="progress">
    <h1 id="step-title" tabindex="-1" data-focus>
      {{ _("Question %(number)s of %(total)s")|format(number=number, total=total) }}
    </h1>
    <progress value="{{ number - 1 }}" max="{{ total }}" aria-hidden="true"></progress>
  </header>
  <form method="post" action="{{ action }}" hx-post="{{ action }}" hx-target="#step"
        hx-swap="outerHTML" novalidate>
    <input type="hidden" name="position" value="{{ number }}">
    <fieldset class="question" lang="en">
      <legend>{{ prompt }}</legend>
      <div class="choices">
        {% for token, label in choices %}
        <label class="choice">
          <input type="radio" name="answer" value="{{ token }}"> <span>{{ label }}</span>
        </label>
        {% endfor %}
      </div>
    </fieldset>
    <button type="submit" class="primary">{{ _("Next question") }}</button>
  </form>
</section>
"""
TEMPLATE = engines["jinja2"].from_string(FRAGMENT)
CHOICES = [
    ("5c2d721ee9c1cafd0f65", "The first choice"),
    ("987a289689f74c4be337", "The second choice"),
    ("0f3b2c6de1a47c5b9a10", "The third choice"),
]


@require_POST
def floor(request, attempt_id):
    number = int(request.POST.get("position") or 0) + 1
    pk = Attempt._meta.pk.get_db_prep_value(attempt_id, connection)
    statement = f"UPDATE {Attempt._meta.db_table} SET score = score WHERE id = %s"
    if connection.vendor == "sqlite":
        with connection.write_transaction() as cursor:  # as the answer writes (config/sqlite3)
            cursor.execute(statement, [pk])
    else:
        with connection.cursor() as cursor:  # one statement, as the answer's on PostgreSQL
            cursor.execute(statement, [pk])
    context = {
        "number": number,
        "total": 208,
        "action": request.path,
        "prompt": "A question about as long as the bank's, with three choices to pick from.",
        "choices": CHOICES,
    }
    return HttpResponse(TEMPLATE.render(context, request))


urlpatterns = [path("bench/floor/<uuid:attempt_id>/", floor), *config.urls.urlpatterns]
