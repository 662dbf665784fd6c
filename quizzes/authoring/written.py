"""A teacher's question as written, in a form or in an imported file: what makes it unusable,
and the payload it is stored as. Pure: no database, no request.

The payload is the one generated questions store (quizzes.generation.drafts.Draft.payload),
so scoring, presenting, option tokens, exports and statistics read a teacher's question
like any other. Two keys are added: ``languages`` (the languages the teacher wrote it in;
the other language shows the written text) and a source of the teacher's own words in
``sources`` (a title, no article paragraph).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from conference import wording
from quizzes.generation.drafts import Draft, Kind, Level, Option, Topic
from quizzes.generation.facts import LANGUAGES, Text

# Named within a sentence ("Write this option in Italian too"): lower case in Italian.
LANGUAGE_NAMES = {
    "en": pgettext_lazy("within a sentence", "English"),
    "it": pgettext_lazy("within a sentence", "Italian"),
}
CHOICE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_RESPONSE)
MAX_ROWS = 12
PROMPT_MAX = 1000
EXPLANATION_MAX = 2000
OPTION_MAX = 300
FEEDBACK_MAX = 500
SOURCE_MAX = 200
ANSWER_MAX = 200  # what a student can type (quizzes.forms.TEXT_MAX)
# What a student can type as a number (quizzes.forms.NUMBER), with a comma or a point.
NUMBER = re.compile(r"-?\d{1,12}([.,]\d{1,6})?")

Texts = dict[str, str]


def _blank() -> Texts:
    return {lang: "" for lang in LANGUAGES}


@dataclass
class Choice:
    """An option of a choice question: its text, whether it is right, and its feedback."""

    text: Texts
    correct: bool = False
    feedback: Texts = field(default_factory=_blank)


@dataclass
class Written:
    """Everything a teacher writes about one question. Rows may be blank (a form's spare
    rows); blank rows are ignored."""

    kind: str
    prompt: Texts
    explanation: Texts = field(default_factory=_blank)
    topic: str = Topic.PEOPLE.value
    level: str = Level.RECALL.value
    facts: list[str] = field(default_factory=list)
    source: str = ""
    keep_order: bool = False  # options in the order written, not the natural order
    options: list[Choice] = field(default_factory=list)  # single choice, multiple response
    truth: bool | None = None  # true/false
    number: str = ""  # numeric, as typed
    tolerance: str = ""
    items: list[Texts] = field(default_factory=list)  # ordering, in the right order
    pairs: list[tuple[Texts, Texts]] = field(default_factory=list)  # matching
    accepted: dict[str, list[str]] = field(default_factory=dict)  # short answer, per language

    def languages(self) -> list[str]:
        """The languages the question is written in: those with a prompt."""
        return [lang for lang in LANGUAGES if _t(self.prompt, lang)]


@dataclass(frozen=True)
class Problem:
    """What makes a question unusable, and the form field it is about (``options``, ``items``
    and ``pairs`` name a whole group; ``__all__`` the question as a whole)."""

    field: str
    message: str


def _t(texts: Texts | None, lang: str) -> str:
    return (texts or {}).get(lang, "").strip()


def _used(texts: Texts) -> bool:
    return any(_t(texts, lang) for lang in LANGUAGES)


def _choice_used(choice: Choice) -> bool:
    return _used(choice.text) or _used(choice.feedback) or choice.correct


def parse_number(text: str) -> Decimal | None:
    """A number as a student could type it (139, 13.5, 13,5, -2), or None."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not NUMBER.fullmatch(text):
        return None
    return Decimal(text.replace(",", "."))


def problems(question: Written) -> list[Problem]:
    """Everything that would make the question unusable, each with the field it is about."""
    found: list[Problem] = []
    languages = question.languages()
    if not languages:
        return [Problem("prompt_en", _("Write the question in English, in Italian or in both."))]
    found += _stray_languages(question, languages)
    found += _lengths(question)
    if _used(question.explanation):
        found += [
            Problem(f"explanation_{lang}", _missing("explanation", lang))
            for lang in languages
            if not _t(question.explanation, lang)
        ]
    checks = {
        Kind.SINGLE_CHOICE: _choices,
        Kind.MULTIPLE_RESPONSE: _choices,
        Kind.TRUE_FALSE: _truth,
        Kind.NUMERIC: _number,
        Kind.ORDERING: _items,
        Kind.MATCHING: _pairs,
        Kind.SHORT_ANSWER: _accepted,
    }
    if question.kind not in checks:
        return [*found, Problem("__all__", _("This kind of question does not exist."))]
    found += checks[Kind(question.kind)](question, languages)
    if question.topic not in set(Topic):
        found.append(Problem("topic", _("Choose a topic.")))
    return found


def _all_texts(question: Written) -> list[Texts]:
    texts = [question.explanation]
    for choice in question.options:
        texts += [choice.text, choice.feedback]
    texts += question.items
    for left, right in question.pairs:
        texts += [left, right]
    texts.append({lang: "\n".join(lines) for lang, lines in question.accepted.items()})
    return texts


def _stray_languages(question: Written, languages: list[str]) -> list[Problem]:
    """Text in a language the question is not written in would be lost: say so."""
    return [
        Problem(
            f"prompt_{lang}",
            _(
                "You wrote parts of the question in %(language)s: write the question in "
                "%(language)s too, or clear them."
            )
            % {"language": LANGUAGE_NAMES[lang]},
        )
        for lang in LANGUAGES
        if lang not in languages and any(_t(texts, lang) for texts in _all_texts(question))
    ]


def _lengths(question: Written) -> list[Problem]:
    found = []
    for lang in LANGUAGES:
        if len(_t(question.prompt, lang)) > PROMPT_MAX:
            found.append(Problem(f"prompt_{lang}", _too_long(PROMPT_MAX)))
        if len(_t(question.explanation, lang)) > EXPLANATION_MAX:
            found.append(Problem(f"explanation_{lang}", _too_long(EXPLANATION_MAX)))
    if len(question.source.strip()) > SOURCE_MAX:
        found.append(Problem("source", _too_long(SOURCE_MAX)))
    return found


def _too_long(limit: int) -> str:
    return _("Too long: at most %(limit)d characters.") % {"limit": limit}


def _missing(what: str, lang: str) -> str:
    messages = {
        "option": _("Write this option in %(language)s too, or clear the row."),
        "item": _("Write this item in %(language)s too, or clear the row."),
        "match": _("Write this match in %(language)s too, or clear the row."),
        "feedback": _("Write this feedback in %(language)s too, or clear it."),
        "explanation": _("Write the explanation in %(language)s too, or clear it."),
    }
    return messages[what] % {"language": LANGUAGE_NAMES[lang]}


def _duplicates(rows: list[tuple[int, Texts]], prefix: str, languages: list[str]):
    """Two rows whose texts are the same once folded (case, accents, spaces)."""
    found = []
    for lang in languages:
        seen: dict[str, int] = {}
        for number, texts in rows:
            folded = wording.fold(_t(texts, lang))
            if not folded:
                continue
            if folded in seen:
                found.append(
                    Problem(
                        f"{prefix}_{number}_{lang}",
                        _("The same as row %(number)d: two rows must differ.")
                        % {"number": seen[folded]},
                    )
                )
            else:
                seen[folded] = number
    return found


def _choices(question: Written, languages: list[str]) -> list[Problem]:
    found = []
    used = [(n, c) for n, c in enumerate(question.options, start=1) if _choice_used(c)]
    for number, choice in used:
        for lang in languages:
            text = _t(choice.text, lang)
            if not text:
                message = (
                    _("This option is marked right but has no text.")
                    if choice.correct
                    else _missing("option", lang)
                )
                found.append(Problem(f"option_{number}_{lang}", message))
            elif len(text) > OPTION_MAX:
                found.append(Problem(f"option_{number}_{lang}", _too_long(OPTION_MAX)))
            feedback = _t(choice.feedback, lang)
            if len(feedback) > FEEDBACK_MAX:
                found.append(Problem(f"feedback_{number}_{lang}", _too_long(FEEDBACK_MAX)))
            elif not feedback and _used(choice.feedback):
                found.append(Problem(f"feedback_{number}_{lang}", _missing("feedback", lang)))
    found += _duplicates([(n, c.text) for n, c in used], "option", languages)
    right = sum(1 for _n, c in used if c.correct)
    if len(used) < 2:
        found.append(Problem("options", _("Give at least two options.")))
    if len(used) > MAX_ROWS:
        found.append(Problem("options", _too_many(MAX_ROWS)))
    if right == 0:
        found.append(Problem("options", _("Mark the right option.")))
    elif question.kind == Kind.SINGLE_CHOICE and right > 1:
        found.append(
            Problem(
                "options",
                _(
                    "A single-choice question has one right option: mark only one, or make it "
                    "a multiple-response question."
                ),
            )
        )
    return found


def _too_many(limit: int) -> str:
    return _("Too many rows: at most %(limit)d.") % {"limit": limit}


def _truth(question: Written, languages: list[str]) -> list[Problem]:
    if question.truth is None:
        return [Problem("truth", _("Say whether the statement is true or false."))]
    return []


def _number(question: Written, languages: list[str]) -> list[Problem]:
    found = []
    number = parse_number(question.number)
    if number is None:
        found.append(
            Problem("number", _("Type the right answer as a number, such as 1917 or 3.5."))
        )
    if question.tolerance.strip():
        tolerance = parse_number(question.tolerance)
        if number is None:
            found.append(
                Problem(
                    "tolerance",
                    _("A tolerance needs a number to apply to: the answer is not a number."),
                )
            )
        elif tolerance is None or tolerance < 0:
            found.append(Problem("tolerance", _("Type the tolerance as a number, 0 or more.")))
    return found


def _items(question: Written, languages: list[str]) -> list[Problem]:
    found = []
    used = [(n, item) for n, item in enumerate(question.items, start=1) if _used(item)]
    for number, item in used:
        for lang in languages:
            text = _t(item, lang)
            if not text:
                found.append(Problem(f"item_{number}_{lang}", _missing("item", lang)))
            elif len(text) > OPTION_MAX:
                found.append(Problem(f"item_{number}_{lang}", _too_long(OPTION_MAX)))
    found += _duplicates(used, "item", languages)
    if len(used) < 2:
        found.append(Problem("items", _("Give at least two items to put in order.")))
    if len(used) > MAX_ROWS:
        found.append(Problem("items", _too_many(MAX_ROWS)))
    return found


def _pairs(question: Written, languages: list[str]) -> list[Problem]:
    found = []
    used = [(n, pair) for n, pair in enumerate(question.pairs, start=1) if _used(pair[0]) or
            _used(pair[1])]  # fmt: skip
    for number, (left, right) in used:
        for lang in languages:
            for side, texts in (("left", left), ("right", right)):
                text = _t(texts, lang)
                if len(text) > OPTION_MAX:
                    found.append(Problem(f"{side}_{number}_{lang}", _too_long(OPTION_MAX)))
                elif text:
                    continue
                elif _used(texts):
                    what = "item" if side == "left" else "match"
                    found.append(Problem(f"{side}_{number}_{lang}", _missing(what, lang)))
                elif lang == languages[0]:  # a pair without a partner, said once
                    message = (
                        _("This item has no match: write its match, or clear the row.")
                        if side == "right"
                        else _("This match has no item: write the item, or clear the row.")
                    )
                    found.append(Problem(f"{side}_{number}_{lang}", message))
    found += _duplicates([(n, left) for n, (left, _r) in used], "left", languages)
    found += _shared_matches(used, languages)
    rights = {wording.fold(_t(right, languages[0])) for _n, (_l, right) in used}
    rights.discard("")
    if len(used) < 2:
        found.append(Problem("pairs", _("Give at least two pairs to match.")))
    elif len(rights) < 2:
        found.append(
            Problem("pairs", _("Give at least two different matches, or every item has the same."))
        )
    if len(used) > MAX_ROWS:
        found.append(Problem("pairs", _too_many(MAX_ROWS)))
    return found


def _shared_matches(used, languages: list[str]) -> list[Problem]:
    """Items may share a match, but only if it is the same in every language."""
    found = []
    keys: dict[tuple, int] = {}
    for number, (_left, right) in used:
        key = tuple(wording.fold(_t(right, lang)) for lang in languages)
        for other_key, other in keys.items():
            same = [a == b and a != "" for a, b in zip(key, other_key, strict=True)]
            if any(same) and not all(same):
                found.append(
                    Problem(
                        f"right_{number}_{languages[0]}",
                        _(
                            "The same match as row %(number)d in one language but not in the "
                            "other: write it the same in both, or differently in both."
                        )
                        % {"number": other},
                    )
                )
        keys.setdefault(key, number)
    return found


def _accepted(question: Written, languages: list[str]) -> list[Problem]:
    found = []
    for lang in languages:
        answers = [a.strip() for a in question.accepted.get(lang, []) if a.strip()]
        if not answers:
            found.append(
                Problem(
                    f"accepted_{lang}",
                    _("Write at least one accepted answer in %(language)s.")
                    % {"language": LANGUAGE_NAMES[lang]},
                )
            )
        elif any(len(a) > ANSWER_MAX for a in answers):
            found.append(
                Problem(
                    f"accepted_{lang}",
                    _("An answer is too long: students can type at most %(limit)d characters.")
                    % {"limit": ANSWER_MAX},
                )
            )
        elif len(answers) > MAX_ROWS * 2:
            found.append(Problem(f"accepted_{lang}", _too_many(MAX_ROWS * 2)))
    return found


# -- the stored form ---------------------------------------------------------------------------
def payload(question: Written, uid: str) -> dict:
    """The stored payload of a usable question (check ``problems`` first)."""
    draft = to_draft(question, uid)
    data = draft.payload()
    source = question.source.strip()
    data["sources"] = [{"title": source, "language": "", "paragraph": None}] if source else []
    data["languages"] = question.languages()
    return data


def content_hash(data: dict) -> str:
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def to_draft(question: Written, uid: str) -> Draft:
    languages = question.languages()

    def text(texts: Texts) -> Text:
        """Each language's own words; a language not written shows the first one's."""
        own = {lang: _t(texts, lang) for lang in LANGUAGES}
        return Text(**{lang: own[lang] if lang in languages else own[languages[0]]
                       for lang in LANGUAGES})  # fmt: skip

    kind = Kind(question.kind)
    fields: dict = {}
    if kind in CHOICE_KINDS:
        used = [c for c in question.options if _choice_used(c)]
        refs = _refs([c.text for c in used], "option", languages[0])
        fields["options"] = tuple(
            Option(ref, text(c.text), c.correct, text(c.feedback) if _used(c.feedback) else None)
            for ref, c in zip(refs, used, strict=True)
        )
        fields["shuffled"] = question.keep_order
    elif kind == Kind.TRUE_FALSE:
        fields["truth"] = bool(question.truth)
    elif kind == Kind.NUMERIC:
        fields["number"] = _json_number(parse_number(question.number))
        fields["tolerance"] = _json_number(parse_number(question.tolerance or "0"))
    elif kind == Kind.ORDERING:
        used = [item for item in question.items if _used(item)]
        fields["items"] = tuple(
            Option(f"item:{n}", text(item)) for n, item in enumerate(used, start=1)
        )
    elif kind == Kind.MATCHING:
        used = [(left, right) for left, right in question.pairs if _used(left) or _used(right)]
        rights = _refs([right for _left, right in used], "match", languages[0], shared=True)
        fields["pairs"] = tuple(
            (Option(f"item:{n}", text(left)), Option(ref, text(right)))
            for n, ((left, right), ref) in enumerate(zip(used, rights, strict=True), start=1)
        )
    else:
        accepted: list[str] = []
        for lang in languages:
            for answer in question.accepted.get(lang, []):
                if answer.strip() and answer.strip() not in accepted:
                    accepted.append(answer.strip())
        fields["accepted"] = tuple(accepted)
        firsts = {lang: _first_line(question.accepted.get(lang, [])) for lang in LANGUAGES}
        fields["answer_text"] = text(firsts)
    return Draft(
        uid=uid,
        kind=kind,
        topic=Topic(question.topic),
        prompt=text(question.prompt),
        explanation=text(question.explanation),
        citations=(),
        facts=tuple(question.facts),
        level=Level(question.level),
        **fields,
    )


def _first_line(lines: list[str]) -> str:
    return next((line.strip() for line in lines if line.strip()), "")


def _refs(texts: list[Texts], prefix: str, language: str, *, shared: bool = False) -> list[str]:
    """A ref for each row: "number:N" when every row is a whole number (so the natural order
    is ascending), else one per distinct text; ``shared`` rows with the same text share it."""
    words = [_t(t, language) for t in texts]
    whole = words and all(re.fullmatch(r"-?[1-9]\d{0,11}|0", w) for w in words)
    if whole and (shared or len(set(words)) == len(words)):
        return [f"number:{w}" for w in words]
    refs, seen = [], {}
    for number, word in enumerate(words, start=1):
        key = wording.fold(word) if shared else str(number)
        seen.setdefault(key, f"{prefix}:{len(seen) + 1}")
        refs.append(seen[key])
    return refs


def _json_number(value: Decimal | None):
    if value is None:
        return 0
    return int(value) if value == value.to_integral_value() else float(value)


# -- back from the stored form, to edit it -----------------------------------------------------
def from_payload(data: dict, *, topic: str, level: str, facts: list[str]) -> Written:
    """The question as its teacher wrote it, from a stored payload."""
    languages = data.get("languages") or list(LANGUAGES)

    def own(text: dict | None) -> Texts:
        return {lang: (text or {}).get(lang, "") if lang in languages else ""
                for lang in LANGUAGES}  # fmt: skip

    sources = data.get("sources") or []
    question = Written(
        kind=data["kind"],
        prompt=own(data["prompt"]),
        explanation=own(data.get("explanation")),
        topic=topic,
        level=level,
        facts=list(facts),
        source=sources[0]["title"] if len(sources) == 1 and not sources[0]["paragraph"] else "",
    )
    kind = data["kind"]
    if kind in CHOICE_KINDS:
        question.options = [
            Choice(own(o["text"]), o["correct"], own(o.get("feedback"))) for o in data["options"]
        ]
        question.keep_order = data["order"][languages[0]] == [o["id"] for o in data["options"]]
    elif kind == Kind.TRUE_FALSE:
        question.truth = data["truth"]
    elif kind == Kind.NUMERIC:
        question.number = str(data["number"])
        question.tolerance = str(data.get("tolerance") or "")
    elif kind == Kind.ORDERING:
        question.items = [own(item["text"]) for item in data["items"]]
    elif kind == Kind.MATCHING:
        rights = {r["id"]: r["text"] for r in data["rights"]}
        question.pairs = [(own(left["text"]), own(rights[left["match"]])) for left in data["lefts"]]
    else:
        question.accepted = {lang: _accepted_in(data, lang) for lang in languages}
    return question


def _accepted_in(data: dict, language: str) -> list[str]:
    """The accepted answers of one language: its own shown answer first, then the other
    spellings, leaving out the other language's shown answer."""
    first = data["answer_text"][language]
    others = {text for lang, text in data["answer_text"].items() if lang != language}
    return [first, *(a for a in data["accepted"] if a != first and a not in others)]
