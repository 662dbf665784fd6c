"""References to other facts inside a fact's wording: {person:plekhanov}, {tally:vote/for}...

Wording that names a person, a figure or a date writes a reference instead of copying it,
so that a correction made in one place (a transliteration, a count, a date) reaches every
sentence that uses it. The question generator fills the references in each language
(quizzes.generation.facts.FactBase.fill); this module only finds and checks them. Pure.

- {person:key}: the person's name;
- {count:key}: a count's value; {tally:vote-key/for}: a vote's tally;
- {date:event-key}: the event's date ("April 16, 1917" / "16 aprile 1917");
- {on:event-key}: the same as an adverb ("on April 16, 1917" / "il 16 aprile 1917",
  "l'11 aprile 1917").
"""

import re

REFERENCE = re.compile(r"\{(person|count|tally|date|on):([a-z0-9/-]+)\}")
KINDS = ("person", "count", "tally", "date", "on")


def references(text: str) -> list[tuple[str, str]]:
    """Every (kind, key) referred to in a text, in order."""
    return REFERENCE.findall(text or "")


def unknown(texts, known: dict[str, set[str]]) -> list[str]:
    """The references in texts that name nothing: ["{person:nobody}"]. ``known`` maps a
    kind (person, count, tally, event) to the keys that exist."""
    missing = []
    for text in texts:
        for kind, key in references(text):
            pool = known.get("event" if kind in ("date", "on") else kind, set())
            if key not in pool:
                missing.append(f"{{{kind}:{key}}}")
    return missing


def mentions(text: str) -> set[str]:
    """The people a text names through a reference."""
    return {key for kind, key in references(text) if kind == "person"}


def fill(text: str, values: dict[tuple[str, str], str]) -> str:
    """The text with each reference replaced by its value ({(kind, key): "Georgy Plekhanov"});
    a reference without a value stays as written, so nothing is silently dropped."""
    return REFERENCE.sub(lambda m: values.get((m.group(1), m.group(2)), m.group(0)), text or "")
