"""A plain-data snapshot of the fact base, and the queries questions are checked against.

The generator never touches the database: quizzes.selectors.fact_base() reads the conference
models into these frozen dataclasses, and every question family works on them. The same
snapshot answers "what is true?" (FactBase.answers) and "what is known to be false?"
(FactBase.known_false), which is how distractors are chosen and how tests prove that a
question has exactly its key as answer.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

LANGUAGES = ("en", "it")


@dataclass(frozen=True)
class Text:
    """The same words in English and Italian."""

    en: str
    it: str

    def __getitem__(self, language: str) -> str:
        return getattr(self, language)

    @classmethod
    def build(cls, make) -> Text:
        """Text.build(lambda lang: ...) runs a function once per language."""
        return cls(**{lang: make(lang) for lang in LANGUAGES})


@dataclass(frozen=True)
class Citation:
    title: str
    language: str
    paragraph: int


@dataclass(frozen=True)
class Party:
    key: str
    name: Text
    member: Text
    dominated: bool
    variants: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    prominence: int = 2


@dataclass(frozen=True)
class Person:
    key: str
    name: Text
    party: str | None = None
    variants: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    prominence: int = 2


@dataclass(frozen=True)
class Body:
    key: str
    name: Text
    elected_by: str | None = None
    listed_in_full: bool = False
    citations: tuple[Citation, ...] = ()
    prominence: int = 2
    kind: str = "committee"  # meeting, council, committee, faction, government, assembly


@dataclass(frozen=True)
class Deed:
    """Something a body did or was (conference.BodyFact)."""

    key: str
    body: str
    predicate: Text
    citations: tuple[Citation, ...] = ()
    prominence: int = 2


@dataclass(frozen=True)
class Role:
    key: str
    name: Text
    predicate: Text
    single_holder: bool


@dataclass(frozen=True)
class Membership:
    person: str
    role: str
    body: str
    citations: tuple[Citation, ...] = ()
    prominence: int = 2

    @property
    def key(self) -> str:
        return f"{self.person}/{self.role}/{self.body}"


@dataclass(frozen=True)
class Event:
    key: str
    date: datetime.date
    predicate: Text
    person: str | None = None
    body: str | None = None
    citations: tuple[Citation, ...] = ()
    prominence: int = 2

    @property
    def actor(self) -> str:
        return f"person:{self.person}" if self.person else f"body:{self.body}"


@dataclass(frozen=True)
class Count:
    key: str
    value: int
    label: Text
    question: Text
    statement: Text
    tolerance: int = 0
    citations: tuple[Citation, ...] = ()
    prominence: int = 2


@dataclass(frozen=True)
class Vote:
    key: str
    event: str
    motion: Text
    tallies: tuple[tuple[str, int], ...]  # (choice, count), e.g. ("for", 57)
    citations: tuple[Citation, ...] = ()
    prominence: int = 2


@dataclass(frozen=True)
class Resolution:
    key: str
    title: Text
    citations: tuple[Citation, ...] = ()
    prominence: int = 2


@dataclass(frozen=True)
class Position:
    key: str
    resolution: str
    predicate: Text
    phrase: Text | None = None
    citations: tuple[Citation, ...] = ()
    prominence: int = 2
    misconception: Text | None = None  # a false predicate a student might believe


@dataclass(frozen=True)
class Misconception:
    statement: Text
    correction: Text


@dataclass(frozen=True)
class Connection:
    """A cause, consequence, contrast, condition, pattern or what a figure shows, linking
    facts (refs such as "event:lenin-arrives"), with the misconceptions a student may hold.
    Its texts may hold references ({person:lenin}), filled by FactBase.fill."""

    key: str
    relation: str
    question: Text
    statement: Text
    explanation: Text
    links: tuple[str, ...]
    misconceptions: tuple[Misconception, ...]
    also: Text | None = None
    citations: tuple[Citation, ...] = ()
    prominence: int = 2


Triple = tuple[str, str, object]


@dataclass(frozen=True)
class FactBase:
    parties: tuple[Party, ...] = ()
    people: tuple[Person, ...] = ()
    bodies: tuple[Body, ...] = ()
    deeds: tuple[Deed, ...] = ()
    roles: tuple[Role, ...] = ()
    memberships: tuple[Membership, ...] = ()
    events: tuple[Event, ...] = ()
    counts: tuple[Count, ...] = ()
    votes: tuple[Vote, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    positions: tuple[Position, ...] = ()
    connections: tuple[Connection, ...] = ()
    conference: str = "conference"  # the key of the body that is the Conference itself

    # -- lookups ---------------------------------------------------------------------------
    @cached_property
    def by_ref(self) -> dict[str, object]:
        table: dict[str, object] = {}
        for kind, items in (
            ("party", self.parties),
            ("person", self.people),
            ("body", self.bodies),
            ("bodyfact", self.deeds),
            ("role", self.roles),
            ("event", self.events),
            ("count", self.counts),
            ("vote", self.votes),
            ("resolution", self.resolutions),
            ("position", self.positions),
            ("membership", self.memberships),
            ("connection", self.connections),
        ):
            for item in items:
                table[f"{kind}:{item.key}"] = item
        for vote in self.votes:
            for choice, _count in vote.tallies:
                table[f"tally:{vote.key}/{choice}"] = vote
        return table

    def get(self, ref: str):
        return self.by_ref[ref]

    def person(self, key: str) -> Person:
        return self.by_ref[f"person:{key}"]

    def body(self, key: str) -> Body:
        return self.by_ref[f"body:{key}"]

    def role(self, key: str) -> Role:
        return self.by_ref[f"role:{key}"]

    def event(self, key: str) -> Event:
        return self.by_ref[f"event:{key}"]

    def resolution(self, key: str) -> Resolution:
        return self.by_ref[f"resolution:{key}"]

    def party(self, key: str) -> Party:
        return self.by_ref[f"party:{key}"]

    def fill(self, text: Text, *, capital: bool = False) -> Text:
        """Fill the references in a text ({person:lenin}, {tally:vote/for}, {on:event}...)
        from the facts, in each language; with a capital letter first if asked."""
        from conference import references, wording

        def value(lang: str, kind: str, key: str) -> str:
            if kind == "person":
                return self.person(key).name[lang]
            if kind == "count":
                return str(self.by_ref[f"count:{key}"].value)
            if kind == "tally":
                _vote, _, choice = key.partition("/")
                return str(dict(self.by_ref[f"tally:{key}"].tallies)[choice])
            date = self.event(key).date
            return wording.on_date(lang, date) if kind == "on" else wording.format_date(lang, date)

        def fill_one(lang: str) -> str:
            filled = references.REFERENCE.sub(lambda m: value(lang, *m.groups()), text[lang])
            return wording.capitalise(filled) if capital else filled

        return Text.build(fill_one)

    def mentioned(self, person_key: str) -> list[Event]:
        """Events whose wording names the person (Plekhanov, in Kamenev's appeal)."""
        from conference import references

        return [e for e in self.events if person_key in references.mentions(e.predicate.en)]

    def label(self, ref: str) -> Text:
        """How an entity is named in options: people by name, bodies without article."""
        from conference import wording

        kind, _, key = ref.partition(":")
        if kind == "date":
            date = datetime.date.fromisoformat(key)
            return Text.build(lambda lang: wording.format_date(lang, date))
        if kind == "number":
            return Text(key, key)
        item = self.by_ref[ref]
        if kind == "person":
            return item.name
        if kind == "party":
            return Text.build(lambda lang: wording.capitalise(item.name[lang]))
        if kind in ("body", "resolution"):
            noun = item.name if kind == "body" else item.title
            return Text.build(
                lambda lang: wording.capitalise(wording.without_article(lang, noun[lang]))
            )
        raise KeyError(ref)

    # -- the triples -----------------------------------------------------------------------
    @cached_property
    def triples(self) -> frozenset[Triple]:
        """Every fact as (subject, relation, object); refs are "kind:key", values "number:n"."""
        out: set[Triple] = set()
        for person in self.people:
            if person.party:
                out.add((f"person:{person.key}", "party", f"party:{person.party}"))
        for party in self.parties:
            if party.dominated:
                out.add((f"party:{party.key}", "dominated", f"body:{self.conference}"))
        for body in self.bodies:
            if body.elected_by:
                out.add((f"body:{body.key}", "elected_by", f"body:{body.elected_by}"))
        for deed in self.deeds:
            out.add((f"bodyfact:{deed.key}", "deed_of", f"body:{deed.body}"))
        for membership in self.memberships:
            out.add(
                (
                    f"person:{membership.person}",
                    f"role:{membership.role}",
                    f"body:{membership.body}",
                )
            )
        for event in self.events:
            out.add((f"event:{event.key}", "date", f"date:{event.date.isoformat()}"))
            out.add((f"event:{event.key}", "actor", event.actor))
        for count in self.counts:
            out.add((f"count:{count.key}", "value", f"number:{count.value}"))
        for vote in self.votes:
            for choice, number in vote.tallies:
                out.add((f"vote:{vote.key}", f"tally:{choice}", f"number:{number}"))
            outcome = self.outcome(vote)
            if outcome:
                out.add((f"vote:{vote.key}", "outcome", f"outcome:{outcome}"))
        for position in self.positions:
            out.add(
                (f"position:{position.key}", "position_of", f"resolution:{position.resolution}")
            )
        for body_key, size in self.listed_sizes.items():
            out.add((f"body:{body_key}", "member_count", f"number:{size}"))
        for body_key, days in self.durations.items():
            out.add((f"body:{body_key}", "duration", f"number:{days}"))
        return frozenset(out)

    @cached_property
    def _forward(self) -> dict[tuple[str, str], set]:
        table = defaultdict(set)
        for subject, relation, obj in self.triples:
            table[(subject, relation)].add(obj)
        return table

    @cached_property
    def _backward(self) -> dict[tuple[str, object], set]:
        table = defaultdict(set)
        for subject, relation, obj in self.triples:
            table[(relation, obj)].add(subject)
        return table

    def objects(self, subject: str, relation: str) -> set:
        return set(self._forward.get((subject, relation), ()))

    def subjects(self, relation: str, obj) -> set:
        return set(self._backward.get((relation, obj), ()))

    def holds(self, subject: str, relation: str, obj) -> bool:
        return (subject, relation, obj) in self.triples

    # -- closed-world knowledge --------------------------------------------------------------
    FUNCTIONAL = frozenset(
        {
            "party",
            "elected_by",
            "deed_of",
            "date",
            "actor",
            "value",
            "position_of",
            "member_count",
            "duration",
            "outcome",
        }
    )

    def _single_holder(self, relation: str) -> bool:
        if relation.startswith("role:"):
            role = self.by_ref.get(relation)
            return bool(role and role.single_holder)
        return False

    def _subjects_closed(self, relation: str, obj) -> bool:
        """Is the list of subjects with this object stated in full?"""
        if relation == "dominated":
            return True  # every party says whether it dominated the Conference
        if relation == "elected_by":
            return True  # the articles list what each body elected
        if relation.startswith("role:") and isinstance(obj, str) and obj.startswith("body:"):
            body = self.by_ref.get(obj)
            return bool(body and body.listed_in_full)
        return False

    def known_false(self, subject: str, relation: str, obj) -> bool:
        """True only when the fact base rules the statement out, not when it is silent."""
        if subject.startswith("misreading:"):
            return True  # a position's misreading is, by its definition, not what was said
        if relation == "misreading":
            position = self.by_ref.get(subject)
            return bool(getattr(position, "misconception", None))
        if self.holds(subject, relation, obj):
            return False
        functional = relation in self.FUNCTIONAL or relation.startswith("tally:")
        if functional and self.objects(subject, relation):
            return True
        if self._single_holder(relation) and self.subjects(relation, obj):
            return True
        return self._subjects_closed(relation, obj)

    @staticmethod
    def outcome(vote: Vote) -> str | None:
        """Adopted or rejected, read off the tallies; None when they do not say."""
        tallies = dict(vote.tallies)
        if "for" not in tallies or "against" not in tallies or tallies["for"] == tallies["against"]:
            return None
        return "adopted" if tallies["for"] > tallies["against"] else "rejected"

    # -- derived numbers ---------------------------------------------------------------------
    @cached_property
    def listed_sizes(self) -> dict[str, int]:
        """How many members a body whose members are listed in full had."""
        sizes: dict[str, int] = {}
        for body in self.bodies:
            if body.listed_in_full:
                people = {m.person for m in self.memberships if m.body == body.key}
                if people:
                    sizes[body.key] = len(people)
        return sizes

    @cached_property
    def durations(self) -> dict[str, int]:
        """Days from a body's first to its last dated event, both counted."""
        dates = defaultdict(list)
        for event in self.events:
            if event.body:
                dates[event.body].append(event.date)
        return {
            body: (max(days) - min(days)).days + 1
            for body, days in dates.items()
            if len(set(days)) >= 2
        }

    def numbers(self) -> set[int]:
        """Every number the fact base states, for confusable distractors."""
        return {
            int(obj.split(":", 1)[1])
            for _, _, obj in self.triples
            if isinstance(obj, str) and obj.startswith("number:")
        }

    def dates(self) -> set[datetime.date]:
        return {event.date for event in self.events}
