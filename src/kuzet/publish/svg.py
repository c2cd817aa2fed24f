"""Hand-made SVG bar charts: no script, no fonts to fetch, they print and work offline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

__all__ = ["bar_chart"]

BAR = 20  # height of one bar
GAP = 6
LABEL_WIDTH = 230
BAR_WIDTH = 360
VALUE_WIDTH = 80
CHAR = 6.6  # average width of a 12px character, to cut long labels


def _fit(label: str, width: float) -> str:
    most = int(width / CHAR)
    return label if len(label) <= most else label[: most - 1] + "…"


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _amount(value: float, unit: str, amount: Callable[[float], str] | None) -> str:
    """``3 entries``; ``amount`` words the number itself where a language needs it."""
    return amount(value) if amount else f"{_number(value)} {unit}"


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    unit: str,
    amount: Callable[[float], str] | None = None,
) -> str:
    """A horizontal bar chart of ``rows`` (label, value) as an ``<svg>`` element."""
    top = max((v for _, v in rows), default=0) or 1
    height = len(rows) * (BAR + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'aria-label="{escape(title)} ({escape(unit)})">'
        ),
        f"<title>{escape(title)} ({escape(unit)})</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = GAP + i * (BAR + GAP)
        length = max(1.0, BAR_WIDTH * value / top) if value else 0.0
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR * 0.72:.1f}" text-anchor="end" '
            f'font-size="12">{escape(_fit(str(label), LABEL_WIDTH - 10))}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR}" fill="#3f6e9e">'
            f"<title>{escape(str(label))}: {escape(_amount(value, unit, amount))}</title></rect>"
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR * 0.72:.1f}" '
            f'font-size="12">{_number(value)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
