"""State changes of teachers' question sets, and students joining them. Each in a transaction."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quizzes import nicknames, selectors
from quizzes.models import (
    LANGUAGE_CHOICES,
    Accommodation,
    Attempt,
    LiveSession,
    Question,
    QuestionSet,
    SetQuestion,
)
from quizzes.services import StartRefused, attempt_start

# Easy to read aloud and to copy from a projector: no 0/O, no 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def set_create(*, owner, title: str, language: str = "en") -> QuestionSet:
    """A new draft under the title the teacher gave it. Its language is the one the teacher
    works in (the interface's), so an Italian teacher's quiz and its question bank are in
    Italian from the start."""
    if language not in dict(LANGUAGE_CHOICES):
        language = "en"
    return QuestionSet.objects.create(owner=owner, title=title, language=language)


def set_add(*, question_set: QuestionSet, questions: list[Question]) -> int:
    """Append questions not yet in the set, in one INSERT; returns how many were added."""
    with transaction.atomic():
        QuestionSet.objects.select_for_update().filter(pk=question_set.pk).first()
        present = set(question_set.items.values_list("question__uid", flat=True))
        last = question_set.items.aggregate(last=Max("position"))["last"]
        start = 0 if last is None else last + 1
        fresh = []
        for question in questions:
            if question.uid not in present:
                present.add(question.uid)
                fresh.append(question)
        SetQuestion.objects.bulk_create(
            SetQuestion(question_set=question_set, question=question, position=start + index)
            for index, question in enumerate(fresh)
        )
        QuestionSet.objects.filter(pk=question_set.pk).update(updated_at=timezone.now())
    return len(fresh)


def set_add_random(*, question_set: QuestionSet, topic: str, count: int = 5) -> int:
    """Add up to `count` questions of a topic, none on a fact the set already asks about."""
    used = {fact for item in question_set.items.select_related("question")
            for fact in item.question.facts}  # fmt: skip
    chosen = selectors.practice_questions(
        length=count, topic=topic, avoid=set(), exclude_facts=used
    )
    return set_add(question_set=question_set, questions=chosen)


# Positions are unique within a set and never negative, so moving a block of items first
# lifts it out of the way by OFFSET, then puts it down: the same few statements whatever
# the size of the set.
OFFSET = 1_000_000


def set_remove(*, question_set: QuestionSet, item_id: int) -> None:
    with transaction.atomic():
        item = question_set.items.filter(pk=item_id).first()
        if item is None:
            return
        item.delete()
        later = question_set.items.filter(position__gt=item.position)
        later.update(position=F("position") + OFFSET)
        question_set.items.filter(position__gt=OFFSET).update(position=F("position") - OFFSET - 1)
        QuestionSet.objects.filter(pk=question_set.pk).update(updated_at=timezone.now())


def set_move(*, question_set: QuestionSet, item_id: int, direction: str) -> None:
    """Swap an item with its neighbour above ("up") or below ("down")."""
    with transaction.atomic():
        item = question_set.items.filter(pk=item_id).first()
        if item is None:
            return
        target = item.position - 1 if direction == "up" else item.position + 1
        neighbour = question_set.items.filter(position=target).first()
        if neighbour is None:
            return
        SetQuestion.objects.filter(pk=item.pk).update(position=OFFSET)
        SetQuestion.objects.filter(pk=neighbour.pk).update(position=item.position)
        SetQuestion.objects.filter(pk=item.pk).update(position=target)
        QuestionSet.objects.filter(pk=question_set.pk).update(updated_at=timezone.now())


def set_publish(*, question_set: QuestionSet) -> QuestionSet:
    """Open the set to students under a join code (kept if it already has one)."""
    if not question_set.items.exists():
        raise StartRefused(_("Add at least one question before publishing."))
    with transaction.atomic():
        if not question_set.code:
            for _attempt in range(20):
                try:
                    with transaction.atomic():
                        QuestionSet.objects.filter(pk=question_set.pk).update(code=new_code())
                    break
                except IntegrityError:
                    continue
        QuestionSet.objects.filter(pk=question_set.pk).update(status=QuestionSet.Status.OPEN)
    question_set.refresh_from_db()
    return question_set


def set_close(*, question_set: QuestionSet) -> None:
    QuestionSet.objects.filter(pk=question_set.pk, status=QuestionSet.Status.OPEN).update(
        status=QuestionSet.Status.CLOSED
    )


def set_reopen(*, question_set: QuestionSet) -> None:
    QuestionSet.objects.filter(pk=question_set.pk, status=QuestionSet.Status.CLOSED).update(
        status=QuestionSet.Status.OPEN
    )


def set_duplicate(*, question_set: QuestionSet, owner) -> QuestionSet:
    fields = ["description", "language", "time_limit_minutes", "shuffle_questions",
              "shuffle_options", "behaviour", "tries", "penalty", "grace_seconds",
              "attempts_allowed", "grading_method", "points_per_question",
              "opens_at", "closes_at"]  # fmt: skip
    with transaction.atomic():
        copy = QuestionSet.objects.create(
            owner=owner,
            title=_("Copy of %(title)s") % {"title": question_set.title},
            **{name: getattr(question_set, name) for name in fields},
        )
        SetQuestion.objects.bulk_create(
            SetQuestion(question_set=copy, question_id=item.question_id, position=item.position)
            for item in question_set.items.all()
        )
    return copy


def set_delete(*, question_set: QuestionSet) -> str:
    """Delete a set nobody has taken; archive one with attempts. Returns what happened."""
    with transaction.atomic():
        if question_set.attempts.exists():
            QuestionSet.objects.filter(pk=question_set.pk).update(
                status=QuestionSet.Status.ARCHIVED
            )
            return "archived"
        question_set.delete()
        return "deleted"


class JoinRefused(Exception):
    """A student cannot take the set now; the message says why."""


def join_check(*, question_set: QuestionSet, now=None) -> None:
    now = now or timezone.now()
    if question_set.status != QuestionSet.Status.OPEN:
        raise JoinRefused(_("This quiz is closed. Ask your teacher to open it."))
    if question_set.opens_at and now < question_set.opens_at:
        raise JoinRefused(
            _("This quiz opens on %(when)s.") % {"when": _when(question_set.opens_at)}
        )
    if question_set.closes_at and now >= question_set.closes_at:
        raise JoinRefused(
            _("This quiz closed on %(when)s.") % {"when": _when(question_set.closes_at)}
        )


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def still_open(*, question_set: QuestionSet) -> bool:
    """Whether students may still start the set (published, and not past its closing)."""
    try:
        join_check(question_set=question_set)
    except JoinRefused:
        return False
    return True


def accommodation_for(*, question_set: QuestionSet, nickname: str, user=None):
    """The teacher's accommodation for this student: for their account, else their nickname
    (as it looks, so that case or a look-alike letter does not lose it). A row given for an
    account is that account's alone: another student typing its nickname does not get it,
    as accommodation_save matches rows."""
    rows = list(question_set.accommodations.all())
    if user is not None and user.is_authenticated:
        for row in rows:
            if row.user_id == user.pk:
                return row
    for row in rows:
        if row.user_id is None and row.nickname and nicknames.looks_like(row.nickname, nickname):
            return row
    return None


def attempt_remove(*, question_set: QuestionSet, attempt_id) -> bool:
    """Take an attempt out of the set's results: kept and marked, out of the statistics,
    the grades and the grid, and restorable. It still counts towards the attempts allowed
    (an accommodation gives the student another)."""
    return bool(question_set.attempts.filter(pk=attempt_id).update(removed=True))


def attempt_restore(*, question_set: QuestionSet, attempt_id) -> bool:
    return bool(question_set.attempts.filter(pk=attempt_id).update(removed=False))


def accommodation_save(
    *,
    question_set: QuestionSet,
    nickname: str,
    user=None,
    extra_minutes: int,
    extra_attempts: int,
    accommodation_id: int | None = None,
) -> Accommodation:
    """Add or change a student's extra time and attempts: the row given, else the one for
    the same account (or, without one, the same nickname as it looks), else a new one, so
    that a student never has two."""
    with transaction.atomic():
        QuestionSet.objects.select_for_update().filter(pk=question_set.pk).first()
        rows = list(question_set.accommodations.all())
        found = [row for row in rows if row.pk == accommodation_id]
        if not found and user is not None:
            found = [row for row in rows if row.user_id == user.pk]
        if not found and user is None:
            found = [
                row
                for row in rows
                if row.user_id is None and nicknames.looks_like(row.nickname, nickname)
            ]
        accommodation = found[0] if found else Accommodation(question_set=question_set)
        accommodation.nickname = nickname
        accommodation.user = user
        accommodation.extra_minutes = extra_minutes
        accommodation.extra_attempts = extra_attempts
        accommodation.save()
    return accommodation


def accommodation_delete(*, question_set: QuestionSet, accommodation_id: int) -> bool:
    deleted, _rows = question_set.accommodations.filter(pk=accommodation_id).delete()
    return bool(deleted)


def nickname_check(
    *, question_set: QuestionSet, nickname: str, owner_token: str, exclude=None
) -> None:
    """Refuse a nickname that another browser uses in the set, or one that looks the same
    (a Cyrillic "а" for a Latin "a"). ``exclude``: an attempt whose own name does not count
    (the one a teacher renames)."""
    others = question_set.attempts.exclude(owner_token=owner_token)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    names = others.values_list("nickname", flat=True).distinct()
    if any(nicknames.looks_like(nickname, other) for other in names):
        raise JoinRefused(
            _("Someone in this quiz already uses the nickname “%(name)s”; choose another.")
            % {"name": nickname}
        )


def set_start(
    *, question_set: QuestionSet, nickname: str, owner_token: str, user=None, language: str = ""
) -> Attempt:
    """A student's attempt at a set, under the set's settings.

    The nickname is the student's within the set: another browser that uses it, or one that
    looks the same (a Cyrillic "а" for a Latin "a"), is refused; the same browser may come
    back for another attempt while attempts remain. Attempts are counted by nickname, by
    browser and by logged-in user alike, so a new nickname in the same browser is no way to
    an extra attempt; the teacher's accommodation for the student adds time or attempts.

    While the teacher runs the set live, joining it joins the live session instead
    (``live_join``), in the student's ``language``.
    """
    join_check(question_set=question_set)
    session = question_set.live_sessions.exclude(step=LiveSession.Step.ENDED).first()
    if session is not None:
        return live_join(
            session=session,
            nickname=nickname,
            owner_token=owner_token,
            user=user,
            language=language or question_set.language,
        )
    with transaction.atomic():
        QuestionSet.objects.select_for_update().filter(pk=question_set.pk).first()
        nickname_check(question_set=question_set, nickname=nickname, owner_token=owner_token)
        accommodation = accommodation_for(question_set=question_set, nickname=nickname, user=user)
        allowed = question_set.attempts_allowed
        if allowed and accommodation:
            allowed += accommodation.extra_attempts
        mine = Q(owner_token=owner_token) | Q(nickname__iexact=nickname)
        if user is not None and user.is_authenticated:
            mine |= Q(user=user)
        taken = question_set.attempts.filter(mine).count()
        if allowed and taken >= allowed:
            raise JoinRefused(
                ngettext(
                    "You have used your one attempt at this quiz.",
                    "You have used all your %(count)d attempts at this quiz.",
                    allowed,
                )
                % {"count": allowed}
            )
        questions = selectors.set_questions_to_start(question_set)
        if not questions:
            raise JoinRefused(_("This quiz has no questions yet."))
        minutes = question_set.time_limit_minutes
        if minutes and accommodation:
            minutes += accommodation.extra_minutes
        if question_set.shuffle_questions:
            secrets.SystemRandom().shuffle(questions)
        return attempt_start(
            questions=questions,
            nickname=nickname,
            language=question_set.language,
            owner_token=owner_token,
            user=user,
            time_limit_minutes=minutes,
            question_set=question_set,
            points=float(question_set.points_per_question),
        )


def live_join(
    *, session: LiveSession, nickname: str, owner_token: str, user=None, language: str
) -> Attempt:
    """A student's attempt in a live session: one per browser (or logged-in user), which a
    phone that reloads or joins again gets back. The set's "attempts allowed" does not
    apply: the session is one class event, not one more try at the set."""
    question_set = session.question_set
    with transaction.atomic():
        QuestionSet.objects.select_for_update().filter(pk=question_set.pk).first()
        mine = Q(owner_token=owner_token)
        if user is not None and user.is_authenticated:
            mine |= Q(user=user)
        existing = session.attempts.filter(mine).first()
        if existing is not None:
            if existing.removed:
                raise JoinRefused(_("Your teacher has removed you from this live quiz."))
            return existing
        nickname_check(question_set=question_set, nickname=nickname, owner_token=owner_token)
        by_pk = {q.pk: q for q in Question.objects.filter(pk__in=session.questions).only("pk")}
        return attempt_start(
            questions=[by_pk[pk] for pk in session.questions if pk in by_pk],
            nickname=nickname,
            language=language,
            owner_token=owner_token,
            user=user,
            question_set=question_set,
            points=float(question_set.points_per_question),
            live=session,
        )
