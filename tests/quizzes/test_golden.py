"""Golden checks: a few questions of each kind, read in full in both languages."""

import pytest

from quizzes.generation.registry import generate
from tests.quizzes.kb_fixture import fact_base_from_fixture


@pytest.fixture(scope="module")
def bank():
    return {d.uid: d for d in generate(fact_base_from_fixture())}


def test_single_choice_who_opened_the_conference(bank):
    d = bank["role-who/chkheidze/opened/conference"]
    assert d.prompt.en == "Who opened the All-Russian Conference of Soviets?"
    assert d.prompt.it == "Chi aprì la Conferenza panrussa dei Soviet?"
    assert [o.text.en for o in d.ordered_options("en")] == [
        "Alexander Shlyapnikov",
        "Georgy Plekhanov",
        "Lev Kamenev",
        "Nikolay Chkheidze",
    ]
    assert [o.text.it for o in d.ordered_options("it")] == [
        "Aleksandr Šljapnikov",
        "Georgy Plekhanov",
        "Lev Kamenev",
        "Nikolaj Čcheidze",
    ]
    assert d.key("it") == "Nikolaj Čcheidze"
    assert d.explanation.it == (
        "Nikolaj Čcheidze aprì la Conferenza panrussa dei Soviet. "
        "Nikolaj Čcheidze era un menscevico."
    )


def test_single_choice_how_many_delegates(bank):
    d = bank["count/delegates/choice"]
    assert (d.prompt.en, d.prompt.it) == (
        "How many delegates attended the Conference?",
        "Quanti delegati parteciparono alla Conferenza?",
    )
    assert [o.text.en for o in d.ordered_options("en")] == ["480", "530", "580", "600"]
    assert d.explanation.it == "Alla Conferenza parteciparono 480 delegati."


def test_single_choice_which_body_elected_a_body_is_passive_in_italian(bank):
    d = bank["elected-which/organizational-bureau"]
    assert d.prompt.en == "Which body elected the Organizational Bureau?"
    assert d.prompt.it == "Da quale organo fu eletto l'Ufficio organizzativo?"
    assert d.key("it") == "Conferenza panrussa dei Soviet"


def test_multiple_response_on_the_presidium(bank):
    d = bank["members-select/presidium/0"]
    assert (
        d.prompt.en == "Who was elected to the presidium of the Conference? Select all that apply."
    )
    assert d.prompt.it == (
        "Chi fu eletto nel presidium della Conferenza? Seleziona tutte le risposte giuste."
    )
    assert d.key("it") == ["Abram Goc", "Ivan Teodorovič", "Vladimir Zavad'e"]
    assert [o.text.en for o in d.ordered_options("en") if not o.correct] == [
        "Lev Kamenev",
        "Vladimir Lenin",
    ]


def test_true_and_false_statements_about_a_date(bank):
    true, false = bank["event-true/lenin-arrives"], bank["event-false-date/kamenev-resolution"]
    assert true.prompt.en == "On April 16, 1917, Vladimir Lenin returned to Petrograd from exile."
    assert true.prompt.it == "Il 16 aprile 1917 Vladimir Lenin rientrò a Pietrogrado dall'esilio."
    assert true.truth is True
    assert false.prompt.it == (
        "L'11 aprile 1917 Lev Kamenev presentò, per conto dei bolscevichi, una risoluzione che "
        "chiedeva la fine della guerra."
    )
    assert false.truth is False
    assert false.explanation.en == (
        "On April 12, 1917 (March 30, 1917 in the Julian calendar then used in Russia), Lev "
        "Kamenev put forward, for the Bolsheviks, a resolution calling for an end to the war."
    )


def test_numeric_votes_against(bank):
    d = bank["tally/kamenev-resolution-vote/against/number"]
    assert d.prompt.en == "How many votes against did Kamenev's resolution to end the war receive?"
    assert d.prompt.it == (
        "Quanti voti contrari ricevette la risoluzione di Kamenev per la fine della guerra?"
    )
    assert (d.number, d.tolerance) == (325, 0)


def test_numeric_delegates_accepts_a_tolerance_and_says_so(bank):
    d = bank["count/delegates/number"]
    assert d.prompt.en.endswith("Answers within 10 of the figure are accepted.")
    assert (d.number, d.tolerance) == (480, 10)


def test_ordering_of_four_events(bank):
    d = bank["ordering/0"]
    assert d.prompt.it == "Metti questi eventi nell'ordine in cui avvennero, dal primo all'ultimo."
    assert [i.text.en for i in d.items] == [
        "The All-Russian Conference of Soviets opened.",
        "Lev Kamenev put forward, for the Bolsheviks, a resolution calling for an end to the war.",
        "Lev Kamenev urged the moderate socialists who backed the Provisional Government to take "
        "Georgy Plekhanov's advice and join that government themselves.",
        "Vladimir Lenin presented his “April Theses” to a meeting of the Bolshevik delegates of "
        "the Conference.",
    ]


def test_matching_the_counts(bank):
    d = bank["matching-counts"]
    assert d.prompt.it == "Abbina ogni gruppo al numero che gli articoli riportano."
    assert dict(d.key("it")) == {
        "Armate combattenti": "7",
        "Delegati": "480",
        "Unità autonome del fronte": "26",
        "Unità militari delle retrovie": "13",
        "Soviet": "139",
    }


def test_short_answer_who_presented_the_april_theses(bank):
    d = bank["event-type/april-theses"]
    assert d.prompt.en == (
        "Who presented his “April Theses” to a meeting of the Bolshevik delegates of the "
        "Conference on April 17, 1917? Type the surname."
    )
    assert d.prompt.it == (
        "Chi presentò le sue «Tesi di aprile» a una riunione dei delegati bolscevichi della "
        "Conferenza il 17 aprile 1917? Scrivi il cognome."
    )
    assert set(d.accepted) == {"Vladimir Lenin", "Lenin"}


def test_short_answer_accepts_both_transliterations(bank):
    d = bank["role-type/chkheidze/opened/conference"]
    assert {"Chkheidze", "Čcheidze", "Nikolai Chkheidze"} <= set(d.accepted)
