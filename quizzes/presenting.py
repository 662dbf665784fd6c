"""What a student sees of a stored question, and how their answer reads back. Pure.

Options never leave the server under their stored ids ("o1", "i2"...): each is shown under
a token derived from the attempt, the position and the id with an HMAC keyed by the site's
secret (Django's salted_hmac), so a token tells nothing about the option's order or
correctness and is useless in another attempt. The answer key is never part of what
`present` returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from conference.wording import fold, surname


def token(attempt_id, position: int, internal_id: str) -> str:
    value = f"{attempt_id}:{position}:{internal_id}"
    return salted_hmac("quizzes.presenting.token", value, algorithm="sha256").hexdigest()[:20]


def _seeded(attempt_id, position: int, ids: list[str], salt: str) -> list[str]:
    return sorted(ids, key=lambda i: token(attempt_id, position, f"{salt}:{i}"))


@dataclass(frozen=True)
class Choice:
    token: str
    text: str
    id: str = field(default="", repr=False, compare=False)  # server side only


@dataclass(frozen=True)
class Shown:
    """A question as rendered for one attempt: no key, opaque tokens."""

    kind: str
    prompt: str
    language: str
    choices: tuple[Choice, ...] = ()  # single choice, multiple response, true/false
    items: tuple[Choice, ...] = ()  # ordering, in the order shown
    lefts: tuple[Choice, ...] = ()  # matching
    rights: tuple[Choice, ...] = ()
    tolerance: float | None = None
    typed: str = ""  # what a typed answer is: "number", "name", "date" or "word"

    def lookup(self) -> dict[str, str]:
        """Token -> stored id, for every token this question shows."""
        return {
            c.token: c.id
            for group in (self.choices, self.items, self.lefts, self.rights)
            for c in group
        }


def present(
    payload: dict,
    *,
    attempt_id,
    position: int,
    language: str,
    shuffle_options: bool = False,
    order: list[str] | None = None,
) -> Shown:
    """The question for this attempt. ``order`` is an ordering question's current order of
    tokens (after moves); by default the items start in a shuffle that is never the answer."""
    kind = payload["kind"]

    def choice(internal_id: str, text: str) -> Choice:
        return Choice(token(attempt_id, position, internal_id), text, internal_id)

    shown = {"kind": kind, "prompt": payload["prompt"][language], "language": language}
    if kind in ("single_choice", "multiple_response"):
        texts = {o["id"]: o["text"][language] for o in payload["options"]}
        ids = payload["order"][language]
        if shuffle_options:
            ids = _seeded(attempt_id, position, ids, "options")
        shown["choices"] = tuple(choice(i, texts[i]) for i in ids)
    elif kind == "true_false":
        # In the quiz's language, as the statement is, whatever the page's language.
        with override(language):
            shown["choices"] = (choice("true", _("True")), choice("false", _("False")))
    elif kind == "ordering":
        texts = {item["id"]: item["text"][language] for item in payload["items"]}
        truth = [item["id"] for item in payload["items"]]
        by_token = {token(attempt_id, position, i): i for i in truth}
        if order and sorted(order) == sorted(by_token):
            ids = [by_token[t] for t in order]
        else:
            ids = _seeded(attempt_id, position, truth, "items")
            if ids == truth:  # never start from the answer
                ids = ids[1:] + ids[:1]
        shown["items"] = tuple(choice(i, texts[i]) for i in ids)
    elif kind == "matching":
        shown["lefts"] = tuple(
            choice(left["id"], left["text"][language]) for left in payload["lefts"]
        )
        texts = {r["id"]: r["text"][language] for r in payload["rights"]}
        shown["rights"] = tuple(choice(i, texts[i]) for i in payload["right_order"][language])
    elif kind == "numeric":
        shown["tolerance"] = payload.get("tolerance") or None
    if kind in ("numeric", "short_answer"):
        shown["typed"] = typed_kind(payload)
    return Shown(**shown)


DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b1[0-9]{3}\b")


def typed_kind(payload: dict) -> str:
    """What a typed answer is, for the hint beside its box: a number, a name (each word
    capitalised: "Chkheidze", "Nikolay Chkheidze"), a date, or another word."""
    if payload["kind"] == "numeric":
        return "number"
    accepted = [text.strip() for text in payload.get("accepted", []) if text.strip()]
    if accepted and all(DATE.search(text) for text in accepted):
        return "date"
    if accepted and all(word[:1].isupper() for text in accepted for word in text.split()):
        return "name"
    return "word"


def number_text(value, language: str) -> str:
    """A number as the quiz's language writes it: 12.5 in English, 12,5 in Italian."""
    text = str(value)
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",") if language == "it" else text


def answer_text(payload: dict, answer: dict | None, language: str) -> str:
    """The student's answer in words, for the review."""
    if not answer:
        return _("No answer")
    kind = payload["kind"]
    if kind == "single_choice":
        return _option_text(payload, answer.get("option"), language) or _("No answer")
    if kind == "multiple_response":
        chosen = [_option_text(payload, i, language) for i in answer.get("options", [])]
        return "; ".join(t for t in chosen if t) or _("None selected")
    if kind == "true_false":
        with override(language):
            return _("True") if answer.get("value") else _("False")
    if kind == "numeric":
        return number_text(answer.get("value", ""), language)
    if kind == "ordering":
        texts = {i["id"]: i["text"][language] for i in payload["items"]}
        return " → ".join(texts.get(i, "?") for i in answer.get("order", []))
    if kind == "matching":
        return "; ".join(_pairs(payload, answer.get("pairs", {}), language))
    return answer.get("text", "")


def wrong_picks(payload: dict, answer: dict | None, language: str) -> list[tuple[str, str]]:
    """Each wrong option the student picked, with why it is wrong (the option's feedback):
    what a wrong pick teaches, shown beside the explanation of the right answer."""
    if not answer or payload["kind"] not in ("single_choice", "multiple_response"):
        return []
    chosen = answer.get("options") or [answer.get("option")]
    return [
        (option["text"][language], option["feedback"][language])
        for option in payload["options"]
        if option["id"] in chosen and not option["correct"] and option.get("feedback")
    ]


def key_texts(payload: dict, language: str) -> list[str]:
    """The right answer in words: each right option of a select-all question (to show as a
    list, since options are whole sentences), else a single item."""
    if payload["kind"] in ("single_choice", "multiple_response"):
        right = {o["id"] for o in payload["options"] if o["correct"]}
        ids = payload["order"][language]
        return [_option_text(payload, i, language) for i in ids if i in right]
    return [key_text(payload, language)]


def key_text(payload: dict, language: str) -> str:
    """The right answer in words, shown once the question has been answered."""
    kind = payload["kind"]
    if kind in ("single_choice", "multiple_response"):
        return "; ".join(key_texts(payload, language))
    if kind == "true_false":
        with override(language):
            return _("True") if payload["truth"] else _("False")
    if kind == "numeric":
        if payload.get("tolerance"):
            return _("%(value)s (answers within %(tolerance)s accepted)") % {
                "value": number_text(payload["number"], language),
                "tolerance": number_text(payload["tolerance"], language),
            }
        return number_text(payload["number"], language)
    if kind == "ordering":
        return " → ".join(i["text"][language] for i in payload["items"])
    if kind == "matching":
        return "; ".join(
            _pairs(payload, {left["id"]: left["match"] for left in payload["lefts"]}, language)
        )
    return payload["answer_text"][language]


def _option_text(payload: dict, internal_id, language: str) -> str:
    for option in payload.get("options", []):
        if option["id"] == internal_id:
            return option["text"][language]
    return ""


def _pairs(payload: dict, pairs: dict, language: str) -> list[str]:
    rights = {r["id"]: r["text"][language] for r in payload["rights"]}
    return [
        f"{left['text'][language]} → {rights.get(pairs.get(left['id']), '—')}"
        for left in payload["lefts"]
    ]


@dataclass(frozen=True)
class Part:
    """One piece of an answer with its own mark: a matching pair, a place in an ordering,
    an option of a multiple-response question."""

    given: str  # what the student put there (or the option)
    right: bool
    label: str = ""  # the matched item, or the place's number
    key: str = ""  # the right one in that place, shown beside a wrong one
    picked: bool = True  # multiple response: False for a right option left unpicked


def answer_parts(payload: dict, answer: dict | None, language: str) -> list[Part]:
    """A matching, ordering or multiple-response answer piece by piece, each marked right
    or wrong with the right one beside it; empty for the other kinds and no answer."""
    if not answer:
        return []
    kind = payload["kind"]
    if kind == "multiple_response":
        chosen = set(answer.get("options", []))
        options = {o["id"]: o for o in payload["options"]}
        return [
            Part(
                given=options[i]["text"][language], right=options[i]["correct"], picked=i in chosen
            )
            for i in payload["order"][language]
            if i in chosen or options[i]["correct"]
        ]
    if kind == "matching":
        rights = {r["id"]: r["text"][language] for r in payload["rights"]}
        pairs = answer.get("pairs", {})
        return [
            Part(
                label=left["text"][language],
                given=rights.get(pairs.get(left["id"]), "—"),
                right=pairs.get(left["id"]) == left["match"],
                key=rights[left["match"]],
            )
            for left in payload["lefts"]
        ]
    if kind == "ordering":
        texts = {i["id"]: i["text"][language] for i in payload["items"]}
        truth = [i["id"] for i in payload["items"]]
        return [
            Part(label=str(place), given=texts.get(given, "?"), right=given == key, key=texts[key])
            for place, (given, key) in enumerate(
                zip(answer.get("order", []), truth, strict=False), start=1
            )
        ]
    return []


@dataclass(frozen=True)
class Entered:
    """What a student had entered, in the tokens a question is shown with: to show the
    question again with it (a saved answer, an interactive try)."""

    chosen: frozenset = frozenset()
    typed: str = ""
    pairs: dict = field(default_factory=dict)
    order: list | None = None


def moved(tokens: list[str], move: str) -> tuple[list[str], str]:
    """An ordering's tokens after the button ``move`` ("up:<token>" or "down:<token>"), and
    the button that keeps the focus: the same one, or at either end (where that one is
    disabled) the one in the other direction. Unknown tokens move nothing and focus nothing."""
    tokens = list(tokens)
    direction, _sep, token_moved = move.partition(":")
    if token_moved not in tokens:
        return tokens, ""
    index = tokens.index(token_moved)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(tokens):
        tokens[index], tokens[target] = tokens[target], tokens[index]
        index = target
    if direction == "up" and index == 0:
        direction = "down"
    elif direction == "down" and index == len(tokens) - 1:
        direction = "up"
    return tokens, f"{direction}:{token_moved}"


def entered(shown: Shown, answer: dict | None) -> Entered:
    """A stored answer (ids) as the inputs of ``shown`` (tokens)."""
    if not answer:
        return Entered()
    tokens = {internal: token for token, internal in shown.lookup().items()}
    kind = shown.kind
    if kind == "single_choice":
        return Entered(chosen=frozenset([tokens.get(answer.get("option"))]))
    if kind == "multiple_response":
        return Entered(chosen=frozenset(tokens.get(i) for i in answer.get("options", [])))
    if kind == "true_false":
        return Entered(chosen=frozenset([tokens["true" if answer.get("value") else "false"]]))
    if kind == "numeric":
        return Entered(typed=number_text(answer.get("value", ""), shown.language))
    if kind == "short_answer":
        return Entered(typed=str(answer.get("text", "")))
    if kind == "ordering":
        return Entered(order=[tokens[i] for i in answer.get("order", []) if i in tokens])
    if kind == "matching":
        pairs = answer.get("pairs", {})
        return Entered(pairs={tokens[k]: tokens.get(v) for k, v in pairs.items() if k in tokens})
    return Entered()


def hint(payload: dict, answer: dict, language: str) -> list[str]:
    """What an interactive quiz shows after a wrong try: it narrows the field (why the
    options picked are wrong, whether the figure is higher or lower, how many items are in
    place) and points to a related fact, never to the key itself."""
    kind = payload["kind"]
    # Why a pick is wrong may name the right answer ("Lev Kamenev was a Bolshevik; Nikolay
    # Chkheidze was a Menshevik."): such a line waits for the feedback after the last try.
    keys = _key_words(payload, language)
    out = [
        text
        for _option, text in wrong_picks(payload, answer, language)
        if not any(names(text, key) for key in keys)
    ]
    if kind == "numeric":
        try:
            value = float(str(answer.get("value")))
        except ValueError:
            value = None
        if value is not None:
            out.append(
                _("The figure in the articles is higher.")
                if payload["number"] > value
                else _("The figure in the articles is lower.")
            )
    elif kind == "ordering":
        truth = [item["id"] for item in payload["items"]]
        placed = sum(1 for a, b in zip(answer.get("order", []), truth, strict=False) if a == b)
        out.append(
            ngettext(
                "%(placed)d of %(total)d events is in its right place.",
                "%(placed)d of %(total)d events are in their right places.",
                placed,
            )
            % {"placed": placed, "total": len(truth)}
        )
    elif kind == "matching":
        pairs = answer.get("pairs", {})
        right = sum(1 for left in payload["lefts"] if pairs.get(left["id"]) == left["match"])
        out.append(
            ngettext(
                "%(right)d of %(total)d pairs is right.",
                "%(right)d of %(total)d pairs are right.",
                right,
            )
            % {"right": right, "total": len(payload["lefts"])}
        )
    if payload.get("hint"):
        out.append(payload["hint"][language])
    return out


def _key_words(payload: dict, language: str) -> list[str]:
    """What a hint must not show: each right option's text, and a name's surname."""
    if payload["kind"] not in ("single_choice", "multiple_response"):
        return []
    out = []
    for option in payload["options"]:
        if option["correct"]:
            text = option["text"][language]
            out.append(text)
            if option.get("ref", "").startswith("person:"):
                out.append(surname(text))
    return out


def names(text: str, key: str) -> bool:
    """Whether a text names the key: the key's words as a whole, or, for a short key (a name,
    a party, a figure), each of its words in any form ("a Menshevik" names "Mensheviks",
    «un menscevico» names «menscevichi»)."""
    text, key = fold(text), fold(key)
    if re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text):
        return True
    words = key.split()
    if not words or len(words) > 3:
        return False
    found = text.split()
    return all(
        any(
            w == word or (len(word) > 4 and w.startswith(word[: max(4, len(word) - 2)]))
            for w in found
        )
        for word in words
    )


@dataclass(frozen=True)
class InFull:
    """A question as a teacher checks it before using it: every option with the right ones
    marked, the key in words and the explanation. Never shown to students."""

    options: tuple[tuple[str, bool], ...]  # (text, right); ordering: in the right order
    key: str
    explanation: str


def in_full(payload: dict, language: str) -> InFull:
    def text(value: dict) -> str:
        return value.get(language) or value.get("en", "")

    kind = payload["kind"]
    options: list[tuple[str, bool]] = []
    if kind in ("single_choice", "multiple_response"):
        by_id = {o["id"]: o for o in payload["options"]}
        ids = payload.get("order", {}).get(language) or list(by_id)
        options = [(text(by_id[i]["text"]), bool(by_id[i]["correct"])) for i in ids]
    elif kind == "ordering":
        options = [(text(item["text"]), True) for item in payload["items"]]
    elif kind == "matching":
        rights = {r["id"]: text(r["text"]) for r in payload["rights"]}
        options = [
            (f"{text(left['text'])} → {rights.get(left['match'], '—')}", True)
            for left in payload["lefts"]
        ]
    try:
        key = key_text(payload, language)
    except KeyError:  # a teacher's question not written in this language
        key = key_text(payload, "en" if language != "en" else "it")
    return InFull(tuple(options), key, text(payload.get("explanation") or {}))
