"""Tables of the report: one object per table, rendered to HTML and written to XLSX.

A :class:`ReportTable` keeps the raw numbers (for the workbook) and a per-column number of
decimals (for the HTML, formatted per language). Column headers carry their units.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup, escape

from aimaq.report.text import fmt_number

__all__ = ["HIGHLIGHT_FILLS", "Column", "ReportTable", "table_of", "to_html", "write_xlsx"]


@dataclass
class ReportTable:
    """One table of the report.

    Attributes
    ----------
    id : str
        Anchor in the HTML and base of the sheet name.
    title : str
        Title in the report's language.
    frame : pd.DataFrame
        Values; column headers include their units.
    digits : dict
        Column -> decimals for display (columns not listed are shown as text, numbers with 1).
    notes : list of str
        Notes printed under the table and in the sheet.
    sources : list of str
        Citations of the figures in the table.
    number : int
        Table number in the report (set by the builder).
    highlight : dict
        Column -> ascending thresholds: a numeric cell at or above the *k*-th threshold is
        shaded with class ``hl<k>`` (a heat-map table, e.g. location quotients ≥ 1, ≥ 1.5, ≥ 2);
        the workbook gets the same fills.
    """

    id: str
    title: str
    frame: pd.DataFrame
    digits: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    number: int = 0
    highlight: dict[str, list[float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    """One column of a table built by :func:`table_of`: header (with its unit), decimals shown
    (``None``: shown as text) and an optional pandas dtype (e.g. ``"Int64"`` for counts with
    gaps)."""

    header: str
    digits: int | None = None
    dtype: str | None = None


def table_of(
    tid: str,
    title: str,
    columns: list[Column],
    rows: list[list],
    notes: list[str] | None = None,
    sources: list[str] | None = None,
    highlight: dict[str, list[float]] | None = None,
) -> ReportTable:
    """A :class:`ReportTable` from rows and a column list that carries each column's format.

    Examples
    --------
    >>> tab = table_of("t", "T", [Column("region"), Column("value, %", 1)], [["A", 1.25]])
    >>> tab.frame.columns.tolist(), tab.digits
    (['region', 'value, %'], {'value, %': 1})
    """
    df = pd.DataFrame(rows, columns=[c.header for c in columns])
    for c in columns:
        if c.dtype is not None:
            df[c.header] = df[c.header].astype(c.dtype)
    return ReportTable(
        tid,
        title,
        df,
        digits={c.header: c.digits for c in columns if c.digits is not None},
        notes=list(notes or []),
        sources=list(sources or []),
        highlight=dict(highlight or {}),
    )


#: Fills of the highlight levels (light -> dark), in the HTML (CSS ``hl1`` ...) and the workbook.
HIGHLIGHT_FILLS = ["#fde0c5", "#facba6", "#f59e72"]


def _level(v, thresholds: list[float]) -> int:
    """Number of ``thresholds`` at or below the numeric ``v`` (0 for text or missing)."""
    if _missing(v) or isinstance(v, bool | str):
        return 0
    try:
        x = float(v)
    except (TypeError, ValueError):
        return 0
    return min(sum(x >= th for th in thresholds), len(HIGHLIGHT_FILLS))


def _missing(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _cell(v, digits: int | None, lang: str) -> str:
    if _missing(v):
        return "–"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int | float) and not isinstance(v, bool):
        return fmt_number(v, lang, 1 if digits is None else digits)
    try:
        import numpy as np

        if isinstance(v, np.integer | np.floating):
            return fmt_number(float(v), lang, 1 if digits is None else digits)
    except ImportError:  # pragma: no cover
        pass
    return str(v)


def to_html(table: ReportTable, lang: str = "en") -> Markup:
    """The table as an HTML ``<table>`` with numbers formatted for ``lang``."""
    df = table.frame
    head = "".join(f"<th>{escape(str(c))}</th>" for c in df.columns)
    rows = []
    numeric = {c: pd.api.types.is_numeric_dtype(df[c]) for c in df.columns}
    for rec in df.itertuples(index=False, name=None):
        tds = []
        for c, v in zip(df.columns, rec, strict=True):
            lvl = _level(v, table.highlight[c]) if c in table.highlight else 0
            cls = ("num" if numeric[c] else "") + (f" hl{lvl}" if lvl else "")
            cls = f' class="{cls.strip()}"' if cls else ""
            tds.append(f"<td{cls}>{escape(_cell(v, table.digits.get(c), lang))}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return Markup(
        f'<div class="table-wrap"><table class="data"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _sheet_name(table: ReportTable, used: set[str]) -> str:
    base = re.sub(r"[\[\]\*\?/\\:]", "_", f"{table.number:02d}_{table.id}")[:31]
    name, i = base, 2
    while name.lower() in used:
        suffix = f"~{i}"
        name, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(name.lower())
    return name


def write_xlsx(tables: list[ReportTable], path: str | os.PathLike, title: str = "") -> list[str]:
    """Write every table to its own sheet of ``path`` (openpyxl); return the sheet names.

    Each sheet has the table title in row 1, the headers (with units) in row 3 and the values
    below, then the notes and sources. A first sheet ``contents`` lists the tables. Written in
    openpyxl's write-only (streaming) mode.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    toc = wb.create_sheet("contents")
    bold, big = Font(bold=True), Font(bold=True, size=13)

    def styled(ws, value, font):
        c = WriteOnlyCell(ws, value=value)
        c.font = font
        return c

    used = {"contents"}
    names = [_sheet_name(tab, used) for tab in tables]
    toc.column_dimensions["A"].width = 34
    toc.column_dimensions["B"].width = 90
    toc.append([styled(toc, title, big)])
    toc.append([])
    toc.append([styled(toc, "sheet", bold), styled(toc, "table", bold)])
    for name, tab in zip(names, tables, strict=True):
        toc.append([name, tab.title])
    for name, tab in zip(names, tables, strict=True):
        ws = wb.create_sheet(name)
        for j, c in enumerate(tab.frame.columns, start=1):
            width = max([len(str(c))] + [len(str(x)) for x in tab.frame.iloc[:, j - 1].head(60)])
            ws.column_dimensions[get_column_letter(j)].width = min(max(10, width + 2), 60)
        ws.freeze_panes = "A4"
        ws.append([styled(ws, tab.title, Font(bold=True, size=12))])
        ws.append([])
        ws.append([styled(ws, str(c), bold) for c in tab.frame.columns])
        hl = [tab.highlight.get(c) for c in tab.frame.columns]
        fills = [
            PatternFill("solid", start_color=c.lstrip("#"), end_color=c.lstrip("#"))
            for c in HIGHLIGHT_FILLS
        ]
        for rec in tab.frame.itertuples(index=False, name=None):
            row = []
            for v, th in zip(rec, hl, strict=True):
                if _missing(v):
                    row.append(None)
                    continue
                val = v.item() if hasattr(v, "item") else v
                lvl = _level(val, th) if th else 0
                if lvl:
                    cell = WriteOnlyCell(ws, value=val)
                    cell.fill = fills[lvl - 1]
                    row.append(cell)
                else:
                    row.append(val)
            ws.append(row)
        ws.append([])
        for note in tab.notes:
            ws.append([note])
        for src in tab.sources:
            ws.append([f"Source: {src}"])
    wb.save(path)
    return names
