"""Forms a student fills in: starting a practice quiz, joining by code, answering."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from quizzes import nicknames, numbers
from quizzes.models import TOPIC_CHOICES, Challenge
from quizzes.presenting import Shown

LENGTHS = [(5, "5"), (10, "10"), (20, "20")]
TIME_LIMITS = [
    ("", _("No time limit")),
    ("5", _("5 minutes")),
    ("10", _("10 minutes")),
    ("20", _("20 minutes")),
]
LANGUAGES = [("en", "English"), ("it", "Italiano")]
NICKNAME_MAX = 40
TEXT_MAX = 200
INVALID_OPTION = _("That option is not part of this question.")
NOT_A_NUMBER = _("Type a number, such as 139.")


class NicknameField(forms.CharField):
    """A student's nickname, normalised (quizzes.nicknames): invisible characters are
    dropped, compatibility forms folded, runs of spaces made one; blank is refused."""

    def __init__(self, *, help_text):
        super().__init__(
            label=_("Your nickname"),
            max_length=NICKNAME_MAX,
            help_text=help_text,
            error_messages={"required": _("Choose a nickname to start.")},
        )

    def to_python(self, value):
        return nicknames.clean(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and not nicknames.readable(value):
            raise forms.ValidationError(
                _("Choose a nickname with at least one letter or digit in it."),
                code="unreadable",
            )


class StartForm(forms.Form):
    """A practice quiz, taken alone: no nickname to ask for, since nobody else reads it
    (a class quiz's join page asks for one, for the teacher)."""

    length = forms.TypedChoiceField(
        label=_("Number of questions"),
        choices=LENGTHS,
        coerce=int,
        initial=10,
        widget=forms.RadioSelect,
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("All topics")), *TOPIC_CHOICES],
        required=False,
    )
    language = forms.ChoiceField(label=_("Language of the questions"), choices=LANGUAGES)
    time_limit = forms.TypedChoiceField(
        label=_("Time limit"),
        choices=TIME_LIMITS,
        coerce=int,
        empty_value=None,
        required=False,
    )
    behaviour = forms.ChoiceField(
        label=_("How you take it"),
        choices=[
            ("immediate", _("The right answer after each question")),
            ("interactive", _("Several tries, with hints")),
            ("deferred", _("Move freely, see the answers at the end")),
        ],
        initial="immediate",
        widget=forms.RadioSelect,
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=12,
        help_text=_("The code your teacher gives you, for example KQ7RTM."),
        error_messages={"required": _("Type the code your teacher gave you.")},
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).upper()


class AnswerForm(forms.Form):
    """The answer to one shown question; its fields come from the question's kind.
    cleaned_data["answer"] is in stored ids. The template renders the inputs itself
    (quizzes/_inputs.html), with the tokens of ``shown``; the posted position is the view's
    to check, since it picks the question this form is built for."""

    def __init__(self, *args, shown: Shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown = shown
        kind = shown.kind
        if kind in ("single_choice", "true_false", "multiple_response"):
            many = kind == "multiple_response"
            field = forms.MultipleChoiceField if many else forms.ChoiceField
            required = _("Select at least one answer.") if many else _("Choose an answer.")
            self.fields["answer"] = field(
                choices=[(c.token, c.text) for c in shown.choices],
                error_messages={"required": required, "invalid_choice": INVALID_OPTION},
            )
        elif kind == "numeric":
            self.fields["answer"] = forms.CharField(
                max_length=30,
                error_messages={"required": _("Type a number."), "max_length": NOT_A_NUMBER},
            )
        elif kind == "short_answer":
            self.fields["answer"] = forms.CharField(
                max_length=TEXT_MAX,
                error_messages={
                    "required": _("Type your answer."),
                    "max_length": _("Your answer is too long (at most 200 characters)."),
                },
            )
        elif kind == "ordering":
            self.fields["order"] = forms.MultipleChoiceField(
                choices=[(c.token, c.text) for c in shown.items],
                error_messages={
                    "required": _("Put the events in order."),
                    "invalid_choice": _("That item is not part of this question."),
                },
            )
        elif kind == "matching":
            rights = [(c.token, c.text) for c in shown.rights]
            for left in shown.lefts:
                self.fields[f"pair_{left.token}"] = forms.ChoiceField(
                    choices=rights,
                    error_messages={
                        "required": _("Choose a match for every item."),
                        "invalid_choice": INVALID_OPTION,
                    },
                )

    def clean_answer(self):
        value = self.cleaned_data["answer"]
        if self.shown.kind == "numeric":
            number = numbers.parse(value, self.shown.language)  # as the question shows numbers
            if number is None:
                raise forms.ValidationError(NOT_A_NUMBER)
            return str(number)
        return value

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        lookup = self.shown.lookup()
        kind = self.shown.kind
        if kind == "single_choice":
            data["answer"] = {"option": lookup[data["answer"]]}
        elif kind == "true_false":
            data["answer"] = {"value": lookup[data["answer"]] == "true"}
        elif kind == "multiple_response":
            data["answer"] = {"options": sorted(lookup[t] for t in data["answer"])}
        elif kind == "numeric":
            data["answer"] = {"value": data["answer"]}
        elif kind == "short_answer":
            data["answer"] = {"text": data["answer"]}
        elif kind == "ordering":
            # The order as posted: MultipleChoiceField keeps it, and repeats too.
            order = data["order"]
            if sorted(order) != sorted(c.token for c in self.shown.items):
                raise forms.ValidationError(_("Put every event in the list exactly once."))
            data["answer"] = {"order": [lookup[t] for t in order]}
        elif kind == "matching":
            pairs = {left.token: data[f"pair_{left.token}"] for left in self.shown.lefts}
            data["answer"] = {"pairs": {lookup[k]: lookup[v] for k, v in pairs.items()}}
        return data


class ChallengeForm(forms.Form):
    """ "I think this question is wrong": what is wrong, and optionally why."""

    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=Challenge.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with the question.")},
    )
    comment = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
