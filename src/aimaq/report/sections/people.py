"""Section: people, territory and income (named sets, Hoover, territory, wage vs output,
poverty)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimaq.geo import registry
from aimaq.report import charts, findings, maps
from aimaq.report.constants import GRP, GRP_PC, OIL_SET, POP, POVERTY, RURAL, URBAN, WAGE
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import ReportTable
from aimaq.report.text import LANGS, fmt_number, fmt_pct, t

__all__ = ["people"]


def people(ctx: Context, sec: Section) -> None:
    """Named sets of regions, Hoover indices, people and territory, wage vs output, poverty."""
    L = ctx.lang
    pop = ctx.population()
    if pop.empty:
        raise NoData(t("missing_indicator", L, indicator=ctx.iname(POP), year=ctx.year))
    f = ctx.data.frame(POP, ctx.borders)
    nxt = ctx.year + 1
    key = "pop_basis" if (f["year"] == nxt).any() else "pop_basis_jan"
    ctx.text(sec, f"<p class='note'>{t(key, L, year=ctx.year, next=nxt)}</p>")
    from aimaq.datasets import areas

    area = areas(ctx.borders)  # computed with the polygons of the spatial section
    for part in (_named_sets, _hoover, _territory):
        try:
            part(ctx, sec, pop, area)
        except NoData as e:
            ctx.missing(sec, str(e))
    try:
        _income(ctx, sec)
    except NoData as e:
        ctx.missing(sec, t("income_missing", L, msg=str(e)))
    _poverty(ctx, sec)


def _named_sets(ctx: Context, sec: Section, pop: pd.Series, area: pd.Series) -> None:
    from aimaq.analysis.disparity import position
    from aimaq.datasets import region_sets

    L = ctx.lang
    grp, grp_nat = ctx.cross(GRP)
    want = registry.region_codes(ctx.borders)
    sets = {k: v for k, v in region_sets().items() if set(v.members) <= set(want)}
    if not sets:
        return
    members = {k: list(v.members) for k, v in sets.items()}
    g = grp.reindex(want)
    pg = position(g, totals=g, sets=members, national_total=grp_nat)
    p = pop.reindex(want)
    pp = position(p, totals=p, sets=members)
    unit = ctx.unit(GRP)
    keys = list(sets)
    gsum = [float(grp.reindex(members[k]).sum()) for k in keys]
    psum = [float(pop.reindex(members[k]).sum()) for k in keys]
    gs = np.array([100 * pg.concentration[k] for k in keys])
    ps = np.array([100 * pp.concentration[k] for k in keys])
    cols = [
        t("region_set", L),
        t("members", L),
        ctx.header(ctx.iname(GRP), unit),
        t("grp_share", L),
        ctx.header(t("population", L), t("persons", L)),
        t("pop_share", L),
        t("share_ratio", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: [sets[k].name[L] for k in keys],
            cols[1]: [ctx.rlist(members[k]) for k in keys],
            cols[2]: gsum,
            cols[3]: gs,
            cols[4]: psum,
            cols[5]: ps,
            cols[6]: gs / ps,
        }
    )
    den = (
        t("den_national", L, value=fmt_number(grp_nat, L, 1), unit=unit)
        if grp_nat is not None
        else t("den_sum", L)
    )
    notes = [t("sets_note", L, denominator=den)]
    gaps = sorted({c for m in members.values() for c in m if c not in grp.index or c not in pop})
    if gaps:
        notes.append(t("set_gaps", L, regions=ctx.rlist(gaps)))
    ctx.table(
        sec,
        ReportTable(
            "region_sets",
            f"{t('sets_title', L)}, {ctx.year}",
            df,
            digits={cols[2]: 1, cols[3]: 1, cols[4]: 0, cols[5]: 1, cols[6]: 2},
            notes=notes,
            sources=ctx.sources_of(GRP, POP),
        ),
    )
    text = {
        lg: "; ".join(
            f"{sets[k].name[lg]} {fmt_pct(g_, lg, 1)} ({fmt_pct(p_, lg, 1)})"
            for k, g_, p_ in zip(keys, gs, ps, strict=True)
        )
        for lg in LANGS
    }
    ctx.findings.append(
        findings.make(
            "region_sets",
            "region_sets",
            year=("text", str(ctx.year)),
            sets=("text", text),
            **{f"grp_{k}": ("num1", v) for k, v in zip(keys, gs, strict=True)},
            **{f"pop_{k}": ("num1", v) for k, v in zip(keys, ps, strict=True)},
        )
    )


def _hoover(ctx: Context, sec: Section, pop: pd.Series, area: pd.Series) -> None:
    from aimaq.analysis.disparity import hoover
    from aimaq.datasets import area_source
    from aimaq.geo.polygons import EQUAL_AREA_CRS

    SOURCE = area_source()

    L = ctx.lang
    grp, _ = ctx.cross(GRP)
    h_pt = hoover(pop, area)
    h_pg = hoover(pop, grp)
    idx = h_pg.contribution.sort_values(ascending=False).index
    idx = idx.append(h_pt.contribution.index.difference(idx))
    cols = [
        t("code", L),
        t("region", L),
        t("pop_share", L),
        t("area_share", L),
        t("contrib_pt", L),
        t("grp_share", L),
        t("contrib_pg", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: list(idx),
            cols[1]: [ctx.rname(c) for c in idx],
            cols[2]: 100 * h_pt.a_share.reindex(idx).to_numpy(),
            cols[3]: 100 * h_pt.b_share.reindex(idx).to_numpy(),
            cols[4]: h_pt.contribution.reindex(idx).to_numpy(),
            cols[5]: 100 * h_pg.b_share.reindex(idx).to_numpy(),
            cols[6]: h_pg.contribution.reindex(idx).to_numpy(),
        }
    )
    total = pd.DataFrame([["", t("total_h", L), 100.0, 100.0, h_pt.H, 100.0, h_pg.H]], columns=cols)
    df = pd.concat([df, total], ignore_index=True)
    notes = [
        t("hoover_note", L, h_pt=fmt_number(h_pt.H, L, 3), h_pg=fmt_number(h_pg.H, L, 3)),
        t("area_note", L, source=SOURCE, crs=EQUAL_AREA_CRS),
    ]
    left = {**h_pt.excluded, **h_pg.excluded}
    if left:
        notes.append(t("excluded", L, regions=ctx.rlist(left)))
    ctx.table(
        sec,
        ReportTable(
            "hoover",
            f"{t('hoover_title', L)}, {ctx.year}",
            df,
            digits={cols[2]: 1, cols[3]: 1, cols[4]: 3, cols[5]: 1, cols[6]: 3},
            notes=notes,
            sources=[*ctx.sources_of(GRP, POP), f"{SOURCE} (area: aimaq, {EQUAL_AREA_CRS})"],
        ),
    )
    top = idx[0]
    ctx.findings.append(
        findings.make(
            "hoover",
            "hoover",
            year=("text", str(ctx.year)),
            h_pt=("num3", h_pt.H),
            h_pg=("num3", h_pg.H),
            h_pg_pct=("pct", 100 * h_pg.H),
            top_region=("region", top),
            top_c=("num3", h_pg.contribution[top]),
        )
    )


def _urban(ctx: Context) -> tuple[int, pd.Series, pd.Series] | None:
    """Year, urban and urban + rural population nearest the report year (1 January)."""
    years = sorted(
        set(ctx.data.years(URBAN, ctx.borders)) & set(ctx.data.years(RURAL, ctx.borders)),
        key=lambda y: (abs(y - ctx.year), -y),
    )
    for y in years:
        u, _ = ctx.cross_at(URBAN, y, ctx.borders)
        r, _ = ctx.cross_at(RURAL, y, ctx.borders)
        common = u.index.intersection(r.index)
        if len(common):
            return y, u.loc[common], (u.loc[common] + r.loc[common])
    return None


def _territory(ctx: Context, sec: Section, pop: pd.Series, area: pd.Series) -> None:
    from aimaq.analysis.demography import people_territory
    from aimaq.datasets import area_source
    from aimaq.geo.polygons import EQUAL_AREA_CRS

    SOURCE = area_source()

    L = ctx.lang
    groups = ctx.groups()
    glab = ctx.group_labels()
    pt = people_territory(pop, area, groups=groups)
    urb = _urban(ctx)
    ptu = None
    if urb is not None:
        uy, u, tot = urb
        ptu = people_territory(tot, area.reindex(tot.index), groups=groups, urban=u)
    dunit = t("density_unit", L)
    ucol = t("urban_share", L, year=urb[0]) if urb else t("urban_share", L, year="–")
    gi = [g for g in glab if g in pt.group_population_share.index]
    cols = [
        t("macro_region", L),
        t("n_regions", L),
        t("pop_share", L),
        t("area_share", L),
        ctx.header(t("density", L), dunit),
        ucol,
    ]
    gurb = ptu.group_urban_share.reindex(gi) if ptu is not None else pd.Series(np.nan, index=gi)
    members = groups[groups.index.isin(pt.density.index)]
    df = pd.DataFrame(
        {
            cols[0]: [glab[g] for g in gi],
            cols[1]: [int((members == g).sum()) for g in gi],
            cols[2]: 100 * pt.group_population_share.reindex(gi).to_numpy(),
            cols[3]: 100 * pt.group_area_share.reindex(gi).to_numpy(),
            cols[4]: pt.group_density.reindex(gi).to_numpy(),
            cols[5]: 100 * gurb.to_numpy(),
        }
    )
    nat = [
        t("national_value", L),
        len(pt.density),
        100.0,
        100.0,
        pt.density_national,
        100 * ptu.urban_share_national if ptu is not None else None,
    ]
    df = pd.concat([df, pd.DataFrame([nat], columns=cols)], ignore_index=True)
    notes = [
        t("urban_note", L, uyear=urb[0], year=ctx.year) if urb else t("no_urban", L),
        t("area_note", L, source=SOURCE, crs=EQUAL_AREA_CRS),
        t("macro_note", L, groups=", ".join(glab.values())),
    ]
    srcs = [*ctx.sources_of(POP, URBAN, RURAL), f"{SOURCE} (area: aimaq, {EQUAL_AREA_CRS})"]
    ctx.table(
        sec,
        ReportTable(
            "people_territory",
            f"{t('territory_title', L)}, {ctx.year}",
            df,
            digits={cols[1]: 0, cols[2]: 1, cols[3]: 1, cols[4]: 1, cols[5]: 1},
            notes=notes,
            sources=srcs,
        ),
    )
    ctx.figure(
        sec,
        maps.choropleth(
            pt.density,
            title=f"{t('density', L)}, {ctx.year}",
            unit=dunit,
            lang=L,
            borders=ctx.borders,
            direction="neutral",
            digits=1,
        ),
        t("classes", L, scheme="Fisher-Jenks", k=min(5, pt.density.nunique())),
    )
    idx = pt.density.sort_values(ascending=False).index
    rcols = [
        t("code", L),
        t("region", L),
        t("macro_region", L),
        ctx.header(t("population", L), t("persons", L)),
        t("area_km2", L),
        t("pop_share", L),
        t("area_share", L),
        ctx.header(t("density", L), dunit),
        ucol,
    ]
    rurb = ptu.urban_share.reindex(idx) if ptu is not None else pd.Series(np.nan, index=idx)
    rdf = pd.DataFrame(
        {
            rcols[0]: list(idx),
            rcols[1]: [ctx.rname(c) for c in idx],
            rcols[2]: [glab.get(groups.get(c), "") for c in idx],
            rcols[3]: pop.reindex(idx).to_numpy(),
            rcols[4]: area.reindex(idx).to_numpy(),
            rcols[5]: 100 * pt.population_share.reindex(idx).to_numpy(),
            rcols[6]: 100 * pt.area_share.reindex(idx).to_numpy(),
            rcols[7]: pt.density.reindex(idx).to_numpy(),
            rcols[8]: 100 * rurb.to_numpy(),
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "people_territory_regions",
            f"{t('territory_regions_title', L)}, {ctx.year}",
            rdf,
            digits={c: (0 if i in (3, 4) else 1) for i, c in enumerate(rcols) if i >= 3},
            notes=notes[:2],
            sources=srcs,
        ),
        collapsed=True,
    )


def _income(ctx: Context, sec: Section) -> None:
    from aimaq.analysis.labour import income_vs_output
    from aimaq.datasets import region_sets

    L = ctx.lang
    w, w_nat = ctx.cross(WAGE)
    y, y_nat = ctx.cross(GRP_PC)
    io = income_vs_output(w, y, national_income=w_nat, national_grp_per_capita=y_nat)
    sets = region_sets()
    oil = [c for c in sets[OIL_SET].members if c in io.ratio.index] if OIL_SET in sets else []
    oil_label = sets[OIL_SET].name[L] if OIL_SET in sets else ""
    ctx.figure(
        sec,
        charts.relative_scatter(
            io.y_rel,
            io.w_rel,
            title=f"{t('income_title', L)}, {ctx.year}",
            xlabel=t("grp_rel", L),
            ylabel=t("wage_rel", L),
            lang=L,
            highlight=oil,
            highlight_label=oil_label,
            other_label=t("other_regions", L),
        ),
        t("income_note", L, year=ctx.year),
    )
    idx = io.ratio.sort_values().index
    cols = [
        t("code", L),
        t("region", L),
        ctx.header(ctx.iname(WAGE), ctx.unit(WAGE)),
        t("wage_rel", L),
        ctx.header(ctx.iname(GRP_PC), ctx.unit(GRP_PC)),
        t("grp_rel", L),
        t("rho", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: list(idx),
            cols[1]: [ctx.rname(c) for c in idx],
            cols[2]: w.reindex(idx).to_numpy(),
            cols[3]: io.w_rel.reindex(idx).to_numpy(),
            cols[4]: y.reindex(idx).to_numpy(),
            cols[5]: io.y_rel.reindex(idx).to_numpy(),
            cols[6]: io.ratio.reindex(idx).to_numpy(),
        }
    )
    nat = [registry.NATIONAL, t("national_value", L), io.w_national, 1.0, io.y_national, 1.0, 1.0]
    df = pd.concat([df, pd.DataFrame([nat], columns=cols)], ignore_index=True)
    notes = [t("income_note", L, year=ctx.year)]
    if io.w_source != "supplied" or io.y_source != "supplied":
        notes.append(f"w: {io.w_source}; y: {io.y_source}")
    ctx.table(
        sec,
        ReportTable(
            "income_output",
            f"{t('income_title', L)}, {ctx.year}",
            df,
            digits={cols[2]: 0, cols[3]: 2, cols[4]: 1, cols[5]: 2, cols[6]: 2},
            notes=notes,
            sources=ctx.sources_of(WAGE, GRP_PC),
        ),
    )
    if not oil:
        return
    rows = {
        lg: "; ".join(
            t(
                "oil_row",
                lg,
                name=registry.name(c, lg),
                y=fmt_number(io.y_rel[c], lg, 2),
                w=fmt_number(io.w_rel[c], lg, 2),
                r=fmt_number(io.ratio[c], lg, 2),
            )
            for c in oil
        )
        for lg in LANGS
    }
    ctx.findings.append(
        findings.make(
            "income_output",
            "income_output",
            year=("text", str(ctx.year)),
            oil=("text", rows),
            n_below=("int", int((io.ratio < 1).sum())),
            n=("int", len(io.ratio)),
            min_region=("region", io.ratio.idxmin()),
            min=("num2", io.ratio.min()),
        )
    )


def _poverty(ctx: Context, sec: Section) -> None:
    """Change of the poverty share between the two latest years with regional figures.

    Read as published (each year on its own division): a code names the same territory in
    every year, so a region with both years is compared as it is; nothing is filled.
    """
    from aimaq.analysis.labour import share_change

    L = ctx.lang
    f = ctx.data.frame(POVERTY, None)
    f = f[f["year"] <= ctx.year]
    reg = f[f["region"] != registry.NATIONAL]
    years = sorted(int(y) for y in reg["year"].unique())
    if len(years) < 2:
        ctx.missing(sec, t("poverty_too_few", L, n=0))
        return
    s, e = years[-2], years[-1]
    for y in (s, e):
        ctx.data.record(POVERTY, y, y, f[f["year"] == y])
    sub = f[f["year"].isin([s, e])]
    panel = sub[sub["region"] != registry.NATIONAL].pivot(
        index="region", columns="year", values="value"
    )
    panel = panel.reindex(columns=[s, e])
    nat = sub[sub["region"] == registry.NATIONAL].set_index("year")["value"]
    both = panel.dropna().index
    if len(both) < 2:
        ctx.missing(sec, t("poverty_too_few", L, n=len(both)))
        return
    sc = share_change(panel.loc[both], s, e, national=nat)
    unit = "%"
    cols = [t("code", L), t("region", L), f"{s}, {unit}", f"{e}, {unit}", f"Δ, {t('pp', L)}"]
    order = list(both) + [c for c in panel.index if c not in both]
    df = pd.DataFrame(
        {
            cols[0]: order,
            cols[1]: [ctx.rname(c) for c in order],
            cols[2]: panel.loc[order, s].to_numpy(),
            cols[3]: panel.loc[order, e].to_numpy(),
            cols[4]: sc.delta.reindex(order).to_numpy(),
        }
    )
    natrow = [registry.NATIONAL, t("national_value", L), nat.get(s), nat.get(e), sc.national_delta]
    df = pd.concat([df, pd.DataFrame([natrow], columns=cols)], ignore_index=True)
    want = registry.region_codes(ctx.borders)
    gaps = [c for c in want if c not in both]
    ctx.table(
        sec,
        ReportTable(
            "poverty_change",
            t("poverty_title", L, start=s, end=e),
            df,
            digits={cols[2]: 1, cols[3]: 1, cols[4]: 1},
            notes=[
                t(
                    "poverty_note",
                    L,
                    n=len(both),
                    gaps=ctx.rlist(gaps) or "–",
                )
            ],
            sources=ctx.sources_of(POVERTY),
        ),
    )
