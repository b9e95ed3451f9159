"""The statistics bureau's dynamic-table files, read as published.

The bureau (stat.gov.kz, Taldau) publishes regional series as spreadsheets made for reading, not
for machines: a title, a unit line, one or more header rows (years; quarters and cumulative
periods such as "I квартал 2008 года", "9 месяцев 2008 года", "I quarter" under a merged year;
categories such as "мужчины" nested under "в том числе"), region names in Russian, Kazakh or
English with footnote marks ("Туркестанская2)"), a national total row, sometimes district rows
under each region, footnotes under the table, and one sheet per unit ("тыс.тенге", "в долларах
США"). :func:`read_bureau_file` finds the table in each sheet and returns a tidy frame ready for
:meth:`aimaq.store.Store.load`.

Four layouts are recognised per sheet:

``regions×periods``
    region rows, one column per period. Annual figures get ``period = "YYYY"``, quarters
    ``"YYYY-Qn"``, cumulative ones ``"YYYY-H1"`` (first half) and ``"YYYY-9M"`` (nine months).
``regions×categories``
    region rows, one column per category (all / men / women / urban / rural; all staff / by
    occupation) for one period stated in the title ("на 1 января 2023 года").
``regions×activities`` and ``activities×periods``
    tables by kind of economic activity (GVA by OKED section, employment by activity), told by
    their title and read by :mod:`aimaq.ingest.activity`.

Taldau's CSV export (``region,date,value``) is read by :mod:`aimaq.ingest.taldau`.

Nothing is filled in: "-" (absent), "x" (confidential), "..." (no data) and empty cells are
gaps, left out of the frame and listed in :attr:`BureauTable.skipped`, as are district rows,
footnotes, breakdowns the catalogue has no indicator for, figures published for a unit before
it existed (the bureau's back-cast estimates) or after it was abolished, and repeated figures.
Every rejected input raises :class:`~aimaq.ingest.errors.IngestError` naming file, sheet, row
and cell.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from aimaq import catalogue
from aimaq.geo import names as _names
from aimaq.geo import registry
from aimaq.ingest.errors import IngestError
from aimaq.ingest.numbers import NumberFormatError, gap_reason, parse_number
from aimaq.ingest.tidy import resolve_regions

__all__ = ["BureauTable", "read_bureau_file", "unit_string"]

FRAME_COLUMNS = [
    "region",
    "indicator",
    "year",
    "period",
    "value",
    "unit",
    "source",
    "note",
    "region_as_published",
    "sheet",
    "cell",
]
SKIPPED_COLUMNS = ["sheet", "row", "cell", "content", "reason"]


@dataclass
class BureauTable:
    """A bureau file read into a tidy frame.

    Attributes
    ----------
    frame : DataFrame
        One figure per row: ``region`` (code, placed on the division it was published on),
        ``indicator`` (catalogue id), ``year``, ``period``, ``value``, ``unit``, ``source``,
        ``note``, ``region_as_published``, and where it was read (``sheet``, ``cell``).
        Ready for :meth:`aimaq.store.Store.load`.
    layout : str
        ``"regions×periods"``, ``"regions×categories"``, ``"regions×activities"``,
        ``"activities×periods"`` or ``"taldau-csv"`` (several joined by
        ``+`` when sheets differ).
    sheets : list of str
        Sheets the frame's figures come from (a sheet that only repeats figures of an earlier
        one is listed in ``skipped`` instead).
    skipped : DataFrame
        Columns ``sheet, row, cell, content, reason``: every cell, row, column or sheet not
        loaded, and why.
    indicators : list of str
        Catalogue ids in the frame, detected from the file or passed by the caller.
    file : str
    """

    frame: pd.DataFrame
    layout: str
    sheets: list[str]
    skipped: pd.DataFrame
    indicators: list[str] = field(default_factory=list)
    file: str = ""

    @property
    def indicator(self) -> str | None:
        """The indicator when the file holds exactly one, else ``None``."""
        return self.indicators[0] if len(self.indicators) == 1 else None


# -- text helpers -------------------------------------------------------------------------------
_SUPERSCRIPTS = str.maketrans(dict.fromkeys("¹²³⁴⁵⁶⁷⁸⁹⁰*", " "))


def _text(v: object) -> str:
    """Cell text folded for matching: NFKC, lower case, single spaces."""
    if v is None:
        return ""
    s = str(v).translate(_SUPERSCRIPTS)
    s = unicodedata.normalize("NFKC", s).replace("\u00a0", " ").lower()
    return re.sub(r"\s+", " ", s).strip()


def _col_letter(c: int) -> str:
    """1-based column number → spreadsheet letters."""
    out = ""
    while c:
        c, r = divmod(c - 1, 26)
        out = chr(65 + r) + out
    return out


def _cell(r: int, c: int) -> str:
    return f"{_col_letter(c)}{r}"


# -- periods ------------------------------------------------------------------------------------
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
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


def _sub_period(text: str) -> str | None:
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


def _year_of(v: object) -> int | None:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return int(v) if float(v).is_integer() and 1950 <= v <= 2100 else None
    m = _YEAR.findall(_text(v))
    return int(m[-1]) if len(set(m)) == 1 else None


def _period_start(period: str) -> dt.date:
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
_UNIT_COLUMN = re.compile(r"(единица измерения|ед\.\s*изм|өлшем бірлігі|^unit$|unit of measure)")


def _unit_of(text: str) -> tuple[str, float] | None:
    for pat, unit in _UNITS:
        if pat.search(text):
            return unit
    return None


def _unit_name(u: tuple[str, float]) -> str:
    scale = {1.0: "", 1e3: "thousand ", 1e6: "million ", 1e9: "billion "}.get(u[1], f"×{u[1]:g} ")
    return f"{scale}{u[0]}"


def _compatible(u: tuple[str, float], ind: catalogue.Indicator) -> bool:
    unit, scale = u
    if unit == "%":
        return ind.unit.startswith("%") or ind.unit.startswith("percent")
    return ind.unit.split()[0] == unit and float(ind.scale) == scale


@cache
def _canonical_units() -> dict[str, str]:
    """Unit strings the bundled data uses, so that loads agree with what stores hold."""
    from aimaq.store import bundled_path

    try:
        df = pd.read_csv(bundled_path(), usecols=["indicator", "unit"], dtype=str)
    except (OSError, ValueError):
        return {}
    return df.drop_duplicates("indicator").set_index("indicator")["unit"].to_dict()


def unit_string(indicator: str) -> str:
    """The unit string stored with ``indicator`` (the bundled data's, else the catalogue's)."""
    return _canonical_units().get(indicator) or catalogue.get(indicator).unit_label()


# -- indicators ---------------------------------------------------------------------------------
_GRP_PC = re.compile(
    r"(валов\w*\s+регион\w*\s+продукт|врп|grp|gross regional product|жөө|жалпы өңірлік өнім)"
    r".{0,60}(на душу|per capita|жан басына)"
)
_UNEMP = re.compile(r"(unemployment rate|уровень безработицы|жұмыссыздық деңгейі)")
_WAGE = re.compile(r"(заработн\w*\s+плат|(?<!\w)wages?(?!\w)|жалақы)")
_INCOME = re.compile(r"(денежн\w*\s+доход|money income|cash income|ақшалай табыс)")
_POP = re.compile(
    r"(численност\w*\s+(населения|мужчин|женщин)|все население|барлық халық|(?<!\w)population"
    r"|халық(ының)? саны|халқының\s+саны)"
)
_MALE = re.compile(r"(мужчин|ерлер|(?<!fe)male|(?<!wo)men(?!\w))")
_FEMALE = re.compile(r"(женщин|әйелдер|female|women)")
_URBAN = re.compile(r"(городское|қала халқы|urban)")
_RURAL = re.compile(r"(сельское|ауыл халқы|rural)")
_TOTAL = re.compile(r"(все население|барлық халық|(?<!\w)всего|(?<!\w)итого|барлығы|(?<!\w)total)")
_NESTED = re.compile(r"(в том числе|соның ішінде|including|of which)")


def _population_part(text: str) -> str | None:
    """'male'/'female'/'urban'/'rural' breakdown named in ``text`` (None: total)."""
    parts = [
        p
        for p, pat in (("urban", _URBAN), ("rural", _RURAL), ("female", _FEMALE))
        if pat.search(text)
    ]
    if "female" not in parts and _MALE.search(text):
        parts.append("male")
    return "+".join(parts) or None


def _family(title: str) -> str | None:
    """Which series family the title names."""
    if _GRP_PC.search(title):
        return "grp_per_capita"
    if _UNEMP.search(title):
        return "unemployment"
    if _WAGE.search(title):
        return "wage"
    if _INCOME.search(title) and re.search(r"(на душу|среднедушев|per capita|жан басына)", title):
        return "income"
    if _POP.search(title):
        return "population"
    return None


# -- regions ------------------------------------------------------------------------------------
_DISTRICT = re.compile(
    r"(ауданы|(?<!\w)аудан(?!\w)|район|district|rayon|қ\.\s*ә\.|г\.\s*а\.|(?<!\w)кенті|ауылы"
    r"|поселок|посёлок|(?<!\w)село(?!\w)|(?<!\w)[қкапсг]\.\s*$|city administration)",
)
_FOOTNOTE = re.compile(
    r"^\s*(\d{1,2}\s*\)|\*|\(\d{1,2}\)|примечани|ескерту|note|источник|дереккөз|source|рассчитан"
    r"|calculated|по данным)",
)


@cache
def _region_like(name: str) -> bool:
    try:
        _names.resolve(name)
    except _names.AmbiguousRegionError:
        return True
    except _names.UnknownRegionError:
        return False
    return True


# -- the sheet reader ---------------------------------------------------------------------------
@dataclass
class _Column:
    col: int  # 1-based
    header: str  # folded text of the column's own header cells, top to bottom
    leaf: str  # the bottom-most header cell
    depth: int  # number of "в том числе" levels above it
    period: str | None = None
    year: int | None = None
    header_cell: str = ""


@dataclass
class _SheetResult:
    records: list[dict]
    layout: str | None
    indicators: set[str]


class _Reader:
    def __init__(
        self,
        file: str,
        indicator: str | None,
        source: str | None,
        year: int | None,
        annual_only: bool,
        name_year: int | None,
    ):
        self.file = file
        try:
            self.indicator = catalogue.get(indicator).id if indicator else None
        except KeyError as e:
            raise IngestError(f"indicator=: {e}", file=file) from None
        self.source = source
        self.year = year
        self.annual_only = annual_only
        self.name_year = name_year
        self.skipped: list[tuple] = []

    def skip(self, sheet, row, cell, content, reason):
        self.skipped.append((sheet, row, cell, None if content is None else str(content), reason))

    def err(self, msg, sheet=None, row=None, cell=None):
        return IngestError(msg, file=self.file, sheet=sheet, row=row, cell=cell)

    # ---------------------------------------------------------------------------------------
    def read_sheet(self, ws) -> _SheetResult:
        sheet = ws.title
        grid = [[c.value for c in row] for row in ws.iter_rows()]
        bold = [[bool(c.font and c.font.b) for c in row[:4]] for row in ws.iter_rows(max_col=4)]
        nrow = len(grid)
        ncol = max((len(r) for r in grid), default=0)
        for r in grid:
            r.extend([None] * (ncol - len(r)))
        if nrow == 0 or ncol < 2:
            self.skip(sheet, None, None, None, "empty sheet")
            return _SheetResult([], None, set())

        # the layout: a table by kind of economic activity (OKED sections) is told by its title
        # and read by aimaq.ingest.activity (regions × activities, or activities × years per
        # region); every other table is regions × periods or regions × categories, below
        from aimaq.ingest import activity

        head = " ".join(_text(v) for row in grid[:12] for v in row if isinstance(v, str))
        fam = activity.family(f"{_text(sheet)} {head}")
        if fam is not None:
            return activity.read_sheet(self, ws, grid, fam)

        # the label column: the one (of the first four) naming most regions
        best, best_n = None, 0
        for c in range(min(4, ncol)):
            n = sum(
                1 for r in range(nrow) if isinstance(grid[r][c], str) and _region_like(grid[r][c])
            )
            if n > best_n:
                best, best_n = c, n
        if best is None or best_n < 2:
            self.skip(sheet, None, None, None, "no table of regions in this sheet")
            return _SheetResult([], None, set())
        lab = best

        def has_values(r: int) -> bool:
            return any(grid[r][c] not in (None, "") for c in range(lab + 1, ncol))

        first = next(
            (
                r
                for r in range(nrow)
                if isinstance(grid[r][lab], str) and _region_like(grid[r][lab]) and has_values(r)
            ),
            None,
        )
        if first is None:
            self.skip(sheet, None, None, None, "region names but no figures")
            return _SheetResult([], None, set())

        # header band: rows above the first region row, merged cells filled across
        band, origin = _header_band(ws, grid, first, ncol)
        title_cells = [
            (r, c, band[r][c])
            for r in range(first)
            for c in range(ncol)
            if origin[r][c] == c and c <= lab and band[r][c] not in (None, "")
        ]
        title = " ".join(_text(v) for _, _, v in title_cells)
        # a unit column, if the table has one
        unit_col = None
        for r in range(first):
            for c in range(lab + 1, ncol):
                if origin[r][c] == c and _UNIT_COLUMN.search(_text(band[r][c])):
                    unit_col = c
        # the columns
        columns: list[_Column] = []
        for c in range(lab + 1, ncol):
            if c == unit_col:
                continue
            own = [
                (r, band[r][c])
                for r in range(first)
                if origin[r][c] > lab and band[r][c] not in (None, "")
            ]
            texts = [_text(v) for _, v in own]
            col = _Column(
                col=c + 1,
                header=" | ".join(texts),
                leaf=texts[-1] if texts else "",
                depth=sum(1 for t in texts if _NESTED.search(t)),
            )
            if own:
                col.header_cell = _cell(own[-1][0] + 1, c + 1)
            year = None
            for _, v in reversed(own):
                year = _year_of(v)
                if year is not None:
                    break
            sub = None
            for k, t in reversed(list(enumerate(texts))):
                try:
                    sub = _sub_period(t)
                except ValueError as e:
                    rr = own[k][0] + 1
                    raise self.err(f"header {t!r}: {e}", sheet, rr, _cell(rr, c + 1)) from None
                if sub is not None:
                    break
            if year is not None:
                col.year = year
                if sub in (None, "Y"):
                    col.period = str(year)
                elif sub.startswith("M"):
                    col.period = f"{year}-{sub[1:]}"
                else:
                    col.period = f"{year}-{sub}"
            elif sub is not None and own:
                # "II quarter" with the year written once, over the first column of its group
                prev = columns[-1] if columns else None
                if (
                    prev is None
                    or prev.year is None
                    or prev.col != c
                    or prev.period in (str(prev.year) if sub == "Y" else f"{prev.year}-{sub}",)
                    or prev.period == str(prev.year)
                ):
                    raise self.err(
                        f"header {col.header!r} names a period but no year",
                        sheet,
                        own[-1][0] + 1,
                        _cell(own[-1][0] + 1, c + 1),
                    )
                col.year = prev.year
                col.period = str(prev.year) if sub == "Y" else f"{prev.year}-{sub}"
                if sub.startswith("M"):
                    col.period = f"{prev.year}-{sub[1:]}"
            columns.append(col)
        period_cols = [c for c in columns if c.period]
        cat_cols = [c for c in columns if not c.period and re.search(r"[^\W\d_]", c.leaf)]
        if not period_cols and not cat_cols:
            self.skip(
                sheet,
                None,
                None,
                title[:80] or None,
                "no column headers with periods or categories: not a table of figures",
            )
            return _SheetResult([], None, set())
        layout = "regions×periods" if period_cols else "regions×categories"
        self._single_category = len(cat_cols) == 1

        # units named in the title, headers and sheet name
        units: dict[tuple[str, float], str] = {}
        for r in range(first):
            for c in range(ncol):
                if origin[r][c] == c and band[r][c] not in (None, "") and c != unit_col:
                    u = _unit_of(_text(band[r][c]))
                    if u:
                        units.setdefault(u, _cell(r + 1, c + 1))
        u = _unit_of(_text(sheet))
        if u:
            units.setdefault(u, f"sheet name {sheet!r}")
        if len(units) > 1:
            desc = ", ".join(f"{_unit_name(k)} ({v})" for k, v in units.items())
            raise self.err(
                f"mixed units in one table: {desc}; one sheet must have one unit",
                sheet,
                None,
                next(iter(units.values())),
            )
        sheet_unit = next(iter(units), None)
        family = _family(f"{title} {_text(sheet)}") or _family(" ".join(c.header for c in columns))
        period_year, period_note = None, None
        if layout == "regions×categories":
            period_year, period_note = self._category_year(title)

        # rows
        rows = self._label_rows(sheet, grid, first, nrow, lab, has_values, bold)
        if not rows:
            self.skip(sheet, None, None, None, "no region rows with figures")
            return _SheetResult([], None, set())

        # regions: districts under regions are skipped; elsewhere an unknown name is an error
        keep, codes = self._region_rows(sheet, rows, lab)

        # row units from a unit column
        row_unit: dict[int, tuple[tuple[str, float], str]] = {}
        if unit_col is not None:
            for r, *_ in keep:
                v = grid[r][unit_col]
                uu = _unit_of(_text(v))
                where = _cell(r + 1, unit_col + 1)
                if uu is None:
                    raise self.err(f"unit {v!r} not recognised", sheet, r + 1, where)
                row_unit[r] = (uu, where)

        source = self.source or self._default_source(sheet, title_cells)
        records: list[dict] = []
        found: set[str] = set()
        first_unit: dict[str, tuple[tuple[str, float], str]] = {}
        for col in columns:
            if col.period and self.annual_only and col.period != str(col.year):
                self.skip(
                    sheet,
                    None,
                    _col_letter(col.col),
                    col.header,
                    "sub-annual period not loaded (annual_only=True)",
                )
                continue
            if not col.period and col not in cat_cols:
                data = [
                    grid[r][col.col - 1] for r, *_ in keep if grid[r][col.col - 1] not in (None, "")
                ]
                if data and layout == "regions×categories":
                    raise self.err(
                        "a column of figures without a header", sheet, None, _col_letter(col.col)
                    )
                if data:
                    self.skip(
                        sheet,
                        None,
                        _col_letter(col.col),
                        col.header or None,
                        "column without a period header",
                    )
                continue
            for (r, lbl, sec, _, _), code in zip(keep, codes, strict=True):
                ru = row_unit[r][0] if r in row_unit else sheet_unit
                ind, why = self._indicator(family, layout, col, sec, title, ru, sheet)
                if ind is None:
                    if why:
                        self.skip(sheet, r + 1, _cell(r + 1, col.col), grid[r][col.col - 1], why)
                    continue
                v = grid[r][col.col - 1]
                where = _cell(r + 1, col.col)
                try:
                    num = parse_number(v)
                except NumberFormatError:
                    raise self.err(
                        f"{v!r} is not a number (a figure, '-', 'x' or '...' expected) for "
                        f"{lbl.strip()!r}, {col.leaf or col.header!r}",
                        sheet,
                        r + 1,
                        where,
                    ) from None
                if num is None:
                    self.skip(sheet, r + 1, where, v, f"gap: {gap_reason(v)}")
                    continue
                spec = catalogue.get(ind)
                u = row_unit[r][0] if r in row_unit else sheet_unit
                if u is not None:
                    ucell = row_unit[r][1] if r in row_unit else next(iter(units.values()))
                    prev = first_unit.setdefault(ind, (u, ucell))
                    if prev[0] != u:
                        raise self.err(
                            f"mixed units for {ind}: {_unit_name(prev[0])} ({prev[1]}) and "
                            f"{_unit_name(u)} ({ucell})",
                            sheet,
                            r + 1,
                            ucell,
                        )
                    if not _compatible(u, spec):
                        m = re.fullmatch(r"[A-Z]+(\d+)", ucell)
                        raise self.err(
                            f"the table is in {_unit_name(u)} ({ucell}) but {ind} is in "
                            f"{spec.unit_label()}",
                            sheet,
                            int(m.group(1)) if m else None,
                            ucell if m else None,
                        )
                year = col.year if col.period else period_year
                period = col.period if col.period else str(year)
                if year is None:
                    raise self.err(
                        "the table states no period (no year in the title or headers): pass year=",
                        sheet,
                        None,
                        None,
                    )
                records.append(
                    {
                        "region": code,
                        "indicator": ind,
                        "year": int(year),
                        "period": period,
                        "value": num,
                        "unit": unit_string(ind),
                        "source": source,
                        "note": period_note,
                        "region_as_published": lbl.strip(),
                        "sheet": sheet,
                        "cell": where,
                        "_row": r + 1,
                    }
                )
                found.add(ind)
        return _SheetResult(records, layout, found)

    # ---------------------------------------------------------------------------------------
    def _label_rows(self, sheet, grid, first, nrow, lab, has_values, bold) -> list[tuple]:
        """Rows with figures under the header: ``(r, label, section, bold, blank_before)``.

        Blank rows, footnotes and headings without figures are listed in ``skipped``.
        """
        rows = []  # (r, label, section, bold, blank_before)
        section, blank = None, False
        footnotes = False
        for r in range(first, nrow):
            label = grid[r][lab]
            text = _text(label)
            vals = has_values(r)
            if not text and not vals:
                blank = True
                continue
            if not text:
                raise self.err("figures without a region name", sheet, r + 1, _cell(r + 1, lab + 1))
            if _FOOTNOTE.search(text) or (not vals and len(text) > 70) or footnotes:
                if not vals or _FOOTNOTE.search(text):
                    footnotes = True
                    self.skip(sheet, r + 1, _cell(r + 1, lab + 1), label, "footnote")
                    blank = False
                    continue
            if not vals:
                section = text
                self.skip(sheet, r + 1, _cell(r + 1, lab + 1), label, "section heading")
                blank = True
                continue
            rows.append(
                (
                    r,
                    str(label),
                    section,
                    bold[r][lab] if r < len(bold) and lab < 4 else False,
                    blank,
                )
            )
            blank = False
        return rows

    def _region_rows(self, sheet, rows, lab) -> tuple[list[tuple], list[str]]:
        """The region rows among ``rows`` (districts listed in ``skipped``) and their codes."""
        labels = [lbl for _, lbl, _, _, _ in rows]
        hierarchical = any(_DISTRICT.search(_text(lbl)) and not _region_like(lbl) for lbl in labels)
        keep = []
        seen: dict[tuple, str] = {}
        current = None
        for i, (r, lbl, sec, is_bold, blank_before) in enumerate(rows):
            like = _region_like(lbl)
            if hierarchical:
                head = is_bold or blank_before or i == 0
                key = (sec, *_names.normalise(lbl))
                if like and head and key not in seen:
                    seen[key] = lbl
                    current = lbl
                    keep.append(rows[i])
                else:
                    self.skip(
                        sheet,
                        r + 1,
                        _cell(r + 1, lab + 1),
                        lbl,
                        f"district or settlement under {current!r}",
                    )
                continue
            if not like:
                try:
                    _names.resolve(lbl)
                except _names.UnknownRegionError as e:
                    raise self.err(str(e), sheet, r + 1, _cell(r + 1, lab + 1)) from None
            keep.append(rows[i])
        try:
            codes = _names.resolve_many([lbl for _, lbl, _, _, _ in keep])
        except (_names.UnknownRegionError, _names.AmbiguousRegionError) as e:
            r = next(r for r, lbl, _, _, _ in keep if lbl == e.name)
            raise self.err(str(e), sheet, r + 1, _cell(r + 1, lab + 1)) from None
        return keep, codes

    def _category_year(self, title: str) -> tuple[int | None, str | None]:
        """Year of a regions × categories table: its title, else year=, else the file name."""
        years = set(_YEAR.findall(title))
        if self.year is not None:
            return self.year, None
        if len(years) == 1:
            return int(years.pop()), None
        if not years and self.name_year is not None:
            return self.name_year, "year taken from the file name (the table states none)"
        return None, None

    def _default_source(self, sheet: str, title_cells) -> str:
        head = ""
        for _, _, v in title_cells:
            t = re.sub(r"\s+", " ", str(v)).strip()
            if len(t) > 3 and re.search(r"[^\W\d_]{4}", t):
                head = t
                break
        base = f"{Path(self.file).name}, sheet {sheet!r}"
        return f"{base}: {head[:160]}" if head else base

    def _indicator(self, family, layout, col: _Column, section, title, unit, sheet):
        """(indicator id, None) or (None, reason to skip)."""
        ind, why = self._detect(family, layout, col, section, title, unit)
        generic = family != "population"
        if ind is None and why is None:
            if self.indicator is None:
                what = (
                    "GRP per capita, but the unit (тыс. тенге or USD) is not stated"
                    if family == "grp_per_capita"
                    else "title, sheet name and headers name no known series"
                )
                raise self.err(
                    f"cannot tell the indicator from the file ({what}): pass "
                    "indicator=<catalogue id>",
                    sheet,
                )
            ind, generic = self.indicator, True
        if ind is None:
            return None, why
        if (
            generic
            and layout == "regions×categories"
            and (col.depth > 0 or not (_TOTAL.search(col.leaf) or self._single_category))
        ):
            return None, f"breakdown column {col.leaf!r} not loaded (only the total is)"
        if self.indicator is not None and ind != self.indicator:
            return None, f"holds {ind}, not the requested {self.indicator}"
        return ind, None

    _single_category = False

    def _detect(self, family, layout, col: _Column, section, title, unit):
        if family == "grp_per_capita":
            if unit is None:
                return None, None
            if unit == ("KZT", 1e3):
                return "grp_per_capita_thousand_kzt", None
            if unit[0] == "USD":
                return "grp_per_capita_usd", None
            return None, f"GRP per capita in {_unit_name(unit)}: no catalogue indicator"
        if family == "unemployment":
            return "unemployment_rate_pct", None
        if family == "income":
            return "income_per_capita_nominal_monthly_kzt", None
        if family == "wage":
            return "avg_monthly_nominal_wage_kzt", None
        if family == "population":
            if layout == "regions×periods":
                part = _population_part(f"{title} | {section or ''}")
                if part is None:
                    return "population_total", None
                return None, (
                    f"population ({part}) from the dynamic series: no catalogue indicator (the "
                    "catalogue's population_male/female/urban/rural are the bulletin's figures, "
                    "which differ)"
                )
            leaf = col.leaf
            if col.depth == 0 and _TOTAL.search(leaf):
                return "population_total_bulletin", None
            part = _population_part(leaf)
            if col.depth <= 1 and part in ("male", "female", "urban", "rural"):
                return f"population_{part}", None
            return None, f"column {col.header!r}: breakdown with no catalogue indicator"
        return None, None


def _header_band(ws, grid, first: int, ncol: int) -> tuple[list[list], list[list[int]]]:
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


def _year_in_name(path: Path) -> int | None:
    ys = set(_YEAR.findall(path.stem))
    return int(ys.pop()) if len(ys) == 1 else None


def read_bureau_file(
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
    BureauTable

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
    wb = _open_workbook(path, file)
    rd = _Reader(file, indicator, source, year, annual_only, _year_in_name(path))
    records: list[dict] = []
    layouts: list[str] = []
    sheets: list[str] = []
    found: list[str] = []
    for ws in wb.worksheets:
        res = rd.read_sheet(ws)
        if res.records:
            records.extend(res.records)
            sheets.append(ws.title)
            if res.layout not in layouts:
                layouts.append(res.layout)
            found.extend(i for i in sorted(res.indicators) if i not in found)
    if not records:
        why = "; ".join(sorted({s[4] for s in rd.skipped if s[1] is None})) or "no figures"
        raise IngestError(f"no figures read ({why})", file=file)
    frame = _finish(pd.DataFrame.from_records(records), file, rd)
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


def _finish(df: pd.DataFrame, file: str, rd) -> pd.DataFrame:
    """Check repeats, place figures on their division, drop back-casts; shared with Taldau."""
    key = ["region", "indicator", "period"]
    df = _drop_repeats(df, key, file, rd, "")
    # borders are decided per period (a Q1 2022 table is on the old division, H1 2022 on the new)
    tmp = df.assign(source=df["source"] + "\x1f" + df["period"])
    out = resolve_regions(tmp, file)
    out["source"] = df["source"].reindex(out.index)
    out["old_borders"] = out["old_borders"].astype("boolean").fillna(False).astype(bool)
    published = df.groupby(["indicator", "period"])["region"].agg(set).to_dict()
    placed = out.groupby(["indicator", "period"])["region"].agg(set).to_dict()
    split = {c: set(registry.get(c).successors) for c in registry.all_codes()}
    drop = []
    for i, code, pub, ind, y, per, old in zip(
        out.index,
        out["region"],
        df["region"].reindex(out.index),
        out["indicator"],
        out["year"],
        out["period"],
        out["old_borders"],
        strict=True,
    ):
        if code == registry.NATIONAL:
            continue
        reg = registry.get(code)
        seen = published[(ind, per)]
        why = None
        if old and (code in seen or (split.get(code, set()) - {pub}) & seen):
            # a successor published for a year before it existed, beside its predecessor or
            # its sibling: an estimate on the later borders, not the predecessor's figure
            why = (
                f"estimate for {pub} ({registry.name(pub)}) before it existed (created "
                f"{registry.get(pub).valid_from}), published beside "
                f"{', '.join(sorted((split[code] | {code}) & seen - {pub}))}; not loaded"
            )
        elif reg.valid_from.year > y and registry.predecessor(code) in placed[(ind, per)]:
            why = (
                f"{code} ({registry.name(code)}) was created on {reg.valid_from}: the figure "
                f"for {per} is an estimate on later borders, published beside its "
                f"predecessor {registry.predecessor(code)}; not loaded"
            )
        elif reg.valid_to is not None and _period_start(per) >= reg.valid_to:
            why = (
                f"{code} ({registry.name(code)}) was abolished on {reg.valid_to}: no figure "
                f"for {per} can be on it"
            )
        if why:
            rd.skip(
                out.at[i, "sheet"],
                int(out.at[i, "_row"]),
                out.at[i, "cell"],
                out.at[i, "region_as_published"],
                why,
            )
            drop.append(i)
    out = out.drop(index=drop)
    out = _drop_repeats(out, key, file, rd, " after placing figures on their borders")
    out = out.sort_values(["indicator", "period", "region"], kind="stable").reset_index(drop=True)
    return out[[*FRAME_COLUMNS, "_row"]]


def _drop_repeats(df, key, file, rd, context) -> pd.DataFrame:
    dup = df.duplicated(key, keep=False)
    if not dup.any():
        return df
    drop = []
    for _, g in df[dup].groupby(key, sort=False):
        first = g.iloc[0]
        for i, row in g.iloc[1:].iterrows():
            if row["value"] != first["value"]:
                where = f"cell {first['cell']}"
                if first["sheet"] is not None:
                    where = f"sheet {first['sheet']!r}, {where}"
                raise IngestError(
                    f"{row['region']} {row['indicator']} {row['period']} given twice with "
                    f"different values: {first['value']:g} ({where}) and {row['value']:g}"
                    f"{context}; keep one",
                    file=file,
                    sheet=row["sheet"],
                    row=int(row["_row"]),
                    cell=row["cell"],
                )
            where = f"cell {first['cell']}"
            if first["sheet"] is not None:
                where = f"sheet {first['sheet']!r}, {where}"
            rd.skip(
                row["sheet"],
                int(row["_row"]),
                row["cell"],
                row["value"],
                f"same figure already read ({where})",
            )
            drop.append(i)
    return df.drop(index=drop)
