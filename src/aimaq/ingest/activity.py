"""The bureau's tables by kind of economic activity (OKED sections), read as published.

Registered with :mod:`aimaq.ingest.grid` as a sheet layout, asked before the dynamic tables of
:mod:`aimaq.ingest.bureau`, for sheets whose title says «по видам экономической деятельности» / «by kind of economic
activity» / «экономикалық қызмет түрлері бойынша» and names one of two families:

``gva``
    «Валовой региональный продукт / Валовая добавленная стоимость по видам экономической
    деятельности»: one column (or row) per OKED section A–S → ``gva_X_mln_kzt``, plus
    «Чистые налоги на продукты» → ``net_taxes_on_products_mln_kzt`` and «Валовой региональный
    продукт» → ``grp_mln_kzt``. Only million tenge is accepted (the catalogue's unit).
``employment``
    «Численность занятого населения по видам экономической деятельности»: the total →
    ``employed_thousand``; agriculture (section A) → ``employed_agriculture_persons``; industry
    and construction → ``employed_industry_construction_persons`` (published as one group, the
    sum of "industry" and "construction" when both are given, or of sections B–F when all are);
    services → ``employed_services_persons`` (published, or the sum of sections G–U when G–S
    are all given). Thousand persons are converted to persons for the ``_persons`` indicators;
    every sum and conversion is stated in ``note``.

Two layouts per sheet:

``regions×activities``
    region rows (with the republic, district rows skipped), one column per section or group,
    for one year (title, sheet name, a year over the columns, ``year=`` or the file name).
``activities×periods``
    one sheet per region (named by the sheet or the title), section rows, one column per year.
``regions×periods``
    one sheet per section or group (named by the sheet or the title), region rows, one column
    per year.

Section headers are matched on the catalogue's Russian, Kazakh and English names, on keywords
and abbreviations of each section, and on the letter alone («A», «(A)», «Раздел A», «A Сельское
…»); footnote marks and «в том числе» are ignored. A header or row label with figures that
names nothing known, or two different sections, is an error naming the cell. Structure tables
(in %) and tables in thousand tenge are refused unless the catalogue has a matching indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from aimaq import catalogue
from aimaq.geo import names as _names
from aimaq.ingest.grid import (
    FOOTNOTE,
    YEAR,
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
    unit_string,
    year_of,
)
from aimaq.ingest.numbers import NumberFormatError, gap_reason, parse_number
from aimaq.ingest.oked import SECTIONS, SectionConflict, classify
from aimaq.ingest.rows import label_rows, region_like, region_rows
from aimaq.ingest.table import SheetResult

__all__ = ["LAYOUT", "SECTIONS", "SectionConflict", "classify", "family", "read_sheet"]


_ACTIVITY = re.compile(
    r"(по видам (экономической )?деятельности|по отраслям|(by|per) (kinds? of |types? of )?"
    r"economic activit|экономикалық қызмет (түрлері|түрлер)|қызмет түрлері бойынша)"
)
_GVA_TITLE = re.compile(
    r"(валов\w*\s+добавленн\w*\s+стоимост|(?<!\w)вдс(?!\w)|gross value added|(?<!\w)gva(?!\w)"
    r"|жалпы қосылған құн|(?<!\w)жққ(?!\w)|валов\w*\s+регион\w*\s+продукт|(?<!\w)врп(?!\w)"
    r"|gross regional product|(?<!\w)grp(?!\w)|жалпы өңірлік өнім|(?<!\w)жөө(?!\w))"
)
_EMP_TITLE = re.compile(
    r"(занят\w*\s+населени|численност\w*\s+занят|(?<!\w)занятые(?!\w)|employed|employment"
    r"|жұмыспен қамтыл\w*)"
)


def family(title: str) -> str | None:
    """``"gva"``, ``"employment"`` or ``None`` for a folded title (see :func:`grid.fold`)."""
    if not _ACTIVITY.search(title):
        return None
    if _EMP_TITLE.search(title) and not re.search(r"(на одного занятого|per employed)", title):
        return "employment"
    if _GVA_TITLE.search(title):
        return "gva"
    return None


# -- the sheet reader -------------------------------------------------------------------------------
@dataclass
class _Figure:
    code: str
    label: str
    year: int
    role: str
    raw: object
    cell: str
    row: int
    what: str  # the header or row label, for messages


def _safe_classify(v) -> str | None:
    try:
        return classify(v) if isinstance(v, str) else None
    except SectionConflict:
        return "?"


def read_sheet(rd, ws, grid: list[list], fam: str):
    """Read one sheet of an activity table (``rd`` a :class:`~aimaq.ingest.table.SheetContext`)."""
    sheet = ws.title
    nrow, ncol = len(grid), len(grid[0])
    bold = [[bool(c.font and c.font.b) for c in row[:4]] for row in ws.iter_rows(max_col=4)]

    def has_values(r: int, lab: int) -> bool:
        return any(grid[r][c] not in (None, "") for c in range(lab + 1, ncol))

    reg_hits, act_hits = [], []
    for c in range(min(4, ncol - 1)):
        rows_v = [r for r in range(nrow) if isinstance(grid[r][c], str) and has_values(r, c)]
        reg_hits.append(sum(1 for r in rows_v if region_like(grid[r][c])))
        act_hits.append(sum(1 for r in rows_v if _safe_classify(grid[r][c]) not in (None, "?")))
    if max(reg_hits, default=0) >= 2 and max(reg_hits) >= max(act_hits):
        return _regions_by_activity(
            rd, ws, grid, fam, reg_hits.index(max(reg_hits)), has_values, bold
        )
    if max(act_hits, default=0) >= 2:
        last = max(c for c, n in enumerate(act_hits) if n >= 2)
        return _activities_by_year(rd, ws, grid, fam, last, has_values)
    rd.skip(sheet, None, None, None, "no table of regions or of activities in this sheet")
    return SheetResult([], None, set())


def _units(
    rd, sheet, band, origin, first, ncol, skip_cols=()
) -> tuple[tuple[str, float] | None, str | None]:
    units = sheet_units(rd, sheet, band, origin, first, ncol, skip_cols)
    if not units:
        return None, None
    ((u, where),) = units.items()
    return u, where


def _title(band, origin, first, last_label_col):
    cells = [
        (r, c, band[r][c])
        for r in range(first)
        for c in range(last_label_col + 1)
        if origin[r][c] == c and band[r][c] not in (None, "")
    ]
    return cells, " ".join(fold(v) for _, _, v in cells)


def _one_year(text: str) -> int | None:
    ys = set(YEAR.findall(text))
    return int(ys.pop()) if len(ys) == 1 else None


def _regions_by_activity(rd, ws, grid, fam, lab, has_values, bold):
    sheet = ws.title
    nrow, ncol = len(grid), len(grid[0])
    first = next(
        r
        for r in range(nrow)
        if isinstance(grid[r][lab], str) and region_like(grid[r][lab]) and has_values(r, lab)
    )
    band, origin = header_band(ws, grid, first, ncol)
    title_cells, title = _title(band, origin, first, lab)
    unit, ucell = _units(rd, sheet, band, origin, first, ncol)
    rows = label_rows(rd, sheet, grid, first, nrow, lab, lambda r: has_values(r, lab), bold)
    if not rows:
        rd.skip(sheet, None, None, None, "no region rows with figures")
        return SheetResult([], None, set())
    keep, codes = region_rows(rd, sheet, rows, lab)

    # the year: year=, the sheet name, the title, a year over the columns, the file name
    note = None
    year = rd.year or _one_year(fold(sheet)) or _one_year(title)
    columns = []
    sheet_role, layout = None, "regions×activities"
    for c in range(lab + 1, ncol):
        own = [
            (r, band[r][c])
            for r in range(first)
            if origin[r][c] > lab and band[r][c] not in (None, "")
        ]
        narrow = [
            (r, v) for r, v in own if origin[r][c] == c and (c + 1 == ncol or origin[r][c + 1] != c)
        ]
        role, where = None, None
        for r, v in reversed(narrow):
            try:
                got = classify(v) if isinstance(v, str) else None
            except SectionConflict as e:
                raise rd.err(f"header {v!r} {e}", sheet, r + 1, cell_ref(r + 1, c + 1)) from None
            if got is None:
                continue
            if role is None:
                role, where = got, (r, v)
            elif len(got) == 1 and len(role) == 1 and got != role:
                raise rd.err(
                    f"header cells {cell_ref(where[0] + 1, c + 1)} ({where[1]!r}) and "
                    f"{cell_ref(r + 1, c + 1)} ({v!r}) name different sections ({role}, {got})",
                    sheet,
                    where[0] + 1,
                    cell_ref(where[0] + 1, c + 1),
                )
        col_year = next((y for _, v in reversed(own) if (y := year_of(v)) is not None), None)
        data = [r for r, *_ in keep if grid[r][c] not in (None, "")]
        if role is None and col_year is not None and data:
            # one activity per sheet (named by the sheet or the title), a column per year
            if sheet_role is None:
                sheet_role = _sheet_activity(rd, sheet, title_cells)
            if sheet_role:
                role, layout = sheet_role, "regions×periods"
                if any(t not in (None, "Y") for t in _subs(rd, sheet, own, c)):
                    rd.skip(
                        sheet,
                        None,
                        col_letter(c + 1),
                        fold(own[-1][1]),
                        "sub-annual period: activity tables are read by year only",
                    )
                    continue
        if role is None:
            if data:
                if own:
                    r, v = own[-1]
                    raise rd.err(
                        f"column header {v!r} names no OKED section (A–U, by letter or name), "
                        "group, total, GRP or net taxes: cannot tell what its figures are",
                        sheet,
                        r + 1,
                        cell_ref(r + 1, c + 1),
                    )
                raise rd.err("a column of figures without a header", sheet, None, col_letter(c + 1))
            continue
        hdr = " | ".join(fold(v) for _, v in own)
        columns.append((c, role, col_year, hdr))
    if not columns:
        rd.skip(sheet, None, None, title[:80] or None, "no activity columns")
        return SheetResult([], None, set())
    if year is None and any(y is None for *_, y, _ in columns):
        if rd.name_year is not None:
            year, note = rd.name_year, "year taken from the file name (the table states none)"
        else:
            raise rd.err(
                "the table states no year (title, sheet name or headers): pass year=",
                sheet,
                None,
                None,
            )
    figures = []
    for c, role, col_year, hdr in columns:
        for (r, lbl, *_), code in zip(keep, codes, strict=True):
            figures.append(
                _Figure(
                    code,
                    lbl.strip(),
                    col_year or year,
                    role,
                    grid[r][c],
                    cell_ref(r + 1, c + 1),
                    r + 1,
                    hdr,
                )
            )
    source = rd.source or rd.default_source(sheet, title_cells)
    return _emit(rd, fam, layout, sheet, figures, unit, ucell, source, note)


def _subs(rd, sheet, own, c) -> list[str | None]:
    out = []
    for r, v in own:
        try:
            out.append(sub_period(fold(v)))
        except ValueError as e:
            raise rd.err(f"header {v!r}: {e}", sheet, r + 1, cell_ref(r + 1, c + 1)) from None
    return out


def _sheet_activity(rd, sheet: str, title_cells) -> str:
    """The one activity a sheet of regions × years is about (sheet name, else title); ''."""
    for text in [sheet, *(str(v) for _, _, v in title_cells)]:
        parts = [text, *re.split(r"[:;()\n]|\s[-–—]\s", text)]
        roles = set()
        for p in parts:
            try:
                got = classify(p) if len(p.strip()) > 0 else None
            except SectionConflict:
                continue
            if got is not None:
                roles.add(got)
        if len(roles) == 1:
            return roles.pop()
        if len(roles) > 1:
            raise rd.err(
                f"the title names several activities ({', '.join(sorted(roles))}); "
                "one sheet per activity expected",
                sheet,
                None,
                None,
            )
    return ""


def _sheet_region(rd, sheet: str, title_cells) -> tuple[str, str]:
    """(code, name as published) of a one-region sheet: its name, else the title."""
    cands = [sheet] + [str(v) for _, _, v in title_cells]
    for text in cands:
        parts = [text, *re.split(r"[,:;()/—–\n]|\s-\s", text)]
        found = {}
        for p in parts:
            p = p.strip()
            if len(p) < 3 or not region_like(p):
                continue
            try:
                found.setdefault(_names.resolve(p), p)
            except (_names.UnknownRegionError, _names.AmbiguousRegionError):
                continue
        if len(found) == 1:
            ((code, name),) = found.items()
            return code, name
    raise rd.err(
        "a sheet by activity and year must name its region (in the sheet name or the title)",
        sheet,
        None,
        None,
    )


def _activities_by_year(rd, ws, grid, fam, last, has_values):
    sheet = ws.title
    nrow, ncol = len(grid), len(grid[0])

    def label_of(r):
        """(role, label text, cell) of row r from its label cells; None when unlabelled."""
        cells = [
            (c, grid[r][c])
            for c in range(last + 1)
            if isinstance(grid[r][c], str) and grid[r][c].strip()
        ]
        if not cells:
            return None
        roles = []
        for c, v in cells:
            try:
                got = classify(v)
            except SectionConflict as e:
                raise rd.err(f"row label {v!r} {e}", sheet, r + 1, cell_ref(r + 1, c + 1)) from None
            if got is not None:
                roles.append((got, c, v))
        secs = {g for g, _, _ in roles if len(g) == 1}
        if len(secs) > 1:
            raise rd.err(
                f"row labels {' / '.join(repr(v) for _, _, v in roles)} name different sections",
                sheet,
                r + 1,
                cell_ref(r + 1, roles[0][1] + 1),
            )
        c, v = cells[-1]
        if roles:
            role = next((g for g, _, _ in roles if len(g) == 1), roles[0][0])
            return role, " ".join(str(v).strip() for _, v in cells), cell_ref(r + 1, c + 1)
        return "", str(v).strip(), cell_ref(r + 1, c + 1)

    first = next(
        r
        for r in range(nrow)
        if has_values(r, last) and (lab := label_of(r)) is not None and lab[0]
    )
    band, origin = header_band(ws, grid, first, ncol)
    title_cells, title = _title(band, origin, first, last)
    unit, ucell = _units(rd, sheet, band, origin, first, ncol)
    code, region_name = _sheet_region(rd, sheet, title_cells)

    years = {}
    for c in range(last + 1, ncol):
        own = [
            (r, band[r][c])
            for r in range(first)
            if origin[r][c] > last and band[r][c] not in (None, "")
        ]
        y = next((y for _, v in reversed(own) if (y := year_of(v)) is not None), None)
        data = any(grid[r][c] not in (None, "") for r in range(first, nrow))
        texts = [fold(v) for _, v in own]
        sub = None
        for t in texts:
            try:
                sub = sub_period(t) or sub
            except ValueError:
                sub = "part"
        if y is None:
            if data and own:
                r, v = own[-1]
                raise rd.err(
                    f"column header {v!r} names no year", sheet, r + 1, cell_ref(r + 1, c + 1)
                )
            if data:
                raise rd.err("a column of figures without a header", sheet, None, col_letter(c + 1))
            continue
        if sub not in (None, "Y"):
            rd.skip(
                sheet,
                None,
                col_letter(c + 1),
                " | ".join(texts),
                "sub-annual period: activity tables are read by year only",
            )
            continue
        years[c] = y

    figures = []
    footnotes = False
    for r in range(first, nrow):
        lab = label_of(r)
        vals = has_values(r, last)
        if lab is None and not vals:
            continue
        if lab is None:
            raise rd.err("figures without a row label", sheet, r + 1, cell_ref(r + 1, last + 1))
        role, text, where = lab
        if footnotes or FOOTNOTE.search(fold(text)) or (not vals and len(text) > 70):
            if not vals or FOOTNOTE.search(fold(text)):
                footnotes = True
                rd.skip(sheet, r + 1, where, text, "footnote")
                continue
        if not vals:
            rd.skip(sheet, r + 1, where, text, "section heading")
            continue
        if not role:
            raise rd.err(
                f"row label {text!r} names no OKED section (A–U, by letter or name), "
                "group, total, GRP or net taxes: cannot tell what its figures are",
                sheet,
                r + 1,
                where,
            )
        for c, y in years.items():
            figures.append(
                _Figure(code, region_name, y, role, grid[r][c], cell_ref(r + 1, c + 1), r + 1, text)
            )
    if rd.source:
        source = rd.source
    else:
        if rd.by_region_source is None:
            head = (
                re.sub(
                    re.escape(region_name),
                    "",
                    rd.default_source(sheet, title_cells).split(": ", 1)[-1],
                ).strip(" ,:;-–")
                if title_cells
                else ""
            )
            base = f"{Path(rd.file).name}, one sheet per region"
            rd.by_region_source = f"{base}: {head[:160]}" if head else base
        source = rd.by_region_source
    return _emit(rd, fam, "activities×periods", sheet, figures, unit, ucell, source, None)


# -- figures → indicators ---------------------------------------------------------------------------
_GVA_SKIP = {
    "T": "section T: the catalogue has GVA indicators for A–S only",
    "U": "section U: the catalogue has GVA indicators for A–S only",
    "gva_total": "total gross value added: no catalogue indicator (the sections are loaded)",
    "goods": "production of goods (an aggregate of sections): not loaded",
    "services": "production of services (an aggregate of sections): not loaded",
    "industry": "industry (an aggregate of sections): not loaded",
    "industry_construction": "industry and construction (an aggregate of sections): not loaded",
    "total": "'total' column: GRP or GVA cannot be told apart; not loaded",
    "fisim": "FISIM adjustment: no catalogue indicator",
}
_EMP_SKIP = {
    "grp": "GRP in an employment table: not loaded",
    "gva_total": "GVA in an employment table: not loaded",
    "net_taxes": "net taxes in an employment table: not loaded",
    "goods": "production of goods: no catalogue indicator",
    "fisim": "FISIM: not an employment figure",
}


def _target(rd, ind: str, unit, ucell, sheet, kind: str):
    """(indicator id, factor from the table's unit to it, note) or an error."""
    spec = catalogue.get(ind)
    if unit is None:
        want = "млн. тенге" if kind == "gva" else "тыс. человек or человек"
        raise rd.err(f"the table states no unit ({want} expected for {ind})", sheet, None, None)
    base, scale = unit
    stem = re.sub(r"_(mln_kzt|persons|thousand)$", "", ind)
    alts = [
        i
        for i in catalogue.indicators()
        if re.fullmatch(
            rf"{re.escape(stem)}_(mln_kzt|bln_kzt|thousand_kzt|kzt|pct|share_pct"
            r"|persons|thousand|usd)",
            i.id,
        )
    ]
    for cand in [spec, *[a for a in alts if a.id != spec.id]]:
        if base == "%" and compatible(unit, cand):
            return cand.id, 1.0, None
        if base == cand.unit.split()[0] and base != "%":
            if float(cand.scale) == scale:
                return cand.id, 1.0, None
            if base == "persons" and kind == "employment":
                f = scale / float(cand.scale)
                return (
                    cand.id,
                    f,
                    (f"converted from {unit_name(unit)} to {cand.unit_label()} (×{f:g})"),
                )
    m = re.fullmatch(r"[A-Z]+(\d+)", ucell or "")
    what = " (a structure table; the catalogue has no share indicator)" if base == "%" else ""
    raise rd.err(
        f"the table is in {unit_name(unit)} ({ucell}) but {ind} is in "
        f"{spec.unit_label()}{what}; not loaded",
        sheet,
        int(m.group(1)) if m else None,
        ucell if m else None,
    )


def _value(rd, sheet, f: _Figure):
    try:
        return parse_number(f.raw)
    except NumberFormatError:
        raise rd.err(
            f"{f.raw!r} is not a number (a figure, '-', 'x' or '...' expected) for "
            f"{f.label!r}, {f.what!r}",
            sheet,
            f.row,
            f.cell,
        ) from None


def _emit(rd, fam, layout, sheet, figures, unit, ucell, source, note):
    records, found, targets = [], set(), {}

    def add(ind, f: _Figure, value, extra=None):
        if rd.indicator is not None and ind != rd.indicator:
            rd.skip(sheet, f.row, f.cell, f.raw, f"holds {ind}, not the requested {rd.indicator}")
            return
        if ind not in targets:
            targets[ind] = _target(rd, ind, unit, ucell, sheet, fam)
        ind2, factor, conv = targets[ind]
        v = value * factor
        v = float(f"{v:.12g}")
        notes = "; ".join(n for n in (note, conv, extra) if n)
        records.append(
            {
                "region": f.code,
                "indicator": ind2,
                "year": int(f.year),
                "period": str(f.year),
                "value": v,
                "unit": unit_string(ind2),
                "source": source,
                "note": notes or None,
                "region_as_published": f.label,
                "sheet": sheet,
                "cell": f.cell,
                "_row": f.row,
            }
        )
        found.add(ind2)

    if fam == "gva":
        direct = {s: f"gva_{s}_mln_kzt" for s in SECTIONS[:19]}
        direct.update(net_taxes="net_taxes_on_products_mln_kzt", grp="grp_mln_kzt")
        for f in figures:
            if f.role not in direct:
                rd.skip(sheet, f.row, f.cell, f.raw, _GVA_SKIP.get(f.role, f"{f.role}: not loaded"))
                continue
            v = _value(rd, sheet, f)
            if v is None:
                rd.skip(sheet, f.row, f.cell, f.raw, f"gap: {gap_reason(f.raw)}")
                continue
            add(direct[f.role], f, v)
        return SheetResult(records, layout, found)

    # employment: direct groups, else sums of groups or of sections
    by_unit: dict[tuple[str, int], dict[str, _Figure]] = {}
    roles = {f.role for f in figures}
    for f in figures:
        if f.role in _EMP_SKIP:
            rd.skip(sheet, f.row, f.cell, f.raw, _EMP_SKIP[f.role])
            continue
        by_unit.setdefault((f.code, f.year), {}).setdefault(f.role, f)
    groups = [
        ("employed_thousand", ["total"], None),
        ("employed_agriculture_persons", ["A"], None),
        (
            "employed_industry_construction_persons",
            ["industry_construction"],
            [
                (
                    ["industry", "F"],
                    "sum of the published 'industry' and 'construction' (F) figures",
                ),
                (list("BCDEF"), "sum of sections B–F"),
            ],
        ),
        (
            "employed_services_persons",
            ["services"],
            [
                (
                    list("GHIJKLMNOPQRS") + [s for s in "TU" if s in roles],
                    "sum of sections G–" + ("U" if "U" in roles else "T" if "T" in roles else "S"),
                )
            ],
        ),
    ]
    used: set[str] = set()
    for ind, direct, sums in groups:
        way = None
        if all(r in roles for r in direct):
            way = (direct, None)
        else:
            for parts, how in sums or []:
                if all(r in roles for r in parts):
                    way = (parts, how)
                    break
        if way is None:
            present = [r for r in direct + [p for ps, _ in (sums or []) for p in ps] if r in roles]
            if present:
                rd.skip(
                    sheet,
                    None,
                    None,
                    ", ".join(sorted(set(present))),
                    f"{ind}: not every part of it is in the table; not loaded",
                )
            continue
        parts, how = way
        used.update(parts)
        for (_code, _year), got in by_unit.items():
            figs = [got[p] for p in parts if p in got]
            if len(figs) != len(parts):
                continue
            vals = [(_value(rd, sheet, f), f) for f in figs]
            if how is None:
                v, f = vals[0]
                if v is None:
                    rd.skip(sheet, f.row, f.cell, f.raw, f"gap: {gap_reason(f.raw)}")
                    continue
                add(ind, f, v)
                continue
            missing = [
                f for v, f in vals if v is None and gap_reason(f.raw) != "phenomenon absent ('-')"
            ]
            if missing:
                f = missing[0]
                rd.skip(
                    sheet,
                    f.row,
                    f.cell,
                    f.raw,
                    f"{ind}: {how} not formed, {f.cell} is a gap ({gap_reason(f.raw)})",
                )
                continue
            dash = [f.cell for v, f in vals if v is None]
            total = sum(v for v, _ in vals if v is not None)
            extra = f"{how} ({', '.join(f.cell for _, f in vals)})"
            if dash:
                extra += f"; '-' (phenomenon absent) counted as 0 in {', '.join(dash)}"
            add(ind, vals[0][1], total, extra)
    for f in figures:
        if f.role not in used and f.role not in _EMP_SKIP:
            rd.skip(sheet, f.row, f.cell, f.raw, f"{f.role}: part of no loaded total")
    return SheetResult(records, layout, found)


#: tables by kind of economic activity, told by their title; asked before the dynamic tables
LAYOUT = register_layout(SheetLayout("activity", claims=family, read=read_sheet, priority=10))
