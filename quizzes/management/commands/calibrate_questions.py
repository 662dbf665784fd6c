"""Fold every answer not yet counted into its question's difficulty (Elo)."""

from django.core.management.base import BaseCommand

from quizzes.services import difficulty_calibrate


class Command(BaseCommand):
    help = "Update question difficulties from the answers given since the last run."

    def handle(self, *args, **options):
        count = difficulty_calibrate()
        self.stdout.write(f"Calibrated {count} answers.")
