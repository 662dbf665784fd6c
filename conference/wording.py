"""Language mechanics for English and Italian: dates, articles, prepositions, folding.

Pure functions. The fact base stores noun phrases with their definite article ("the
Petrograd Soviet", "il Soviet di Pietrogrado") and predicates with a {body} slot; this
module joins them the way each language does ("del Soviet", "nel presidium", "l'11 aprile").
"""

import datetime
import functools
import re
import unicodedata

MONTHS = {
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
    "it": (
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre"
    ).split(),
}

# {body}, or in Italian {di body}, {a body}, {da body}, {in body}, {su body}.
BODY_SLOT = r"\{(?:(di|a|da|in|su) )?body\}"

_ITALIAN_ARTICLES = ("il ", "lo ", "la ", "i ", "gli ", "le ", "l'", "l’")
_ARTICULATED = {
    # preposition -> article -> articulated form
    "di": {
        "il": "del",
        "lo": "dello",
        "la": "della",
        "i": "dei",
        "gli": "degli",
        "le": "delle",
        "l'": "dell'",
    },
    "a": {
        "il": "al",
        "lo": "allo",
        "la": "alla",
        "i": "ai",
        "gli": "agli",
        "le": "alle",
        "l'": "all'",
    },
    "da": {
        "il": "dal",
        "lo": "dallo",
        "la": "dalla",
        "i": "dai",
        "gli": "dagli",
        "le": "dalle",
        "l'": "dall'",
    },
    "in": {
        "il": "nel",
        "lo": "nello",
        "la": "nella",
        "i": "nei",
        "gli": "negli",
        "le": "nelle",
        "l'": "nell'",
    },
    "su": {
        "il": "sul",
        "lo": "sullo",
        "la": "sulla",
        "i": "sui",
        "gli": "sugli",
        "le": "sulle",
        "l'": "sull'",
    },
}


def split_article(language: str, phrase: str) -> tuple[str, str]:
    """("the", "Petrograd Soviet") or ("l'", "Ufficio organizzativo"); article may be ""."""
    lowered = phrase.lower()
    if language == "en":
        if lowered.startswith("the "):
            return phrase[:3].lower(), phrase[4:]
        return "", phrase
    for article in _ITALIAN_ARTICLES:
        if lowered.startswith(article):
            rest = phrase[len(article) :]
            return article.strip().replace("’", "'"), rest
    return "", phrase


def without_article(language: str, phrase: str) -> str:
    return split_article(language, phrase)[1]


def italian_feminine(phrase: str) -> bool:
    """Whether an Italian noun phrase with its article is feminine: la/le, or l' + a noun in -a.

    Used to agree a past participle ("fu eletto il presidium", "fu eletta l'Assemblea").
    """
    article, rest = split_article("it", phrase)
    if article in ("la", "le"):
        return True
    if article == "l'":
        noun = rest.split()[0] if rest.split() else ""
        return noun.lower().endswith("a")
    return False


def with_preposition(language: str, preposition: str, phrase: str) -> str:
    """Join a preposition to a noun phrase: ("it", "di", "il Soviet") -> "del Soviet"."""
    if language != "it":
        return f"{preposition} {phrase}"
    article, rest = split_article("it", phrase)
    if not article:
        return f"{preposition} {phrase}"
    joined = _ARTICULATED[preposition][article]
    return f"{joined}{rest}" if joined.endswith("'") else f"{joined} {rest}"


def fill_body(language: str, template: str, body_name: str) -> str:
    """Put a body's name into a predicate's {body} slot, joining Italian prepositions."""

    def replace(match: re.Match) -> str:
        preposition = match.group(1)
        if preposition:
            return with_preposition(language, preposition, body_name)
        return body_name

    return re.sub(BODY_SLOT, replace, template)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def sentence(text: str) -> str:
    """Capital first letter and one final full stop."""
    text = capitalise(text.strip())
    return text if text.endswith((".", "?", "!")) else f"{text}."


def format_date(language: str, date: datetime.date, *, year: bool = True) -> str:
    """April 12, 1917 / 12 aprile 1917 (Italian writes 1º for the first of the month)."""
    month = MONTHS[language][date.month - 1]
    if language == "it":
        day = "1º" if date.day == 1 else str(date.day)
        return f"{day} {month} {date.year}" if year else f"{day} {month}"
    return f"{month} {date.day}, {date.year}" if year else f"{month} {date.day}"


def on_date(language: str, date: datetime.date, *, year: bool = True) -> str:
    """The date as an adverbial: "on April 12, 1917" / "il 12 aprile 1917", "l'11 aprile"."""
    text = format_date(language, date, year=year)
    if language == "it":
        return f"l'{text}" if date.day in (8, 11) else f"il {text}"
    return f"on {text}"


def surname(full_name: str) -> str:
    return full_name.split()[-1] if full_name.split() else full_name


_APOSTROPHES = "'’ʼ`´"


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Text as compared in typed answers: no case, no diacritics, no apostrophes, one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate({ord(ch): None for ch in _APOSTROPHES})
    stripped = re.sub(r"[^\w\s-]", " ", stripped.casefold())
    return " ".join(stripped.replace("-", " ").split())


@functools.lru_cache(maxsize=8192)
def sort_key(language: str, label: str) -> tuple[str, str]:
    """Alphabetical order as a reader expects it: article and diacritics ignored."""
    return (fold(without_article(language, label)), label)


def quote(language: str, text: str) -> str:
    return f"«{text}»" if language == "it" else f"“{text}”"
