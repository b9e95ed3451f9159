"""Grid and sheet primitives shared by the layout readers of the bureau's workbooks.

Cell text folded for matching, spreadsheet cell references, periods named in headers ("I
квартал 2008 года", "9 месяцев"), units named in titles ("тыс. тенге"), the header band above a
table with merged cells filled across, and the registry of sheet layouts: each layout reader
(:mod:`aimaq.ingest.bureau` for dynamic tables, :mod:`aimaq.ingest.activity` for tables by kind
of economic activity) registers a :class:`SheetLayout`; :func:`aimaq.ingest.dispatch.read_workbook`
asks them in order which one reads a sheet.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aimaq import catalogue

__all__ = [
    "FOOTNOTE",
    "SUPERSCRIPTS",
    "UNIT_COLUMN",
    "YEAR",
    "SheetLayout",
    "cell_ref",
    "col_letter",
    "compatible",
    "fold",
    "header_band",
    "layouts",
    "period_start",
    "register_layout",
    "sheet_head",
    "sheet_units",
    "sub_period",
    "unit_name",
    "unit_of",
    "unit_string",
    "year_in_name",
    "year_of",
]

# -- text helpers -------------------------------------------------------------------------------
SUPERSCRIPTS = str.maketrans(dict.fromkeys("¹²³⁴⁵⁶⁷⁸⁹⁰*", " "))


def fold(v: object) -> str:
    """Cell text folded for matching: NFKC, lower case, single spaces."""
    if v is None:
        return ""
    s = str(v).translate(SUPERSCRIPTS)
    s = unicodedata.normalize("NFKC", s).replace("\u00a0", " ").lower()
    return re.sub(r"\s+", " ", s).strip()


def col_letter(c: int) -> str:
    """1-based column number → spreadsheet letters."""
    out = ""
    while c:
        c, r = divmod(c - 1, 26)
        out = chr(65 + r) + out
    return out


def cell_ref(r: int, c: int) -> str:
    return f"{col_letter(c)}{r}"


# -- periods ------------------------------------------------------------------------------------
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(r"(?<![\w])(iv|iii|ii|i|[1-4])\s*-?\s*(?:й\s*)?(квартал|quarter|тоқсан)")
_HALF = re.compile(r"(?<![\w])(ii|i|[12])\s*-?\s*(?:е\s*)?(полугодие|half|жартыжылдық|жарты жыл)")
_MONTHS = re.compile(r"(?<!\d)(\d{1,2})\s*(месяц\w*|months?|ай\w*)")
_ANNUAL = re.compile(r"(?<![\w])(год|года|г|year|жыл|жылы)(?![\w])")


_MONTH_NAMES = [  # Russian stem, Kazakh name (both take case endings), English name, abbreviation
    ("январ", "қаңтар", "january", "jan"),
    ("феврал", "ақпан", "february", "feb"),
    ("март", "наурыз", "march", "mar"),
    ("ма[йяе](?!\\w)", "мамыр", "may", "may"),
    ("апрел", "сәуір", "april", "apr"),
    ("июн", "маусым", "june", "jun"),
    ("июл", "шілде", "july", "jul"),
    ("август", "тамыз", "august", "aug"),
    ("сентябр", "қыркүйек", "september", "sep"),
    ("октябр", "қазан", "october", "oct"),
    ("ноябр", "қараша", "november", "nov"),
    ("декабр", "желтоқсан", "december", "dec"),
]
_MONTH_NUMBER = [1, 2, 3, 5, 4, 6, 7, 8, 9, 10, 11, 12]
_MONTH = [
    re.compile(rf"(?<!\w)({ru}\w*|{kk}\w*|{en}(?!\w)|{ab}\.?(?!\w))")
    for ru, kk, en, ab in _MONTH_NAMES
]
_YEAR_START = re.compile(
    r"(на 1 января|на начало года|1 қаңтар|as of 1 january|at 1 january|january 1|начало года)"
)


def _months_in(text: str) -> list[int]:
    """Month numbers named in ``text``, in the order they appear."""
    hits = []
    for n, pat in zip(_MONTH_NUMBER, _MONTH, strict=True):
        hits.extend((m.start(), n) for m in pat.finditer(text))
    return [n for _, n in sorted(hits)]


def _cumulative(n: int) -> str:
    """The period of the first ``n`` months: Q1, H1, 9M, ..., Y (one spelling per period)."""
    if not 1 <= n <= 12:
        raise ValueError(f"{n} months is not a period of one year")
    return {3: "Q1", 6: "H1", 12: "Y"}.get(n, f"{n}M")


def sub_period(text: str) -> str | None:
    """ "Q1".."Q4", "H1"/"H2", "9M"..., "Y" for an explicit year word, None if none.

    Raises ``ValueError`` for a period named by months that is none of these, so that a
    figure for part of a year is never taken for an annual one.
    """
    m = _QUARTER.search(text)
    if m:
        return f"Q{_ROMAN[m.group(1)]}"
    m = _HALF.search(text)
    if m:
        return f"H{_ROMAN[m.group(1)]}"
    m = _MONTHS.search(text)
    if m:
        return _cumulative(int(m.group(1)))
    if _YEAR_START.search(text):
        return "Y"  # a stock at the start of the year is the year's figure
    months = _months_in(text)
    if len(months) >= 2:
        a, b = months[0], months[-1]
        if a == 1:
            return _cumulative(b)
        if b - a == 2 and a % 3 == 1:
            return f"Q{(a + 2) // 3}"
        raise ValueError(f"months {a}-{b} are not a quarter or a cumulative period")
    if len(months) == 1:
        return f"M{months[0]:02d}"
    if _ANNUAL.search(text):
        return "Y"
    return None


def year_of(v: object) -> int | None:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return int(v) if float(v).is_integer() and 1950 <= v <= 2100 else None
    m = YEAR.findall(fold(v))
    return int(m[-1]) if len(set(m)) == 1 else None


def period_start(period: str) -> dt.date:
    y = int(period[:4])
    sub = period[5:]
    if sub.startswith("Q"):
        return dt.date(y, 3 * int(sub[1]) - 2, 1)
    if sub == "H2":
        return dt.date(y, 7, 1)
    return dt.date(y, 1, 1)


# -- units --------------------------------------------------------------------------------------
_KZT = r"(тенге|теңге|tenge|kzt)"
_THOUSAND = r"(тыс(\.|яч\w*)?|мың|thousands?)"
_MILLION = r"(млн\.?|миллион\w*|million)"
_BILLION = r"(млрд\.?|миллиард\w*|billion)"
_USD = r"(долл\w*\.?(\s*сша)?|usd|us\s*dollars?|dollars?|ақш\s*доллар\w*)"
_PERSONS = r"(человек|чел\.|адам|persons|people)"
_UNITS: list[tuple[re.Pattern[str], tuple[str, float]]] = [
    (re.compile(rf"{_THOUSAND}\s*{_KZT}"), ("KZT", 1e3)),
    (re.compile(rf"{_MILLION}\s*{_KZT}"), ("KZT", 1e6)),
    (re.compile(rf"{_BILLION}\s*{_KZT}"), ("KZT", 1e9)),
    (re.compile(rf"{_THOUSAND}\s*{_USD}"), ("USD", 1e3)),
    (re.compile(rf"{_MILLION}\s*{_USD}"), ("USD", 1e6)),
    (re.compile(_USD), ("USD", 1.0)),
    (re.compile(rf"(?<!\w){_KZT}(?!\w)"), ("KZT", 1.0)),
    (re.compile(rf"{_THOUSAND}\s*{_PERSONS}"), ("persons", 1e3)),
    (re.compile(rf"(?<!\w){_PERSONS}"), ("persons", 1.0)),
    (re.compile(r"(процент|in percent|(?<!\w)пайыз|%)"), ("%", 1.0)),
]
UNIT_COLUMN = re.compile(r"(единица измерения|ед\.\s*изм|өлшем бірлігі|^unit$|unit of measure)")


def unit_of(text: str) -> tuple[str, float] | None:
    for pat, unit in _UNITS:
        if pat.search(text):
            return unit
    return None


def unit_name(u: tuple[str, float]) -> str:
    scale = {1.0: "", 1e3: "thousand ", 1e6: "million ", 1e9: "billion "}.get(u[1], f"×{u[1]:g} ")
    return f"{scale}{u[0]}"


def compatible(u: tuple[str, float], ind: catalogue.Indicator) -> bool:
    unit, scale = u
    if unit == "%":
        return ind.unit.startswith("%") or ind.unit.startswith("percent")
    return ind.unit.split()[0] == unit and float(ind.scale) == scale


FOOTNOTE = re.compile(
    r"^\s*(\d{1,2}\s*\)|\*|\(\d{1,2}\)|примечани|ескерту|note|источник|дереккөз|source|рассчитан"
    r"|calculated|по данным)",
)


def header_band(ws, grid, first: int, ncol: int) -> tuple[list[list], list[list[int]]]:
    """Rows above ``first`` with merged cells filled across, and each cell's origin column."""
    band = [list(grid[r]) for r in range(first)]
    origin = [[c for c in range(ncol)] for _ in range(first)]
    for rng in ws.merged_cells.ranges:
        r0, c0 = rng.min_row - 1, rng.min_col - 1
        if r0 >= first:
            continue
        v = grid[r0][c0]
        for r in range(r0, min(rng.max_row, first)):
            for c in range(c0, min(rng.max_col, ncol)):
                band[r][c] = v
                origin[r][c] = c0
    return band, origin


def year_in_name(path: Path) -> int | None:
    ys = set(YEAR.findall(path.stem))
    return int(ys.pop()) if len(ys) == 1 else None


def unit_string(indicator: str) -> str:
    """The unit string stored with ``indicator`` (the catalogue's, as the bundled data has it)."""
    return catalogue.get(indicator).stored_unit


def sheet_units(
    ctx, sheet, band, origin, first, ncol, skip_cols=()
) -> dict[tuple[str, float], str]:
    """Units named in the header band and the sheet name → the first cell naming each.

    Raises the reader's error (``ctx.err``) when the table names more than one unit.
    """
    units: dict[tuple[str, float], str] = {}
    for r in range(first):
        for c in range(ncol):
            if origin[r][c] == c and band[r][c] not in (None, "") and c not in skip_cols:
                u = unit_of(fold(band[r][c]))
                if u:
                    units.setdefault(u, cell_ref(r + 1, c + 1))
    u = unit_of(fold(sheet))
    if u:
        units.setdefault(u, f"sheet name {sheet!r}")
    if len(units) > 1:
        desc = ", ".join(f"{unit_name(k)} ({v})" for k, v in units.items())
        raise ctx.err(
            f"mixed units in one table: {desc}; one sheet must have one unit",
            sheet,
            None,
            next(iter(units.values())),
        )
    return units


# -- the registry of sheet layouts ----------------------------------------------------------------
@dataclass(frozen=True)
class SheetLayout:
    """A layout reader: ``claims(head)`` says whether it reads a sheet, ``read`` reads it.

    ``claims`` gets the folded sheet name and the text of the sheet's first rows and returns a
    token (anything but ``None``) when the layout reads the sheet; ``read(ctx, ws, grid, token)``
    returns a :class:`aimaq.ingest.table.SheetResult`. Layouts are asked by descending
    ``priority``; the first to claim a sheet reads it.
    """

    name: str
    claims: Callable[[str], object]
    read: Callable
    priority: int = 0


_LAYOUTS: dict[str, SheetLayout] = {}


def register_layout(layout: SheetLayout) -> SheetLayout:
    """Add (or replace, by name) a sheet layout reader."""
    _LAYOUTS[layout.name] = layout
    return layout


def layouts() -> list[SheetLayout]:
    """The registered layouts in the order they are asked."""
    return sorted(_LAYOUTS.values(), key=lambda x: -x.priority)


def sheet_head(sheet: str, grid: list[list], rows: int = 12) -> str:
    """Folded sheet name and the text of the first ``rows`` rows: what a layout is told by."""
    head = " ".join(fold(v) for row in grid[:rows] for v in row if isinstance(v, str))
    return f"{fold(sheet)} {head}"
