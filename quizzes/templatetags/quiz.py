"""Display helpers for quiz pages."""

import datetime

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from quizzes import grading

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """Seconds as m:ss, the way a countdown reads."""
    seconds = max(0, int(seconds or 0))
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter
def duration(value: datetime.timedelta) -> str:
    """4 min 12 s."""
    seconds = max(0, int(value.total_seconds()))
    minutes, seconds = divmod(seconds, 60)
    if minutes:
        return _("%(minutes)d min %(seconds)d s") % {"minutes": minutes, "seconds": seconds}
    return _("%(seconds)d s") % {"seconds": seconds}


@register.filter
def get_language(text: dict, language: str) -> str:
    """A stored bilingual text in one language: {{ payload.prompt|get_language:"it" }}."""
    return text.get(language) or text.get("en", "")


@register.filter
def percent(value) -> str:
    return f"{round(float(value) * 100)}%" if value is not None else "—"


@register.filter
def picked(pairs: dict | None, key: str):
    """The value chosen for one key of a matching question: {{ pairs|picked:left.token }}."""
    return (pairs or {}).get(key)


@register.filter
def decimal_mark(text: str) -> str:
    """A number already rounded for both the page and the CSV (quizzes.grading), with the
    decimal mark of the page's language: "55.6" reads "55,6" in Italian."""
    return str(text).replace(".", formats.get_format("DECIMAL_SEPARATOR"))


@register.filter
def points(value) -> str:
    """Points rounded as in the CSV (at most two decimals), in the page's language."""
    return decimal_mark(grading.points_text(float(value))) if value is not None else ""


@register.filter
def plural_count(value) -> int:
    """A number of points as {% blocktranslate count %} needs it: an int (gettext warns of
    a float). A fraction counts as 2, which English and Italian both read as plural."""
    number = float(value or 0)
    return int(number) if number.is_integer() else 2
