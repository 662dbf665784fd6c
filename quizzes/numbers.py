"""Numbers as people type them in English and in Italian: a student's answer, a teacher's key."""

import re
from decimal import Decimal

from django.utils import formats

# What is stored: digits, and a decimal comma or point.
PLAIN = re.compile(r"-?\d{1,12}([.,]\d{1,6})?")


def parse(text: str, language: str) -> Decimal | None:
    """The number typed (139, 13.5, 13,5, -2), or None. Either mark is read as the decimal one
    (a phone may offer only one), except where ``language`` groups thousands with it: "1.000"
    is a thousand in Italian and one in English, "1,000" the other way round."""
    text = "".join(str(text).split())  # spaces, the no-break ones too
    thousands = formats.get_format("THOUSAND_SEPARATOR", lang=language)
    decimal = formats.get_format("DECIMAL_SEPARATOR", lang=language)
    grouped = re.fullmatch(
        rf"(-?\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+)(?:{re.escape(decimal)}(\d+))?", text
    )
    if grouped:
        whole, fraction = grouped[1].replace(thousands, ""), grouped[2]
        text = f"{whole}.{fraction}" if fraction else whole
    if not PLAIN.fullmatch(text):
        return None
    return Decimal(text.replace(",", "."))


def typed(text: str, language: str) -> str:
    """What was typed, in the one form the rest of the site reads whatever the language
    ("1.000" in Italian: "1000"); left as it is when it is not a number, to be refused."""
    number = parse(text, language)
    return str(number) if number is not None else text
