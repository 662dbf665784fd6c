"""Live class mode: the students' phones and the teacher's projector (quizzes/live/).

Both pages follow the session by short polling: every second htmx asks a tiny "current
step" URL, sending the fingerprint of what the page shows as If-None-Match; Django's
``condition`` decorator answers 304 Not Modified with one query when nothing changed, and
the new step otherwise (docs/live.md says why this and not server-sent events). Without
JavaScript a "Refresh" link does the same, and the teacher's buttons are plain forms.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import condition, require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from quizzes import charts, selectors, services, teaching
from quizzes.live import selectors as live
from quizzes.live import services as live_services
from quizzes.live.forms import ControlForm, LiveStartForm, RenameForm
from quizzes.models import LiveSession
from quizzes.presenting import answer_text, key_text, moved, present
from quizzes.views.student import (
    _attempt_or_404,
    _question_context,
    _reviewed,
    _user,
    fragment_wanted,
    kept_answer,
    owner_token,
    seconds_until,
)
from quizzes.views.teacher import own_set, qr_code, share_url

Step = LiveSession.Step


# -- phones ---------------------------------------------------------------------------------
def _phone_etag(request, attempt_id) -> str | None:
    version = live.phone_version(
        attempt_id=attempt_id,
        owner_token=owner_token(request),
        user=_user(request),
        now=timezone.now(),
    )
    return None if version is None else f"{version}-{request.LANGUAGE_CODE}"


def _phone(request, attempt_id, *, status: int = 200, **question):
    """The phone's page, or for htmx its step alone; ``question``: what the question form
    shows again (a posted answer with its errors, a refusal, an ordering being moved)."""
    now = timezone.now()
    step = live.phone_step(
        attempt_id=attempt_id, owner_token=owner_token(request), user=_user(request), now=now
    )
    if step is None:
        raise Http404
    attempt, session = step.attempt, step.session
    # The score as the class has seen it: an answer to the question on the screen counts
    # once the teacher reveals the key (else "1 point so far" would tell right from wrong).
    pending = step.response is not None and step.step in (Step.QUESTION, Step.CLOSED)
    context = {
        "attempt": attempt,
        "score": attempt.score - (step.response.points if pending else 0),
        "live": step,
        "question_set": None if fragment_wanted(request) else session.question_set,
        "etag": f"{step.version}-{request.LANGUAGE_CODE}",
        "polling": not attempt.removed and step.step != Step.ENDED,
        "error": question.get("error"),
    }
    if step.slot is not None:
        if step.step == Step.QUESTION and step.response is None and not attempt.removed:
            if not question:  # a page after a switch of language shows what was entered
                question = {"kept": kept_answer(request, step.slot)}
            context.update(_question_context(step.slot, **question))
            context["seconds_left"] = seconds_until(session.closes_at, now)
        elif step.response is not None:
            payload = step.slot.question.payload
            context["answer"] = answer_text(payload, step.response.answer, attempt.language)
        if step.step == Step.REVEALED:
            context["feedback"] = _reviewed(step.slot, step.response, attempt.language)
    template = "quizzes/live.html#step" if fragment_wanted(request) else "quizzes/live.html"
    return render(request, template, context, status=status)


@never_cache
@require_safe
def phone(request, attempt_id):
    return _phone(request, attempt_id)


@never_cache
@require_safe
@condition(etag_func=_phone_etag)
def phone_step(request, attempt_id):
    """What the phone polls: 304 while nothing changed, else the new step."""
    if not request.htmx:
        attempt = _attempt_or_404(request, attempt_id)
        return redirect("quizzes:live", attempt_id=attempt.pk)
    return _phone(request, attempt_id)


NOT_ON_SCREEN = _lazy("This is not the question on the screen now.")


@require_POST
def phone_answer(request, attempt_id):
    try:
        position = int(request.POST.get("position", ""))
    except ValueError:
        position = -1
    slot = None
    if position >= 0:
        slot = selectors.slot_for(
            attempt_id=attempt_id,
            owner_token=owner_token(request),
            user=_user(request),
            position=position,
        )
    if slot is None or slot.attempt.live_id is None:
        attempt = _attempt_or_404(request, attempt_id)
        if attempt.live_id is None:
            return redirect("quizzes:take", attempt_id=attempt.pk)
        return _answered(request, attempt_id, error=NOT_ON_SCREEN, status=409)
    order = request.POST.getlist("order") or None
    move = request.POST.get("move")
    if move and slot.question.kind == "ordering":  # moving an item: nothing is recorded
        shown = _question_context(slot, order=order)["shown"]
        tokens, focus = moved([item.token for item in shown.items], move)
        return _phone(request, attempt_id, order=tokens, focus=focus)
    context = _question_context(slot, order=order, data=request.POST)
    form = context["form"]
    if not form.is_valid():
        if request.POST.get("timeup"):  # the timer ran out with nothing complete entered
            return _answered(request, attempt_id)
        return _phone(request, attempt_id, order=order, data=request.POST)
    try:
        services.answer_submit(slot=slot, answer=form.cleaned_data["answer"])
    except services.AnswerRefused as refusal:
        return _answered(request, attempt_id, error=refusal.reason, status=refusal.code)
    return _answered(request, attempt_id)


def _answered(request, attempt_id, *, error=None, status: int = 200):
    """After an answer: the step (htmx), or the page again (a plain form, its message kept)."""
    if request.htmx:
        return _phone(request, attempt_id, error=error, status=status)
    if error:
        messages.warning(request, error)
    return redirect("quizzes:live", attempt_id=attempt_id)


# -- the projector --------------------------------------------------------------------------
def _board(request, question_set, session: LiveSession, **extra) -> dict:
    """Everything the projector shows; the teacher's language for the page, the set's for
    the questions."""
    now = timezone.now()
    step = session.step_at(now)
    roster = live.roster(session)
    language = question_set.language
    context = {
        "question_set": question_set,
        "session": session,
        "step": step,
        "roster": roster,
        "number": session.position + 1,
        "total": session.question_count,
        "link": share_url(request, question_set),
        "spoken": " ".join(question_set.code or ""),
        "answered": 0,
        **extra,
    }
    if step == Step.LOBBY:
        context["qr"] = qr_code(context["link"], scale=10, omitsize=False)
    question = (
        live.question(session) if step in (Step.QUESTION, Step.CLOSED, Step.REVEALED) else None
    )
    if question is not None:
        payload = question.payload
        responses = live.answers(session)
        context["answered"] = len(responses)
        context["shown"] = present(
            payload, attempt_id=f"live-{session.pk}", position=session.position, language=language
        )
        if step == Step.QUESTION:
            context["seconds_left"] = seconds_until(session.closes_at, now)
        if step == Step.REVEALED:
            counts = live.distribution(payload, responses, joined=len(roster), language=language)
            context["chart"] = charts.answer_bars(counts, students=len(roster))
            context["key"] = key_text(payload, language)
            context["explanation"] = payload["explanation"][language]
            context["sources"] = payload["sources"]
    if session.leaderboard and step in (Step.REVEALED, Step.ENDED):
        context["places"] = live.leaderboard(session)
    version = live.board_version(session, step, joined=len(roster), answered=context["answered"])
    context["etag"] = f"{version}-{request.LANGUAGE_CODE}"
    context["primary"] = _primary(session, step)
    return context


def _primary(session: LiveSession, step: str) -> tuple[str, str] | None:
    """The teacher's next move: the action and the label of the big button."""
    if step == Step.LOBBY:
        return "show", _("Start: show the first question")
    if step == Step.QUESTION:
        return "close", _("Close the answers")
    if step == Step.CLOSED:
        return "reveal", _("Reveal the answer")
    if step == Step.REVEALED:
        if session.position + 1 < session.question_count:
            return "next", _("Next question")
        return "end", _("End the quiz")
    return None


def _projector_etag(request, question_set) -> str | None:
    session = live.latest(question_set)
    if session is None:
        return None
    return f"{live.projector_version(session, timezone.now())}-{request.LANGUAGE_CODE}"


@own_set
@require_POST
def run(request, question_set):
    """ "Run live" on the share page: a session in the lobby, then the projector."""
    form = LiveStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a time per question from the list."))
        return redirect("quizzes:set_share", pk=question_set.pk)
    try:
        live_services.live_start(question_set=question_set, **form.cleaned_data)
    except services.StartRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("quizzes:set_share", pk=question_set.pk)
    return redirect("quizzes:live_projector", pk=question_set.pk)


@own_set
@never_cache
@require_safe
def projector(request, question_set):
    session = live.latest(question_set)
    if session is None:
        return redirect("quizzes:set_share", pk=question_set.pk)
    context = _board(request, question_set, session)
    # Back from a button pressed without JavaScript: the focus goes back to the controls.
    context["driven"] = "driven" in request.GET
    return render(request, "teach/live.html", context)


@own_set
@never_cache
@require_safe
@condition(etag_func=_projector_etag)
def projector_state(request, question_set):
    """What the projector polls: 304 while nothing changed, else the whole screen."""
    session = live.latest(question_set)
    url = reverse("quizzes:live_projector", args=[question_set.pk])
    if not request.htmx:
        return redirect(url)
    if session is None:
        return HttpResponseClientRedirect(url)
    return render(request, "teach/live.html#screen", _board(request, question_set, session))


@own_set
@require_POST
def control(request, question_set):
    """The teacher's buttons: each names the question its page showed, so a double click
    or a stale page changes nothing."""
    session = live.running(question_set)
    form = ControlForm(request.POST)
    if session is not None and form.is_valid():
        action, at = form.cleaned_data["action"], form.cleaned_data["at"]
        at = -1 if at is None else at
        if action == "show":
            live_services.live_show(session=session)
        elif action == "close":
            live_services.live_close(session=session, at=at)
        elif action == "reveal":
            live_services.live_reveal(session=session, at=at)
        elif action == "next":
            live_services.live_next(session=session, at=at)
        elif action == "end":
            live_services.live_end(session=session)
        else:
            live_services.live_leaderboard(session=session, shown=action == "leaderboard_on")
    session = session or live.latest(question_set)
    if session is None:
        return redirect("quizzes:set_share", pk=question_set.pk)
    if request.htmx:
        context = _board(request, question_set, session, announce=True)
        return render(request, "teach/live.html#screen", context)
    return redirect(reverse("quizzes:live_projector", args=[question_set.pk]) + "?driven")


@own_set
@require_http_methods(["GET", "HEAD", "POST"])
def student(request, question_set, attempt_id):
    """One student of the session: rename an unsuitable nickname, or remove them."""
    session = live.latest(question_set)
    attempt = session.attempts.filter(pk=attempt_id).first() if session else None
    if attempt is None:
        raise Http404
    form = RenameForm(initial={"nickname": attempt.nickname})
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            live_services.live_remove(session=session, attempt_id=attempt.pk)
            messages.success(
                request, _("%(name)s was removed from the live quiz.") % {"name": attempt.nickname}
            )
            return redirect("quizzes:live_projector", pk=question_set.pk)
        form = RenameForm(request.POST)
        if form.is_valid():
            try:
                live_services.live_rename(
                    session=session, attempt_id=attempt.pk, nickname=form.cleaned_data["nickname"]
                )
            except teaching.JoinRefused as refusal:
                form.add_error("nickname", str(refusal))
            else:
                messages.success(request, _("The nickname was changed."))
                return redirect("quizzes:live_projector", pk=question_set.pk)
    context = {"question_set": question_set, "session": session, "student": attempt, "form": form}
    return render(request, "teach/live_student.html", context)
