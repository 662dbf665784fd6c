"""Template filters that show fact-base values the way each language writes them."""

from django import template
from django.utils.translation import get_language

from conference import calendars, wording

register = template.Library()


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in wording.MONTHS else "en"


@register.filter
def long_date(value):
    """April 12, 1917 / 12 aprile 1917."""
    return wording.format_date(_language(), value) if value else ""


@register.filter
def julian_date(value):
    """The same day in the Julian (Old Style) calendar: March 30, 1917 / 30 marzo 1917."""
    if not value:
        return ""
    return wording.format_date(_language(), calendars.julian_from_gregorian(value).as_date())


@register.filter
def body_slot(template_text, body_name):
    """Fill a role's {body} slot: "was the chairman of {body}" -> "... of the Petrograd Soviet"."""
    return wording.fill_body(_language(), template_text, body_name)


@register.filter
def capfirst_sentence(value):
    return wording.sentence(str(value))


@register.filter
def quoted(value):
    """A phrase the articles quote, in the language's own quotation marks."""
    return wording.quote(_language(), str(value)) if value else ""
