"""Deferred feedback with navigation: a question page, saving the answer and moving on, the
summary of the attempt, and "Submit all and finish" (quizzes/behaviours/deferred.py).

Every page is a plain form: each button saves what the student entered, then shows the
question (or the summary) it names, so no answer is lost by moving around. With htmx the
same views answer with the step alone.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, push_url

from quizzes import selectors, services
from quizzes.behaviours import deferred
from quizzes.forms import AnswerForm
from quizzes.models import Attempt
from quizzes.presenting import entered, moved
from quizzes.views.student import (
    _attempt_or_404,
    _finished,
    _question_context,
    _step,
    _user,
    kept_answer,
    owner_token,
    render_step,
    seconds_until,
)


def _slot(request, attempt_id, number: int):
    slot = selectors.slot_for(
        attempt_id=attempt_id,
        owner_token=owner_token(request),
        user=_user(request),
        position=number - 1,
    )
    if slot is None:
        _attempt_or_404(request, attempt_id)  # someone else's attempt: 404
        raise Http404
    return slot


def _gone(request, attempt: Attempt):
    """An attempt that is not (or no longer) taken with navigation: elsewhere instead."""
    if attempt.behaviour != Attempt.Behaviour.DEFERRED:
        return redirect("quizzes:take", attempt_id=attempt.pk)
    if services.attempt_expire(attempt=attempt) or attempt.finished:
        return _finished(request, attempt)
    return None


def page_context(slot, **kwargs) -> dict:
    attempt = slot.attempt
    if "data" not in kwargs:
        kwargs["answer"] = slot.draft
    context = _question_context(slot, **kwargs)
    context["navigation"] = selectors.navigation(attempt, current=slot.position)
    context["deferred"] = True
    context["flagged"] = slot.flagged
    return context


@never_cache
@require_safe
def page(request, attempt_id, number: int):
    slot = _slot(request, attempt_id, number)
    elsewhere = _gone(request, slot.attempt)
    if elsewhere is not None:
        return elsewhere
    focus = request.GET.get("focus")  # after an ordering move without JavaScript
    return _step(request, page_context(slot, kept=kept_answer(request, slot), focus=focus))


def _target(go: str, position: int, count: int) -> int:
    """Where a button leads: the next or previous question, one by number, or the summary
    (the position after the last question)."""
    if go == "next":
        return min(position + 1, count)
    if go == "previous":
        return max(position - 1, 0)
    if go.isdigit() and 1 <= int(go) <= count:
        return int(go) - 1
    return count  # the summary, and "submit" via the summary


def _posted_answer(slot, form: AnswerForm, data) -> tuple[bool, dict | None]:
    """(usable, answer): the answer to keep, None for a question left blank; not usable
    when something half entered does not make an answer (shown again with its errors)."""
    if form.is_valid():
        answer = form.cleaned_data["answer"]
        if slot.question.kind == "ordering" and slot.draft is None:
            # An order nobody touched is the shuffle it was shown in, not an answer.
            shown = [c.token for c in form.shown.items]
            start = entered(form.shown, None).order
            if data.getlist("order") == shown and not data.get("moved") and start is None:
                return True, None
        return True, answer
    inputs = [value for key, values in data.lists() if key == "answer" or key.startswith("pair_")
              for value in values if value.strip()]  # fmt: skip
    return (False, None) if inputs else (True, None)


@never_cache
@require_POST
def save(request, attempt_id):
    try:
        number = int(request.POST.get("position", "")) + 1
    except ValueError:
        raise Http404 from None
    slot = _slot(request, attempt_id, number)
    attempt = slot.attempt
    elsewhere = _gone(request, attempt)
    if elsewhere is not None:
        return elsewhere
    go = request.POST.get("go", "")
    timeup = bool(request.POST.get("timeup"))
    order = request.POST.getlist("order") or None
    move = request.POST.get("move")
    if move and slot.question.kind == "ordering":
        return _move(request, slot, order, move)
    context = page_context(slot, order=order, data=request.POST)
    usable, answer = _posted_answer(slot, context["form"], request.POST)
    now = timezone.now()
    try:
        if usable:
            services.answer_submit(slot=slot, answer=answer, now=now)
        elif not timeup:
            return _step(request, context)  # half entered: say what is missing, move nowhere
        deferred.flag(slot=slot, flagged=request.POST.get("flagged") == "on")
        if go == "submit" or timeup:
            deferred.submit(attempt=attempt, now=now)
            return _finished(request, attempt)
        deferred.go_to(
            attempt=attempt, position=_target(go, slot.position, attempt.question_count), now=now
        )
    except services.AnswerRefused:
        attempt.refresh_from_db()
        services.attempt_expire(attempt=attempt, now=now)
        return _finished(request, attempt)
    return _show(request, attempt)


def _move(request, slot, order, move):
    """Move an item of an ordering question, keep the new order as the answer, and show
    the question again (after a redirect without JavaScript, so that a reload resubmits
    nothing)."""
    tokens, focus = moved(order or [], move)
    context = page_context(slot, order=tokens, data=request.POST.copy())
    form = AnswerForm({"order": tokens, "position": slot.position}, shown=context["shown"])
    if form.is_valid():
        services.answer_submit(slot=slot, answer=form.cleaned_data["answer"])
    if not request.htmx:  # the moved item's button keeps the focus (autofocus) after it
        url = reverse("quizzes:page", args=[slot.attempt_id, slot.position + 1])
        return redirect(f"{url}?{urlencode({'focus': focus})}#step" if focus else url)
    return _step(request, page_context(slot, order=tokens, focus=focus or None))


def _show(request, attempt: Attempt):
    """The page the attempt is now on: a question, or the summary."""
    if attempt.position >= attempt.question_count:
        url = reverse("quizzes:summary", args=[attempt.pk])
    else:
        url = reverse("quizzes:page", args=[attempt.pk, attempt.position + 1])
    if not request.htmx:
        return redirect(f"{url}#step")
    if attempt.position >= attempt.question_count:
        return push_url(
            render_step(request, "quizzes/summary.html", "summary", _summary(attempt)), url
        )
    slot = selectors.slot_for(
        attempt_id=attempt.pk,
        owner_token=owner_token(request),
        user=_user(request),
        position=attempt.position,
    )
    return push_url(_step(request, page_context(slot, focus="question")), url)


def _summary(attempt: Attempt) -> dict:
    navigation = selectors.navigation(attempt, current=None)
    return {
        "attempt": attempt,
        "navigation": navigation,
        "answered": sum(1 for item in navigation if item.answered),
        "flagged": sum(1 for item in navigation if item.flagged),
        "seconds_left": seconds_until(attempt.deadline),
    }


@never_cache
@require_safe
def summary(request, attempt_id):
    attempt = _attempt_or_404(request, attempt_id)
    elsewhere = _gone(request, attempt)
    if elsewhere is not None:
        return elsewhere
    return render_step(request, "quizzes/summary.html", "summary", _summary(attempt))


@never_cache
@require_POST
def submit(request, attempt_id):
    attempt = _attempt_or_404(request, attempt_id)
    if attempt.behaviour != Attempt.Behaviour.DEFERRED:
        return redirect("quizzes:take", attempt_id=attempt.pk)
    deferred.submit(attempt=attempt, now=timezone.now())
    attempt.refresh_from_db()
    if not attempt.finished:  # past its grace period: finished as of its deadline instead
        services.attempt_expire(attempt=attempt)
    if request.htmx:
        return HttpResponseClientRedirect(reverse("quizzes:results", args=[attempt.pk]))
    return redirect("quizzes:results", attempt_id=attempt.pk)
