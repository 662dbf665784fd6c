"""Golden checks: questions of each kind, new kinds included, read in full in both languages."""

import itertools

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
    # 325 against 57 is 5.7 to one; "against the motion", not "against ending the war".
    assert sorted(d.key("en")) == [
        "The Bolsheviks' call to end the war found little support among the delegates.",
        "Votes against the motion outnumbered those for it by more than five to one.",
    ]
    assert "I voti contrari alla mozione furono più di cinque volte quelli favorevoli." in d.key(
        "it"
    )


def test_understanding_statement_asks_whether_a_students_answer_is_right(bank):
    d = bank["understand-statement/support-from-outside"]
    assert d.prompt.en.startswith(
        "True or false: asked “What does Kamenev's appeal on April 15, 1917 tell us about the "
        "moderate socialists?”, a student who answers “"
    )
    assert d.prompt.en.endswith("” is right.")
    assert d.prompt.it.startswith(
        "Vero o falso: alla domanda «Che cosa ci dice sui socialisti moderati l'appello lanciato "
        "da Kamenev il 15 aprile 1917?» risponde bene chi dice «"
    )
    assert d.prompt.it.endswith("».")
    assert "Georgij Plechanov" in d.explanation.it


def test_the_moderate_socialists_backed_the_government_as_parties_from_outside(bank):
    d = bank["understand/support-from-outside"]
    assert d.key("en") == (
        "As parties, they backed the Provisional Government without having joined it."
    )
    wrong = {o.text.en for o in d.options if not o.correct}
    assert "Their parties had already formally joined the Provisional Government." in wrong


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
    # Why Lenin is wrong: he reached Petrograd only on the Conference's last day.
    assert feedback["Vladimir Lenin"] == (
        "On April 16, 1917, Vladimir Lenin returned to Petrograd from exile. That was the last "
        "day of the Conference."
    )
    # Only the people who did something at the Conference: a presidium name that is never
    # the answer is the one a test-wise student would rule out.
    assert set(feedback) == {"Lev Kamenev", "Vladimir Lenin"}
    assert d.explanation.en.startswith(
        "Nikolay Chkheidze opened the All-Russian Conference of Soviets. The Petrograd Soviet "
        "stood at the centre of the Conference"
    )


def test_a_wrong_name_for_a_bolshevik_motion_says_the_person_was_a_menshevik(bank):
    d = bank["event-who/kamenev-resolution"]
    assert d.prompt.en == (
        "On April 12, 1917, who put forward, for the Bolsheviks, a resolution calling for an end "
        "to the war?"
    )
    chkheidze = next(o for o in d.options if o.ref == "person:chkheidze")
    assert chkheidze.feedback.en == (
        "Nikolay Chkheidze, a Menshevik, opened the All-Russian Conference of Soviets."
    )
    assert chkheidze.feedback.it == (
        "Nikolaj Čcheidze, menscevico, aprì la Conferenza panrussa dei Soviet."
    )


def test_a_wrong_party_says_who_belonged_to_it(bank):
    d = bank["party-which/chkheidze"]
    feedback = {o.text.en: o.feedback.en for o in d.options if not o.correct}
    # Only parties someone belonged to: the Socialist Revolutionaries, whom the articles give
    # no member, would never be the answer, so ruling them out would beat chance.
    assert feedback == {
        "Bolsheviks": "Lev Kamenev was a Bolshevik; Nikolay Chkheidze was a Menshevik.",
    }
    dominant = bank["parties-dominant"]
    bolsheviks = next(o for o in dominant.options if o.ref == "party:bolsheviks")
    assert bolsheviks.feedback.en == (
        "Both articles name only the Mensheviks and the Socialist Revolutionaries as the parties "
        "that dominated the Conference. Kamenev's resolution to end the war received 57 votes "
        "in favour and 325 against."
    )


def test_a_wrong_date_says_what_happened_that_day(bank):
    d = bank["event-when/lenin-arrives"]
    assert d.prompt.en == "On what date did Vladimir Lenin return to Petrograd from exile?"
    assert d.prompt.it == "In che giorno Vladimir Lenin rientrò a Pietrogrado dall'esilio?"
    appeal = next(o for o in d.options if o.text.en == "April 15, 1917")
    assert appeal.feedback.it.startswith(
        "Il 15 aprile 1917 Lev Kamenev esortò i socialisti moderati"
    )
    empty = [o for o in d.options if o.feedback and "date nothing" in o.feedback.en]
    # A day no fact holds says where it falls, never the Conference's own dates (the key).
    assert all("16" not in o.feedback.en for o in empty)
    assert "That was the last day of the Conference." in d.explanation.en
    # The Old Style date is ours, and the explanation says so.
    assert (
        "(April 3, 1917 in the Julian calendar then used in Russia, by our reckoning: the "
        "articles give only the Gregorian date)" in d.explanation.en
    )
    assert "secondo un nostro calcolo" in d.explanation.it


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
        d.prompt.en == "On April 16, 1917, who returned to Petrograd from exile? Type the surname."
    )
    assert (
        d.prompt.it
        == "Il 16 aprile 1917, chi rientrò a Pietrogrado dall'esilio? Scrivi il cognome."
    )
    assert set(d.accepted) == {"Vladimir Lenin", "Lenin"}


def test_short_answer_accepts_both_transliterations(bank):
    d = bank["role-type/chkheidze/opened/conference"]
    assert {"Chkheidze", "Čcheidze", "Nikolai Chkheidze"} <= set(d.accepted)


def test_matching_statements_to_bodies(bank):
    d = bank["matching-bodies"]
    assert d.prompt.it == "Abbina ogni affermazione all'organo a cui si riferisce."
    assert len(d.pairs) == 3


def test_the_day_of_kamenevs_motion_is_not_asked_for_its_own_sake(bank):
    for uid in ("event-when/kamenev-resolution", "event/kamenev-resolution"):
        assert uid not in bank
    assert "event-who/kamenev-resolution" in bank  # who put it forward is worth asking


def test_the_conference_electing_its_own_presidium_is_not_asked(bank):
    assert "elected/presidium" not in bank


def test_a_false_deed_swaps_in_a_body_the_articles_rule_out():
    """The Central Executive Committee, elected by the First Congress, cannot have been the
    body to convene it; the Executive Committee of the Petrograd Soviet is not ruled out, and
    the Petrograd Soviet was no "step"."""
    from quizzes.generation.bodies import deeds

    drafts = {d.uid: d for d in deeds(fact_base_from_fixture())}
    false = drafts["deed/organizational-bureau-convenes/false"]
    assert false.prompt.en == (
        "The All-Russian Central Executive Committee was given the task of convening the First "
        "All-Russian Congress of Soviets."
    )
    # The explanation says what the swapped-in body really was.
    assert false.explanation.en.startswith(
        "The Organizational Bureau was given the task of convening the First All-Russian "
        "Congress of Soviets. The articles say only that the First All-Russian Congress of "
        "Soviets elected the All-Russian Central Executive Committee."
    )
    assert "deed/conference-first-step/false" not in drafts
    assert "deed/conference-local-principles/false" not in drafts


def test_chain_of_bodies_asks_no_select_all_whose_second_answer_misses_the_question(bank):
    assert "understand-select/chain-of-bodies" not in bank
    assert "understand/chain-of-bodies" in bank


def test_misconceptions_are_misreadings_not_answers_that_refute_themselves(bank):
    wrong = {
        uid: {o.text.en for o in bank[uid].options if not o.correct}
        for uid in (
            "understand/majority-and-bolsheviks-on-the-war",
            "understand/war-condition",
            "understand/economy-through-the-state",
            "understand/delegates-breakdown",
        )
    }
    assert (
        "Both backed staying in the war and differed only over supporting the Provisional "
        "Government." in wrong["understand/majority-and-bolsheviks-on-the-war"]
    )
    assert (
        "That the Provisional Government stop the fighting at once and seek peace."
        in wrong["understand/war-condition"]
    )
    assert (
        "The workers themselves, controlling the economy factory by factory."
        in wrong["understand/economy-through-the-state"]
    )
    assert (
        "Every Soviet and every army unit sent just one delegate."
        in wrong["understand/delegates-breakdown"]
    )
    old = {
        "The Bolsheviks won the vote on the war, though the majority opposed them.",
        "That Russia leave the war, whatever the Provisional Government's policy.",
        "The owners of industry, left free of any control by the state.",
        "All 480 delegates came from the Petrograd Soviet alone.",
    }
    assert not old & set().union(*wrong.values())


def test_land_and_labour_explanation_names_the_resolutions_it_speaks_of(bank):
    d = bank["understand/land-and-labour"]
    assert d.explanation.en.startswith("The resolutions on land and on labour both said yes")
    assert d.explanation.it.startswith("Le risoluzioni sulla terra e sul lavoro")
    labour = bank["position/labour-eight-hours"]
    assert "Both resolutions" not in labour.explanation.en


def test_the_italian_speaks_of_land_occupations_and_a_faction_at_the_conference(bank):
    italian = " ".join(
        [d.prompt.it for d in bank.values()]
        + [d.explanation.it for d in bank.values()]
        + [o.text.it for d in bank.values() for o in d.options]
        + [o.feedback.it for d in bank.values() for o in d.options if o.feedback]
    )
    assert "occupazioni spontanee delle terre" in italian
    assert "indebite" not in italian and "appropriazioni" not in italian
    assert "frazione bolscevica alla Conferenza" in italian
    assert "frazione bolscevica della Conferenza" not in italian


def test_the_vote_on_kamenevs_resolution_is_typed_exactly(bank):
    """A tally is a count of votes, not an estimate: 320 is not what the articles say."""
    d = bank["tally/kamenev-resolution-vote/against/number"]
    assert (d.number, d.tolerance) == (325, 0)
    choice = bank["tally/kamenev-resolution-vote/for/choice"]
    figures = sorted(int(o.text.en) for o in choice.options)
    assert 57 in figures
    assert all(b >= a * 1.15 for a, b in itertools.pairwise(figures))


def test_the_conferences_opening_says_until_when_it_sat_in_both_languages(bank):
    d = bank["event-when/conference-opens"]
    assert d.explanation.en.endswith("The Conference sat for six days, until April 16, 1917.")
    assert d.explanation.it.endswith("La Conferenza durò sei giorni, fino al 16 aprile 1917.")


def test_the_conferences_close_says_from_when_it_sat_in_both_languages():
    """Said of its close, the span runs from the opening: «a partire dall'11 aprile»."""
    from quizzes.generation.explaining import how_long

    kb = fact_base_from_fixture()
    close = how_long(kb, kb.event("conference-closes").date)
    assert close.en == "The Conference sat for six days, from April 11, 1917."
    assert close.it == "La Conferenza durò sei giorni, a partire dall'11 aprile 1917."
    assert how_long(kb, kb.event("kamenev-resolution").date) is None  # a day in between


def test_a_wrong_body_known_only_by_its_election_says_so(bank):
    d = bank["elected-select/conference"]
    cec = next(o.feedback for o in d.options if o.ref == "body:central-executive-committee")
    assert cec.en == (
        "The articles say only that the First All-Russian Congress of Soviets elected the "
        "All-Russian Central Executive Committee."
    )
    assert cec.it == (
        "Gli articoli dicono soltanto che il Primo Congresso panrusso dei Soviet elesse il "
        "Comitato esecutivo centrale panrusso."
    )


def test_which_body_is_not_asked_with_bodies_that_are_never_the_answer(bank):
    """Only two bodies besides the Conference did something the articles tell (the
    Organizational Bureau, the Executive Committee): a "which body" question would need a
    third, such as the presidium, that is never the answer, and ruling it out beats chance.
    The Bureau's task is still asked, as a statement and in the matching question."""
    assert "body-which/organizational-bureau-convenes" not in bank
    assert "deed/organizational-bureau-convenes" in bank
    matched = [left.ref for left, _right in bank["matching-bodies"].pairs]
    assert "bodyfact:organizational-bureau-convenes" in matched


def test_an_italian_hint_speaks_of_the_person_sought(bank):
    """«La persona che cerchi», as «L'organo che cerchi»; «Chi cerchi aprì...» reads badly."""
    assert bank["role-who/chkheidze/chairman/petrograd-soviet"].hint.it == (
        "La persona che cerchi aprì la Conferenza panrussa dei Soviet."
    )
    assert bank["event-who/april-theses"].hint.it == (
        "Il 16 aprile 1917 la persona che cerchi rientrò a Pietrogrado dall'esilio."
    )
    assert all("chi cerchi" not in d.hint.it.casefold() for d in bank.values() if d.hint)


def test_a_misconceptions_correction_is_not_said_again_by_the_explanation_after_it(bank):
    """The correction names the dominant parties; the connection's sentence that names them
    again is left out."""
    d = bank["understand-statement/vote-shows-minority"]
    assert d.truth is False
    for lang, parties in (("en", "Mensheviks"), ("it", "menscevichi")):
        assert d.explanation[lang].count(parties) == 1, d.explanation[lang]
    assert d.explanation.en.endswith("the Bolsheviks' call to end the war found little support.")
