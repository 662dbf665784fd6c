"""The question bank (versioned rows) and the attempts that students make on it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes import difficulty
from quizzes.generation.drafts import Kind, Level, Topic

KIND_CHOICES = [
    (Kind.SINGLE_CHOICE.value, _("single choice")),
    (Kind.MULTIPLE_RESPONSE.value, _("multiple response")),
    (Kind.TRUE_FALSE.value, _("true or false")),
    (Kind.NUMERIC.value, _("number")),
    (Kind.ORDERING.value, _("ordering")),
    (Kind.MATCHING.value, _("matching")),
    (Kind.SHORT_ANSWER.value, _("short answer")),
]
# The languages of the quiz, each named in itself (as a language menu does).
LANGUAGE_CHOICES = [("en", "English"), ("it", "Italiano")]
LEVEL_CHOICES = [
    (Level.RECALL.value, _("recall a fact")),
    (Level.UNDERSTANDING.value, _("understand a connection")),
]
TOPIC_CHOICES = [
    (Topic.COMPOSITION.value, _("Who took part")),
    (Topic.PEOPLE.value, _("People and roles")),
    (Topic.BODIES.value, _("Bodies and elections")),
    (Topic.RESOLUTIONS.value, _("Resolutions")),
    (Topic.CHRONOLOGY.value, _("Dates and votes")),
]


class QuestionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Question.Status.ACTIVE)

    def bank(self):
        """Active questions that every teacher may pick and practice quizzes draw from: the
        generated ones, and teachers' questions an admin has promoted."""
        return self.active().filter(in_bank=True)


class Question(models.Model):
    """One version of a question, generated or a teacher's own. Answered versions are never
    changed in place."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        RETIRED = "retired", _("retired")

    uid = models.CharField(_("id"), max_length=160, help_text=_("Stable across regenerations."))
    version = models.PositiveIntegerField(_("version"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    topic = models.CharField(_("topic"), max_length=20, choices=TOPIC_CHOICES)
    level = models.CharField(
        _("level"), max_length=16, choices=LEVEL_CHOICES, default=Level.RECALL.value
    )
    # Which source article states everything the question asks: a class that read only one
    # article is asked only what it could have read there.
    in_english_article = models.BooleanField(_("stated in the English article"), default=True)
    in_italian_article = models.BooleanField(_("stated in the Italian article"), default=True)
    payload = models.JSONField(_("content"), help_text=_("Both languages and the answer key."))
    facts = models.JSONField(
        _("facts tested"),
        default=list,
        help_text=_("Refs of the facts it tests; also in the content."),
    )
    content_hash = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    guessing_floor = models.FloatField(default=0.0)
    prior_difficulty = models.FloatField(_("difficulty before answers"), default=0.0)
    difficulty = models.FloatField(_("difficulty"), default=0.0)
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    # A teacher's own question, written or imported (quizzes.authoring): private to its
    # author and the teachers they share a set with. Generated questions have no author, and
    # only they are touched by the bank refresh.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authored_questions",
        verbose_name=_("written by"),
    )
    in_bank = models.BooleanField(
        _("in the shared bank"),
        default=True,
        help_text=_(
            "Offered to every teacher and in practice quizzes. A teacher's own question is "
            "not, until an admin promotes it."
        ),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["uid", "-version"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["uid", "version"], name="question_version_unique"),
            models.UniqueConstraint(
                fields=["uid"], condition=Q(status="active"), name="question_one_active_version"
            ),
        ]
        indexes = [models.Index(fields=["status", "topic", "kind"])]

    def __str__(self):
        return f"{self.uid} v{self.version}"

    @property
    def p_correct(self) -> float:
        """The current estimate that an average student answers it right."""
        return difficulty.p_correct(self.difficulty, self.guessing_floor)

    def text(self, language: str) -> str:
        return self.payload["prompt"][language]


class Behaviour(models.TextChoices):
    """How a student takes a quiz (Moodle's question behaviours)."""

    IMMEDIATE = "immediate", _("Immediate feedback: the right answer after each question")
    DEFERRED = (
        "deferred",
        _("Deferred feedback: move freely, change answers, see everything after submitting"),
    )
    INTERACTIVE = "interactive", _("Interactive: several tries with hints, each wrong try costs")


class GradingMethod(models.TextChoices):
    """Which of a student's attempts gives their grade (Moodle's grading method)."""

    HIGHEST = "highest", _("the highest grade")
    FIRST = "first", _("the first attempt")
    LAST = "last", _("the last attempt")
    AVERAGE = "average", _("the average of the attempts")


class QuestionSet(models.Model):
    """A teacher's quiz: chosen questions, settings, and a join code once published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")
        ARCHIVED = "archived", _("archived")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="question_sets"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en", choices=LANGUAGE_CHOICES)
    code = models.CharField(_("join code"), max_length=12, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=False)
    behaviour = models.CharField(
        _("how students take it"),
        max_length=12,
        default=Behaviour.IMMEDIATE,
        choices=Behaviour.choices,
    )
    tries = models.PositiveSmallIntegerField(
        _("tries per question"),
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(5)],
        help_text=_("Interactive quizzes only: how many times a student may answer."),
    )
    penalty = models.FloatField(
        _("cost of each wrong try"),
        default=1 / 3,
        choices=[
            (0.0, _("nothing")),
            (0.1, "10%"),
            (0.2, "20%"),
            (1 / 3, _("a third")),
            (0.5, _("a half")),
        ],
        help_text=_("Interactive quizzes only: the share of the question's points it takes."),
    )
    grace_seconds = models.PositiveSmallIntegerField(
        _("grace period (seconds)"),
        default=60,
        validators=[MaxValueValidator(600)],
        help_text=_(
            "With a time limit: answers a slow network delivers this long after the time is up "
            "still count."
        ),
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed per student"), default=1, help_text=_("0 means no limit.")
    )
    grading_method = models.CharField(
        _("grade by"),
        max_length=10,
        default=GradingMethod.HIGHEST,
        choices=GradingMethod.choices,
        help_text=_("When a student may make several attempts."),
    )
    points_per_question = models.PositiveSmallIntegerField(_("points per question"), default=1)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="question_set_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title


# How a live session's attempts are taken: not a setting of a set (a teacher runs a set live
# from its share page), so it is a choice of attempts only.
LIVE = "live"
ATTEMPT_BEHAVIOURS = [
    *Behaviour.choices,
    (LIVE, _("Live: the teacher shows each question to the class and reveals the answer")),
]


class LiveSession(models.Model):
    """A set run live: the teacher shows one question at a time on a projector, closes the
    answers, reveals how the class answered, and moves on. The class answers on phones,
    each in an ordinary attempt of the set (``Attempt.live``).

    The step and position are the whole state the phones follow; ``version`` counts every
    change the projector shows (a step, a renamed or removed student, the leaderboard).
    """

    class Step(models.TextChoices):
        LOBBY = "lobby", _("waiting for the class to join")
        QUESTION = "question", _("question shown, answers open")
        CLOSED = "closed", _("answers closed")
        REVEALED = "revealed", _("answer revealed")
        ENDED = "ended", _("ended")

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="live_sessions"
    )
    # The question versions of the session, in order, fixed when it starts: every phone and
    # the projector show the same version of each question.
    questions = models.JSONField(default=list)
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.LOBBY)
    position = models.PositiveIntegerField(default=0, help_text=_("Index of the question shown."))
    version = models.PositiveIntegerField(default=0)
    seconds_per_question = models.PositiveSmallIntegerField(
        _("seconds per question"),
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(600)],
        help_text=_("Optional: answers close by themselves when the time is up."),
    )
    leaderboard = models.BooleanField(
        _("show a leaderboard"),
        default=False,
        help_text=_("The five best scores so far, after each answer is revealed."),
    )
    started_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    # The per-question timer: answers close at this moment (None: when the teacher says).
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["question_set"],
                condition=~Q(step="ended"),
                name="live_session_one_running_per_set",
            )
        ]

    def __str__(self):
        return f"{self.question_set} live ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def question_count(self) -> int:
        return len(self.questions)

    def step_at(self, now) -> str:
        """The step as the class sees it: a question whose timer ran out is closed."""
        if self.step == self.Step.QUESTION and self.closes_at and now >= self.closes_at:
            return self.Step.CLOSED
        return self.step


class Attempt(models.Model):
    """One student's run through a list of questions."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        FINISHED = "finished", _("finished")

    Behaviour = Behaviour

    class Ending(models.TextChoices):
        COMPLETED = "completed", _("all questions answered")
        TIME_UP = "time_up", _("time ran out")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner_token = models.CharField(
        max_length=64, db_index=True, help_text=_("The browser session that owns it.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, null=True, blank=True, related_name="attempts"
    )
    nickname = models.CharField(_("nickname"), max_length=40)
    language = models.CharField(max_length=8, default="en")
    topic = models.CharField(max_length=20, blank=True, help_text=_("Empty: all topics."))
    # How it is taken, copied from the set (or the practice form) when the attempt starts.
    behaviour = models.CharField(
        max_length=12, choices=ATTEMPT_BEHAVIOURS, default=Behaviour.IMMEDIATE
    )
    # A live session's attempt: the teacher paces it (quizzes/behaviours/live.py).
    live = models.ForeignKey(
        LiveSession, on_delete=models.PROTECT, null=True, blank=True, related_name="attempts"
    )
    tries = models.PositiveSmallIntegerField(default=1)
    penalty = models.FloatField(default=0.0)
    grace_seconds = models.PositiveSmallIntegerField(default=0)
    shuffle_options = models.BooleanField(
        default=False, help_text=_("Copied from the set when the attempt starts.")
    )
    removed = models.BooleanField(
        _("removed from the results"),
        default=False,
        help_text=_("Kept, but left out of the set's results and statistics."),
    )
    regraded_at = models.DateTimeField(_("regraded"), null=True, blank=True)
    score_before_regrade = models.FloatField(null=True, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    ending = models.CharField(max_length=10, choices=Ending.choices, blank=True)
    position = models.PositiveIntegerField(default=0, help_text=_("Index of the next question."))
    question_count = models.PositiveIntegerField(default=0)
    score = models.FloatField(default=0.0)
    max_score = models.FloatField(default=0.0)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.CheckConstraint(
                condition=Q(position__lte=models.F("question_count")),
                name="attempt_position_within_questions",
            )
        ]

    def __str__(self):
        return f"{self.nickname} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def finished(self) -> bool:
        return self.state == self.State.FINISHED

    @property
    def percentage(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0

    @property
    def duration(self):
        end = self.finished_at or timezone.now()
        return end - self.started_at


class AttemptQuestion(models.Model):
    """The question version an attempt shows at a position: fixed when the attempt starts."""

    # Looked up through slot_unique_position, whose index starts with the attempt: a second
    # index of the attempt alone would only cost every insert.
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="slots", db_index=False
    )
    position = models.PositiveIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    points = models.FloatField(default=1.0)
    # Deferred feedback: the answer the student has entered so far, scored at submission.
    draft = models.JSONField(null=True, blank=True)
    flagged = models.BooleanField(default=False)
    # Interactive: the wrong tries made so far (each recorded as a Try).
    wrong_tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        # No default ordering: it would join the attempt to sort by its own ordering on the
        # answer path; queries order by position where they need to.
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="slot_unique_position")
        ]

    def __str__(self):
        return f"{self.attempt} #{self.position + 1}: {self.question}"


class Response(models.Model):
    """A student's answer to one question of an attempt, scored on the server."""

    # As for slots: response_unique_position's index starts with the attempt. Each index is
    # one more page written with every answer.
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="responses", db_index=False
    )
    slot = models.OneToOneField(AttemptQuestion, on_delete=models.CASCADE, related_name="response")
    position = models.PositiveIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    answer = models.JSONField()
    fraction = models.FloatField(help_text=_("Share of the question's credit, 0 to 1."))
    points = models.FloatField()
    answered_at = models.DateTimeField(default=timezone.now)
    calibrated = models.BooleanField(
        default=False, help_text=_("Counted in the question's difficulty (Elo) already.")
    )
    tries = models.PositiveSmallIntegerField(default=1, help_text=_("Interactive: tries it took."))
    # A regrade after a fact correction: the version answered and the score it had then.
    regraded_from = models.ForeignKey(
        Question, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fraction_before_regrade = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="response_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(fraction__gte=0) & Q(fraction__lte=1), name="response_fraction_0_1"
            ),
        ]

    def __str__(self):
        return f"{self.attempt} #{self.position + 1}: {self.fraction:.2f}"

    @property
    def correct(self) -> bool:
        return self.fraction >= 1.0


class Try(models.Model):
    """A wrong try at a question of an interactive attempt: kept, never changed (Moodle's
    attempt steps), so that the tries and their cost can always be read back."""

    slot = models.ForeignKey(AttemptQuestion, on_delete=models.CASCADE, related_name="tries")
    number = models.PositiveSmallIntegerField()
    answer = models.JSONField()
    fraction = models.FloatField()
    tried_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slot", "number"]
        constraints = [models.UniqueConstraint(fields=["slot", "number"], name="try_unique_number")]

    def __str__(self):
        return f"{self.slot} try {self.number}"


class Accommodation(models.Model):
    """Extra time or extra attempts for one student of a set, the accommodation schools
    must offer: by nickname, or for a logged-in student."""

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="accommodations"
    )
    nickname = models.CharField(_("nickname"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True
    )
    extra_minutes = models.PositiveSmallIntegerField(_("extra minutes"), default=0)
    extra_attempts = models.PositiveSmallIntegerField(_("extra attempts"), default=0)

    class Meta:
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(nickname="") | Q(user__isnull=False),
                name="accommodation_names_a_student",
            )
        ]

    def __str__(self):
        who = self.user or self.nickname
        return f"{who}: +{self.extra_minutes} min, +{self.extra_attempts} attempts"


class SetQuestion(models.Model):
    """A question chosen for a set, at a position. Points to the version the teacher saw;
    new attempts take the current version of the same question (see services.set_start)."""

    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["question_set", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_set", "position"], name="set_question_unique_position"
            ),
            models.UniqueConstraint(fields=["question_set", "question"], name="set_question_once"),
        ]

    def __str__(self):
        return f"{self.question_set} #{self.position + 1}: {self.question}"


class SetShare(models.Model):
    """A set its owner shows to another teacher, who may read it (its owner's own questions
    included) and make a copy of their own."""

    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="shares")
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shared_sets"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question_set", "teacher"]
        verbose_name = _("set shared with a teacher")
        verbose_name_plural = _("sets shared with teachers")
        constraints = [
            models.UniqueConstraint(fields=["question_set", "teacher"], name="set_share_once")
        ]

    def __str__(self):
        return f"{self.question_set} → {self.teacher}"


class TeacherSignup(models.Model):
    """A teacher who signed up and waits for an admin to approve the account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="teacher_signup",
        verbose_name=_("user"),
    )
    school = models.CharField(_("school"), max_length=200)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["approved_at", "-created_at"]
        verbose_name = _("teacher sign-up")
        verbose_name_plural = _("teacher sign-ups")

    def __str__(self):
        return f"{self.user.get_username()} ({self.school})"


class RateCounter(models.Model):
    """How many times a client did something in a time window: one atomic row per window.

    Shared by every app server through the database, so limits hold across gunicorn
    workers without a shared cache (services.rate_limit_hit).
    """

    key = models.CharField(max_length=200)
    window = models.BigIntegerField(help_text=_("Start of the window, in seconds since 1970."))
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window"], name="rate_counter_unique")
        ]
        indexes = [models.Index(fields=["window"])]

    def __str__(self):
        return f"{self.key} @ {self.window}: {self.count}"


class Challenge(models.Model):
    """A student's report that a question version is wrong, for an admin to resolve.

    No account is needed: the browser session's owner token ties a challenge to the
    student who sent it, so that they see the admin's answer on their review page and
    cannot challenge one question twice.
    """

    class Reason(models.TextChoices):
        WRONG_KEY = "wrong_key", _("The answer marked right is wrong")
        AMBIGUOUS = "ambiguous", _("More than one answer could be right")
        UNCLEAR = "unclear", _("The question or its options are unclear")
        WRONG_FACT = "wrong_fact", _("The explanation states something wrong")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("waiting for an admin")
        CORRECTED = "corrected", _("fact corrected")
        ANSWERED = "answered", _("answered")

    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="challenges", verbose_name=_("question")
    )
    attempt = models.ForeignKey(
        Attempt, on_delete=models.SET_NULL, null=True, blank=True, related_name="challenges"
    )
    owner_token = models.CharField(max_length=64, db_index=True, editable=False)
    language = models.CharField(_("language"), max_length=8, default="en", choices=LANGUAGE_CHOICES)
    reason = models.CharField(_("what is wrong"), max_length=12, choices=Reason.choices)
    comment = models.TextField(_("the student's words"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    reply = models.TextField(
        _("answer to the student"),
        blank=True,
        help_text=_("Shown on the student's review page. Required when you answer."),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        # Newest first; the admins' queue puts the open ones before them (ChallengeAdmin).
        ordering = ["-created_at"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "owner_token"], name="challenge_once_per_student"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.question} — {self.get_reason_display()}"
