"""Choosing wrong options that are plausible, false, and give nothing away.

Rules (Haladyna, Downing & Rodriguez 2002), applied in both languages at once:
- every distractor is known false in the fact base, of the key's type and form;
- options are distinct, also once folded (no two spellings of one name);
- the key is not the one longest option;
- no option shares more content words with the stem than all the others do;
- options stand in natural order, and the distractors are picked so that the key's rank in
  that order is a target drawn from the question's id: uniform over the bank, yet stable.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import math
import re
from contextlib import contextmanager
from contextvars import ContextVar

from conference import wording
from quizzes.generation.drafts import Option, natural_order, stable_int, value_of
from quizzes.generation.facts import LANGUAGES, Text

STOPWORDS = frozenset(
    """
    a an the of to in on at by for from with and or but not no as is was were be been did
    do does which who whom whose what when where how many much this that these those it its
    his her their them they he she we you one all any some into than then there about after
    before during until since over under per via also only own same other such both each
    il lo la i gli le l un uno una di del dello della dei degli delle da dal dalla dai dagli
    dalle in nel nello nella nei negli nelle su sul sulla sui sugli sulle con per tra fra a al
    allo alla ai agli alle e ed o che chi cui quale quali quanto quanti quante come quando
    dove non si suo sua suoi sue loro fu furono era erano essi stessi questo questa quello
    quella ne
    """.split()
)


@functools.lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """Content words, folded and cut to five letters: Soviets ~ Soviet, economic ~ economy."""
    words = re.findall(r"\w+", wording.fold(text))
    return frozenset(word[:5] for word in words if len(word) >= 4 and word not in STOPWORDS)


def overlap_gives_nothing_away(stem: str, labels: list[str]) -> bool:
    """No single option shares more content words with the stem than every other option."""
    stem_words = content_stems(stem)
    overlaps = sorted((len(content_stems(label) & stem_words) for label in labels), reverse=True)
    return overlaps[0] == 0 or (len(overlaps) > 1 and overlaps[0] == overlaps[1])


def key_not_uniquely_longest(key_label: str, labels: list[str]) -> bool:
    longest = max(len(label) for label in labels)
    return len(key_label) < longest or sum(len(label) == longest for label in labels) > 1


def distinct(options: list[Option]) -> bool:
    for language in LANGUAGES:
        folded = [wording.fold(option.text[language]) for option in options]
        if len(set(folded)) != len(folded):
            return False
    return len({option.ref for option in options}) == len(options)


# Figures stand apart: each at least 15 % from the next (51 beside 57 tests the last digit,
# not the history) and no wrong one beyond 2.5 times the key or below 1/2.5 of it (a figure
# so far off is rejected without knowing anything).
MIN_GAP = 1.15
MAX_SPREAD = 2.5


def well_spaced(options: list[Option]) -> bool:
    """Whether the figures of a number question are neither trivially close nor far."""
    values = [value_of(o.ref) for o in options]
    if not all(isinstance(v, int) and v > 0 for v in values):
        return True
    key = next((value_of(o.ref) for o in options if o.correct), None)
    ordered = sorted(values)
    if any(b < a * MIN_GAP for a, b in itertools.pairwise(ordered)):
        return False
    return key is None or all(key / MAX_SPREAD <= v <= key * MAX_SPREAD for v in values)


def acceptable(prompt: Text, options: list[Option], *, closed: bool = False) -> bool:
    """Every rule that a set of options must obey, in both languages.

    A closed set (the same few names in every question of a family, each the answer as
    often as the others) may have its longest name as the key: across the family the
    longest is right no more often than any other, so its length tells nothing."""
    if not distinct(options) or not well_spaced(options):
        return False
    for language in LANGUAGES:
        labels = [option.text[language] for option in options]
        if not overlap_gives_nothing_away(prompt[language], labels):
            return False
        for option in options:
            if closed or not option.correct:
                continue
            if not key_not_uniquely_longest(option.text[language], labels):
                return False
    return True


def fair_to_the_key(prompt: Text, options: list[Option]) -> bool:
    """For options written by hand (a connection's answer and misconceptions): the key is
    neither the one longest option nor the one that echoes the stem most, in either
    language. A wrong option may echo the stem: it only misleads the test-wise."""
    for language in LANGUAGES:
        labels = [option.text[language] for option in options]
        stem = content_stems(prompt[language])
        overlaps = [len(content_stems(label) & stem) for label in labels]
        for option, overlap in zip(options, overlaps, strict=True):
            if not option.correct:
                continue
            if not key_not_uniquely_longest(option.text[language], labels):
                return False
            if overlap > 0 and overlaps.count(overlap) == 1 and overlap == max(overlaps):
                return False
    return True


# How often each named thing is offered across the bank, set by the registry for its second
# pass (see registry.generate). Offering the much-offered things as distractors too keeps
# "pick the option seen most often" from being a winning strategy.
_popularity: ContextVar[dict[str, int] | None] = ContextVar("popularity", default=None)


@contextmanager
def popularity(counts: dict[str, int]):
    token = _popularity.set(counts)
    try:
        yield
    finally:
        _popularity.reset(token)


# The key's rank in each single-choice question, set by the registry for its second pass so
# that within each topic the key stands in every position about as often (see
# registry.rank_targets); without it, a rank drawn from the question's id.
_targets: ContextVar[dict[str, int] | None] = ContextVar("targets", default=None)


@contextmanager
def targets(ranks: dict[str, int]):
    token = _targets.set(ranks)
    try:
        yield
    finally:
        _targets.reset(token)


def rank_for(uid: str, size: int) -> int:
    ranks = _targets.get()
    if ranks and uid in ranks:
        return ranks[uid] % size
    return stable_int(uid, "rank") % size


def _by_popularity(candidates: list[Option]) -> list[Option]:
    counts = _popularity.get()
    if not counts or any(value_of(c.ref) is not None for c in candidates):
        return candidates  # numbers and dates keep their order of closeness
    rank = {c.ref: index for index, c in enumerate(candidates)}
    return sorted(candidates, key=lambda c: (-counts.get(c.ref, 0), rank[c.ref]))


def choose(
    *,
    uid: str,
    prompt: Text,
    key: Option,
    candidates: list[Option],
    size: int,
    rank: int | None = None,
) -> list[Option] | None:
    """Pick size-1 distractors from candidates (most plausible first).

    The key's rank in natural (English) order is ``rank`` or one drawn from the uid; a
    combination is taken only if every rule holds. Returns the options in natural order,
    or None when the facts allow no such set.
    """
    target = rank_for(uid, size) if rank is None else rank
    pool = _by_popularity([c for c in candidates if c.ref != key.ref])[:14]
    for combination in itertools.combinations(pool, size - 1):
        options = natural_order([key, *combination], "en")
        if options.index(key) != target:
            continue
        if acceptable(prompt, options):
            return options
    return None


def choose_any_rank(*, uid: str, prompt: Text, key: Option, candidates, size: int):
    """Like choose(), but the target rank may move to another one when the first fails."""
    first = rank_for(uid, size)
    for shift in range(size):
        options = choose(
            uid=uid,
            prompt=prompt,
            key=key,
            candidates=candidates,
            size=size,
            rank=(first + shift) % size,
        )
        if options:
            return options
    return None


def choose_plausible(
    *,
    uid: str,
    prompt: Text,
    key: Option,
    candidates: list[Option],
    size: int,
    closed: bool = False,
) -> list[Option] | None:
    """The most plausible distractors (candidates come best first) that obey every rule,
    with the key placed at its target rank: for names and sentences, whose alphabetical
    order tells nothing, so the key's place need not constrain which distractors are used."""
    pool = _by_popularity([c for c in candidates if c.ref != key.ref])[:14]
    for combination in itertools.combinations(pool, size - 1):
        options = [key, *combination]
        if acceptable(prompt, options, closed=closed):
            return placed(uid, options)
    return None


def placed(uid: str, options: list[Option]) -> list[Option]:
    """The wrong options in a fixed shuffle and a single key at its target rank."""
    keys = [o for o in options if o.correct]
    shuffled = sorted(options, key=lambda o: stable_int(uid, o.ref))
    if len(keys) != 1:
        return shuffled
    wrong = [o for o in shuffled if not o.correct]
    target = rank_for(uid, len(options))
    return [*wrong[:target], keys[0], *wrong[target:]]


# -- numbers ---------------------------------------------------------------------------------
FACTORS = (0.5, 0.6, 2 / 3, 0.75, 0.8, 0.9, 1.1, 1.2, 1.25, 4 / 3, 1.5, 1.75, 2.0)


def granularity(value: int) -> int:
    """The level of detail of a number: 480 is given to the ten, 139 to the unit."""
    if value >= 50 and value % 10 == 0:
        return 10
    return 1


def number_candidates(value: int, *, tolerance: int, known: set[int], uid: str) -> list[int]:
    """Plausible wrong numbers: near on a multiplicative scale, and the fact base's own."""
    if value <= 0:
        return [n for n in range(1, 9) if n > tolerance]
    step = granularity(value)

    def fits(n: int) -> bool:
        return n > 0 and abs(n - value) > tolerance and n != value and n % step == 0

    scaled = {max(step, round(value * factor / step) * step) for factor in FACTORS}
    if value <= 12:
        scaled |= {value + delta for delta in (-4, -3, -2, -1, 1, 2, 3, 4, 5)}
    near = sorted(
        (n for n in scaled if fits(n)),
        key=lambda n: (abs(math.log(n / value)), stable_int(uid, str(n))),
    )
    confusable = sorted(
        (n for n in known if fits(n) and 0.25 <= n / value <= 4), key=lambda n: abs(n - value)
    )
    ordered: list[int] = []
    for n in itertools.chain(*itertools.zip_longest(confusable, near)):
        if n is not None and n not in ordered:
            ordered.append(n)
    return ordered


def number_option(value: int, correct: bool = False) -> Option:
    return Option(ref=f"number:{value}", text=Text(str(value), str(value)), correct=correct)


def closeness_of_numbers(value: int, others: list[int]) -> float:
    if not others or value <= 0 or min(others) <= 0:
        return 0.0
    nearest = min(abs(math.log(n / value)) for n in others)
    return max(0.0, 1.0 - nearest / math.log(2))


# -- dates -----------------------------------------------------------------------------------
MAX_DATE_DISTANCE = 30  # days: a date a month away is no longer a plausible confusion


def date_candidates(key: datetime.date, *, known: set[datetime.date], uid: str) -> list:
    """Other days of the fact base first, then days around the key.

    Never the key moved by the calendar gap (13 days in 1917): that day names the same event
    in the other calendar, so it would be true under another form of the same fact.
    """
    from conference.calendars import offset_days

    gap = datetime.timedelta(days=offset_days(key))
    forbidden = {key, key - gap, key + gap}
    nearby = [key + datetime.timedelta(days=d) for d in (-1, 1, -2, 2, -3, 3, -4, 4, -5, 5)]
    confusable = [d for d in known if abs((d - key).days) <= MAX_DATE_DISTANCE]
    ordered = sorted(
        confusable, key=lambda d: (abs((d - key).days), stable_int(uid, d.isoformat()))
    )
    out = []
    for date in itertools.chain(*itertools.zip_longest(ordered, nearby)):
        if date is not None and date not in forbidden and date.year == key.year and date not in out:
            out.append(date)
    return out


def date_option(date: datetime.date, correct: bool = False) -> Option:
    return Option(
        ref=f"date:{date.isoformat()}",
        text=Text.build(lambda lang: wording.format_date(lang, date)),
        correct=correct,
    )


def closeness_of_dates(key: datetime.date, others: list[datetime.date]) -> float:
    if not others:
        return 0.0
    nearest = min(abs((d - key).days) for d in others)
    return max(0.0, 1.0 - (nearest - 1) / 5)
