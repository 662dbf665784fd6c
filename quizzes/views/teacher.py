"""Teacher pages: build a question set from the bank, publish it, read the class's results.

A teacher sees and changes only their own sets (an admin: all); anonymous visitors are sent
to the login page, logged-in users who are not teachers get 403.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

import segno
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import trigger_client_event

from quizzes import charts, grading, regrading, selectors, services, spreadsheets, teaching
from quizzes.authoring import selectors as authoring
from quizzes.exporters import gift, moodle_xml
from quizzes.exporters.common import from_questions
from quizzes.forms import LANGUAGES
from quizzes.live import selectors as live
from quizzes.live.forms import LiveStartForm
from quizzes.models import Question
from quizzes.presenting import InFull, in_full
from quizzes.teacher_forms import (
    AccommodationForm,
    BankFilterForm,
    NewSetForm,
    RandomForm,
    SetSettingsForm,
)
from quizzes.views import limits
from quizzes.views.student import _reviewed


def teacher_required(view):
    """Teachers only; like every teacher page (own_set below), never kept by the browser:
    their pages show answer keys (their own questions, an import's preview)."""

    @never_cache
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.is_teacher(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def own_set(view):
    """Give the view the teacher's set, or 404 for another teacher's (403 for non-teachers).

    The lookup itself proves the teacher role, so a set page costs one query for it; the
    role is checked separately only when the lookup fails. A set's pages show its answer
    key (the bank, preview, results, print, CSV, exports): never_cache sends
    `Cache-Control: no-store`, so the next user of a shared school computer cannot bring
    them back from the browser's cache.
    """

    @never_cache
    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        question_set = selectors.set_for_teacher(request.user, pk)
        if question_set is None:
            if not selectors.is_teacher(request.user):
                raise PermissionDenied
            raise Http404
        request.is_teacher = True
        return view(request, question_set, *args, **kwargs)

    return wrapper


@teacher_required
@require_http_methods(["GET", "HEAD", "POST"])
def index(request):
    # A new quiz starts from its title: no "untitled" drafts left behind by a stray click.
    new_set = NewSetForm(request.POST if request.method == "POST" else None)
    if new_set.is_valid():
        question_set = teaching.set_create(
            owner=request.user,
            title=new_set.cleaned_data["title"],
            language=(request.LANGUAGE_CODE or "en")[:2],
        )
        return redirect("quizzes:set_edit", pk=question_set.pk)
    archived = request.GET.get("archived") == "1"
    return render(
        request,
        "teach/index.html",
        {
            "sets": selectors.teacher_sets(request.user, archived=archived),
            "archived": archived,
            "shared": authoring.sets_shared_with(request.user),
            "new_set": new_set,
        },
    )


def _editor_context(request, question_set, settings_form=None) -> dict:
    items = selectors.set_items(question_set)
    # Ids of their own: the settings have a language field too, and the random form a topic.
    filters = BankFilterForm(request.GET or {"language": question_set.language}, auto_id="bank-%s")
    filters.is_valid()
    data = filters.cleaned_data if filters.is_bound and filters.is_valid() else {}
    language = data.get("language") or question_set.language
    questions, total = selectors.bank(
        topic=data.get("topic", ""),
        kind=data.get("kind", ""),
        difficulty=data.get("difficulty", ""),
        language=language,
        search=data.get("q", ""),
        level=data.get("level", ""),
        source=data.get("source", ""),
        author=request.user if data.get("origin") == "mine" else None,
    )
    in_set = {item.question.uid for item in items}
    current = {q.uid for q in Question.objects.active().filter(uid__in=in_set)}
    return {
        "question_set": question_set,
        "items": items,
        "changed": [i for i in items if i.question.status != Question.Status.ACTIVE],
        "gone": [i for i in items if i.question.uid not in current],
        "points": len(items) * question_set.points_per_question,
        "settings_form": settings_form or SetSettingsForm(instance=question_set),
        "filters": filters,
        "random_form": RandomForm(auto_id="random-%s"),
        "bank": bank_rows(questions, language, in_set),
        "bank_total": total,
        "bank_language": language,
        "has_attempts": question_set.attempts.exists(),
        # A teacher's question written in another language shows that language's text.
        "untranslated": [i for i in items if not _written_in(i.question, question_set.language)],
        "shares": authoring.set_shares(question_set),
    }


@dataclass
class BankRow:
    """A question of the bank as the editor lists it: whether the set has it already, all
    of it for the teacher to check (the key included), and what tells it apart from
    another question of the same wording."""

    question: Question
    added: bool
    full: InFull
    differs_by: str = ""


def bank_rows(questions, language: str, in_set: set[str]) -> list[BankRow]:
    rows = [BankRow(q, q.uid in in_set, in_full(q.payload, language)) for q in questions]
    by_prompt: dict[str, list[BankRow]] = {}
    for row in rows:
        prompt = row.question.payload["prompt"]
        by_prompt.setdefault(prompt.get(language) or prompt.get("en", ""), []).append(row)
    for same in by_prompt.values():
        if len(same) < 2:
            continue
        keys_differ = len({row.full.key for row in same}) == len(same)
        for row in same:
            options = ", ".join(text for text, _right in row.full.options)
            row.differs_by = (
                _("Right answer: %(key)s") % {"key": row.full.key}
                if keys_differ or not options
                else _("Options: %(options)s") % {"options": options}
            )
    return rows


def _written_in(question, language: str) -> bool:
    """Generated questions are in both languages; a teacher's, in those they wrote."""
    return language in question.payload.get("languages", (language,))


@own_set
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, question_set):
    form = None
    if request.method == "POST":
        form = SetSettingsForm(request.POST, instance=question_set)
        if form.is_valid():
            form.save()
            messages.success(request, _("Settings saved."))
            if not request.htmx:
                return redirect("quizzes:set_edit", pk=question_set.pk)
            # The new title in the heading and the tab too, not only in the form.
            return render(
                request, "teach/edit.html#settings-saved", _editor_context(request, question_set)
            )
    first = next((name for name in form.fields if name in form.errors), None) if form else None
    if first:  # not saved: the first field in error takes the focus
        form.fields[first].widget.attrs.update({"data-focus": True, "autofocus": True})
    context = _editor_context(request, question_set, form)
    if request.htmx:
        return render(request, "teach/edit.html#settings", context)
    return render(request, "teach/edit.html", context)


@own_set
@require_safe
def bank(request, question_set):
    return render(request, "teach/edit.html#bank-results", _editor_context(request, question_set))


def _after_change(request, question_set, *, anchor="questions", **focus):
    """The set's question list again, with ``focus`` saying which control the teacher's
    keyboard goes to next; the bank is told to refresh itself."""
    if not request.htmx:
        return redirect(reverse("quizzes:set_edit", args=[question_set.pk]) + f"#{anchor}")
    context = {**_editor_context(request, question_set), **focus}
    response = render(request, "teach/edit.html#questions", context)
    return trigger_client_event(response, "set-changed")


def _bank_filters(request) -> str:
    """The bank's filters the add form was sent from, to come back to them without htmx."""
    sent = QueryDict(request.POST.get("filters", ""))
    kept = QueryDict(mutable=True)
    for name in BankFilterForm.base_fields:
        if sent.get(name):
            kept[name] = sent[name]
    return kept.urlencode()


@own_set
@require_POST
def add(request, question_set):
    uids = [uid for uid in request.POST.getlist("uid") if UID.fullmatch(uid)]
    questions = list(authoring.addable_questions(request.user, uids))
    added = teaching.set_add(question_set=question_set, questions=questions)
    if not added:
        messages.info(request, _("That question is in the set already, or no longer in the bank."))
    if not request.htmx:
        url = reverse("quizzes:set_edit", args=[question_set.pk])
        filters = _bank_filters(request)
        anchor = f"#bank-q{questions[0].pk}" if questions else "#bank"
        return redirect(url + (f"?{filters}" if filters else "") + anchor)
    # The question list, and in the bank each added question turned into "Added", where the
    # keyboard's focus goes: the bank stays as it was, so the page does not move.
    context = _editor_context(request, question_set)
    language = request.POST.get("language")
    if language not in dict(LANGUAGES):
        language = question_set.language
    in_set = {item.question.uid for item in context["items"]}
    html = render_to_string("teach/edit.html#questions", context, request)
    for row in bank_rows(questions, language, in_set):
        html += render_to_string(
            "teach/edit.html#bank-item",
            {**context, "row": row, "bank_language": language, "oob": True, "focus": True},
            request,
        )
    return HttpResponse(html)


@own_set
@require_POST
def add_random(request, question_set):
    form = RandomForm(request.POST)
    if form.is_valid():
        added = teaching.set_add_random(
            question_set=question_set,
            topic=form.cleaned_data["topic"],
            count=form.cleaned_data["count"],
        )
        if added < form.cleaned_data["count"]:
            message = ngettext(
                "Only %(count)d more question fits: the others would repeat facts the set "
                "already asks about.",
                "Only %(count)d more questions fit: the others would repeat facts the set "
                "already asks about.",
                added,
            )
            messages.info(request, message % {"count": added})
    return _after_change(request, question_set)


@own_set
@require_POST
def remove(request, question_set):
    item_id = _int(request.POST.get("item"))
    item = question_set.items.filter(pk=item_id).first()
    teaching.set_remove(question_set=question_set, item_id=item_id)
    if item is None:
        return _after_change(request, question_set)
    # The keyboard goes on to the next question's Remove button (the last one's, when the
    # last was removed), or to the sentence that says the list is empty.
    rest = list(question_set.items.order_by("position").values_list("pk", flat=True))
    if not rest:
        return _after_change(request, question_set, focus_empty=True)
    following = rest[min(item.position, len(rest) - 1)]
    return _after_change(request, question_set, focus_item=following)


@own_set
@require_POST
def move(request, question_set):
    item_id = _int(request.POST.get("item"))
    direction = "up" if request.POST.get("direction") == "up" else "down"
    teaching.set_move(question_set=question_set, item_id=item_id, direction=direction)
    # The same button again, so that pressing it moves the question on.
    return _after_change(request, question_set, focus_item=item_id, focus_direction=direction)


def _back(request, default: str) -> str:
    """The page to go back to: the form's ``next`` if it is on this site, else ``default``."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else default


# What a question id can be: up to the field's length, no control characters (PostgreSQL
# refuses NUL in text, so a hostile form must not reach the query with one).
UID = re.compile(r"[^\x00-\x1f]{1,160}")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


@own_set
@require_safe
def preview(request, question_set):
    from quizzes.presenting import present

    language = question_set.language
    with_answers = request.GET.get("answers") == "1"
    shown = [
        {
            "question": present(q.payload, attempt_id="preview", position=n, language=language),
            "full": in_full(q.payload, language) if with_answers else None,
        }
        for n, q in enumerate(selectors.set_questions_for_attempt(question_set))
    ]
    return render(request, "teach/preview.html", {
        "question_set": question_set, "shown": shown, "with_answers": with_answers})  # fmt: skip


@own_set
@require_POST
def publish(request, question_set):
    try:
        teaching.set_publish(question_set=question_set)
    except services.StartRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("quizzes:set_edit", pk=question_set.pk)
    # Published from the classroom, the code may be used there even while wrong codes flood
    # the school's address (quizzes/views/limits.py, CODE_USED).
    limits.code_used(request, question_set.code)
    return redirect("quizzes:set_share", pk=question_set.pk)


@own_set
@require_POST
def close(request, question_set):
    teaching.set_close(question_set=question_set)
    messages.success(request, _("The quiz is closed: students can no longer join."))
    return redirect(_back(request, reverse("quizzes:set_share", args=[question_set.pk])))


@own_set
@require_POST
def reopen(request, question_set):
    teaching.set_reopen(question_set=question_set)
    limits.code_used(request, question_set.code)
    messages.success(request, _("The quiz is open again."))
    return redirect(_back(request, reverse("quizzes:set_share", args=[question_set.pk])))


@own_set
@require_POST
def duplicate(request, question_set):
    copy = teaching.set_duplicate(question_set=question_set, owner=request.user)
    messages.success(request, _("A copy was made; it is a draft with no code yet."))
    return redirect("quizzes:set_edit", pk=copy.pk)


@own_set
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, question_set):
    """A page that says what deleting (or archiving) does, then the POST that does it."""
    if request.method != "POST":
        return render(request, "teach/delete.html", {
            "question_set": question_set,
            "attempt_total": question_set.attempts.count(),
            "question_total": question_set.items.count()})  # fmt: skip
    if teaching.set_delete(question_set=question_set) == "archived":
        messages.info(request, _("Students have taken this quiz, so it was archived, not deleted: "
                                 "their results stay."))  # fmt: skip
    else:
        messages.success(
            request, _("The quiz “%(title)s” was deleted.") % {"title": question_set.title}
        )
    return redirect("quizzes:teach")


def share_url(request, question_set) -> str:
    """The join link in no language: it opens in each student's own (see site.join_link)."""
    return request.build_absolute_uri(reverse("join_link", args=[question_set.code]))


def qr_code(link: str, **options) -> str:
    # segno writes plain SVG markup from the link, which we built ourselves.
    return mark_safe(
        segno.make(link, error="m").svg_inline(dark="#1b1b1f", light="#ffffff", **options)
    )


@own_set
@require_safe
def share(request, question_set):
    if not question_set.code:
        return redirect("quizzes:set_edit", pk=question_set.pk)
    link = share_url(request, question_set)
    return render(request, "teach/share.html", {
        "question_set": question_set, "link": link, "qr": qr_code(link, scale=6, omitsize=False),
        "spoken": " ".join(question_set.code),
        "live": live.running(question_set), "live_form": LiveStartForm()})  # fmt: skip


@own_set
@require_safe
def projector(request, question_set):
    """The code and a QR code as large as the screen allows, for the back of a classroom."""
    if not question_set.code:
        return redirect("quizzes:set_edit", pk=question_set.pk)
    link = share_url(request, question_set)
    return render(request, "teach/projector.html", {
        "question_set": question_set, "link": link, "qr": qr_code(link, scale=1, omitsize=True),
        "spoken": " ".join(question_set.code)})  # fmt: skip


@own_set
@require_safe
def results(request, question_set):
    # The live poll: nothing changed since the page the teacher sees, nothing to swap (htmx
    # leaves the page alone on 204), so their place in the grid and their focus stay put.
    # Optimization: checked in one small query, before the results are loaded.
    seen = request.GET.get("seen")
    if request.htmx and seen and seen == selectors.results_version(question_set):
        return HttpResponse(status=204)
    sort = request.GET.get("sort", "-started")
    data = selectors.set_results(
        question_set, sort=sort, statistics_on=request.GET.get("attempts", "first")
    )
    context = {
        "question_set": question_set,
        "results": data,
        "bars": charts.bars(data.histogram),
        "sort": sort,
        "sorts": ["nickname", "started", "finished", "score", "time"],
        "now": timezone.now(),
    }
    if request.htmx:
        return render(request, "teach/results.html#live", context)
    context["regrade_pending"] = regrading.pending(question_set)
    return render(request, "teach/results.html", context)


def results_table(question_set) -> tuple[list[str], list[list]]:
    """The results as a header and rows of cells, one row per attempt in the results (removed
    ones left out), grouped by student: the attempt, the student's final grade on each of
    their rows, and the points earned on each question. The CSV and the .xlsx file are both
    written from it, so they always have the same columns. Numbers stay numbers, rounded as
    the results page shows them (points to two decimals, percentages to one)."""
    data = selectors.set_results(question_set, sort="nickname")
    header = [_("Nickname"), _("Started"), _("Finished"), _("Score"), _("Out of"),
              _("Percentage"), _("Time (seconds)"), _("State"), _("Attempt"),
              _("Grade (%)")]  # fmt: skip
    # A question's column says what it is worth, so that a cell tells right from partly
    # right; an empty cell is a question not answered.
    header += [
        _("Q%(number)d (out of %(points)s)")
        % {"number": item.number, "points": grading.points_text(item.points)}
        for item in data.items
    ]
    rows = []
    for student in data.students:
        grade = round(100 * student.grade, 1) if student.grade is not None else None
        for row in student.attempts:
            a = row.attempt
            rows.append(
                [
                    spreadsheet_safe(a.nickname),
                    _stamp(a.started_at),
                    _stamp(a.finished_at),
                    round(a.score, 2),
                    round(a.max_score, 2),
                    float(row.percentage_text),
                    row.seconds,
                    a.get_state_display(),
                    row.number,
                    grade,
                    *(round(c.points, 2) if c.points is not None else None for c in row.cells),
                ]
            )
    return header, rows


# The percentage and the grade: written with one decimal in the CSV, as on the page.
PERCENT_COLUMNS = {5, 9}


def _csv_cell(value, percent: bool = False) -> str:
    if value is None:
        return ""
    if percent:
        return f"{value:.1f}"
    return grading.points_text(value) if isinstance(value, float) else str(value)


@own_set
@require_safe
def results_csv(request, question_set):
    header, rows = results_table(question_set)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"results-{question_set.code or question_set.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the BOM, so spreadsheets read UTF-8 (Čcheidze, Zavad'e)
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [_csv_cell(cell, index in PERCENT_COLUMNS) for index, cell in enumerate(row)]
        )
    return response


@own_set
@require_safe
def results_xlsx(request, question_set):
    header, rows = results_table(question_set)
    content = spreadsheets.workbook([(_("Results"), header, rows)])
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"results-{question_set.code or question_set.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _set_attempt(question_set, attempt_id):
    attempt = question_set.attempts.filter(pk=attempt_id).first()
    if attempt is None:
        raise Http404
    return attempt


@own_set
@require_safe
def attempt_detail(request, question_set, attempt_id):
    attempt = _set_attempt(question_set, attempt_id)
    reviewed = [_reviewed(slot, response, attempt.language)
                for slot, response in selectors.review(attempt)]  # fmt: skip
    context = {"question_set": question_set, "attempt": attempt, "reviewed": reviewed}
    return render(request, "teach/attempt.html", context)


@own_set
@require_http_methods(["GET", "HEAD", "POST"])
def attempt_remove(request, question_set, attempt_id):
    """Asks first (a page, so it works without JavaScript), then removes on the POST."""
    attempt = _set_attempt(question_set, attempt_id)
    if request.method == "POST":
        teaching.attempt_remove(question_set=question_set, attempt_id=attempt.pk)
        messages.success(
            request,
            _("The attempt of %(name)s was removed from the results. It is kept: restore it "
              "from “Removed attempts”.") % {"name": attempt.nickname},
        )  # fmt: skip
        return redirect("quizzes:set_results", pk=question_set.pk)
    context = {"question_set": question_set, "attempt": attempt}
    return render(request, "teach/attempt_remove.html", context)


@own_set
@require_POST
def attempt_restore(request, question_set, attempt_id):
    attempt = _set_attempt(question_set, attempt_id)
    teaching.attempt_restore(question_set=question_set, attempt_id=attempt.pk)
    messages.success(
        request, _("The attempt of %(name)s is back in the results.") % {"name": attempt.nickname}
    )
    return redirect(_back(request, reverse("quizzes:set_results", args=[question_set.pk])))


@own_set
@require_http_methods(["GET", "HEAD", "POST"])
def accommodations(request, question_set):
    """Extra time or attempts for single students: the list, and a form to add or change one
    (``?edit=<id>`` fills it in with one already saved)."""
    here = reverse("quizzes:set_accommodations", args=[question_set.pk])
    if request.method == "POST" and "delete" in request.POST:
        if teaching.accommodation_delete(
            question_set=question_set, accommodation_id=_int(request.POST["delete"])
        ):
            messages.success(request, _("The accommodation was removed."))
        return redirect(here)
    if request.method == "POST":
        form = AccommodationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            saved = teaching.accommodation_save(
                question_set=question_set,
                nickname=data["nickname"],
                user=data["username"],
                extra_minutes=data["extra_minutes"],
                extra_attempts=data["extra_attempts"],
                accommodation_id=data["accommodation"],
            )
            who = saved.user.get_username() if saved.user else saved.nickname
            messages.success(request, _("Saved the accommodation for %(name)s.") % {"name": who})
            for note in _accommodation_notes(question_set, saved):
                messages.info(request, note)
            return redirect(here)
    else:
        editing = (
            question_set.accommodations.select_related("user")
            .filter(pk=_int(request.GET.get("edit")))
            .first()
        )
        form = AccommodationForm(initial=_accommodation_initial(editing))
    context = {
        "question_set": question_set,
        "form": form,
        "rows": selectors.set_accommodations(question_set),
    }
    return render(request, "teach/accommodations.html", context)


def _accommodation_initial(accommodation) -> dict:
    if accommodation is None:
        return {"extra_minutes": 0, "extra_attempts": 0}
    return {
        "accommodation": accommodation.pk,
        "nickname": accommodation.nickname,
        "username": accommodation.user.get_username() if accommodation.user else "",
        "extra_minutes": accommodation.extra_minutes,
        "extra_attempts": accommodation.extra_attempts,
    }


def _accommodation_notes(question_set, accommodation) -> list[str]:
    """What the teacher should know about an accommodation just saved."""
    notes = []
    row = next(r for r in selectors.set_accommodations(question_set)
               if r.accommodation.pk == accommodation.pk)  # fmt: skip
    if not row.in_use and accommodation.user is None:
        notes.append(
            _("No attempt in this quiz uses the nickname “%(name)s” yet: it applies when a "
              "student starts with it, so check the spelling.") % {"name": accommodation.nickname}
        )  # fmt: skip
    if accommodation.extra_minutes and not question_set.time_limit_minutes:
        notes.append(_("This quiz has no time limit, so extra minutes change nothing unless "
                       "you set one."))  # fmt: skip
    if accommodation.extra_attempts and not question_set.attempts_allowed:
        notes.append(_("This quiz allows any number of attempts, so extra attempts change "
                       "nothing unless you set a limit."))  # fmt: skip
    return notes


# A cell starting with one of these is read as a formula by spreadsheets (CSV injection):
# =HYPERLINK(...) in a nickname would run when the teacher opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text as a spreadsheet shows it, never as a formula: a leading quote neutralises it
    (OWASP's advice for CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _stamp(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


EXPORTS = {
    "gift": (gift.export, "text/plain", "txt"),
    "moodlexml": (moodle_xml.export, "application/xml", "xml"),
}


@own_set
@require_safe
def export(request, question_set, fmt):
    if fmt not in EXPORTS:
        raise Http404
    writer, content_type, extension = EXPORTS[fmt]
    questions = from_questions(
        selectors.set_questions_for_attempt(question_set), question_set.language
    )
    response = HttpResponse(
        writer(questions, question_set.language), content_type=f"{content_type}; charset=utf-8"
    )
    name = f"quiz-{question_set.code or question_set.pk}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@own_set
@require_safe
def printable(request, question_set):
    from quizzes.presenting import key_text, key_texts, present

    language = question_set.language
    questions = selectors.set_questions_for_attempt(question_set)
    printed = []
    for n, q in enumerate(questions):
        shown = present(q.payload, attempt_id="print", position=n, language=language)
        printed.append({
            "shown": shown,
            "key": key_text(q.payload, language),
            "keys": key_texts(q.payload, language),
            "key_letters": _key_letters(q.payload, shown),
            "explanation": q.payload["explanation"][language],
        })  # fmt: skip
    return render(request, "teach/print.html", {
        "question_set": question_set, "printed": printed,
        "with_key": request.GET.get("key") == "1"})  # fmt: skip


def _key_letters(payload: dict, shown) -> str:
    """The key as a student writes it on paper: for matching, the letter of the right
    column beside each number of the left ("1 C, 2 A"); for ordering, the number beside
    each lettered event ("a 3, b 1")."""
    if shown.kind == "matching":
        letters = {right.id: LETTERS[i] for i, right in enumerate(shown.rights)}
        match = {left["id"]: left["match"] for left in payload["lefts"]}
        return ", ".join(
            f"{i} {letters.get(match.get(left.id), '?')}" for i, left in enumerate(shown.lefts, 1)
        )
    if shown.kind == "ordering":
        place = {item["id"]: i for i, item in enumerate(payload["items"], 1)}
        return ", ".join(
            f"{LETTERS[i].lower()} {place.get(item.id, '?')}" for i, item in enumerate(shown.items)
        )
    return ""


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
