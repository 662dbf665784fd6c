"""Export the active question bank as JSON, GIFT or Moodle XML, in one language."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.exporters import gift, json, moodle_xml
from quizzes.exporters.common import from_questions
from quizzes.models import Question

FORMATS = {"json": json.export, "gift": gift.export, "moodlexml": moodle_xml.export}


class Command(BaseCommand):
    help = "Write the question bank in one language as JSON, GIFT or Moodle XML."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("--lang", choices=["en", "it"], default="en")
        parser.add_argument("--output", help="File to write; standard output by default.")

    def handle(self, *args, format, lang, output, **options):
        questions = from_questions(Question.objects.bank().order_by("uid"), lang)
        if not questions:
            raise CommandError("The bank is empty: run `manage.py generate_questions` first.")
        text = FORMATS[format](questions, lang)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {len(questions)} questions to {output}.")
        else:
            self.stdout.write(text, ending="")
