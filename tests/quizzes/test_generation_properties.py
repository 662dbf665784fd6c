"""Property tests: mutate the fact base, regenerate, and every rule still holds.

Mutations: rename people (clashing names included), change counts and tallies, add and
remove presidium members, move dates. The rules are those of tests/quizzes/rules.py.
"""

import dataclasses
import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.generation.facts import FactBase, Membership, Person, Text
from quizzes.generation.registry import generate
from tests.quizzes import rules
from tests.quizzes.kb_fixture import fact_base_from_fixture

BASE = fact_base_from_fixture()
GIVEN = ["Ivan", "Pavel", "Fëdor", "Il'ja", "Grigorij", "Lev", "Nikolaj", "Sergej"]
FAMILY = [
    "Ivanov",
    "Petrov",
    "Čcheidze",
    "Kamenev",
    "Zinov'ev",
    "Stalin",
    "Sverdlov",
    "Dan",
    "Lieber",
    "Černov",
    "Avksent'ev",
    "Bogdanov",
]

names = st.builds(
    lambda g, f, suffix: Text(f"{g} {f}{suffix}", f"{g} {f}{suffix}"),
    st.sampled_from(GIVEN),
    st.sampled_from(FAMILY),
    st.sampled_from(["", "", "skij", "in", "ova"]),
)
days_1917 = st.dates(datetime.date(1917, 1, 1), datetime.date(1917, 12, 31))


def rename(kb: FactBase, index: int, name: Text) -> FactBase:
    people = list(kb.people)
    people[index % len(people)] = dataclasses.replace(people[index % len(people)], name=name)
    return dataclasses.replace(kb, people=tuple(people))


def recount(kb: FactBase, index: int, value: int) -> FactBase:
    counts = list(kb.counts)
    count = counts[index % len(counts)]
    counts[index % len(counts)] = dataclasses.replace(
        count, value=value, tolerance=count.tolerance if count.tolerance < value else 0
    )
    return dataclasses.replace(kb, counts=tuple(counts))


def retally(kb: FactBase, index: int, value: int) -> FactBase:
    vote = kb.votes[0]
    tallies = list(vote.tallies)
    choice, _ = tallies[index % len(tallies)]
    tallies[index % len(tallies)] = (choice, value)
    return dataclasses.replace(kb, votes=(dataclasses.replace(vote, tallies=tuple(tallies)),))


def add_member(kb: FactBase, index: int, name: Text) -> FactBase:
    key = f"new-member-{index}"
    if any(p.key == key for p in kb.people):
        return kb
    person = Person(key, name, citations=kb.people[0].citations, prominence=1)
    member = Membership(key, "member", "presidium", kb.memberships[-1].citations, 1)
    return dataclasses.replace(
        kb, people=(*kb.people, person), memberships=(*kb.memberships, member)
    )


def remove_member(kb: FactBase, index: int, _name) -> FactBase:
    members = [m for m in kb.memberships if m.body == "presidium"]
    if len(members) <= 2:
        return kb
    gone = members[index % len(members)]
    return dataclasses.replace(kb, memberships=tuple(m for m in kb.memberships if m != gone))


def move(kb: FactBase, index: int, date: datetime.date) -> FactBase:
    events = list(kb.events)
    events[index % len(events)] = dataclasses.replace(events[index % len(events)], date=date)
    return dataclasses.replace(kb, events=tuple(events))


mutation = st.one_of(
    st.tuples(st.just(rename), st.integers(0, 50), names),
    st.tuples(st.just(recount), st.integers(0, 50), st.integers(1, 2000)),
    st.tuples(st.just(retally), st.integers(0, 50), st.integers(0, 1000)),
    st.tuples(st.just(add_member), st.integers(0, 5), names),
    st.tuples(st.just(remove_member), st.integers(0, 50), st.none()),
    st.tuples(st.just(move), st.integers(0, 50), days_1917),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=5))
def test_every_rule_holds_after_any_edit_of_the_facts(mutations):
    kb = BASE
    for apply, index, value in mutations:
        kb = apply(kb, index, value)
    drafts = generate(kb)
    assert rules.check_all(kb, drafts) == []
    assert len({d.uid for d in drafts}) == len(drafts)


# A person named inside another fact's wording (Plekhanov, in Kamenev's appeal of April 15)
# keeps that wording until an admin edits it too: predicates are free text.
NAMED_IN_WORDING = {
    p.key for p in BASE.people if any(p.name.en in e.predicate.en for e in BASE.events)
}


@settings(max_examples=15, deadline=None)
@given(st.sampled_from([p for p in BASE.people if p.key not in NAMED_IN_WORDING]), names)
def test_renaming_a_person_renames_them_in_every_question(person, name):
    index = BASE.people.index(person)
    kb = rename(BASE, index, name)
    old = person.name.en
    for draft in generate(kb):
        texts = [draft.prompt.en, *(o.text.en for o in draft.options)]
        if any(f"person:{person.key}" == o.ref for o in draft.options):
            assert name.en in texts
        assert all(old not in text for text in texts) or old in name.en


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([p.key for p in BASE.people]), st.sampled_from([p.key for p in BASE.people]))
def test_two_people_with_one_name_never_make_a_question_ambiguous(renamed, after):
    # Give one person the name of another: every rule must still hold.
    kb = rename(BASE, [p.key for p in BASE.people].index(renamed), BASE.person(after).name)
    assert rules.check_all(kb, generate(kb)) == []
