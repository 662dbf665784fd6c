"""A teacher shares a set with another teacher by username; the other reads it and makes a
copy of their own, the sharer's own questions becoming copies they may change."""

import pytest
from django.urls import reverse

from quizzes.models import Question, QuestionSet, SetShare
from tests.factories import QuestionSetFactory, TeacherFactory, UserFactory
from tests.quizzes.authoring import own_question
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def sharer(question_bank):
    return TeacherFactory(username="ms-rossi", first_name="Anna", last_name="Rossi")


@pytest.fixture
def colleague(question_bank):
    return TeacherFactory(username="mr-bianchi")


@pytest.fixture
def shared_set(sharer):
    question_set = published_set(owner=sharer, kinds=("true_false",), title="3B: the Conference")
    own_question(sharer, "matching", question_set=question_set)
    return question_set


def share(client, question_set, username):
    return client.post(reverse("quizzes:set_teachers", args=[question_set.pk]),
                       {"username": username})  # fmt: skip


def test_a_teacher_shares_a_set_by_username_and_sees_it_listed(client, sharer, colleague,
                                                               shared_set):  # fmt: skip
    client.force_login(sharer)
    response = share(client, shared_set, "MR-BIANCHI")
    assert response["Location"].endswith("#teachers")
    html = client.get(response["Location"]).content.decode()
    assert "Shared with mr-bianchi: they can read the quiz and make a copy of their own." in html
    assert "Stop sharing" in html
    assert SetShare.objects.filter(question_set=shared_set, teacher=colleague).exists()


@pytest.mark.parametrize("username", ["nobody", "pupil", "ms-rossi"])
def test_a_set_is_shared_only_with_another_teacher(client, sharer, shared_set, username):
    UserFactory(username="pupil")
    client.force_login(sharer)
    html = client.get(share(client, shared_set, username)["Location"]).content.decode()
    expected = (
        "This is your own quiz."
        if username == "ms-rossi"
        else (f"No teacher has the username “{username}”.")
    )
    assert expected in html and not SetShare.objects.exists()


def test_the_colleague_finds_the_shared_set_reads_it_and_copies_it(client, sharer, colleague,
                                                                   shared_set):  # fmt: skip
    client.force_login(sharer)
    share(client, shared_set, "mr-bianchi")
    client.force_login(colleague)
    index = client.get(reverse("quizzes:teach")).content.decode()
    assert (
        "Shared with me" in index and "3B: the Conference" in index and "from Anna Rossi" in index
    )
    url = reverse("quizzes:shared_set", args=[shared_set.pk])
    html = client.get(url).content.decode()
    assert "Match each person with their party." in html
    assert "Lenin → Bolsheviks" in html  # the key, for a teacher to read
    response = client.post(reverse("quizzes:shared_duplicate", args=[shared_set.pk]))
    copy = QuestionSet.objects.get(owner=colleague)
    assert response["Location"] == reverse("quizzes:set_edit", args=[copy.pk])
    assert copy.status == "draft" and copy.code is None
    items = list(copy.items.select_related("question").order_by("position"))
    assert items[0].question.author is None  # the bank's question stays the bank's
    mine = items[1].question
    assert mine.author == colleague and not mine.in_bank
    original = Question.objects.get(author=sharer)
    assert mine.uid != original.uid and mine.payload == original.payload
    listed = client.get(reverse("quizzes:my_questions")).content.decode()
    assert listed.count('class="item-text"') == 1 and "Match each person" in listed


def test_the_copy_is_the_colleagues_to_change_and_the_original_stays(client, sharer, colleague,
                                                                     shared_set):  # fmt: skip
    from quizzes.authoring.selectors import keyed
    from tests.quizzes.authoring import form_data

    client.force_login(sharer)
    share(client, shared_set, "mr-bianchi")
    client.force_login(colleague)
    client.post(reverse("quizzes:shared_duplicate", args=[shared_set.pk]))
    mine = keyed(Question.objects.get(author=colleague))
    client.post(reverse("quizzes:question_edit", args=[mine.key]),
                form_data("matching", prompt_en="Pair them up."))  # fmt: skip
    assert Question.objects.get(author=colleague).payload["prompt"]["en"] == "Pair them up."
    assert Question.objects.get(author=sharer).payload["prompt"]["en"].startswith("Match each")


def test_a_set_not_shared_is_a_404_and_unsharing_takes_it_back(client, sharer, colleague,
                                                              shared_set):  # fmt: skip
    url = reverse("quizzes:shared_set", args=[shared_set.pk])
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    assert client.post(reverse("quizzes:shared_duplicate", args=[shared_set.pk])).status_code == 404
    original = Question.objects.get(author=sharer)
    assert client.get(reverse("quizzes:question_edit", args=[original.uid[8:]])).status_code == 404
    client.force_login(sharer)
    share(client, shared_set, "mr-bianchi")
    share_id = SetShare.objects.get().pk
    client.post(reverse("quizzes:set_teachers", args=[shared_set.pk]), {"remove": str(share_id)})
    client.force_login(colleague)
    assert client.get(url).status_code == 404
    assert not QuestionSet.objects.filter(owner=colleague).exists()


def test_only_the_owner_shares_a_set(client, colleague, shared_set):
    client.force_login(colleague)
    assert share(client, shared_set, "mr-bianchi").status_code == 404
    assert not SetShare.objects.exists()


def test_the_owner_duplicating_their_own_set_keeps_their_own_questions(client, sharer):
    question_set = QuestionSetFactory(owner=sharer)
    mine = own_question(sharer, question_set=question_set)
    client.force_login(sharer)
    client.post(reverse("quizzes:set_duplicate", args=[question_set.pk]))
    copy = QuestionSet.objects.exclude(pk=question_set.pk).get()
    assert copy.items.get().question_id == mine.pk
