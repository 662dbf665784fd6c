"""What every importer returns: the questions as a teacher would have written them, what was
lost on the way, and what could not be imported at all, with the reason. Pure."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from conference import wording
from quizzes.authoring import written as w
from quizzes.exporters.gift import ORDER_HINT
from quizzes.generation.drafts import Kind

MAX_BYTES = 1024 * 1024  # a Moodle course's bank of a few hundred questions fits in less
MAX_QUESTIONS = 500


class ImportRefused(Exception):
    """The whole file cannot be read; the message says why, in words a teacher reads."""


@dataclass
class Imported:
    """One question read from the file. ``notes`` say what was left out (imported anyway);
    ``problems`` what makes it unusable (not imported)."""

    number: int
    name: str
    written: w.Written
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Skipped:
    """A question of the file that has no equivalent here, and why."""

    number: int
    name: str
    reason: str


@dataclass
class Reading:
    format: str
    questions: list[Imported] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def usable(self) -> list[Imported]:
        return [q for q in self.questions if q.usable]

    def room_for(self, number: int) -> bool:
        """Whether the file's question ``number`` is read: not past the most an import
        reads (which is then noted)."""
        if number <= MAX_QUESTIONS:
            return True
        self.skipped.append(Skipped(number, "…", too_many(MAX_QUESTIONS)))
        return False

    def add(self, found: Imported | Skipped | None) -> None:
        """Keep what was read of one question (None: not a question, such as a category)."""
        if isinstance(found, Skipped):
            self.skipped.append(found)
        elif found is not None:
            self.questions.append(found)


def begun(number: int, name: str, *, prompt: str, feedback: str, language: str, topic: str,
          ours: bool) -> Imported:  # fmt: skip
    """A question read from a file, before its answers: its text in the file's language, and
    the general feedback as its explanation (with our exports' sources split off)."""
    explanation, source = explanation_and_source(feedback, ours)
    question = w.Written(
        kind=Kind.SINGLE_CHOICE.value,
        prompt=texts(prompt, language),
        explanation=texts(explanation, language),
        topic=topic,
        source=source,
    )
    return Imported(number, name, question)


def checked(question: Imported) -> Imported:
    """The question with every problem the form would refuse it for."""
    question.problems += [p.message for p in w.problems(question.written)]
    return question


def texts(text: str, language: str) -> dict[str, str]:
    """One language's text, the other left empty."""
    return {lang: text if lang == language else "" for lang in ("en", "it")}


# -- text ----------------------------------------------------------------------------------
class _Plain(HTMLParser):
    """HTML as the plain text a question here holds: tags dropped, breaks kept as lines."""

    BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "video", "audio", "object", "embed", "iframe", "svg"):
            self.images += 1
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def plain(text: str, fmt: str = "html") -> tuple[str, int]:
    """The text without markup, and how many images or media it held."""
    text = text or ""
    if fmt not in ("html", "moodle", ""):
        return _tidy(text), text.count("@@PLUGINFILE@@")
    parser = _Plain()
    parser.feed(text)
    parser.close()
    images = parser.images + ("@@PLUGINFILE@@" in text and not parser.images)
    return _tidy(html.unescape("".join(parser.parts))), images


def _tidy(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def unique_answers(answers: list[str]) -> list[str]:
    """Accepted answers without the ones that differ only in case or accents (never counted)."""
    seen, out = set(), []
    for answer in answers:
        folded = wording.fold(answer)
        if answer and folded not in seen:
            seen.add(folded)
            out.append(answer)
    return out


# -- our own exports, read back ------------------------------------------------------------
SOURCES = re.compile(r"^(?P<explanation>.*?)\s*\[(?P<sources>[^\[\]]*)\]$", re.DOTALL)


def explanation_and_source(feedback: str, ours: bool) -> tuple[str, str]:
    """Our exports add the sources to the explanation, in brackets: split them off again."""
    match = SOURCES.match(feedback) if ours else None
    if not match:
        return feedback, ""
    return match["explanation"], match["sources"].strip()[: w.SOURCE_MAX]


def matched(imported: Imported, pairs: list[tuple[str, str]], language: str, ours: bool):
    """The pairs (item, match) read from a file, as a matching question, or as the ordering
    question our exports wrote as matching. A match without an item (Moodle's extra wrong
    answer) is noted, not kept."""
    kept = []
    for left, right in pairs:
        if left:
            kept.append((left, right))
        else:
            imported.notes.append(
                _("The extra wrong match “%(text)s” is not kept.") % {"text": right}
            )
    question = imported.written
    ordering = ordering_from_places(question.prompt[language], kept, ours)
    if ordering:
        prompt, items = ordering
        question.kind = Kind.ORDERING.value
        question.prompt = texts(prompt, language)
        question.items = [texts(item, language) for item in items]
        return
    question.kind = Kind.MATCHING.value
    question.pairs = [(texts(left, language), texts(right, language)) for left, right in kept]


def ordering_from_places(prompt: str, pairs: list[tuple[str, str]], ours: bool):
    """Our exports write an ordering question as matching each item to its place, with a hint
    after the prompt: the question and its items in order, or None if it is not one."""
    if not ours or len(pairs) < 2:
        return None
    places = [right for _left, right in pairs]
    if sorted(places) != sorted(str(n) for n in range(1, len(pairs) + 1)):
        return None
    for hint in ORDER_HINT.values():
        if prompt.endswith(" " + hint):
            items = [left for left, _right in sorted(pairs, key=lambda pair: int(pair[1]))]
            return prompt[: -len(hint) - 1], items
    return None


def too_many(count: int) -> str:
    return ngettext(
        "Only the first question of the file is read.",
        "Only the first %(count)d questions of the file are read.",
        count,
    ) % {"count": count}


def image_reason() -> str:
    return _("It shows an image or other media, which questions here cannot show.")
