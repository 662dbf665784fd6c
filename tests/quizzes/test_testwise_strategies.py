"""A test-wise student who knows nothing about the Conference scores no better than chance.

Each strategy is code: it sees what a student sees (the stem and the options in the order
shown) and picks one option. Over the bank's single-choice questions, in each language, it
must score at most chance + 5 points, chance being the mean of 1/k over those questions.
"""

from collections import Counter

import pytest

from quizzes.generation.distractors import content_stems
from quizzes.generation.drafts import Kind, value_of
from tests.chi_squared import chi_squared_p

MARGIN = 0.05


def longest(draft, options, lang, seen):
    return max(options, key=lambda o: (len(o.text[lang]), -options.index(o)))


def most_like_the_stem(draft, options, lang, seen):
    stem = content_stems(draft.prompt[lang])
    return max(options, key=lambda o: (len(content_stems(o.text[lang]) & stem), -options.index(o)))


def middle_number(draft, options, lang, seen):
    return options[(len(options) - 1) // 2]


def seen_most_often(draft, options, lang, seen):
    return max(options, key=lambda o: (seen[o.text[lang]], -options.index(o)))


STRATEGIES = [longest, most_like_the_stem, middle_number, seen_most_often]


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("strategy", STRATEGIES, ids=lambda s: s.__name__)
def test_a_test_wise_strategy_scores_no_better_than_chance(bank, strategy, language):
    questions = [d for d in bank if d.kind == Kind.SINGLE_CHOICE]
    if strategy is middle_number:
        questions = [d for d in questions if all(value_of(o.ref) is not None for o in d.options)]
    seen = Counter(o.text[language] for d in bank for o in d.options)
    hits = sum(strategy(d, d.ordered_options(language), language, seen).correct for d in questions)
    chance = sum(1 / len(d.options) for d in questions) / len(questions)
    assert len(questions) >= 10
    assert hits / len(questions) <= chance + MARGIN


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_keys_position_is_uniform_across_the_bank(bank, language):
    ranks = Counter()
    for draft in bank:
        if draft.kind == Kind.SINGLE_CHOICE and len(draft.options) == 4:
            shown = draft.ordered_options(language)
            ranks[next(i for i, o in enumerate(shown) if o.correct)] += 1
    observed = [ranks[i] for i in range(4)]
    assert sum(observed) >= 30
    assert chi_squared_p(observed) > 0.01, observed


def test_a_true_count_is_as_often_the_smallest_option_as_the_largest(bank):
    ranks = Counter()
    for draft in bank:
        if draft.kind == Kind.SINGLE_CHOICE and draft.options[0].ref.startswith(
            ("number:", "date:")
        ):
            shown = draft.ordered_options("en")
            ranks[next(i for i, o in enumerate(shown) if o.correct)] += 1
    assert ranks[0] and ranks[3], ranks  # the key is sometimes the smallest, sometimes the largest
    assert chi_squared_p([ranks[i] for i in range(4)]) > 0.01, ranks


def test_the_uniformity_test_would_catch_a_biased_bank():
    assert chi_squared_p([40, 2, 3, 1]) < 0.001
    assert chi_squared_p([12, 11, 13, 10]) > 0.5
