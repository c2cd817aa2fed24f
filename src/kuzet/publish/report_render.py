"""The report as a file: a standalone HTML page with SVG charts, Markdown, or an Excel workbook.

Every figure carries its title, what its numbers count, the period, and (in the
page and the workbook) the reminder that it covers only what was documented.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from html import escape

from django.utils.translation import get_language, npgettext, pgettext

from .report import Figure, Report
from .svg import bar_chart

__all__ = ["REPORT_FORMATS", "render_report"]

REPORT_FORMATS = ("html", "md", "xlsx")


def render_report(report: Report, fmt: str) -> bytes:
    if fmt == "html":
        return _html(report).encode("utf-8")
    if fmt == "md":
        return _md(report).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(REPORT_FORMATS)}")


def _cell(value: str | float) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return value


def _statuses(report: Report) -> str:
    return ", ".join(_status(s) for s in report.statuses)


def _status(status: str) -> str:
    """A review status in the active language (the people list's words); as stored in English."""
    words = status.replace("_", " ")
    shown = pgettext("review status", words)
    return shown if shown != words else status


def _scope(report: Report, figure: Figure) -> str:
    return pgettext("report", "Counts %(counts)s. Period: %(period)s. Entries with review status %(statuses)s.") % {
        "counts": figure.counts,
        "period": report.period,
        "statuses": _statuses(report),
    }


def _summary(report: Report, n: str) -> str:
    return pgettext("report", "Period: %(period)s. Entries: %(n)s (review status %(statuses)s).") % {
        "period": report.period,
        "n": n,
        "statuses": _statuses(report),
    }


def _none() -> str:
    return pgettext("report", "None documented in this period.")


def _amount(figure: Figure) -> Callable[[float], str] | None:
    """The charted number in words, for the counts a language words by the number
    (Russian: 1 запись, 3 записи, 5 записей); None: the number and the column's word."""
    if figure.columns[figure.value] not in (pgettext("report", "entries"), pgettext("report", "persons")):
        return None
    persons = figure.columns[figure.value] == pgettext("report", "persons")

    def words(value: float) -> str:
        n = int(value)
        if persons:
            return npgettext("report", "%(n)s person", "%(n)s persons", n) % {"n": f"{n:,}"}
        return npgettext("report", "%(n)s entry", "%(n)s entries", n) % {"n": f"{n:,}"}

    return words


# --- Markdown -------------------------------------------------------------------------


def _md_text(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _md(report: Report) -> str:
    lines = [
        f"# {_md_text(report.title)}",
        "",
        _summary(report, f"{report.entries:,}"),
        "",
        f"> {report.caveat}",
        "",
    ]
    for figure in report.figures:
        lines += [f"## {_md_text(figure.title)}", "", f"*{_md_text(_scope(report, figure))}*", ""]
        if not figure.rows:
            lines += [_none(), ""]
            continue
        lines.append("| " + " | ".join(_md_text(c) for c in figure.columns) + " |")
        numeric = [isinstance(v, (int, float)) for v in figure.rows[0]]
        lines.append("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
        for row in figure.rows:
            lines.append("| " + " | ".join(_md_text(_cell(v)) for v in row) + " |")
        lines.append("")
        if figure.note:
            lines += [_md_text(figure.note), ""]
    return "\n".join(lines).rstrip() + "\n"


# --- HTML -----------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
  max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem; }
.caveat { border-left: 4px solid #b36b00; background: #fff6e5; padding: .6rem .9rem; }
.scope { color: #555; font-size: .9rem; margin: .2rem 0 .6rem; }
table { border-collapse: collapse; margin: .4rem 0 1rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .7rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart text { font-family: system-ui, sans-serif; fill: #1d1d1f; }
section { break-inside: avoid; }
@media print { body { margin: 0; max-width: none; } .caveat { background: none; } }
"""


def _html_figure(report: Report, figure: Figure) -> str:
    parts = [f'<section id="{escape(figure.key)}">', f"<h2>{escape(figure.title)}</h2>",
             f'<p class="scope">{escape(_scope(report, figure))}</p>']
    if not figure.rows:
        parts.append(f"<p>{escape(_none())}</p></section>")
        return "\n".join(parts)
    if figure.chart and len(figure.rows) > 1:
        data = [(str(r[0]), float(r[figure.value])) for r in figure.rows]
        parts.append(bar_chart(data, title=figure.title, unit=figure.columns[figure.value], amount=_amount(figure)))
    numeric = [isinstance(v, (int, float)) for v in figure.rows[0]]
    head = "".join(
        f'<th{" class=n" if numeric[i] else ""} scope="col">{escape(c)}</th>' for i, c in enumerate(figure.columns)
    )
    body = "\n".join(
        "<tr>" + "".join(f'<td{" class=n" if numeric[i] else ""}>{escape(_cell(v))}</td>' for i, v in enumerate(row)) + "</tr>"
        for row in figure.rows
    )
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>")
    if figure.note:
        parts.append(f"<p class=\"scope\">{escape(figure.note)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def _html(report: Report) -> str:
    figures = "\n".join(_html_figure(report, f) for f in report.figures)
    return f"""<!doctype html>
<html lang="{escape(get_language() or "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(report.title)}</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>{escape(report.title)}</h1>
<p>{escape(_summary(report, f"{report.entries:,}"))}</p>
<p class="caveat">{escape(report.caveat)}</p>
{figures}
</main>
</body>
</html>
"""


# --- Excel ----------------------------------------------------------------------------


def _sheet_title(figure: Figure, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique in the workbook.
    base = "".join(c for c in figure.title if c not in "[]:*?/\\")[:31].strip()
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    summary = book.active
    summary.title = pgettext("report", "About")
    for line in (
        [report.title],
        [pgettext("report", "Period: %(period)s") % {"period": report.period}],
        [
            pgettext("report", "Entries: %(n)s (review status %(statuses)s)")
            % {"n": report.entries, "statuses": _statuses(report)}
        ],
        [report.caveat],
        [],
        [pgettext("report", "Sheet"), pgettext("report", "Counts")],
    ):
        summary.append(line)
    summary["A1"].font = Font(bold=True, size=14)
    summary["A4"].alignment = Alignment(wrap_text=True)
    summary.column_dimensions["A"].width = 45
    summary.column_dimensions["B"].width = 90
    used = {summary.title.lower()}
    for figure in report.figures:
        name = _sheet_title(figure, used)
        summary.append([name, figure.counts])
        sheet = book.create_sheet(name)
        sheet.append([figure.title])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([_scope(report, figure)])
        sheet.append([report.caveat])
        sheet.append([])
        sheet.append(list(figure.columns))
        header = sheet.max_row
        for cell in sheet[header]:
            cell.font = Font(bold=True)
        for row in figure.rows:
            sheet.append(list(row))
        if figure.note:
            sheet.append([])
            sheet.append([figure.note])
        sheet.column_dimensions["A"].width = 40
        if figure.chart and len(figure.rows) > 1:
            chart = BarChart()
            chart.type = "bar"
            chart.title = figure.title
            chart.y_axis.title = figure.columns[figure.value]
            chart.legend = None
            chart.height = max(7.5, 0.6 * len(figure.rows))
            col = figure.value + 1
            values = Reference(sheet, min_col=col, min_row=header, max_row=header + len(figure.rows))
            labels = Reference(sheet, min_col=1, min_row=header + 1, max_row=header + len(figure.rows))
            chart.add_data(values, titles_from_data=True)
            chart.set_categories(labels)
            sheet.add_chart(chart, f"{chr(ord('A') + len(figure.columns) + 1)}5")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
