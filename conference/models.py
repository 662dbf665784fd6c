"""The fact base: the All-Russian Conference of Soviets as a teacher would explain it.

Every fact row has a stable ``key`` (its natural key in the fixtures), cites the paragraphs
of the source articles it comes from, and holds its wording in English and Italian (the
translated fields are registered in translation.py). Wording fields are predicates or noun
phrases that the question generator slots into fixed sentence frames, so that a new fact
needs a new row, never new code.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conference import references, wording

LANGUAGE_CODES = ("en", "it")
YEAR = 1917


def translated_nonempty(*fields: str) -> list[models.CheckConstraint]:
    """Database guarantee that every listed translated field has text in every language."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{field}_{lang}__isnull": False}) & ~Q(**{f"{field}_{lang}": ""}),
            name=f"%(app_label)s_%(class)s_{field}_{lang}_nonempty",
            violation_error_message=_("The %(field)s must be written in %(language)s.")
            % {"field": field, "language": lang},
        )
        for field in fields
        for lang in LANGUAGE_CODES
    ]


def validate_placeholders(value: str, pattern: str, example: str) -> None:
    if value and not re.search(pattern, value):
        raise ValidationError(
            _("Write the placeholder %(example)s where the value goes."),
            params={"example": example},
        )


def known_references() -> dict[str, set[str]]:
    """What a reference in wording may name (conference.references): keys by kind."""
    return {
        "person": set(Person.objects.values_list("key", flat=True)),
        "count": set(Count.objects.values_list("key", flat=True)),
        "tally": {
            f"{vote}/{choice}" for vote, choice in Tally.objects.values_list("vote__key", "choice")
        },
        "event": set(Event.objects.values_list("key", flat=True)),
    }


def reference_values(texts, language: str | None = None) -> dict[tuple[str, str], str]:
    """What the references in texts stand for, in the active language (or ``language``): a
    person's name, a figure, a date. One query per kind referred to, none without any.
    (The question generator fills references from its own snapshot: FactBase.fill.)"""
    from django.utils.translation import get_language, override

    wanted: dict[str, set[str]] = {}
    for text in texts:
        for kind, key in references.references(text):
            wanted.setdefault("event" if kind in ("date", "on") else kind, set()).add(key)
    lang = (language or get_language() or "en")[:2]
    lang = lang if lang in wording.MONTHS else "en"
    values: dict[tuple[str, str], str] = {}
    with override(lang):
        if "person" in wanted:
            for person in Person.objects.filter(key__in=wanted["person"]):
                values[("person", person.key)] = person.name
    if "count" in wanted:
        for key, value in Count.objects.filter(key__in=wanted["count"]).values_list("key", "value"):
            values[("count", key)] = str(value)
    if "tally" in wanted:
        for vote, choice, count in Tally.objects.filter(
            vote__key__in={k.partition("/")[0] for k in wanted["tally"]}
        ).values_list("vote__key", "choice", "count"):
            values[("tally", f"{vote}/{choice}")] = str(count)
    if "event" in wanted:
        for key, date in Event.objects.filter(key__in=wanted["event"]).values_list("key", "date"):
            values[("date", key)] = wording.format_date(lang, date)
            values[("on", key)] = wording.on_date(lang, date)
    return values


def filled(text: str, language: str | None = None) -> str:
    """A text with its references filled in, as a reader should see it (the admin's titles)."""
    if not references.references(text):
        return text
    return references.fill(text, reference_values([text], language))


def check_references(instance, fields: tuple[str, ...]) -> None:
    """Refuse wording that refers to a person, figure or date that does not exist."""
    errors = {}
    known = None
    for field in fields:
        for lang in LANGUAGE_CODES:
            name = f"{field}_{lang}"
            text = getattr(instance, name, "") or ""
            if not references.references(text):
                continue
            known = known if known is not None else known_references()
            missing = references.unknown([text], known)
            if missing:
                errors[name] = _("These references name nothing in the fact base: %(refs)s.") % {
                    "refs": ", ".join(missing)
                }
    if errors:
        raise ValidationError(errors)


class KeyedManager(models.Manager):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Prominence(models.IntegerChoices):
    DETAIL = 1, _("detail")
    MAIN = 2, _("main point")
    HEADLINE = 3, _("headline")


class Source(models.Model):
    """One of the two source articles."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200, help_text=_("In the article's language."))
    language = models.CharField(_("language"), max_length=8, choices=[("en", "en"), ("it", "it")])
    filename = models.CharField(_("file"), max_length=100, help_text=_("Under shared/seeds/."))
    address = models.URLField(
        _("public address"),
        blank=True,
        help_text=_("Where anyone can read the article; citations of its paragraphs link here."),
    )

    objects = KeyedManager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("source article")
        verbose_name_plural = _("source articles")

    def __str__(self):
        return f"{self.title} ({self.language})"

    def natural_key(self):
        return (self.key,)


class ParagraphManager(models.Manager):
    def get_by_natural_key(self, source_key, number):
        return self.get(source__key=source_key, number=number)


class Paragraph(models.Model):
    """A paragraph of a source article, counted from 1 after the title."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="paragraphs")
    number = models.PositiveSmallIntegerField(_("paragraph"), validators=[MinValueValidator(1)])

    objects = ParagraphManager()

    class Meta:
        ordering = ["source__key", "number"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="paragraph_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="paragraph_number_positive"),
        ]

    def __str__(self):
        return f"{self.source.language} ¶{self.number}"

    def natural_key(self):
        return (self.source.key, self.number)

    natural_key.dependencies = ["conference.source"]


class Fact(models.Model):
    """What every fact has: a key, citations, a prominence and a maintainer's note."""

    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier used in fixtures and question ids; do not change it."),
    )
    cited_in = models.ManyToManyField(
        Paragraph,
        related_name="+",
        verbose_name=_("cited paragraphs"),
        help_text=_("The paragraphs of the articles that state this fact."),
    )
    prominence = models.PositiveSmallIntegerField(
        _("prominence"),
        choices=Prominence.choices,
        default=Prominence.MAIN,
        help_text=_("How central the fact is to the articles; easier questions ask about it."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("For maintainers: where the articles disagree, and which one we follow."),
    )

    objects = KeyedManager()

    class Meta:
        abstract = True
        ordering = ["key"]

    def natural_key(self):
        return (self.key,)

    @property
    def fact_ref(self) -> str:
        return f"{self._meta.model_name}:{self.key}"


class Party(Fact):
    name = models.CharField(_("name"), max_length=100, help_text=_("Plural, e.g. Mensheviks."))
    member_label = models.CharField(
        _("a member"), max_length=100, help_text=_("With the indefinite article: a Menshevik.")
    )
    dominated_conference = models.BooleanField(
        _("dominated the Conference"),
        default=False,
        help_text=_("One of the parties that dominated the Conference's participants."),
    )
    variants = models.TextField(
        _("other spellings"), blank=True, help_text=_("One per line; accepted in typed answers.")
    )

    class Meta(Fact.Meta):
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = translated_nonempty("name", "member_label")

    def __str__(self):
        return self.name


class Person(Fact):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("In the language's own transliteration.")
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text=_("Only when the articles state it."),
    )
    variants = models.TextField(
        _("other spellings"), blank=True, help_text=_("One per line; accepted in typed answers.")
    )

    class Meta(Fact.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = translated_nonempty("name")

    def __str__(self):
        return self.name

    @property
    def surname(self) -> str:
        return wording.surname(self.name)


class Body(Fact):
    """A council, committee, meeting, government or assembly."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting or congress")
        COUNCIL = "council", _("council (a Soviet)")
        COMMITTEE = "committee", _("committee, bureau or presidium")
        FACTION = "faction", _("faction")
        GOVERNMENT = "government", _("government")
        ASSEMBLY = "assembly", _("elected assembly")

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("With its definite article: the Petrograd Soviet / il Soviet di Pietrogrado."),
    )
    elected_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="elected_bodies",
        verbose_name=_("elected by"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.COMMITTEE,
        help_text=_(
            "Questions offer as wrong answers only bodies of a kind that could have done the "
            "thing asked about (a committee for a committee, never the government)."
        ),
    )
    members_listed_in_full = models.BooleanField(
        _("members listed in full"),
        default=False,
        help_text=_(
            "The articles say in so many words that these were all the members, so nobody "
            "else was one. Leave it off when they only list names."
        ),
    )

    class Meta(Fact.Meta):
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = translated_nonempty("name")

    def __str__(self):
        return self.name

    def clean(self):
        if self.elected_by_id and self.elected_by_id == self.pk:
            raise ValidationError({"elected_by": _("A body cannot elect itself.")})


class BodyFact(Fact):
    """Something a body did or was, worded as a predicate: "became the highest ..."."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="facts")
    predicate = models.CharField(
        _("predicate"),
        max_length=300,
        help_text=_("What follows the body's name, starting with a verb, no full stop."),
    )

    class Meta(Fact.Meta):
        verbose_name = _("fact about a body")
        verbose_name_plural = _("facts about bodies")
        constraints = translated_nonempty("predicate")

    def __str__(self):
        return f"{self.body} {filled(self.predicate)}"


class Role(Fact):
    """A role a person held in a body: opened it, chaired it, was elected to it."""

    name = models.CharField(_("name"), max_length=100)
    predicate = models.CharField(
        _("predicate"),
        max_length=200,
        help_text=_(
            "What follows the person's name, with {body} where the body goes; in Italian "
            "{di body}, {a body}, {da body}, {in body} or {su body} join the preposition "
            "to the article (del, nel, ...)."
        ),
    )
    single_holder = models.BooleanField(
        _("one person at a time"),
        default=False,
        help_text=_("Only one person held this role in a body (chairman, opener)."),
    )

    class Meta(Fact.Meta):
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = translated_nonempty("name", "predicate")

    def __str__(self):
        return self.name

    def clean(self):
        for lang in LANGUAGE_CODES:
            try:
                validate_placeholders(
                    getattr(self, f"predicate_{lang}") or "", wording.BODY_SLOT, "{body}"
                )
            except ValidationError as error:
                raise ValidationError({f"predicate_{lang}": error}) from None


class MembershipManager(models.Manager):
    def get_by_natural_key(self, person_key, role_key, body_key):
        return self.get(person__key=person_key, role__key=role_key, body__key=body_key)


class Membership(models.Model):
    """A person holding a role in a body. Cites its own paragraphs."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in the article's list.")
    )
    cited_in = models.ManyToManyField(
        Paragraph, related_name="+", verbose_name=_("cited paragraphs")
    )
    prominence = models.PositiveSmallIntegerField(
        _("prominence"), choices=Prominence.choices, default=Prominence.MAIN
    )
    note = models.TextField(_("note"), blank=True)

    objects = MembershipManager()

    class Meta:
        ordering = ["body__key", "role__key", "order", "person__key"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role", "body"],
                name="membership_unique",
                violation_error_message=_("This person already holds this role in this body."),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.role} — {self.body}"

    def natural_key(self):
        return (self.person.key, self.role.key, self.body.key)

    natural_key.dependencies = ["conference.person", "conference.role", "conference.body"]

    @property
    def key(self) -> str:
        return "/".join(self.natural_key())

    @property
    def fact_ref(self) -> str:
        return f"membership:{self.key}"

    def clean(self):
        if self.role_id and self.body_id and self.role.single_holder:
            others = Membership.objects.filter(role=self.role, body=self.body).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    _("Only one person can hold the role “%(role)s” in this body."),
                    params={"role": self.role},
                )


def validate_1917(value: datetime.date) -> None:
    if value.year != YEAR:
        raise ValidationError(_("The date must fall in 1917 (New Style)."))


class Event(Fact):
    """Something that happened on one day, done by a person or by a body."""

    date = models.DateField(
        _("date"),
        validators=[validate_1917],
        help_text=_("Gregorian (New Style), as in the articles; the Julian date is computed."),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Who did it; leave empty when a body did it."),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Which body did it; leave empty when a person did it."),
    )
    predicate = models.CharField(
        _("predicate"),
        max_length=300,
        help_text=_(
            "What follows the actor's name, in the past tense, no date, no full stop. Name "
            "another person as {person:key} (e.g. {person:plekhanov}), so that their name is "
            "spelled as the fact base spells it in each language."
        ),
    )

    class Meta(Fact.Meta):
        ordering = ["date", "key"]
        verbose_name = _("dated event")
        verbose_name_plural = _("dated events")
        constraints = [
            *translated_nonempty("predicate"),
            models.CheckConstraint(
                condition=Q(date__gte=datetime.date(YEAR, 1, 1))
                & Q(date__lte=datetime.date(YEAR, 12, 31)),
                name="event_date_in_1917",
                violation_error_message=_("The date must fall in 1917 (New Style)."),
            ),
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(body__isnull=True))
                | (Q(person__isnull=True) & Q(body__isnull=False)),
                name="event_has_one_actor",
                violation_error_message=_("An event is done either by a person or by a body."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.actor} {filled(self.predicate)}"

    def clean(self):
        check_references(self, ("predicate",))

    @property
    def actor(self):
        return self.person or self.body


class Count(Fact):
    """A number the articles give about the Conference's make-up."""

    value = models.PositiveIntegerField(_("value"))
    tolerance = models.PositiveIntegerField(
        _("tolerance"),
        default=0,
        help_text=_("Typed answers this far from the value are accepted; 0 means exact."),
    )
    label = models.CharField(
        _("label"), max_length=100, help_text=_("What is counted, plural: delegates.")
    )
    question = models.CharField(
        _("question"), max_length=200, help_text=_("How many ...? with a question mark.")
    )
    statement = models.CharField(
        _("statement"),
        max_length=200,
        help_text=_("A sentence with {number} where the number goes."),
    )

    class Meta(Fact.Meta):
        ordering = ["key"]
        verbose_name = _("count")
        verbose_name_plural = _("counts")
        constraints = [
            *translated_nonempty("label", "question", "statement"),
            models.CheckConstraint(
                condition=Q(tolerance__lt=models.F("value")) | Q(tolerance=0),
                name="count_tolerance_below_value",
                violation_error_message=_("The tolerance must be smaller than the value."),
            ),
        ]

    def __str__(self):
        return f"{self.value} {self.label}"

    def clean(self):
        errors = {}
        for lang in LANGUAGE_CODES:
            statement = getattr(self, f"statement_{lang}") or ""
            if statement and "{number}" not in statement:
                errors[f"statement_{lang}"] = _("Write {number} where the number goes.")
            question = getattr(self, f"question_{lang}") or ""
            if question and not question.rstrip().endswith("?"):
                errors[f"question_{lang}"] = _("A question ends with a question mark.")
        if errors:
            raise ValidationError(errors)


class Vote(Fact):
    """A motion put to the vote, with its tallies."""

    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="votes",
        help_text=_("The dated event in which the motion was put."),
    )
    motion = models.CharField(
        _("motion"),
        max_length=200,
        help_text=_("With its article: Kamenev's resolution to end the war."),
    )

    class Meta(Fact.Meta):
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = translated_nonempty("motion")

    def __str__(self):
        return self.motion

    @property
    def date(self) -> datetime.date:
        return self.event.date

    @property
    def ordered_tallies(self) -> list["Tally"]:
        """In favour, against, abstaining: the order in which a vote is reported."""
        order = list(Tally.Choice.values)
        return sorted(self.tallies.all(), key=lambda tally: order.index(tally.choice))


class TallyManager(models.Manager):
    def get_by_natural_key(self, vote_key, choice):
        return self.get(vote__key=vote_key, choice=choice)


class Tally(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("in favour")
        AGAINST = "against", _("against")
        ABSTAIN = "abstain", _("abstaining")

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="tallies")
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    count = models.PositiveIntegerField(_("votes"))

    objects = TallyManager()

    class Meta:
        ordering = ["vote__key", "choice"]
        verbose_name = _("tally")
        verbose_name_plural = _("tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "choice"],
                name="tally_unique",
                violation_error_message=_("This vote already has a tally for this choice."),
            ),
            models.CheckConstraint(condition=Q(count__gte=0), name="tally_count_not_negative"),
        ]

    def __str__(self):
        return f"{self.vote}: {self.count} {self.get_choice_display()}"

    def natural_key(self):
        return (self.vote.key, self.choice)

    natural_key.dependencies = ["conference.vote"]

    @property
    def key(self) -> str:
        return f"{self.vote.key}/{self.choice}"

    @property
    def fact_ref(self) -> str:
        return f"tally:{self.key}"


class Resolution(Fact):
    class Topic(models.TextChoices):
        WAR = "war", _("the war")
        LAND = "land", _("land")
        LABOUR = "labour", _("labour")
        ECONOMY = "economy", _("the economy")

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, unique=True)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("With its article: the resolution on the war.")
    )

    class Meta(Fact.Meta):
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = translated_nonempty("title")

    def __str__(self):
        return self.title


class Position(Fact):
    """One thing a resolution said, as a predicate, with the phrase it used if any."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="positions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    predicate = models.CharField(
        _("predicate"),
        max_length=300,
        help_text=_("What follows the resolution's title, starting with a verb, no full stop."),
    )
    phrase = models.CharField(
        _("quoted phrase"),
        max_length=200,
        blank=True,
        help_text=_("A short phrase the article quotes, without quotation marks."),
    )
    misconception = models.CharField(
        _("common misreading"),
        max_length=300,
        blank=True,
        help_text=_(
            "What a student might wrongly believe the resolution said, as a predicate like "
            "the one above (e.g. “approved the spontaneous seizures of land”). It must be "
            "ruled out by the articles. Used for false statements; leave empty for none."
        ),
    )

    class Meta(Fact.Meta):
        ordering = ["resolution__key", "order", "key"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = translated_nonempty("predicate")

    def __str__(self):
        return f"{self.resolution} {filled(self.predicate)}"

    def clean(self):
        for field in ("phrase", "misconception"):
            texts = [getattr(self, f"{field}_{lang}") or "" for lang in LANGUAGE_CODES]
            if any(texts) and not all(texts):
                raise ValidationError(
                    {
                        f"{field}_{lang}": _("Give it in both languages, or in neither.")
                        for lang, text in zip(LANGUAGE_CODES, texts, strict=True)
                        if not text
                    }
                )


FACT_KINDS = (
    "party",
    "person",
    "body",
    "bodyfact",
    "membership",
    "event",
    "count",
    "vote",
    "tally",
    "resolution",
    "position",
)


FACT_MODELS = (Party, Person, Body, BodyFact, Event, Count, Vote, Resolution, Position)


def fact_exists(ref: str) -> bool:
    """Whether "kind:key" names a fact: "event:lenin-arrives", "membership:a/b/c"..."""
    kind, _sep, key = ref.partition(":")
    if kind == "membership":
        parts = key.split("/")
        return (
            len(parts) == 3
            and Membership.objects.filter(
                person__key=parts[0], role__key=parts[1], body__key=parts[2]
            ).exists()
        )
    if kind == "tally":
        vote, _sep, choice = key.partition("/")
        return Tally.objects.filter(vote__key=vote, choice=choice).exists()
    model = next((m for m in FACT_MODELS if m._meta.model_name == kind), None)
    return model is not None and model.objects.filter(key=key).exists()


class Connection(Fact):
    """What a teacher adds to a list of facts: a cause, a consequence, a contrast, a
    pattern, or what a figure shows, with the misconceptions a student may hold about it.

    It links the facts it connects, and the question generator turns it into questions
    whose wrong answers are its misconceptions. Only what the articles support counts:
    where the reading is an inference, the note says so.
    """

    class Relation(models.TextChoices):
        CAUSE = "cause", _("a cause")
        CONSEQUENCE = "consequence", _("a consequence")
        CONTRAST = "contrast", _("a contrast")
        CONDITION = "condition", _("a condition")
        PATTERN = "pattern", _("a pattern")
        FIGURE = "figure", _("what a figure shows")

    relation = models.CharField(_("kind of connection"), max_length=12, choices=Relation.choices)
    question = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("What a teacher asks about it, ending with a question mark."),
    )
    statement = models.CharField(
        _("right answer"),
        max_length=300,
        help_text=_(
            "The right answer to the question, as a sentence. It is shown as an option beside "
            "the misconceptions, so it must not be longer than all of them, nor echo the "
            "question's words more than they do."
        ),
    )
    also = models.CharField(
        _("second right answer"),
        max_length=300,
        blank=True,
        help_text=_(
            "Another right answer to the same question, for a “select all that apply” "
            "question. Optional."
        ),
    )
    explanation = models.TextField(
        _("explanation"),
        help_text=_(
            "Two to four sentences: why the right answer is right, with the context that "
            "makes it stick. Its first sentence must stand alone: it is added to the "
            "explanations of the linked facts."
        ),
    )
    links = models.TextField(
        _("facts it connects"),
        help_text=_(
            "One per line, the most important first: event:lenin-arrives, "
            "position:land-seizures, tally:kamenev-resolution-vote/for, "
            "membership:chkheidze/opened/conference, count:delegates, party:bolsheviks..."
        ),
    )

    class Meta(Fact.Meta):
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = translated_nonempty("question", "statement", "explanation")

    def __str__(self):
        return filled(self.question)

    @property
    def link_refs(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        unknown = [ref for ref in self.link_refs if not fact_exists(ref)]
        if not self.link_refs:
            errors["links"] = _("Link at least one fact.")
        elif unknown:
            errors["links"] = _("These name no fact: %(refs)s.") % {"refs": ", ".join(unknown)}
        for lang in LANGUAGE_CODES:
            question = getattr(self, f"question_{lang}") or ""
            if question and not question.rstrip().endswith("?"):
                errors[f"question_{lang}"] = _("A question ends with a question mark.")
        also = [getattr(self, f"also_{lang}") or "" for lang in LANGUAGE_CODES]
        if any(also) and not all(also):
            for lang, text in zip(LANGUAGE_CODES, also, strict=True):
                if not text:
                    errors[f"also_{lang}"] = _("Give it in both languages, or in neither.")
        if errors:
            raise ValidationError(errors)
        check_references(self, ("question", "statement", "also", "explanation"))


class MisconceptionManager(models.Manager):
    def get_by_natural_key(self, connection_key, order):
        return self.get(connection__key=connection_key, order=order)


class Misconception(models.Model):
    """A wrong answer a student might give to a connection's question, and why it is wrong."""

    connection = models.ForeignKey(
        Connection, on_delete=models.CASCADE, related_name="misconceptions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    statement = models.CharField(
        _("misconception"),
        max_length=300,
        help_text=_(
            "A wrong answer to the question, as a sentence that stands alone, ruled out by "
            "the articles (never merely absent from them)."
        ),
    )
    correction = models.CharField(
        _("why it is wrong"),
        max_length=400,
        help_text=_("Shown to a student who picked it: what the articles say instead."),
    )

    objects = MisconceptionManager()

    class Meta:
        ordering = ["connection__key", "order"]
        verbose_name = _("misconception")
        verbose_name_plural = _("misconceptions")
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "order"],
                name="misconception_unique_order",
                violation_error_message=_("Two misconceptions of a connection share a number."),
            ),
            *translated_nonempty("statement", "correction"),
        ]

    def __str__(self):
        return filled(self.statement)

    def natural_key(self):
        return (self.connection.key, self.order)

    natural_key.dependencies = ["conference.connection"]

    def clean(self):
        check_references(self, ("statement", "correction"))
