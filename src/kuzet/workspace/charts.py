"""Server-side SVG charts: no JavaScript, no chart library, nothing from a CDN.

Each chart is a plain ``<svg>`` whose bars are links to the entries behind them and
carry a ``<title>`` (the browser's tooltip, and what a screen reader announces). The
page puts the same numbers in a table beside the chart, so nothing is only visual.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["Bar", "Column", "Segment", "axis", "horizontal_bars", "nice_max", "stacked_columns"]


@dataclass(frozen=True, slots=True)
class Segment:
    """One coloured part of a stacked column."""

    key: str
    label: str
    value: int
    colour: str
    href: str


@dataclass(frozen=True, slots=True)
class Column:
    label: str  # x-axis label, e.g. "2024-03"
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    href: str
    note: str = ""  # shown after the label, e.g. an article's title


def nice_max(value: int) -> int:
    """A round axis maximum at or above ``value`` (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp  # pragma: no cover - the loop always returns


def axis(value: int) -> tuple[int, int]:
    """A whole-number axis for values up to ``value``: (top, step), about 4 steps."""
    step = nice_max(max(1, math.ceil(value / 4)))
    return max(step, math.ceil(value / step) * step), step


Unit = str | Callable[[int], str]  # a word after the number, or the number in words


def _amount(value: int, unit: Unit) -> str:
    """``3 entries``; a callable unit words the number itself (Russian: 3 записи, 5 записей)."""
    return unit(value) if callable(unit) else f"{value} {unit}"


def stacked_columns(
    columns: Sequence[Column], *, title: str, unit: Unit, chart_id: str, height: int = 260
) -> SafeString:
    """Vertical stacked columns (e.g. entries per month by type)."""
    left, bottom, top_pad = 44, 74, 12
    slot = max(14, min(48, 720 // max(1, len(columns))))
    width = left + slot * max(1, len(columns)) + 56  # room for the last slanted label
    plot_h = height - bottom - top_pad
    top, step = axis(max((c.total for c in columns), default=0))
    parts = [_svg_open(width, height, title, chart_id)]
    parts.append(_y_axis(top, step, left, width - 48, top_pad, plot_h))
    for i, col in enumerate(columns):
        x = left + i * slot + 2
        y = top_pad + plot_h
        for seg in col.segments:
            if seg.value <= 0:
                continue
            h = plot_h * seg.value / top
            y -= h
            tip = f"{col.label} · {seg.label}: {_amount(seg.value, unit)}"
            parts.append(
                f'<a href="{escape(seg.href)}" class="chart-link">'
                f'<rect x="{x}" y="{y:.1f}" width="{slot - 4}" height="{max(h, 0.5):.1f}" '
                f'fill="{escape(seg.colour)}"><title>{escape(tip)}</title></rect></a>'
            )
        if len(columns) <= 16 or i % math.ceil(len(columns) / 16) == 0:
            lx, ly = x + (slot - 4) / 2 - 3, top_pad + plot_h + 12
            parts.append(
                f'<text x="{lx:.1f}" y="{ly}" class="chart-xlabel" text-anchor="start" '
                f'transform="rotate(40 {lx:.1f} {ly})">{escape(col.label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def horizontal_bars(
    bars: Sequence[Bar], *, title: str, unit: Unit, chart_id: str, colour: str = "#2f6f9f"
) -> SafeString:
    """Horizontal bars with their labels (e.g. entries by region, top articles)."""
    label_w, bar_w, row = 230, 300, 24
    width = label_w + bar_w + 70
    height = max(1, len(bars)) * row + 8
    top = max((b.value for b in bars), default=0) or 1
    parts = [_svg_open(width, height, title, chart_id)]
    for i, bar in enumerate(bars):
        y = 4 + i * row
        w = bar_w * bar.value / top
        text = bar.label if not bar.note else f"{bar.label} — {bar.note}"
        shown = text if len(text) <= 34 else text[:33] + "…"
        tip = f"{text}: {_amount(bar.value, unit)}"
        parts.append(
            f'<a href="{escape(bar.href)}" class="chart-link">'
            f"<title>{escape(tip)}</title>"
            f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" class="chart-label">'
            f"{escape(shown)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row - 8}" '
            f'fill="{escape(colour)}"></rect>'
            f'<text x="{label_w + max(w, 1) + 5:.1f}" y="{y + 16}" class="chart-value">'
            f"{bar.value}</text></a>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _svg_open(width: int, height: int, title: str, chart_id: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{escape(chart_id)}-title" id="{escape(chart_id)}">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
    )


def _y_axis(top: int, step: int, left: int, right: int, top_pad: int, plot_h: int) -> str:
    out = []
    for tick in range(0, top + 1, step):
        y = top_pad + plot_h - plot_h * tick / top
        out.append(
            f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" class="chart-grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="chart-tick">'
            f"{tick}</text>"
        )
    return "".join(out)
