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

from aimaq.report.text import fmt_number, t

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
    links : dict
        Column -> the column holding each row's region code: the cell links to that region's
        profile (``#region-<code>``) in the HTML.
    classes : dict
        Column -> CSS class of its cells in the HTML (``cite`` for citations and file names,
        ``formula`` for formulas, ``name-src`` for names as the source spells them).
    """

    id: str
    title: str
    frame: pd.DataFrame
    digits: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    number: int = 0
    highlight: dict[str, list[float]] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    classes: dict[str, str] = field(default_factory=dict)


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
    classes: dict[str, str] | None = None,
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
        classes=dict(classes or {}),
    )


_TAG = re.compile(r"<[^>]+>")

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


def to_html(table: ReportTable, lang: str = "en", profiled: frozenset = frozenset()) -> Markup:
    """The table as an HTML ``<table>`` with numbers formatted for ``lang``; the cells of
    :attr:`ReportTable.links` columns link to the profiles of the regions in ``profiled``."""
    df = table.frame
    head = "".join(f"<th>{escape(str(c))}</th>" for c in df.columns)
    rows = []
    numeric = {c: pd.api.types.is_numeric_dtype(df[c]) for c in df.columns}
    pos = {c: i for i, c in enumerate(df.columns)}
    for rec in df.itertuples(index=False, name=None):
        tds = []
        for c, v in zip(df.columns, rec, strict=True):
            lvl = _level(v, table.highlight[c]) if c in table.highlight else 0
            cls = ("num" if numeric[c] else "") + (f" hl{lvl}" if lvl else "")
            cls += f" {table.classes[c]}" if c in table.classes else ""
            cls = f' class="{cls.strip()}"' if cls else ""
            cell = escape(_cell(v, table.digits.get(c), lang))
            code = rec[pos[table.links[c]]] if c in table.links else None
            if code in profiled:
                cell = Markup(f'<a href="#region-{code}">{cell}</a>')
            tds.append(f"<td{cls}>{cell}</td>")
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


def _number_format(digits: int | None) -> str:
    """Excel number format of ``digits`` decimals with thousands separators (shown in the
    reader's locale: ``1 234,5`` in Russian or Kazakh Excel)."""
    d = 1 if digits is None else int(digits)
    return "#,##0" + ("." + "0" * d if d > 0 else "")


def _xlsx_value(v):
    """A cell value: numbers to 12 significant digits (no binary noise such as
    ``377.9609060116941``), gaps empty."""
    if _missing(v):
        return None
    val = v.item() if hasattr(v, "item") else v
    if isinstance(val, float):
        return float(f"{val:.12g}")
    return val


def write_xlsx(
    tables: list[ReportTable], path: str | os.PathLike, title: str = "", lang: str = "en"
) -> list[str]:
    """Write every table to its own sheet of ``path`` (openpyxl); return the sheet names.

    Each sheet has the table's number and full title in row 1, a link back to the contents in
    row 2, the headers (with units) in row 3 and the values below, each numeric column with its
    number format (thousands separators, the table's decimals), then the notes and sources. A
    first sheet lists every table with a hyperlink to its sheet and its full title (sheet
    names are cut at Excel's 31 characters). Written in openpyxl's write-only (streaming) mode.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    contents = t("contents", lang)[:31]
    toc = wb.create_sheet(contents)
    bold, big, link = (
        Font(bold=True),
        Font(bold=True, size=13),
        Font(color="0563C1", underline="single"),
    )

    def styled(ws, value, font=None, fmt=None):
        c = WriteOnlyCell(ws, value=value)
        if font is not None:
            c.font = font
        if fmt is not None:
            c.number_format = fmt
        return c

    def hyperlink(ws, sheet: str, text: str):
        target = sheet.replace("'", "''")
        label = str(text).replace('"', '""')
        return styled(ws, f'=HYPERLINK("#\'{target}\'!A1", "{label}")', link)

    used = {contents.lower()}
    names = [_sheet_name(tab, used) for tab in tables]
    toc.column_dimensions["A"].width = 8
    toc.column_dimensions["B"].width = 34
    toc.column_dimensions["C"].width = 100
    toc.append([styled(toc, title, big)])
    toc.append([])
    toc.append(
        [
            styled(toc, "№", bold),
            styled(toc, t("sheet", lang), bold),
            styled(toc, t("table", lang), bold),
        ]
    )
    for name, tab in zip(names, tables, strict=True):
        toc.append([tab.number, hyperlink(toc, name, name), tab.title])
    fills = [
        PatternFill("solid", start_color=c.lstrip("#"), end_color=c.lstrip("#"))
        for c in HIGHLIGHT_FILLS
    ]
    for name, tab in zip(names, tables, strict=True):
        ws = wb.create_sheet(name)
        cols = list(tab.frame.columns)
        numeric = [pd.api.types.is_numeric_dtype(tab.frame[c]) for c in cols]
        fmts = [
            _number_format(tab.digits.get(c)) if n else None
            for c, n in zip(cols, numeric, strict=True)
        ]
        for j, c in enumerate(cols, start=1):
            width = max([len(str(c))] + [len(str(x)) for x in tab.frame.iloc[:, j - 1].head(60)])
            width = min(width, 18) if numeric[j - 1] else width
            ws.column_dimensions[get_column_letter(j)].width = min(max(10, width + 2), 60)
        ws.freeze_panes = "A4"
        ws.append(
            [styled(ws, f"{t('table', lang)} {tab.number}. {tab.title}", Font(bold=True, size=12))]
        )
        ws.append([hyperlink(ws, contents, "← " + t("contents", lang))])
        ws.append([styled(ws, str(c), bold) for c in cols])
        hl = [tab.highlight.get(c) for c in cols]
        for rec in tab.frame.itertuples(index=False, name=None):
            row = []
            for v, th, fmt in zip(rec, hl, fmts, strict=True):
                val = _xlsx_value(v)
                if val is None:
                    row.append(None)
                    continue
                lvl = _level(val, th) if th else 0
                if lvl or (fmt and isinstance(val, int | float) and not isinstance(val, bool)):
                    cell = styled(ws, val, fmt=fmt if isinstance(val, int | float) else None)
                    if lvl:
                        cell.fill = fills[lvl - 1]
                    row.append(cell)
                else:
                    row.append(val)
            ws.append(row)
        ws.append([])
        for note in tab.notes:
            ws.append([_TAG.sub("", str(note))])  # a note may mark names with HTML spans
        for src in tab.sources:
            ws.append([f"{t('source', lang)}: {src}"])
    wb.save(path)
    return names
