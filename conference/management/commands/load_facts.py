"""Load fixtures/conference.yaml into an empty fact base; never overwrite admins' edits."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from conference import models


class Command(BaseCommand):
    help = (
        "Load the fact fixtures when the fact base is empty. With --force, load them over the "
        "current facts (edits made in the admin and not exported are then lost)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if facts exist.")

    def handle(self, *args, force, **options):
        fixture = Path(settings.BASE_DIR) / "fixtures" / "conference.yaml"
        existing = models.Person.objects.count() + models.Event.objects.count()
        if existing and not force:
            self.stdout.write(
                "The fact base already holds facts; kept as they are. "
                "(`python manage.py load_facts --force` reloads fixtures/conference.yaml.)"
            )
            return
        call_command("loaddata", str(fixture), verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Loaded the facts from {fixture.name}."))
