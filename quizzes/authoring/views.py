"""Teacher pages for their own questions: write, edit, import; and sets shared between teachers.

Like the set pages: anonymous visitors go to the login page, users who are not teachers get
403, and a question or shared set that is not the teacher's is a 404.
"""

from __future__ import annotations

import functools
import re

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from quizzes import importers, selectors
from quizzes.authoring import forms, services
from quizzes.authoring import selectors as authoring
from quizzes.authoring import written as w
from quizzes.generation.drafts import Kind
from quizzes.models import KIND_CHOICES
from quizzes.presenting import key_text, present
from quizzes.views.teacher import own_set, teacher_required


def looked_up(selector, name: str):
    """A view decorator: give the view what ``selector(user, value)`` finds for this
    teacher from the URL's parameter ``name``, or 404."""

    def decorator(view):
        @functools.wraps(view)
        @teacher_required
        def wrapper(request, *args, **kwargs):
            found = selector(request.user, kwargs.pop(name))
            if found is None:
                raise Http404
            return view(request, found, *args, **kwargs)

        return wrapper

    return decorator


# The teacher's question (its current version), or a set shared with them.
own_question = looked_up(authoring.own_question, "key")
shared = looked_up(authoring.shared_set, "pk")


def _set_from(request):
    """The teacher's set named by ``set`` (to add the new questions to), or None; 404 for a
    set that is not theirs."""
    value = request.POST.get("set") or request.GET.get("set")
    if not value:
        return None
    valid = re.fullmatch(r"[0-9]{1,18}", value)  # ASCII digits: "²" is a digit to isdigit()
    question_set = selectors.set_for_teacher(request.user, int(value)) if valid else None
    if question_set is None:
        raise Http404
    return question_set


def _back(question_set) -> tuple[str, str]:
    if question_set is not None:
        return reverse("quizzes:set_edit", args=[question_set.pk]), question_set.title
    return reverse("quizzes:my_questions"), _("My questions")


def _language(request) -> str:
    language = (get_language() or "en")[:2]
    return language if language in ("en", "it") else "en"


@teacher_required
@require_safe
def questions(request):
    filters = forms.KindFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    language = _language(request)
    rows = authoring.my_questions(
        request.user, kind=data.get("kind", ""), search=data.get("q", ""), language=language
    )
    return render(
        request,
        "teach/questions/index.html",
        {"questions": rows, "filters": filters, "language": language},
    )


def _form(request, kind: str, **kwargs) -> forms.QuestionForm:
    return forms.QuestionForm(kind=kind, fact_choices=authoring.fact_choices(), **kwargs)


def _more_rows(request, kind: str) -> forms.QuestionForm:
    """The same form with three more blank rows, nothing checked or saved yet."""
    posted = _form(request, kind, data=request.POST)
    initial = {name: request.POST.getlist(name) if name == "facts" else request.POST.get(name)
               for name in request.POST}  # fmt: skip
    return _form(request, kind, initial=initial, rows=min(posted.row_count + 3, w.MAX_ROWS))


def _form_page(request, form, *, question=None, question_set=None):
    back_url, back_label = _back(question_set)
    context = {
        "form": form,
        "question": question,
        "question_set": question_set,
        "kind_label": dict(KIND_CHOICES)[form.kind.value],
        "back_url": back_url,
        "back_label": back_label,
        "used": question is not None and services.is_used(question),
    }
    if question is not None:
        language = (question.payload.get("languages") or ["en"])[0]
        context["preview"] = present(
            question.payload, attempt_id="preview", position=0, language=language
        )
        context["preview_key"] = key_text(question.payload, language)
    return render(request, "teach/questions/form.html", context)


@teacher_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_new(request):
    question_set = _set_from(request)
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    if kind not in set(Kind):
        kinds = [(value, label, forms.KIND_HINTS[Kind(value)]) for value, label in KIND_CHOICES]
        return render(
            request, "teach/questions/kinds.html", {"kinds": kinds, "question_set": question_set}
        )
    if request.method != "POST":
        return _form_page(request, _form(request, kind), question_set=question_set)
    if "more" in request.POST:
        return _form_page(request, _more_rows(request, kind), question_set=question_set)
    form = _form(request, kind, data=request.POST)
    if not form.is_valid():
        return _form_page(request, form, question_set=question_set)
    services.question_create(author=request.user, written=form.written(), question_set=question_set)
    if question_set is not None:
        messages.success(request, _("Your question was saved and added to the quiz."))
        return redirect(reverse("quizzes:set_edit", args=[question_set.pk]) + "#questions")
    messages.success(request, _("Your question was saved."))
    return redirect("quizzes:my_questions")


@own_question
@require_http_methods(["GET", "HEAD", "POST"])
def question_edit(request, question):
    kind = question.kind
    if request.method != "POST":
        stored = w.from_payload(
            question.payload, topic=question.topic, level=question.level, facts=question.facts
        )
        initial, rows = forms.initial_from(stored)
        return _form_page(request, _form(request, kind, initial=initial, rows=rows),
                          question=question)  # fmt: skip
    if "more" in request.POST:
        return _form_page(request, _more_rows(request, kind), question=question)
    form = _form(request, kind, data=request.POST)
    if not form.is_valid():
        return _form_page(request, form, question=question)
    saved = services.question_update(question=question, written=form.written())
    if saved.pk != question.pk:
        messages.success(
            request,
            _("Saved as a new version: students who answered the old one keep it, with their "
              "scores; new attempts get this one."),
        )  # fmt: skip
    else:
        messages.success(request, _("Your question was saved."))
    return redirect("quizzes:my_questions")


@own_question
@require_POST
def question_delete(request, question):
    if services.question_remove(question=question) == "retired":
        messages.info(
            request,
            _("The question was removed from your questions. Quizzes that students took keep "
              "it in their results; new attempts no longer get it."),
        )  # fmt: skip
    else:
        messages.success(request, _("The question was deleted."))
    return redirect("quizzes:my_questions")


# -- import ----------------------------------------------------------------------------------
def _import_page(request, form, *, question_set, reading=None, packed=""):
    back_url, back_label = _back(question_set)
    context = {
        "form": form,
        "question_set": question_set,
        "reading": reading,
        "packed": packed,
        "back_url": back_url,
        "back_label": back_label,
        "language": form.cleaned_data.get("language", "en") if form.is_bound else "en",
    }
    return render(request, "teach/questions/import.html", context)


def _key_in_words(question: w.Written, language: str) -> str:
    """The right answer of a kind without options, as the preview shows it."""
    if question.kind == Kind.TRUE_FALSE:
        return "" if question.truth is None else (_("True") if question.truth else _("False"))
    if question.kind == Kind.NUMERIC:
        if question.tolerance:
            return f"{question.number} ± {question.tolerance}"
        return question.number
    if question.kind == Kind.SHORT_ANSWER:
        return " / ".join(question.accepted.get(language, []))
    return ""


def _upload(form) -> bytes:
    upload = form.cleaned_data.get("file")
    if upload is None:
        raise importers.ImportRefused(_("Choose a file to import."))
    if upload.size > importers.common.MAX_BYTES:
        raise importers.ImportRefused(
            _("The file is larger than 1 MB: split it into smaller files.")
        )
    return upload.read(importers.common.MAX_BYTES + 1)


@teacher_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_import(request):
    question_set = _set_from(request)
    initial = {"language": question_set.language if question_set else _language(request)}
    if request.method != "POST":
        return _import_page(request, forms.ImportForm(initial=initial), question_set=question_set)
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, form, question_set=question_set)
    confirming = "confirm" in request.POST
    try:
        data = importers.unpack(form.cleaned_data["content"]) if confirming else _upload(form)
        reading = importers.read(
            data,
            fmt=form.cleaned_data["format"],
            language=form.cleaned_data["language"],
            topic=form.cleaned_data["topic"],
        )
    except importers.ImportRefused as refusal:
        form.add_error("file", str(refusal))
        return _import_page(request, form, question_set=question_set)
    language = form.cleaned_data["language"]
    for item in reading.questions:
        item.kind_label = dict(KIND_CHOICES)[item.written.kind]
        item.key = _key_in_words(item.written, language)
    if not confirming:
        return _import_page(request, form, question_set=question_set, reading=reading,
                            packed=importers.pack(data))  # fmt: skip
    chosen = set(request.POST.getlist("chosen"))
    picked = [q.written for q in reading.usable if str(q.number) in chosen]
    if not picked:
        form.add_error(None, _("Choose at least one question to import."))
        return _import_page(request, form, question_set=question_set, reading=reading,
                            packed=form.cleaned_data["content"])  # fmt: skip
    services.questions_import(author=request.user, questions=picked, question_set=question_set)
    messages.success(
        request,
        ngettext("%(count)d question was imported.", "%(count)d questions were imported.",
                 len(picked)) % {"count": len(picked)},
    )  # fmt: skip
    if question_set is not None:
        return redirect(reverse("quizzes:set_edit", args=[question_set.pk]) + "#questions")
    return redirect("quizzes:my_questions")


# -- sharing sets between teachers -----------------------------------------------------------
@own_set
@require_POST
def set_teachers(request, question_set):
    """Share the set with a teacher by username, or stop sharing it with one."""
    back = reverse("quizzes:set_edit", args=[question_set.pk]) + "#teachers"
    if "remove" in request.POST:
        share = request.POST.get("remove", "")
        if re.fullmatch(r"[0-9]{1,18}", share):
            services.set_unshare(question_set=question_set, share_id=int(share))
            messages.success(request, _("The quiz is no longer shared with that teacher."))
        return redirect(back)
    form = forms.ShareForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("username", []):
            messages.error(request, error)
        return redirect(back)
    try:
        share = services.set_share(
            question_set=question_set, username=form.cleaned_data["username"]
        )
    except services.ShareRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(back)
    messages.success(
        request,
        _("Shared with %(name)s: they can read the quiz and make a copy of their own.")
        % {"name": share.teacher.get_username()},
    )
    return redirect(back)


@shared
@require_safe
def shared_set(request, question_set):
    language = question_set.language
    shown = [
        {
            "shown": present(q.payload, attempt_id="shared", position=n, language=language),
            "key": key_text(q.payload, language),
            "explanation": q.payload["explanation"][language],
            "own": q.author_id is not None,
        }
        for n, q in enumerate(selectors.set_questions_for_attempt(question_set))
    ]
    return render(request, "teach/shared.html", {"question_set": question_set, "shown": shown})


@shared
@require_POST
def shared_duplicate(request, question_set):
    copy = services.shared_set_duplicate(question_set=question_set, teacher=request.user)
    messages.success(request, _("A copy is yours now: a draft with no code yet."))
    return redirect("quizzes:set_edit", pk=copy.pk)
