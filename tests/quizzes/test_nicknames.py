"""Nicknames a class cannot be fooled by: invisible characters, look-alikes, fullwidth."""

import pytest

from quizzes import nicknames, teaching
from quizzes.teacher_forms import NicknameForm
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db

ZWJ, RLO = "\u200d", "\u202e"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (f"An{ZWJ}na", "Anna"),
        (f"{RLO}annA", "annA"),
        ("Ａｎｎａ", "Anna"),  # fullwidth letters
        ("  Ann   Lee ", "Ann Lee"),
        ("Čcheidze", "Čcheidze"),  # letters with diacritics stay as they are
    ],
)
def test_a_nickname_is_stored_without_invisible_or_fullwidth_characters(typed, stored):
    form = NicknameForm({"nickname": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nickname"] == stored


def test_a_nickname_of_only_invisible_characters_is_refused_with_a_message():
    form = NicknameForm({"nickname": f"{ZWJ}{RLO}\u200b"})
    assert not form.is_valid()
    assert form.errors["nickname"] in (
        ["Choose a nickname to start."],
        ["Choose a nickname with at least one letter or digit in it."],
    )


def test_a_name_that_looks_like_a_classmates_is_refused(question_bank):
    question_set = published_set(attempts_allowed=0)
    teaching.set_start(question_set=question_set, nickname="Anna", owner_token="first")
    with pytest.raises(teaching.JoinRefused, match="already uses the nickname"):
        teaching.set_start(question_set=question_set, nickname="Аnna", owner_token="second")
    with pytest.raises(teaching.JoinRefused):
        teaching.set_start(question_set=question_set, nickname="ANNA", owner_token="third")
    teaching.set_start(question_set=question_set, nickname="Anne", owner_token="fourth")
    assert sorted(question_set.attempts.values_list("nickname", flat=True)) == ["Anna", "Anne"]


def test_look_alike_names_share_a_skeleton_and_different_names_do_not():
    assert nicknames.looks_like("Аnna", "Anna")  # Cyrillic А
    assert nicknames.looks_like("Ｐａｕｌ", "paul")
    assert not nicknames.looks_like("Anna", "Anne")
    assert not nicknames.looks_like("Lev", "Leo")
