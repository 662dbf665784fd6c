"""What a question family produces: a bilingual question draft, before it is stored."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum

from conference import wording
from quizzes.generation.facts import LANGUAGES, Citation, Text


class Kind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_RESPONSE = "multiple_response"
    TRUE_FALSE = "true_false"
    NUMERIC = "numeric"
    ORDERING = "ordering"
    MATCHING = "matching"
    SHORT_ANSWER = "short_answer"


class Topic(StrEnum):
    COMPOSITION = "composition"  # who came, how many, which parties
    PEOPLE = "people"  # who opened, chaired, represented, sat in the presidium
    BODIES = "bodies"  # what each body did and who elected it
    RESOLUTIONS = "resolutions"  # war, land, labour, economy
    CHRONOLOGY = "chronology"  # the dated events and the vote


FACT_TOPICS = {
    "party": Topic.COMPOSITION,
    "count": Topic.COMPOSITION,
    "person": Topic.COMPOSITION,  # a person's party
    "membership": Topic.PEOPLE,
    "body": Topic.BODIES,
    "bodyfact": Topic.BODIES,
    "resolution": Topic.RESOLUTIONS,
    "position": Topic.RESOLUTIONS,
    "event": Topic.CHRONOLOGY,
    "vote": Topic.CHRONOLOGY,
    "tally": Topic.CHRONOLOGY,
}


def topic_of(ref: str) -> Topic:
    """The topic a fact belongs to, by its kind ("event:..." -> chronology)."""
    return FACT_TOPICS[ref.partition(":")[0]]


class Level(StrEnum):
    RECALL = "recall"  # a fact as the articles state it
    UNDERSTANDING = "understanding"  # a connection: why, what followed, what it shows


@dataclass(frozen=True)
class Option:
    """A choice, an item to order, or one side of a matching pair."""

    ref: str  # what it names in the fact base: "person:kamenev", "number:480", "date:1917-04-12"
    text: Text
    correct: bool = False
    # Shown to a student who picks it: why a wrong option is wrong, from its own facts.
    feedback: Text | None = None


@dataclass(frozen=True)
class Query:
    """The question read as a query on the fact base: the unknown side is None."""

    relation: str
    subject: str | None = None
    object: str | None = None


@dataclass(frozen=True)
class Features:
    """What the difficulty prior reads (quizzes.difficulty)."""

    reverse: bool = False  # asks for the subject given the object ("Who opened ...?")
    two_step: bool = False  # needs a second fact or a computation
    closeness: float = 0.0  # 0 = distractors far from the key, 1 = very close
    prominence: int = 2  # 1 detail, 2 main point, 3 headline


@dataclass(frozen=True)
class Draft:
    uid: str
    kind: Kind
    topic: Topic
    prompt: Text
    explanation: Text
    citations: tuple[Citation, ...]
    facts: tuple[str, ...]  # the fact refs this question tests
    query: Query | None = None
    options: tuple[Option, ...] = ()  # single choice, multiple response
    truth: bool | None = None  # true/false
    number: int | None = None  # numeric
    tolerance: int = 0
    unit: Text | None = None
    items: tuple[Option, ...] = ()  # ordering, in the right order
    pairs: tuple[tuple[Option, Option], ...] = ()  # matching: (left, right)
    accepted: tuple[str, ...] = ()  # short answer: every accepted spelling, as typed
    answer_text: Text | None = None  # short answer: the answer as shown after answering
    features: Features = field(default_factory=Features)
    level: Level = Level.RECALL
    # Drafts sharing a group are alternatives (the true and the false version of one
    # statement): the registry keeps one of them.
    group: str = ""
    # Options shown in the given order (a fixed shuffle) instead of the natural order: for
    # sentences, whose alphabetical order means nothing.
    shuffled: bool = False
    # A related fact that helps without giving the key away (interactive quizzes' retries).
    hint: Text | None = None
    # The articles that state every fact the question tests ("en", "it"); set by the registry.
    articles: tuple[str, ...] = ()

    @property
    def option_count(self) -> int:
        if self.kind == Kind.TRUE_FALSE:
            return 2
        return len(self.options)

    @property
    def guessing_floor(self) -> float:
        if self.kind == Kind.TRUE_FALSE:
            return 0.5
        if self.kind == Kind.SINGLE_CHOICE:
            return 1 / len(self.options)
        return 0.0

    def ordered_options(self, language: str) -> list[Option]:
        if self.shuffled:
            return list(self.options)
        return natural_order(self.options, language)

    def key(self, language: str = "en"):
        """The right answer, as the JSON export states it."""
        if self.kind == Kind.SINGLE_CHOICE:
            return next(o.text[language] for o in self.options if o.correct)
        if self.kind == Kind.MULTIPLE_RESPONSE:
            return [o.text[language] for o in self.ordered_options(language) if o.correct]
        if self.kind == Kind.TRUE_FALSE:
            return self.truth
        if self.kind == Kind.NUMERIC:
            return {"value": self.number, "tolerance": self.tolerance}
        if self.kind == Kind.ORDERING:
            return [item.text[language] for item in self.items]
        if self.kind == Kind.MATCHING:
            return [[left.text[language], right.text[language]] for left, right in self.pairs]
        return self.accepted_in(language)

    def accepted_in(self, language: str) -> list[str]:
        """Accepted answers, the language's own spelling first."""
        first = [self.answer_text[language]] if self.answer_text else []
        rest = [a for a in self.accepted if a not in first]
        return first + rest

    def payload(self) -> dict:
        """The stored form (Question.payload): both languages and the answer key."""
        option_ids = {}
        data: dict = {
            "kind": str(self.kind),
            "topic": str(self.topic),
            "prompt": _text(self.prompt),
            "explanation": _text(self.explanation),
            "sources": [
                {"title": c.title, "language": c.language, "paragraph": c.paragraph}
                for c in self.citations
            ],
            "facts": list(self.facts),
            "level": str(self.level),
            "articles": list(self.articles),
            "hint": _text(self.hint) if self.hint else None,
        }
        if self.options:
            data["options"] = []
            for index, option in enumerate(self.options, start=1):
                option_ids[option.ref] = f"o{index}"
                data["options"].append(
                    {
                        "id": f"o{index}",
                        "ref": option.ref,
                        "text": _text(option.text),
                        "correct": option.correct,
                        "feedback": _text(option.feedback) if option.feedback else None,
                    }
                )
            data["order"] = {
                lang: [option_ids[o.ref] for o in self.ordered_options(lang)] for lang in LANGUAGES
            }
        if self.kind == Kind.TRUE_FALSE:
            data["truth"] = self.truth
        if self.kind == Kind.NUMERIC:
            data["number"] = self.number
            data["tolerance"] = self.tolerance
            data["unit"] = _text(self.unit) if self.unit else None
        if self.items:
            data["items"] = [
                {"id": f"i{index}", "ref": item.ref, "text": _text(item.text)}
                for index, item in enumerate(self.items, start=1)
            ]
        if self.pairs:
            rights = sorted({right.ref: right for _, right in self.pairs}.values(), key=_ref)
            right_ids = {right.ref: f"r{index}" for index, right in enumerate(rights, start=1)}
            data["lefts"] = [
                {
                    "id": f"l{index}",
                    "ref": left.ref,
                    "text": _text(left.text),
                    "match": right_ids[right.ref],
                }
                for index, (left, right) in enumerate(self.pairs, start=1)
            ]
            data["rights"] = [
                {"id": right_ids[r.ref], "ref": r.ref, "text": _text(r.text)} for r in rights
            ]
            data["right_order"] = {
                lang: [right_ids[r.ref] for r in natural_order(rights, lang)] for lang in LANGUAGES
            }
        if self.kind == Kind.SHORT_ANSWER:
            data["accepted"] = list(self.accepted)
            data["answer_text"] = _text(self.answer_text)
        return data

    def content_hash(self) -> str:
        """Changes exactly when what a student sees or is scored against changes."""
        encoded = json.dumps(self.payload(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(encoded.encode()).hexdigest()


def _text(text: Text) -> dict[str, str]:
    return {lang: text[lang] for lang in LANGUAGES}


def _ref(option: Option) -> str:
    return option.ref


def value_of(ref: str):
    """The sortable value behind a number or date ref; None for named things."""
    kind, _, raw = ref.partition(":")
    if kind == "number":
        return int(raw)
    if kind == "date":
        return datetime.date.fromisoformat(raw)
    return None


def natural_order(options, language: str) -> list:
    """Numbers and dates ascending, names alphabetically: an order that tells nothing."""
    options = list(options)
    values = [value_of(option.ref) for option in options]
    if options and all(value is not None for value in values):
        return [option for _, option in sorted(zip(values, options, strict=True), key=_first)]
    return sorted(options, key=lambda option: wording.sort_key(language, option.text[language]))


def _first(pair):
    return pair[0]


def stable_int(*parts: str) -> int:
    """A number that depends only on the parts: the same on every machine and run."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")
