"""The fact base read straight from fixtures/conference.yaml, without a database.

For tests that run the pure generator in another process or mutate the facts freely.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from quizzes.generation import facts as kb

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "conference.yaml"


def fact_base_from_fixture(path: Path = FIXTURE) -> kb.FactBase:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_model: dict[str, list[dict]] = {}
    for row in rows:
        by_model.setdefault(row["model"].split(".")[1], []).append(row["fields"])
    sources = {s["key"]: s for s in by_model["source"]}

    def text(f, name):
        return kb.Text(f[f"{name}_en"] or "", f[f"{name}_it"] or "")

    def cites(f):
        return tuple(
            sorted(
                (
                    kb.Citation(sources[s]["title"], sources[s]["language"], n)
                    for s, n in f["cited_in"]
                ),
                key=lambda c: (c.language, c.paragraph),
            )
        )

    def variants(f):
        return tuple(
            line.strip() for line in (f.get("variants") or "").splitlines() if line.strip()
        )

    def key(value):
        return value[0] if value else None

    def day(value):
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)

    tallies = {}
    for t in by_model.get("tally", []):
        tallies.setdefault(t["vote"][0], []).append((t["choice"], t["count"]))
    order = ["for", "against", "abstain"]
    misconceptions = {}
    for m in by_model.get("misconception", []):
        misconceptions.setdefault(m["connection"][0], []).append(m)
    memberships = sorted(
        by_model["membership"], key=lambda m: (m["body"][0], m["order"], m["person"][0])
    )
    return kb.FactBase(
        parties=tuple(
            kb.Party(
                f["key"],
                text(f, "name"),
                text(f, "member_label"),
                f["dominated_conference"],
                variants(f),
                cites(f),
                f["prominence"],
            )
            for f in by_model["party"]
        ),
        people=tuple(
            kb.Person(
                f["key"], text(f, "name"), key(f["party"]), variants(f), cites(f), f["prominence"]
            )
            for f in by_model["person"]
        ),
        bodies=tuple(
            kb.Body(
                f["key"],
                text(f, "name"),
                key(f["elected_by"]),
                f["members_listed_in_full"],
                cites(f),
                f["prominence"],
                f["kind"],
            )
            for f in by_model["body"]
        ),
        deeds=tuple(
            kb.Deed(f["key"], f["body"][0], text(f, "predicate"), cites(f), f["prominence"])
            for f in by_model["bodyfact"]
        ),
        roles=tuple(
            kb.Role(f["key"], text(f, "name"), text(f, "predicate"), f["single_holder"])
            for f in by_model["role"]
        ),
        memberships=tuple(
            kb.Membership(f["person"][0], f["role"][0], f["body"][0], cites(f), f["prominence"])
            for f in memberships
        ),
        events=tuple(
            kb.Event(
                f["key"],
                day(f["date"]),
                text(f, "predicate"),
                key(f["person"]),
                key(f["body"]),
                cites(f),
                f["prominence"],
            )
            for f in by_model["event"]
        ),
        counts=tuple(
            kb.Count(
                f["key"],
                f["value"],
                text(f, "label"),
                text(f, "question"),
                text(f, "statement"),
                f["tolerance"],
                cites(f),
                f["prominence"],
            )
            for f in by_model["count"]
        ),
        votes=tuple(
            kb.Vote(
                f["key"],
                f["event"][0],
                text(f, "motion"),
                tuple(sorted(tallies.get(f["key"], []), key=lambda t: order.index(t[0]))),
                cites(f),
                f["prominence"],
            )
            for f in by_model["vote"]
        ),
        resolutions=tuple(
            kb.Resolution(f["key"], text(f, "title"), cites(f), f["prominence"])
            for f in by_model["resolution"]
        ),
        positions=tuple(
            kb.Position(
                f["key"],
                f["resolution"][0],
                text(f, "predicate"),
                text(f, "phrase") if f["phrase_en"] and f["phrase_it"] else None,
                cites(f),
                f["prominence"],
                text(f, "misconception")
                if f["misconception_en"] and f["misconception_it"]
                else None,
            )
            for f in sorted(
                by_model["position"], key=lambda p: (p["resolution"][0], p["order"], p["key"])
            )
        ),
        connections=tuple(
            kb.Connection(
                f["key"],
                f["relation"],
                text(f, "question"),
                text(f, "statement"),
                text(f, "explanation"),
                tuple(line.strip() for line in f["links"].splitlines() if line.strip()),
                tuple(
                    kb.Misconception(text(m, "statement"), text(m, "correction"))
                    for m in sorted(misconceptions.get(f["key"], []), key=lambda m: m["order"])
                ),
                text(f, "also") if f["also_en"] and f["also_it"] else None,
                cites(f),
                f["prominence"],
            )
            for f in by_model.get("connection", [])
        ),
    )
