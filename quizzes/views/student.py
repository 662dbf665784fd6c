"""Student pages: start or join a quiz, answer one question at a time, read the results.

Every page works as a plain form post with a full-page answer; with htmx the same views
answer with the "step" partial of the same template (request.htmx picks which).
"""

from __future__ import annotations

import math
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect, push_url

from conference import selectors as facts
from quizzes import behaviours, challenges, selectors, services, teaching
from quizzes.forms import NICKNAME_MAX, AnswerForm, ChallengeForm, JoinForm, StartForm
from quizzes.live import selectors as live
from quizzes.models import Attempt
from quizzes.presenting import (
    answer_parts,
    answer_text,
    entered,
    hint,
    key_text,
    key_texts,
    moved,
    present,
    wrong_picks,
)
from quizzes.teacher_forms import NicknameForm
from quizzes.views import limits

OWNER = "quiz_owner"


def owner_token(request, *, create: bool = False) -> str | None:
    """The random token that ties attempts to this browser session."""
    token = request.session.get(OWNER)
    if token is None and create:
        token = request.session[OWNER] = secrets.token_urlsafe(24)
    return token


def _user(request):
    """The logged-in user, or None."""
    return request.user if request.user.is_authenticated else None


def fragment_wanted(request) -> bool:
    """Whether to answer with a step alone: for an htmx swap, yes; for htmx's history
    restore (Back or Forward to a step that was swapped in), no: it replaces the whole
    page, so it gets the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_step(request, template: str, partial: str, context: dict, status: int = 200):
    """``template``, or its ``partial`` alone for an htmx swap. The partial then carries the
    page's <title>, which htmx moves to the tab. One URL answers with a page or a fragment,
    so caches must tell them apart by the headers that choose."""
    fragment = fragment_wanted(request)
    context = {**context, "fragment": fragment}
    response = render(request, f"{template}#{partial}" if fragment else template, context,
                      status=status)  # fmt: skip
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def _step(request, context: dict, status: int = 200):
    """The quiz page, or for an htmx request its step alone."""
    return render_step(request, "quizzes/take.html", "step", context, status=status)


@require_safe
def home(request):
    return _home(request, StartForm(initial=_start_initial(request)), JoinForm())


def _start_initial(request) -> dict:
    language = (request.LANGUAGE_CODE or "en")[:2]
    return {"language": language if language in ("en", "it") else "en", "length": 10}


def _home(request, start_form, join_form, status: int = 200):
    context = {
        "overview": facts.overview(),
        "start_form": start_form,
        "join_form": join_form,
        "open_attempt": selectors.open_attempt(
            owner_token=owner_token(request), user=_user(request)
        ),
    }
    return render(request, "home.html", context, status=status)


@require_POST
def start(request):
    form = StartForm(request.POST)
    if not form.is_valid():
        return _home(request, form, JoinForm())
    data = form.cleaned_data
    browser = owner_token(request, create=True)
    refusal = limits.start_refusal(request, browser=browser)
    if refusal is not None:
        return refusal
    try:
        attempt = services.practice_start(
            owner_token=browser,
            user=_user(request),
            nickname=_nickname(request).get("nickname", ""),
            language=data["language"],
            length=data["length"],
            topic=data["topic"],
            time_limit_minutes=data["time_limit"],
            behaviour=data["behaviour"],
        )
    except services.StartRefused as refusal:
        form.add_error(None, str(refusal))
        return _home(request, form, JoinForm())
    return redirect("quizzes:take", attempt_id=attempt.pk)


@require_POST
def join(request):
    form = JoinForm(request.POST)
    if form.is_valid():
        code = form.cleaned_data["code"]
        browser = owner_token(request, create=True)
        refusal = limits.code_refusal(request, browser=browser, code=code)
        if refusal is not None:
            return refusal
        question_set = selectors.question_set_by_code(code)
        if question_set is None:
            refusal = limits.wrong_code(request, browser=browser)
            if refusal is not None:
                return refusal
            message = _("No quiz has the code %(code)s. Check it with your teacher.")
            form.add_error("code", message % {"code": code})
        else:
            try:
                teaching.join_check(question_set=question_set)
            except teaching.JoinRefused as refusal:
                form.add_error("code", str(refusal))
            else:
                return redirect("quizzes:join_set", code=question_set.code)
    # The page comes back at its top, and on a phone the join form is below the practice
    # quiz's: the code field takes the focus, which brings it and its message into sight.
    form.fields["code"].widget.attrs["autofocus"] = True
    return _home(request, StartForm(initial=_start_initial(request)), form)


@require_http_methods(["GET", "HEAD", "POST"])
def join_set(request, code):
    """A class quiz by its code or share link: its title and settings, and a nickname."""
    browser = owner_token(request, create=True)
    refusal = limits.code_refusal(request, browser=browser, code=code)
    if refusal is not None:
        return refusal
    question_set = selectors.question_set_by_code(code)
    if question_set is None:
        refusal = limits.wrong_code(request, browser=browser)
        if refusal is not None:
            return refusal
        return render(request, "quizzes/join.html", {"unknown": code.upper()}, status=404)
    context = {
        "question_set": question_set,
        "form": NicknameForm(initial=_nickname(request)),
        "live": live.running(question_set),
    }
    try:
        teaching.join_check(question_set=question_set)
    except teaching.JoinRefused as refusal:
        context["refusal"] = str(refusal)
        return render(request, "quizzes/join.html", context)
    if request.method == "POST":
        form = context["form"] = NicknameForm(request.POST)
        if form.is_valid():
            refusal = limits.start_refusal(request, browser=browser)
            if refusal is not None:
                return refusal
            try:
                attempt = teaching.set_start(
                    question_set=question_set,
                    nickname=form.cleaned_data["nickname"],
                    owner_token=browser,
                    user=_user(request),
                    language=_language(request),
                )
            except teaching.JoinRefused as refusal:
                form.add_error("nickname", str(refusal))
            else:
                limits.code_used(request, question_set.code)
                if attempt.live_id:
                    return redirect("quizzes:live", attempt_id=attempt.pk)
                return redirect("quizzes:take", attempt_id=attempt.pk)
    return render(request, "quizzes/join.html", context)


def _language(request) -> str:
    """The visitor's language, for a live quiz's questions on their phone."""
    language = (request.LANGUAGE_CODE or "en")[:2]
    return language if language in ("en", "it") else "en"


def _nickname(request) -> dict:
    """The nickname to fill in: a logged-in user's name, or the one a student comes back
    with from the results ("Take this quiz again")."""
    if request.user.is_authenticated:
        return {"nickname": request.user.get_short_name() or request.user.get_username()}
    if request.GET.get("nickname"):
        return {"nickname": request.GET["nickname"][:NICKNAME_MAX]}
    return {}


def _attempt_or_404(request, attempt_id) -> Attempt:
    attempt = selectors.attempt_for(
        attempt_id=attempt_id, owner_token=owner_token(request), user=_user(request)
    )
    if attempt is None:
        raise Http404
    return attempt


def _question_context(
    slot, *, data=None, kept=None, order=None, error=None, focus=None, answer=None
) -> dict:
    """Everything the question step shows; ``data`` is a posted answer to check and keep,
    ``kept`` one entered before a switch of language (shown again, unchecked), ``answer`` a
    stored one to show again (a saved draft, an interactive try)."""
    attempt = slot.attempt
    if kept is not None and data is None:
        order, answer = order or kept.getlist("order") or None, None
    shown = present(
        slot.question.payload,
        attempt_id=attempt.pk,
        position=slot.position,
        language=attempt.language,
        shuffle_options=attempt.shuffle_options,
        order=order,
    )
    if answer is not None and data is None:
        before = entered(shown, answer)
        if before.order and order is None:
            return _question_context(
                slot, order=before.order, error=error, focus=focus, answer=answer
            )
    else:
        before = None
    # A form is built only to check a posted answer; showing a question needs none.
    form = AnswerForm(data, shown=shown) if data is not None else None
    sent = data if data is not None else kept or {}
    chosen = set(sent.getlist("answer")) if hasattr(sent, "getlist") else set()
    # A matching question's choices, by the token of each left item.
    pairs = {left.token: sent.get(f"pair_{left.token}") for left in shown.lefts} if sent else {}
    errors = form.errors if form is not None and not form.is_valid() else None
    # The fields in error, marked aria-invalid; the first one in the page takes the focus.
    invalid = set(errors or ())
    invalid_pairs = [left.token for left in shown.lefts if f"pair_{left.token}" in invalid]
    context = {
        "attempt": attempt,
        "slot": slot,
        "shown": shown,
        "form": form,
        "errors": errors,
        # Each message once: a matching question's empty choices all say the same.
        "error_messages": list(dict.fromkeys(m for ms in (errors or {}).values() for m in ms)),
        "invalid": invalid,
        "invalid_pairs": invalid_pairs,
        "first_invalid_pair": invalid_pairs[0] if invalid_pairs else None,
        "number": slot.position + 1,
        "error": error,
        "focus": focus,
        "seconds_left": seconds_until(attempt.deadline),
        # What the student had entered, kept when the form comes back with an error.
        "chosen": chosen if before is None else set(before.chosen),
        "typed": (sent.get("answer", "") if sent else "") if before is None else before.typed,
        "pairs": pairs if before is None else before.pairs,
    }
    # Optimization: a valid posted answer only needs checking (the step is not drawn), so
    # the last try is read and hinted at only for a page that shows it.
    checked = form is not None and errors is None
    if attempt.behaviour == Attempt.Behaviour.INTERACTIVE and slot.wrong_tries and not checked:
        if answer is None:
            answer = slot.tries.order_by("-number").first().answer
        context["tries_left"] = attempt.tries - slot.wrong_tries
        context["hints"] = hint(slot.question.payload, answer, attempt.language)
    return context


KEPT = "kept_answer"


def kept_answer(request, slot) -> QueryDict | None:
    """What was entered in this question before the interface language was switched, once."""
    kept = request.session.get(KEPT)
    if not kept or kept["attempt"] != str(slot.attempt_id) or kept["position"] != slot.position:
        return None
    del request.session[KEPT]
    data = QueryDict(mutable=True)
    for name, values in kept["fields"].items():
        data.setlist(name, values)
    return data


@require_POST
def switch_language(request, attempt_id):
    """The interface language, switched from a question, with what the student had entered
    there (quiz.js adds it to the header's language form; without JavaScript, buttons in
    the question's form send it), to come back on the page in the other language. The quiz
    keeps its own language."""
    attempt = _attempt_or_404(request, attempt_id)
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = get_language()
    try:
        position = int(request.POST.get("position", ""))
    except ValueError:
        position = None
    if position not in range(attempt.question_count):  # forged: nothing to keep
        position = None
    if position is not None:
        fields = {
            name: request.POST.getlist(name)
            for name in request.POST
            if name in ("answer", "order") or name.startswith("pair_")
        }
        request.session[KEPT] = {"attempt": str(attempt.pk), "position": position,
                                 "fields": fields}  # fmt: skip
    if attempt.live_id:
        url = reverse("quizzes:live", args=[attempt.pk])
    elif position is not None and not behaviours.of(attempt).SEQUENTIAL:
        url = reverse("quizzes:page", args=[attempt.pk, position + 1])
    else:
        url = reverse("quizzes:take", args=[attempt.pk])
    response = redirect(translate_url(url, language))
    # As Django's set_language view does, for the pages outside the quiz.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def seconds_until(moment, now=None) -> int | None:
    """Whole seconds left until ``moment`` (None without one), rounded up: the page's clock
    never reaches zero before the server's."""
    if moment is None:
        return None
    return max(0, math.ceil((moment - (now or timezone.now())).total_seconds()))


def _live(request, attempt: Attempt):
    url = reverse("quizzes:live", args=[attempt.pk])
    return HttpResponseClientRedirect(url) if fragment_wanted(request) else redirect(url)


def _finished(request, attempt: Attempt):
    url = reverse("quizzes:results", args=[attempt.pk])
    return HttpResponseClientRedirect(url) if fragment_wanted(request) else redirect(url)


@require_safe
def take(request, attempt_id):
    slot = selectors.slot_for(
        attempt_id=attempt_id, owner_token=owner_token(request), user=_user(request)
    )
    attempt = slot.attempt if slot is not None else _attempt_or_404(request, attempt_id)
    if attempt.live_id:  # the teacher paces it: the live page, then the results
        return _finished(request, attempt) if attempt.finished else _live(request, attempt)
    if slot is None:
        if not attempt.finished and not behaviours.of(attempt).SEQUENTIAL:
            return redirect("quizzes:summary", attempt_id=attempt.pk)
        return _finished(request, attempt)
    if services.attempt_expire(attempt=slot.attempt):
        return _finished(request, slot.attempt)
    if not behaviours.of(slot.attempt).SEQUENTIAL:
        return redirect("quizzes:page", attempt_id=slot.attempt_id, number=slot.position + 1)
    # An ordering question after a move without JavaScript: its order and the moved button
    # come in the address the move redirected to (tokens that do not fit are ignored).
    order = request.GET.getlist("order") or None
    focus = request.GET.get("focus")
    kept = kept_answer(request, slot)
    return _step(request, _question_context(slot, order=order, focus=focus, kept=kept))


@never_cache
@require_POST
def answer(request, attempt_id):
    try:
        position = int(request.POST.get("position", ""))
    except ValueError:
        position = -1
    token = owner_token(request)
    slot = None
    if position >= 0:
        slot = selectors.slot_for(
            attempt_id=attempt_id, owner_token=token, user=_user(request), position=position
        )
    attempt = slot.attempt if slot is not None else _attempt_or_404(request, attempt_id)
    if attempt.live_id:  # a live quiz's answers go to its own page, paced by the teacher
        return _live(request, attempt)
    if slot is None:
        return _refused(request, attempt, NOT_CURRENT, 409)
    if not behaviours.of(attempt).SEQUENTIAL:  # deferred feedback saves on its own pages
        return _refused(request, attempt, NOT_CURRENT, 409)
    # Only the current question is answered, shown or moved in: no later one is read early.
    # An earlier one is over; sending its answer again (a double click) shows its feedback.
    past = slot.position < attempt.position
    order = request.POST.getlist("order") or None
    move = request.POST.get("move")
    if slot.position > attempt.position or (past and move) or (attempt.finished and not past):
        return _refused(request, attempt, NOT_CURRENT, 409)
    if move and slot.question.kind == "ordering":
        return _move(request, slot, order, move)
    context = _question_context(slot, order=order, data=request.POST)
    form = context["form"]
    if not form.is_valid():
        if past:
            return _refused(request, attempt, NOT_CURRENT, 409)
        # The time ran out with nothing complete entered: the quiz ends there, as Moodle
        # ends it, rather than bouncing back to the question.
        if request.POST.get("timeup") and services.attempt_expire(
            attempt=attempt, with_grace=False
        ):
            return _finished(request, attempt)
        return _step(request, context)
    try:
        outcome = services.answer_submit(slot=slot, answer=form.cleaned_data["answer"])
    except services.AnswerRefused as refusal:
        return _refused(request, _attempt_or_404(request, attempt_id), refusal.reason, refusal.code)
    if outcome.retry:
        if not request.htmx:
            return redirect(reverse("quizzes:take", args=[attempt.pk]) + "#step")
        return _step(request, _question_context(slot, answer=form.cleaned_data["answer"]))
    if attempt.finished and attempt.ending == Attempt.Ending.TIME_UP:
        return _finished(request, attempt)
    url = reverse("quizzes:feedback", args=[attempt.pk, slot.position + 1])
    if not request.htmx:
        return redirect(f"{url}#step")
    return push_url(
        _step(request, _feedback_context(request, slot, outcome.response, just_answered=True)),
        url,
    )


NOT_CURRENT = _lazy("This is not the question the quiz is on; here is the current one.")


def _move(request, slot, order, move):
    """Move an item of an ordering question up or down, without recording an answer."""
    shown = _question_context(slot, order=order)["shown"]
    tokens, focus = moved([item.token for item in shown.items], move)
    if not request.htmx:
        # Post/redirect/get: a reload shows the moved list again rather than resending.
        query = urlencode({"order": tokens, "focus": focus}, doseq=True)
        return redirect(f"{reverse('quizzes:take', args=[slot.attempt_id])}?{query}#step")
    return _step(request, _question_context(slot, order=tokens, focus=focus or None))


def _refused(request, attempt: Attempt, reason: str, status: int):
    """A refused answer never looks accepted: htmx gets ``status`` (409) and, once the
    attempt is over, an HX-Redirect to the results; a plain form a redirect to them."""
    if attempt.state == Attempt.State.FINISHED or not behaviours.of(attempt).SEQUENTIAL:
        messages.warning(request, reason)
        url = reverse("quizzes:results" if attempt.finished else "quizzes:take", args=[attempt.pk])
        if request.htmx:
            response = HttpResponseClientRedirect(url)
            response.status_code = status
            return response
        return redirect(url)
    slot = selectors.slot_for(
        attempt_id=attempt.pk, owner_token=owner_token(request), user=_user(request)
    )
    return _step(request, _question_context(slot, error=reason), status=status)


def with_challenges(
    request, attempt, items: list[dict], *, look_up: bool = True, forms: dict | None = None
) -> list[dict]:
    """Each reviewed item with the student's own challenge of it, or a form to send one:
    blank (its ids unique on a page that reviews many questions), or the one the student
    sent with an error, by question number in ``forms``. An answer just recorded cannot
    have been challenged yet: its feedback skips the look-up."""
    sent = (
        challenges.challenges_of(attempt=attempt, owner_token=owner_token(request))
        if look_up
        else {}
    )
    forms = forms or {}
    for item in items:
        item["challenge"] = sent.get(item["question_id"])
        if item["challenge"] is None:
            item["challenge_form"] = forms.get(item["number"]) or ChallengeForm(
                auto_id=f"challenge-{item['number']}-%s"
            )
    return items


def _feedback_context(
    request, slot, response, *, just_answered: bool = False, challenge_forms=None
) -> dict:
    attempt = slot.attempt
    items = [_reviewed(slot, response, attempt.language)]
    (reviewed,) = with_challenges(
        request, attempt, items, look_up=not just_answered, forms=challenge_forms
    )
    return {
        "attempt": attempt,
        "slot": slot,
        "feedback": reviewed,
        "number": slot.position + 1,
        "is_last": slot.position + 1 >= attempt.question_count,
        "seconds_left": seconds_until(attempt.deadline),
    }


def _reviewed(slot, response, language: str) -> dict:
    payload = slot.question.payload
    return {
        "number": slot.position + 1,
        "kind": payload["kind"],
        "prompt": payload["prompt"][language],
        "answer": answer_text(payload, response.answer if response else None, language),
        "parts": answer_parts(payload, response.answer if response else None, language),
        "key": key_text(payload, language),
        "keys": key_texts(payload, language),
        "fraction": response.fraction if response else 0.0,
        "points": response.points if response else 0.0,
        "possible": slot.points,
        "answered": response is not None,
        "explanation": payload["explanation"][language],
        "wrong_picks": wrong_picks(payload, response.answer if response else None, language),
        "sources": payload["sources"],
        "language": language,
        "question_id": slot.question_id,
        # Regraded after a fact correction: the share of the credit it had before.
        "before_regrade": response.fraction_before_regrade
        if response and response.regraded_from_id
        else None,
    }


@never_cache
@require_safe
def feedback(request, attempt_id, number: int):
    return feedback_page(request, attempt_id, number)


def feedback_page(request, attempt_id, number: int, *, challenge_forms=None, status: int = 200):
    """The feedback on question ``number``; ``challenge_forms`` as for with_challenges."""
    slot = selectors.slot_for(
        attempt_id=attempt_id,
        owner_token=owner_token(request),
        user=_user(request),
        position=number - 1,
    )
    if slot is None:
        raise Http404
    response = slot.attempt.responses.filter(position=slot.position).first()
    # Deferred feedback: nothing about right or wrong before the attempt is submitted.
    if not behaviours.of(slot.attempt).feedback_shown(attempt=slot.attempt, response=response):
        if behaviours.of(slot.attempt).SEQUENTIAL and response is None:
            return redirect("quizzes:take", attempt_id=attempt_id)
        raise Http404
    context = _feedback_context(request, slot, response, challenge_forms=challenge_forms)
    return _step(request, context, status=status)


PRACTISE_LATER = _lazy(
    "You can practise the mistakes of a class quiz once your teacher has closed it."
)


def _practice_later(attempt: Attempt) -> bool:
    """Whether the attempt's class set is still open, so that no practice may use its facts
    (classmates, or the student's own next attempt, are still to answer them)."""
    return bool(attempt.question_set_id) and teaching.still_open(question_set=attempt.question_set)


@never_cache
@require_safe
def results(request, attempt_id):
    attempt = _attempt_or_404(request, attempt_id)
    # Asked for once the time is up (the page's clock reached zero), the results finish the
    # attempt then: no bouncing back to a question.
    services.attempt_expire(attempt=attempt, with_grace=False)
    if attempt.state != Attempt.State.FINISHED:
        return redirect("quizzes:take", attempt_id=attempt.pk)
    return results_page(request, attempt)


def results_page(request, attempt: Attempt, *, challenge_forms=None, status: int = 200):
    """A finished attempt's results; ``challenge_forms`` as for with_challenges."""
    reviewed = with_challenges(
        request,
        attempt,
        [
            _reviewed(slot, response, attempt.language)
            for slot, response in selectors.review(attempt)
        ],
        forms=challenge_forms,
    )
    context = {
        "attempt": attempt,
        "reviewed": reviewed,
        "mistakes": sum(1 for item in reviewed if item["fraction"] < 1),
        "practise_later": _practice_later(attempt),
    }
    return render(request, "quizzes/results.html", context, status=status)


FINISH_FIRST = _lazy("Finish this quiz first: then you can try again or practise your mistakes.")


@require_POST
def again(request, attempt_id):
    attempt = _attempt_or_404(request, attempt_id)
    # A practice quiz shows its keys: none may start from an attempt still being taken.
    if not attempt.finished:
        messages.warning(request, FINISH_FIRST)
        return redirect("quizzes:take", attempt_id=attempt.pk)
    # A class quiz is taken again under the set's rules (its attempts allowed), never as a
    # practice quiz on its facts.
    if attempt.question_set_id:
        # The class quiz's join page, with the nickname the student used filled in.
        url = reverse("quizzes:join_set", args=[attempt.question_set.code])
        return redirect(f"{url}?{urlencode({'nickname': attempt.nickname})}")
    asked = {slot.question.uid for slot in attempt.slots.select_related("question")}
    return _restart(request, attempt, avoid=asked)


@require_POST
def mistakes(request, attempt_id):
    attempt = _attempt_or_404(request, attempt_id)
    # A practice quiz shows its keys: none may draw on an unfinished attempt's facts, nor on
    # a class quiz's while the class may still take it.
    if not attempt.finished:
        messages.warning(request, FINISH_FIRST)
        return redirect("quizzes:take", attempt_id=attempt.pk)
    if _practice_later(attempt):
        messages.info(request, PRACTISE_LATER)
        return redirect("quizzes:results", attempt_id=attempt.pk)
    missed = [
        slot for slot, response in selectors.review(attempt)
        if response is None or response.fraction < 1
    ]  # fmt: skip
    if not missed:
        messages.info(request, _("You made no mistakes to practise: well done!"))
        return redirect("quizzes:results", attempt_id=attempt.pk)
    wrong = {fact for slot in missed for fact in slot.question.facts}
    asked = {slot.question.uid for slot in attempt.slots.select_related("question")}
    # As many questions as mistakes (at least 5): a question may rest on several facts, and
    # one per fact made 13 questions out of 4 mistakes.
    length = min(20, max(5, len(missed)))
    started = ngettext(
        "New questions on the facts behind your %(count)d mistake.",
        "New questions on the facts behind your %(count)d mistakes.",
        len(missed),
    ) % {"count": len(missed)}
    return _restart(request, attempt, avoid=asked, facts=wrong, length=length, started=started)


def _restart(request, attempt: Attempt, *, avoid: set[str], facts=None, length=None, started=""):
    """A new practice quiz like ``attempt``; ``started`` says what it is, once it starts."""
    browser = owner_token(request, create=True)
    refusal = limits.start_refusal(request, browser=browser)
    if refusal is not None:
        return refusal
    try:
        new = services.practice_start(
            owner_token=browser,
            user=_user(request),
            nickname=attempt.nickname,
            language=attempt.language,
            length=length or attempt.question_count,
            topic=attempt.topic,
            time_limit_minutes=_minutes(attempt),
            behaviour=attempt.behaviour,
            avoid=avoid,
            facts=facts,
        )
    except services.StartRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("quizzes:results", attempt_id=attempt.pk)
    if started:
        messages.info(request, started)
    return redirect("quizzes:take", attempt_id=new.pk)


def _minutes(attempt: Attempt) -> int | None:
    if not attempt.deadline:
        return None
    return max(1, round((attempt.deadline - attempt.started_at).total_seconds() / 60))
