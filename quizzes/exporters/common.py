"""What every exporter reads: a question version as plain data, in one language."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Exported:
    id: str
    kind: str
    topic: str
    p_correct: float
    payload: dict
    language: str

    @property
    def name(self) -> str:
        """The name other systems show: the topic and a stable number, never words of the
        answer (an id such as role-who/chkheidze/... would name it)."""
        digest = hashlib.sha256(self.id.encode()).hexdigest()[:8]
        return f"{self.topic}-{digest}"

    def t(self, text: dict) -> str:
        return text[self.language]

    @property
    def prompt(self) -> str:
        return self.t(self.payload["prompt"])

    @property
    def explanation(self) -> str:
        return self.t(self.payload["explanation"])

    @property
    def general_feedback(self) -> str:
        """The explanation and, in brackets, the sources: an article's title, language and
        paragraph, or a teacher's own words."""
        sources = "; ".join(
            f"{s['title']} ({s['language']}), ¶{s['paragraph']}" if s.get("paragraph")
            else s["title"]
            for s in self.payload["sources"]
        )  # fmt: skip
        return f"{self.explanation} [{sources}]" if sources else self.explanation

    def options_in_order(self) -> list[dict]:
        """Choice options as a student sees them: natural order for the language."""
        by_id = {o["id"]: o for o in self.payload["options"]}
        return [by_id[i] for i in self.payload["order"][self.language]]

    def feedback(self, option: dict) -> str:
        """Why a choice is wrong (Moodle's per-answer feedback); empty when there is none."""
        return self.t(option["feedback"]) if option.get("feedback") else ""

    def rights_in_order(self) -> list[dict]:
        by_id = {r["id"]: r for r in self.payload["rights"]}
        return [by_id[i] for i in self.payload["right_order"][self.language]]

    def items_to_order(self) -> list[dict]:
        """The items of an ordering question, alphabetically: an order that tells nothing."""
        return sorted(self.payload["items"], key=lambda item: self.t(item["text"]).casefold())

    def pairs(self) -> list[tuple[str, str]]:
        rights = {r["id"]: self.t(r["text"]) for r in self.payload["rights"]}
        return [(self.t(left["text"]), rights[left["match"]]) for left in self.payload["lefts"]]

    def accepted(self) -> list[str]:
        shown = self.t(self.payload["answer_text"])
        return [shown] + [a for a in self.payload["accepted"] if a != shown]


def from_questions(questions, language: str) -> list[Exported]:
    return [
        Exported(q.uid, q.kind, q.topic, round(q.p_correct, 4), q.payload, language)
        for q in questions
    ]
