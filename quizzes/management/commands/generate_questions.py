"""Build or refresh the question bank from the fact base, idempotently."""

from django.core.management.base import BaseCommand

from quizzes.models import Question
from quizzes.services import bank_refresh


class Command(BaseCommand):
    help = "Generate the question bank from the fact base and say what was added, changed, retired."

    def handle(self, *args, **options):
        report = bank_refresh()
        self.stdout.write(f"Question bank: {report}.")
        for label, uids in (
            ("added", report.added),
            ("new version", report.changed),
            ("changed in place", report.updated),
            ("retired", report.retired),
        ):
            if options["verbosity"] > 1:
                for uid in uids:
                    self.stdout.write(f"  {label}: {uid}")
        active = Question.objects.active().count()
        self.stdout.write(f"{active} active questions, in English and in Italian.")
