"""Nicknames as a class sees them: normalised, and compared by how they look.

A nickname is shown to the teacher and, in a live class, to everyone: "Аnna" with a Cyrillic
А, "Anna" followed by a zero-width joiner, or a name turned round by a right-to-left
override would pass for a classmate. So a nickname is normalised (NFKC folds fullwidth and
other compatibility forms), loses the invisible format characters, and is compared with the
others of its set by its skeleton: each character replaced by the Latin one it can be taken
for (Unicode's confusables, from confusable-homoglyphs), case ignored.
"""

from __future__ import annotations

import functools
import unicodedata

from confusable_homoglyphs import confusables

# Categories that print nothing a reader can see: format (zero-width joiners, direction
# overrides), control, private use, surrogates, and line and paragraph separators.
INVISIBLE = {"Cf", "Cc", "Co", "Cs", "Zl", "Zp"}


def clean(text: str) -> str:
    """The nickname as stored: compatibility forms folded, invisible characters dropped,
    runs of spaces made one."""
    folded = unicodedata.normalize("NFKC", text or "")
    visible = "".join(ch for ch in folded if unicodedata.category(ch) not in INVISIBLE)
    return " ".join(visible.split())


def readable(text: str) -> bool:
    """Whether a nickname holds at least one letter or digit."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


@functools.lru_cache(maxsize=4096)
def _latin(ch: str) -> str:
    found = confusables.is_confusable(ch, greedy=True, preferred_aliases=["latin", "common"])
    for entry in found or ():
        for glyph in entry["homoglyphs"]:
            if glyph["n"].startswith(("LATIN", "DIGIT")):
                return glyph["c"]
    return ch


def skeleton(text: str) -> str:
    """What a nickname looks like: its characters mapped to the Latin ones they resemble,
    case and spacing ignored. Two nicknames with one skeleton cannot be told apart."""
    return "".join(_latin(ch) for ch in clean(text).casefold() if not ch.isspace()).casefold()


def looks_like(one: str, other: str) -> bool:
    return skeleton(one) == skeleton(other)
