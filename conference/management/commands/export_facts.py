"""Write the database's facts back to fixtures/conference.yaml (or another file)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from conference.export import facts_yaml


class Command(BaseCommand):
    help = "Write the fact base to fixtures/conference.yaml in its stable, reviewable form."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "conference.yaml"),
            help="File to write; '-' for standard output.",
        )

    def handle(self, *args, output, **options):
        text = facts_yaml()
        if output == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(output)
        changed = not path.exists() or path.read_text(encoding="utf-8") != text
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"{'Wrote' if changed else 'Unchanged:'} {path}")
