"""Students challenge a question they think is wrong; admins resolve the challenge.

A challenge is sent from the feedback or review of a question the student has answered
(never before: the challenge form sits beside the answer and its explanation), needs no
account, and is limited per browser and address. Admins see a queue in the admin with the
question version, the facts it tests, how many students challenged it and how it has been
answered, and resolve it: the fact corrected (which regenerates the question, as any fact
edit does) or an answer with a reason, which the student reads on their review page.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt, Challenge, Question, Response

# Challenges stored in an hour (a form sent with an error does not count). From one
# browser: enough to report what is wrong in a quiz, too few to flood the admins' queue.
PER_BROWSER = {"limit": 10, "window_seconds": 3600}
# From one address, which a whole class behind a school's connection shares: thirty
# students challenging five questions each; a script that drops its cookies stops there.
PER_ADDRESS = {"limit": 150, "window_seconds": 3600}


class ChallengeRefused(Exception):
    pass


def challenge_submit(
    *,
    attempt: Attempt,
    position: int,
    owner_token: str,
    reason: str,
    comment: str,
) -> Challenge:
    """Record a challenge of the question at ``position`` of ``attempt``, once answered.

    Sending it again from the same browser changes the first one (while it is open) rather
    than adding another, so that the count of students who challenged a question is honest.
    """
    response = (
        Response.objects.filter(attempt=attempt, position=position)
        .select_related("question")
        .first()
    )
    if response is None:
        raise ChallengeRefused(_("Answer the question first; then you can challenge it."))
    with transaction.atomic():
        existing = Challenge.objects.select_for_update().filter(
            question=response.question, owner_token=owner_token
        )
        challenge = existing.first()
        if challenge is not None:
            if challenge.status != Challenge.Status.OPEN:
                raise ChallengeRefused(_("An admin has already answered your challenge."))
            challenge.reason, challenge.comment = reason, comment
            challenge.save(update_fields=["reason", "comment"])
            return challenge
        try:
            with transaction.atomic():
                return Challenge.objects.create(
                    question=response.question,
                    attempt=attempt,
                    owner_token=owner_token,
                    language=attempt.language,
                    reason=reason,
                    comment=comment,
                )
        except IntegrityError:  # the same student's second click, a moment earlier
            return Challenge.objects.get(question=response.question, owner_token=owner_token)


def challenge_resolve(*, challenge: Challenge, status: str, reply: str, user) -> Challenge:
    """Close a challenge: the fact was corrected, or the admin answers with a reason."""
    if status == Challenge.Status.ANSWERED and not reply.strip():
        raise ChallengeRefused(_("Write the answer the student will read."))
    challenge.status, challenge.reply = status, reply.strip()
    challenge.resolved_at, challenge.resolved_by = timezone.now(), user
    challenge.save(update_fields=["status", "reply", "resolved_at", "resolved_by"])
    return challenge


def challenges_of(*, attempt: Attempt, owner_token: str | None) -> dict[int, Challenge]:
    """The student's own challenges of an attempt's questions, by question version id."""
    if not owner_token:
        return {}
    question_ids = attempt.slots.values("question_id")
    rows = Challenge.objects.filter(owner_token=owner_token, question_id__in=question_ids)
    return {c.question_id: c for c in rows}


def question_statistics(question_ids) -> dict[int, dict]:
    """For the admins' queue: how often each version was answered and answered right, and
    how many students challenged it."""
    rows = Question.objects.filter(pk__in=question_ids).annotate(
        answers=Count("responses", distinct=True),
        right=Count("responses", filter=Q(responses__fraction__gte=1), distinct=True),
        challenged=Count("challenges", distinct=True),
    )
    return {
        q.pk: {"answers": q.answers, "right": q.right, "challenged": q.challenged} for q in rows
    }
