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
