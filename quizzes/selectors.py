"""Reads for the quiz app: the fact base as plain data, in a fixed number of queries."""

from __future__ import annotations

import hashlib
import itertools
import random
import re
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils.translation import gettext

from conference import models as facts_models
from quizzes import grading, nicknames
from quizzes.generation import facts as kb
from quizzes.generation.drafts import Level
from quizzes.models import (
    Accommodation,
    Attempt,
    AttemptQuestion,
    Question,
    QuestionSet,
    Response,
    SetQuestion,
)
from quizzes.permissions import TEACHERS

LANGS = ("en", "it")


def _text(obj, field: str) -> kb.Text:
    return kb.Text(getattr(obj, f"{field}_en") or "", getattr(obj, f"{field}_it") or "")


def _citations(obj) -> tuple[kb.Citation, ...]:
    return tuple(
        sorted(
            (kb.Citation(p.source.title, p.source.language, p.number) for p in obj.cited_in.all()),
            key=lambda c: (c.language, c.paragraph),
        )
    )


def _variants(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def fact_base() -> kb.FactBase:
    """The whole fact base as frozen dataclasses for the generator."""
    cited = "cited_in__source"

    def rows(model, *related):
        return model.objects.select_related(*related).prefetch_related(cited).order_by("pk")

    return kb.FactBase(
        parties=tuple(
            kb.Party(
                p.key,
                _text(p, "name"),
                _text(p, "member_label"),
                p.dominated_conference,
                _variants(p.variants),
                _citations(p),
                p.prominence,
            )
            for p in rows(facts_models.Party)
        ),
        people=tuple(
            kb.Person(
                p.key,
                _text(p, "name"),
                p.party.key if p.party else None,
                _variants(p.variants),
                _citations(p),
                p.prominence,
            )
            for p in rows(facts_models.Person, "party")
        ),
        bodies=tuple(
            kb.Body(
                b.key,
                _text(b, "name"),
                b.elected_by.key if b.elected_by else None,
                b.members_listed_in_full,
                _citations(b),
                b.prominence,
                b.kind,
            )
            for b in rows(facts_models.Body, "elected_by")
        ),
        deeds=tuple(
            kb.Deed(d.key, d.body.key, _text(d, "predicate"), _citations(d), d.prominence)
            for d in rows(facts_models.BodyFact, "body")
        ),
        roles=tuple(
            kb.Role(r.key, _text(r, "name"), _text(r, "predicate"), r.single_holder)
            for r in facts_models.Role.objects.order_by("pk")
        ),
        memberships=tuple(
            kb.Membership(m.person.key, m.role.key, m.body.key, _citations(m), m.prominence)
            for m in rows(facts_models.Membership, "person", "role", "body").order_by(
                "body__key", "order", "person__key"
            )
        ),
        events=tuple(
            kb.Event(
                e.key,
                e.date,
                _text(e, "predicate"),
                e.person.key if e.person else None,
                e.body.key if e.body else None,
                _citations(e),
                e.prominence,
            )
            for e in rows(facts_models.Event, "person", "body")
        ),
        counts=tuple(
            kb.Count(
                c.key,
                c.value,
                _text(c, "label"),
                _text(c, "question"),
                _text(c, "statement"),
                c.tolerance,
                _citations(c),
                c.prominence,
            )
            for c in rows(facts_models.Count)
        ),
        votes=tuple(
            kb.Vote(
                v.key,
                v.event.key,
                _text(v, "motion"),
                tuple((t.choice, t.count) for t in v.ordered_tallies),
                _citations(v),
                v.prominence,
            )
            for v in rows(facts_models.Vote, "event").prefetch_related("tallies")
        ),
        resolutions=tuple(
            kb.Resolution(r.key, _text(r, "title"), _citations(r), r.prominence)
            for r in rows(facts_models.Resolution)
        ),
        positions=tuple(
            kb.Position(
                p.key,
                p.resolution.key,
                _text(p, "predicate"),
                _text(p, "phrase") if p.phrase_en and p.phrase_it else None,
                _citations(p),
                p.prominence,
                _text(p, "misconception") if p.misconception_en and p.misconception_it else None,
            )
            for p in rows(facts_models.Position, "resolution").order_by(
                "resolution__key", "order", "key"
            )
        ),
        connections=tuple(
            kb.Connection(
                c.key,
                c.relation,
                _text(c, "question"),
                _text(c, "statement"),
                _text(c, "explanation"),
                tuple(c.link_refs),
                tuple(
                    kb.Misconception(_text(m, "statement"), _text(m, "correction"))
                    for m in c.misconceptions.all()
                ),
                _text(c, "also") if c.also_en and c.also_it else None,
                _citations(c),
                c.prominence,
            )
            for c in rows(facts_models.Connection).prefetch_related("misconceptions")
        ),
    )


# -- student pages ---------------------------------------------------------------------------
def practice_questions(
    *,
    length: int,
    topic: str,
    avoid: set[str],
    facts: set[str] | None = None,
    exclude_facts: set[str] | None = None,
) -> list[Question]:
    """Questions for a practice quiz: fresh ones first, no two on the same fact, kinds mixed,
    and one in five (two of ten) asking to understand a connection, not only to recall.

    Two questions on one fact would give each other away ("Who opened the Conference?" next
    to "Chkheidze opened the Conference: true or false?").
    """
    # Optimization: picking reads no payload, the largest column, so it stays in the database.
    rows = Question.objects.bank().only("id", "uid", "kind", "topic", "level", "facts")
    if topic:
        rows = rows.filter(topic=topic)
    rng = random.SystemRandom()
    pool = list(rows)
    if facts is not None:
        pool = [q for q in pool if set(q.facts) & facts]
    if exclude_facts:
        pool = [q for q in pool if not set(q.facts) & exclude_facts]
    # A greedy pick can paint itself into a corner (an ordering question takes four dates);
    # a few shuffles find a pick with no fact asked twice whenever the bank allows one, and
    # otherwise one whose questions on a fact can all be kept apart.
    best: list[Question] = []
    best_score = None
    for _try in range(25):
        rng.shuffle(pool)
        pool.sort(key=lambda q: q.uid in avoid)  # stable: fresh questions first
        chosen = spread(_greedy(pool, length), rng=rng)
        asked = [f for q in chosen for f in q.facts]
        overlap = len(asked) - len(set(asked))
        score = (len(chosen), -overlap, -neighbours_sharing_a_fact(chosen))
        if best_score is None or score > best_score:
            best, best_score = chosen, score
        if overlap == 0 and len(chosen) == min(length, len(pool)):
            break
    return best


def neighbours_sharing_a_fact(questions: list) -> int:
    """How many questions test a fact that the question just before them tested."""
    return sum(1 for a, b in itertools.pairwise(questions) if set(a.facts) & set(b.facts))


def spread(questions: list, *, rng: random.Random, budget: int = 500) -> list:
    """The questions in a random order in which no two in a row test the same fact, when
    there is one: a quiz longer than its topic has facts asks some fact twice, but never
    back to back. A search that tries the most constrained question first finds such an
    order at once for a quiz's few questions; past its budget, the order with the fewest
    neighbours sharing a fact is kept."""
    questions = list(questions)
    rng.shuffle(questions)
    facts = [set(q.facts) for q in questions]
    clash = [[bool(a & b) for b in facts] for a in facts]
    steps = 0

    def extend(order: list[int], left: set[int]) -> list[int] | None:
        nonlocal steps
        if not left:
            return order
        steps += 1
        if steps > budget:
            return None
        fits = [i for i in left if not order or not clash[order[-1]][i]]
        # Fewest partners left first: they are the ones that strand the search.
        fits.sort(key=lambda i: sum(1 for j in left if j != i and not clash[i][j]))
        for i in fits:
            found = extend([*order, i], left - {i})
            if found is not None:
                return found
        return None

    order = extend([], set(range(len(questions))))
    if order is None:
        order, left = [], set(range(len(questions)))
        while left:  # greedy: a question unlike the last one, or any
            fits = [i for i in sorted(left) if not order or not clash[order[-1]][i]]
            choice = (fits or sorted(left))[0]
            order.append(choice)
            left.remove(choice)
    return [questions[i] for i in order]


UNDERSTANDING_SHARE = 5  # one question in five asks to understand


def _greedy(pool: list[Question], length: int) -> list[Question]:
    chosen: list[Question] = []
    used_facts: set[str] = set()
    kinds: dict[str, int] = {}
    # Understanding questions first, up to their share, then the rest in the pool's order.
    quota = max(1, length // UNDERSTANDING_SHARE)
    understanding = [q for q in pool if q.level == Level.UNDERSTANDING]
    for question in understanding:
        if quota == 0:
            break
        if set(question.facts) & used_facts:
            continue
        chosen.append(question)
        used_facts |= set(question.facts)
        kinds[question.kind] = kinds.get(question.kind, 0) + 1
        quota -= 1
    # Relax one rule at a time: first new facts and a mix of kinds (at most a third of one
    # kind, so a quiz is never all true/false), then new facts only, then whatever is left.
    for strict_facts, capped in ((True, True), (True, False), (False, False)):
        for question in pool:
            if len(chosen) >= length or question in chosen:
                continue
            if strict_facts and set(question.facts) & used_facts:
                continue
            if capped and kinds.get(question.kind, 0) >= max(2, length // 3):
                continue
            chosen.append(question)
            used_facts |= set(question.facts)
            kinds[question.kind] = kinds.get(question.kind, 0) + 1
    return chosen


def _owned(owner_token: str | None, user, prefix: str = "") -> Q:
    """Rows of attempts that belong to this browser session or this user."""
    ownership = Q(**{f"{prefix}owner_token": owner_token}) if owner_token else Q(pk__in=[])
    if user is not None and user.is_authenticated:
        ownership |= Q(**{f"{prefix}user": user})
    return ownership


def owned_attempts(*, owner_token: str | None, user):
    """The attempts of this browser session or this user."""
    return Attempt.objects.filter(_owned(owner_token, user))


def attempt_for(*, attempt_id, owner_token: str | None, user) -> Attempt | None:
    """The attempt if it belongs to this browser session or this user, else None."""
    return Attempt.objects.filter(_owned(owner_token, user), pk=attempt_id).first()


# Positions are stored as positive 32-bit integers; a number from a URL or a form may not be.
MAX_POSITION = 2**31 - 1


def _slots(*, attempt_id, owner_token: str | None, user):
    """An attempt's slots with their attempt and question, if the attempt is this visitor's."""
    # Optimization: the attempt and the question come in the slot's query; every answer reads them.
    return AttemptQuestion.objects.filter(
        _owned(owner_token, user, prefix="attempt__"), attempt_id=attempt_id
    ).select_related("attempt", "question")


def slot_for(*, attempt_id, owner_token: str | None, user, position: int | None = None):
    """The attempt's slot at ``position`` (its current one by default), with the attempt and
    the question, in one query; None if the attempt is not this visitor's."""
    slots = _slots(attempt_id=attempt_id, owner_token=owner_token, user=user)
    if position is None:
        return slots.filter(position=F("attempt__position")).first()
    if not 0 <= position <= MAX_POSITION:
        return None
    return slots.filter(position=position).first()


def review(attempt: Attempt) -> list[tuple[AttemptQuestion, Response | None]]:
    """Every question of an attempt with the student's response, in two queries."""
    slots = list(attempt.slots.select_related("question").order_by("position"))
    responses = {r.position: r for r in attempt.responses.all()}
    return [(slot, responses.get(slot.position)) for slot in slots]


@dataclass(frozen=True)
class NavigationItem:
    """A question in the navigation panel of an attempt with deferred feedback."""

    number: int
    answered: bool
    flagged: bool
    current: bool


def navigation(attempt: Attempt, *, current: int | None) -> list[NavigationItem]:
    """Every question of the attempt: answered (something saved) or not, flagged or not."""
    rows = attempt.slots.order_by("position").values_list("position", "draft", "flagged")
    return [
        NavigationItem(position + 1, draft is not None, flagged, position == current)
        for position, draft, flagged in rows
    ]


def open_attempt(*, owner_token: str | None, user) -> Attempt | None:
    """The visitor's unfinished attempt, to offer "continue where you left off"."""
    return (
        Attempt.objects.filter(_owned(owner_token, user), state=Attempt.State.IN_PROGRESS)
        .order_by("-started_at")
        .first()
    )


JOIN_CODE = re.compile(r"[A-Za-z0-9]{1,12}")


def question_set_by_code(code: str) -> QuestionSet | None:
    """The set with this join code, in any case; None for anything that is not a code."""
    if not JOIN_CODE.fullmatch(code):
        return None
    return QuestionSet.objects.filter(code__iexact=code).first()


# -- teachers --------------------------------------------------------------------------------
def is_teacher(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=TEACHERS).exists()


def teacher_sets(user, *, archived: bool = False):
    """A teacher's own sets (an admin's: everybody's), with their counts, in one query."""
    rows = QuestionSet.objects.select_related("owner").annotate(
        question_total=Count("items", distinct=True), attempt_total=Count("attempts", distinct=True)
    )
    if not user.is_superuser:
        rows = rows.filter(owner=user)
    if archived:
        return rows.filter(status=QuestionSet.Status.ARCHIVED)
    return rows.exclude(status=QuestionSet.Status.ARCHIVED)


def set_for_teacher(user, pk) -> QuestionSet | None:
    """The set if this teacher owns it (and is still a teacher), or any set for an admin:
    one query that also proves the teacher role."""
    rows = QuestionSet.objects.select_related("owner")
    if not user.is_superuser:
        rows = rows.filter(owner_id=user.pk, owner__groups__name=TEACHERS, owner__is_active=True)
    return rows.filter(pk=pk).first()


def set_items(question_set: QuestionSet) -> list[SetQuestion]:
    return list(question_set.items.select_related("question").order_by("position"))


def set_questions_for_attempt(question_set: QuestionSet) -> list[Question]:
    """The set's questions in their current versions (a fact edit may have replaced one);
    questions whose fact is gone are left out."""
    items = set_items(question_set)
    current = {q.uid: q for q in Question.objects.active().filter(
        uid__in=[item.question.uid for item in items])}  # fmt: skip
    return [current[item.question.uid] for item in items if item.question.uid in current]


def set_questions_to_start(question_set: QuestionSet) -> list[Question]:
    """What an attempt needs of the set's current questions: their ids, in the set's order."""
    uids = list(question_set.items.order_by("position").values_list("question__uid", flat=True))
    # Optimization: a whole class joins at the same minute; starting reads no payload.
    current = {q.uid: q for q in Question.objects.active().filter(uid__in=uids).only("pk", "uid")}
    return [current[uid] for uid in uids if uid in current]


SOURCES = {
    "en": {"in_english_article": True},
    "it": {"in_italian_article": True},
    "both": {"in_english_article": True, "in_italian_article": True},
}


def bank(*, topic: str = "", kind: str = "", difficulty: str = "", language: str = "en",
         search: str = "", limit: int = 60,
         level: str = "", source: str = "", author=None):  # fmt: skip
    """Active questions for the teacher's bank browser, filtered. ``source`` keeps the
    questions whose facts one article states (en, it) or both do; with an ``author``, that
    teacher's own questions instead of the shared bank's."""
    if author is not None:
        rows = Question.objects.active().filter(author=author).order_by("topic", "uid")
    else:
        rows = Question.objects.bank().order_by("topic", "uid")
    if topic:
        rows = rows.filter(topic=topic)
    if kind:
        rows = rows.filter(kind=kind)
    if level:
        rows = rows.filter(level=level)
    rows = rows.filter(**SOURCES.get(source, {}))
    if search:
        rows = rows.filter(**{f"payload__prompt__{language}__icontains": search})
    questions = list(rows)
    bands = {"easy": (0.75, 1.01), "medium": (0.5, 0.75), "hard": (0.0, 0.5)}
    if difficulty in bands:
        low, high = bands[difficulty]
        questions = [q for q in questions if low <= q.p_correct < high]
    return questions[:limit], len(questions)


@dataclass
class AccommodationRow:
    accommodation: Accommodation
    in_use: bool  # an attempt of the set has this nickname or account already

    @property
    def name(self) -> str:
        """Who it is for, as the teacher named them: the nickname, else the username."""
        accommodation = self.accommodation
        return accommodation.nickname or accommodation.user.get_username()


def set_accommodations(question_set: QuestionSet) -> list[AccommodationRow]:
    """The set's accommodations, each with whether a student of the set has started under
    its nickname (as it looks) or account yet: two queries."""
    known = list(question_set.attempts.values_list("nickname", "user_id").distinct())
    names = {nicknames.skeleton(nickname) for nickname, _user in known}
    users = {user for _nickname, user in known if user is not None}
    rows = question_set.accommodations.select_related("user").order_by("nickname", "pk")
    out = []
    for row in rows:
        by_name = bool(row.nickname) and nicknames.skeleton(row.nickname) in names
        out.append(AccommodationRow(row, row.user_id in users or by_name))
    return out


@dataclass
class Cell:
    """One attempt's result on one question, for the grid of students by questions."""

    state: str  # "right", "partly", "wrong", "unanswered", or "absent" (not in this attempt)
    points: float | None = None
    out_of: float | None = None
    fraction: float | None = None  # the share of the question's points, 0 to 1

    @property
    def text(self) -> str:
        """The points, written the same way on the page and in the CSV."""
        return grading.points_text(self.points) if self.points is not None else ""


@dataclass
class AttemptRow:
    attempt: Attempt
    seconds: int | None
    number: int = 1  # the student's first, second... attempt
    name: str = ""  # the student's name as the results show it
    cells: list[Cell] = field(default_factory=list)
    same_browser: list[str] = field(default_factory=list)  # other students' names
    grading: bool = False  # this attempt gives the student's grade

    @property
    def percentage(self) -> float:
        return self.attempt.percentage

    @property
    def percentage_text(self) -> str:
        """The score as a percentage, written the same way on the page and in the CSV."""
        return grading.percent_text(_share(self.attempt))


@dataclass
class StudentRow:
    """One student of a set: the attempts of one nickname, or of one logged-in user."""

    name: str
    other_names: list[str]  # the other nicknames a logged-in student used
    attempts: list[AttemptRow]
    grade: float | None  # a share of the points, 0 to 1; None before a finished attempt
    same_browser: list[str] = field(default_factory=list)

    @property
    def grade_text(self) -> str:
        return grading.percent_text(self.grade) if self.grade is not None else ""

    @property
    def finished(self) -> int:
        return sum(row.attempt.finished for row in self.attempts)


@dataclass
class OptionCount:
    text: str
    count: int
    correct: bool = False


@dataclass
class ItemRow:
    number: int
    uid: str
    prompt: str
    kind: str
    points: float  # what the question is worth in the set
    facility: float | None
    discrimination: float | None
    efficiency: float | None
    flags: tuple[str, ...]
    options: list[OptionCount]
    answered: int


@dataclass
class SetResults:
    rows: list[AttemptRow]  # the attempts in the results, sorted as asked
    removed: list[AttemptRow]  # attempts the teacher removed from the results
    students: list[StudentRow]  # by name, each with their attempts and grade
    summary: object
    histogram: list[int]
    items: list[ItemRow]
    max_score: float
    statistics_on: str  # "first" or "all"
    counted: int  # attempts the summary and the item analysis count
    finished: int  # finished attempts in the results
    version: str  # changes whenever anything shown may have changed


SORTS = {
    "nickname": lambda row: row.attempt.nickname.casefold(),
    "started": lambda row: row.attempt.started_at,
    "finished": lambda row: (row.attempt.finished_at is None, row.attempt.finished_at or 0),
    "score": lambda row: row.attempt.score,
    "time": lambda row: (row.seconds is None, row.seconds or 0),
}
# Which finished attempts the statistics count: each student's first (Moodle's default, so
# a student who tried again after seeing the answers does not make a question look easy),
# or all of them.
STATISTICS_ON = ("first", "all")


def _seconds(attempt: Attempt) -> int | None:
    return int(attempt.duration.total_seconds()) if attempt.finished_at else None


def _share(attempt: Attempt) -> float:
    return attempt.score / attempt.max_score if attempt.max_score else 0.0


def _cell(slot: AttemptQuestion) -> Cell:
    response = getattr(slot, "response", None)
    if response is None:
        return Cell("unanswered", None, slot.points)
    if response.fraction >= 1.0:
        state = "right"
    elif response.fraction > 0:
        state = "partly"
    else:
        state = "wrong"
    return Cell(state, response.points, slot.points, response.fraction)


def _fraction(cell: Cell) -> float | None:
    """The share of the question's points, for the statistics: None when the attempt did
    not include the question; a question left unanswered in a finished attempt scores 0."""
    if cell.state == "absent":
        return None
    return cell.fraction or 0.0


def _distinct(names) -> list[str]:
    """Names in order, each once however it is spelt ("Ann" and "ann" are one)."""
    seen, out = set(), []
    for name in names:
        key = nicknames.skeleton(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _students(rows: list[AttemptRow], method: str) -> list[StudentRow]:
    """The set's students with their attempts (in the order started) and final grades."""
    groups = grading.students([(row.attempt.nickname, row.attempt.user_id) for row in rows])
    students = []
    for group in groups:
        members = [rows[index] for index in group]
        names = _distinct(row.attempt.nickname for row in members)
        for number, row in enumerate(members, start=1):
            row.number, row.name = number, names[0]
        finished = [row for row in members if row.attempt.finished]
        shares = [_share(row.attempt) for row in finished]
        index = grading.grading_attempt(method, shares)
        if index is not None:
            finished[index].grading = True
        students.append(
            StudentRow(names[0], names[1:], members, grading.final_grade(method, shares))
        )
    # Attempts under different names from one browser: the teacher should know.
    by_browser: dict[str, list[StudentRow]] = {}
    for student in students:
        for row in student.attempts:
            if row.attempt.owner_token:
                by_browser.setdefault(row.attempt.owner_token, []).append(student)
    for student in students:
        for row in student.attempts:
            others = by_browser.get(row.attempt.owner_token, []) if row.attempt.owner_token else []
            row.same_browser = _distinct(s.name for s in others if s is not student)
        student.same_browser = _distinct(n for row in student.attempts for n in row.same_browser)
    students.sort(key=lambda student: student.name.casefold())
    return students


RESULTS_VERSION_FIELDS = ("pk", "state", "position", "score", "removed", "regraded_at")


def _results_version(rows) -> str:
    """A fingerprint of what the results page shows, from each attempt's fields above."""
    shown = [(str(pk), *rest) for pk, *rest in rows]
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:16]


def results_version(question_set: QuestionSet) -> str:
    """set_results(question_set).version in one small query, for the page's poll to answer
    "nothing changed" without loading the results."""
    rows = question_set.attempts.order_by("started_at", "pk")  # set_results' order
    return _results_version(rows.values_list(*RESULTS_VERSION_FIELDS))


def set_results(
    question_set: QuestionSet, *, sort: str = "-started", statistics_on: str = "first"
) -> SetResults:
    """Attempts, students and their grades, summary, distribution, item analysis and the
    grid of students by questions of a set in two queries, whatever the size of the class:
    the slots with their attempts and responses, and the questions.

    Removed attempts are listed apart and count nowhere else. The summary, the distribution
    and the item analysis (option counts and "answered" included) count the same finished
    attempts: each student's first, or all of them (``statistics_on``).
    """
    from quizzes import statistics

    if statistics_on not in STATISTICS_ON:
        statistics_on = "first"
    slots = list(
        AttemptQuestion.objects.filter(attempt__question_set=question_set)
        .select_related("attempt", "response")
        .order_by("attempt__started_at", "attempt_id", "position")
    )
    questions = {
        q.pk: q
        for q in Question.objects.filter(
            pk__in=AttemptQuestion.objects.filter(attempt__question_set=question_set).values(
                "question_id"
            )
        ).only("uid", "kind", "payload")  # Optimization: the item analysis reads no more
    }
    attempts = list({slot.attempt_id: slot.attempt for slot in slots}.values())
    version = _results_version(
        (a.pk, a.state, a.position, a.score, a.removed, a.regraded_at) for a in attempts
    )
    rows = {a.pk: AttemptRow(a, _seconds(a)) for a in attempts if not a.removed}
    removed = [AttemptRow(a, _seconds(a)) for a in attempts if a.removed]
    students = _students(list(rows.values()), question_set.grading_method)
    slots = [slot for slot in slots if slot.attempt_id in rows]

    finished = [pk for pk, row in rows.items() if row.attempt.finished]
    if statistics_on == "all":
        counted = finished
    else:
        firsts = {
            next(row.attempt.pk for row in student.attempts if row.attempt.finished)
            for student in students
            if student.finished
        }
        counted = [pk for pk in finished if pk in firsts]
    counting = set(counted)

    # Columns: the questions by id, in the order students met them (earliest position).
    order: dict[str, int] = {}
    for slot in slots:
        uid = questions[slot.question_id].uid
        order[uid] = min(order.get(uid, slot.position), slot.position)
    uids = sorted(order, key=lambda uid: (order[uid], uid))
    points: dict[str, float] = {}
    grid: dict = {pk: {} for pk in rows}
    latest: dict[str, Question] = {}
    chosen: dict[str, list] = {uid: [] for uid in uids}
    for slot in slots:
        question = questions[slot.question_id]
        latest.setdefault(question.uid, question)
        points[question.uid] = slot.points
        grid[slot.attempt_id][question.uid] = _cell(slot)
        response = getattr(slot, "response", None)
        if slot.attempt_id in counting and response is not None:
            chosen[question.uid].append(response.answer)
    for pk, row in rows.items():
        row.cells = [grid[pk].get(uid, Cell("absent")) for uid in uids]
    matrix = [[_fraction(cell) for cell in rows[pk].cells] for pk in counted]
    weights = [points[uid] for uid in uids]
    item_stats = statistics.items(matrix, weights) if matrix else [None] * len(uids)
    language = question_set.language
    items = []
    for number, (uid, stats) in enumerate(zip(uids, item_stats, strict=True), start=1):
        question = latest[uid]
        items.append(
            ItemRow(
                number=number,
                uid=uid,
                prompt=question.payload["prompt"][language],
                kind=question.kind,
                points=points[uid],
                facility=stats.facility if stats else None,
                discrimination=stats.discrimination if stats else None,
                efficiency=stats.efficiency if stats else None,
                flags=stats.flags if stats else (),
                options=option_counts(question.payload, chosen[uid], language),
                answered=len(chosen[uid]),
            )
        )
    ordered = list(rows.values())
    key, reverse = sort.lstrip("-"), sort.startswith("-")
    ordered.sort(key=SORTS.get(key, SORTS["started"]), reverse=reverse)
    return SetResults(
        rows=ordered,
        removed=removed,
        students=students,
        summary=statistics.summary(matrix, weights),
        histogram=statistics.histogram([rows[pk].attempt.percentage for pk in counted]),
        items=items,
        max_score=max((row.attempt.max_score for row in ordered), default=0.0),
        statistics_on=statistics_on,
        counted=len(counted),
        finished=len(finished),
        version=version,
    )


def option_counts(payload: dict, answers: list[dict], language: str) -> list[OptionCount]:
    """How many students picked each option of a choice question."""
    kind = payload["kind"]
    if kind == "true_false":
        counts = {True: 0, False: 0}
        for answer in answers:
            if answer.get("value") in counts:
                counts[answer["value"]] += 1
        return [
            OptionCount(gettext("True"), counts[True], payload["truth"] is True),
            OptionCount(gettext("False"), counts[False], payload["truth"] is False),
        ]
    if kind not in ("single_choice", "multiple_response"):
        return []
    counts = {o["id"]: 0 for o in payload["options"]}
    for answer in answers:
        picked = answer.get("options") or [answer.get("option")]
        for option_id in picked:
            if option_id in counts:
                counts[option_id] += 1
    by_id = {o["id"]: o for o in payload["options"]}
    return [
        OptionCount(by_id[i]["text"][language], counts[i], by_id[i]["correct"])
        for i in payload["order"][language]
    ]
