"""Section: composite development index and types of regions."""

from __future__ import annotations

import pandas as pd

from aimaq import catalogue
from aimaq.report import findings, maps
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import ReportTable
from aimaq.report.text import fmt_number, fmt_signed, t

__all__ = ["typology"]


def _indicator_label(spec, lang: str) -> str:
    """Catalogue name of a typology indicator (numerator / denominator for derived ones)."""
    try:
        return catalogue.get(spec.id).name(lang)
    except (KeyError, ValueError):
        pass
    if spec.numerator:
        return f"{catalogue.get(spec.numerator).name(lang)} / {catalogue.get(spec.denominator).name(lang)}"
    return catalogue.get(spec.source or spec.id).name(lang)


def typology(ctx: Context, sec: Section) -> None:
    """Composite development index (default weights: a documented choice) with its rank range
    under weight perturbations, and the types of regions (Ward, k by silhouette)."""
    from aimaq.analysis.typology import (
        composite_index,
        required_indicators,
        typology,
        typology_indicators,
        typology_spec,
    )
    from aimaq.datasets import read_typology_weights, typology_values

    L = ctx.lang
    spec = typology_spec(*read_typology_weights())
    values, used = typology_values(ctx.data.view(ctx.borders), ctx.year, required_indicators(spec))
    data = typology_indicators(values, spec)
    for ind, y in used.items():
        ctx.data.record(ind, y, ctx.borders)
    srcs = ctx.sources_of(*used)
    names = {k: _indicator_label(s, L) for k, s in spec.items()}
    lacking = [k for k in spec if k not in data or data[k].notna().sum() < 3]
    if lacking:
        raise NoData(
            t("typology_missing", L, year=ctx.year, indicators="; ".join(names[k] for k in lacking))
        )
    weights = "; ".join(
        f"{names[k]} {fmt_number(s.weight, L, 2)} ({t('better_' + str(s.direction), L)})"
        for k, s in spec.items()
    )
    years = ", ".join(f"{catalogue.get(i).name(L)} {y}" for i, y in used.items())
    ci = composite_index(data, spec)
    ctx.text(sec, f"<p class='note'>{t('weights_choice', L, weights=weights)}</p>")
    idx_unit = t("index_unit", L)
    ctx.figure(
        sec,
        maps.choropleth(
            ci.I,
            title=f"{t('ci_title', L)}, {ctx.year}",
            unit=idx_unit,
            lang=L,
            borders=ctx.borders,
            direction="higher_better",
            digits=3,
        ),
        t("classes", L, scheme="Fisher-Jenks", k=min(5, ci.I.nunique())),
    )
    sens = ci.sensitivity
    r = t("rank", L)
    cols = [
        r,
        t("code", L),
        t("region", L),
        f"I, {idx_unit}",
        f"{r}: min",
        f"{r}: 5%",
        f"{r}: {t('median', L)}",
        f"{r}: 95%",
        f"{r}: max",
        t("rank_range", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: ci.rank.to_numpy(),
            cols[1]: list(ci.I.index),
            cols[2]: [ctx.rname(c) for c in ci.I.index],
            cols[3]: ci.I.to_numpy(),
            cols[4]: sens["rank_min"].to_numpy(),
            cols[5]: sens["rank_p05"].to_numpy(),
            cols[6]: sens["rank_median"].to_numpy(),
            cols[7]: sens["rank_p95"].to_numpy(),
            cols[8]: sens["rank_max"].to_numpy(),
            cols[9]: sens["rank_range"].to_numpy(),
        }
    )
    notes = [
        t("weights_choice", L, weights=weights),
        t("ci_perturb_note", L, n=ci.n_draws, c=fmt_number(ci.concentration, L, 0), seed=ci.seed),
        t("years_used", L, years=years),
    ]
    if ci.excluded:
        notes.append(t("excluded", L, regions=ctx.rlist(ci.excluded)))
    ctx.table(
        sec,
        ReportTable(
            "composite_index",
            f"{t('ci_title', L)}, {ctx.year}",
            df,
            digits={cols[0]: 0, cols[3]: 3, **{c: 0 for c in cols[4:]}},
            notes=notes,
            sources=srcs,
        ),
    )
    # types of regions
    ty = typology(data[list(spec)], method="ward", labels=names)
    kmin, kmax = int(ty.silhouette.index.min()), int(ty.silhouette.index.max())
    types = {k: t("type_n", L, n=k) for k in sorted(ty.size.index)}
    fig = maps.categorical_map(
        ty.labels,
        types,
        title=f"{t('types_title', L)}, {ctx.year}",
        lang=L,
        borders=ctx.borders,
    )
    type_note = t(
        "types_note",
        L,
        k=ty.k,
        sil=fmt_number(ty.silhouette[ty.k], L, 2),
        kmin=kmin,
        kmax=kmax,
    )
    ctx.figure(sec, fig, type_note)
    rows = []
    zc = [f"z: {names[c]}, {t('sd', L)}" for c in ty.centroids.columns]
    for k, row in ty.centroids.iterrows():
        members = ty.labels.index[ty.labels == k]
        top = row.reindex(row.abs().sort_values(ascending=False, kind="stable").index).head(3)
        desc = "; ".join(
            f"{t('high' if v > 0 else 'low', L)}: {names[c]} ({fmt_signed(v, L, 2)})"
            for c, v in top.items()
        )
        rows.append(
            [types[k], int(ty.size[k]), ", ".join(ctx.rname(c) for c in members), desc, *row]
        )
    dcols = [t("type", L), t("n_regions", L), t("region", L), t("distinguishing", L), *zc]
    ddf = pd.DataFrame(rows, columns=dcols)
    tnotes = [type_note, t("z_note", L)]
    if ty.excluded:
        tnotes.append(t("excluded", L, regions=ctx.rlist(ty.excluded)))
    ctx.table(
        sec,
        ReportTable(
            "typology",
            f"{t('types_title', L)}, {ctx.year}",
            ddf,
            digits={dcols[1]: 0, **{c: 2 for c in zc}},
            notes=tnotes,
            sources=srcs,
        ),
    )
    top, bottom = ci.I.index[0], ci.I.index[-1]
    ctx.findings.append(
        findings.make(
            "typology",
            "composite_index",
            year=("text", str(ctx.year)),
            top=("region", top),
            top_min=("int", sens.loc[top, "rank_min"]),
            top_max=("int", sens.loc[top, "rank_max"]),
            bottom=("region", bottom),
            k=("int", ty.k),
        )
    )
