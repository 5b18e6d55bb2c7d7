"""Server-rendered line charts (SVG): readable without JavaScript, not by colour alone, printable.

Each series has its own line pattern and marker shape as well as its colour, and a legend names
them; the chart carries a text alternative (`title` and `desc`), and the page puts the same numbers
in a table beside it. Years without a figure are skipped: the line joins the figures that exist (the
Leefbaarometer is published every two years).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 560, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 92  # room for the axis labels and the legend below

# key → (colour, dash pattern, marker shape). Colours from the Rijkshuisstijl, distinct in greyscale too.
STYLES = {
    "area": ("#01689b", "", "circle"),
    "municipality": ("#39870c", "10 4", "diamond"),
    "nplv": ("#a90061", "5 4", "square"),
    "national": ("#383838", "2 4", "triangle"),
}
UNIT_SUFFIX = {"percentage": "%", "count": "", "score": "", "euro": ""}


def marker_path(shape: str, x: float, y: float, size: float = 4.5) -> str:
    """An SVG path for a marker: the shape, not only the colour, tells the series apart."""
    s = size
    if shape == "square":
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "diamond":
        return f"M{x:.1f},{y - s - 1:.1f}L{x + s + 1:.1f},{y:.1f}L{x:.1f},{y + s + 1:.1f}L{x - s - 1:.1f},{y:.1f}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - s - 1:.1f}L{x + s + 1:.1f},{y + s:.1f}L{x - s - 1:.1f},{y + s:.1f}Z"
    return f"M{x - s:.1f},{y:.1f}a{s},{s} 0 1,0 {2 * s:.1f},0a{s},{s} 0 1,0 {-2 * s:.1f},0Z"


@dataclass
class Point:
    x: float
    y: float
    year: int
    text: str
    marker: str = ""


@dataclass
class Line:
    key: str
    label: str
    colour: str
    dash: str
    marker: str
    path: str
    points: list[Point]
    legend_x: float = 0
    legend_y: float = 0
    legend_marker: str = ""


@dataclass
class LineChart:
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    x_ticks: list[tuple[float, int]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least `value` (so the axis has round ticks)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def format_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    text = number_format(value, 2, use_l10n=True)
    if unit == "euro":
        return f"€ {text}"
    return f"{text}{UNIT_SUFFIX.get(unit, '')}"


def line_chart(*, title: str, years: list[int], series: list[tuple[str, str, list]], unit: str) -> LineChart:
    """A chart of `series` (key, label, one value or None per year) over `years`."""
    figures = [float(v) for _k, _l, values in series for v in values if v is not None]
    low = min([0.0, *figures])
    high = max(figures, default=1.0)
    if unit == "percentage" and high > 50:
        high = 100.0
    top_value = nice_ceiling(high)
    bottom_value = -nice_ceiling(-low) if low < 0 else 0.0
    chart = LineChart(title=title, description="")
    span_x = chart.right - chart.left
    span_y = chart.bottom - chart.top

    def x_of(index: int) -> float:
        return chart.left + (span_x * index / (len(years) - 1) if len(years) > 1 else span_x / 2)

    def y_of(value: float) -> float:
        return chart.bottom - span_y * (value - bottom_value) / ((top_value - bottom_value) or 1)

    chart.x_ticks = [(round(x_of(i), 1), year) for i, year in enumerate(years)]
    for step in range(5):
        value = bottom_value + (top_value - bottom_value) * step / 4
        chart.y_ticks.append((round(y_of(value), 1), format_value(Decimal(str(round(value, 2))), unit)))

    sentences = []
    for index, (key, label, values) in enumerate(series):
        colour, dash, marker = STYLES.get(key, STYLES["national"])
        points = [
            Point(
                round(x_of(i), 1),
                round(y_of(float(v)), 1),
                years[i],
                format_value(v, unit),
                marker_path(marker, x_of(i), y_of(float(v))),
            )
            for i, v in enumerate(values)
            if v is not None
        ]
        path = " ".join(f"{'M' if n == 0 else 'L'}{p.x},{p.y}" for n, p in enumerate(points))
        line = Line(key, label, colour, dash, marker, path, points)
        line.legend_x = chart.left + (index % 2) * 250
        line.legend_y = chart.bottom + 44 + (index // 2) * 22
        line.legend_marker = marker_path(marker, line.legend_x + 15, line.legend_y)
        chart.lines.append(line)
        if points:
            first, last = points[0], points[-1]
            if first is last:
                sentences.append(
                    _("%(label)s: %(value)s in %(year)s") % {"label": label, "value": first.text, "year": first.year}
                )
            else:
                sentences.append(
                    _("%(label)s: van %(first)s in %(first_year)s naar %(last)s in %(last_year)s")
                    % {
                        "label": label,
                        "first": first.text,
                        "first_year": first.year,
                        "last": last.text,
                        "last_year": last.year,
                    }
                )
        else:
            sentences.append(_("%(label)s: geen cijfers") % {"label": label})
    chart.description = "; ".join(sentences) + "."
    return chart
