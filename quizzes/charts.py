"""Charts drawn on the server as inline SVG: no chart library, nothing downloaded. Pure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # "40–50%"
    label_x: float


def bars(counts: list[int], *, width: int = 480, height: int = 180, margin: int = 24) -> list[Bar]:
    """A histogram of counts, one bar per band of ten percentage points."""
    if not counts:
        return []
    step = (width - 2 * margin) / len(counts)
    top = max(counts) or 1
    usable = height - 2 * margin
    out = []
    for index, count in enumerate(counts):
        bar_height = usable * count / top
        low = index * 100 // len(counts)
        high = (index + 1) * 100 // len(counts)
        out.append(
            Bar(
                x=margin + index * step + 2,
                y=margin + usable - bar_height,
                width=step - 4,
                height=bar_height,
                count=count,
                label=f"{low}–{high}%",
                label_x=margin + index * step + step / 2,
            )
        )
    return out


@dataclass(frozen=True)
class AnswerBar:
    """One row of a live question's answers: its label above a bar, the count beside it."""

    label: str
    count: int
    percent: int  # of the class
    correct: bool
    y: int  # top of the row
    width: float  # of the bar
    count_x: float  # where the count is written, after the bar


@dataclass(frozen=True)
class AnswerChart:
    bars: list[AnswerBar]
    width: int
    height: int
    bar_height: int


def answer_bars(
    counts, *, students: int, width: int = 720, row: int = 62, bar_height: int = 24
) -> AnswerChart:
    """Horizontal bars of how a class of ``students`` answered, one per count (``label``,
    ``count``, ``correct``): the longest bar is the most chosen, and every count is written
    out with its share of the class, so that nothing is told by length or colour alone."""
    top = max((c.count for c in counts), default=0) or 1
    usable = width - 130  # room for "300 (100%)" after the longest bar
    bars = []
    for index, c in enumerate(counts):
        length = usable * c.count / top
        bars.append(
            AnswerBar(
                label=c.text,
                count=c.count,
                percent=round(100 * c.count / students) if students else 0,
                correct=c.correct,
                y=index * row,
                width=max(length, 2.0),  # an empty bar still shows where it starts
                count_x=max(length, 2.0) + 10,
            )
        )
    return AnswerChart(bars, width, row * len(counts), bar_height)
