"""Periodic housekeeping: run every minute (cron or a systemd timer) in production."""

from django.core.management.base import BaseCommand

from quizzes import ratelimit
from quizzes.services import attempts_sweep, difficulty_calibrate


class Command(BaseCommand):
    help = (
        "Finish attempts whose time ran out (finish time = deadline), fold new answers into "
        "question difficulties (Elo), and drop old rate-limit counters."
    )

    def handle(self, *args, **options):
        finished = attempts_sweep()
        calibrated = difficulty_calibrate()
        dropped = ratelimit.sweep()
        self.stdout.write(
            f"Finished {finished} expired attempts, calibrated {calibrated} answers, "
            f"dropped {dropped} old rate counters."
        )
