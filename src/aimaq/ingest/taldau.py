"""Taldau (taldau.stat.gov.kz) CSV exports: one figure per line.

The export has a region column, a date column (the end of the period: ``2006-12-31`` for the
year 2006) or a year, and a value column; Russian headers (``Регион, Период, Значение``) are
accepted too. The file does not name its indicator; the Taldau index number in the file name
(``taldau_704447_...``) does when it is one aimaq knows, otherwise pass ``indicator=``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from aimaq import catalogue
from aimaq.geo import names as _names
from aimaq.ingest.csvfile import read_rows
from aimaq.ingest.errors import IngestError
from aimaq.ingest.grid import unit_string
from aimaq.ingest.numbers import NumberFormatError, gap_reason, parse_number
from aimaq.ingest.rows import check_division
from aimaq.ingest.table import SKIPPED_COLUMNS, BureauTable, SheetContext, finish

__all__ = ["TALDAU_INDEX", "is_taldau_header", "read_taldau_csv"]

#: Taldau index number → catalogue id (the index is the series' identifier on taldau.stat.gov.kz)
TALDAU_INDEX: dict[str, str] = {
    "704447": "income_per_capita_nominal_monthly_kzt",  # per-capita nominal money income
}

_REGION = ("region", "регион", "область", "territory", "территория", "аймақ", "өңір")
_DATE = ("date", "period", "период", "дата", "year", "год", "кезең", "жыл")
_VALUE = ("value", "значение", "мәні", "мән")


def _pick(header: list[str], names: tuple[str, ...]) -> int | None:
    for i, h in enumerate(header):
        if h.strip().lower() in names:
            return i
    return None


def is_taldau_header(header: list[str]) -> bool:
    """Whether a CSV header looks like a Taldau export (region, date or year, value)."""
    return all(_pick(header, n) is not None for n in (_REGION, _DATE, _VALUE))


def _year_of(text: str) -> tuple[int, str] | None:
    """(year, period) of a Taldau date; only annual figures (year end or a bare year)."""
    s = text.strip()
    m = re.fullmatch(r"(\d{4})(?:-12-31|\.0)?", s, re.ASCII) or re.fullmatch(
        r"31\.12\.(\d{4})", s, re.ASCII
    )
    if m:
        return int(m.group(1)), m.group(1)
    return None


def _check_years(rd, published, codes: dict, col: str) -> None:
    """Each year of the export lists every region of its division (see :func:`rows.check_division`)."""
    by_year: dict[int, dict[str, int]] = {}
    for name, year, n in published:
        code = codes.get(name)
        if code is None:  # a gap row whose name no figure row shares
            try:
                code = _names.resolve(name)
            except (_names.UnknownRegionError, _names.AmbiguousRegionError) as e:
                raise IngestError(str(e), file=rd.file, row=n, cell=f"{col}{n}") from None
        by_year.setdefault(year, {})[code] = n
    for year, rows in sorted(by_year.items()):
        check_division(rd, None, set(rows), year, f"column {col}, rows of {year}")


def read_taldau_csv(
    path: str | os.PathLike,
    indicator: str | None = None,
    source: str | None = None,
    *,
    allow_partial: bool = False,
) -> BureauTable:
    """Read a Taldau CSV export.

    Parameters
    ----------
    path : path-like
    indicator : str, optional
        Catalogue id; needed unless the file name carries a Taldau index in
        :data:`TALDAU_INDEX`.
    source : str, optional
        Citation; default the file name and the Taldau index.

    Returns
    -------
    BureauTable
        ``layout`` is ``"taldau-csv"``.

    Raises
    ------
    IngestError
        Unreadable file, missing columns, a date that is not a year end, text where a figure
        should be, an unknown region, the same figure twice with different values.
    """
    path = Path(path)
    file = str(path)
    header, body = read_rows(path, file)
    if not is_taldau_header(header):
        raise IngestError(
            f"header {header!r} is not a Taldau export (needs region, date and value columns)",
            file=file,
            row=1,
        )
    ri, di, vi = (_pick(header, n) for n in (_REGION, _DATE, _VALUE))
    m = re.search(r"(?<!\d)(\d{6})(?!\d)", path.stem)
    index = m.group(1) if m else None
    if indicator is None:
        indicator = TALDAU_INDEX.get(index or "")
        if indicator is None:
            raise IngestError(
                "cannot tell the indicator: a Taldau export does not name it and the file name "
                f"carries no known Taldau index ({', '.join(TALDAU_INDEX)}); pass "
                "indicator=<catalogue id>",
                file=file,
            )
    try:
        ind = catalogue.get(indicator).id
    except KeyError as e:
        raise IngestError(f"indicator=: {e}", file=file) from None
    if source is None:
        source = f"{path.name}" + (f": taldau.stat.gov.kz index {index}" if index else "")
    rd = SheetContext(file, ind, source, None, False, None, allow_partial)
    recs = []
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    published: list[tuple[str, int, int]] = []  # (name, year, line): every row, gaps too
    for n, row in body:
        name, date, raw = row[ri].strip(), row[di], row[vi]
        yp = _year_of(date)
        if yp is None:
            raise IngestError(
                f"date {date!r} is not a year end (only annual exports are read)",
                file=file,
                row=n,
                cell=f"{letters[di]}{n}",
            )
        try:
            v = parse_number(raw)
        except NumberFormatError:
            raise IngestError(
                f"{raw!r} is not a number (a figure, '-', 'x' or '...' expected)",
                file=file,
                row=n,
                cell=f"{letters[vi]}{n}",
            ) from None
        published.append((name, yp[0], n))
        if v is None:
            rd.skip(None, n, f"{letters[vi]}{n}", raw, f"gap: {gap_reason(raw)}")
            continue
        recs.append(
            {
                "region": name,
                "indicator": ind,
                "year": yp[0],
                "period": yp[1],
                "value": v,
                "unit": unit_string(ind),
                "source": source,
                "note": None,
                "region_as_published": name,
                "sheet": None,
                "cell": f"{letters[vi]}{n}",
                "_row": n,
            }
        )
    if not recs:
        raise IngestError("no figures in the file", file=file)
    df = pd.DataFrame.from_records(recs)
    uniq = list(dict.fromkeys(df["region"]))
    try:
        codes = dict(zip(uniq, _names.resolve_many(uniq), strict=True))
    except (_names.UnknownRegionError, _names.AmbiguousRegionError) as e:
        n = int(df.loc[df["region"] == e.name, "_row"].iloc[0])
        raise IngestError(str(e), file=file, row=n, cell=f"{letters[ri]}{n}") from None
    df["region"] = df["region"].map(codes)
    _check_years(rd, published, codes, f"{letters[ri]}")
    frame = finish(df, file, rd)
    return BureauTable(
        frame=frame,
        layout="taldau-csv",
        sheets=[],
        skipped=pd.DataFrame(rd.skipped, columns=SKIPPED_COLUMNS),
        indicators=[ind],
        file=file,
        warnings=rd.warnings,
    )
