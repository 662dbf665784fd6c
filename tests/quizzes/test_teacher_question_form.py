"""The question form refuses, next to the field, everything that makes a question unusable,
for every kind; and stores what it accepts in the bank's payload shape."""

import pytest

from quizzes import scoring
from quizzes.authoring import written as w
from tests.quizzes.authoring import KINDS, bound_form, written

pytestmark = pytest.mark.django_db


def errors(kind, **changes):
    form = bound_form(kind, **changes)
    assert not form.is_valid()
    return {name: list(messages) for name, messages in form.errors.items()}


@pytest.mark.parametrize("kind", KINDS)
def test_a_usable_question_of_every_kind_is_accepted(kind):
    form = bound_form(kind)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("kind", KINDS)
def test_a_question_with_no_prompt_in_any_language_is_refused(kind):
    found = errors(kind, prompt_en="", prompt_it="", explanation_en="", explanation_it="",
                   option_1_it="", option_2_it="", option_3_it="", feedback_2_it="",
                   accepted_it="")  # fmt: skip
    assert found["prompt_en"] == ["Write the question in English, in Italian or in both."]


def test_a_choice_question_with_no_right_option_is_refused():
    assert errors("single_choice", option_1_correct="")["__all__"] == ["Mark the right option."]
    assert errors("multiple_response", option_1_correct="", option_2_correct="")["__all__"] == [
        "Mark the right option."
    ]


def test_a_right_option_that_is_empty_is_refused_next_to_it():
    found = errors("single_choice", option_1_en="", option_1_it="")
    assert found["option_1_en"] == ["This option is marked right but has no text."]
    assert found["option_1_it"] == ["This option is marked right but has no text."]


def test_two_identical_options_are_refused_even_in_another_case_or_accent():
    found = errors("single_choice", option_3_en="lev  KAMENEV", option_3_it="Lev Kámenev")
    assert found["option_3_en"] == ["The same as row 2: two rows must differ."]
    assert found["option_3_it"] == ["The same as row 2: two rows must differ."]


def test_a_single_choice_question_with_two_right_options_is_refused():
    found = errors("single_choice", option_2_correct="on")
    assert "mark only one, or make it a multiple-response question" in found["__all__"][0]


def test_a_choice_question_needs_two_options():
    found = errors("multiple_response", option_2_en="", option_2_correct="", option_3_en="",
                   feedback_3_en="")  # fmt: skip
    assert found["__all__"] == ["Give at least two options."]


def test_an_option_written_in_one_language_of_a_bilingual_question_is_refused():
    found = errors("single_choice", option_3_it="")
    assert found["option_3_it"] == ["Write this option in Italian too, or clear the row."]


def test_feedback_in_one_language_of_a_bilingual_question_is_refused():
    found = errors("single_choice", feedback_2_it="")
    assert found["feedback_2_it"] == ["Write this feedback in Italian too, or clear it."]


def test_parts_written_in_a_language_without_a_prompt_are_not_silently_dropped():
    found = errors("numeric", explanation_it="Erano 480.")
    assert "write the question in Italian too, or clear them" in found["prompt_it"][0]


def test_a_true_or_false_question_needs_its_truth():
    assert errors("true_false", truth="")["truth"] == [
        "Say whether the statement is true or false."
    ]


def test_a_tolerance_on_a_number_that_is_not_a_number_is_refused():
    found = errors("numeric", number="about five hundred")
    assert found["number"] == ["Type the right answer as a number, such as 1917 or 3.5."]
    assert found["tolerance"] == [
        "A tolerance needs a number to apply to: the answer is not a number."
    ]


def test_a_negative_or_wordy_tolerance_is_refused():
    assert errors("numeric", tolerance="-3")["tolerance"] == [
        "Type the tolerance as a number, 0 or more."
    ]
    assert "tolerance" in errors("numeric", tolerance="a few")


def test_a_number_with_a_decimal_comma_is_accepted_and_scored():
    question = written("numeric", number="13,5", tolerance="0,5")
    payload = w.payload(question, "teacher/x")
    assert payload["number"] == 13.5 and payload["tolerance"] == 0.5
    assert scoring.score(payload, {"value": "13.9"}) == 1.0
    assert scoring.score(payload, {"value": "14.1"}) == 0.0


def test_an_ordering_question_needs_two_distinct_items():
    found = errors("ordering", item_2_en="", item_3_en="")
    assert found["__all__"] == ["Give at least two items to put in order."]
    assert errors("ordering", item_3_en="the conference OPENS")["item_3_en"] == [
        "The same as row 1: two rows must differ."
    ]


def test_a_matching_pair_without_a_partner_is_refused_next_to_the_empty_side():
    assert errors("matching", right_2_en="")["right_2_en"] == [
        "This item has no match: write its match, or clear the row."
    ]
    assert errors("matching", left_2_en="")["left_2_en"] == [
        "This match has no item: write the item, or clear the row."
    ]


def test_a_matching_question_where_every_item_has_the_same_match_is_refused():
    found = errors("matching", right_2_en="Bolsheviks")
    assert found["__all__"] == ["Give at least two different matches, or every item has the same."]


def test_two_identical_items_to_match_are_refused():
    assert errors("matching", left_3_en="lenin")["left_3_en"] == [
        "The same as row 1: two rows must differ."
    ]


def test_a_short_answer_question_needs_an_answer_in_each_language_it_is_written_in():
    assert errors("short_answer", accepted_it="")["accepted_it"] == [
        "Write at least one accepted answer in Italian."
    ]


def test_an_accepted_answer_longer_than_a_student_can_type_is_refused():
    assert (
        "at most 200 characters" in errors("short_answer", accepted_en="x" * 201)["accepted_en"][0]
    )


def test_a_question_needs_a_topic():
    assert errors("true_false", topic="")["topic"] == ["Choose a topic."]


def test_a_fact_that_is_not_in_the_fact_base_is_refused(facts):
    from quizzes.authoring.forms import QuestionForm
    from quizzes.authoring.selectors import fact_choices
    from tests.quizzes.authoring import form_data

    data = form_data("true_false", facts=["event:lenin-arrives", "event:no-such-thing"])
    form = QuestionForm(data, kind="true_false", fact_choices=fact_choices())
    assert not form.is_valid()
    assert "facts" in form.errors
    data["facts"] = ["event:lenin-arrives", "count:delegates"]
    form = QuestionForm(data, kind="true_false", fact_choices=fact_choices())
    assert form.is_valid(), form.errors
    assert form.written().facts == ["event:lenin-arrives", "count:delegates"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_stored_in_the_payload_shape_scoring_reads(kind):
    question = written(kind)
    payload = w.payload(question, "teacher/abc")
    assert payload["kind"] == kind and payload["languages"]
    assert set(payload["prompt"]) == {"en", "it"}
    stored = w.from_payload(payload, topic="people", level="recall", facts=[])
    assert w.payload(stored, "teacher/abc") == payload  # editing changes nothing by itself


def test_a_question_written_only_in_english_shows_english_in_an_italian_quiz():
    payload = w.payload(written("true_false"), "teacher/abc")
    assert payload["languages"] == ["en"]
    assert payload["prompt"]["it"] == "Lenin opened the Conference."


def test_items_sharing_a_match_share_one_choice_for_the_student():
    payload = w.payload(written("matching"), "teacher/abc")
    assert [r["text"]["en"] for r in payload["rights"]] == ["Bolsheviks", "Mensheviks"]
    lenin, chkheidze, kamenev = payload["lefts"]
    assert lenin["match"] == kamenev["match"] != chkheidze["match"]
    right = {left["id"]: left["match"] for left in payload["lefts"]}
    assert scoring.score(payload, {"pairs": right}) == 1.0


def test_whole_numbers_as_options_stand_in_ascending_order_unless_the_teacher_keeps_theirs():
    changes = {"option_1_en": "480", "option_1_it": "480", "option_2_en": "1917",
               "option_2_it": "1917", "option_3_en": "25", "option_3_it": "25"}  # fmt: skip
    natural = w.payload(written("single_choice", **changes), "teacher/x")
    texts = {o["id"]: o["text"]["en"] for o in natural["options"]}
    assert [texts[i] for i in natural["order"]["en"]] == ["25", "480", "1917"]
    kept = w.payload(written("single_choice", keep_order="on", **changes), "teacher/x")
    assert [texts[i] for i in kept["order"]["en"]] == ["480", "1917", "25"]
