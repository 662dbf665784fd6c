"""Forms a student fills in: starting a practice quiz, joining by code, answering."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from quizzes import nicknames
from quizzes.models import TOPIC_CHOICES
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
NUMBER = re.compile(r"-?\d{1,12}(\.\d{1,6})?")
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
    nickname = NicknameField(help_text=_("Shown on your results; no account needed."))
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
    feedback = forms.ChoiceField(
        label=_("Show the right answer"),
        choices=[("immediate", _("after each question")), ("deferred", _("at the end"))],
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


class AnswerForm:
    """Checks a posted answer to one shown question as a Django form with a field per input
    would (ChoiceField, MultipleChoiceField, CharField with max_length), with the same
    messages; cleaned_data["answer"] is in stored ids, errors maps each input to its messages.

    Not a django.forms.Form: building a form and its fields cost more than the rest of the
    check on every answer (docs/benchmarks.md), and the step renders its inputs itself
    (jinja2/quizzes/inputs.html). The posted position is the view's to check: it picks the
    question this is built for.
    """

    def __init__(self, data, *, shown: Shown):
        self.data, self.shown = data, shown
        self.errors: dict[str, list[str]] = {}
        self.cleaned_data: dict = {}
        answer = self._check()
        if not self.errors:
            self.cleaned_data["answer"] = answer

    def is_valid(self) -> bool:
        return not self.errors

    def _error(self, name: str, message) -> None:
        self.errors.setdefault(name, []).append(str(message))

    def _one(self, name: str, tokens, required, invalid=INVALID_OPTION) -> str | None:
        """A ChoiceField: one token of ``tokens``."""
        value = self.data.get(name)
        value = "" if value in forms.Field.empty_values else str(value)
        if not value:
            self._error(name, required)
        elif value not in tokens:
            self._error(name, invalid)
        else:
            return value
        return None

    def _many(self, name: str, tokens, required, invalid=INVALID_OPTION) -> list[str] | None:
        """A MultipleChoiceField: tokens of ``tokens``, at least one."""
        get = self.data.getlist if hasattr(self.data, "getlist") else self.data.get
        values = get(name)
        if values and not isinstance(values, list | tuple):
            self._error(name, forms.MultipleChoiceField.default_error_messages["invalid_list"])
            return None
        values = [str(value) for value in values or []]
        if not values:
            self._error(name, required)
        elif any(value not in tokens for value in values):
            self._error(name, invalid)
        else:
            return values
        return None

    def _text(self, name: str, max_length: int, required, too_long) -> str | None:
        """A CharField: the text, stripped."""
        value = self.data.get(name)
        value = "" if value in forms.Field.empty_values else str(value).strip()
        if not value:
            self._error(name, required)
            return None
        if len(value) > max_length:
            self._error(name, too_long)
        if "\x00" in value:
            self._error(name, ProhibitNullCharactersValidator.message)
        return None if name in self.errors else value

    def _check(self) -> dict | None:
        shown, kind = self.shown, self.shown.kind
        lookup = shown.lookup()
        if kind in ("single_choice", "true_false"):
            chosen = self._one("answer", lookup, _("Choose an answer."))
            if chosen is None:
                return None
            if kind == "true_false":
                return {"value": lookup[chosen] == "true"}
            return {"option": lookup[chosen]}
        if kind == "multiple_response":
            chosen = self._many("answer", lookup, _("Select at least one answer."))
            return None if chosen is None else {"options": sorted(lookup[t] for t in chosen)}
        if kind == "numeric":
            typed = self._text("answer", 30, _("Type a number."), NOT_A_NUMBER)
            if typed is None:
                return None
            # Plain digits, with a decimal point or comma: 139, 13.5, 13,5.
            text = typed.replace(" ", "").replace("\u00a0", "").replace(",", ".")
            if not NUMBER.fullmatch(text):
                self._error("answer", NOT_A_NUMBER)
                return None
            return {"value": str(Decimal(text))}
        if kind == "short_answer":
            typed = self._text(
                "answer",
                TEXT_MAX,
                _("Type your answer."),
                _("Your answer is too long (at most 200 characters)."),
            )
            return None if typed is None else {"text": typed}
        if kind == "ordering":
            items = [c.token for c in shown.items]
            order = self._many(
                "order",
                items,
                _("Put the events in order."),
                _("That item is not part of this question."),
            )
            if order is None:
                return None
            if sorted(order) != sorted(items):
                self._error(NON_FIELD_ERRORS, _("Put every event in the list exactly once."))
                return None
            return {"order": [lookup[t] for t in order]}
        if kind == "matching":
            rights = {c.token for c in shown.rights}
            pairs = {
                lookup[left.token]: self._one(
                    f"pair_{left.token}", rights, _("Choose a match for every item.")
                )
                for left in shown.lefts
            }
            return None if self.errors else {"pairs": {k: lookup[v] for k, v in pairs.items()}}
        return None
