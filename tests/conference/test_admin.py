"""Admins find and edit every kind of fact, in both languages, and bad edits are refused."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from conference import models
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

MODELS = [
    models.Source,
    models.Paragraph,
    models.Party,
    models.Person,
    models.Body,
    models.BodyFact,
    models.Role,
    models.Membership,
    models.Event,
    models.Count,
    models.Vote,
    models.Resolution,
    models.Position,
    models.Connection,
]


def admin_url(model, view, *args):
    return reverse(f"admin:conference_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_superuser_opens_changelist_add_and_change_pages(facts, admin_client, model):
    obj = model.objects.first()
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_anonymous_visitor_is_sent_to_the_login_page(facts, client, model):
    obj = model.objects.first()
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_change_form_shows_english_and_italian_side_by_side(facts, admin_client):
    person = models.Person.objects.get(key="tsereteli")
    html = admin_client.get(admin_url(models.Person, "change", person.pk)).content.decode()
    row_start = html.index('name="name_en"')
    row = html[html.rfind('class="form-row', 0, row_start) : html.index("</fieldset>", row_start)]
    assert 'name="name_it"' in row  # the same form row holds both languages
    assert "Irak&#x27;li Ts&#x27;ereteli" in html and "Irakli Tsereteli" in html


def test_changelists_search_both_languages(facts, admin_client):
    response = admin_client.get(admin_url(models.Person, "changelist"), {"q": "Čcheidze"})
    assert "Nikolay Chkheidze" in response.content.decode()
    response = admin_client.get(admin_url(models.Event, "changelist"), {"q": "Pietrogrado"})
    assert "returned to Petrograd" in response.content.decode()


def test_event_changelist_filters_by_person(facts, admin_client):
    lenin = models.Person.objects.get(key="lenin")
    response = admin_client.get(
        admin_url(models.Event, "changelist"), {"person__id__exact": lenin.pk}
    )
    html = response.content.decode()
    assert "April Theses" in html and "put forward" not in html


def test_event_change_page_shows_the_julian_date(facts, admin_client):
    event = models.Event.objects.get(key="lenin-arrives")
    html = admin_client.get(admin_url(models.Event, "change", event.pk)).content.decode()
    assert "April 3, 1917" in html  # April 16 New Style


def test_an_unchanged_form_saves(facts, admin_client):
    body = models.Body.objects.get(key="presidium")
    url = admin_url(models.Body, "change", body.pk)
    data = change_form_data(admin_client.get(url))
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""


def test_negative_vote_count_is_refused(facts, admin_client):
    vote = models.Vote.objects.get(key="kamenev-resolution-vote")
    url = admin_url(models.Vote, "change", vote.pk)
    data = change_form_data(admin_client.get(url))
    count_field = next(k for k, v in data.items() if k.endswith("-count") and v == "57")
    data[count_field] = "-5"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    assert vote.tallies.get(choice="for").count == 57


def test_a_date_outside_1917_is_refused(facts, admin_client):
    event = models.Event.objects.get(key="kamenev-appeal")
    url = admin_url(models.Event, "change", event.pk)
    data = change_form_data(admin_client.get(url))
    data["date"] = "1918-04-15"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "The date must fall in 1917 (New Style)." in response.content.decode()
    event.refresh_from_db()
    assert event.date.year == 1917


def test_a_member_added_twice_is_refused(facts, admin_client):
    body = models.Body.objects.get(key="presidium")
    url = admin_url(models.Body, "change", body.pk)
    data = change_form_data(admin_client.get(url))
    total = int(data["memberships-TOTAL_FORMS"])
    first = {k.split("-", 2)[2]: v for k, v in data.items() if k.startswith("memberships-0-")}
    for field, value in first.items():
        if field not in ("id", "DELETE"):
            data[f"memberships-{total}-{field}"] = value
    data[f"memberships-{total}-body"] = str(body.pk)
    data["memberships-TOTAL_FORMS"] = str(total + 1)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()
    assert body.memberships.count() == 13


def test_an_empty_italian_text_is_refused(facts, admin_client):
    person = models.Person.objects.get(key="nogin")
    url = admin_url(models.Person, "change", person.pk)
    data = change_form_data(admin_client.get(url))
    data["name_it"] = ""
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    person.refresh_from_db()
    assert person.name_it == "Viktor Nogin"


def test_an_empty_english_text_is_refused(facts, admin_client):
    count = models.Count.objects.get(key="soviets")
    url = admin_url(models.Count, "change", count.pk)
    data = change_form_data(admin_client.get(url))
    data["label_en"] = "   "
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_a_fact_without_citation_is_refused(facts, admin_client):
    count = models.Count.objects.get(key="soviets")
    url = admin_url(models.Count, "change", count.pk)
    data = change_form_data(admin_client.get(url))
    data.pop("cited_in")
    response = admin_client.post(url, data)
    assert "Cite at least one paragraph" in response.content.decode()
    assert count.cited_in.count() == 2


def test_a_statement_without_its_number_slot_is_refused(facts, admin_client):
    count = models.Count.objects.get(key="soviets")
    url = admin_url(models.Count, "change", count.pk)
    data = change_form_data(admin_client.get(url))
    data["statement_it"] = "I delegati provenivano da molti Soviet."
    response = admin_client.post(url, data)
    assert "Write {number} where the number goes." in response.content.decode()


def test_an_edit_in_both_languages_is_saved(facts, admin_client):
    person = models.Person.objects.get(key="khinchuk")
    url = admin_url(models.Person, "change", person.pk)
    data = change_form_data(admin_client.get(url))
    data["name_it"] = "Lev Chinciuk"
    assert admin_client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert (person.name_en, person.name_it) == ("Lev Khinchuk", "Lev Chinciuk")


def test_an_admin_rewrites_a_connection_and_the_bank_follows(
    facts, admin_client, django_capture_on_commit_callbacks
):
    from quizzes.models import Question

    connection = models.Connection.objects.get(key="war-condition")
    url = admin_url(models.Connection, "change", connection.pk)
    data = change_form_data(admin_client.get(url))
    data["statement_en"] = "That the government renounce every aim of conquest."
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    question = Question.objects.active().get(uid="understand/war-condition")
    texts = [o["text"]["en"] for o in question.payload["options"]]
    assert "That the government renounce every aim of conquest." in texts


def test_a_reference_that_names_nothing_is_refused_and_nothing_is_saved(facts, admin_client):
    connection = models.Connection.objects.get(key="lenin-too-late")
    url = admin_url(models.Connection, "change", connection.pk)
    data = change_form_data(admin_client.get(url))
    data["explanation_en"] = "As {person:nobody} said, the Conference closed too early."
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "These references name nothing in the fact base: {person:nobody}." in (
        response.content.decode()
    )
    connection.refresh_from_db()
    assert "{person:nobody}" not in connection.explanation_en


def test_a_link_to_no_fact_is_refused_with_a_message(facts, admin_client):
    connection = models.Connection.objects.get(key="lenin-too-late")
    url = admin_url(models.Connection, "change", connection.pk)
    data = change_form_data(admin_client.get(url))
    data["links"] = "event:lenin-arrives\nevent:no-such-event"
    response = admin_client.post(url, data)
    assert "These name no fact: event:no-such-event." in response.content.decode()


def test_a_connection_links_each_fact_it_connects_to_that_facts_page(facts, admin_client):
    connection = models.Connection.objects.get(key="lenin-too-late")
    html = admin_client.get(admin_url(models.Connection, "change", connection.pk)).content
    event = models.Event.objects.get(key="lenin-arrives")
    assert admin_url(models.Event, "change", event.pk) in html.decode()


def test_a_reference_in_an_event_to_nobody_is_refused(facts, admin_client):
    event = models.Event.objects.get(key="kamenev-appeal")
    url = admin_url(models.Event, "change", event.pk)
    data = change_form_data(admin_client.get(url))
    data["predicate_it"] = "esortò i socialisti a seguire il consiglio di {person:plechanov}"
    response = admin_client.post(url, data)
    assert "{person:plechanov}" in response.content.decode()
    event.refresh_from_db()
    assert "{person:plekhanov}" in event.predicate_it


def test_connection_titles_show_names_and_figures_not_references(facts, admin_client):
    """ "What does the vote of 57 for and 325 against ...", never "{tally:...}"."""
    html = admin_client.get(admin_url(models.Connection, "changelist")).content.decode()
    assert "What does the vote of 57 for and 325 against Kamenev" in html
    assert "the 480 delegates came from show?" in html
    assert "appeal on April 15, 1917 tell us" in html
    assert "{count:" not in html and "{tally:" not in html and "{on:" not in html
    breakdown = models.Connection.objects.get(key="delegates-breakdown")
    change = admin_client.get(admin_url(models.Connection, "change", breakdown.pk))
    title = change.content.decode().split("<title>", 1)[1].split("</title>", 1)[0]
    assert "480 delegates" in title and "{count:" not in title
    # The form itself keeps the references, so that an admin edits them, not copies.
    assert "{count:delegates}" in change.content.decode()


def test_event_list_shows_the_person_a_reference_names(facts, admin_client):
    html = admin_client.get(admin_url(models.Event, "changelist")).content.decode()
    assert "Georgy Plekhanov" in html and "{person:plekhanov}" not in html


def test_a_connections_sentences_are_edited_whole_and_its_misconceptions_stacked(
    facts, admin_client
):
    connection = models.Connection.objects.get(key="lenin-too-late")
    response = admin_client.get(admin_url(models.Connection, "change", connection.pk))
    html = response.content.decode()
    for name in ("question_en", "question_it", "statement_en", "statement_it", "also_en",
                 "misconceptions-0-statement_en", "misconceptions-0-correction_it"):  # fmt: skip
        assert f'<textarea name="{name}"' in html, name
    misconception = connection.misconceptions.order_by("order").first()
    assert f">\n{escape(misconception.correction_en)}</textarea>" in html  # the sentence whole
    # Stacked: one misconception's fields under each other, not a table 1,600 px wide.
    group = html[html.index('id="misconceptions-group"') :][:200]
    assert 'data-inline-type="stacked"' in group


def test_a_connection_edited_in_its_boxes_is_saved(facts, admin_client):
    connection = models.Connection.objects.get(key="lenin-too-late")
    url = admin_url(models.Connection, "change", connection.pk)
    data = change_form_data(admin_client.get(url))
    data["misconceptions-0-correction_en"] = "No: " + "the articles say otherwise. " * 5
    assert admin_client.post(url, data).status_code == 302
    first = connection.misconceptions.order_by("order").first()
    assert first.correction_en.startswith("No: the articles say otherwise.")


def test_every_translated_sentence_is_edited_in_a_box_that_shows_it_whole(facts, admin_client):
    pages = {
        models.Count: ("question_en", "question_it", "statement_en", "statement_it"),
        models.Event: ("predicate_en", "predicate_it"),
        models.Position: ("predicate_en", "misconception_it"),
        models.Vote: ("motion_en", "motion_it"),
    }
    for model, names in pages.items():
        obj = model.objects.first()
        html = admin_client.get(admin_url(model, "change", obj.pk)).content.decode()
        for name in names:
            assert f'<textarea name="{name}"' in html, (model.__name__, name)
    # Names stay one-line inputs.
    person = models.Person.objects.first()
    html = admin_client.get(admin_url(models.Person, "change", person.pk)).content.decode()
    assert '<input type="text" name="name_en"' in html


def test_a_facts_citations_link_to_the_article_and_name_the_paragraph(facts, admin_client):
    source = models.Source.objects.get(language="en")
    source.address = "https://example.org/all-russian-conference"
    source.save()
    event = models.Event.objects.filter(cited_in__source=source).first()
    paragraph = event.cited_in.filter(source=source).first()
    html = admin_client.get(admin_url(models.Event, "change", event.pk)).content.decode()
    assert (
        f'<a href="https://example.org/all-russian-conference" hreflang="en">'
        f"{escape(source.title)} (en), ¶{paragraph.number}</a>"
    ) in html
    # The picker of paragraphs says what it picks.
    assert "Cited paragraphs" in html and "cited in" not in html.lower()


@pytest.mark.django_db(transaction=True)
def test_saving_a_fact_says_what_the_question_bank_refresh_changed(question_bank, admin_client):
    connection = models.Connection.objects.get(key="war-condition")
    url = admin_url(models.Connection, "change", connection.pk)
    data = change_form_data(admin_client.get(url))
    data["statement_en"] = "That the government renounce every aim of conquest."
    response = admin_client.post(url, data, follow=True)
    html = response.content.decode()
    assert "The question bank was refreshed: 1 question changed." in html
    # Saved unchanged: said too, so the admin knows the bank is in step.
    response = admin_client.post(url, change_form_data(admin_client.get(url)), follow=True)
    assert "The question bank was refreshed: no question changed." in response.content.decode()


def test_the_loaded_articles_link_to_their_public_pages(facts, admin_client):
    # The fact base as `make run` loads it: each citation leads to the article it cites.
    addresses = dict(models.Source.objects.values_list("language", "address"))
    assert addresses == {
        "en": "https://en.wikipedia.org/wiki/All-Russian_Conference_of_the_Soviets",
        "it": "https://it.wikipedia.org/wiki/Bozza:Conferenza_panrussa_dei_Soviet",
    }
    event = models.Event.objects.filter(cited_in__source__language="it").first()
    html = admin_client.get(admin_url(models.Event, "change", event.pk)).content.decode()
    assert f'<a href="{addresses["it"]}" hreflang="it">' in html


def test_a_fact_base_loaded_before_the_addresses_gets_them_and_an_admins_one_stays(facts):
    from importlib import import_module

    from django.apps import apps

    fill = import_module("conference.migrations.0004_source_addresses").fill
    models.Source.objects.filter(language="en").update(address="")
    models.Source.objects.filter(language="it").update(address="https://example.org/it")
    fill(apps, None)
    addresses = dict(models.Source.objects.values_list("language", "address"))
    assert addresses["en"] == "https://en.wikipedia.org/wiki/All-Russian_Conference_of_the_Soviets"
    assert addresses["it"] == "https://example.org/it"
