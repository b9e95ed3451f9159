"""Tidy CSV: one figure per row.

Columns: ``region`` (a code such as ``KZ-11`` or any name the resolver knows), ``indicator``
(catalogue id or alias), ``year``, ``value``, ``unit``, ``source``; optional ``period``
(defaults to the year), ``note``. Names are resolved per source with the whole file as context,
then placed on the division they were published on (:func:`aimaq.geo.borders.assign_borders`).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from aimaq.geo import borders, registry
from aimaq.geo.names import AmbiguousRegionError, UnknownRegionError, resolve_many
from aimaq.ingest.errors import IngestError
from aimaq.ingest.numbers import NumberFormatError, parse_number

__all__ = ["read_tidy_csv", "resolve_regions"]

REQUIRED = ("region", "indicator", "year", "value", "unit", "source")


def resolve_regions(df: pd.DataFrame, file: str) -> pd.DataFrame:
    """Add ``region`` codes (and keep the name in ``region_as_published``).

    District rows, keyed by their 9-digit KATO code, pass as they are (the store checks them).
    """
    df = df.copy()
    dist = df["region"].astype(str).str.fullmatch(r"\d{9}")
    if dist.any():
        if "region_as_published" not in df.columns:
            df["region_as_published"] = df["region"].astype(str)
        rest = resolve_regions(df[~dist], file) if (~dist).any() else df.iloc[:0]
        return pd.concat([rest, df[dist]]).sort_index()
    if "region_as_published" not in df.columns:
        df["region_as_published"] = df["region"].astype(str)
    known = set(registry.all_codes())
    codes = pd.Series(index=df.index, dtype=object)
    is_code = df["region"].isin(known)
    codes[is_code] = df.loc[is_code, "region"]
    for _, idx in df[~is_code].groupby("source", sort=False).groups.items():
        names = df.loc[idx, "region"].astype(str)
        uniq = list(dict.fromkeys(names))
        try:
            res = dict(zip(uniq, resolve_many(uniq), strict=True))
        except (UnknownRegionError, AmbiguousRegionError) as e:
            row = int(df.loc[idx][names == e.name]["_row"].iloc[0]) if "_row" in df else None
            raise IngestError(f"field region: {e}", file=file, row=row) from None
        codes[idx] = names.map(res)
    df["region"] = codes
    explicit = is_code & df["region"].isin(["KZ-YUZ", "KZ-ALM", "KZ-KAR", "KZ-VOS"])
    out = borders.assign_borders(df[~is_code | ~explicit])
    return pd.concat([out, df[is_code & explicit]]).sort_index()


def read_tidy_csv(path: str | os.PathLike) -> pd.DataFrame:
    """Read and check a tidy CSV; raise :class:`IngestError` naming file, row and field."""
    path = Path(path)
    file = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            head = fh.read(4096)
    except UnicodeDecodeError:
        raise IngestError("not a UTF-8 text file (save the CSV as UTF-8)", file=file) from None
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror}", file=file) from None
    if "\x00" in head:
        raise IngestError("binary file, not a CSV", file=file)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, csv.Error, UnicodeDecodeError) as e:
        raise IngestError(f"not a readable CSV ({e})", file=file) from None
    except pd.errors.EmptyDataError:
        raise IngestError("empty file", file=file) from None
    df.columns = [c.strip().lower() for c in df.columns]
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise IngestError(
            f"missing column(s) {', '.join(missing)}; a tidy CSV needs {', '.join(REQUIRED)}",
            file=file,
        )
    df["_row"] = range(2, len(df) + 2)
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
    df["value"] = num
    yr = pd.to_numeric(df["year"], errors="coerce")
    if yr.isna().any() or (yr % 1 != 0).any():
        i = (yr.isna() | (yr % 1 != 0)).idxmax()
        raise IngestError(
            f"field year: {df.at[i, 'year']!r} is not a year", file=file, row=int(df.at[i, "_row"])
        )
    df["year"] = yr.astype(int)
    if "period" in df.columns:
        df["period"] = df["period"].where(df["period"].str.strip() != "", df["year"].astype(str))
    if "note" in df.columns:
        df["note"] = df["note"].where(df["note"] != "", None)
    df = resolve_regions(df, file)
    return df
