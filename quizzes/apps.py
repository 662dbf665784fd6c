"""Questions generated from the facts, and the quizzes built from them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from quizzes import signals

        signals.connect()
