"""The question bank (versioned rows) and the attempts that students make on it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quizzes import difficulty
from quizzes.generation.drafts import Kind, Topic

KIND_CHOICES = [
    (Kind.SINGLE_CHOICE.value, _("single choice")),
    (Kind.MULTIPLE_RESPONSE.value, _("multiple response")),
    (Kind.TRUE_FALSE.value, _("true or false")),
    (Kind.NUMERIC.value, _("number")),
    (Kind.ORDERING.value, _("ordering")),
    (Kind.MATCHING.value, _("matching")),
    (Kind.SHORT_ANSWER.value, _("short answer")),
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


class Question(models.Model):
    """One version of a generated question. Answered versions are never changed in place."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        RETIRED = "retired", _("retired")

    uid = models.CharField(_("id"), max_length=160, help_text=_("Stable across regenerations."))
    version = models.PositiveIntegerField(_("version"), default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES)
    topic = models.CharField(_("topic"), max_length=20, choices=TOPIC_CHOICES)
    payload = models.JSONField(_("content"), help_text=_("Both languages and the answer key."))
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

    @property
    def facts(self) -> list[str]:
        return self.payload.get("facts", [])

    def text(self, language: str) -> str:
        return self.payload["prompt"][language]


class Attempt(models.Model):
    """One student's run through a list of questions."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        FINISHED = "finished", _("finished")

    class Feedback(models.TextChoices):
        IMMEDIATE = "immediate", _("after each question")
        DEFERRED = "deferred", _("at the end")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session_key = models.CharField(max_length=64, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    nickname = models.CharField(_("nickname"), max_length=40)
    language = models.CharField(max_length=8, default="en")
    feedback = models.CharField(max_length=10, choices=Feedback.choices, default=Feedback.IMMEDIATE)
    state = models.CharField(max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    position = models.PositiveIntegerField(default=0, help_text=_("Index of the next question."))
    question_count = models.PositiveIntegerField(default=0)
    score = models.FloatField(default=0.0)
    max_score = models.FloatField(default=0.0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self):
        return f"{self.nickname} ({self.started_at:%Y-%m-%d %H:%M})"


class AttemptQuestion(models.Model):
    """The question version an attempt shows at a position: fixed when the attempt starts."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    points = models.FloatField(default=1.0)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="slot_unique_position")
        ]

    def __str__(self):
        return f"{self.attempt} #{self.position + 1}: {self.question}"


class Response(models.Model):
    """A student's answer to one question of an attempt, scored on the server."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    position = models.PositiveIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    answer = models.JSONField()
    fraction = models.FloatField(help_text=_("Share of the question's credit, 0 to 1."))
    points = models.FloatField()
    answered_at = models.DateTimeField(auto_now_add=True)
    calibrated = models.BooleanField(
        default=False, help_text=_("Counted in the question's difficulty (Elo) already.")
    )

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
