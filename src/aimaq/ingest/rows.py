"""Which rows of a table are regions: the row labels under the header, region rows, district rows.

The one place that decides what a row of a bureau table is. A region row is a row whose label
the region registry resolves; rows under a region that name districts, towns or settlements
(:data:`DISTRICT` markers) are listed in ``skipped`` as "district or settlement under ...". To
read district rows at district level, change :func:`region_rows` (and :data:`DISTRICT`).
"""

from __future__ import annotations

import re
from functools import cache

from aimaq.geo import names as _names
from aimaq.geo import registry
from aimaq.ingest.grid import FOOTNOTE, cell_ref, fold

__all__ = [
    "DISTRICT",
    "check_division",
    "header_data_row",
    "label_rows",
    "region_like",
    "region_rows",
]

#: markers of a district, town or settlement in a row label
DISTRICT = re.compile(
    r"(ауданы|(?<!\w)аудан(?!\w)|район|district|rayon|қ\.\s*ә\.|г\.\s*а\.|(?<!\w)кенті|ауылы"
    r"|поселок|посёлок|(?<!\w)село(?!\w)|(?<!\w)[қкапсг]\.\s*$|city administration)",
)


@cache
def region_like(name: str) -> bool:
    try:
        _names.resolve(name)
    except _names.AmbiguousRegionError:
        return True
    except _names.UnknownRegionError:
        return False
    return True


def label_rows(ctx, sheet, grid, first, nrow, lab, has_values, bold) -> list[tuple]:
    """Rows with figures under the header: ``(r, label, section, bold, blank_before)``.

    Blank rows, footnotes and headings without figures are listed in ``skipped``.
    """
    rows = []  # (r, label, section, bold, blank_before)
    section, blank = None, False
    footnotes = False
    for r in range(first, nrow):
        label = grid[r][lab]
        text = fold(label)
        vals = has_values(r)
        if not text and not vals:
            blank = True
            continue
        if not text:
            raise ctx.err("figures without a region name", sheet, r + 1, cell_ref(r + 1, lab + 1))
        if FOOTNOTE.search(text) or (not vals and len(text) > 70) or footnotes:
            if not vals or FOOTNOTE.search(text):
                footnotes = True
                ctx.skip(sheet, r + 1, cell_ref(r + 1, lab + 1), label, "footnote")
                blank = False
                continue
        if not vals:
            section = text
            ctx.skip(sheet, r + 1, cell_ref(r + 1, lab + 1), label, "section heading")
            blank = True
            continue
        rows.append(
            (r, str(label), section, bold[r][lab] if r < len(bold) and lab < 4 else False, blank)
        )
        blank = False
    return rows


def _is_district(lbl: str) -> bool:
    return bool(DISTRICT.search(fold(lbl))) and not region_like(lbl)


def _region_under_marker(lbl: str) -> bool:
    """Whether ``lbl`` is a region name with a district marker added ("Ақмола облысы р-н")."""
    bare = DISTRICT.sub(" ", fold(lbl)).strip(" .,")
    return bool(bare) and region_like(bare)


def region_rows(ctx, sheet, rows, lab) -> tuple[list[tuple], list[str]]:
    """The region rows among ``rows`` (districts listed in ``skipped``) and their codes.

    A row is a region row when the registry resolves its label. A table is read as regions
    with their districts under them only when it has district rows (labels with a district
    marker that are no region name) under at least two rows; then the rows under a region that
    are not region heads are districts and listed in ``skipped``. Errors naming the cell: a
    flat table's label that names no region; directly under the national total, a region name
    with a district marker or a label that names nothing.
    """
    labels = [lbl for _, lbl, _, _, _ in rows]
    hierarchical = any(_is_district(lbl) for lbl in labels)
    keep = []
    seen: dict[tuple, str] = {}
    current = None
    districts = ctx.district_rows.setdefault(sheet, [])
    for i, (r, lbl, sec, is_bold, blank_before) in enumerate(rows):
        like = region_like(lbl)
        where = cell_ref(r + 1, lab + 1)
        if hierarchical:
            head = is_bold or blank_before or i == 0
            key = (sec, *_names.normalise(lbl))
            if like and head and key not in seen:
                seen[key] = lbl
                current = lbl
                keep.append(rows[i])
                continue
            under_total = bool(keep) and _national(keep[-1][1]) and keep[-1] is rows[i - 1]
            if under_total and not like and _region_under_marker(lbl):
                raise ctx.err(
                    f"{lbl!r} names a region with a district marker, directly under the "
                    "national total: remove the marker (a region row) or move the row under its "
                    "region (a district row)",
                    sheet,
                    r + 1,
                    where,
                )
            if under_total and not like and not DISTRICT.search(fold(lbl)):
                raise ctx.err(
                    f"{lbl!r} is neither a region name the registry knows nor a district (no "
                    "district marker), directly under the national total",
                    sheet,
                    r + 1,
                    where,
                )
            districts.append((r + 1, where, lbl))
            ctx.skip(sheet, r + 1, where, lbl, f"district or settlement under {current!r}")
            continue
        if not like:
            try:
                _names.resolve(lbl)
            except _names.UnknownRegionError as e:
                raise ctx.err(str(e), sheet, r + 1, where) from None
        keep.append(rows[i])
    try:
        codes = _names.resolve_many([lbl for _, lbl, _, _, _ in keep])
    except (_names.UnknownRegionError, _names.AmbiguousRegionError) as e:
        r = next(r for r, lbl, _, _, _ in keep if lbl == e.name)
        raise ctx.err(str(e), sheet, r + 1, cell_ref(r + 1, lab + 1)) from None
    return keep, codes


def _national(lbl: str) -> bool:
    try:
        return _names.resolve(lbl) == registry.NATIONAL
    except (_names.UnknownRegionError, _names.AmbiguousRegionError):
        return False


def _covered(code: str, have: set[str]) -> bool:
    """A unit is listed, or (a former unit) one of its successors is, under the former name."""
    return code in have or any(s in have for s in registry.get(code).successors)


def check_division(ctx, sheet, codes: set[str], year: int | None, where: str) -> None:
    """Refuse a table whose region rows do not list every unit of ``year``'s division.

    A table that lost a region row (deleted, misspelt into a district, read as part of the
    header) would load without it, and the neighbours' figures could land on the wrong
    division. A table listing at most half of the division is taken for a deliberate selection
    and not refused. The check is skipped with ``allow_partial`` (the user's ``--allow-partial``) and
    for tables without region rows (national figures only).
    """
    have = set(codes) - {registry.NATIONAL}
    if ctx.allow_partial or year is None:
        return
    division = registry.region_codes(year)
    missing = [c for c in division if not _covered(c, have)]
    # every label of the table that names a region, those read as districts included
    listed = set(have)
    for _, _, lbl in ctx.district_rows.get(sheet, []):
        if region_like(lbl):
            try:
                listed.add(_names.resolve(lbl))
            except _names.AmbiguousRegionError:
                pass
    listed.discard(registry.NATIONAL)
    if not listed:
        return  # national figures only
    unlisted = [c for c in division if not _covered(c, listed)]
    if not missing or len(unlisted) > len(division) / 2:
        return  # complete, or a deliberate selection of a few regions rather than a loss
    names = ", ".join(f"{c} ({registry.name(c)})" for c in missing)
    hint, cell, row = "", None, None
    cands = [
        (r, ref, lbl)
        for r, ref, lbl in ctx.district_rows.get(sheet, [])
        if _region_under_marker(lbl)
    ]
    if cands:
        row, cell, lbl = cands[0]
        hint = f"; row {row} ({lbl!r}, read as a district) may be the region with a marker"
    raise ctx.err(
        f"{where + ': ' if where else ''}the table lists {len(division) - len(missing)} of the {len(division)} "
        f"regions of the {year} division; missing {names}: a region row was lost or not "
        f"recognised as one{hint}. Pass --allow-partial (allow_partial=True) to load a table "
        "that lists only some regions",
        sheet,
        row,
        cell,
    )


def header_data_row(ctx, sheet, grid, first: int, lab: int) -> None:
    """Refuse a row above the table's first region row that holds figures.

    Such a row is a region or national-total row whose label the registry does not know
    (misspelt, say): read as part of the header, its figures would vanish.
    """
    for r in range(first):
        label = grid[r][lab]
        if not isinstance(label, str) or not label.strip():
            continue
        nums = [v for v in grid[r][lab + 1 :] if _figure_like(v)]
        if len(nums) < 2:
            continue
        ints = [v for v in nums if isinstance(v, int | float) and float(v).is_integer()]
        if len(ints) == len(nums) and [int(v) for v in ints] == list(range(1, len(ints) + 1)):
            continue  # a row numbering the columns
        raise ctx.err(
            f"{label.strip()!r} has figures but names no region the registry knows (a "
            "misspelt region or national total?): correct the name",
            sheet,
            r + 1,
            cell_ref(r + 1, lab + 1),
        )


def _figure_like(v) -> bool:
    from aimaq.ingest.grid import year_of

    if isinstance(v, bool) or v is None:
        return False
    if isinstance(v, int | float):
        return year_of(v) is None
    if isinstance(v, str) and re.fullmatch(r"\s*-?[\d\s\u00a0]+([.,]\d+)?\s*", v):
        return year_of(v) is None and any(ch.isdigit() for ch in v)
    return False
