"""Admin for the question bank, and the "regenerate questions" action on every fact."""

import functools

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, Value, When
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from conference.admin import fact_admin_url
from quizzes import challenges, signals
from quizzes.authoring import services as authoring
from quizzes.models import (
    Attempt,
    Challenge,
    Question,
    QuestionSet,
    SetQuestion,
    TeacherSignup,
)
from quizzes.permissions import TEACHERS
from quizzes.services import bank_refresh
from quizzes.signals import FACT_MODELS


def refresh_message(report) -> str:
    """What a fact's change did to the question bank, in an admin's words."""
    counts = [
        (len(report.added), ngettext("%(count)d question added", "%(count)d questions added",
                                     len(report.added))),
        (len(report.changed) + len(report.updated),
         ngettext("%(count)d question changed", "%(count)d questions changed",
                  len(report.changed) + len(report.updated))),
        (len(report.retired), ngettext("%(count)d question retired", "%(count)d questions retired",
                                       len(report.retired))),
    ]  # fmt: skip
    changes = [text % {"count": count} for count, text in counts if count]
    if not changes:
        return gettext("The question bank was refreshed: no question changed.")
    return gettext("The question bank was refreshed: %(changes)s.") % {
        "changes": "; ".join(changes)
    }


@admin.action(description=_("Regenerate the questions from the current facts"))
def regenerate_questions(modeladmin, request, queryset):
    report = bank_refresh()
    modeladmin.message_user(request, refresh_message(report), messages.SUCCESS)


def _fact_admins():
    """The admins of the fact models that conference/admin.py registered."""
    for model in FACT_MODELS:
        if admin.site.is_registered(model):
            yield admin.site.get_model_admin(model)


def _add_action_to_fact_admins():
    for model_admin in _fact_admins():
        if regenerate_questions not in (model_admin.actions or []):
            model_admin.actions = [*(model_admin.actions or []), regenerate_questions]


_add_action_to_fact_admins()


def _tell_what_the_bank_refresh_changed(view):
    """Wrap a fact admin's save or delete view: the refresh runs when its transaction
    commits, after the view returns, so the message is added then."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        signals.last_refresh.set(None)
        response = view(request, *args, **kwargs)
        report = signals.last_refresh.get()
        if report is not None:
            messages.info(request, refresh_message(report))
        return response

    return wrapper


def _add_refresh_messages_to_fact_admins():
    for model_admin in _fact_admins():
        if not getattr(model_admin, "tells_refresh", False):
            model_admin.changeform_view = _tell_what_the_bank_refresh_changed(
                model_admin.changeform_view
            )
            model_admin.delete_view = _tell_what_the_bank_refresh_changed(model_admin.delete_view)
            model_admin.tells_refresh = True


_add_refresh_messages_to_fact_admins()


@admin.action(description=_("Promote teachers' questions into the shared bank"))
def promote_to_bank(modeladmin, request, queryset):
    count = authoring.questions_promote(uids=list(queryset.values_list("uid", flat=True)))
    message = ngettext(
        "%(count)d question is now in the shared bank: every teacher can use it, and "
        "practice quizzes ask it.",
        "%(count)d questions are now in the shared bank: every teacher can use them, and "
        "practice quizzes ask them.",
        count,
    )
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Take teachers' questions out of the shared bank"))
def withdraw_from_bank(modeladmin, request, queryset):
    count = authoring.questions_withdraw(uids=list(queryset.values_list("uid", flat=True)))
    message = ngettext(
        "%(count)d question is private to its teacher again.",
        "%(count)d questions are private to their teachers again.",
        count,
    )
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


class AuthorFilter(admin.SimpleListFilter):
    title = _("written by")
    parameter_name = "written"

    def lookups(self, request, model_admin):
        return [("generated", _("generated from the facts")), ("teacher", _("a teacher"))]

    def queryset(self, request, queryset):
        if self.value() == "generated":
            return queryset.filter(author__isnull=True)
        if self.value() == "teacher":
            return queryset.filter(author__isnull=False)
        return queryset


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("uid", "version", "kind", "topic", "level", "status", "author", "in_bank",
                    "chance", "answer_count")  # fmt: skip
    list_filter = ("status", AuthorFilter, "in_bank", "kind", "topic", "level",
                   "in_english_article", "in_italian_article")  # fmt: skip
    list_select_related = ("author",)
    search_fields = ("uid", "author__username")
    actions = [regenerate_questions, promote_to_bank, withdraw_from_bank]
    readonly_fields = (
        "uid",
        "version",
        "kind",
        "topic",
        "level",
        "in_english_article",
        "in_italian_article",
        "status",
        "author",
        "in_bank",
        "created_at",
        "retired_at",
        "chance",
        "answer_count",
        "shown",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # students' answers point at question versions; retire instead

    @admin.display(description=_("chance an average student gets it right"))
    def chance(self, obj):
        return f"{obj.p_correct:.0%}"

    @admin.display(description=_("question"))
    def shown(self, obj):
        return question_shown(obj)


def question_shown(obj: Question):
    """A question version as an admin checks it: both languages, the key, the explanation."""
    p = obj.payload
    rows = []
    for lang in ("en", "it"):
        options = [
            ("✔ " if o["correct"] else "• ")
            + o["text"][lang]
            + (f" — {o['feedback'][lang]}" if o.get("feedback") else "")
            for o in p.get("options", [])
        ]
        options += [f"{i}. {item['text'][lang]}" for i, item in enumerate(p.get("items", []), 1)]
        rights = {r["id"]: r["text"][lang] for r in p.get("rights", [])}
        options += [
            f"{left['text'][lang]} → {rights[left['match']]}" for left in p.get("lefts", [])
        ]
        if "truth" in p:
            options.append(_("true") if p["truth"] else _("false"))
        if "number" in p:
            options.append(f"{p['number']} ± {p['tolerance']}")
        if "accepted" in p:
            options.append(", ".join(p["accepted"]))
        rows.append(
            format_html(
                "<h3>{}</h3><p>{}</p><ul>{}</ul><p><em>{}</em></p>",
                lang,
                p["prompt"][lang],
                format_html_join("", "<li>{}</li>", ((o,) for o in options)),
                p["explanation"][lang],
            )
        )
    return format_html_join("", "{}", ((row,) for row in rows))


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("nickname", "state", "score", "max_score", "started_at", "finished_at")
    list_filter = ("state",)
    search_fields = ("nickname",)
    readonly_fields = [f.name for f in Attempt._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.action(description=_("Approve: activate the account and make it a teacher"))
def approve_teachers(modeladmin, request, queryset):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    teachers = Group.objects.get(name=TEACHERS)
    count = 0
    for signup in queryset.select_related("user").filter(approved_at__isnull=True):
        signup.user.is_active = True
        signup.user.save(update_fields=["is_active"])
        signup.user.groups.add(teachers)
        signup.approved_at = timezone.now()
        signup.save(update_fields=["approved_at"])
        count += 1
    message = ngettext(
        "%(count)d teacher account approved.", "%(count)d teacher accounts approved.", count
    )
    modeladmin.message_user(request, message % {"count": count}, messages.SUCCESS)


class ApprovalFilter(admin.SimpleListFilter):
    """In words an admin uses, not "By approved: Empty / Not empty"."""

    title = _("approval")
    parameter_name = "approval"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting for approval")), ("approved", _("Approved"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(approved_at__isnull=True)
        if self.value() == "approved":
            return queryset.filter(approved_at__isnull=False)
        return queryset


@admin.register(TeacherSignup)
class TeacherSignupAdmin(admin.ModelAdmin):
    list_display = ("user", "full_name", "email", "school", "created_at", "approved_at")
    list_filter = (ApprovalFilter,)
    search_fields = ("user__username", "user__email", "school", "user__last_name")
    actions = [approve_teachers]
    readonly_fields = ("user", "created_at", "approved_at")

    @admin.display(description=_("name"))
    def full_name(self, obj):
        return obj.user.get_full_name()

    @admin.display(description=_("email"))
    def email(self, obj):
        return obj.user.email


class SetQuestionInline(admin.TabularInline):
    model = SetQuestion
    fields = ("position", "question")
    raw_id_fields = ("question",)
    extra = 0


@admin.register(QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "status", "code", "updated_at")
    list_filter = ("status", "language")
    search_fields = ("title", "code", "owner__username")
    inlines = [SetQuestionInline]


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ("status", "reply")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Challenge.Status.ANSWERED
            and not cleaned.get("reply", "").strip()
        ):
            self.add_error("reply", _("Write the answer the student will read."))
        return cleaned


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    """The queue of challenged questions: open ones first, with what an admin needs to
    decide (the question version, the facts it tests, how it has been answered)."""

    form = ChallengeForm
    # Few, narrow columns, so the queue fits beside the admin's menu at 1280 px; the
    # student's words and how the question has been answered are on each challenge's page.
    list_display = ("prompt", "reason", "students", "status", "sent")
    list_display_links = ("prompt",)
    list_filter = ("status", "reason", "language")
    search_fields = ("question__uid", "comment")
    list_select_related = ("question",)
    # Open challenges first (ordering by status alone is alphabetical: answered, corrected,
    # open), newest first within each.
    ordering = (
        Case(When(status=Challenge.Status.OPEN, then=Value(0)), default=Value(1)).asc(),
        "-created_at",
    )
    readonly_fields = (
        "question",
        "reason",
        "comment",
        "language",
        "created_at",
        "facts_tested",
        "challenged",
        "answered",
        "question_version",
        "resolved_at",
        "resolved_by",
    )
    fieldsets = (
        (_("The student's challenge"), {"fields": ("reason", "comment", "language", "created_at")}),
        (
            _("The question"),
            {"fields": ("question", "question_version", "facts_tested", "challenged", "answered")},
        ),
        (_("Resolve it"), {"fields": ("status", "reply", "resolved_at", "resolved_by")}),
    )

    def has_add_permission(self, request):
        return False  # students send them

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        self._statistics = challenges.question_statistics(queryset.values("question_id"))
        return queryset

    def _stats(self, obj) -> dict:
        stats = getattr(self, "_statistics", None) or {}
        if obj.question_id not in stats:
            stats.update(challenges.question_statistics([obj.question_id]))
            self._statistics = stats
        return stats[obj.question_id]

    @admin.display(description=_("question"))
    def prompt(self, obj):
        """The question as the student read it, cut short."""
        text = obj.question.payload["prompt"].get(obj.language) or obj.question.uid
        return Truncator(text).chars(90)

    @admin.display(description=_("students who challenged it"))
    def challenged(self, obj):
        return self._stats(obj)["challenged"]

    @admin.display(description=_("students"))
    def students(self, obj):
        """How many students challenged the question: a short column for the queue."""
        return self.challenged(obj)

    @admin.display(description=_("sent"), ordering="created_at")
    def sent(self, obj):
        return formats.date_format(timezone.localtime(obj.created_at), "SHORT_DATE_FORMAT")

    @admin.display(description=_("answered right"))
    def answered(self, obj):
        stats = self._stats(obj)
        return _("%(right)d of %(answers)d") % stats

    @admin.display(description=_("the question version"))
    def question_version(self, obj):
        return question_shown(obj.question)

    @admin.display(description=_("facts it tests (correct them here)"))
    def facts_tested(self, obj):
        links = []
        for ref in obj.question.facts:
            url = fact_admin_url(ref)
            links.append(format_html('<a href="{}">{}</a>', url, ref) if url else ref)
        return format_html_join(mark_safe("<br>"), "{}", ((link,) for link in links))

    def save_model(self, request, obj, form, change):
        if obj.status == Challenge.Status.OPEN:
            obj.resolved_at = obj.resolved_by = None
            obj.save()
            return
        challenges.challenge_resolve(
            challenge=obj, status=obj.status, reply=obj.reply, user=request.user
        )
