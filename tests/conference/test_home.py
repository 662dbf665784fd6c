"""The home page introduces the Conference in both languages, with numbers and a timeline."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def home(client, language):
    with translation.override(language):
        url = reverse("home")
    return client.get(url)


def test_home_page_in_english_shows_numbers_and_timeline_in_both_calendars(facts, client):
    response = home(client, "en")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<h1" in html and "All-Russian Conference of Soviets" in html
    for number in ("480", "139", "13", "7", "26"):
        assert f'<span class="number">{number}</span>' in html
    assert '<time datetime="1917-04-17">April 17, 1917</time>' in html
    assert "Old Style: April 4, 1917" in html
    assert "March 29, 1917" in html  # the opening day in the Julian calendar
    assert "57 in favour, 325 against" in html


def test_home_page_in_italian_is_written_in_italian(facts, client):
    response = home(client, "it")
    html = response.content.decode()
    assert '<html lang="it">' in html
    assert "La Conferenza panrussa dei Soviet" in html
    assert "17 aprile 1917" in html and "4 aprile 1917" in html
    assert "Nikolaj Čcheidze era il presidente del Soviet di Pietrogrado." in html
    assert "Cronologia" in html
    assert "Timeline" not in html and "Key numbers" not in html


def test_english_lives_at_the_root_and_italian_under_it(facts, client):
    assert 'lang="en"' in client.get("/", HTTP_ACCEPT_LANGUAGE="it").content.decode()
    assert 'lang="it"' in client.get("/it/").content.decode()


def test_the_language_switcher_changes_language_and_keeps_the_page(facts, client):
    response = client.post(reverse("set_language"), {"language": "it", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/it/"
    assert 'lang="it"' in client.get(response["Location"]).content.decode()


def test_the_home_page_needs_a_fixed_number_of_queries(
    facts, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        home(client, "en")


def test_the_home_page_survives_an_empty_fact_base(empty_fact_base, client):
    response = home(client, "en")
    assert response.status_code == 200
    assert "The All-Russian Conference of Soviets" in response.content.decode()


def test_fact_texts_with_html_are_shown_escaped(facts, client):
    from conference.models import Event

    Event.objects.filter(key="lenin-arrives").update(predicate_en="<script>alert(1)</script>")
    html = home(client, "en").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "language, name", [("en", "take Georgy Plekhanov&#x27;s advice"), ("it", "Georgij Plechanov")]
)
def test_the_timeline_names_people_instead_of_showing_references(facts, client, language, name):
    html = home(client, language).content.decode()
    assert name in html
    assert "{person:" not in html


def test_the_timeline_says_the_old_style_dates_are_ours(facts, client):
    html = home(client, "en").content.decode()
    assert "The articles give only the New Style dates" in html
