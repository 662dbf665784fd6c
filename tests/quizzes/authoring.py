"""Helpers for tests of teachers' own questions: what the question form posts for a usable
question of each kind, and the question stored from it."""

from __future__ import annotations

from quizzes.authoring import services
from quizzes.authoring.forms import QuestionForm
from quizzes.authoring.selectors import fact_choices, keyed

COMMON = {"rows": "4", "topic": "people", "level": "recall"}

FORMS = {
    "single_choice": {
        "prompt_en": "Who chaired the Petrograd Soviet in April 1917?",
        "prompt_it": "Chi presiedeva il Soviet di Pietrogrado nell'aprile 1917?",
        "option_1_en": "Nikolay Chkheidze",
        "option_1_it": "Nikolaj Čcheidze",
        "option_1_correct": "on",
        "option_2_en": "Lev Kamenev",
        "option_2_it": "Lev Kamenev",
        "feedback_2_en": "Kamenev spoke for the Bolsheviks.",
        "feedback_2_it": "Kamenev parlò per i bolscevichi.",
        "option_3_en": "Vladimir Lenin",
        "option_3_it": "Vladimir Lenin",
        "explanation_en": "Chkheidze, a Menshevik, chaired it.",
        "explanation_it": "Čcheidze, menscevico, lo presiedeva.",
    },
    "multiple_response": {
        "prompt_en": "Which parties dominated the Conference?",
        "option_1_en": "Mensheviks",
        "option_1_correct": "on",
        "option_2_en": "Socialist Revolutionaries",
        "option_2_correct": "on",
        "option_3_en": "Kadets",
        "feedback_3_en": "The Kadets were not a socialist party.",
    },
    "true_false": {"prompt_en": "Lenin opened the Conference.", "truth": "false"},
    "numeric": {"prompt_en": "How many delegates came?", "number": "480", "tolerance": "20"},
    "ordering": {
        "prompt_en": "Put these in order.",
        "item_1_en": "The Conference opens",
        "item_2_en": "Kamenev's resolution",
        "item_3_en": "Lenin arrives",
    },
    "matching": {
        "prompt_en": "Match each person with their party.",
        "left_1_en": "Lenin",
        "right_1_en": "Bolsheviks",
        "left_2_en": "Chkheidze",
        "right_2_en": "Mensheviks",
        "left_3_en": "Kamenev",
        "right_3_en": "Bolsheviks",
    },
    "short_answer": {
        "prompt_en": "Who chaired the Petrograd Soviet?",
        "accepted_en": "Chkheidze\nNikolay Chkheidze",
        "prompt_it": "Chi presiedeva il Soviet di Pietrogrado?",
        "accepted_it": "Čcheidze",
    },
}
KINDS = tuple(FORMS)


def form_data(kind: str, **changes) -> dict:
    """The POST of a usable question of this kind; a change to "" removes a field."""
    data = {"kind": kind, **COMMON, **FORMS[kind], **changes}
    return {name: value for name, value in data.items() if value != ""}


def bound_form(kind: str, **changes) -> QuestionForm:
    choices = fact_choices() if "facts" in changes else ()
    return QuestionForm(form_data(kind, **changes), kind=kind, fact_choices=choices)


def written(kind: str, **changes):
    form = bound_form(kind, **changes)
    assert form.is_valid(), form.errors
    return form.written()


def own_question(author, kind: str = "single_choice", question_set=None, **changes):
    """A question the teacher wrote, stored as the form would store it."""
    question = services.question_create(
        author=author, written=written(kind, **changes), question_set=question_set
    )
    return keyed(question)
