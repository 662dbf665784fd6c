"""Golden checks: questions of each kind, new kinds included, read in full in both languages."""

import pytest

from quizzes.generation.drafts import Level
from quizzes.generation.registry import generate
from tests.quizzes.kb_fixture import fact_base_from_fixture


@pytest.fixture(scope="module")
def bank():
    return {d.uid: d for d in generate(fact_base_from_fixture())}


def test_understanding_why_lenins_theses_came_too_late(bank):
    d = bank["understand/lenin-too-late"]
    assert d.level == Level.UNDERSTANDING
    assert (
        d.prompt.en
        == "Why could Lenin and his April Theses not shape the Conference's resolutions?"
    )
    assert d.prompt.it == (
        "Perché Lenin e le sue Tesi di aprile non poterono influire sulle risoluzioni della "
        "Conferenza?"
    )
    assert (
        d.key("en") == "Lenin reached Petrograd only on April 16, 1917, the Conference's last day."
    )
    assert d.key("it") == (
        "Lenin arrivò a Pietrogrado solo il 16 aprile 1917, ultimo giorno della Conferenza."
    )
    assert sorted(o.text.en for o in d.options if not o.correct) == [
        "Lenin led the Bolsheviks at the Conference and lost the vote on the war.",
        "Lenin opened the Conference but left before its resolutions came to a vote.",
        "The Conference voted the Theses down by 325 votes to 57.",
    ]
    opened = next(o for o in d.options if o.text.en.startswith("Lenin opened"))
    assert opened.feedback.it == (
        "No: la Conferenza fu aperta l'11 aprile 1917 da Nikolaj Čcheidze, presidente del Soviet "
        "di Pietrogrado; Lenin arrivò solo il 16 aprile 1917."
    )


def test_understanding_what_the_vote_shows_as_select_all(bank):
    d = bank["understand-select/vote-shows-minority"]
    assert d.prompt.en == (
        "What does the vote of 57 for and 325 against Kamenev's resolution to end the war show? "
        "Select all that apply."
    )
    assert d.prompt.it.startswith(
        "Che cosa mostra il voto sulla risoluzione di Kamenev per la fine della guerra, 57 "
        "favorevoli e 325 contrari?"
    )
    assert sorted(d.key("en")) == [
        "Of the delegates who voted, those against ending the war outnumbered those for it more "
        "than five to one.",
        "The Bolsheviks' call to end the war found little support among the delegates.",
    ]


def test_understanding_statement_asks_whether_an_answer_is_right(bank):
    d = bank["understand-statement/support-from-outside"]
    assert d.prompt.en.startswith(
        "What does Kamenev's appeal on April 15, 1917 tell us about the moderate socialists? “"
    )
    assert d.prompt.en.endswith("” True or false: this answer is right.")
    assert d.prompt.it.endswith("» Vero o falso: questa risposta è giusta.")
    assert "Georgij Plechanov" in d.explanation.it


def test_single_choice_who_opened_the_conference_explains_each_wrong_name(bank):
    d = bank["role-who/chkheidze/opened/conference"]
    assert d.prompt.en == "Who opened the All-Russian Conference of Soviets?"
    assert d.prompt.it == "Chi aprì la Conferenza panrussa dei Soviet?"
    assert d.key("it") == "Nikolaj Čcheidze"
    feedback = {o.text.en: o.feedback.en for o in d.options if not o.correct}
    assert (
        feedback["Lev Kamenev"]
        == "Lev Kamenev represented the Bolshevik faction at the Conference."
    )
    assert feedback["Vladimir Lenin"].startswith("On April 17, 1917, Vladimir Lenin presented")
    assert d.explanation.en.startswith(
        "Nikolay Chkheidze opened the All-Russian Conference of Soviets. Nikolay Chkheidze, the "
        "Menshevik chairman of the Petrograd Soviet, opened the Conference."
    )


def test_a_wrong_date_says_what_happened_that_day(bank):
    d = bank["event-when/lenin-arrives"]
    assert d.prompt.en == "What was the date when Vladimir Lenin returned to Petrograd from exile?"
    assert d.prompt.it == "In che giorno Vladimir Lenin rientrò a Pietrogrado dall'esilio?"
    theses = next(o for o in d.options if o.text.en == "April 17, 1917")
    assert theses.feedback.it == (
        "Il 17 aprile 1917 Vladimir Lenin presentò le sue «Tesi di aprile» a una riunione dei "
        "delegati bolscevichi della Conferenza."
    )
    assert "That was the last day of the Conference." in d.explanation.en


def test_the_italian_question_puts_a_short_verb_first(bank):
    assert bank["event-when/conference-opens"].prompt.it == (
        "In che giorno si aprì la Conferenza panrussa dei Soviet?"
    )


def test_numeric_delegates_accepts_a_tolerance_and_says_so(bank):
    d = bank["count/delegates/number"]
    assert d.prompt.en.endswith("Answers within 10 of the figure are accepted.")
    assert (d.number, d.tolerance) == (480, 10)
    assert "13 rear military units" in d.explanation.en


def test_a_wrong_figure_that_belongs_to_another_fact_says_so(bank):
    d = bank["tally/kamenev-resolution-vote/for/choice"]
    assert d.prompt.it == (
        "Quanti delegati votarono a favore della risoluzione di Kamenev per la fine della guerra?"
    )
    front = next(o for o in d.options if o.text.en == "26")
    assert front.feedback.en == "Delegates came from 26 separate front-line units."


def test_a_false_statement_is_a_misreading_a_student_might_hold(bank):
    d = bank["position/land-seizures"]
    if d.truth:
        assert d.prompt.en == "The resolution on land condemned spontaneous seizures of land."
    else:
        assert d.prompt.en == "The resolution on land approved spontaneous seizures of land."
        assert d.explanation.en.startswith("The resolution on land condemned")


def test_select_all_on_a_resolution_hides_one_misreading(bank):
    d = bank["resolution-select/land"]
    assert d.prompt.it == (
        "Che cosa affermò la risoluzione sulla terra? Seleziona tutte le risposte giuste."
    )
    wrong = [o for o in d.options if not o.correct]
    assert len(wrong) == 1 and wrong[0].feedback is not None


def test_ordering_of_the_five_days(bank):
    d = bank["ordering"]
    assert d.prompt.it == "Metti questi eventi nell'ordine in cui avvennero, dal primo all'ultimo."
    assert [i.text.en for i in d.items] == [
        "The All-Russian Conference of Soviets opened.",
        "Lev Kamenev put forward, for the Bolsheviks, a resolution calling for an end to the war.",
        "Lev Kamenev urged the moderate socialists who backed the Provisional Government to take "
        "Georgy Plekhanov's advice and join that government themselves.",
        "Vladimir Lenin returned to Petrograd from exile.",
        "Vladimir Lenin presented his “April Theses” to a meeting of the Bolshevik delegates of "
        "the Conference.",
    ]
    assert d.items[0].text.it == "Si aprì la Conferenza panrussa dei Soviet."


def test_short_answer_names_the_day_so_only_lenin_fits(bank):
    d = bank["event-type/lenin-arrives"]
    assert (
        d.prompt.en == "Who returned to Petrograd from exile on April 16, 1917? Type the surname."
    )
    assert (
        d.prompt.it == "Chi rientrò a Pietrogrado dall'esilio il 16 aprile 1917? Scrivi il cognome."
    )
    assert set(d.accepted) == {"Vladimir Lenin", "Lenin"}


def test_short_answer_accepts_both_transliterations(bank):
    d = bank["role-type/chkheidze/opened/conference"]
    assert {"Chkheidze", "Čcheidze", "Nikolai Chkheidze"} <= set(d.accepted)


def test_matching_statements_to_bodies(bank):
    d = bank["matching-bodies"]
    assert d.prompt.it == "Abbina ogni affermazione all'organo a cui si riferisce."
    assert len(d.pairs) == 3
