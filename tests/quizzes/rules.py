"""The rules every generated question obeys, as checks that return what they found wrong.

Written independently of the generator's own choosing code: they read the draft and ask
the fact base (quizzes.generation.facts.FactBase) what is true.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

from conference import calendars, wording
from quizzes.generation.drafts import Draft, Kind, natural_order, value_of
from quizzes.generation.facts import LANGUAGES, FactBase

ENGLISH_WORDS = {
    "the",
    "and",
    "was",
    "were",
    "which",
    "who",
    "what",
    "how",
    "many",
    "did",
    "with",
    "select",
    "type",
    "apply",
    "match",
    "each",
    "put",
    "order",
}
NEGATIONS = re.compile(r"\b(not|never|none|non|mai|nessun[oa]?)\b", re.IGNORECASE)
ABOVE = re.compile(r"(all|none) of the above|tutte le precedenti|nessuna delle precedenti", re.I)


def triple(draft: Draft, ref: str) -> tuple:
    q = draft.query
    return (ref, q.relation, q.object) if q.subject is None else (q.subject, q.relation, ref)


def understanding(kb: FactBase, draft: Draft) -> list[str]:
    """A connection's question: its right answers are the connection's, its wrong ones the
    misconceptions, each with its correction; a statement is true exactly when it is the
    connection's answer."""
    problems = []
    key = draft.query.subject.split(":", 1)[1]
    connection = next((c for c in kb.connections if c.key == key), None)
    if connection is None:
        return [f"{draft.uid}: no connection {key}"]
    if draft.kind == Kind.TRUE_FALSE:
        if draft.truth != draft.query.object.endswith("/answer"):
            problems.append(f"{draft.uid}: a statement marked {draft.truth} wrongly")
        return problems
    for option in draft.options:
        part = option.ref.rsplit("/", 1)[1]
        if option.correct != (part in ("answer", "also")):
            problems.append(f"{draft.uid}: {option.ref} marked {option.correct}")
        if not option.correct and not option.feedback:
            problems.append(f"{draft.uid}: misconception {option.ref} without its correction")
    if draft.kind == Kind.SINGLE_CHOICE and sum(o.correct for o in draft.options) != 1:
        problems.append(f"{draft.uid}: not exactly one key")
    return problems


def correctness(kb: FactBase, draft: Draft) -> list[str]:
    """Exactly the options marked correct are true; every other one is known to be false."""
    problems = []
    if draft.query and draft.query.relation == "answers":
        return understanding(kb, draft)
    if draft.kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_RESPONSE):
        for option in draft.options:
            fact = triple(draft, option.ref)
            if option.correct and not kb.holds(*fact):
                problems.append(f"{draft.uid}: key {option.ref} is not true")
            if not option.correct and not kb.known_false(*fact):
                problems.append(f"{draft.uid}: distractor {option.ref} is not known false")
        keys = [o for o in draft.options if o.correct]
        if draft.kind == Kind.SINGLE_CHOICE and len(keys) != 1:
            problems.append(f"{draft.uid}: {len(keys)} keys")
        if draft.kind == Kind.MULTIPLE_RESPONSE and not keys:
            problems.append(f"{draft.uid}: no right option")
    elif draft.kind == Kind.TRUE_FALSE:
        q = draft.query
        fact = (q.subject, q.relation, q.object)
        if draft.truth and not kb.holds(*fact):
            problems.append(f"{draft.uid}: a true statement that is not true")
        if not draft.truth and not kb.known_false(*fact):
            problems.append(f"{draft.uid}: a false statement that is not known false")
    elif draft.kind == Kind.NUMERIC:
        values = kb.objects(draft.query.subject, draft.query.relation)
        if draft.query.relation == "date":  # "on which day of the month?"
            values = {f"number:{value_of(v).day}" for v in values}
        if values != {f"number:{draft.number}"}:
            problems.append(f"{draft.uid}: {draft.number} is not the one value ({values})")
    elif draft.kind == Kind.ORDERING:
        dates = [kb.event(item.ref.split(":", 1)[1]).date for item in draft.items]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            problems.append(f"{draft.uid}: items not in a strict order of dates {dates}")
    elif draft.kind == Kind.MATCHING:
        lefts = [left.ref for left, _ in draft.pairs]
        rights = [right.ref for _, right in draft.pairs]
        if len(set(lefts)) != len(lefts) or len(set(rights)) != len(rights):
            problems.append(f"{draft.uid}: a side repeats itself")
        for left, right in draft.pairs:
            if not _pair_holds(kb, left.ref, right.ref):
                problems.append(f"{draft.uid}: {left.ref} -> {right.ref} is not true")
        # and no other pairing is also true
        for left in lefts:
            for right in rights:
                if (left, right) not in zip(lefts, rights, strict=True) and _pair_holds(
                    kb, left, right
                ):
                    problems.append(f"{draft.uid}: {left} -> {right} is true as well")
    elif draft.kind == Kind.SHORT_ANSWER:
        q = draft.query
        answers = (
            kb.subjects(q.relation, q.object)
            if q.subject is None
            else kb.objects(q.subject, q.relation)
        )
        right = {wording.fold(n) for ref in answers for n in names(kb, ref)}
        wrong = {wording.fold(n) for ref in all_refs(kb, answers) for n in names(kb, ref)} - right
        accepted = {wording.fold(a) for a in draft.accepted}
        if not accepted or not accepted <= right:
            problems.append(f"{draft.uid}: accepts {sorted(accepted - right)} that name no answer")
        if accepted & wrong:
            problems.append(f"{draft.uid}: accepts the name of a wrong answer {accepted & wrong}")
    return problems


def _pair_holds(kb: FactBase, left: str, right: str) -> bool:
    if "|" in left:  # a role held in a body ("role:opened|body:conference"), against a person
        role, body = left.split("|")
        return kb.holds(right, role, body)
    kind = left.split(":", 1)[0]
    if kind == "bodyfact":
        return kb.holds(left, "deed_of", right)
    if kind == "event":
        return kb.holds(left, "date" if right.startswith("date:") else "actor", right)
    if kind == "count":
        return kb.holds(left, "value", right)
    if kind == "position":
        return kb.holds(left, "position_of", right)
    return False


def names(kb: FactBase, ref: str) -> list[str]:
    kind, _, key = ref.partition(":")
    if kind == "person":
        person = kb.person(key)
        spelled = [person.name.en, person.name.it, *person.variants]
        return spelled + [wording.surname(n) for n in spelled]
    if kind == "party":
        party = kb.party(key)
        return [
            party.name.en,
            party.name.it,
            *party.variants,
            party.member.en.split(" ", 1)[-1],
            party.member.it.split(" ", 1)[-1],
        ]
    return []


def all_refs(kb: FactBase, answers) -> list[str]:
    kinds = {ref.split(":", 1)[0] for ref in answers}
    out = []
    if "person" in kinds:
        out += [f"person:{p.key}" for p in kb.people]
    if "party" in kinds:
        out += [f"party:{p.key}" for p in kb.parties]
    return out


def forms(kb: FactBase, draft: Draft) -> list[str]:
    """Options are of one type, distinct in every language, and no other form of the key."""
    problems = []
    if draft.kind not in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_RESPONSE):
        return problems
    # A resolution's misreading stands among its positions.
    kinds = {o.ref.split(":", 1)[0].replace("misreading", "position") for o in draft.options}
    if len(kinds) != 1:
        problems.append(f"{draft.uid}: options of several types {kinds}")
    for lang in LANGUAGES:
        folded = [wording.fold(o.text[lang]) for o in draft.options]
        if len(set(folded)) != len(folded):
            problems.append(f"{draft.uid}: two options read the same in {lang}")
    keys = [o for o in draft.options if o.correct]
    for option in draft.options:
        value = value_of(option.ref)
        if isinstance(value, datetime.date):
            for key in keys:
                gap = datetime.timedelta(days=calendars.offset_days(value_of(key.ref)))
                if value in (value_of(key.ref) - gap, value_of(key.ref) + gap):
                    problems.append(f"{draft.uid}: {value} is the key in the other calendar")
        if option.ref.startswith("number:") and not option.text.en.isdigit():
            problems.append(f"{draft.uid}: number not written in digits: {option.text.en}")
    if draft.kind == Kind.SINGLE_CHOICE and keys:
        key_value = value_of(keys[0].ref)
        for option in draft.options:
            value = value_of(option.ref)
            if isinstance(value, int) and key_value == 0 and value > 8:
                problems.append(f"{draft.uid}: {value} is far from 0")
            elif isinstance(value, int) and key_value and not 0.25 <= value / key_value <= 4:
                problems.append(f"{draft.uid}: {value} is far from {key_value}")
            if isinstance(value, datetime.date) and abs((value - key_value).days) > 30:
                problems.append(f"{draft.uid}: {value} is far from {key_value}")
    return problems


def closed_sets(drafts: list[Draft]) -> set[str]:
    """Single-choice questions that offer the same few options as others of the bank, each
    option the key of as many of them as any other (the three people who did something at
    the Conference): there the longest option is right no more often than the rest."""
    by_set: dict[frozenset, list[Draft]] = {}
    for draft in drafts:
        if draft.kind == Kind.SINGLE_CHOICE:
            by_set.setdefault(frozenset(o.ref for o in draft.options), []).append(draft)
    closed = set()
    for refs, group in by_set.items():
        keys = Counter(next(o.ref for o in d.options if o.correct) for d in group)
        if len(group) > 1 and set(keys) == refs and len(set(keys.values())) == 1:
            closed |= {d.uid for d in group}
    return closed


def give_away(draft: Draft, closed: bool = False) -> list[str]:
    """Haladyna et al.: nothing in the options tells the test-wise student the answer.

    ``closed``: the draft is one of a closed set (closed_sets), whose key may be its longest
    option."""
    from quizzes.generation.distractors import content_stems

    problems = []
    if draft.kind not in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_RESPONSE):
        return problems
    for lang in LANGUAGES:
        labels = [o.text[lang] for o in draft.options]
        for label in labels:
            if ABOVE.search(label):
                problems.append(f"{draft.uid}: 'all/none of the above' option")
            if NEGATIONS.search(label):
                problems.append(f"{draft.uid}: negation inside an option: {label}")
        ordered = [o.ref for o in natural_order(draft.options, lang)]
        named = all(value_of(o.ref) is None for o in draft.options)
        # Names and sentences may stand in a fixed shuffle; numbers and dates never.
        if [o.ref for o in draft.ordered_options(lang)] != ordered and not (
            draft.shuffled and named
        ):
            problems.append(f"{draft.uid}: options not in natural order ({lang})")
        values = [value_of(o.ref) for o in draft.ordered_options(lang)]
        if all(v is not None for v in values) and values != sorted(values):
            problems.append(f"{draft.uid}: numbers or dates not ascending")
        if draft.kind != Kind.SINGLE_CHOICE:
            continue
        key = next(o for o in draft.options if o.correct)
        longest = max(len(label) for label in labels)
        unique = sum(len(x) == longest for x in labels) == 1
        if len(key.text[lang]) == longest and unique and not closed:
            problems.append(f"{draft.uid}: the key is the one longest option ({lang})")
        # The key never shares more words with the stem than every other option (a wrong
        # option that does only misleads the test-wise student).
        stem = content_stems(draft.prompt[lang])
        overlaps = [len(content_stems(label) & stem) for label in labels]
        top = max(overlaps)
        echoing = [o for o, n in zip(draft.options, overlaps, strict=True) if n == top]
        if top > 0 and len(echoing) == 1 and echoing[0].correct:
            problems.append(f"{draft.uid}: the key echoes the stem most ({lang})")
    return problems


def carries_everything(draft: Draft) -> list[str]:
    problems = []
    for lang in LANGUAGES:
        if not draft.prompt[lang].strip() or not draft.explanation[lang].strip():
            problems.append(f"{draft.uid}: empty prompt or explanation in {lang}")
    if not draft.citations:
        problems.append(f"{draft.uid}: no citation")
    if not draft.facts:
        problems.append(f"{draft.uid}: tests no fact")
    return problems


def italian_is_italian(draft: Draft) -> list[str]:
    texts = [draft.prompt.it, draft.explanation.it]
    texts += [o.text.it for o in draft.options] + [i.text.it for i in draft.items]
    texts += [side.text.it for pair in draft.pairs for side in pair]
    found = set()
    for text in texts:
        found |= {w for w in re.findall(r"\w+", text.lower()) if w in ENGLISH_WORDS}
    return [f"{draft.uid}: English words in the Italian text: {sorted(found)}"] if found else []


SENTENCE_END = re.compile(r"[.!?»”](?:\s|$)")


def sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s])


def teaches(draft: Draft) -> list[str]:
    """The explanation is two to four sentences and says something the question did not:
    it holds content words that neither the prompt nor the options hold."""
    from quizzes.generation.distractors import content_stems

    problems = []
    for lang in LANGUAGES:
        explanation = draft.explanation[lang]
        count = sentences(explanation)
        if not 2 <= count <= 4:
            problems.append(f"{draft.uid}: explanation of {count} sentences ({lang})")
        shown = " ".join(
            [
                draft.prompt[lang],
                *(o.text[lang] for o in draft.options),
                *(i.text[lang] for i in draft.items),
                *(side.text[lang] for pair in draft.pairs for side in pair),
            ]
        )
        if not content_stems(explanation) - content_stems(shown):
            problems.append(f"{draft.uid}: the explanation only repeats the question ({lang})")
    return problems


def feedback_on_every_wrong_option(draft: Draft) -> list[str]:
    """A student who picks a wrong option learns why: each carries its own feedback."""
    problems = []
    if draft.kind not in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_RESPONSE):
        return problems
    for option in draft.options:
        if option.correct:
            continue
        if option.feedback is None or not all(option.feedback[lang] for lang in LANGUAGES):
            problems.append(f"{draft.uid}: no feedback on {option.ref}")
    return problems


def asks_no_label_or_day(kb: FactBase, draft: Draft) -> list[str]:
    """No question asks which bracketed label an article used, or which day of the month."""
    problems = []
    if draft.kind == Kind.NUMERIC and draft.query and draft.query.relation == "date":
        problems.append(f"{draft.uid}: asks for a day of the month")
    labels = [p.phrase for p in kb.positions if p.phrase]
    for lang in LANGUAGES:
        asked = " ".join([draft.prompt[lang], *(o.text[lang] for o in draft.options)])
        for label in labels:
            if wording.fold(label[lang]) in wording.fold(asked):
                problems.append(f"{draft.uid}: asks about the label “{label[lang]}” ({lang})")
    return problems


def balanced_by_topic(drafts: list[Draft]) -> list[str]:
    """Within each topic, true/false statements are true between 30 % and 70 % of the time."""
    problems = []
    topics = {d.topic for d in drafts if d.kind == Kind.TRUE_FALSE}
    for topic in sorted(topics):
        truths = [d.truth for d in drafts if d.kind == Kind.TRUE_FALSE and d.topic == topic]
        share = sum(truths) / len(truths)
        if len(truths) >= 3 and not 0.3 <= share <= 0.7:
            problems.append(f"{topic}: {sum(truths)} of {len(truths)} statements are true")
    return problems


def one_statement_per_fact(drafts: list[Draft]) -> list[str]:
    """No fact is stated twice as true or false (three versions of one event)."""
    seen: dict[tuple, str] = {}
    problems = []
    for draft in drafts:
        if draft.kind != Kind.TRUE_FALSE:
            continue
        key = draft.facts
        if key in seen:
            problems.append(f"{draft.uid} and {seen[key]} state the same fact")
        seen[key] = draft.uid
    return problems


def check_all(kb: FactBase, drafts: list[Draft]) -> list[str]:
    problems = []
    closed = closed_sets(drafts)
    for draft in drafts:
        problems += correctness(kb, draft)
        problems += forms(kb, draft)
        problems += give_away(draft, draft.uid in closed)
        problems += carries_everything(draft)
        problems += italian_is_italian(draft)
        problems += teaches(draft)
        problems += feedback_on_every_wrong_option(draft)
        problems += asks_no_label_or_day(kb, draft)
    problems += balanced_by_topic(drafts)
    problems += one_statement_per_fact(drafts)
    uids = [d.uid for d in drafts]
    if len(set(uids)) != len(uids):
        problems.append("two questions share an id")
    return problems
