"""Reads of teachers' own questions and of the sets shared with them."""

from __future__ import annotations

from django.db.models import Q

from conference import models as facts
from quizzes.generation.drafts import FACT_TOPICS
from quizzes.models import TOPIC_CHOICES, Question, QuestionSet

UID_PREFIX = "teacher/"


def my_questions(user, *, kind: str = "", search: str = "", language: str = "en"):
    """A teacher's own questions, the newest first (an admin's too: only their own), each
    with the ``key`` its pages are addressed by."""
    rows = Question.objects.active().filter(author=user).order_by("-created_at", "-pk")
    if kind:
        rows = rows.filter(kind=kind)
    if search:
        rows = rows.filter(**{f"payload__prompt__{language}__icontains": search})
    return [keyed(question) for question in rows]


def keyed(question: Question) -> Question:
    question.key = question.uid.removeprefix(UID_PREFIX)
    return question


def own_question(user, key: str) -> Question | None:
    """The current version of the teacher's question with this key; any teacher's for an
    admin; None for anybody else's."""
    rows = Question.objects.active().filter(uid=UID_PREFIX + key, author__isnull=False)
    if not user.is_superuser:
        rows = rows.filter(author=user)
    question = rows.first()
    return keyed(question) if question is not None else None


def addable_questions(user, uids: list[str]):
    """The questions a teacher may put in a set: the shared bank's and their own."""
    return Question.objects.active().filter(uid__in=uids).filter(Q(in_bank=True) | Q(author=user))


def shared_set(user, pk) -> QuestionSet | None:
    """A set another teacher shared with this one, or their own (any set for an admin)."""
    rows = QuestionSet.objects.select_related("owner")
    if not user.is_superuser:
        rows = rows.filter(Q(shares__teacher=user) | Q(owner=user))
    return rows.filter(pk=pk).first()


def sets_shared_with(user) -> list[QuestionSet]:
    return list(
        QuestionSet.objects.filter(shares__teacher=user)
        .exclude(status=QuestionSet.Status.ARCHIVED)
        .select_related("owner")
        .order_by("-updated_at")
    )


def set_shares(question_set: QuestionSet):
    return list(question_set.shares.select_related("teacher").order_by("teacher__username"))


# What each kind of fact is called in a ref, in the order a teacher reads them.
FACT_KINDS = (
    ("party", facts.Party, ()),
    ("person", facts.Person, ()),
    ("count", facts.Count, ()),
    ("membership", facts.Membership, ("person", "role", "body")),
    ("body", facts.Body, ()),
    ("bodyfact", facts.BodyFact, ("body",)),
    ("resolution", facts.Resolution, ()),
    ("position", facts.Position, ("resolution",)),
    ("event", facts.Event, ("person", "body")),
    ("vote", facts.Vote, ()),
)


def _ref(kind: str, fact) -> str:
    if kind == "membership":
        return f"membership:{fact.person.key}/{fact.role.key}/{fact.body.key}"
    return f"{kind}:{fact.key}"


def fact_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The facts a teacher may link a question to, grouped by topic, named in the current
    language with their references filled ({person:plekhanov} as a name):
    [(topic, [(ref, name), ...]), ...]. A fact's str() is its title in the current language
    with its references filled (conference.models.filled)."""
    groups: dict[str, list[tuple[str, str]]] = {topic: [] for topic, _label in TOPIC_CHOICES}
    for kind, model, related in FACT_KINDS:
        for fact in model.objects.select_related(*related).order_by("pk"):
            groups[FACT_TOPICS[kind]].append((_ref(kind, fact), str(fact)))
    for connection in facts.Connection.objects.order_by("pk"):
        main = connection.link_refs[0] if connection.link_refs else "event:"
        topic = FACT_TOPICS.get(main.partition(":")[0], TOPIC_CHOICES[0][0])
        groups[topic].append((f"connection:{connection.key}", str(connection)))
    labels = dict(TOPIC_CHOICES)
    return [(str(labels[topic]), choices) for topic, choices in groups.items() if choices]
