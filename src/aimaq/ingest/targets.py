"""Targets a planner writes: one CSV row per indicator, region and target.

Columns: ``indicator`` (catalogue id or alias), ``region`` (a code such as ``KZ-11``, a name the
resolver knows, or ``KZ`` for the country), ``base_year``, ``target_year``, ``target_value`` (in
the indicator's stored unit), ``source`` (the plan or document the target comes from).

Targets are user data — assumptions of a plan, not official statistics — and every row read
here is marked ``user_data = True``. aimaq ships none; ``docs/examples/targets_example.csv``
is a documented example with fictitious values.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from aimaq import catalogue
from aimaq.geo import registry
from aimaq.geo.names import AmbiguousRegionError, UnknownRegionError, resolve
from aimaq.ingest.errors import IngestError
from aimaq.ingest.numbers import NumberFormatError, parse_number

__all__ = ["COLUMNS", "read_targets"]

COLUMNS = ("indicator", "region", "base_year", "target_year", "target_value", "source")


def _year(text: str, file: str, row: int, field: str) -> int:
    try:
        y = int(text.strip())
    except ValueError:
        raise IngestError(
            f"field {field}: {text!r} is not a year (write four digits, e.g. 2030)",
            file=file,
            row=row,
        ) from None
    if not 1990 <= y <= 2100:
        raise IngestError(f"field {field}: {y} is outside 1990–2100", file=file, row=row)
    return y


def _region(text: str, file: str, row: int) -> str:
    t = text.strip()
    if t in set(registry.all_codes()):
        return t
    try:
        return resolve(t)
    except (UnknownRegionError, AmbiguousRegionError) as e:
        raise IngestError(
            f"field region: {e} (write a code such as KZ-11, or KZ for the country)",
            file=file,
            row=row,
        ) from None


def read_targets(path: str | os.PathLike) -> pd.DataFrame:
    """Read and check a targets CSV; raise :class:`IngestError` naming file, row and field.

    Returns
    -------
    DataFrame
        Columns ``indicator`` (catalogue id), ``region`` (code), ``base_year``,
        ``target_year``, ``target_value``, ``source``, ``row`` (line in the file) and
        ``user_data`` (always True).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("indicator,region,base_year,target_year,target_value,source\\n"
    ...                  "unemployment,Akmola,2018,2030,3.5,FICTITIOUS example\\n")
    >>> t = read_targets(p).iloc[0]
    >>> t["indicator"], t["region"], float(t["target_value"])
    ('unemployment_rate_pct', 'KZ-11', 3.5)
    """
    file = str(path)
    try:
        df = pd.read_csv(Path(path), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError("not a UTF-8 text file (save the CSV as UTF-8)", file=file) from None
    except OSError as e:
        raise IngestError(f"cannot read: {e.strerror}", file=file) from None
    except pd.errors.EmptyDataError:
        raise IngestError("empty file", file=file) from None
    except (pd.errors.ParserError, csv.Error) as e:
        raise IngestError(f"not a readable CSV ({e})", file=file) from None
    df.columns = [c.strip().lower() for c in df.columns]
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise IngestError(
            f"missing column(s) {', '.join(missing)}; a targets file needs {', '.join(COLUMNS)}",
            file=file,
        )
    rows, seen = [], {}
    for i, r in enumerate(df.to_dict("records"), start=2):
        for c in COLUMNS:
            if not str(r[c]).strip():
                raise IngestError(f"field {c}: empty", file=file, row=i)
        try:
            ind = catalogue.get(r["indicator"].strip()).id
        except KeyError as e:
            raise IngestError(f"field indicator: {e}", file=file, row=i) from None
        region = _region(r["region"], file, i)
        b = _year(r["base_year"], file, i, "base_year")
        t = _year(r["target_year"], file, i, "target_year")
        if t <= b:
            raise IngestError(
                f"field target_year: {t} is not after base_year {b}", file=file, row=i
            )
        try:
            v = parse_number(r["target_value"])
        except NumberFormatError as e:
            raise IngestError(f"field target_value: {e}", file=file, row=i) from None
        if v is None:
            raise IngestError("field target_value: no number", file=file, row=i)
        key = (ind, region, t)
        if key in seen:
            raise IngestError(
                f"duplicated target for {ind} {region} {t} (also row {seen[key]}); keep one",
                file=file,
                row=i,
            )
        seen[key] = i
        rows.append(
            dict(
                indicator=ind,
                region=region,
                base_year=b,
                target_year=t,
                target_value=float(v),
                source=r["source"].strip(),
                row=i,
                user_data=True,
            )
        )
    return pd.DataFrame(rows, columns=[*COLUMNS, "row", "user_data"])
