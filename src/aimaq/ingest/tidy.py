"""Tidy CSV: one figure per row.

Columns: ``region`` (a code such as ``KZ-11`` or any name the resolver knows), ``indicator``
(catalogue id or alias), ``year``, ``value``, ``unit``, ``source``; optional ``period``
(defaults to the year), ``note``. Names are resolved per source with the whole file as context,
then placed on the division they were published on (:func:`aimaq.geo.borders.assign_borders`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from aimaq import catalogue
from aimaq.ingest.csvfile import check_period, read_rows
from aimaq.ingest.errors import IngestError
from aimaq.ingest.numbers import NumberFormatError, parse_number
from aimaq.ingest.table import resolve_regions

__all__ = ["REQUIRED", "read_tidy_csv"]

REQUIRED = ("region", "indicator", "year", "value", "unit", "source")


def _check_periods(df: pd.DataFrame, file: str) -> None:
    """Each period is a period of its row's year that the indicator's periodicity allows."""
    for per, year, ind, n in zip(
        df["period"], df["year"], df["indicator"], df["_row"], strict=True
    ):
        try:
            periodicity = catalogue.get(str(ind).strip()).periodicity
        except KeyError:
            periodicity = "annual"  # the store names the unknown indicator
        why = check_period(per, int(year), periodicity)
        if why:
            raise IngestError(f"field period: {why}", file=file, row=int(n))


def read_tidy_csv(path: str | os.PathLike) -> pd.DataFrame:
    """Read and check a tidy CSV; raise :class:`IngestError` naming file, row and field."""
    path = Path(path)
    file = str(path)
    header, rows = read_rows(path, file)
    if not rows:
        raise IngestError("no figures in the file (only a header)", file=file)
    df = pd.DataFrame([r for _, r in rows], columns=header, dtype=str)
    df.columns = [c.strip().lower() for c in df.columns]
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise IngestError(
            f"missing column(s) {', '.join(missing)}; a tidy CSV needs {', '.join(REQUIRED)}",
            file=file,
        )
    df["_row"] = [n for n, _ in rows]
    for c in ("region", "indicator", "year", "unit", "source"):
        empty = df[c].str.strip() == ""
        if empty.any():
            raise IngestError(
                f"field {c} is empty", file=file, row=int(df.loc[empty.idxmax(), "_row"])
            )
    val = df["value"].str.strip()
    if (val == "").any():
        raise IngestError(
            "field value is empty (leave gaps out of the file)",
            file=file,
            row=int(df.loc[(val == "").idxmax(), "_row"]),
        )
    num = pd.to_numeric(val, errors="coerce")
    for i in num.index[num.isna()]:  # grouped digits, comma decimals: "1 234,5"
        try:
            num[i] = parse_number(val[i])
        except NumberFormatError:
            num[i] = None
        if pd.isna(num[i]):
            raise IngestError(
                f"field value: {df.at[i, 'value']!r} is not a number",
                file=file,
                row=int(df.at[i, "_row"]),
            )
    finite = np.isfinite(num.astype(float))
    if not finite.all():
        i = (~finite).idxmax()
        raise IngestError(
            f"field value: {df.at[i, 'value']!r} is not a finite number",
            file=file,
            row=int(df.at[i, "_row"]),
        )
    df["value"] = num
    ascii_year = df["year"].str.strip().str.fullmatch(r"\d{4}(\.0)?", flags=re.ASCII)
    yr = pd.to_numeric(df["year"].where(ascii_year), errors="coerce")
    bad = yr.isna() | (yr % 1 != 0) | (yr < 1950) | (yr > 2100)
    if bad.any():
        i = bad.idxmax()
        raise IngestError(
            f"field year: {df.at[i, 'year']!r} is not a year", file=file, row=int(df.at[i, "_row"])
        )
    df["year"] = yr.astype(int)
    if "period" in df.columns:
        df["period"] = df["period"].str.strip()
        df["period"] = df["period"].where(df["period"] != "", df["year"].astype(str))
        _check_periods(df, file)
    if "note" in df.columns:
        df["note"] = df["note"].where(df["note"] != "", None)
    df = resolve_regions(df, file)
    return df
