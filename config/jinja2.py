"""The Jinja2 environment of the quiz step, the one fragment a whole class asks for at once.

A question step is rendered on every answer; Jinja2 compiles it to Python and renders it in a
fraction of the Django template engine's time (docs/benchmarks.md). Everything else stays in
Django templates, which embed these with ``{% jinja "name" %}`` (quizzes/templatetags/quiz.py).

Values print as Django templates print them: localized, escaped with Django's own escape,
and a missing variable or attribute prints nothing. Interface strings go through gettext as
``{{ _("…") }}``, the form `makemessages` extracts from templates.
"""

from __future__ import annotations

import functools
import html

import jinja2
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from markupsafe import Markup

from quizzes.templatetags.quiz import clock, picked


def _as_django_prints(value):
    """What ``{{ value }}`` prints: as in a Django template (Django's entities, such as
    &#x27;, localized numbers and dates), with the common cases first since it runs for
    every value of every step."""
    if type(value) is str:
        return Markup(html.escape(value))
    if hasattr(value, "__html__"):
        return value
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return value
    return conditional_escape(localize(template_localtime(value)))


def _url(name: str, *args) -> str:
    """{{ url("quizzes:answer", attempt.pk) }}: reverse(), remembered, since each student
    asks for the same few URLs question after question."""
    where = (get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    return _reversed(name, args, where)


@functools.lru_cache(maxsize=4096)
def _reversed(name: str, args: tuple, where: tuple) -> str:
    return reverse(name, args=args)  # `where` is what reverse() reads besides its arguments


def environment(**options) -> jinja2.Environment:
    options["undefined"] = jinja2.ChainableUndefined  # like Django: missing prints nothing
    env = jinja2.Environment(finalize=_as_django_prints, **options)
    env.globals.update(_=gettext, url=_url)
    env.filters.update(clock=clock, picked=picked, floatformat=floatformat, localize=localize)
    return env
