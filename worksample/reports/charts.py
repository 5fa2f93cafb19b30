"""Geometry for the cohort page's two inline SVG charts; the templates draw the shapes.

Computing positions here keeps the templates free of arithmetic and lets the text inside the
SVG (criterion titles) go through the same autoescaping as the rest of the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.reports.view import CohortIndex

WIDTH = 640
LEVEL_KEYS = ("1", "2", "3", "4", "unrated")
LEVEL_COLOURS = {"1": "#b3261e", "2": "#e8a33d", "3": "#7cb36a", "4": "#1f7a3a",
                 "unrated": "#c9c9cf"}


@dataclass(frozen=True)
class Rect:
    """One rectangle with its label and what a hover title says."""

    x: float
    y: float
    width: float
    height: float
    label: str
    title: str
    colour: str = "#3b6ea8"


@dataclass(frozen=True)
class Histogram:
    """Score distribution: one bar per 10 points, and the pass mark as a line."""

    width: int
    height: int
    baseline: float
    bars: list[Rect]
    pass_x: float
    pass_label: str


@dataclass(frozen=True)
class LevelRow:
    """One criterion: its title and one segment per level 1-4 and 'unrated'."""

    y: float
    title: str
    segments: list[Rect]


@dataclass(frozen=True)
class LevelChart:
    """Per-criterion stacked bars of how many candidates reached each level."""

    width: int
    height: int
    rows: list[LevelRow]
    legend: list[Rect]


def score_histogram(index: CohortIndex, pass_score: float) -> Histogram:
    """Bars for the ten score bins (0-9 ... 90-100) scaled to the largest bin."""
    height, top, bottom, left = 220, 20, 30, 30
    plot_width, plot_height = WIDTH - left - 10, height - top - bottom
    tallest = max(index.distribution, default=0) or 1
    step = plot_width / 10
    bars = []
    for number, count in enumerate(index.distribution):
        bar_height = plot_height * count / tallest
        low = number * 10
        bins = f"{low}-{low + 9}" if number < 9 else "90-100"
        bars.append(Rect(x=left + number * step + 2, y=top + plot_height - bar_height,
                         width=step - 4, height=bar_height, label=str(low),
                         title=f"{count} candidate(s) scored {bins}"))
    return Histogram(width=WIDTH, height=height, baseline=top + plot_height, bars=bars,
                     pass_x=left + plot_width * pass_score / 100,
                     pass_label=f"pass {pass_score:g}")


def level_chart(index: CohortIndex) -> LevelChart:
    """One stacked bar per criterion: the share of candidates at each level."""
    label_width, row_height, top = 230, 28, 10
    plot_width = WIDTH - label_width - 10
    rows = []
    for number, criterion in enumerate(index.criteria):
        total = sum(criterion.counts.values()) or 1
        y, x, segments = top + number * row_height, float(label_width), []
        for key in LEVEL_KEYS:
            count = criterion.counts.get(key, 0)
            width = plot_width * count / total
            if count:
                name = "not rated yet" if key == "unrated" else f"level {key}"
                segments.append(Rect(x=x, y=y, width=width, height=row_height - 8,
                                     label=str(count), title=f"{count} at {name}",
                                     colour=LEVEL_COLOURS[key]))
            x += width
        rows.append(LevelRow(y=y, title=criterion.title, segments=segments))
    legend_y = top + len(rows) * row_height + 6
    legend = [Rect(x=label_width + i * 80, y=legend_y, width=12, height=12,
                   label="not rated" if key == "unrated" else f"level {key}", title="",
                   colour=LEVEL_COLOURS[key]) for i, key in enumerate(LEVEL_KEYS)]
    return LevelChart(width=WIDTH, height=legend_y + 24, rows=rows, legend=legend)
