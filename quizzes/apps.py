"""Questions generated from the facts, and the quizzes built from them."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from django.db.models.signals import post_migrate

        from quizzes import signals
        from quizzes.permissions import ensure_teachers_group

        signals.connect()
        # After the auth app's own receiver has created the permissions.
        post_migrate.connect(ensure_teachers_group, sender=self)
