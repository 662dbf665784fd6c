"""Moving an item of an ordering question: in place with htmx, and without JavaScript a
redirect, so that a reload shows the list again rather than resending the move."""

import re

import pytest
from django.urls import reverse

from tests.quizzes.student import shown, start

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def tokens_in(html: str) -> list[str]:
    return re.findall(r'name="order" value="([a-z0-9]+)"', html)


def test_without_javascript_a_move_redirects_to_the_moved_list(question_bank, client):
    attempt = start(client, kinds=["ordering", "true_false"])
    order = [item.token for item in shown(attempt, 0).items]
    response = client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"position": "0", "order": order, "move": f"down:{order[0]}"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"].split("#")[0])  # what a reload asks for again
    html = page.content.decode()
    assert tokens_in(html) == [order[1], order[0], *order[2:]]
    # The moved item's button takes the focus, without JavaScript too.
    assert re.search(rf'value="down:{order[0]}" class="move" data-focus autofocus', html)
    assert not attempt.responses.exists()


def test_with_htmx_a_move_answers_in_place(question_bank, client):
    attempt = start(client, kinds=["ordering", "true_false"])
    order = [item.token for item in shown(attempt, 0).items]
    response = client.post(
        reverse("quizzes:answer", args=[attempt.pk]),
        {"position": "0", "order": order, "move": f"down:{order[0]}"},
        **HTMX,
    )
    assert response.status_code == 200
    assert tokens_in(response.content.decode()) == [order[1], order[0], *order[2:]]


def test_an_order_in_the_address_that_does_not_fit_the_question_is_ignored(question_bank, client):
    attempt = start(client, kinds=["ordering", "true_false"])
    order = [item.token for item in shown(attempt, 0).items]
    url = reverse("quizzes:take", args=[attempt.pk])
    html = client.get(url, {"order": ["forged", *order[1:]]}).content.decode()
    assert tokens_in(html) == order


@pytest.mark.parametrize("behaviour", ["immediate", "deferred"])
def test_an_item_moved_to_the_top_keeps_the_focus_on_its_other_button(
    question_bank, client, behaviour
):
    # At the top, "up" is disabled: the focus goes to the same item's "down", not the page.
    attempt = start(client, kinds=["ordering", "true_false"], behaviour=behaviour)
    order = [item.token for item in shown(attempt, 0).items]
    url = "quizzes:answer" if behaviour == "immediate" else "quizzes:save"
    html = client.post(
        reverse(url, args=[attempt.pk]),
        {"position": "0", "order": order, "move": f"up:{order[1]}"},
        **HTMX,
    ).content.decode()
    assert tokens_in(html) == [order[1], order[0], *order[2:]]
    assert re.search(rf'value="down:{order[1]}" class="move" data-focus', html)


def test_a_deferred_move_without_javascript_comes_back_with_the_focus_on_its_button(
    question_bank, client
):
    attempt = start(client, kinds=["ordering", "true_false"], behaviour="deferred")
    order = [item.token for item in shown(attempt, 0).items]
    response = client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {"position": "0", "order": order, "move": f"down:{order[0]}"},
    )
    assert response.status_code == 302
    html = client.get(response["Location"].split("#")[0]).content.decode()
    assert tokens_in(html) == [order[1], order[0], *order[2:]]
    assert re.search(rf'value="down:{order[0]}" class="move" data-focus autofocus', html)
