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
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from aimaq.ingest.errors import IngestError

if TYPE_CHECKING:
    from aimaq.ingest.table import BureauTable

__all__ = ["file_sha256", "ingest_file", "read_bureau_file", "read_file", "read_workbook"]


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
    rd = SheetContext(file, indicator, source, year, annual_only, grid.year_in_name(path))
    records: list[dict] = []
    layouts: list[str] = []
    sheets: list[str] = []
    found: list[str] = []
    for ws in wb.worksheets:
        res = _read_sheet(rd, ws, grid.layouts(), grid.sheet_head)
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
    )


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


def read_file(path: str | os.PathLike, indicator: str | None = None, source: str | None = None):
    """The tidy frame of ``path``, by the reader its extension and header call for.

    Returns
    -------
    DataFrame
        Ready for :meth:`aimaq.store.Store.load`.

    Raises
    ------
    IngestError
        Unsupported file type, or whatever the reader rejects.
    """
    from aimaq.ingest.taldau import is_taldau_header, read_taldau_csv
    from aimaq.ingest.tidy import REQUIRED, read_tidy_csv

    path = Path(path)
    ext = path.suffix.lower()
    if ext in (".xlsx", ".xlsm", ".xls"):
        return read_workbook(path, indicator=indicator, source=source).frame
    if ext in (".csv", ".txt"):
        header = _csv_header(path)
        if all(c in header for c in REQUIRED):
            if indicator is not None or source is not None:
                raise IngestError(
                    "a tidy CSV names its indicator and source in its columns; do not pass "
                    "indicator= or source=",
                    file=str(path),
                )
            return read_tidy_csv(path)
        if is_taldau_header(header):
            return read_taldau_csv(path, indicator=indicator, source=source).frame
        raise IngestError(
            f"CSV header {header!r} is neither a tidy CSV ({', '.join(REQUIRED)}) nor a Taldau "
            "export (region, date, value)",
            file=str(path),
            row=1,
        )
    raise IngestError(
        f"unsupported file type {ext or '(none)'!r}: aimaq reads .xlsx bureau tables and .csv "
        "(tidy or Taldau export)",
        file=str(path),
    )


def ingest_file(
    path: str | os.PathLike, store, indicator: str | None = None, source: str | None = None
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

    Returns
    -------
    aimaq.store.LoadSummary

    Raises
    ------
    IngestError
        The file is rejected; nothing is written.
    aimaq.store.LoadError
        The store rejects the figures (e.g. a unit differing from what it holds); nothing is
        written.
    """
    path = Path(path)
    frame = read_file(path, indicator=indicator, source=source)
    return store.load(frame, file=str(path), sha256=file_sha256(path))
