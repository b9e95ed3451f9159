"""Section: districts (density and urban-share maps, LISA clusters, within/between regions).

Content from :mod:`aimaq.report.districts` (pure functions); figures of the bureau's population
bulletin by district (sheet 02) as stored, areas and boundaries from geokz (CC BY 4.0).
"""

from __future__ import annotations

from html import escape

import pandas as pd

from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import ReportTable
from aimaq.report.text import t

__all__ = ["districts"]


def districts(ctx: Context, sec: Section) -> None:
    """District maps with region outlines, LISA of density, Theil within/between regions,
    and the districts of every region."""
    from aimaq.datasets import district_table
    from aimaq.report.districts import district_section

    L = ctx.lang
    try:
        tab = district_table(ctx.data.store)
    except LookupError:
        raise NoData(t("dist_missing", L)) from None
    # the bulletin's figures go to the data appendix with the report's other sources
    bulletin = {x for x in tab.sources if "geokz" not in x}
    for ind in ("population_total_bulletin", "population_urban", "population_rural"):
        ctx.data.record_derived(ind, tab.year, ctx.borders, bulletin, {})
    s = ctx.cache.get(("districts", L))
    if s is None:
        s = ctx.cache[("districts", L)] = district_section(tab, L)
    for p in s.summary:
        ctx.text(sec, f"<p>{escape(p)}</p>")
    src = "; ".join(s.sources)
    for fig in s.maps.values():
        ctx.figure(sec, fig, caption=src)
    dec = s.decomposition
    ctx.table(
        sec,
        ReportTable(
            "district_decomposition",
            t("dist_decomp_title", L, year=s.year),
            dec,
            digits={dec.columns[1]: 0, dec.columns[2]: 3, dec.columns[3]: 1},
            sources=s.sources,
        ),
    )
    frames = []
    for r, df in s.profiles.items():
        frames.append(df.reset_index().assign(**{t("region", L): ctx.rname(r)}))
    allp = pd.concat(frames, ignore_index=True)
    allp = allp[[allp.columns[-1], *allp.columns[:-1]]]
    ctx.table(
        sec,
        ReportTable(
            "district_profiles",
            t("dist_profiles_title", L, year=s.year),
            allp,
            digits={c: (0 if i in (3, 4) else 1) for i, c in enumerate(allp.columns) if i >= 3},
            sources=s.sources,
        ),
        collapsed=True,
    )
