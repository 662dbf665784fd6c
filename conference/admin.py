"""Django admin for the fact base: both languages side by side, citations required."""

from django import forms
from django.contrib import admin
from django.db import models as django_models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from conference import calendars, models, wording


def side_by_side(*fields: str) -> list[tuple[str, str]]:
    """Rows of the change form with the English and Italian text of each field on one line."""
    return [(f"{field}_en", f"{field}_it") for field in fields]


def fact_admin_url(ref: str) -> str | None:
    """The admin change page of a fact ref ("event:lenin-arrives"), or None."""
    kind, _sep, key = ref.partition(":")
    lookups = {
        "membership": lambda: _membership(key),
        "tally": lambda: models.Vote.objects.filter(key=key.partition("/")[0]).first(),
    }
    if kind in lookups:
        obj = lookups[kind]()
    else:
        model = next(
            (m for m in (*models.FACT_MODELS, models.Connection) if m._meta.model_name == kind),
            None,
        )
        obj = model.objects.filter(key=key).first() if model else None
    if obj is None:
        return None
    try:
        return reverse(f"admin:conference_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return None


def _membership(key: str):
    parts = key.split("/")
    if len(parts) != 3:
        return None
    return models.Membership.objects.filter(
        person__key=parts[0], role__key=parts[1], body__key=parts[2]
    ).first()


class CitedForm(forms.ModelForm):
    """Every fact must cite at least one paragraph of the source articles."""

    missing_citation = _("Cite at least one paragraph of the source articles for this fact.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cited_in" in self.fields:
            self.fields["cited_in"].required = True
            self.fields["cited_in"].error_messages["required"] = self.missing_citation


# Sentences, edited in boxes that show them whole (a one-line input cuts them off).
SENTENCE = forms.Textarea(attrs={"rows": 2, "cols": 60})
SENTENCES = forms.Textarea(attrs={"rows": 3, "cols": 60})
# A translated text this long is a sentence, not a name.
SENTENCE_LENGTH = 150


class WholeSentences:
    """Every translated sentence (a predicate, a question, a statement...) in a box that
    shows it whole, in both languages; names keep their one-line inputs."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        sentence = (
            getattr(db_field, "translated_field", None) is not None
            and isinstance(db_field, django_models.CharField)
            and (db_field.max_length or 0) >= SENTENCE_LENGTH
        )
        if sentence and "widget" not in kwargs:
            kwargs["widget"] = SENTENCE
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def citation_links(paragraphs) -> str:
    """Each cited paragraph as a link to its article's public address, with its number
    ("All-Russian Conference of the Soviets, ¶2"); plain text while the article has none."""
    items = []
    for paragraph in paragraphs:
        source = paragraph.source
        text = format_html("{} ({}), ¶{}", source.title, source.language, paragraph.number)
        if source.address:
            text = format_html('<a href="{}" hreflang="{}">{}</a>', source.address,
                               source.language, text)  # fmt: skip
        items.append(text)
    return format_html_join(mark_safe("<br>"), "{}", ((item,) for item in items)) or "—"


class Cited:
    """The citations of a fact as links to the articles, beside the list to edit them."""

    @admin.display(description=_("citations, to read"))
    def citations(self, obj):
        if obj is None or not obj.pk:
            return "—"
        return citation_links(
            obj.cited_in.select_related("source").order_by("source__key", "number")
        )


class FactAdmin(WholeSentences, Cited, TranslationAdmin):
    form = CitedForm
    translated: tuple[str, ...] = ()
    plain: tuple[str, ...] = ()
    filter_horizontal = ("cited_in",)
    list_filter = ("prominence",)
    readonly_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "citations")

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["key", *side_by_side(*self.translated), *self.plain]}),
            (_("Sources"), {"fields": ["cited_in", "citations", "prominence", "note"]}),
        ]


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("title", "language", "filename", "address")
    search_fields = ("title", "key")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, django_models.URLField):
            kwargs["assume_scheme"] = "https"  # an address typed without one
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(models.Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source", "number", "read")
    list_filter = ("source",)
    list_select_related = ("source",)

    @admin.display(description=_("in the article"))
    def read(self, obj):
        return citation_links([obj])


@admin.register(models.Party)
class PartyAdmin(FactAdmin):
    translated = ("name", "member_label")
    plain = ("dominated_conference", "variants")
    list_display = ("name", "member_label", "dominated_conference")
    list_filter = ("dominated_conference", "prominence")
    search_fields = ("key", "name_en", "name_it", "variants")


@admin.register(models.Person)
class PersonAdmin(FactAdmin):
    translated = ("name",)
    plain = ("party", "variants")
    list_display = ("name_en", "name_it", "party", "prominence")
    list_filter = ("party", "prominence")
    search_fields = ("key", "name_en", "name_it", "variants")


class MembershipInline(admin.TabularInline):
    model = models.Membership
    form = CitedForm
    fields = ("order", "person", "role", "cited_in", "prominence", "note")
    autocomplete_fields = ("person", "role")
    filter_horizontal = ("cited_in",)
    extra = 0


class BodyFactInline(WholeSentences, TranslationTabularInline):
    model = models.BodyFact
    form = CitedForm
    fields = ("key", "predicate", "cited_in", "prominence")
    extra = 0


@admin.register(models.Body)
class BodyAdmin(FactAdmin):
    translated = ("name",)
    plain = ("kind", "elected_by", "members_listed_in_full")
    list_display = ("name_en", "name_it", "kind", "elected_by", "members_listed_in_full")
    list_filter = ("kind", "members_listed_in_full", "prominence")
    search_fields = ("key", "name_en", "name_it")
    inlines = [MembershipInline, BodyFactInline]


@admin.register(models.BodyFact)
class BodyFactAdmin(FactAdmin):
    translated = ("predicate",)
    plain = ("body",)
    list_display = ("key", "body", "predicate_en")
    list_filter = ("body", "prominence")
    search_fields = ("key", "predicate_en", "predicate_it")


@admin.register(models.Role)
class RoleAdmin(FactAdmin):
    translated = ("name", "predicate")
    plain = ("single_holder",)
    list_display = ("name_en", "name_it", "predicate_en", "single_holder")
    list_filter = ("single_holder",)
    search_fields = ("key", "name_en", "name_it")


@admin.register(models.Membership)
class MembershipAdmin(Cited, admin.ModelAdmin):
    form = CitedForm
    readonly_fields = ("citations",)
    list_display = ("person", "role", "body", "order")
    list_filter = ("role", "body")
    search_fields = ("person__name_en", "person__name_it", "body__name_en", "body__name_it")
    autocomplete_fields = ("person", "role", "body")
    filter_horizontal = ("cited_in",)


class VoteInline(WholeSentences, admin.TabularInline):
    model = models.Vote
    fields = ("key", "motion_en", "motion_it")
    show_change_link = True
    extra = 0
    can_delete = False


@admin.register(models.Event)
class EventAdmin(FactAdmin):
    translated = ("predicate",)
    plain = ("date", "julian_date", "person", "body")
    readonly_fields = ("julian_date",)
    list_display = ("date", "julian_date", "actor", "predicate_shown")
    list_filter = ("date", "person", "body", "prominence")
    search_fields = ("key", "predicate_en", "predicate_it", "person__name_en", "person__name_it")
    date_hierarchy = "date"
    inlines = [VoteInline]

    @admin.display(description=_("predicate"), ordering="predicate_en")
    def predicate_shown(self, obj):
        """As a reader sees it: {person:plekhanov} shown as Georgy Plekhanov."""
        return models.filled(obj.predicate_en, "en")

    @admin.display(description=_("Julian date (Old Style)"))
    def julian_date(self, obj):
        if obj is None or obj.date is None:
            return "—"
        julian = calendars.julian_from_gregorian(obj.date)
        return wording.format_date("en", julian.as_date())


@admin.register(models.Count)
class CountAdmin(FactAdmin):
    translated = ("label", "question", "statement")
    plain = ("value", "tolerance")
    list_display = ("key", "value", "tolerance", "label_en", "label_it")
    search_fields = ("key", "label_en", "label_it")


class TallyInline(admin.TabularInline):
    model = models.Tally
    fields = ("choice", "count")
    extra = 0


@admin.register(models.Vote)
class VoteAdmin(FactAdmin):
    translated = ("motion",)
    plain = ("event",)
    list_display = ("motion", "event", "tallies_shown")
    search_fields = ("key", "motion_en", "motion_it")
    list_select_related = ("event",)
    inlines = [TallyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tallies")

    @admin.display(description=_("tallies"))
    def tallies_shown(self, obj):
        return ", ".join(f"{t.count} {t.get_choice_display()}" for t in obj.tallies.all())


class PositionInline(WholeSentences, TranslationTabularInline):
    model = models.Position
    form = CitedForm
    fields = ("order", "key", "predicate", "misconception", "cited_in")
    extra = 0


@admin.register(models.Resolution)
class ResolutionAdmin(FactAdmin):
    translated = ("title",)
    plain = ("topic",)
    list_display = ("title_en", "title_it", "topic")
    search_fields = ("key", "title_en", "title_it")
    inlines = [PositionInline]


@admin.register(models.Position)
class PositionAdmin(FactAdmin):
    translated = ("predicate", "misconception", "phrase")
    plain = ("resolution", "order")
    list_display = ("key", "resolution", "predicate_en", "misconception_en")
    list_filter = ("resolution", "prominence")
    search_fields = ("key", "predicate_en", "predicate_it", "phrase_en", "phrase_it")


class MisconceptionForm(forms.ModelForm):
    class Meta:
        widgets = {"statement": SENTENCE, "correction": SENTENCES}


class MisconceptionInline(WholeSentences, TranslationStackedInline):
    """Stacked, not tabular: four sentences side by side made the page 1,600 px wide."""

    model = models.Misconception
    form = MisconceptionForm
    fields = ("order", "statement", "correction")
    extra = 0
    min_num = 2


class ConnectionForm(CitedForm):
    class Meta:
        widgets = {"question": SENTENCE, "statement": SENTENCE, "also": SENTENCE}


@admin.register(models.Connection)
class ConnectionAdmin(FactAdmin):
    form = ConnectionForm
    translated = ("question", "statement", "also", "explanation")
    plain = ("relation", "links", "linked_facts")
    readonly_fields = ("linked_facts",)
    list_display = ("key", "relation", "question_shown")
    list_filter = ("relation", "prominence")
    search_fields = ("key", "question_en", "question_it", "statement_en", "statement_it")
    inlines = [MisconceptionInline]

    @admin.display(description=_("question"), ordering="question_en")
    def question_shown(self, obj):
        """As a reader sees it: {count:delegates} shown as 480."""
        return models.filled(obj.question_en, "en")

    @admin.display(description=_("linked facts, to edit"))
    def linked_facts(self, obj):
        """Each linked fact as a link to its own change page, so an admin checks them."""
        if obj is None or not obj.pk:
            return "—"
        items = []
        for ref in obj.link_refs:
            url = fact_admin_url(ref)
            items.append(format_html('<a href="{}">{}</a>', url, ref) if url else ref)
        return format_html_join(mark_safe("<br>"), "{}", ((item,) for item in items))
