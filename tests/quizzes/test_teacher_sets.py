"""Building, publishing, sharing, duplicating and deleting a question set."""

import re

import pytest
from django.urls import reverse

from quizzes import teaching
from quizzes.models import Attempt, Question, QuestionSet
from quizzes.presenting import key_text
from tests.factories import QuestionSetFactory, TeacherFactory
from tests.quizzes.student import answer_data, set_session
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def teacher(question_bank, client):
    user = TeacherFactory(username="ms-rossi")
    client.force_login(user)
    return user


def test_a_new_set_opens_in_the_editor_under_the_title_given(teacher, client):
    response = client.post(reverse("quizzes:teach"), {"title": "Class 3B: April 1917"})
    question_set = QuestionSet.objects.get(owner=teacher)
    assert response["Location"] == reverse("quizzes:set_edit", args=[question_set.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Questions in this quiz" in html and "Question bank" in html and "Settings" in html
    assert "<title>Class 3B: April 1917 · Conference quiz</title>" in html


def test_a_new_set_without_a_title_is_not_made_and_the_page_says_why(teacher, client):
    response = client.post(reverse("quizzes:teach"), {"title": "  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html and 'aria-invalid="true"' in html
    assert not QuestionSet.objects.exists()


def test_the_bank_filters_by_topic_kind_difficulty_and_text(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    url = reverse("quizzes:set_bank", args=[question_set.pk])
    html = client.get(
        url, {"topic": "resolutions", "kind": "single_choice", "language": "en"}, **HTMX
    ).content.decode()
    assert "<html" not in html
    expected = Question.objects.active().filter(topic="resolutions", kind="single_choice")
    assert f"{expected.count()} questions match" in html
    html = client.get(url, {"q": "Kamenev", "language": "it"}, **HTMX).content.decode()
    shown = re.findall(r'<span class="item-text" lang="it">(.*?)</span>', html)
    assert shown and all("Kamenev" in text for text in shown)
    html = client.get(url, {"difficulty": "hard"}, **HTMX).content.decode()
    assert "questions match" in html or "question matches" in html


def test_a_class_that_read_one_article_is_asked_only_what_it_states(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    url = reverse("quizzes:set_bank", args=[question_set.pk])

    def shown(**filters) -> set[str]:
        html = client.get(url, {"language": "en", **filters}, **HTMX).content.decode()
        return set(re.findall(r'name="uid" value="([^"]+)"', html))

    for topic in ("resolutions", "composition"):
        everything = shown(topic=topic)
        english, italian = shown(topic=topic, source="en"), shown(topic=topic, source="it")
        both = shown(topic=topic, source="both")
        assert both == english & italian and both < everything
    # The economic resolution's tasks are only in the Italian article, the army units among
    # the delegates only in the English one.
    assert "understand/economy-through-the-state" in (
        shown(topic="resolutions", source="it") - shown(topic="resolutions", source="en")
    )
    assert "understand/delegates-breakdown" in (
        shown(topic="composition", source="en") - shown(topic="composition", source="it")
    )


def test_the_bank_filters_understanding_questions(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    url = reverse("quizzes:set_bank", args=[question_set.pk])
    html = client.get(url, {"level": "understanding", "language": "en"}, **HTMX).content.decode()
    uids = re.findall(r'name="uid" value="([^"]+)"', html)
    assert uids and all(uid.startswith("understand") for uid in uids)


def test_each_bank_question_says_what_it_asks_for_and_which_article_states_it(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    url = reverse("quizzes:set_bank", args=[question_set.pk])
    html = client.get(url, {"topic": "composition", "source": "en"}, **HTMX).content.decode()
    rows = re.findall(r'name="uid" value="([^"]+)"', html)
    metas = re.findall(r'<span class="meta">(.*?)</span>', html)
    assert rows and len(metas) == len(rows)
    for uid, meta in zip(rows, metas, strict=True):
        question = Question.objects.active().get(uid=uid)
        assert question.get_level_display() in meta
        expected = (
            "in both articles" if question.in_italian_article else "only in the English article"
        )
        assert expected in meta, (uid, meta)
    assert any("only in the English article" in meta for meta in metas)
    assert any("understand a connection" in meta for meta in metas)


def test_the_settings_show_every_field_with_its_label_in_groups(teacher, client):
    from quizzes.teacher_forms import SetSettingsForm

    question_set = QuestionSetFactory(owner=teacher)
    html = client.get(reverse("quizzes:set_edit", args=[question_set.pk])).content.decode()
    settings = html[html.index('<section id="settings"') : html.index('<section id="bank"')]
    for name in SetSettingsForm.base_fields:
        assert f'name="{name}"' in settings, name
    for name in ("title", "tries", "time_limit_minutes", "shuffle_questions"):
        assert f'<label for="id_{name}"' in settings, name
    # Tries and penalty apply to interactive quizzes only, and say so.
    interactive = settings[settings.index("Interactive quizzes only") :]
    interactive = interactive[: interactive.index("</fieldset>")]
    assert 'name="tries"' in interactive and 'name="penalty"' in interactive
    assert 'name="time_limit_minutes"' not in interactive
    assert 'id="id_grace_seconds_helptext"' in settings  # help texts are shown


def test_a_new_set_is_in_the_teachers_language_and_so_is_its_bank(teacher, client):
    client.post("/teach/", {"title": "3B"})  # in the English interface
    response = client.post("/it/teach/", {"title": "3B"})  # in the Italian one
    question_set = QuestionSet.objects.filter(owner=teacher).latest("pk")
    assert question_set.language == "it"
    html = client.get(response["Location"]).content.decode()
    prompts = re.findall(r'<span class="item-text" lang="(\w+)">', html)
    assert prompts and set(prompts) == {"it"}
    assert QuestionSet.objects.filter(owner=teacher).earliest("pk").language == "en"


def test_a_set_in_a_language_the_site_does_not_have_is_refused(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    url = reverse("quizzes:set_edit", args=[question_set.pk])
    data = {"title": "3B", "description": "", "language": "xx", "behaviour": "immediate",
            "attempts_allowed": "1", "points_per_question": "1"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice. xx is not one of the available choices." in (
        response.content.decode()
    )
    question_set.refresh_from_db()
    assert question_set.language == "en"
    assert client.get(url).status_code == 200


def test_adding_a_question_updates_the_list_and_the_totals_in_place(teacher, client):
    question_set = QuestionSetFactory(owner=teacher, points_per_question=2)
    question = Question.objects.active().filter(kind="numeric").first()
    response = client.post(
        reverse("quizzes:set_add", args=[question_set.pk]), {"uid": question.uid}, **HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="questions"')
    assert "1 question, 2 points" in html
    # The bank's row of the question says "Added" in place, and takes the keyboard's focus.
    row = re.search(rf'<li id="bank-q{question.pk}" hx-swap-oob="true">.*?</li>\s*$', html, re.S)
    assert row and 'class="added" tabindex="-1" data-focus' in row[0]
    assert f'name="uid" value="{question.uid}"' not in row[0]
    assert question_set.items.get().question == question


def test_adding_the_same_question_twice_keeps_one(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    question = Question.objects.active().first()
    for _ in range(2):
        client.post(reverse("quizzes:set_add", args=[question_set.pk]), {"uid": question.uid})
    assert question_set.items.count() == 1


def test_five_random_questions_from_a_topic_on_different_facts(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    client.post(
        reverse("quizzes:set_add_random", args=[question_set.pk]),
        {"topic": "chronology", "count": "5"},
    )
    items = list(question_set.items.select_related("question"))
    assert len(items) == 5 and {i.question.topic for i in items} == {"chronology"}
    facts = [f for i in items for f in i.question.facts]
    assert len(facts) == len(set(facts))


def test_reordering_and_removing_questions(teacher, client):
    question_set = published_set(owner=teacher, kinds=("single_choice", "true_false", "numeric"))
    first, second, third = (i.pk for i in question_set.items.order_by("position"))
    client.post(
        reverse("quizzes:set_move", args=[question_set.pk]),
        {"item": third, "direction": "up"},
        **HTMX,
    )
    assert list(question_set.items.order_by("position").values_list("pk", flat=True)) == [
        first,
        third,
        second,
    ]
    client.post(reverse("quizzes:set_remove", args=[question_set.pk]), {"item": first}, **HTMX)
    assert list(question_set.items.order_by("position").values_list("pk", "position")) == [
        (third, 0),
        (second, 1),
    ]


def test_settings_are_saved_and_bad_ones_explained(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    url = reverse("quizzes:set_edit", args=[question_set.pk])
    good = {"title": "3B, April 1917", "description": "", "language": "it", "time_limit_minutes": "15",
            "shuffle_questions": "on", "behaviour": "interactive", "tries": "4", "penalty": "0.5",
            "grace_seconds": "90", "attempts_allowed": "2", "grading_method": "average",
            "points_per_question": "1", "opens_at": "", "closes_at": ""}  # fmt: skip
    assert client.post(url, good).status_code == 302
    assert "Settings saved." in client.get(url).content.decode()  # where it redirects
    question_set.refresh_from_db()
    assert (question_set.title, question_set.language, question_set.time_limit_minutes) == (
        "3B, April 1917",
        "it",
        15,
    )
    assert question_set.shuffle_questions and question_set.behaviour == "interactive"
    assert (question_set.tries, question_set.penalty, question_set.grace_seconds) == (4, 0.5, 90)
    assert question_set.grading_method == "average"
    bad = dict(
        good,
        tries="9",
        time_limit_minutes="-3",
        opens_at="2026-05-02T10:00",
        closes_at="2026-05-01T10:00",
        title="",
    )
    html = client.post(url, bad, **HTMX).content.decode()
    assert "This field is required." in html
    assert "The closing time must come after the opening time." in html
    assert "Give a number from 2 to 5." in html
    # A negative time limit gets one message, not Django's "greater than or equal to 0" too.
    assert "Give a number from 1 to 300." in html and "greater than or equal" not in html
    # The first field in error (the title) takes the keyboard's focus.
    assert re.search(r'<input type="text" name="title"[^>]*data-focus', html)
    assert html.count("data-focus") == 1
    question_set.refresh_from_db()
    assert question_set.title == "3B, April 1917" and question_set.tries == 4
    # Saved with htmx: the focus goes to the message that says so.
    html = client.post(url, good, **HTMX).content.decode()
    assert re.search(
        r'<p class="saved" role="status" tabindex="-1" data-focus>Settings saved', html
    )


def test_publishing_gives_a_code_easy_to_read_aloud_a_link_and_a_qr_code(teacher, client):
    question_set = published_set(owner=teacher)
    assert re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}", question_set.code)
    html = client.get(reverse("quizzes:set_share", args=[question_set.pk])).content.decode()
    assert question_set.code in html
    assert f"http://testserver/j/{question_set.code}/" in html
    assert "<svg" in html and "<path" in html  # the QR code, drawn on the server


def test_a_set_without_questions_cannot_be_published(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    response = client.post(reverse("quizzes:set_publish", args=[question_set.pk]), follow=True)
    assert "Add at least one question before publishing." in response.content.decode()
    question_set.refresh_from_db()
    assert question_set.status == "draft" and question_set.code is None


def test_codes_never_use_confusable_characters():
    codes = {teaching.new_code() for _ in range(2000)}
    assert not set("".join(codes)) & set("0O1IL")


def test_closing_and_reopening(teacher, client):
    question_set = published_set(owner=teacher)
    client.post(reverse("quizzes:set_close", args=[question_set.pk]))
    question_set.refresh_from_db()
    assert question_set.status == "closed"
    client.post(reverse("quizzes:set_reopen", args=[question_set.pk]))
    question_set.refresh_from_db()
    assert question_set.status == "open"


def test_preview_shows_the_questions_and_records_nothing(teacher, client):
    question_set = published_set(owner=teacher, kinds=("matching", "ordering", "single_choice"))
    html = client.get(reverse("quizzes:set_preview", args=[question_set.pk])).content.decode()
    assert html.count('<fieldset class="question"') == 3 and "disabled" in html
    assert not Attempt.objects.exists()


def test_duplicating_copies_questions_and_settings_as_a_draft(teacher, client):
    question_set = published_set(owner=teacher, time_limit_minutes=12)
    client.post(reverse("quizzes:set_duplicate", args=[question_set.pk]))
    copy = QuestionSet.objects.exclude(pk=question_set.pk).get()
    assert copy.status == "draft" and copy.code is None and copy.time_limit_minutes == 12
    assert list(copy.items.values_list("question_id", flat=True)) == list(
        question_set.items.values_list("question_id", flat=True)
    )


def test_deleting_asks_to_confirm_on_a_page_of_its_own(teacher, client):
    question_set = published_set(owner=teacher)
    url = reverse("quizzes:set_delete", args=[question_set.pk])
    editor = client.get(reverse("quizzes:set_edit", args=[question_set.pk])).content.decode()
    # The editor links to the confirmation; no button there deletes at once.
    assert f'href="{url}"' in editor and f'action="{url}"' not in editor
    page = client.get(url).content.decode()
    assert f"Delete “{question_set.title}”?" in page
    assert "3 questions are removed for good" in page and "Keep it" in page
    assert QuestionSet.objects.filter(pk=question_set.pk).exists()


def test_a_set_without_attempts_is_deleted(teacher, client):
    question_set = published_set(owner=teacher)
    response = client.post(reverse("quizzes:set_delete", args=[question_set.pk]), follow=True)
    assert not QuestionSet.objects.filter(pk=question_set.pk).exists()
    assert f"The quiz “{question_set.title}” was deleted." in response.content.decode()


def test_a_set_with_attempts_asks_to_confirm_archiving(teacher, client):
    question_set = published_set(owner=teacher)
    teaching.set_start(question_set=question_set, nickname="Ann", owner_token="ann")
    page = client.get(reverse("quizzes:set_delete", args=[question_set.pk])).content.decode()
    assert f"Archive “{question_set.title}”?" in page
    assert "One student has taken this quiz, so it cannot be deleted" in page


def test_a_set_with_attempts_is_archived_and_keeps_its_results(teacher, client):
    question_set = published_set(owner=teacher)
    teaching.set_start(question_set=question_set, nickname="Ann", owner_token="ann")
    response = client.post(reverse("quizzes:set_delete", args=[question_set.pk]), follow=True)
    assert "archived, not deleted" in response.content.decode()
    question_set.refresh_from_db()
    assert question_set.status == "archived" and question_set.attempts.count() == 1
    assert (
        question_set.title in client.get(reverse("quizzes:teach") + "?archived=1").content.decode()
    )


def test_editing_a_set_with_attempts_keeps_their_questions_and_scores(teacher, client):
    question_set = published_set(owner=teacher, kinds=("single_choice", "true_false"))
    attempt = teaching.set_start(question_set=question_set, nickname="Ann", owner_token="ann")
    set_session(client, quiz_owner="ann")
    client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0))
    before = list(attempt.slots.values_list("question_id", flat=True))
    client.post(
        reverse("quizzes:set_remove", args=[question_set.pk]),
        {"item": question_set.items.first().pk},
    )
    teaching.set_add(
        question_set=question_set,
        questions=[Question.objects.active().filter(kind="numeric").first()],
    )
    attempt.refresh_from_db()
    assert list(attempt.slots.values_list("question_id", flat=True)) == before
    assert attempt.score == 1 and attempt.responses.get().fraction == 1


def test_a_set_exports_to_gift_and_moodle_xml(teacher, client):
    question_set = published_set(owner=teacher, kinds=("single_choice", "short_answer"))
    gift = client.get(reverse("quizzes:set_export", args=[question_set.pk, "gift"]))
    assert gift["Content-Disposition"].endswith('.txt"') and "::" in gift.content.decode()
    xml = client.get(reverse("quizzes:set_export", args=[question_set.pk, "moodlexml"]))
    assert xml.content.decode().count('<question type="') == 3  # category + 2
    assert (
        client.get(reverse("quizzes:set_export", args=[question_set.pk, "pdf"])).status_code == 404
    )


def test_the_printable_version_has_an_optional_answer_key(teacher, client):
    question_set = published_set(owner=teacher, kinds=("single_choice", "numeric"))
    url = reverse("quizzes:set_print", args=[question_set.pk])
    without = client.get(url).content.decode()
    with_key = client.get(url, {"key": "1"}).content.decode()
    assert "Answer key" not in without and "Answer key" in with_key
    payload = question_set.items.get(question__kind="numeric").question.payload
    assert f"<strong>{key_text(payload, 'en')}</strong>" in with_key
