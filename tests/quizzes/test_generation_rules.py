"""Every rule a generated question obeys, checked on the bank of the real fact base."""

from collections import Counter

import pytest

from quizzes.generation.drafts import Kind
from tests.quizzes import rules


def test_exactly_the_options_marked_correct_are_true(real_kb, bank):
    assert [p for d in bank for p in rules.correctness(real_kb, d)] == []


def test_a_presidium_question_never_offers_a_member_as_a_wrong_answer(real_kb, bank):
    members = {f"person:{m.person}" for m in real_kb.memberships if m.body == "presidium"}
    presidium = [d for d in bank if d.query and d.query.object == "body:presidium"]
    assert presidium
    for draft in presidium:
        for option in draft.options:
            assert option.correct == (option.ref in members), draft.uid


def test_single_choice_questions_have_exactly_their_key_as_answer(real_kb, bank):
    # Read as a query on the fact base, the question's answers among its options are the key.
    for draft in (d for d in bank if d.kind == Kind.SINGLE_CHOICE):
        answers = {o.ref for o in draft.options if real_kb.holds(*rules.triple(draft, o.ref))}
        assert answers == {o.ref for o in draft.options if o.correct}, draft.uid


def test_reverse_questions_with_many_answers_are_qualified_or_select_all(real_kb, bank):
    for draft in bank:
        q = draft.query
        if draft.kind != Kind.SINGLE_CHOICE or q.subject is not None:
            continue
        if len(real_kb.subjects(q.relation, q.object)) > 1:
            assert draft.prompt.en.startswith("Which of these"), draft.uid


def test_no_distractor_is_the_key_in_another_form(real_kb, bank):
    assert [p for d in bank for p in rules.forms(real_kb, d)] == []


def test_options_give_nothing_away(bank):
    assert [p for d in bank for p in rules.give_away(d)] == []


def test_every_question_has_explanation_citation_and_fact(bank):
    assert [p for d in bank for p in rules.carries_everything(d)] == []


def test_no_english_word_in_the_italian_bank(bank):
    assert [p for d in bank for p in rules.italian_is_italian(d)] == []


def test_true_false_statements_are_half_true_half_false(bank):
    counts = Counter(d.truth for d in bank if d.kind == Kind.TRUE_FALSE)
    assert counts[True] == counts[False] > 20


def test_a_false_statement_changes_one_value_of_a_true_one(real_kb, bank):
    def kind(ref):
        return ref.split(":", 1)[0]

    for draft in (d for d in bank if d.kind == Kind.TRUE_FALSE and not d.truth):
        subject, relation, obj = draft.query.subject, draft.query.relation, draft.query.object
        true_objects = real_kb.objects(subject, relation)  # same subject, another value
        true_subjects = real_kb.subjects(relation, obj)  # same value, another subject
        changed_object = bool(true_objects) and {kind(o) for o in true_objects} == {kind(obj)}
        changed_subject = bool(true_subjects) and {kind(s) for s in true_subjects} == {
            kind(subject)
        }
        assert changed_object or changed_subject, draft.uid


def test_every_kind_of_question_is_in_the_bank(bank):
    assert {d.kind for d in bank} == set(Kind)


def test_the_bank_has_at_least_150_questions_per_language(bank):
    assert len([d for d in bank if d.prompt.en]) >= 150
    assert len([d for d in bank if d.prompt.it]) >= 150


def fact_refs(kb):
    refs = [f"membership:{m.key}" for m in kb.memberships]
    refs += [f"event:{e.key}" for e in kb.events]
    refs += [f"count:{c.key}" for c in kb.counts]
    refs += [f"tally:{v.key}/{choice}" for v in kb.votes for choice, _ in v.tallies]
    refs += [f"bodyfact:{d.key}" for d in kb.deeds]
    refs += [f"position:{p.key}" for p in kb.positions]
    refs += [f"person:{p.key}" for p in kb.people if p.party]
    refs += [f"party:{p.key}" for p in kb.parties]
    refs += [f"body:{b.key}" for b in kb.bodies if b.elected_by]
    return refs


def test_each_fact_is_tested_by_at_least_two_kinds_of_question(real_kb, bank):
    kinds = {}
    for draft in bank:
        for fact in draft.facts:
            kinds.setdefault(fact, set()).add(draft.kind)
    thin = {
        ref: sorted(kinds.get(ref, ())) for ref in fact_refs(real_kb) if len(kinds.get(ref, ())) < 2
    }
    assert thin == {}


def test_english_and_italian_test_the_same_fact_with_the_same_answer(bank):
    for draft in bank:
        assert draft.key("en") is not None
        if draft.kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_RESPONSE):
            en = {o.ref for o in draft.ordered_options("en") if o.correct}
            it = {o.ref for o in draft.ordered_options("it") if o.correct}
            assert en == it, draft.uid


@pytest.mark.parametrize("language", ["en", "it"])
def test_options_stand_in_natural_order(bank, language):
    for draft in (d for d in bank if d.kind == Kind.SINGLE_CHOICE):
        payload = draft.payload()
        texts = {o["id"]: o["text"][language] for o in payload["options"]}
        shown = [texts[i] for i in payload["order"][language]]
        values = [draft.options[int(i[1:]) - 1].ref for i in payload["order"][language]]
        if values[0].startswith(("number:", "date:")):
            assert values == sorted(values, key=lambda r: (len(r), r)) or values == sorted(values)
        else:
            from conference.wording import sort_key

            assert shown == sorted(shown, key=lambda t: sort_key(language, t)), draft.uid
