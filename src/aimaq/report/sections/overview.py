"""Sections: key indicators, maps, rankings and trends of GRP per capita."""

from __future__ import annotations

import numpy as np
import pandas as pd

from aimaq.geo import registry
from aimaq.report import charts, findings
from aimaq.report import maps as carto
from aimaq.report.constants import GRP, GRP_PC, KEY_INDICATORS, PROD, RANKED_INDICATORS
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import Column, ReportTable, table_of
from aimaq.report.text import LANGS, fmt_number, t

__all__ = ["key", "maps", "rankings", "trends"]


def key(ctx: Context, sec: Section) -> None:
    rows = []
    L = ctx.lang
    for ind_id in KEY_INDICATORS:
        try:
            reg, nat = ctx.cross(ind_id, min_n=1)
        except NoData as e:
            ctx.missing(sec, str(e))
            rows.append(
                [ctx.iname(ind_id), ctx.unit(ind_id), None, 0, None, "", None, "", None, None]
            )
            continue
        below = int((reg < nat).sum()) if nat is not None else None
        rows.append(
            [
                ctx.iname(ind_id),
                ctx.unit(ind_id),
                nat,
                len(reg),
                float(reg.min()),
                ctx.rname(reg.idxmin()),
                float(reg.max()),
                ctx.rname(reg.idxmax()),
                float(reg.max() / reg.min()) if reg.min() > 0 else None,
                below,
            ]
        )
        if ind_id == GRP_PC and nat is not None:
            ctx.findings.append(
                findings.make(
                    "grp_position",
                    "key_indicators",
                    year=("text", str(ctx.year)),
                    national=("num1", nat),
                    unit=("text", {lg: ctx.ind(ind_id).unit_label(lg) for lg in LANGS}),
                    n_below=("int", below),
                    n=("int", len(reg)),
                )
            )
            ctx.findings.append(
                findings.make(
                    "grp_extremes",
                    "key_indicators",
                    max_region=("region", reg.idxmax()),
                    max=("num1", reg.max()),
                    min_region=("region", reg.idxmin()),
                    min=("num1", reg.min()),
                    ratio=("num1", reg.max() / reg.min()),
                    unit=("text", {lg: ctx.ind(ind_id).unit_label(lg) for lg in LANGS}),
                )
            )
    columns = [
        Column(t("indicator", L)),
        Column(t("unit", L)),
        Column(t("national_value", L), 1),
        Column(t("n_regions", L), 0, "Int64"),
        Column(t("minimum", L), 1),
        Column(t("region", L) + " (min)"),
        Column(t("maximum", L), 1),
        Column(t("region", L) + " (max)"),
        Column(t("max_min", L), 2),
        Column(t("n_below", L), 0, "Float64"),
    ]
    ctx.table(
        sec,
        table_of(
            "key_indicators",
            f"{t('sec_key', L)}, {ctx.year}",
            columns,
            rows,
            sources=ctx.sources_of(*KEY_INDICATORS),
        ),
    )
    # concentration of GRP
    try:
        grp, grp_nat = ctx.cross(GRP)
    except NoData as e:
        ctx.missing(sec, str(e))
        return
    from aimaq.analysis.disparity import position

    reg_pc, nat_pc = ctx.cross_at(GRP_PC, ctx.year, ctx.borders)
    pc = reg_pc.reindex(grp.index)
    # concentration needs only the totals: without GRP per capita, position GRP itself
    pos = (
        position(pc, nat_pc, totals=grp, k=3)
        if pc.notna().any()
        else position(grp, totals=grp, k=3)
    )
    share = grp / grp.sum() * 100
    top = pos.top_k
    unit = ctx.unit(GRP)
    df = pd.DataFrame(
        {
            t("code", L): top,
            t("region", L): [ctx.rname(c) for c in top],
            ctx.header(ctx.iname(GRP), unit): grp.loc[top].to_numpy(),
            ctx.header(t("value", L) + " (% ∑)", "%"): share.loc[top].to_numpy(),
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "grp_concentration",
            f"{ctx.iname(GRP)}: top-3, {ctx.year}",
            df,
            digits={df.columns[2]: 1, df.columns[3]: 1},
            sources=ctx.sources_of(GRP),
            notes=[f"CR3 = {fmt_number(pos.CR_k * 100, L, 1)} %"],
        ),
    )
    ctx.findings.append(
        findings.make(
            "concentration",
            "grp_concentration",
            top=("regions", top),
            cr=("pct", pos.CR_k * 100),
            year=("text", str(ctx.year)),
        )
    )


def maps(ctx: Context, sec: Section) -> None:
    L = ctx.lang
    for ind_id, dg in KEY_INDICATORS.items():
        try:
            reg, _ = ctx.cross(ind_id)
        except NoData as e:
            ctx.missing(sec, str(e))
            continue
        ind = ctx.ind(ind_id)
        fig = carto.choropleth(
            reg,
            title=f"{ind.name(L)}, {ctx.year}",
            unit=ctx.unit(ind_id),
            lang=L,
            borders=ctx.borders,
            direction=ind.direction,
            digits=dg,
        )
        ctx.figure(sec, fig, t("classes", L, scheme="Fisher-Jenks", k=min(5, reg.nunique())))
    try:
        pc = ctx.population_change()
    except NoData as e:
        ctx.missing(sec, str(e))
        return
    fig = carto.choropleth(
        pc["change"].pct,
        title=f"{t('sec_population', L)}, {pc['start']}–{pc['end']}",
        unit="%",
        lang=L,
        borders=ctx.borders,
        direction="neutral",
        digits=2,
    )
    ctx.figure(sec, fig, t("classes", L, scheme="Fisher-Jenks", k=5))


def _ranking_table(
    ctx: Context, ind_id: str, reg: pd.Series, nat: float | None, dg: int
) -> ReportTable:
    L = ctx.lang
    ind = ctx.ind(ind_id)
    asc = ind.direction == "higher_worse"
    s = reg.sort_values(ascending=asc)
    groups = ctx.groups()
    glab = ctx.group_labels()
    unit = ctx.unit(ind_id)
    df = pd.DataFrame(
        {
            t("rank", L): s.rank(ascending=asc, method="min").astype(int).to_numpy(),
            t("code", L): list(s.index),
            t("region", L): [ctx.rname(c) for c in s.index],
            ctx.header(ind.name(L), unit): s.to_numpy(),
            t("pct_national", L): (s / nat * 100).to_numpy() if nat else np.full(len(s), np.nan),
            t("macro_region", L): [glab.get(groups.get(c), "") for c in s.index],
        }
    )
    nat_row = pd.DataFrame(
        {
            df.columns[0]: [None],
            df.columns[1]: [registry.NATIONAL],
            df.columns[2]: [t("national_value", L)],
            df.columns[3]: [nat],
            df.columns[4]: [100.0 if nat else None],
            df.columns[5]: [""],
        }
    )
    df = pd.concat([df, nat_row], ignore_index=True)
    df[df.columns[0]] = df[df.columns[0]].astype("Int64")
    return ReportTable(
        f"rank_{ind_id}",
        f"{ind.name(L)}, {ctx.year}: {t('sec_rankings', L).lower()}",
        df,
        digits={df.columns[0]: 0, df.columns[3]: dg, df.columns[4]: 1},
        sources=ctx.sources_of(ind_id),
    )


def rankings(ctx: Context, sec: Section) -> None:
    L = ctx.lang
    for ind_id in RANKED_INDICATORS:
        dg = KEY_INDICATORS.get(ind_id, 1)
        try:
            reg, nat = ctx.cross(ind_id)
        except NoData as e:
            ctx.missing(sec, str(e))
            continue
        ind = ctx.ind(ind_id)
        fig = charts.bar_ranking(
            reg,
            nat,
            title=f"{ind.name(L)}, {ctx.year}",
            unit=ctx.unit(ind_id),
            lang=L,
            direction=ind.direction,
            digits=dg,
        )
        ctx.figure(sec, fig)
        ctx.table(sec, _ranking_table(ctx, ind_id, reg, nat, dg), collapsed=True)
        vmax, vmin = reg.idxmax(), reg.idxmin()
        if ind_id == "unemployment_rate_pct" and nat is not None:
            ctx.findings.append(
                findings.make(
                    "unemployment",
                    f"rank_{ind_id}",
                    year=("text", str(ctx.year)),
                    national=("pct", nat),
                    min=("pct", reg[vmin]),
                    min_region=("region", vmin),
                    max=("pct", reg[vmax]),
                    max_region=("region", vmax),
                )
            )
        if ind_id == "avg_monthly_nominal_wage_kzt" and nat is not None:
            ctx.findings.append(
                findings.make(
                    "wage",
                    f"rank_{ind_id}",
                    year=("text", str(ctx.year)),
                    national=("num0", nat),
                    unit=("text", {lg: ind.unit_label(lg) for lg in LANGS}),
                    n_below=("int", int((reg < nat).sum())),
                    n=("int", len(reg)),
                    max_region=("region", vmax),
                    min_region=("region", vmin),
                    ratio=("num1", reg[vmax] / reg[vmin]),
                )
            )
        if ind_id == "labour_productivity_thousand_kzt":
            ctx.findings.append(
                findings.make(
                    "productivity",
                    f"rank_{ind_id}",
                    year=("text", str(ctx.year)),
                    min=("num1", reg[vmin]),
                    min_region=("region", vmin),
                    max=("num1", reg[vmax]),
                    max_region=("region", vmax),
                    ratio=("num1", reg[vmax] / reg[vmin]),
                    unit=("text", {lg: ctx.ind(PROD).unit_label(lg) for lg in LANGS}),
                )
            )


def trends(ctx: Context, sec: Section) -> None:
    L = ctx.lang
    panel, nat, tb = ctx.grp_panel()
    if panel.shape[1] < 2:
        raise NoData(t("too_few_years", L, indicator=ctx.iname(GRP_PC)))
    unit = ctx.unit(GRP_PC)
    fig = charts.small_multiples(
        panel,
        nat,
        title=f"{ctx.iname(GRP_PC)}, {panel.columns[0]}–{panel.columns[-1]}",
        unit=unit,
        lang=L,
    )
    ctx.figure(sec, fig, t("trends_note", L, indicator=ctx.iname(GRP_PC), unit=unit, borders=tb))
    df = panel.copy()
    df.columns = [f"{y}, {unit}" for y in df.columns]
    df.insert(0, t("region", L), [ctx.rname(c) for c in df.index])
    df.insert(0, t("code", L), list(df.index))
    natrow = [registry.NATIONAL, t("national_value", L)] + [nat.get(y) for y in panel.columns]
    df = pd.concat([df, pd.DataFrame([natrow], columns=df.columns)], ignore_index=True)
    ctx.table(
        sec,
        ReportTable(
            f"trend_{GRP_PC}",
            f"{ctx.iname(GRP_PC)}, {panel.columns[0]}–{panel.columns[-1]} ({tb})",
            df,
            digits={c: 1 for c in df.columns[2:]},
            sources=ctx.sources_of(GRP_PC),
        ),
        collapsed=True,
    )
