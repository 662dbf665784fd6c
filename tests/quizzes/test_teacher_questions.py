"""A teacher's own questions: written in the pages, private to them, used in their sets like
the bank's, and versioned like the bank's when students have answered them."""

import pytest
from django.urls import reverse

from quizzes import selectors, services, teaching
from quizzes.authoring import services as authoring
from quizzes.models import Attempt, Question, QuestionSet
from quizzes.presenting import present
from tests.factories import QuestionSetFactory, TeacherFactory, UserFactory
from tests.quizzes.authoring import KINDS, form_data, own_question
from tests.quizzes.student import answer_data, set_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(question_bank, client):
    user = TeacherFactory(username="ms-rossi")
    client.force_login(user)
    return user


@pytest.mark.parametrize("kind", KINDS)
def test_a_teacher_writes_a_question_of_every_kind_and_finds_it_in_my_questions(
    teacher, client, kind
):
    response = client.post(reverse("quizzes:question_new"), form_data(kind))
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:my_questions")
    question = Question.objects.get(author=teacher)
    assert question.kind == kind and not question.in_bank
    html = client.get(response["Location"]).content.decode()
    assert "Your question was saved." in html
    assert question.payload["prompt"]["en"].replace("'", "&#x27;") in html


def test_the_kind_picker_offers_the_seven_kinds(teacher, client):
    html = client.get(reverse("quizzes:question_new")).content.decode()
    for label in ("Single choice", "Multiple response", "True or false", "Number", "Ordering",
                  "Matching", "Short answer"):  # fmt: skip
        assert f">{label}</a>" in html


def test_a_refused_question_keeps_everything_typed_and_says_why_next_to_the_field(teacher, client):
    data = form_data("matching", right_2_en="", explanation_en="Lenin led the Bolsheviks.")
    response = client.post(reverse("quizzes:question_new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Question.objects.filter(author=teacher).exists()
    assert "The question cannot be saved yet" in html
    assert (
        '<ul class="errorlist" id="id_right_2_en_error"><li>This item has no match: write its '
        "match, or clear the row.</li></ul>" in html
    )
    assert 'aria-invalid="true" aria-describedby="id_right_2_en_error"' in html
    assert 'value="Chkheidze"' in html and "Lenin led the Bolsheviks." in html


def test_more_rows_keep_what_was_typed_and_save_nothing(teacher, client):
    data = {**form_data("ordering"), "more": "1"}
    html = client.post(reverse("quizzes:question_new"), data).content.decode()
    assert 'name="item_7_en"' in html and 'value="Lenin arrives"' in html
    assert "errorlist" not in html and not Question.objects.filter(author=teacher).exists()


def test_a_question_written_from_the_set_editor_joins_the_set(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    url = reverse("quizzes:question_new") + f"?set={question_set.pk}"
    response = client.post(url, {**form_data("matching"), "set": str(question_set.pk)})
    assert response["Location"].startswith(reverse("quizzes:set_edit", args=[question_set.pk]))
    (item,) = question_set.items.select_related("question")
    assert item.question.author == teacher and item.question.kind == "matching"


def test_another_teachers_set_cannot_receive_a_question(teacher, client):
    theirs = QuestionSetFactory(owner=TeacherFactory())
    response = client.post(reverse("quizzes:question_new"),
                           {**form_data("true_false"), "set": str(theirs.pk)})  # fmt: skip
    assert response.status_code == 404 and not theirs.items.exists()


def test_my_questions_show_in_the_set_editor_and_are_added_like_the_banks(teacher, client):
    mine = own_question(teacher, "matching")
    question_set = QuestionSetFactory(owner=teacher)
    bank = reverse("quizzes:set_bank", args=[question_set.pk])
    assert mine.uid not in client.get(bank).content.decode()
    html = client.get(bank, {"origin": "mine"}).content.decode()
    assert f'value="{mine.uid}"' in html
    client.post(reverse("quizzes:set_add", args=[question_set.pk]), {"uid": mine.uid})
    assert list(question_set.items.values_list("question__uid", flat=True)) == [mine.uid]


def test_another_teachers_question_cannot_be_added_to_a_set_by_its_id(teacher, client):
    theirs = own_question(TeacherFactory())
    question_set = QuestionSetFactory(owner=teacher)
    client.post(reverse("quizzes:set_add", args=[question_set.pk]), {"uid": theirs.uid})
    assert not question_set.items.exists()


def test_another_teacher_gets_404_for_my_question_and_a_student_403(teacher, client):
    mine = own_question(teacher)
    urls = [reverse("quizzes:question_edit", args=[mine.key]),
            reverse("quizzes:question_delete", args=[mine.key])]  # fmt: skip
    client.force_login(TeacherFactory(username="mr-bianchi"))
    assert [client.post(url).status_code for url in urls] == [404, 404]
    assert client.get(urls[0]).status_code == 404
    client.force_login(UserFactory(username="pupil"))
    assert client.get(urls[0]).status_code == 403
    for name in ("my_questions", "question_new", "question_import"):
        assert client.get(reverse(f"quizzes:{name}")).status_code == 403
    client.logout()
    assert client.get(urls[0])["Location"].startswith("/accounts/login/")


def test_my_questions_list_only_mine(teacher, client):
    mine = own_question(teacher, prompt_en="Mine: who chaired it?")
    own_question(TeacherFactory(), prompt_en="Theirs: who chaired it?")
    html = client.get(reverse("quizzes:my_questions")).content.decode()
    assert "Mine: who chaired it?" in html and "Theirs" not in html
    assert reverse("quizzes:question_edit", args=[mine.key]) in html


def test_a_teachers_question_never_enters_the_shared_bank_or_practice_quizzes(teacher):
    mine = own_question(teacher, facts=["event:lenin-arrives"])
    questions, _total = selectors.bank(search="Petrograd Soviet in April")
    assert mine.uid not in {q.uid for q in questions}
    for _ in range(5):
        picked = selectors.practice_questions(length=20, topic="", avoid=set(),
                                              facts={"event:lenin-arrives"})  # fmt: skip
        assert mine.uid not in {q.uid for q in picked}


def test_an_admin_promotes_a_teachers_question_into_the_shared_bank(teacher, admin_client):
    mine = own_question(teacher)
    response = admin_client.post(
        reverse("admin:quizzes_question_changelist"),
        {"action": "promote_to_bank", "_selected_action": [mine.pk]},
    )
    assert response.status_code == 302
    assert Question.objects.bank().filter(uid=mine.uid).exists()
    questions, _total = selectors.bank(search="Petrograd Soviet in April")
    assert mine.uid in {q.uid for q in questions}


def test_the_bank_refresh_never_retires_or_touches_a_teachers_question(teacher):
    mine = own_question(teacher)
    before = Question.objects.get(pk=mine.pk)
    report = services.bank_refresh()
    assert mine.uid not in report.retired + report.changed + report.updated
    after = Question.objects.get(pk=mine.pk)
    assert (after.status, after.payload, after.version) == ("active", before.payload, 1)


def _answered_once(question_set, question):
    """A student's attempt on the set, with the teacher's question answered."""
    teaching.set_publish(question_set=question_set)
    attempt = teaching.set_start(question_set=question_set, nickname="Ann", owner_token="ann")
    slot = attempt.slots.get(question__uid=question.uid)
    services.answer_submit(slot=slot, answer={"option": "o1"})
    return attempt


def test_editing_an_answered_question_keeps_the_attempts_on_the_old_version(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    mine = own_question(teacher, question_set=question_set)
    attempt = _answered_once(question_set, mine)
    url = reverse("quizzes:question_edit", args=[mine.key])
    assert "Students have answered this question." in client.get(url).content.decode()
    response = client.post(url, form_data("single_choice", prompt_en="Who chaired it, then?"))
    assert response.status_code == 302
    versions = list(Question.objects.filter(uid=mine.uid).order_by("version"))
    assert [(q.version, q.status) for q in versions] == [(1, "retired"), (2, "active")]
    assert attempt.slots.get().question_id == versions[0].pk
    assert attempt.responses.get().question.payload["prompt"]["en"].startswith("Who chaired the")
    assert question_set.items.get().question_id == versions[1].pk
    fresh = teaching.set_start(question_set=question_set, nickname="Bob", owner_token="bob")
    assert fresh.slots.get().question.payload["prompt"]["en"] == "Who chaired it, then?"
    html = client.get(response["Location"]).content.decode()
    assert "Saved as a new version" in html


def test_editing_a_question_nobody_has_seen_changes_it_in_place(teacher, client):
    mine = own_question(teacher)
    url = reverse("quizzes:question_edit", args=[mine.key])
    client.post(url, form_data("single_choice", prompt_en="Who chaired it, then?"))
    (only,) = Question.objects.filter(uid=mine.uid)
    assert only.pk == mine.pk and only.payload["prompt"]["en"] == "Who chaired it, then?"


def test_the_edit_form_shows_the_question_as_written(teacher, client):
    mine = own_question(teacher, "matching")
    html = client.get(reverse("quizzes:question_edit", args=[mine.key])).content.decode()
    for text in ("Match each person with their party.", "Lenin", "Bolsheviks", "Kamenev"):
        assert f'value="{text}"' in html or text in html
    assert (
        'name="prompt_it"' in html
        and "Match each person" not in html.split('name="prompt_it"')[1].split("</textarea>")[0]
    )


def test_deleting_an_unused_question_deletes_it_and_a_used_one_is_retired(teacher, client):
    unused = own_question(teacher)
    client.post(reverse("quizzes:question_delete", args=[unused.key]))
    assert not Question.objects.filter(uid=unused.uid).exists()
    question_set = QuestionSetFactory(owner=teacher)
    used = own_question(teacher, question_set=question_set)
    attempt = _answered_once(question_set, used)
    client.post(reverse("quizzes:question_delete", args=[used.key]))
    assert Question.objects.get(uid=used.uid).status == "retired"
    assert attempt.responses.get().question.uid == used.uid


@pytest.mark.parametrize("kind", KINDS)
def test_a_student_answers_a_teachers_question_of_every_kind_scored_like_the_banks(
    teacher, client, kind
):
    question_set = QuestionSetFactory(owner=teacher, shuffle_options=True)
    mine = own_question(teacher, kind, question_set=question_set)
    teaching.set_publish(question_set=question_set)
    set_session(client, quiz_owner="ann")
    attempt = teaching.set_start(question_set=question_set, nickname="Ann", owner_token="ann")
    take = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert mine.payload["prompt"]["en"].replace("'", "&#x27;") in take
    for internal in ('value="o1"', 'value="true"', "o2", "r1", "l1", "i1"):
        assert f'value="{internal}"' not in take  # options travel as tokens only
    if kind == "short_answer":
        assert "Chkheidze" not in take
    response = client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0))
    assert response.status_code == 302
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.score == 1.0 and attempt.state == "finished"
    results = selectors.set_results(question_set)
    assert [item.uid for item in results.items] == [mine.uid]
    assert results.items[0].answered == 1


def test_a_wrong_pick_of_a_teachers_question_shows_the_teachers_feedback(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    own_question(teacher, question_set=question_set, source="Class notes, 12 March")
    teaching.set_publish(question_set=question_set)
    set_session(client, quiz_owner="ann")
    attempt = teaching.set_start(question_set=question_set, nickname="Ann", owner_token="ann")
    shown = present(attempt.slots.get().question.payload, attempt_id=attempt.pk, position=0,
                    language="en")  # fmt: skip
    kamenev = next(c.token for c in shown.choices if c.text == "Lev Kamenev")
    client.post(reverse("quizzes:answer", args=[attempt.pk]),
                {"position": "0", "answer": kamenev})  # fmt: skip
    html = client.get(reverse("quizzes:feedback", args=[attempt.pk, 1])).content.decode()
    assert "Kamenev spoke for the Bolsheviks." in html
    assert "<cite>Class notes, 12 March</cite>" in html and "¶" not in html


def test_linked_facts_let_a_student_practise_their_mistakes(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    own_question(
        teacher, question_set=question_set, facts=["membership:chkheidze/chairman/petrograd-soviet"]
    )
    teaching.set_publish(question_set=question_set)
    set_session(client, quiz_owner="ann")
    attempt = teaching.set_start(question_set=question_set, nickname="Ann", owner_token="ann")
    client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0, right=False))
    teaching.set_close(question_set=question_set)  # no practice on an open class set's facts
    response = client.post(reverse("quizzes:mistakes", args=[attempt.pk]))
    practice = Attempt.objects.exclude(pk=attempt.pk).get(nickname="Ann")
    assert response["Location"] == reverse("quizzes:take", args=[practice.pk])
    facts = {f for slot in practice.slots.select_related("question") for f in slot.question.facts}
    assert "membership:chkheidze/chairman/petrograd-soviet" in facts


def test_a_question_set_in_italian_notes_a_question_written_only_in_english(teacher, client):
    question_set = QuestionSetFactory(owner=teacher, language="it")
    own_question(teacher, "true_false", question_set=question_set)
    html = client.get(reverse("quizzes:set_edit", args=[question_set.pk])).content.decode()
    assert "One of your questions is not written in the quiz's language" in html


def test_the_update_service_refuses_an_unusable_question(teacher):
    from tests.quizzes.authoring import written

    mine = own_question(teacher)
    broken = written("single_choice")
    broken.options[0].correct = False
    with pytest.raises(authoring.QuestionRefused):
        authoring.question_update(question=mine, written=broken)
    assert QuestionSet.objects.count() == 0
