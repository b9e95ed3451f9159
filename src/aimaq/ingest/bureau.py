"""The statistics bureau's dynamic-table files, read as published.

The bureau (stat.gov.kz, Taldau) publishes regional series as spreadsheets made for reading, not
for machines: a title, a unit line, one or more header rows (years; quarters and cumulative
periods such as "I квартал 2008 года", "9 месяцев 2008 года", "I quarter" under a merged year;
categories such as "мужчины" nested under "в том числе"), region names in Russian, Kazakh or
English with footnote marks ("Туркестанская2)"), a national total row, sometimes district rows
under each region, footnotes under the table, and one sheet per unit ("тыс.тенге", "в долларах
США"). :func:`aimaq.ingest.dispatch.read_bureau_file` finds the table in each sheet and returns a tidy frame ready for
:meth:`aimaq.store.Store.load`.

This module reads the first two of four layouts (it registers as the fallback layout of
:mod:`aimaq.ingest.grid`); which rows are regions is decided in :mod:`aimaq.ingest.rows`:

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

import re
from dataclasses import dataclass

from aimaq import catalogue
from aimaq.ingest.grid import (
    UNIT_COLUMN,
    SheetLayout,
    cell_ref,
    col_letter,
    compatible,
    fold,
    header_band,
    register_layout,
    sheet_units,
    sub_period,
    unit_name,
    unit_of,
    unit_string,
    year_of,
)
from aimaq.ingest.numbers import NumberFormatError, gap_reason, parse_number
from aimaq.ingest.rows import (
    check_division,
    header_data_row,
    label_rows,
    region_like,
    region_rows,
)
from aimaq.ingest.table import SheetContext, SheetResult

__all__ = ["LAYOUT", "read_sheet"]

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


@dataclass
class _Column:
    col: int  # 1-based
    header: str  # folded text of the column's own header cells, top to bottom
    leaf: str  # the bottom-most header cell
    depth: int  # number of "в том числе" levels above it
    period: str | None = None
    year: int | None = None
    header_cell: str = ""


def read_sheet(ctx: SheetContext, ws, grid: list[list], token: object = True) -> SheetResult:
    """Read one sheet as a regions × periods or regions × categories table."""
    sheet = ws.title
    bold = [[bool(c.font and c.font.b) for c in row[:4]] for row in ws.iter_rows(max_col=4)]
    nrow, ncol = len(grid), len(grid[0])  # the dispatcher pads rows and skips empty sheets

    # the label column: the one (of the first four) naming most regions
    best, best_n = None, 0
    for c in range(min(4, ncol)):
        n = sum(1 for r in range(nrow) if isinstance(grid[r][c], str) and region_like(grid[r][c]))
        if n > best_n:
            best, best_n = c, n
    if best is None or best_n < 2:
        ctx.skip(sheet, None, None, None, "no table of regions in this sheet")
        return SheetResult([], None, set())
    lab = best

    def has_values(r: int) -> bool:
        return any(grid[r][c] not in (None, "") for c in range(lab + 1, ncol))

    first = next(
        (
            r
            for r in range(nrow)
            if isinstance(grid[r][lab], str) and region_like(grid[r][lab]) and has_values(r)
        ),
        None,
    )
    if first is None:
        ctx.skip(sheet, None, None, None, "region names but no figures")
        return SheetResult([], None, set())

    # header band: rows above the first region row, merged cells filled across
    header_data_row(ctx, sheet, grid, first, lab)
    band, origin = header_band(ws, grid, first, ncol)
    title_cells = [
        (r, c, band[r][c])
        for r in range(first)
        for c in range(ncol)
        if origin[r][c] == c and c <= lab and band[r][c] not in (None, "")
    ]
    title = " ".join(fold(v) for _, _, v in title_cells)
    # a unit column, if the table has one
    unit_col = None
    for r in range(first):
        for c in range(lab + 1, ncol):
            if origin[r][c] == c and UNIT_COLUMN.search(fold(band[r][c])):
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
        texts = [fold(v) for _, v in own]
        col = _Column(
            col=c + 1,
            header=" | ".join(texts),
            leaf=texts[-1] if texts else "",
            depth=sum(1 for t in texts if _NESTED.search(t)),
        )
        if own:
            col.header_cell = cell_ref(own[-1][0] + 1, c + 1)
        year = None
        for _, v in reversed(own):
            year = year_of(v)
            if year is not None:
                break
        sub = None
        for k, t in reversed(list(enumerate(texts))):
            try:
                sub = sub_period(t)
            except ValueError as e:
                rr = own[k][0] + 1
                raise ctx.err(f"header {t!r}: {e}", sheet, rr, cell_ref(rr, c + 1)) from None
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
                raise ctx.err(
                    f"header {col.header!r} names a period but no year",
                    sheet,
                    own[-1][0] + 1,
                    cell_ref(own[-1][0] + 1, c + 1),
                )
            col.year = prev.year
            col.period = str(prev.year) if sub == "Y" else f"{prev.year}-{sub}"
            if sub.startswith("M"):
                col.period = f"{prev.year}-{sub[1:]}"
        columns.append(col)
    period_cols = [c for c in columns if c.period]
    cat_cols = [c for c in columns if not c.period and re.search(r"[^\W\d_]", c.leaf)]
    if not period_cols and not cat_cols:
        ctx.skip(
            sheet,
            None,
            None,
            title[:80] or None,
            "no column headers with periods or categories: not a table of figures",
        )
        return SheetResult([], None, set())
    layout = "regions×periods" if period_cols else "regions×categories"
    single = len(cat_cols) == 1

    # units named in the title, headers and sheet name
    units = sheet_units(ctx, sheet, band, origin, first, ncol, skip_cols=(unit_col,))
    sheet_unit = next(iter(units), None)
    family = _family(f"{title} {fold(sheet)}") or _family(" ".join(c.header for c in columns))
    period_year, period_note = None, None
    if layout == "regions×categories":
        period_year, period_note = ctx.category_year(title)

    # rows
    rows = label_rows(ctx, sheet, grid, first, nrow, lab, has_values, bold)
    if not rows:
        ctx.skip(sheet, None, None, None, "no region rows with figures")
        return SheetResult([], None, set())

    # regions: districts under regions are skipped; elsewhere an unknown name is an error
    keep, codes = region_rows(ctx, sheet, rows, lab)
    latest = max((c.year for c in period_cols), default=None) if period_cols else period_year
    check_division(ctx, sheet, set(codes), latest, "")
    if sheet_unit is None and not units and unit_col is None:
        ctx.warn(
            "no unit stated in the title, headers or sheet name; the figures are taken to "
            "be in the catalogue's unit",
            sheet,
        )

    # row units from a unit column
    row_unit: dict[int, tuple[tuple[str, float], str]] = {}
    if unit_col is not None:
        for r, *_ in keep:
            v = grid[r][unit_col]
            uu = unit_of(fold(v))
            where = cell_ref(r + 1, unit_col + 1)
            if uu is None:
                raise ctx.err(f"unit {v!r} not recognised", sheet, r + 1, where)
            row_unit[r] = (uu, where)

    source = ctx.source or ctx.default_source(sheet, title_cells)
    records: list[dict] = []
    found: set[str] = set()
    first_unit: dict[str, tuple[tuple[str, float], str]] = {}
    for col in columns:
        if col.period and ctx.annual_only and col.period != str(col.year):
            ctx.skip(
                sheet,
                None,
                col_letter(col.col),
                col.header,
                "sub-annual period not loaded (annual_only=True)",
            )
            continue
        if not col.period and layout == "regions×periods" and col.header:
            if any(grid[r][col.col - 1] not in (None, "") for r, *_ in keep):
                raise ctx.err(
                    f"header {col.header!r} is neither a period nor blank, and its column holds "
                    "figures: write the period (e.g. '2021 год', 'I квартал 2021')",
                    sheet,
                    int(re.sub(r"[A-Z]+", "", col.header_cell) or 0) or None,
                    col.header_cell or col_letter(col.col),
                )
        if not col.period and col not in cat_cols:
            data = [
                grid[r][col.col - 1] for r, *_ in keep if grid[r][col.col - 1] not in (None, "")
            ]
            if data and layout == "regions×categories":
                raise ctx.err(
                    "a column of figures without a header", sheet, None, col_letter(col.col)
                )
            if data:
                ctx.skip(
                    sheet,
                    None,
                    col_letter(col.col),
                    col.header or None,
                    "column without a period header",
                )
            continue
        for (r, lbl, sec, _, _), code in zip(keep, codes, strict=True):
            ru = row_unit[r][0] if r in row_unit else sheet_unit
            ind, why = _indicator(ctx, family, layout, col, sec, title, ru, sheet, single)
            if ind is None:
                if why:
                    ctx.skip(sheet, r + 1, cell_ref(r + 1, col.col), grid[r][col.col - 1], why)
                continue
            v = grid[r][col.col - 1]
            where = cell_ref(r + 1, col.col)
            try:
                num = parse_number(v)
            except NumberFormatError:
                raise ctx.err(
                    f"{v!r} is not a number (a figure, '-', 'x' or '...' expected) for "
                    f"{lbl.strip()!r}, {col.leaf or col.header!r}",
                    sheet,
                    r + 1,
                    where,
                ) from None
            if num is None:
                ctx.skip(sheet, r + 1, where, v, f"gap: {gap_reason(v)}")
                continue
            spec = catalogue.get(ind)
            u = row_unit[r][0] if r in row_unit else sheet_unit
            if u is not None:
                ucell = row_unit[r][1] if r in row_unit else next(iter(units.values()))
                prev = first_unit.setdefault(ind, (u, ucell))
                if prev[0] != u:
                    raise ctx.err(
                        f"mixed units for {ind}: {unit_name(prev[0])} ({prev[1]}) and "
                        f"{unit_name(u)} ({ucell})",
                        sheet,
                        r + 1,
                        ucell,
                    )
                if not compatible(u, spec):
                    m = re.fullmatch(r"[A-Z]+(\d+)", ucell)
                    raise ctx.err(
                        f"the table is in {unit_name(u)} ({ucell}) but {ind} is in "
                        f"{spec.unit_label()}",
                        sheet,
                        int(m.group(1)) if m else None,
                        ucell if m else None,
                    )
            year = col.year if col.period else period_year
            period = col.period if col.period else str(year)
            if year is None:
                raise ctx.err(
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
    return SheetResult(records, layout, found)


def _indicator(ctx, family, layout, col: _Column, section, title, unit, sheet, single):
    """(indicator id, None) or (None, reason to skip)."""
    ind, why = _detect(family, layout, col, section, title, unit)
    generic = family != "population"
    if ind is None and why is None:
        if ctx.indicator is None:
            what = (
                "GRP per capita, but the unit (тыс. тенге or USD) is not stated"
                if family == "grp_per_capita"
                else "title, sheet name and headers name no known series"
            )
            raise ctx.err(
                f"cannot tell the indicator from the file ({what}): pass indicator=<catalogue id>",
                sheet,
            )
        ind, generic = ctx.indicator, True
    if ind is None:
        return None, why
    if (
        generic
        and layout == "regions×categories"
        and (col.depth > 0 or not (_TOTAL.search(col.leaf) or single))
    ):
        return None, f"breakdown column {col.leaf!r} not loaded (only the total is)"
    if ctx.indicator is not None and ind != ctx.indicator:
        return None, f"holds {ind}, not the requested {ctx.indicator}"
    return ind, None


def _detect(family, layout, col: _Column, section, title, unit):
    if family == "grp_per_capita":
        if unit is None:
            return None, None
        if unit == ("KZT", 1e3):
            return "grp_per_capita_thousand_kzt", None
        if unit[0] == "USD":
            return "grp_per_capita_usd", None
        return None, f"GRP per capita in {unit_name(unit)}: no catalogue indicator"
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


#: the dynamic-table layout: asked last, reads every sheet no other layout claims
LAYOUT = register_layout(
    SheetLayout("dynamic-table", claims=lambda head: True, read=read_sheet, priority=-100)
)
