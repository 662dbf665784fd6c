"""Publish a question set of the whole bank for the benchmarks and the load test."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from quizzes import teaching
from quizzes.models import Question, QuestionSet
from quizzes.permissions import TEACHERS


class Command(BaseCommand):
    help = "Create (or reuse) a published set for load tests; print its join code."

    def add_arguments(self, parser):
        parser.add_argument("--questions", type=int, default=0, help="0: the whole bank")
        parser.add_argument("--minutes", type=int, default=0, help="Time limit; 0 for none")
        parser.add_argument("--attempts", type=int, default=0, help="Attempts per student")
        parser.add_argument(
            "--behaviour", default="immediate", choices=["deferred", "immediate", "interactive"]
        )
        parser.add_argument("--grace", type=int, default=60, help="Grace period in seconds")

    def handle(self, *args, questions, minutes, attempts, behaviour, grace, **options):
        owner, _ = get_user_model().objects.get_or_create(username="bench-teacher")
        owner.groups.add(Group.objects.get(name=TEACHERS))
        chosen = list(Question.objects.active().order_by("uid"))
        if questions:
            chosen = chosen[:questions]
        question_set = QuestionSet.objects.create(
            owner=owner,
            title=f"Load test ({len(chosen)} questions)",
            time_limit_minutes=minutes or None,
            attempts_allowed=attempts,
            behaviour=behaviour,
            grace_seconds=grace,
        )
        teaching.set_add(question_set=question_set, questions=chosen)
        question_set = teaching.set_publish(question_set=question_set)
        self.stdout.write(f"{question_set.code} {question_set.pk}")
