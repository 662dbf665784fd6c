"""What the bank says beyond the question: explanations and the feedback on wrong options.

An explanation opens with why the right answer is right (the fact, stated) and adds the
context that makes it stick: the connection a teacher draws from it, the day of the
Conference it fell on, the other facts about the same person, body or resolution. The
feedback on a wrong option says what the option's own facts are ("Georgy Plekhanov: on
April 15, 1917, Lev Kamenev urged the moderate socialists to take his advice..."), so that
a wrong answer teaches something too. Pure: it reads the FactBase and returns Texts.
"""

from __future__ import annotations

import datetime
import re

from conference import wording
from quizzes.generation.facts import FactBase, Text
from quizzes.generation.phrasing import (
    cap,
    dated_event_sentence,
    frame,
    party_plural,
    role_predicate,
    sentence,
)

PERSON_ROLE = Text("{person} {predicate}.", "{person} {predicate}.")
PARTY_MEMBER = Text("{person} was {member}.", "{person} era {member}.")
DOMINANT = Text(
    "The participants of the Conference were dominated by {names}.",
    "Tra i partecipanti alla Conferenza dominavano {names}.",
)
NOT_DOMINANT = Text(
    "{party} were not among the parties that dominated the Conference.",
    "{party} non erano tra i partiti che dominavano la Conferenza.",
)
ONLY_DOMINANT = Text(
    "Both articles name only {names} as the parties that dominated the Conference.",
    "Entrambi gli articoli indicano come partiti dominanti alla Conferenza solo {names}.",
)
# A wrong name: what the person did, with their party where it tells them apart.
WITH_PARTY = Text("{person}, {member}, {predicate}.", "{person}, {member}, {predicate}.")
# A wrong body the articles say nothing of but its election (and perhaps its members).
ONLY_ELECTED = {
    False: Text(
        "The articles say only that {elector} elected {body}.",
        "Gli articoli dicono soltanto che {elector} elesse {body}.",
    ),
    True: Text(
        "The articles say only that {elector} elected {body}, and who its members were.",
        "Gli articoli dicono soltanto che {elector} elesse {body}, e chi ne fece parte.",
    ),
}
ONLY_SAID = Text(
    "The articles say only that {person} {predicate}.",
    "Gli articoli dicono soltanto che {person} {predicate}.",
)
ELECTED = Text("{elector} elected {body}.", "{elector} elesse {body}.")
BODY_DEED = Text("{body} {predicate}.", "{body} {predicate}.")
RESOLUTION_SAID = Text("{resolution} {predicate}.", "{resolution} {predicate}.")
VOTE = Text(
    "{motion} received {yes} votes in favour and {no} against.",
    "{motion} ricevette {yes} voti a favore e {no} contrari.",
)
DAY = {
    "first": Text(
        "That was the first day of the Conference.", "Era il primo giorno della Conferenza."
    ),
    "last": Text(
        "That was the last day of the Conference.", "Era l'ultimo giorno della Conferenza."
    ),
    "after": Text(
        "That was the day after the Conference closed.",
        "Era il giorno dopo la chiusura della Conferenza.",
    ),
    "during": Text(
        "That was the {nth} day of the Conference, which lasted {days} days.",
        "Era il {nth} giorno della Conferenza, che durò {days} giorni.",
    ),
}
# How long the Conference sat, said of its opening (until its close) or of its close (from
# its opening). {end} carries its own preposition in Italian: "fino al 16 aprile",
# "a partire dall'11 aprile".
SPAN = {
    "until": Text(
        "The Conference sat for {days} days, until {end}.",
        "La Conferenza durò {days} giorni, fino {end}.",
    ),
    "from": Text(
        "The Conference sat for {days} days, from {end}.",
        "La Conferenza durò {days} giorni, a partire {end}.",
    ),
}
ORDINALS = {
    "en": "first second third fourth fifth sixth seventh eighth ninth tenth".split(),
    "it": "primo secondo terzo quarto quinto sesto settimo ottavo nono decimo".split(),
}
NUMBERS = {
    "en": "one two three four five six seven eight nine ten".split(),
    "it": "uno due tre quattro cinque sei sette otto nove dieci".split(),
}


def _in_words(words: dict, n: int) -> Text:
    return Text.build(lambda lang: words[lang][n - 1] if 1 <= n <= len(words[lang]) else str(n))


# A wrong date that no fact holds: where it falls, without naming the Conference's own
# dates (one of them may be the key, and a retry's hint must not give it).
NOTHING_THAT_DAY = {
    "before": Text(
        "The articles date nothing to {date}: the Conference had not yet opened.",
        "Gli articoli non riportano nulla in data {date}: la Conferenza non si era ancora aperta.",
    ),
    "during": Text(
        "The articles date nothing to {date}, while the Conference was sitting.",
        "Gli articoli non riportano nulla in data {date}, mentre la Conferenza era riunita.",
    ),
    "after": Text(
        "The articles date nothing to {date}: the Conference had already closed.",
        "Gli articoli non riportano nulla in data {date}: la Conferenza si era già chiusa.",
    ),
}
HIGHER = Text(
    "The figure in the articles is higher.", "Il numero riportato dagli articoli è più alto."
)
LOWER = Text(
    "The figure in the articles is lower.", "Il numero riportato dagli articoli è più basso."
)
MAX_SENTENCES = 4


# -- one sentence per fact ------------------------------------------------------------------
def statement(kb: FactBase, ref: str) -> Text | None:
    """The fact behind a ref, as one sentence; None when the ref states nothing alone."""
    kind, _, key = ref.partition(":")
    if kind == "membership":
        person, role, body = key.split("/")
        return frame(
            PERSON_ROLE, person=kb.person(person).name, predicate=role_predicate(kb, role, body)
        )
    if kind == "person":
        person = kb.person(key)
        if not person.party:
            return None
        return frame(PARTY_MEMBER, person=person.name, member=kb.party(person.party).member)
    if kind == "party":
        party = kb.party(key)
        if party.dominated:
            return dominant_parties(kb)
        return frame(
            NOT_DOMINANT,
            party=Text.build(lambda lang: wording.capitalise(party_plural(lang, party.name[lang]))),
        )
    if kind == "body":
        body = kb.body(key)
        if not body.elected_by:
            return None
        return frame(ELECTED, elector=cap(kb.body(body.elected_by).name), body=body.name)
    if kind == "bodyfact":
        deed = kb.get(ref)
        return frame(
            BODY_DEED, body=cap(kb.body(deed.body).name), predicate=kb.fill(deed.predicate)
        )
    if kind == "event":
        return dated_event_sentence(kb, kb.event(key))
    if kind == "count":
        count = kb.get(ref)
        return sentence(frame(count.statement, number=str(count.value)))
    if kind in ("tally", "vote"):
        vote = kb.get(ref)
        tallies = dict(vote.tallies)
        if "for" not in tallies or "against" not in tallies:
            return None
        return frame(
            VOTE, motion=cap(vote.motion), yes=str(tallies["for"]), no=str(tallies["against"])
        )
    if kind == "position":
        position = kb.get(ref)
        return frame(
            RESOLUTION_SAID,
            resolution=cap(kb.resolution(position.resolution).title),
            predicate=kb.fill(position.predicate),
        )
    if kind == "connection":
        return first_sentence(kb.fill(kb.get(ref).explanation, capital=True))
    return None


def dominant_parties(kb: FactBase) -> Text:
    names = Text.build(
        lambda lang: and_list(
            lang, [party_plural(lang, p.name[lang]) for p in kb.parties if p.dominated]
        )
    )
    return frame(DOMINANT, names=names)


def and_list(lang: str, items: list[str]) -> str:
    conjunction = " and " if lang == "en" else " e "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conjunction + items[-1]


def first_sentence(text: Text) -> Text:
    """The first sentence of each language's text (up to the first full stop and space)."""

    def cut(value: str) -> str:
        head, dot, _rest = value.partition(". ")
        return head + "." if dot else value

    return Text.build(lambda lang: cut(text[lang]))


# -- the day an event fell on ---------------------------------------------------------------
def conference_days(kb: FactBase) -> tuple[datetime.date, datetime.date] | None:
    dates = [e.date for e in kb.events if e.body == kb.conference]
    return (min(dates), max(dates)) if len(set(dates)) >= 2 else None


def day_of_conference(kb: FactBase, date: datetime.date) -> Text | None:
    """ "That was the last day of the Conference." (or first, day n, the day after)"""
    span = conference_days(kb)
    if span is None:
        return None
    first, last = span
    if date == first:
        return DAY["first"]
    if date == last:
        return DAY["last"]
    if date == last + datetime.timedelta(days=1):
        return DAY["after"]
    if first < date < last:
        return frame(
            DAY["during"],
            nth=_in_words(ORDINALS, (date - first).days + 1),
            days=_in_words(NUMBERS, (last - first).days + 1),
        )
    return None


def how_long(kb: FactBase, date: datetime.date) -> Text | None:
    """ "The Conference sat for six days, until April 16, 1917." said of its opening, "...,
    from April 11, 1917." of its close: the other end of the span."""
    span = conference_days(kb)
    if span is None or date not in span:
        return None
    first, last = span
    if date == first:
        end, template = last, SPAN["until"]
        italian = wording.with_preposition("it", "a", wording.on_date("it", last))
    else:
        end, template = first, SPAN["from"]
        italian = wording.with_preposition("it", "da", wording.on_date("it", first))
    return frame(
        template,
        days=_in_words(NUMBERS, (last - first).days + 1),
        end=Text(en=wording.format_date("en", end), it=italian),
    )


# -- what surrounds a fact ------------------------------------------------------------------
def related(kb: FactBase, ref: str) -> list[str]:
    """The refs a teacher would mention next to this one, most telling first."""
    kind, _, key = ref.partition(":")
    out: list[str] = [
        f"connection:{c.key}"
        for c in sorted(kb.connections, key=lambda c: (-c.prominence, c.key))
        if ref in c.links
    ][:1]
    if kind == "membership":
        person, _role, body = key.split("/")
        out += _person_facts(kb, person)
        out += [f"bodyfact:{d.key}" for d in kb.deeds if d.body == body][:1]
    elif kind == "event":
        event = kb.event(key)
        if event.person:
            out += _person_facts(kb, event.person)
        out += [f"vote:{v.key}" for v in kb.votes if v.event == key]
    elif kind == "position":
        position = kb.get(ref)
        out += [f"position:{p.key}" for p in kb.positions if p.resolution == position.resolution]
    elif kind == "bodyfact":
        body = kb.body(kb.get(ref).body)
        out += [f"body:{body.key}"] if body.elected_by else []
        out += [f"bodyfact:{d.key}" for d in kb.deeds if d.body == body.key]
    elif kind == "body":
        body = kb.body(key)
        out += [f"bodyfact:{d.key}" for d in kb.deeds if d.body == key]
        members = sorted((m for m in kb.memberships if m.body == key), key=lambda m: -m.prominence)
        out += [f"membership:{m.key}" for m in members[:1]]
        if body.elected_by:
            out += [
                f"body:{b.key}"
                for b in kb.bodies
                if b.elected_by == body.elected_by and b.key != key
            ][:1]
    elif kind == "person":
        out += _person_facts(kb, key)
    elif kind == "party":
        out += [f"person:{p.key}" for p in kb.people if p.party == key]
    elif kind in ("tally", "vote"):
        vote = kb.get(ref)
        out += [f"event:{vote.event}"]
    return [r for r in dict.fromkeys(out) if r != ref]


def _person_facts(kb: FactBase, person: str) -> list[str]:
    roles = [
        f"membership:{m.key}"
        for m in kb.memberships
        if m.person == person and kb.role(m.role).single_holder
    ]
    deeds = [f"event:{e.key}" for e in kb.events if e.person == person]
    party = [f"person:{person}"] if kb.person(person).party else []
    return roles + party + deeds


def explanation(
    kb: FactBase,
    lead: Text,
    facts: tuple[str, ...],
    *,
    avoid: tuple[Text, ...] = (),
    first: tuple[Text, ...] = (),
) -> Text:
    """The lead (why the answer is right), then context up to four sentences in all, none
    of which repeats what is already said or what the student has just read (``avoid``: the
    prompt). When the prompt is the lead itself (a true statement), the explanation is the
    context alone, if there are at least two sentences of it (the rest of a connection's
    explanation makes up a second one). ``first`` is context that
    goes before the rest (what the thing a false statement swapped in really did)."""
    candidates: list[Text] = list(first)
    for fact in facts:
        for ref in related(kb, fact):
            if ref not in facts:
                said = statement(kb, ref)
                if said is not None:
                    candidates.append(said)
    context: list[Text] = []
    for text in candidates:
        if not adds_enough(text, (lead, *context, *avoid)):
            continue
        if sentences(lead) + sum(map(sentences, context)) + sentences(text) > MAX_SENTENCES:
            continue
        context.append(text)
    # The day of the Conference an event fell on comes first (for the Conference's own
    # events, how long it sat), unless the context already dates the event.
    for fact in facts:
        kind, _, key = fact.partition(":")
        if kind != "event":
            continue
        date = kb.event(key).date
        own = kb.event(key).body == kb.conference
        day = how_long(kb, date) if own else day_of_conference(kb, date)
        dated = wording.format_date("en", date)
        if day is None or any(dated in text.en for text in context):
            continue
        context.insert(sum(1 for text in context if text in first), day)
        while sentences(lead) + sum(map(sentences, context)) > MAX_SENTENCES:
            context.pop()
    # A sentence put first (what a swapped-in body really did) that a later one says again
    # in full goes: "the First Congress elected the Central Executive Committee" need not
    # come twice.
    context = [
        text
        for text in context
        if text not in first or not any(_covers(other, text) for other in context if other != text)
    ]
    if lead in avoid and sum(map(sentences, context)) < 2:
        # A true statement is not explained by saying it again: go on with the rest of the
        # connection a teacher draws from it, where that says something new.
        for fact in facts:
            for ref in related(kb, fact):
                more = _rest_of_connection(kb, ref)
                if more is not None and adds_enough(more, (*context, *avoid), share=0):
                    context.append(more)
                    break
    parts = [lead, *context]
    if lead in avoid and sum(map(sentences, context)) >= 2:
        parts = context  # the statement itself was the prompt: say what it did not
    return Text.build(lambda lang: " ".join(t[lang] for t in parts))


def _rest_of_connection(kb: FactBase, ref: str) -> Text | None:
    """A connection's explanation after its first sentence (which statement() gives)."""
    if not ref.startswith("connection:"):
        return None
    whole = kb.fill(kb.get(ref).explanation, capital=True)
    rest = Text.build(lambda lang: whole[lang].partition(". ")[2])
    return rest if rest.en and rest.it and sentences(rest) <= MAX_SENTENCES - 2 else None


def sentences(text: Text) -> int:
    """How many sentences a text holds (counted in English)."""
    return max(1, len(re.findall(r"[.!?](?:\s|$)", text.en.strip())))


def _content(text: str) -> set[str]:
    """A sentence's content words (folded, cut to five letters) and its figures."""
    from quizzes.generation.distractors import content_stems

    return set(content_stems(text)) | set(re.findall(r"\d+", text))


def _covers(text: Text, other: Text) -> bool:
    """Whether a text says everything another says (all its content words), in both languages."""
    return all(_content(other[lang]) <= _content(text[lang]) for lang in ("en", "it"))


def adds_enough(text: Text, said: tuple[Text, ...], *, share: float = 1 / 3) -> bool:
    """Whether a sentence says enough that has not been said already, in both languages: at
    least two of its content words and figures, and ``share`` of them (one in three), are
    new. A sentence that mostly restates the ones before it (the same vote, the same day)
    is left out, so that an explanation never says one thing twice."""
    for lang in ("en", "it"):
        mine = _content(text[lang])
        before = set().union(*(_content(other[lang]) for other in said))
        new = mine - before
        if len(new) < 2 or len(new) < share * len(mine):
            return False
    return True


# -- feedback on a wrong option -------------------------------------------------------------
def about(kb: FactBase, ref: str, *, tested: tuple[str, ...]) -> Text | None:
    """What the fact base says of the thing a wrong option names, not counting the facts
    the question tests: the reason a student can learn from their wrong pick."""
    kind, _, key = ref.partition(":")
    candidates: list[str] = []
    if kind == "person":
        return _about_person(kb, key, tested=tested)
    if kind == "party" and not kb.party(key).dominated:
        return _not_dominant(kb, key)
    if kind == "body":
        body = kb.body(key)
        said_more = (
            any(d.body == key for d in kb.deeds)
            or any(e.body == key for e in kb.events)
            or any(b.elected_by == key for b in kb.bodies)
        )
        if body.elected_by and not said_more and f"body:{key}" not in tested:
            # A body the articles only say was elected: say so, rather than leave its
            # election looking like a reason.
            members = any(m.body == key for m in kb.memberships)
            return frame(
                ONLY_ELECTED[members], elector=kb.body(body.elected_by).name, body=body.name
            )
        candidates += [f"bodyfact:{d.key}" for d in kb.deeds if d.body == key]
        candidates += [f"body:{key}"]
        candidates += [f"body:{b.key}" for b in kb.bodies if b.elected_by == key]
        candidates += [f"event:{e.key}" for e in kb.events if e.body == key]
    elif kind == "party":
        candidates += [f"party:{key}"]
        for person in kb.people:
            if person.party == key:
                candidates += _person_facts(kb, person.key)
    elif kind == "resolution":
        candidates += [f"position:{p.key}" for p in kb.positions if p.resolution == key]
    for candidate in candidates:
        if candidate in tested or (candidate.startswith("party:") and f"party:{key}" in tested):
            continue
        said = statement(kb, candidate)
        if said is not None:
            return said
    return None


def _about_person(kb: FactBase, key: str, *, tested: tuple[str, ...]) -> Text | None:
    """Why a wrong name is wrong: the part the person played (with their party, when it
    tells them apart: "Nikolay Chkheidze, a Menshevik, opened the Conference."), else the
    first thing the articles date to them and the day of the Conference it fell on ("On
    April 16, 1917, Vladimir Lenin returned to Petrograd from exile. That was the last day
    of the Conference."), else whatever else the articles say of them."""
    from quizzes.generation.distractors import content_stems

    person = kb.person(key)
    party = kb.party(person.party) if person.party else None
    roles = sorted(
        (
            m
            for m in kb.memberships
            if m.person == key
            and kb.role(m.role).single_holder
            and f"membership:{m.key}" not in tested
        ),
        key=lambda m: (-m.prominence, m.key),
    )
    if roles:
        predicate = role_predicate(kb, roles[0].role, roles[0].body)
        named = content_stems(party.member.en) & content_stems(predicate.en) if party else True
        if party and not named and f"person:{key}" not in tested:
            member = Text(party.member.en, _without_indefinite(party.member.it))
            return frame(WITH_PARTY, person=person.name, member=member, predicate=predicate)
        return frame(PERSON_ROLE, person=person.name, predicate=predicate)
    events = sorted(
        (e for e in kb.events if e.person == key and f"event:{e.key}" not in tested),
        key=lambda e: (e.date, e.key),
    )
    if events:
        said = dated_event_sentence(kb, events[0])
        day = day_of_conference(kb, events[0].date)
        return Text.build(lambda lang: f"{said[lang]} {day[lang]}") if day else said
    if party and f"person:{key}" not in tested:
        return statement(kb, f"person:{key}")
    for event in kb.mentioned(key):
        if f"event:{event.key}" not in tested:
            return statement(kb, f"event:{event.key}")
    for m in kb.memberships:
        if m.person == key and f"membership:{m.key}" not in tested:
            return frame(
                ONLY_SAID, person=person.name, predicate=role_predicate(kb, m.role, m.body)
            )
    return None


def _without_indefinite(member: str) -> str:
    """ "un menscevico" -> "menscevico": Italian drops the article in an apposition."""
    for article in ("un ", "uno ", "una ", "un'"):
        if member.startswith(article):
            return member[len(article) :]
    return member


def _not_dominant(kb: FactBase, key: str) -> Text:
    """Why a party that did not dominate the Conference is wrong: the ones that did, and the
    vote on a motion one of its members put forward, if any."""
    names = Text.build(
        lambda lang: and_list(
            lang, [party_plural(lang, p.name[lang]) for p in kb.parties if p.dominated]
        )
    )
    said = frame(ONLY_DOMINANT, names=names)
    for vote in kb.votes:
        mover = kb.event(vote.event).person
        if mover and kb.person(mover).party == key:
            tally = statement(kb, f"vote:{vote.key}")
            if tally is not None:
                return Text.build(lambda lang, t=tally: f"{said[lang]} {t[lang]}")
    return said


def about_number(kb: FactBase, number: int, key: int, *, tested: tuple[str, ...]) -> Text:
    """A wrong figure: the fact it belongs to, if any, else whether the right one is higher."""
    for count in kb.counts:
        if count.value == number and f"count:{count.key}" not in tested:
            return statement(kb, f"count:{count.key}")
    for vote in kb.votes:
        for choice, value in vote.tallies:
            ref = f"tally:{vote.key}/{choice}"
            if value == number and ref not in tested:
                return statement(kb, ref)
    return HIGHER if key > number else LOWER


def about_date(kb: FactBase, date: datetime.date, *, tested: tuple[str, ...]) -> Text | None:
    """A wrong date: what happened that day, or when the Conference met."""
    for event in sorted(kb.events, key=lambda e: (-e.prominence, e.key)):
        if event.date == date and f"event:{event.key}" not in tested:
            return dated_event_sentence(kb, event)
    span = conference_days(kb)
    if span is None:
        return None
    where = "before" if date < span[0] else "after" if date > span[1] else "during"
    return frame(
        NOTHING_THAT_DAY[where], date=Text.build(lambda lang: wording.format_date(lang, date))
    )


# -- hints for interactive quizzes ------------------------------------------------------------
SOUGHT = {
    "person": Text("The person you are looking for", "La persona che cerchi"),
    "body": Text("The body you are looking for", "L'organo che cerchi"),
}


def hint(kb: FactBase, draft) -> Text | None:
    """What an interactive quiz adds after a wrong try: another fact about the thing asked
    for, with its name hidden ("The person you are looking for was the chairman of the
    Petrograd Soviet."), or the day of the Conference an event fell on. It points to a
    related fact and never names the key. None where no such fact exists, and for
    true/false statements, which any fact would settle."""
    from quizzes.generation.drafts import Kind

    if draft.kind == Kind.TRUE_FALSE or draft.kind == Kind.MULTIPLE_RESPONSE:
        return None
    keys = [o.ref for o in draft.options if o.correct]
    if draft.kind == Kind.SHORT_ANSWER and draft.query is not None:
        q = draft.query
        found = (
            kb.subjects(q.relation, q.object)
            if q.subject is None
            else kb.objects(q.subject, q.relation)
        )
        keys = sorted(found)
    if len(keys) != 1:
        return None
    kind, _, key = keys[0].partition(":")
    if kind == "date":
        day = day_of_conference(kb, datetime.date.fromisoformat(key))
        if day is None:
            return None
        # "That was the last day..." said of the thing asked for: "It happened on ...".
        return Text(
            day.en.replace("That was", "It happened on", 1),
            day.it.replace("Era ", "Avvenne ", 1),
        )
    if kind not in SOUGHT or keys[0] not in kb.by_ref:
        return None
    if kind == "person":
        candidates = _person_facts(kb, key) + [
            f"membership:{m.key}" for m in kb.memberships if m.person == key
        ]
        name = kb.person(key).name
    else:
        candidates = [f"bodyfact:{d.key}" for d in kb.deeds if d.body == key] + [f"body:{key}"]
        name = kb.body(key).name
    spellings = _spellings(kb, keys[0])
    for ref in candidates:
        if ref in draft.facts:
            continue
        said = statement(kb, ref)
        if said is None or not all(
            name[lang].casefold() in said[lang].casefold() for lang in ("en", "it")
        ):
            continue
        hidden = Text.build(lambda lang, t=said: _hidden(t[lang], name[lang], SOUGHT[kind][lang]))
        # Never the name in another form ("Kamenev" after "Lev Kamenev" was hidden), and
        # never a fact the question already states ("was a Bolshevik", asked who represented
        # the Bolshevik faction).
        if reveals(hidden, spellings) or not adds_enough(hidden, (draft.prompt, *SOUGHT.values())):
            continue
        return hidden
    return None


def _spellings(kb: FactBase, ref: str) -> tuple[str, ...]:
    """Every way a text could name the thing: full names, surnames, other spellings."""
    kind, _, key = ref.partition(":")
    if kind == "person":
        person = kb.person(key)
        names = (person.name.en, person.name.it, *person.variants)
        return tuple(dict.fromkeys([*names, *(wording.surname(n) for n in names)]))
    if kind == "body":
        name = kb.body(key).name
        return tuple(wording.without_article(lang, name[lang]) for lang in ("en", "it"))
    return ()


def reveals(text: Text, spellings: tuple[str, ...]) -> bool:
    """Whether a text names any of the spellings, as whole words, in either language."""
    for lang in ("en", "it"):
        folded = wording.fold(text[lang])
        for spelling in spellings:
            if re.search(rf"\b{re.escape(wording.fold(spelling))}\b", folded):
                return True
    return False


def _hidden(text: str, name: str, sought: str) -> str:
    """The sentence with the name replaced: capitalised at its start, lower case elsewhere."""
    start = text.casefold().find(name.casefold())
    replacement = sought if start == 0 else sought[:1].lower() + sought[1:]
    return text[:start] + replacement + text[start + len(name) :]
