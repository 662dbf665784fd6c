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
from quizzes.views.student import (
    _attempt_or_404,
    feedback_page,
    owner_token,
    results_page,
)


def _limits(request) -> list[tuple[str, dict]]:
    """What challenges are counted by: this browser (once it has a session) and its
    address."""
    limits = [(f"challenge:{ratelimit.client_key(request)}", challenges.PER_ADDRESS)]
    token = owner_token(request)
    if token:
        limits.append((f"challenge-browser:{token}", challenges.PER_BROWSER))
    return limits


def _page_of(attempt, number: int) -> str:
    """Where the challenge of question ``number`` was sent from."""
    if attempt.finished:
        return reverse("quizzes:results", args=[attempt.pk]) + f"#challenge-{number}"
    return reverse("quizzes:feedback", args=[attempt.pk, number]) + f"#challenge-{number}"


@require_POST
def challenge(request, attempt_id, number: int):
    attempt = _attempt_or_404(request, attempt_id)
    if any(ratelimit.used_up(key=key, **limit) for key, limit in _limits(request)):
        return too_many(
            request,
            _("You have sent many challenges in the last hour. Wait, then try again."),
            challenges.PER_BROWSER["window_seconds"],
            back=_page_of(attempt, number),
        )
    form = ChallengeForm(request.POST, auto_id=f"challenge-{number}-%s")
    item = {"number": number, "challenge": None, "challenge_form": form}
    # 422 for what the student should correct in the form; 409 when the question cannot be
    # challenged now (not answered yet, or an admin has already answered).
    status = 422
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
            status = 200
            # Only what is stored counts against the limits: a class behind one address
            # does not use them up with forms sent back for a missing reason.
            for key, limit in _limits(request):
                ratelimit.hit(key=key, **limit)
    if request.htmx:
        context = {"attempt": attempt, "item": item}
        return render(request, "quizzes/_challenge.html", context, status=status)
    if item["challenge"] is not None:
        messages.success(request, _("Thank you: an admin will look at the question."))
        return redirect(_page_of(attempt, number))
    if status == 409:
        messages.error(request, str(form.non_field_errors()[0]))
        return redirect(_page_of(attempt, number))
    # A form to correct: the same page again, the form open with its errors beside the
    # fields (the form's action ends in #challenge-N, so the browser scrolls to it).
    forms = {number: form}
    if attempt.finished:
        return results_page(request, attempt, challenge_forms=forms, status=status)
    return feedback_page(request, attempt.pk, number, challenge_forms=forms, status=status)
