"""Admin for the question bank, and the "regenerate questions" action on every fact."""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from quizzes.models import Attempt, Question, QuestionSet, SetQuestion, TeacherSignup
from quizzes.permissions import TEACHERS
from quizzes.services import bank_refresh
from quizzes.signals import FACT_MODELS


@admin.action(description=_("Regenerate the questions from the current facts"))
def regenerate_questions(modeladmin, request, queryset):
    report = bank_refresh()
    modeladmin.message_user(
        request, _("Question bank refreshed: %(report)s.") % {"report": report}, messages.SUCCESS
    )


def _add_action_to_fact_admins():
    for model in FACT_MODELS:
        model_admin = admin.site._registry.get(model)
        if model_admin is not None and regenerate_questions not in (model_admin.actions or []):
            model_admin.actions = [*(model_admin.actions or []), regenerate_questions]


_add_action_to_fact_admins()


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("uid", "version", "kind", "topic", "status", "chance", "answer_count")
    list_filter = ("status", "kind", "topic")
    search_fields = ("uid",)
    actions = [regenerate_questions]
    readonly_fields = (
        "uid",
        "version",
        "kind",
        "topic",
        "status",
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
        p = obj.payload
        rows = []
        for lang in ("en", "it"):
            options = [
                ("✔ " if o["correct"] else "• ") + o["text"][lang] for o in p.get("options", [])
            ]
            options += [
                f"{i}. {item['text'][lang]}" for i, item in enumerate(p.get("items", []), 1)
            ]
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
    modeladmin.message_user(
        request, _("%(count)d teacher accounts approved.") % {"count": count}, messages.SUCCESS
    )


@admin.register(TeacherSignup)
class TeacherSignupAdmin(admin.ModelAdmin):
    list_display = ("user", "full_name", "email", "school", "created_at", "approved_at")
    list_filter = (("approved_at", admin.EmptyFieldListFilter),)
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
