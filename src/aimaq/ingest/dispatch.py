"""One entry point for any file aimaq reads: pick the reader, load the figures.

``.xlsx``/``.xlsm`` → :func:`aimaq.ingest.bureau.read_bureau_file`; ``.csv`` → a tidy CSV
(:func:`aimaq.ingest.tidy.read_tidy_csv`) when its header has the tidy columns, a Taldau export
(:func:`aimaq.ingest.taldau.read_taldau_csv`) when it has region, date and value columns.
"""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

from aimaq.ingest.errors import IngestError

__all__ = ["ingest_file", "read_file"]


def _sha256(path: Path) -> str:
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
    from aimaq.ingest.bureau import read_bureau_file
    from aimaq.ingest.taldau import is_taldau_header, read_taldau_csv
    from aimaq.ingest.tidy import REQUIRED, read_tidy_csv

    path = Path(path)
    ext = path.suffix.lower()
    if ext in (".xlsx", ".xlsm", ".xls"):
        return read_bureau_file(path, indicator=indicator, source=source).frame
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
    return store.load(frame, file=str(path), sha256=_sha256(path))
