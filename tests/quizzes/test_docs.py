"""docs/questions.md describes the bank the generator builds: its table of make-up and its
figures are the bank's own."""

import re
from collections import Counter
from pathlib import Path

from quizzes.generation.drafts import Kind, Level

DOC = Path(__file__).resolve().parents[2] / "docs" / "questions.md"
TOPICS = {
    "Who took part": "composition",
    "People and roles": "people",
    "Bodies and elections": "bodies",
    "Resolutions": "resolutions",
    "Dates and votes": "chronology",
}
KINDS = [
    Kind.SINGLE_CHOICE,
    Kind.MULTIPLE_RESPONSE,
    Kind.TRUE_FALSE,
    Kind.NUMERIC,
    Kind.ORDERING,
    Kind.MATCHING,
    Kind.SHORT_ANSWER,
]


def row(drafts) -> list[int]:
    kinds = Counter(d.kind for d in drafts)
    understanding = sum(1 for d in drafts if d.level == Level.UNDERSTANDING)
    return [kinds[k] for k in KINDS] + [understanding, len(drafts)]


def test_the_make_up_table_in_docs_is_the_banks(bank):
    table = {}
    for line in DOC.read_text().splitlines():
        cells = [c.strip().strip("*") for c in line.strip("|").split("|")]
        if cells[0] in TOPICS or cells[0] == "all":
            table[cells[0]] = [int(c) for c in cells[1:]]
    assert table == {
        **{name: row([d for d in bank if d.topic == topic]) for name, topic in TOPICS.items()},
        "all": row(bank),
    }


def test_the_figures_in_docs_are_the_banks(bank):
    text = DOC.read_text()
    wrong = [o for d in bank for o in d.options if not o.correct]
    articles = Counter(d.articles for d in bank)
    assert f"{len(wrong)} wrong options in all" in text
    generic = [
        o
        for o in wrong
        if "figure in the articles" in o.feedback.en or "date nothing" in o.feedback.en
    ]
    assert f"the other {len(generic)} (figures and dates" in text
    recall = sum(1 for d in bank if d.level == Level.RECALL)
    assert re.search(rf"\b{recall} questions ask to\s+recall", text)
    assert f"{articles[('en', 'it')]} are in both" in text
    assert f"{articles[('it',)]} only in the Italian one" in text
    assert f"{articles[('en',)]} only in the English one" in text
