"""Sections: Lorenz curve, dispersion indices, decomposition by macro-region."""

from __future__ import annotations

import pandas as pd

from aimaq.report import charts, findings
from aimaq.report.constants import ALMATY_CITY, DISPERSION_INDICATORS, GRP_PC, N_BOOT, POP, SEED
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import Column, ReportTable, table_of
from aimaq.report.text import LANGS, fmt_pct, t

__all__ = ["lorenz", "dispersion", "decomposition"]


def lorenz(ctx: Context, sec: Section) -> None:
    from aimaq.analysis.disparity import dispersion

    L = ctx.lang
    reg, _ = ctx.cross(GRP_PC)
    pop = ctx.population().reindex(reg.index)
    d = dispersion(reg, population=pop if pop.notna().all() else None)
    fig, pts = charts.lorenz(
        reg,
        pop if pop.notna().all() else None,
        title=f"{ctx.iname(GRP_PC)}, {ctx.year}",
        lang=L,
        gini=d.Gini,
        gini_w=d.Gini_w,
    )
    ctx.figure(sec, fig)
    df = pts.reset_index().rename(columns={"region": t("code", L), "index": t("code", L)})
    df.insert(1, t("region", L), [ctx.rname(c) for c in df.iloc[:, 0]])
    ctx.table(
        sec,
        ReportTable(
            "lorenz",
            f"{t('sec_lorenz', L)}, {ctx.iname(GRP_PC)}, {ctx.year}",
            df,
            digits={c: 4 for c in df.columns[2:]},
            sources=ctx.sources_of(GRP_PC, POP),
        ),
        collapsed=True,
    )


def dispersion(ctx: Context, sec: Section) -> None:
    from aimaq.analysis.disparity import dispersion

    L = ctx.lang
    rows = []
    pop_all = ctx.population()
    for ind_id in DISPERSION_INDICATORS:
        try:
            reg, _ = ctx.cross(ind_id)
        except NoData as e:
            ctx.missing(sec, str(e))
            continue
        pop = pop_all.reindex(reg.index)
        d = dispersion(reg, population=pop if pop.notna().all() else None)
        rows.append(
            [
                ctx.iname(ind_id),
                d.n,
                d.CV,
                d.CV_w,
                d.Gini,
                d.Gini_w,
                d.Theil_T,
                d.Theil_T_w,
                d.Theil_L,
                d.Theil_L_w,
                d.Atkinson,
                d.Atkinson_w,
            ]
        )
        if ind_id == GRP_PC and d.Gini_w is not None:
            ctx.findings.append(
                findings.make(
                    "dispersion",
                    "dispersion",
                    gini=("num3", d.Gini_w),
                    theil_t=("num3", d.Theil_T_w),
                    theil_l=("num3", d.Theil_L_w),
                    cv=("num3", d.CV_w),
                )
            )
    if not rows:
        raise NoData(t("missing_section", L))
    # each index unweighted, then population-weighted (w)
    pairs = [("CV", "Williamson CV"), ("Gini", "Gini"), ("Theil T (GE(1))", "Theil T (GE(1))")]
    pairs += [("Theil L (GE(0), MLD)",) * 2, ("Atkinson (ε=0.5)",) * 2]
    columns = [Column(t("indicator", L)), Column(t("n_regions", L), 0)]
    for plain, weighted in pairs:
        columns += [Column(plain, 3), Column(weighted + " (w)", 3)]
    ctx.table(
        sec,
        table_of(
            "dispersion",
            f"{t('sec_dispersion', L)}, {ctx.year}",
            columns,
            rows,
            notes=[
                t("theil_note", L),
                "(w) = " + t("weighted", L) + "; " + t("unweighted", L) + ".",
            ],
            sources=ctx.sources_of(*DISPERSION_INDICATORS, POP),
        ),
    )
    # bootstrap intervals for GRP per capita
    try:
        reg, _ = ctx.cross(GRP_PC)
    except NoData:
        return
    pop = pop_all.reindex(reg.index)
    d = dispersion(reg, population=pop if pop.notna().all() else None, n_boot=N_BOOT, seed=SEED)
    ci = d.ci.reset_index().rename(columns={"index": t("indicator", L)})
    ci.columns = [t("indicator", L), "estimate", "lower (2.5%)", "upper (97.5%)"]
    ci[t("indicator", L)] = (
        ci[t("indicator", L)]
        .str.replace("Theil_T", "Theil T (GE(1))")
        .str.replace("Theil_L", "Theil L (GE(0))")
        .str.replace("_w", " (w)")
    )
    ctx.table(
        sec,
        ReportTable(
            "dispersion_ci",
            f"{ctx.iname(GRP_PC)}, {ctx.year}: bootstrap CI",
            ci,
            digits={c: 3 for c in ci.columns[1:]},
            notes=[t("ci_note", L, n_boot=N_BOOT, seed=SEED)],
            sources=ctx.sources_of(GRP_PC, POP),
        ),
        collapsed=True,
    )


def decomposition(ctx: Context, sec: Section) -> None:
    from aimaq.analysis.disparity import theil

    L = ctx.lang
    reg, _ = ctx.cross(GRP_PC)
    groups = ctx.groups()
    pop = ctx.population().reindex(reg.index)
    glab = ctx.group_labels()
    res = {
        "w": theil(reg, groups=groups, population=pop) if pop.notna().all() else None,
        "u": theil(reg, groups=groups),
    }
    rows = []
    for key, dec in res.items():
        if dec is None:
            continue
        tag = t("weighted", L) if key == "w" else t("unweighted", L)
        rows.append(
            ["Theil T (GE(1))", tag, dec.T, dec.T_between, dec.T_within, 100 * dec.T_between_share]
        )
        rows.append(
            [
                "Theil L (GE(0), MLD)",
                tag,
                dec.L,
                dec.L_between,
                dec.L_within,
                100 * dec.L_between_share,
            ]
        )
    alm = _almaty_own_group(reg, groups, pop)
    if alm is not None:  # the sensitivity rows
        tag = f"{t('weighted', L)}; {t('almaty_own_group', L)}"
        rows.append(["Theil T (GE(1))", tag, alm.T, alm.T_between, alm.T_within])
        rows[-1].append(100 * alm.T_between_share)
        rows.append(["Theil L (GE(0), MLD)", tag, alm.L, alm.L_between, alm.L_within])
        rows[-1].append(100 * alm.L_between_share)
    cols = [t("indicator", L), "", "total", "between", "within", "between, %"]
    df = pd.DataFrame(rows, columns=cols)
    ctx.table(
        sec,
        ReportTable(
            "theil_decomposition",
            f"{ctx.iname(GRP_PC)}, {ctx.year}: Theil T / Theil L",
            df,
            digits={"total": 4, "between": 4, "within": 4, "between, %": 1},
            notes=[t("theil_note", L), t("macro_note", L, groups=", ".join(glab.values()))],
            sources=ctx.sources_of(GRP_PC, POP),
        ),
    )
    dec = res["w"] or res["u"]
    gdf = pd.DataFrame(
        {
            t("macro_region", L): [glab.get(g, g) for g in dec.n_g.index],
            t("n_regions", L): dec.n_g.to_numpy(),
            "p_g, %": 100 * dec.p_g.to_numpy(),
            "s_g, %": 100 * dec.s_g.to_numpy(),
            "T_g": dec.T_g.to_numpy(),
            "L_g": dec.L_g.to_numpy(),
        }
    )
    members = groups[groups.index.isin(reg.index)]
    gdf[t("region", L)] = [
        ", ".join(ctx.rname(c) for c in members.index[members == g]) for g in dec.n_g.index
    ]
    ctx.table(
        sec,
        ReportTable(
            "macro_regions",
            f"{t('macro_region', L)}: {ctx.iname(GRP_PC)}, {ctx.year}",
            gdf,
            digits={"p_g, %": 1, "s_g, %": 1, "T_g": 4, "L_g": 4, t("n_regions", L): 0},
            notes=[
                "p_g: "
                + ("population share" if res["w"] is not None else "share of regions")
                + "; s_g: share of GRP (∑ p_i y_i)."
            ],
            sources=ctx.sources_of(GRP_PC, POP),
        ),
    )
    if res["w"] is not None:
        sens = {lg: "" for lg in LANGS}
        if alm is not None:
            sens = {
                lg: t(
                    "almaty_sensitivity",
                    lg,
                    t_share=fmt_pct(100 * alm.T_between_share, lg),
                    l_share=fmt_pct(100 * alm.L_between_share, lg),
                )
                for lg in LANGS
            }
        ctx.findings.append(
            findings.make(
                "decomposition",
                "theil_decomposition",
                k=("int", len(dec.n_g)),
                t_share=("pct", 100 * res["w"].T_between_share),
                l_share=("pct", 100 * res["w"].L_between_share),
                sensitivity=("text", sens),
            )
        )


def _almaty_own_group(reg: pd.Series, groups: pd.Series, pop: pd.Series):
    """The weighted Theil decomposition with Almaty city (KZ-75) as a group of its own: the
    between-group share depends on where the largest city sits (a sensitivity line)."""
    from aimaq.analysis.disparity import theil

    if ALMATY_CITY not in reg.index or pop.isna().any():
        return None
    g = groups.copy()
    g[ALMATY_CITY] = ALMATY_CITY
    return theil(reg, groups=g, population=pop)
