"""One entry point for any file aimaq reads: pick the reader, load the figures.

``.xlsx``/``.xlsm`` → :func:`read_workbook`, which asks the sheet layouts registered in
:mod:`aimaq.ingest.grid` (activity tables, then the bureau's dynamic tables) which one reads each
sheet; ``.csv`` → a tidy CSV
(:func:`aimaq.ingest.tidy.read_tidy_csv`) when its header has the tidy columns, a Taldau export
(:func:`aimaq.ingest.taldau.read_taldau_csv`) when it has region, date and value columns.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from aimaq.ingest.errors import IngestError

if TYPE_CHECKING:
    from aimaq.ingest.table import BureauTable

__all__ = [
    "check_plausible",
    "file_sha256",
    "ingest_file",
    "read_table",
    "read_bureau_file",
    "read_file",
    "read_workbook",
]


def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes (recorded with its load)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _csv_header(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            head = fh.read(65536)
    except UnicodeDecodeError:
        raise IngestError("not a UTF-8 text file (save the CSV as UTF-8)", file=str(path)) from None
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror}", file=str(path)) from None
    if "\x00" in head:
        raise IngestError("binary file, not a CSV", file=str(path))
    try:
        return [h.strip().lower() for h in next(csv.reader(head.splitlines()), [])]
    except csv.Error as e:
        raise IngestError(f"not a readable CSV ({e})", file=str(path)) from None


def read_workbook(
    path: str | os.PathLike,
    indicator: str | None = None,
    source: str | None = None,
    *,
    year: int | None = None,
    annual_only: bool = False,
    allow_partial: bool = False,
) -> BureauTable:
    """Read a bureau dynamic-table workbook (or a Taldau CSV export) as published.

    Parameters
    ----------
    path : path-like
        ``.xlsx``/``.xlsm`` workbook, or ``.csv`` Taldau export.
    indicator : str, optional
        Catalogue id or alias. Needed only when the file does not say what it holds (no title,
        sheet name or header naming a known series); when given for a file that holds several,
        only that one is read and the rest is listed in ``skipped``.
    source : str, optional
        Citation stored with every figure. Default: file name, sheet and title.
    year : int, optional
        Period of a regions × categories table whose title states none. Without it the single
        year in the file name is used (and must be unambiguous).
    annual_only : bool
        Skip quarterly and cumulative columns (listed in ``skipped``).

    Returns
    -------
    aimaq.ingest.table.BureauTable

    Raises
    ------
    IngestError
        Not a workbook, a truncated one, an unknown region name, text where a figure should be,
        the same figure twice with different values, mixed units, or an indicator the file does
        not name and the caller did not pass.
    """
    path = Path(path)
    file = str(path)
    if path.suffix.lower() == ".csv":
        from aimaq.ingest.taldau import read_taldau_csv

        return read_taldau_csv(path, indicator=indicator, source=source)
    if path.suffix.lower() == ".xls":
        raise IngestError(
            "legacy .xls workbook: save it as .xlsx (Excel or LibreOffice) and read that", file=file
        )
    import pandas as pd

    from aimaq.ingest import activity, bureau, grid  # noqa: F401 - activity, bureau register layouts
    from aimaq.ingest.table import SKIPPED_COLUMNS, BureauTable, SheetContext, finish

    wb = _open_workbook(path, file)
    rd = SheetContext(
        file, indicator, source, year, annual_only, grid.year_in_name(path), allow_partial
    )
    formulas = _formulas_without_value(path)
    records: list[dict] = []
    layouts: list[str] = []
    sheets: list[str] = []
    found: list[str] = []
    for ws in wb.worksheets:
        res = _read_sheet(rd, ws, grid.layouts(), grid.sheet_head)
        if res.records and formulas.get(ws.title):
            ref = sorted(formulas[ws.title], key=lambda c: (int(re.sub(r"\D", "", c)), c))[0]
            raise IngestError(
                "the cell holds a formula without a saved result (the file was written by a "
                "program that does not compute formulas), read as a gap it would drop a figure: "
                "open and save the file in a spreadsheet program, then read it again",
                file=file,
                sheet=ws.title,
                row=int(re.sub(r"\D", "", ref)),
                cell=ref,
            )
        if res.records:
            records.extend(res.records)
            sheets.append(ws.title)
            if res.layout not in layouts:
                layouts.append(res.layout)
            found.extend(i for i in sorted(res.indicators) if i not in found)
    if not records:
        why = "; ".join(sorted({s[4] for s in rd.skipped if s[1] is None})) or "no figures"
        raise IngestError(f"no figures read ({why})", file=file)
    frame = finish(pd.DataFrame.from_records(records), file, rd)
    skipped = pd.DataFrame(rd.skipped, columns=SKIPPED_COLUMNS)
    return BureauTable(
        frame=frame,
        layout="+".join(layouts),
        sheets=[sh for sh in sheets if sh in set(frame["sheet"])],
        skipped=skipped,
        indicators=sorted(frame["indicator"].unique()),
        file=file,
        warnings=rd.warnings,
    )


def _formulas_without_value(path: Path) -> dict[str, set[str]]:
    """Sheet name → cells holding a formula but no cached result (read from the sheets' XML)."""
    import html

    out: dict[str, set[str]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
            bad = {}
            for n in sheets:
                xml = z.read(n).decode("utf-8", "replace")
                if "<f" not in xml:
                    continue
                cells = {
                    m.group(1)
                    for m in re.finditer(
                        r'<c r="([A-Z]+\d+)"[^>]*>(?:(?!</c>).)*<f[ >/](?:(?!</c>).)*</c>',
                        xml,
                        re.S,
                    )
                    if "<v>" not in m.group(0) and "<v " not in m.group(0)
                }
                if cells:
                    bad[n] = cells
            if not bad:
                return out
            wb = z.read("xl/workbook.xml").decode("utf-8")
            rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, OSError):
        return out
    target = {}
    for m in re.finditer(r"<Relationship\b[^>]*>", rels):
        rid = re.search(r'Id="([^"]+)"', m.group(0))
        tgt = re.search(r'Target="([^"]+)"', m.group(0))
        if rid and tgt:
            t = tgt.group(1).lstrip("/")
            target[rid.group(1)] = t if t.startswith("xl/") else f"xl/{t}"
    for m in re.finditer(r"<sheet\b[^>]*>", wb):
        name = re.search(r'name="([^"]+)"', m.group(0))
        rid = re.search(r'r:id="([^"]+)"', m.group(0))
        if name and rid and target.get(rid.group(1)) in bad:
            out[html.unescape(name.group(1))] = bad[target[rid.group(1)]]
    return out


def _open_workbook(path: Path, file: str):
    import openpyxl

    try:
        with open(path, "rb") as fh:
            magic = fh.read(8)
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror}", file=file) from None
    if magic[:4] != b"PK\x03\x04":
        kind = "a legacy .xls workbook" if magic == bytes.fromhex("d0cf11e0a1b11ae1") else "not"
        raise IngestError(
            f"{kind} an .xlsx workbook (the file does not start like one)"
            if kind == "not"
            else f"{kind}: save it as .xlsx",
            file=file,
        )
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, EOFError) as e:
        raise IngestError(f"truncated or damaged .xlsx workbook ({e})", file=file) from None
    except Exception as e:  # openpyxl raises many kinds on a damaged package
        raise IngestError(
            f"not a readable .xlsx workbook ({type(e).__name__}: {e})", file=file
        ) from None


#: the name this reader had before the layouts were split out of :mod:`aimaq.ingest.bureau`
read_bureau_file = read_workbook


def _read_sheet(rd, ws, layouts, sheet_head):
    """The figures of one sheet, read by the first registered layout that claims it."""
    from aimaq.ingest.table import SheetResult

    grid = [[c.value for c in row] for row in ws.iter_rows()]
    ncol = max((len(r) for r in grid), default=0)
    for r in grid:
        r.extend([None] * (ncol - len(r)))
    if not grid or ncol < 2:
        rd.skip(ws.title, None, None, None, "empty sheet")
        return SheetResult([], None, set())
    head = sheet_head(ws.title, grid)
    for layout in layouts:
        token = layout.claims(head)
        if token is not None and token is not False:
            return layout.read(rd, ws, grid, token)
    rd.skip(ws.title, None, None, None, "no registered layout reads this sheet")
    return SheetResult([], None, set())


def read_table(
    path: str | os.PathLike,
    indicator: str | None = None,
    source: str | None = None,
    *,
    allow_partial: bool = False,
    force: str | None = None,
) -> BureauTable:
    """Read ``path`` by the reader its extension and header call for, and check plausibility.

    Parameters
    ----------
    allow_partial : bool
        Load a table that lists only some regions of its division.
    force : str, optional
        A note explaining why figures outside the catalogue's plausibility bounds are right:
        they are kept (and listed in ``warnings``) instead of refused.

    Raises
    ------
    IngestError
        Unsupported file type, whatever the reader rejects, or a figure outside its
        indicator's bounds (naming its cell or line).
    """
    import pandas as pd

    from aimaq.ingest.table import SKIPPED_COLUMNS
    from aimaq.ingest.taldau import is_taldau_header, read_taldau_csv
    from aimaq.ingest.tidy import REQUIRED, read_tidy_csv

    path = Path(path)
    file = str(path)
    ext = path.suffix.lower()
    if ext in (".xlsx", ".xlsm", ".xls"):
        bt = read_workbook(path, indicator=indicator, source=source, allow_partial=allow_partial)
    elif ext in (".csv", ".txt"):
        header = _csv_header(path)
        if all(c in header for c in REQUIRED):
            if indicator is not None or source is not None:
                raise IngestError(
                    "a tidy CSV names its indicator and source in its columns; do not pass "
                    "indicator= or source=",
                    file=file,
                )
            from aimaq.ingest.table import BureauTable

            frame = read_tidy_csv(path)
            bt = BureauTable(
                frame=frame,
                layout="tidy-csv",
                sheets=[],
                skipped=pd.DataFrame([], columns=SKIPPED_COLUMNS),
                indicators=sorted(frame["indicator"].astype(str).unique()),
                file=file,
            )
        elif is_taldau_header(header):
            bt = read_taldau_csv(
                path, indicator=indicator, source=source, allow_partial=allow_partial
            )
        else:
            raise IngestError(
                f"CSV header {header!r} is neither a tidy CSV ({', '.join(REQUIRED)}) nor a "
                "Taldau export (region, date, value)",
                file=file,
                row=1,
            )
    else:
        raise IngestError(
            f"unsupported file type {ext or '(none)'!r}: aimaq reads .xlsx bureau tables and .csv "
            "(tidy or Taldau export)",
            file=file,
        )
    bt.warnings.extend(check_plausible(bt.frame, file, force))
    return bt


def check_plausible(frame, file: str, force: str | None = None) -> list[str]:
    """Refuse (or, with a ``force`` note, list) figures outside their indicator's bounds."""
    from aimaq import catalogue

    out = []
    for ind, g in frame.groupby("indicator", sort=False):
        try:
            spec = catalogue.get(str(ind))
        except KeyError:
            continue  # the store names the unknown indicator
        bad = g[~g["value"].astype(float).map(spec.plausible)]
        for _, r in bad.iterrows():
            sheet = r.get("sheet") if "sheet" in g.columns else None
            cell = r.get("cell") if "cell" in g.columns else None
            row = int(r["_row"]) if "_row" in g.columns and r["_row"] == r["_row"] else None
            msg = (
                f"{r['value']:g} is outside the plausible range of {spec.id} "
                f"[{spec.lower:g}, {spec.upper:g}] {spec.stored_unit} ({r['region']}, "
                f"{r['period']})"
            )
            if force is None:
                raise IngestError(
                    msg + ": a misread or mistyped cell? If the figure is right, load with "
                    "--force 'NOTE' (the note is kept with the load)",
                    file=file,
                    sheet=sheet if isinstance(sheet, str) else None,
                    row=row,
                    cell=cell if isinstance(cell, str) else None,
                )
            out.append(f"forced: {msg}")
    return out


def read_file(
    path: str | os.PathLike,
    indicator: str | None = None,
    source: str | None = None,
    **kw,
):
    """The tidy frame of ``path`` (see :func:`read_table`), ready for :meth:`Store.load`."""
    return read_table(path, indicator=indicator, source=source, **kw).frame


def ingest_file(
    path: str | os.PathLike,
    store,
    indicator: str | None = None,
    source: str | None = None,
    *,
    allow_partial: bool = False,
    force: str | None = None,
):
    """Read ``path`` with the right reader and load it into ``store`` in one transaction.

    Parameters
    ----------
    path : path-like
        ``.xlsx`` bureau table, tidy ``.csv`` or Taldau ``.csv`` export.
    store : aimaq.store.Store
    indicator : str, optional
        Catalogue id, for files that do not name their indicator.
    source : str, optional
        Citation for bureau and Taldau files (tidy CSVs carry theirs).
    allow_partial, force
        See :func:`read_table`; the ``force`` note is stored in the load record.

    Returns
    -------
    aimaq.store.LoadSummary
        With what the reader skipped (by reason) and warned about; ``table`` holds the
        :class:`~aimaq.ingest.table.BureauTable` (its ``skipped`` lists every cell).

    Raises
    ------
    IngestError
        The file is rejected; nothing is written.
    aimaq.store.LoadError
        The store rejects the figures (e.g. a unit differing from what it holds); nothing is
        written.
    """
    path = Path(path)
    bt = read_table(
        path, indicator=indicator, source=source, allow_partial=allow_partial, force=force
    )
    summary = store.load(
        bt.frame,
        file=str(path),
        sha256=file_sha256(path),
        skipped=bt.skipped_by_reason(),
        warnings=bt.warnings,
        note=force,
    )
    summary.table = bt
    return summary
