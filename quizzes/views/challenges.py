"""A student tells the admins that a question they have answered is wrong."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from quizzes import challenges, ratelimit
from quizzes.forms import ChallengeForm
from quizzes.views.limits import too_many
from quizzes.views.student import _attempt_or_404, owner_token


@require_POST
def challenge(request, attempt_id, number: int):
    attempt = _attempt_or_404(request, attempt_id)
    form = ChallengeForm(request.POST, auto_id=f"challenge-{number}-%s")
    item = {"number": number, "challenge": None, "challenge_form": form}
    if not ratelimit.hit(key=f"challenge:{ratelimit.client_key(request)}", **challenges.PER_HOUR):
        return too_many(
            request, _("You have sent many challenges in the last hour. Wait, then try again.")
        )
    status = 200
    if form.is_valid():
        try:
            item["challenge"] = challenges.challenge_submit(
                attempt=attempt,
                position=number - 1,
                owner_token=owner_token(request, create=True),
                reason=form.cleaned_data["reason"],
                comment=form.cleaned_data["comment"],
            )
        except challenges.ChallengeRefused as refusal:
            form.add_error(None, str(refusal))
            status = 409
    else:
        status = 400
    if request.htmx:
        context = {"attempt": attempt, "item": item}
        return render(request, "quizzes/_challenge.html", context, status=status)
    if item["challenge"] is not None:
        messages.success(request, _("Thank you: an admin will look at the question."))
    else:
        for error in form.errors.values():
            for message in error:
                messages.error(request, message)
    if attempt.finished:
        return redirect(reverse("quizzes:results", args=[attempt.pk]) + f"#challenge-{number}")
    return redirect(reverse("quizzes:feedback", args=[attempt.pk, number]) + f"#challenge-{number}")
