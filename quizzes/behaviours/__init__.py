"""How a student takes a quiz: Moodle's question behaviours, one module each.

Each module has the same few names, chosen by the attempt's ``behaviour``:

- ``SEQUENTIAL``: whether the student answers one question after another (only the
  current one is accepted), or moves freely and submits everything at the end;
- ``answer(slot=, answer=, now=)``: what happens to an answer the student sends;
- ``finish(attempt=, now=, ending=)``: what finishing the attempt does (deferred feedback
  scores every answer then);
- ``feedback_shown(attempt=, response=)``: whether the verdict and the key may be shown.

A new behaviour is a new module and an entry in ``MODULES``.
"""

from __future__ import annotations

from types import ModuleType

from quizzes.behaviours import deferred, immediate, interactive, live
from quizzes.behaviours.common import AnswerRefused, Outcome, attempt_expire

MODULES: dict[str, ModuleType] = {
    "immediate": immediate,
    "deferred": deferred,
    "interactive": interactive,
    "live": live,
}


def of(attempt) -> ModuleType:
    return MODULES[attempt.behaviour]


__all__ = ["MODULES", "AnswerRefused", "Outcome", "attempt_expire", "of"]
