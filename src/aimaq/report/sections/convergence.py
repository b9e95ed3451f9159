"""Sections: σ- and β-convergence, spatial autocorrelation (Moran, LISA)."""

from __future__ import annotations

import pandas as pd

from aimaq.geo import registry
from aimaq.report import findings, maps
from aimaq.report.constants import ALPHA, GRP_PC, PERMUTATIONS, SEED
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import ReportTable
from aimaq.report.text import LANGS, fmt_number, t

__all__ = ["convergence", "spatial"]


def convergence(ctx: Context, sec: Section) -> None:
    from aimaq.analysis.convergence import beta_convergence, sigma_convergence

    L = ctx.lang
    panel, _, tb = ctx.grp_panel()
    full = panel.dropna(axis=1, thresh=max(3, int(0.8 * len(panel))))
    if full.shape[1] < 2:
        raise NoData(t("too_few_years", L, indicator=ctx.iname(GRP_PC)))
    start, end = int(full.columns[0]), int(full.columns[-1])
    ctx.text(
        sec, f"<p class='note'>{t('convergence_note', L, borders=tb, start=start, end=end)}</p>"
    )
    sig = sigma_convergence(full)
    df = pd.DataFrame(
        {
            t("year", L): [str(y) for y in full.columns],
            "n": sig.n,
            "CV": sig.CV.to_numpy(),
            "σ (sd ln y)": sig.sigma.to_numpy(),
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "sigma_convergence",
            f"σ-convergence: {ctx.iname(GRP_PC)} ({tb})",
            df,
            digits={"n": 0, "CV": 4, "σ (sd ln y)": 4},
            notes=[
                f"b(CV) = {fmt_number(sig.b_CV, L, 4)} / year (p = {fmt_number(sig.p_b_CV, L, 3)}); "
                f"b(σ) = {fmt_number(sig.b_sigma, L, 4)} / year (p = {fmt_number(sig.p_b_sigma, L, 3)})"
            ],
            sources=ctx.sources_of(GRP_PC),
        ),
    )
    ctx.findings.append(
        findings.evidence(
            "sigma",
            "sigma_convergence",
            p_value=sig.p_b_CV,
            estimate=sig.b_CV,
            alpha=ALPHA,
            start=("text", str(start)),
            end=("text", str(end)),
            cv0=("num3", sig.CV.iloc[0]),
            cv1=("num3", sig.CV.iloc[-1]),
            n=("int", sig.n),
            borders=("text", str(tb)),
            b=("signed4", sig.b_CV),
            p=("num3", sig.p_b_CV),
        )
    )
    beta = beta_convergence(full, start, end)
    rows = [
        ["α", beta.alpha, beta.se_alpha, None],
        ["β (ln y0)", beta.beta, beta.se_beta, beta.p_beta],
        ["R²", beta.r2, None, None],
        ["n", beta.n, None, None],
        ["T, years", beta.T, None, None],
        ["λ (speed)", beta.lam, None, None],
        ["half-life, years", beta.half_life, None, None],
    ]
    bdf = pd.DataFrame(rows, columns=["", "estimate", "s.e.", "p"])
    ctx.table(
        sec,
        ReportTable(
            "beta_convergence",
            f"β-convergence: g = α + β ln y0, {start}–{end} ({tb})",
            bdf,
            digits={"estimate": 4, "s.e.": 4, "p": 3},
            notes=[
                "g_i = (ln y_iT − ln y_i0)/T; λ = −ln(1 + Tβ)/T; half-life = ln 2/λ (Barro & "
                "Sala-i-Martin 1992)."
            ]
            + ([f"excluded: {beta.excluded}"] if beta.excluded else []),
            sources=ctx.sources_of(GRP_PC),
        ),
    )
    ctx.findings.append(
        findings.evidence(
            "beta",
            "beta_convergence",
            p_value=beta.p_beta,
            estimate=beta.beta,
            alpha=ALPHA,
            start=("text", str(start)),
            end=("text", str(end)),
            beta=("num4", beta.beta),
            p=("num3", beta.p_beta),
        )
    )


def spatial(ctx: Context, sec: Section) -> None:
    from aimaq.analysis.spatial import lisa, moran
    from aimaq.datasets import contiguity

    L = ctx.lang
    reg, _ = ctx.cross(GRP_PC, min_n=5)
    w = contiguity(registry.region_codes(ctx.borders), borders=ctx.borders)
    gm = moran(reg, w, permutations=PERMUTATIONS, seed=SEED)
    lm = lisa(reg, w, permutations=PERMUTATIONS, seed=SEED)
    fig = maps.lisa_map(
        lm.cluster, title=f"LISA: {ctx.iname(GRP_PC)}, {ctx.year}", lang=L, borders=ctx.borders
    )
    ctx.figure(sec, fig, t("lisa_note", L, perm=PERMUTATIONS, seed=SEED, alpha=lm.alpha))
    idx = lm.Is.index
    df = pd.DataFrame(
        {
            t("code", L): list(idx),
            t("region", L): [ctx.rname(c) for c in idx],
            ctx.header(ctx.iname(GRP_PC), ctx.unit(GRP_PC)): reg.reindex(idx).to_numpy(),
            "I_i": lm.Is.to_numpy(),
            "q": lm.q.to_numpy(),
            "p_sim": lm.p_sim.to_numpy(),
            "cluster": [t(c, L) for c in lm.cluster],
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "lisa",
            f"LISA: {ctx.iname(GRP_PC)}, {ctx.year}",
            df,
            digits={df.columns[2]: 1, "I_i": 3, "q": 0, "p_sim": 3},
            notes=[
                f"Moran's I = {fmt_number(gm.I, L, 3)}, E[I] = {fmt_number(gm.EI, L, 3)}, "
                f"z_sim = {fmt_number(gm.z_sim, L, 2)}, p_sim = {fmt_number(gm.p_sim, L, 3)} "
                f"({gm.permutations} permutations, seed {gm.seed})",
                t("lisa_note", L, perm=PERMUTATIONS, seed=SEED, alpha=lm.alpha),
            ],
            sources=ctx.sources_of(GRP_PC) + ["aimaq.geo.polygons: queen contiguity"],
        ),
        collapsed=True,
    )
    sig = lm.cluster[lm.cluster != "not significant"]
    clusters = {
        lg: (
            ", ".join(f"{registry.name(c, lg)} ({t(v, lg)})" for c, v in sig.items())
            or t("none", lg)
        )
        for lg in LANGS
    }
    ctx.findings.append(
        findings.evidence(
            "moran",
            "lisa",
            p_value=gm.p_sim,
            estimate=gm.I,
            alpha=ALPHA,
            I=("num3", gm.I),
            p=("num3", gm.p_sim),
            clusters=("text", clusters),
        )
    )
