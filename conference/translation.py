"""Which fact fields exist in English and Italian (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from conference import models

BOTH = ("en", "it")


@register(models.Party)
class PartyTranslation(TranslationOptions):
    fields = ("name", "member_label")
    required_languages = BOTH


@register(models.Person)
class PersonTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = BOTH


@register(models.Body)
class BodyTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = BOTH


@register(models.BodyFact)
class BodyFactTranslation(TranslationOptions):
    fields = ("predicate",)
    required_languages = BOTH


@register(models.Role)
class RoleTranslation(TranslationOptions):
    fields = ("name", "predicate")
    required_languages = BOTH


@register(models.Event)
class EventTranslation(TranslationOptions):
    fields = ("predicate",)
    required_languages = BOTH


@register(models.Count)
class CountTranslation(TranslationOptions):
    fields = ("label", "question", "statement")
    required_languages = BOTH


@register(models.Vote)
class VoteTranslation(TranslationOptions):
    fields = ("motion",)
    required_languages = BOTH


@register(models.Resolution)
class ResolutionTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = BOTH


@register(models.Position)
class PositionTranslation(TranslationOptions):
    # The quoted phrase is optional, but given in both languages or neither (Position.clean).
    fields = ("predicate", "phrase", "misconception")
    required_languages = {"en": ("predicate",), "it": ("predicate",)}


@register(models.Connection)
class ConnectionTranslation(TranslationOptions):
    # The second right answer is optional, but given in both languages or neither
    # (Connection.clean).
    fields = ("question", "statement", "also", "explanation")
    required_languages = {lang: ("question", "statement", "explanation") for lang in BOTH}


@register(models.Misconception)
class MisconceptionTranslation(TranslationOptions):
    fields = ("statement", "correction")
    required_languages = BOTH
