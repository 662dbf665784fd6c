"""Keep the question bank in step with the fact base: any saved or deleted fact refreshes it.

The refresh runs once per transaction, after it commits, so that an admin's save with its
inlines and citations produces one refresh that sees all of it. Loading fixtures (raw
saves) does not trigger it; `manage.py generate_questions` does that explicitly.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from conference import models as facts

FACT_MODELS = (
    facts.Party,
    facts.Person,
    facts.Body,
    facts.BodyFact,
    facts.Role,
    facts.Membership,
    facts.Event,
    facts.Count,
    facts.Vote,
    facts.Tally,
    facts.Resolution,
    facts.Position,
    facts.Connection,
    facts.Misconception,
    facts.Source,
    facts.Paragraph,
)


# The report of the refresh this request (this thread) ran last, for the admin's message.
last_refresh: ContextVar = ContextVar("last_refresh", default=None)


def refresh_after_commit():
    from quizzes.services import bank_refresh

    last_refresh.set(bank_refresh())


def schedule_refresh(**kwargs):
    if kwargs.get("raw"):
        return
    # One refresh per transaction: Django drops the callback if the transaction rolls back.
    if any(callback is refresh_after_commit for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(refresh_after_commit)


def connect():
    for model in FACT_MODELS:
        uid = f"quiz-bank-{model._meta.label_lower}"
        post_save.connect(schedule_refresh, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(schedule_refresh, sender=model, dispatch_uid=f"{uid}-delete")
        for m2m in model._meta.many_to_many:
            m2m_changed.connect(
                schedule_refresh, sender=m2m.remote_field.through, dispatch_uid=f"{uid}-{m2m.name}"
            )
