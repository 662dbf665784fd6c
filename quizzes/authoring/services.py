"""State changes of teachers' own questions and of sharing sets, each in one transaction."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from quizzes import selectors as quiz_selectors
from quizzes.authoring import written as w
from quizzes.authoring.selectors import UID_PREFIX
from quizzes.models import AttemptQuestion, Question, QuestionSet, Response, SetQuestion, SetShare
from quizzes.services import _priors
from quizzes.teaching import set_add


class QuestionRefused(Exception):
    """The question cannot be stored; ``problems`` say why, field by field."""

    def __init__(self, problems: list[w.Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def new_uid() -> str:
    """A teacher's question id: never one the generator makes (those name a family first)."""
    return UID_PREFIX + secrets.token_hex(6)


def _fields(question: w.Written, uid: str) -> dict:
    """The columns of a question version built from what the teacher wrote."""
    found = w.problems(question)
    if found:
        raise QuestionRefused(found)
    data = w.payload(question, uid)
    draft = w.to_draft(question, uid)
    return {
        "kind": question.kind,
        "topic": question.topic,
        "level": question.level,
        # Not stated in either article: a class limited to one article is not asked it.
        "in_english_article": False,
        "in_italian_article": False,
        "payload": data,
        "facts": list(question.facts),
        "content_hash": w.content_hash(data),
        **_priors(draft),
    }


def question_create(*, author, written: w.Written, question_set=None) -> Question:
    """A new question of the teacher's own, added to ``question_set`` if one is given."""
    uid = new_uid()
    fields = _fields(written, uid)
    with transaction.atomic():
        question = Question.objects.create(uid=uid, author=author, in_bank=False, **fields)
        if question_set is not None:
            set_add(question_set=question_set, questions=[question])
    return question


def is_used(question: Question) -> bool:
    """Whether an attempt has shown this version or a student has answered it."""
    return (
        AttemptQuestion.objects.filter(question=question).exists()
        or Response.objects.filter(question=question).exists()
    )


def question_update(*, question: Question, written: w.Written) -> Question:
    """Save an edit. A version nobody has seen changes in place; one that an attempt has
    shown is retired and kept, and a new version takes its place, so that past attempts,
    scores and reviews stay exactly as they were (as the bank refresh does)."""
    fields = _fields(written, question.uid)
    with transaction.atomic():
        current = Question.objects.select_for_update().get(pk=question.pk)
        if current.content_hash == fields["content_hash"] and current.facts == fields["facts"]:
            return current
        if not is_used(current):
            Question.objects.filter(pk=current.pk).update(**fields)
            current.refresh_from_db()
            return current
        latest = Question.objects.filter(uid=current.uid).aggregate(v=Max("version"))["v"]
        Question.objects.filter(pk=current.pk).update(
            status=Question.Status.RETIRED, retired_at=timezone.now()
        )
        new = Question.objects.create(
            uid=current.uid,
            version=latest + 1,
            author=current.author,
            in_bank=current.in_bank,
            **fields,
        )
        # The author's own sets show the version they just wrote, not a notice that it
        # changed; new attempts take the current version of every set anyway.
        SetQuestion.objects.filter(
            question=current, question_set__owner_id=current.author_id
        ).update(question=new)
    return new


def question_remove(*, question: Question) -> str:
    """Delete a question nobody has used and no set holds; retire one that has been used,
    so that attempts, results and sets keep it. Returns what happened."""
    with transaction.atomic():
        versions = Question.objects.filter(uid=question.uid)
        held = SetQuestion.objects.filter(question__in=versions).exists()
        used = any(is_used(version) for version in versions)
        if held or used:
            versions.filter(status=Question.Status.ACTIVE).update(
                status=Question.Status.RETIRED, retired_at=timezone.now()
            )
            return "retired"
        versions.delete()
        return "deleted"


def questions_import(*, author, questions: list[w.Written], question_set=None) -> list[Question]:
    """Store imported questions as the teacher's own, all or none; add them to the set."""
    rows = []
    with transaction.atomic():
        for written in questions:
            uid = new_uid()
            rows.append(
                Question.objects.create(
                    uid=uid, author=author, in_bank=False, **_fields(written, uid)
                )
            )
        if question_set is not None:
            set_add(question_set=question_set, questions=rows)
    return rows


def question_copy(*, question: Question, author) -> Question:
    """A teacher's own copy of another teacher's question (a duplicated shared set)."""
    return Question.objects.create(
        uid=new_uid(),
        author=author,
        in_bank=False,
        difficulty=question.prior_difficulty,
        **{name: getattr(question, name) for name in COPIED},
    )


COPIED = ("kind", "topic", "level", "in_english_article", "in_italian_article", "payload",
          "facts", "content_hash", "guessing_floor", "prior_difficulty")  # fmt: skip


def shared_set_duplicate(*, question_set: QuestionSet, teacher) -> QuestionSet:
    """Another teacher's copy of a shared set: the sharer's own questions become copies of
    the recipient's own (to edit freely), the bank's stay the bank's."""
    from quizzes.teaching import set_duplicate

    with transaction.atomic():
        copy = set_duplicate(question_set=question_set, owner=teacher)
        current = {q.uid: q for q in quiz_selectors.set_questions_for_attempt(question_set)}
        for item in copy.items.select_related("question"):
            original = item.question
            if original.author_id is None or original.author_id == teacher.pk:
                continue
            source = current.get(original.uid, original)
            mine = question_copy(question=source, author=teacher)
            SetQuestion.objects.filter(pk=item.pk).update(question=mine)
    return copy


class ShareRefused(Exception):
    """A set cannot be shared with that user; the message says why."""


def set_share(*, question_set: QuestionSet, username: str) -> SetShare:
    """Show the set (and its owner's questions in it) to another teacher, by username."""
    user = get_user_model().objects.filter(username__iexact=username.strip()).first()
    if user is None or not quiz_selectors.is_teacher(user):
        raise ShareRefused(
            _("No teacher has the username “%(name)s”.") % {"name": username.strip()}
        )
    if user.pk == question_set.owner_id:
        raise ShareRefused(_("This is your own quiz."))
    with transaction.atomic():
        share, _created = SetShare.objects.get_or_create(question_set=question_set, teacher=user)
    return share


def set_unshare(*, question_set: QuestionSet, share_id: int) -> None:
    SetShare.objects.filter(question_set=question_set, pk=share_id).delete()


def questions_promote(*, uids: list[str]) -> int:
    """An admin's decision: teachers' questions join the shared bank (every version, so that
    later edits stay in it). Returns how many questions were promoted."""
    rows = Question.objects.filter(uid__in=uids, author__isnull=False, in_bank=False)
    count = len(set(rows.values_list("uid", flat=True)))
    rows.update(in_bank=True)
    return count


def questions_withdraw(*, uids: list[str]) -> int:
    """Take teachers' questions out of the shared bank again."""
    rows = Question.objects.filter(uid__in=uids, author__isnull=False, in_bank=True)
    count = len(set(rows.values_list("uid", flat=True)))
    rows.update(in_bank=False)
    return count
