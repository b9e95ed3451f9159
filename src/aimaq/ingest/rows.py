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
from aimaq.ingest.grid import FOOTNOTE, cell_ref, fold

__all__ = ["DISTRICT", "label_rows", "region_like", "region_rows"]

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


def region_rows(ctx, sheet, rows, lab) -> tuple[list[tuple], list[str]]:
    """The region rows among ``rows`` (districts listed in ``skipped``) and their codes."""
    labels = [lbl for _, lbl, _, _, _ in rows]
    hierarchical = any(DISTRICT.search(fold(lbl)) and not region_like(lbl) for lbl in labels)
    keep = []
    seen: dict[tuple, str] = {}
    current = None
    for i, (r, lbl, sec, is_bold, blank_before) in enumerate(rows):
        like = region_like(lbl)
        if hierarchical:
            head = is_bold or blank_before or i == 0
            key = (sec, *_names.normalise(lbl))
            if like and head and key not in seen:
                seen[key] = lbl
                current = lbl
                keep.append(rows[i])
            else:
                ctx.skip(
                    sheet,
                    r + 1,
                    cell_ref(r + 1, lab + 1),
                    lbl,
                    f"district or settlement under {current!r}",
                )
            continue
        if not like:
            try:
                _names.resolve(lbl)
            except _names.UnknownRegionError as e:
                raise ctx.err(str(e), sheet, r + 1, cell_ref(r + 1, lab + 1)) from None
        keep.append(rows[i])
    try:
        codes = _names.resolve_many([lbl for _, lbl, _, _, _ in keep])
    except (_names.UnknownRegionError, _names.AmbiguousRegionError) as e:
        r = next(r for r, lbl, _, _, _ in keep if lbl == e.name)
        raise ctx.err(str(e), sheet, r + 1, cell_ref(r + 1, lab + 1)) from None
    return keep, codes
