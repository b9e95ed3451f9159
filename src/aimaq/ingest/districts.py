"""District rows of the bureau's population bulletin, keyed by KATO code and checked.

Sheet ``02`` of the bureau's bulletin «Численность населения Республики Казахстан по областям,
городам и районам» (``bns_population_sex_urban_rural_YYYY-01-01.xlsx``) lists, under each region
row, the region's cities of oblast significance ("Семей қ.ә." — city administration) and
districts ("Абай ауданы"), and under Astana, Almaty and Shymkent their city districts, with
total, men, women, urban (men, women) and rural (men, women) population at 1 January.

:func:`read_district_sheet` reads it into a tidy frame whose ``region`` is the unit's 9-digit
KATO code (the store's key for districts, see ``docs/architecture.md``), on the 2024 division's
codes (the units of 1 January 2023 that continue into it). Each region's district rows are
checked against the region row for every additive column: the districts must sum exactly to
their region (the bulletin's figures are counts of persons; "-", the bulletin's "явление
отсутствует", counts as none in the sum and is not stored). A mismatch raises
:class:`~aimaq.ingest.errors.IngestError` naming the region's cell, or with ``check="flag"``
is listed in :attr:`DistrictTable.mismatches` and the region's figures are not loaded.

A district row whose unit has no KATO code in the registry (e.g. Sauran district, created in
2021 and absent from both geokz divisions) still counts in the check but is not loaded; it is
listed in :attr:`DistrictTable.skipped` with its cells.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from aimaq.geo import names as _names
from aimaq.geo import registry
from aimaq.ingest.errors import IngestError

__all__ = ["COLUMNS", "DistrictTable", "read_district_sheet"]

#: Column letter -> (indicator, header words that must be in the column's header cells).
COLUMNS = {
    "B": ("population_total_bulletin", ("все население",)),
    "C": ("population_male", ("мужчины",)),
    "D": ("population_female", ("женщины",)),
    "E": ("population_urban", ("городское",)),
    "H": ("population_rural", ("сельское",)),
}
_LETTERS = "ABCDEFGHIJ"
_NATIONAL = "Қазақстан Республикасы"


@dataclass
class DistrictTable:
    """The district rows of one bulletin sheet.

    Attributes
    ----------
    frame : DataFrame
        Columns ``region`` (KATO code), ``parent`` (region code), ``indicator``, ``year``,
        ``period``, ``value``, ``unit``, ``source``, ``note``, ``region_as_published``,
        ``sheet``, ``cell``; ready for :meth:`aimaq.store.Store.load`.
    regions : DataFrame
        The region rows read from the same sheet (``region`` = registry code), same columns.
    skipped : DataFrame
        ``row, cell, content, reason`` of rows or cells not loaded.
    mismatches : list of str
        Regions whose districts do not sum to them (only with ``check="flag"``).
    """

    frame: pd.DataFrame
    regions: pd.DataFrame
    skipped: pd.DataFrame
    mismatches: list[str] = field(default_factory=list)


def _header_ok(rows: list[tuple], file: str, sheet: str) -> int:
    """Index of the national row; raise if the header is not the expected layout."""
    nat = next((i for i, r in enumerate(rows) if r and str(r[0] or "").strip() == _NATIONAL), None)
    if nat is None:
        raise IngestError(f"no row {_NATIONAL!r}: not the bulletin's district table", file, sheet)
    for letter, (ind, words) in COLUMNS.items():
        j = _LETTERS.index(letter)
        head = " ".join(str(r[j] or "") for r in rows[:nat] if len(r) > j).lower()
        if not all(w in head for w in words):
            raise IngestError(
                f"column {letter} header does not say {words[0]!r} (expected {ind}); "
                "the sheet's layout changed: check the column order",
                file,
                sheet,
                cell=f"{letter}{nat}",
            )
    return nat


def _number(v, file, sheet, cell) -> float | None:
    if v is None or (isinstance(v, str) and v.strip() in ("-", "")):
        return None
    if isinstance(v, int | float):
        return float(v)
    s = str(v).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return float(s)
    raise IngestError(
        f"{v!r} is not a number (the bulletin uses '-' for none)", file, sheet, cell=cell
    )


def _year(title: str, file: str, sheet: str) -> int:
    m = re.search(r"на 1 января (\d{4})", title) or re.search(r"(\d{4}) жылғы 1 қаңтар", title)
    if not m:
        raise IngestError("title states no date '1 января YYYY'", file, sheet, cell="A1")
    return int(m.group(1))


def read_district_sheet(
    path: str | Path, sheet: str = "02", check: str = "raise", division: int = 2024
) -> DistrictTable:
    """Read the district rows of the bulletin's sheet ``sheet``.

    Parameters
    ----------
    path : path to the ``.xlsx`` bulletin.
    sheet : sheet name (``"02"``: regions, cities and districts).
    check : {"raise", "flag"}
        What to do when a region's districts do not sum to it.
    division : int
        Division whose KATO codes key the districts (2024).

    Returns
    -------
    DistrictTable
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if check not in ("raise", "flag"):
        raise ValueError(f"check must be 'raise' or 'flag', got {check!r}")
    file = Path(path).name
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError) as e:
        raise IngestError(f"not a readable .xlsx workbook ({e})", file) from None
    if sheet not in wb.sheetnames:
        raise IngestError(f"no sheet {sheet!r}; sheets: {', '.join(wb.sheetnames)}", file)
    rows = [tuple(r) + (None,) * 10 for r in wb[sheet].iter_rows(values_only=True)]
    wb.close()
    raw_title = str(rows[0][0] or "")
    title = re.sub(r"\s+", " ", raw_title).strip()
    year = _year(title, file, sheet)
    # the bureau's table as a reader cites it (its Russian title), then the copy read
    ru = next((ln.strip() for ln in raw_title.splitlines() if "Численность" in ln), title)
    num = re.match(r"\s*(\d+)\.", raw_title)
    source = (
        f"Бюро национальной статистики АСПиР РК, «{ru}»"
        + (f", таблица {num.group(1)}" if num else "")
        + f"; файл {file}, лист {sheet!r}"
    )
    nat = _header_ok(rows, file, sheet)
    # blocks: a region row after a blank row, then its units
    blocks: list[tuple[int, list[int]]] = []
    blank = True
    for i in range(nat + 1, len(rows)):
        if rows[i][0] is None or not str(rows[i][0]).strip():
            blank = True
            continue
        if blank:
            blocks.append((i, []))
            blank = False
        else:
            blocks[-1][1].append(i)
    heads = [str(rows[i][0]).strip() for i, _ in blocks]
    try:
        codes = _names.resolve_many(heads)
    except (_names.UnknownRegionError, _names.AmbiguousRegionError) as e:
        bad = next(h for h in heads if h in str(e))
        r = blocks[heads.index(bad)][0]
        raise IngestError(f"region row: {e}", file, sheet, row=r + 1, cell=f"A{r + 1}") from None
    recs, regs, skipped, mismatches = [], [], [], []

    def rec(code, parent, i, letter, value, published):
        ind = COLUMNS[letter][0]
        return {
            "region": code,
            "parent": parent,
            "indicator": ind,
            "year": year,
            "period": str(year),
            "value": value,
            "unit": "persons",
            "source": source,
            "note": None,
            "region_as_published": published,
            "sheet": sheet,
            "cell": f"{letter}{i + 1}",
        }

    for (ri, units), code in zip(blocks, codes, strict=True):
        vals = {
            i: {L: _number(rows[i][_LETTERS.index(L)], file, sheet, f"{L}{i + 1}") for L in COLUMNS}
            for i in [ri, *units]
        }
        bad = []
        for L in COLUMNS:
            total = vals[ri][L]
            s = sum(vals[i][L] or 0.0 for i in units)
            if total is None and s == 0:
                continue
            if total is None or abs(s - total) > 0.5:
                bad.append(
                    f"{L}{ri + 1} = {total} but rows {units[0] + 1}-{units[-1] + 1} sum to {s:g}"
                )
        if bad:
            msg = f"districts of {registry.name(code)} do not sum to it: {'; '.join(bad)}"
            if check == "raise":
                raise IngestError(msg, file, sheet, row=ri + 1, cell=bad[0].split(" ")[0])
            mismatches.append(msg)
            for i in [ri, *units]:
                skipped.append((i + 1, f"A{i + 1}", rows[i][0], f"not loaded: {msg}"))
            continue
        for L, v in vals[ri].items():
            if v is not None:
                regs.append(rec(code, code, ri, L, v, heads[blocks.index((ri, units))]))
        for i in units:
            name = str(rows[i][0]).strip()
            try:
                kato = _names.resolve_district(name, code, division)
            except _names.UnknownDistrictError as e:
                skipped.append((i + 1, f"A{i + 1}", name, f"no KATO code in the registry: {e}"))
                continue
            except _names.AmbiguousDistrictError as e:
                raise IngestError(str(e), file, sheet, row=i + 1, cell=f"A{i + 1}") from None
            for L, v in vals[i].items():
                if v is None:
                    skipped.append((i + 1, f"{L}{i + 1}", rows[i][_LETTERS.index(L)], "'-': none"))
                else:
                    recs.append(rec(kato, code, i, L, v, name))
    frame = pd.DataFrame(recs)
    if len(frame):
        dup = frame.duplicated(["region", "indicator"], keep=False)
        if dup.any():
            d = frame[dup].iloc[0]
            raise IngestError(
                f"two rows resolve to district {d['region']} ({d['region_as_published']})",
                file,
                sheet,
                cell=d["cell"],
            )
    return DistrictTable(
        frame=frame,
        regions=pd.DataFrame(regs),
        skipped=pd.DataFrame(skipped, columns=["row", "cell", "content", "reason"]),
        mismatches=mismatches,
    )
