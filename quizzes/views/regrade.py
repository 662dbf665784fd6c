"""The regrade of a set after a fact correction (quizzes/regrading.py): a dry run listing the
changed questions and each attempt's old and new score, then "Apply the regrade" or leave it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from quizzes import regrading
from quizzes.presenting import key_text
from quizzes.views.teacher import own_set


@own_set
@require_http_methods(["GET", "HEAD", "POST"])
def regrade(request, question_set):
    if request.method == "POST":
        done = regrading.apply(question_set, now=timezone.now())
        changed = len(done.changed_attempts)
        if done.attempts:
            messages.success(
                request,
                ngettext(
                    "Regraded: %(count)d attempt has a new score.",
                    "Regraded: %(count)d attempts have a new score.",
                    changed,
                )
                % {"count": changed},
            )
        else:
            messages.info(request, _("There was nothing to regrade."))
        return redirect("quizzes:set_regrade", pk=question_set.pk)
    dry_run = regrading.plan(question_set)
    language = question_set.language
    questions = [
        {
            "change": change,
            "prompt": change.new.payload["prompt"][language],
            "old_key": key_text(change.old.payload, language),
            "new_key": key_text(change.new.payload, language),
        }
        for change in dry_run.questions
    ]
    context = {"question_set": question_set, "plan": dry_run, "questions": questions}
    return render(request, "teach/regrade.html", context)
