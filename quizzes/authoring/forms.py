"""Forms of the teachers' own questions: writing one of each kind, importing a file, sharing."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from quizzes import numbers
from quizzes.authoring import written as w
from quizzes.generation.drafts import Kind
from quizzes.generation.facts import LANGUAGES
from quizzes.models import KIND_CHOICES, LEVEL_CHOICES, TOPIC_CHOICES
from quizzes.presenting import number_text

DEFAULT_ROWS = 4
LANGUAGE_LABELS = {"en": "English", "it": "Italiano"}

# What each kind asks the teacher to write, for the kind picker.
KIND_HINTS = {
    Kind.SINGLE_CHOICE: _("Options, one of them right."),
    Kind.MULTIPLE_RESPONSE: _("Options, several of them right: select all that apply."),
    Kind.TRUE_FALSE: _("A statement, true or false."),
    Kind.NUMERIC: _("A number, with a tolerance if you like."),
    Kind.ORDERING: _("Items to put in order."),
    Kind.MATCHING: _("Items, each with its match."),
    Kind.SHORT_ANSWER: _("A word or a name the student types."),
}
ROW_GROUPS = {
    Kind.SINGLE_CHOICE: "options",
    Kind.MULTIPLE_RESPONSE: "options",
    Kind.ORDERING: "items",
    Kind.MATCHING: "pairs",
}


def _text(label, max_length: int, *, lang: str, rows: int = 0, help_text="") -> forms.CharField:
    """A text in one language, labelled with the language's own name: "Option 1 (Italiano)"."""
    attrs = {"lang": lang}
    widget = forms.Textarea(attrs={**attrs, "rows": rows}) if rows else forms.TextInput(attrs)
    return forms.CharField(
        label=f"{label} ({LANGUAGE_LABELS[lang]})",
        max_length=max_length,
        required=False,
        widget=widget,
        help_text=help_text,
    )


class QuestionForm(forms.Form):
    """One question of one kind, in English, Italian or both, side by side. Its check is the
    one imports get (quizzes.authoring.written.problems), each problem next to its field."""

    # Required, but checked with the rest (written.problems), so that every problem shows at once.
    topic = forms.ChoiceField(label=_("Topic"), choices=[("", "—"), *TOPIC_CHOICES],
                              required=False)  # fmt: skip
    level = forms.ChoiceField(label=_("Asks to"), choices=LEVEL_CHOICES, initial="recall")
    source = forms.CharField(
        label=_("Source (optional)"),
        max_length=w.SOURCE_MAX,
        required=False,
        help_text=_("Where the answer can be checked: a book, a page, your lesson."),
    )
    facts = forms.MultipleChoiceField(
        label=_("Facts it is about (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Linked facts let a student practise their mistakes on them, and give your "
            "question its place in the statistics per fact."
        ),
        error_messages={"invalid_choice": _("That fact is not in the fact base.")},
    )

    def __init__(self, *args, kind: str, fact_choices=(), rows: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = Kind(kind)
        self.fields["facts"].choices = fact_choices
        # How many rows of options, items or pairs: posted back with the form (hidden).
        self.row_count = rows or self._posted_rows() or DEFAULT_ROWS
        for lang in LANGUAGES:
            self.fields[f"prompt_{lang}"] = _text(
                _("Question"), w.PROMPT_MAX, lang=lang, rows=3,
                help_text=_("The statement to judge.") if self.kind == Kind.TRUE_FALSE else "",
            )  # fmt: skip
            self.fields[f"explanation_{lang}"] = _text(
                _("Explanation (optional)"), w.EXPLANATION_MAX, lang=lang, rows=3,
                help_text=_("Shown once the student has answered: why the answer is right."),
            )  # fmt: skip
        getattr(self, f"_add_{self.kind.value}")()

    def _posted_rows(self) -> int | None:
        if not self.is_bound:
            return None
        try:
            value = int(self.data.get("rows", ""))
        except (TypeError, ValueError):
            return None
        return min(max(value, 2), w.MAX_ROWS)

    def _row_fields(self, prefix: str, label: str, max_length: int = w.OPTION_MAX):
        for number in range(1, self.row_count + 1):
            for lang in LANGUAGES:
                self.fields[f"{prefix}_{number}_{lang}"] = _text(
                    label % {"number": number}, max_length, lang=lang
                )

    def _add_choices(self):
        self.fields["keep_order"] = forms.BooleanField(
            label=_("Keep the options in the order I wrote them"),
            required=False,
            help_text=_(
                "Otherwise they stand in a natural order (numbers ascending, words "
                "alphabetically), or shuffled if the quiz shuffles options."
            ),
        )
        self._row_fields("option", _("Option %(number)d"))
        for number in range(1, self.row_count + 1):
            self.fields[f"option_{number}_correct"] = forms.BooleanField(
                label=_("Right"), required=False
            )
            for lang in LANGUAGES:
                self.fields[f"feedback_{number}_{lang}"] = _text(
                    _("Feedback on option %(number)d (optional)") % {"number": number},
                    w.FEEDBACK_MAX,
                    lang=lang,
                )

    _add_single_choice = _add_choices
    _add_multiple_response = _add_choices

    def _add_true_false(self):
        self.fields["truth"] = forms.ChoiceField(
            label=_("The statement is"),
            choices=[("true", _("True")), ("false", _("False"))],
            widget=forms.RadioSelect,
            required=False,
        )

    def _add_numeric(self):
        self.fields["number"] = forms.CharField(
            label=_("The right number"), max_length=30, required=False,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )  # fmt: skip
        self.fields["tolerance"] = forms.CharField(
            label=_("Tolerance (optional)"), max_length=30, required=False,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            help_text=_("Answers this far from the number count as right too."),
        )  # fmt: skip

    def _add_ordering(self):
        self._row_fields("item", _("Item %(number)d"))

    def _add_matching(self):
        self._row_fields("left", _("Item %(number)d"))
        self._row_fields("right", _("Match of item %(number)d"))

    def _add_short_answer(self):
        for lang in LANGUAGES:
            self.fields[f"accepted_{lang}"] = _text(
                _("Accepted answers"), 2000, lang=lang, rows=3,
                help_text=_("One per line; the first is shown as the answer. Case, accents "
                            "and spaces do not count."),
            )  # fmt: skip

    # A number as the page's language writes it ("1.000" is a thousand in Italian), kept in
    # the one form the rest of the site reads.
    def clean_number(self):
        return numbers.typed(self.cleaned_data["number"], get_language())

    def clean_tolerance(self):
        return numbers.typed(self.cleaned_data["tolerance"], get_language())

    # -- reading it back ------------------------------------------------------------------
    def _texts(self, name: str) -> dict[str, str]:
        data = self.cleaned_data
        return {lang: (data.get(f"{name}_{lang}") or "").strip() for lang in LANGUAGES}

    def written(self) -> w.Written:
        data = self.cleaned_data
        rows = range(1, self.row_count + 1)
        question = w.Written(
            kind=self.kind.value,
            prompt=self._texts("prompt"),
            explanation=self._texts("explanation"),
            topic=data.get("topic") or "",
            level=data.get("level") or "recall",
            facts=list(data.get("facts") or []),
            source=(data.get("source") or "").strip(),
        )
        if self.kind in w.CHOICE_KINDS:
            question.keep_order = bool(data.get("keep_order"))
            question.options = [
                w.Choice(
                    self._texts(f"option_{n}"),
                    bool(data.get(f"option_{n}_correct")),
                    self._texts(f"feedback_{n}"),
                )
                for n in rows
            ]
        elif self.kind == Kind.TRUE_FALSE:
            truth = data.get("truth")
            question.truth = None if not truth else truth == "true"
        elif self.kind == Kind.NUMERIC:
            question.number = data.get("number") or ""
            question.tolerance = data.get("tolerance") or ""
        elif self.kind == Kind.ORDERING:
            question.items = [self._texts(f"item_{n}") for n in rows]
        elif self.kind == Kind.MATCHING:
            question.pairs = [(self._texts(f"left_{n}"), self._texts(f"right_{n}")) for n in rows]
        else:
            question.accepted = {
                lang: (data.get(f"accepted_{lang}") or "").splitlines() for lang in LANGUAGES
            }
        return question

    def clean(self):
        data = super().clean()
        for problem in w.problems(self.written()):
            target = problem.field if problem.field in self.fields else None
            if target is None or target not in self.errors:  # one message per field
                self.add_error(target, problem.message)
        return data

    # -- what the template lays out -------------------------------------------------------
    def rows(self) -> list[dict]:
        """Each row of the kind's options, items or pairs: its number and fields by language."""
        out = []
        for number in range(1, self.row_count + 1):
            row = {"number": number, "langs": []}
            for lang in LANGUAGES:
                names = {
                    Kind.ORDERING: [f"item_{number}_{lang}"],
                    Kind.MATCHING: [f"left_{number}_{lang}", f"right_{number}_{lang}"],
                }.get(self.kind, [f"option_{number}_{lang}", f"feedback_{number}_{lang}"])
                row["langs"].append(
                    {"code": lang, "name": LANGUAGE_LABELS[lang],
                     "fields": [self[name] for name in names]}
                )  # fmt: skip
            if self.kind in w.CHOICE_KINDS:
                row["correct"] = self[f"option_{number}_correct"]
            out.append(row)
        return out

    def columns(self, name: str) -> list[dict]:
        """A text in each language, side by side: [{code, name, field}]."""
        return [
            {"code": lang, "name": LANGUAGE_LABELS[lang], "field": self[f"{name}_{lang}"]}
            for lang in LANGUAGES
        ]

    def prompts(self):
        return self.columns("prompt")

    def explanations(self):
        return self.columns("explanation")

    def answers(self):
        return self.columns("accepted")

    @property
    def group(self) -> str:
        return ROW_GROUPS.get(self.kind, "")

    @property
    def can_add_rows(self) -> bool:
        return self.kind in ROW_GROUPS and self.row_count < w.MAX_ROWS


def initial_from(question: w.Written) -> tuple[dict, int]:
    """A form's initial data for a stored question, and the rows it needs."""
    initial = {"topic": question.topic, "level": question.level, "facts": question.facts,
               "source": question.source, "keep_order": question.keep_order}  # fmt: skip
    for lang in LANGUAGES:
        initial[f"prompt_{lang}"] = question.prompt.get(lang, "")
        initial[f"explanation_{lang}"] = question.explanation.get(lang, "")
        initial[f"accepted_{lang}"] = "\n".join(question.accepted.get(lang, []))
    for number, choice in enumerate(question.options, start=1):
        initial[f"option_{number}_correct"] = choice.correct
        for lang in LANGUAGES:
            initial[f"option_{number}_{lang}"] = choice.text.get(lang, "")
            initial[f"feedback_{number}_{lang}"] = choice.feedback.get(lang, "")
    for number, item in enumerate(question.items, start=1):
        for lang in LANGUAGES:
            initial[f"item_{number}_{lang}"] = item.get(lang, "")
    for number, (left, right) in enumerate(question.pairs, start=1):
        for lang in LANGUAGES:
            initial[f"left_{number}_{lang}"] = left.get(lang, "")
            initial[f"right_{number}_{lang}"] = right.get(lang, "")
    if question.truth is not None:
        initial["truth"] = "true" if question.truth else "false"
    # As the page writes numbers, so that saving it unchanged reads it back the same.
    initial["number"], initial["tolerance"] = (
        number_text(question.number, get_language()),
        number_text(question.tolerance, get_language()),
    )
    used = max(len(question.options), len(question.items), len(question.pairs))
    return initial, min(max(used + 1, DEFAULT_ROWS), w.MAX_ROWS)


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *KIND_CHOICES],
                             required=False)  # fmt: skip
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


FORMATS = [
    ("", _("Tell from the file")),
    ("gift", "GIFT"),
    ("moodlexml", "Moodle XML"),
]


class ImportForm(forms.Form):
    """The file to import (first step), or its text again with the questions chosen (confirm)."""

    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A GIFT (.txt, .gift) or Moodle XML (.xml) file, up to 1 MB."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, required=False)
    topic = forms.ChoiceField(
        label=_("Topic of the imported questions"),
        choices=[("", "—"), *TOPIC_CHOICES],
        error_messages={"required": _("Choose a topic.")},
        help_text=_("You can change it for each question afterwards."),
    )
    language = forms.ChoiceField(
        label=_("Language of the questions"),
        choices=[("en", "English"), ("it", "Italiano")],
        help_text=_("You can add the other language to each question afterwards."),
    )
    # The file itself, carried from the preview to the confirmation (quizzes.importers.pack).
    content = forms.CharField(widget=forms.HiddenInput, required=False)


class ShareForm(forms.Form):
    username = forms.CharField(
        label=_("Teacher's username"),
        max_length=150,
        error_messages={"required": _("Type the username of the teacher to share with.")},
    )
