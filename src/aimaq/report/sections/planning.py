"""Sections: progress towards targets, inter-budget relations, population outlook.

The numbers come from :mod:`aimaq.report.planning_content` (the same as ``aimaq monitor``,
``aimaq budget`` and ``aimaq project population``); this module only labels them in the
report's language and records the sources used.
"""

from __future__ import annotations

import pandas as pd

from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import ReportTable
from aimaq.report.text import fmt_number, t

__all__ = ["budget", "monitoring", "outlook"]

_STATUS = {
    "achieved": "st_achieved",
    "on track": "st_on_track",
    "acceleration needed": "st_acceleration",
    "limited progress": "st_limited",
    "deterioration": "st_deterioration",
    "not assessed": "st_not_assessed",
}
BASE_YEAR = 2018


def _record(ctx: Context, frame: pd.DataFrame) -> None:
    """Record the sources (and gaps) of the store rows behind a table, year by year."""
    for (ind, y), rows in frame.groupby(["indicator", "year"]):
        ctx.data.record(ind, int(y), int(y), rows)


def _regions(ctx: Context, index) -> dict:
    return {t("code", ctx.lang): list(index), t("region", ctx.lang): [ctx.rname(c) for c in index]}


def monitoring(ctx: Context, sec: Section) -> None:
    """Status matrix region × indicator (Open SDG), with what moved GRP per capita."""
    from aimaq.report.planning_content import monitoring_section

    L = ctx.lang
    m = monitoring_section(ctx.data.store, None, BASE_YEAR)
    if m.matrix.empty:
        raise NoData(t("missing_section", L))
    for ind in m.matrix.columns:
        _record(ctx, ctx.data.store.observations(ind))
    srcs = ctx.sources_of(*m.matrix.columns)
    mat = m.matrix.map(lambda s: t(_STATUS[s], L) if isinstance(s, str) else "–")
    mat = mat.drop(index=[r for r in mat.index if (m.matrix.loc[r].isna()).all()])
    df = pd.DataFrame(_regions(ctx, mat.index))
    for ind in mat.columns:
        df[ctx.iname(ind)] = mat[ind].to_numpy()
    ctx.text(sec, f"<p class='note'>{t('pl_no_targets', L)}</p>")
    ctx.table(
        sec,
        ReportTable(
            "monitoring_status",
            t("pl_status_title", L, base=BASE_YEAR),
            df,
            notes=[t("pl_status_note", L, base=BASE_YEAR)],
            sources=srcs,
        ),
    )
    d = m.decomposition
    if d is not None and len(d):
        y0, y1 = BASE_YEAR, m.t1
        dd = pd.DataFrame(_regions(ctx, d.index))
        for col, key in (
            ("dln_y", "pl_dln_y"),
            ("dln_output_per_worker", "pl_dln_q"),
            ("dln_workers_per_resident", "pl_dln_e"),
            ("share_output_per_worker", "pl_share_q"),
            ("share_workers_per_resident", "pl_share_e"),
        ):
            dd[t(key, L)] = d[col].to_numpy()
        ctx.table(
            sec,
            ReportTable(
                "monitoring_grp_pc",
                t("pl_decomp_title", L, t0=y0, t1=y1),
                dd,
                digits={c: 3 for c in dd.columns[2:]},
                notes=[t("pl_decomp_note", L)],
                sources=ctx.sources_of("grp_mln_kzt", "employed_thousand", "population_total"),
            ),
        )
        s = m.shift_share
        if s is not None:
            ss = pd.DataFrame(_regions(ctx, s.index))
            for col, key in (("dx", "pl_dx"), ("NS", "pl_ns"), ("IM", "pl_im"), ("RS", "pl_rs")):
                ss[t(key, L)] = s[col].to_numpy()
            ctx.table(
                sec,
                ReportTable(
                    "monitoring_grp_shift_share",
                    t("pl_ss_title", L, t0=y0, t1=y1),
                    ss,
                    digits={c: 0 for c in ss.columns[2:]},
                    notes=[t("pl_ss_note", L)],
                ),
                collapsed=True,
            )


def budget(ctx: Context, sec: Section) -> None:
    """Donors and recipients 2018–2024 from the data, with the 2023 break; budget per capita;
    equalisation before/after transfers; transfers against GRP per capita."""
    from aimaq.datasets.planning import BUDGET_FLOWS
    from aimaq.report.planning_content import budget_section

    L = ctx.lang
    if any(ctx.data.store.observations(i).empty for i in BUDGET_FLOWS.values()):
        raise NoData(t("missing_section", L))
    b = budget_section(ctx.data.store)
    for ind in BUDGET_FLOWS.values():
        _record(ctx, ctx.data.store.observations(ind))
    srcs = ctx.sources_of(*BUDGET_FLOWS.values())
    nat = ctx.data.store.observations(BUDGET_FLOWS["S"], regions=["KZ"]).set_index("year")["value"]
    ctx.text(
        sec,
        "<p class='note'>"
        + t("pl_break", L, s22=fmt_number(nat.get(2022), L, 0), s23=fmt_number(nat.get(2023), L, 0))
        + "</p>",
    )
    ctx.text(sec, f"<p class='note'>{t('pl_caveats', L)}</p>")
    pos = b.positions[(b.positions != "gap").any(axis=1)]
    pf = pd.DataFrame(_regions(ctx, pos.index))
    for y in pos.columns:
        pf[str(y)] = [t(f"pos_{v}", L) if isinstance(v, str) else "–" for v in pos[y]]
    ctx.table(
        sec,
        ReportTable(
            "budget_positions",
            t("pl_positions_title", L),
            pf,
            notes=[t("pl_positions_note", L)],
            sources=srcs,
        ),
    )
    tab = b.table
    with_pop = [
        y
        for y in tab.index.get_level_values("year").unique()
        if tab.xs(y, level="year")["P"].notna().any()
    ]
    y = max(with_pop)
    g = tab.xs(y, level="year")
    g = g[g["position"] != "gap"]
    ff = pd.DataFrame(_regions(ctx, g.index))
    for col, key in (
        ("s_pc", "pl_subv_pc"),
        ("w_pc", "pl_withdr_pc"),
        ("t_pc", "pl_tax_pc"),
        ("r_pc", "pl_transf_pc"),
        ("autonomy", "pl_autonomy"),
    ):
        ff[t(key, L)] = g[col].to_numpy()
    ff[t("pl_position", L)] = [t(f"pos_{v}", L) for v in g["position"]]
    ff[t("pl_regime", L)] = g["regime"].to_numpy()
    ctx.table(
        sec,
        ReportTable(
            "budget_per_capita",
            t("pl_flows_title", L, year=y),
            ff,
            digits={c: (3 if c == t("pl_autonomy", L) else 1) for c in ff.columns[2:-2]},
            notes=[t("pl_flows_note", L)],
            sources=srcs + ctx.sources_of("population_total"),
        ),
    )
    e = b.equalisation
    if len(e):
        ef = pd.DataFrame(
            {t("year", L): [str(i) for i in e.index], t("pl_n", L): e["n"].to_numpy()}
        )
        for col, key in (
            ("Gini_before", "pl_gini_before"),
            ("Gini_after", "pl_gini_after"),
            ("Theil_before", "pl_theil_before"),
            ("Theil_after", "pl_theil_after"),
            ("effect_Gini", "pl_effect_gini"),
        ):
            ef[t(key, L)] = e[col].to_numpy()
        ef[t("pl_regime", L)] = e["regime"].to_numpy()
        ctx.table(
            sec,
            ReportTable(
                "budget_equalisation",
                t("pl_eq_title", L),
                ef,
                digits={c: 3 for c in ef.columns[2:-1]},
                notes=[t("pl_eq_note", L)],
                sources=srcs,
            ),
        )
    if b.elasticity:
        rows = [
            [
                str(yy),
                r.n,
                r.beta,
                r.se,
                r.p_value,
                ", ".join(ctx.rname(c) for c in r.off_line) or t("none", L),
                r.regime,
            ]
            for yy, r in b.elasticity.items()
        ]
        cols = [
            t("year", L),
            t("pl_n", L),
            t("pl_beta", L),
            t("pl_se", L),
            t("pl_p", L),
            t("pl_off", L),
            t("pl_regime", L),
        ]
        el = pd.DataFrame(rows, columns=cols)
        ctx.table(
            sec,
            ReportTable(
                "budget_elasticity",
                t("pl_el_title", L),
                el,
                digits={cols[2]: 3, cols[3]: 3, cols[4]: 4},
                notes=[t("pl_el_note", L, alpha=fmt_number(0.05, L, 2))],
                sources=srcs + ctx.sources_of("grp_per_capita_thousand_kzt"),
            ),
        )


def outlook(ctx: Context, sec: Section) -> None:
    """Components-of-change outlook by scenario (line chart with the scenario range) and the
    back-test error table."""
    from aimaq.report.planning_content import outlook_section

    L = ctx.lang
    inds = ("population_total", "births_persons", "deaths_persons", "net_migration_persons")
    if any(ctx.data.store.observations(i).empty for i in inds):
        raise NoData(t("missing_section", L))
    o = outlook_section(ctx.data.store, horizon=2035)
    for ind in inds:
        _record(ctx, ctx.data.store.observations(ind))
    srcs = ctx.sources_of(
        "population_total", "births_persons", "deaths_persons", "net_migration_persons"
    )
    first = next(iter(o.projections.values()))
    w0, w1 = first.rates.window
    base, h = first.base_year, first.horizon
    ctx.text(sec, f"<p class='note'>{t('pl_outlook_note', L, w0=w0, w1=w1)}</p>")
    fig = o.figure
    fixed = {"observed population": t("pl_observed_pop", L), "scenario range": t("pl_range", L)}
    for tr in fig["data"]:
        tr["name"] = fixed.get(tr["name"]) or t(f"sc_{tr['name']}", L)
    fig["layout"]["title"]["text"] = t("pl_outlook_fig", L)
    fig["layout"]["xaxis"]["title"]["text"] = t("year", L)
    fig["layout"]["yaxis"]["title"]["text"] = ctx.unit("population_total")
    ctx.figure(sec, fig, t("pl_outlook_fig", L))
    idx = first.summary.index
    df = pd.DataFrame(_regions(ctx, idx))
    df[t("pl_p0", L, y=base)] = first.summary["P0"].to_numpy()
    df[t("pl_natural", L, y0=base, y1=h - 1)] = first.summary["natural"].to_numpy()
    df[t("pl_migration", L, y0=base, y1=h - 1)] = first.summary["migration"].to_numpy()
    for name, p in o.projections.items():
        df[f"{t('sc_' + name, L)}, {h}"] = p.summary["P_h"].reindex(idx).to_numpy()
    ctx.table(
        sec,
        ReportTable(
            "outlook_scenarios",
            t("pl_outlook_title", L, h=h),
            df,
            digits={c: 0 for c in df.columns[2:]},
            notes=[t("pl_outlook_note", L, w0=w0, w1=w1)],
            sources=srcs,
        ),
    )
    bt = o.backtest
    bf = pd.DataFrame(_regions(ctx, bt.table.index))
    for y in bt.table.columns:
        bf[str(y)] = bt.table[y].to_numpy()
    if bt.census_residual is not None:
        bf[t("pl_census", L)] = bt.census_residual.reindex(bt.table.index).to_numpy()
    mape = {t("code", L): t("pl_mape", L), t("region", L): ""}
    mape.update({str(y): float(v) for y, v in bt.mape.items()})
    bf = pd.concat([bf, pd.DataFrame([mape])], ignore_index=True)
    ctx.table(
        sec,
        ReportTable(
            "outlook_backtest",
            t("pl_bt_title", L),
            bf,
            digits={str(y): 2 for y in bt.table.columns} | {t("pl_census", L): 0},
            notes=[t("pl_bt_note", L, w0=bt.window[0], w1=bt.window[1], base=bt.base_year)],
            sources=srcs,
        ),
    )
