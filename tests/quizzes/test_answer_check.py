"""The answer check (quizzes.forms.AnswerForm) is written by hand for speed; it must accept,
refuse and explain exactly as the Django form it replaced, kept here as the reference."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizzes.forms import NUMBER, TEXT_MAX, AnswerForm
from quizzes.presenting import Choice, Shown


class DjangoAnswerForm(forms.Form):
    """The check as a Django form, as it was written first."""

    def __init__(self, *args, shown: Shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown = shown
        kind = shown.kind
        choices = [(c.token, c.text) for c in shown.choices]
        pick = _("Choose an answer.")
        if kind in ("single_choice", "true_false"):
            self.fields["answer"] = forms.ChoiceField(
                label=shown.prompt,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": pick,
                    "invalid_choice": _("That option is not part of this question."),
                },
            )
        elif kind == "multiple_response":
            self.fields["answer"] = forms.MultipleChoiceField(
                label=shown.prompt,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": _("Select at least one answer."),
                    "invalid_choice": _("That option is not part of this question."),
                },
            )
        elif kind == "numeric":
            self.fields["answer"] = forms.CharField(
                label=shown.prompt,
                max_length=30,
                error_messages={
                    "required": _("Type a number."),
                    "max_length": _("Type a number, such as 139."),
                },
            )
        elif kind == "short_answer":
            self.fields["answer"] = forms.CharField(
                label=shown.prompt,
                max_length=TEXT_MAX,
                error_messages={
                    "required": _("Type your answer."),
                    "max_length": _("Your answer is too long (at most 200 characters)."),
                },
            )
        elif kind == "ordering":
            self.fields["order"] = forms.MultipleChoiceField(
                choices=[(c.token, c.text) for c in shown.items],
                widget=forms.MultipleHiddenInput,
                error_messages={
                    "required": _("Put the events in order."),
                    "invalid_choice": _("That item is not part of this question."),
                },
            )
        elif kind == "matching":
            rights = [("", "—"), *((c.token, c.text) for c in shown.rights)]
            for left in shown.lefts:
                self.fields[f"pair_{left.token}"] = forms.ChoiceField(
                    label=left.text,
                    choices=rights,
                    error_messages={
                        "required": _("Choose a match for every item."),
                        "invalid_choice": _("That option is not part of this question."),
                    },
                )

    def clean_answer(self):
        value = self.cleaned_data["answer"]
        if self.shown.kind == "numeric":
            # Plain digits, with a decimal point or comma: 139, 13.5, 13,5.
            text = value.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
            if not NUMBER.fullmatch(text):
                raise forms.ValidationError(_("Type a number, such as 139."))
            return Decimal(text)
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
            data["answer"] = {"value": str(data["answer"])}
        elif kind == "short_answer":
            data["answer"] = {"text": data["answer"].strip()}
        elif kind == "ordering":
            order = self.data.getlist("order") if hasattr(self.data, "getlist") else data["order"]
            if sorted(order) != sorted(c.token for c in self.shown.items):
                raise forms.ValidationError(_("Put every event in the list exactly once."))
            data["answer"] = {"order": [lookup[t] for t in order]}
        elif kind == "matching":
            data["answer"] = {
                "pairs": {
                    lookup[left.token]: lookup[data[f"pair_{left.token}"]]
                    for left in self.shown.lefts
                }
            }
        return data


def _choices(prefix: str, count: int) -> tuple[Choice, ...]:
    return tuple(Choice(f"{prefix}tok{i}", f"Text {i}", f"{prefix}{i}") for i in range(count))


SHOWN = {
    "single_choice": Shown("single_choice", "?", "en", choices=_choices("o", 4)),
    "true_false": Shown(
        "true_false",
        "?",
        "en",
        choices=(Choice("ttok", "True", "true"), Choice("ftok", "False", "false")),
    ),
    "multiple_response": Shown("multiple_response", "?", "en", choices=_choices("o", 5)),
    "numeric": Shown("numeric", "?", "en", tolerance=None),
    "short_answer": Shown("short_answer", "?", "en"),
    "ordering": Shown("ordering", "?", "en", items=_choices("i", 4)),
    "matching": Shown("matching", "?", "en", lefts=_choices("l", 3), rights=_choices("r", 4)),
}
TOKENS = sorted(
    {c.token for s in SHOWN.values() for c in (*s.choices, *s.items, *s.lefts, *s.rights)}
)
NAMES = ["answer", "order", "position", *(f"pair_{c.token}" for c in SHOWN["matching"].lefts)]
VALUES = st.one_of(
    st.sampled_from(TOKENS),
    st.sampled_from(
        [
            "",
            " ",
            "139",
            " 13,5 ",
            "1\u00a0917",
            "-2.5",
            "1e3",
            "Lenin",
            "x" * 201,
            "9" * 31,
            "a\x00b",
        ]
    ),
    st.text(max_size=40),
)
DATA = st.dictionaries(st.sampled_from(NAMES), st.lists(VALUES, max_size=5), max_size=5)


def _query(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, values in data.items():
        query.setlist(name, values)
    return query


def _outcome(form) -> tuple:
    valid = form.is_valid()
    errors = {name: sorted(str(m) for m in messages) for name, messages in form.errors.items()}
    return valid, form.cleaned_data.get("answer") if valid else None, errors


@pytest.mark.parametrize("kind", sorted(SHOWN))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=DATA)
@example(data={"answer": ["a\x00b"]})
@example(data={"answer": ["9" * 31 + "\x00"]})
@example(data={"answer": ["x" * 201]})
@example(data={"answer": ["otok1", "forged"]})
@example(data={"order": ["itok0", "itok0", "itok1", "itok2"]})
@example(data={"pair_ltok0": ["rtok1"], "pair_ltok1": [""], "pair_ltok2": ["forged"]})
def test_the_hand_written_check_answers_as_the_django_form(kind, data):
    shown = SHOWN[kind]
    query = _query(data)
    assert _outcome(AnswerForm(query, shown=shown)) == _outcome(
        DjangoAnswerForm(query, shown=shown)
    )


@pytest.mark.parametrize("kind", sorted(SHOWN))
def test_a_complete_right_shaped_answer_is_accepted_by_both(kind):
    shown = SHOWN[kind]
    data = {
        "single_choice": {"answer": ["otok2"]},
        "true_false": {"answer": ["ftok"]},
        "multiple_response": {"answer": ["otok3", "otok1"]},
        "numeric": {"answer": [" 13,5 "]},
        "short_answer": {"answer": ["  Lenin "]},
        "ordering": {"order": ["itok2", "itok0", "itok3", "itok1"]},
        "matching": {"pair_ltok0": ["rtok1"], "pair_ltok1": ["rtok0"], "pair_ltok2": ["rtok3"]},
    }[kind]
    new, old = AnswerForm(_query(data), shown=shown), DjangoAnswerForm(_query(data), shown=shown)
    assert new.is_valid() and old.is_valid()
    assert new.cleaned_data["answer"] == old.cleaned_data["answer"]
