"""Content of the planning sections: status matrix, budget with the break, population outlook.

Each ``*_section`` function reads the store through :mod:`aimaq.datasets.planning`, runs the
analysis and returns a frozen result with the tables (:class:`aimaq.report.tables.ReportTable`)
and plotly figure dicts, so that the CLI, the API and the report's section registry show the
same numbers. English labels only for now (the kk/ru translations belong to the report's
translation files).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from aimaq.report.tables import ReportTable

__all__ = [
    "BudgetSection",
    "MonitoringSection",
    "OutlookSection",
    "SCENARIO_DIR",
    "budget_section",
    "monitoring_section",
    "outlook_figure",
    "outlook_section",
    "read_population_scenario",
]

SCENARIO_DIR = Path(__file__).resolve().parents[1] / "data" / "scenarios" / "population"
_PC = 1000.0  # million KZT per person -> thousand KZT per person


# -- monitoring --------------------------------------------------------------------------------
@dataclass(frozen=True)
class MonitoringSection:
    matrix: pd.DataFrame
    detail: pd.DataFrame
    decomposition: pd.DataFrame | None
    shift_share: pd.DataFrame | None
    tables: list[ReportTable]
    notes: list[str]
    sources: list[str]
    t1: int | None = None


def monitoring_section(
    store, targets: pd.DataFrame | None = None, base_year: int = 2018, thresholds=None
) -> MonitoringSection:
    """Status matrix region × indicator, with the decomposition of GRP per capita and the
    shift-share of GRP behind it."""
    from aimaq import catalogue
    from aimaq import datasets as ds
    from aimaq.analysis import monitoring as mon
    from aimaq.datasets.planning import MONITORED, monitoring_inputs, series_breaks

    th = thresholds or mon.Thresholds()
    wanted = list(MONITORED)
    if targets is not None:
        wanted += [i for i in targets["indicator"].unique() if i not in wanted]
    mi = monitoring_inputs(store, wanted, base_year)
    breaks = {i: [b["year"] for b in series_breaks(i)] for i in mi.panels}
    sm = mon.status_matrix(mi.panels, mi.directions, base_year, targets, th, breaks)
    detail = sm.detail.copy()
    detail["nominal"] = detail["indicator"].map(lambda i: catalogue.get(i).unit == "KZT")
    notes = [
        f"Progress by the Open SDG method from base year {base_year} (compound annual growth; "
        f"with a target R = observed / required growth: on track ≥ {th.ratio_on_track:.0%}, "
        f"acceleration needed ≥ {th.ratio_acceleration:.0%}, limited ≥ {th.ratio_limited:.0%}; "
        f"without a target: on track ≥ {th.growth_on_track:.1%} a year in the desirable "
        f"direction, acceleration needed ≥ {th.growth_acceleration:.1%}, limited ≥ "
        f"{th.growth_limited:.1%}).",
        "Money indicators are in current prices: without a target their growth includes "
        "inflation, so 'on track' there says little.",
    ]
    if targets is not None and len(targets):
        notes.append(
            "Targets are user data from the file given ("
            + "; ".join(sorted(set(targets["source"])))
            + "), not official statistics."
        )
    dec = shs = None
    t1 = max(
        (
            y
            for y in mi.grp.columns
            if y in mi.employed.columns and y in mi.population.columns and y > base_year
        ),
        default=None,
    )
    if t1 is not None and base_year in mi.grp.columns:
        dec = mon.decompose_ratio(mi.grp, mi.employed, mi.population, base_year, t1).table
        try:
            X0 = ds.activity_matrix(store, base_year, borders=base_year).X
            X1 = ds.activity_matrix(store, t1, borders=base_year).X
            shs = mon.grp_shift_share(X0, X1)
        except (KeyError, ValueError) as e:
            notes.append(f"GRP shift-share not computed: {e}")
    tables = [
        ReportTable(
            "monitor-status",
            f"Progress status, base year {base_year}",
            sm.matrix.fillna("–"),
            notes=notes,
            sources=mi.sources,
        )
    ]
    if dec is not None:
        tables.append(
            ReportTable(
                "monitor-why-grp-pc",
                f"Why GRP per capita moved, {base_year}–{t1}: log-change = output per worker + "
                "workers per resident",
                dec,
                digits={c: 3 for c in dec.columns},
                notes=[
                    "y = GRP / population at 1 January (the identity is exact for this y; the "
                    "published per-capita figure uses the mean annual population)."
                ],
                sources=mi.sources,
            )
        )
    if shs is not None:
        tables.append(
            ReportTable(
                "monitor-why-grp",
                f"Why GRP moved, {base_year}–{t1}: shift-share of gross value added by OKED section (million KZT)",
                shs,
                digits={c: 0 for c in ("x0", "x1", "dx", "NS", "IM", "RS")},
            )
        )
    return MonitoringSection(sm.matrix, detail, dec, shs, tables, notes, mi.sources, t1)


# -- budget ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BudgetSection:
    table: pd.DataFrame
    positions: pd.DataFrame
    completeness: pd.DataFrame
    equalisation: pd.DataFrame
    elasticity: dict
    breaks: list[dict]
    flags: pd.DataFrame
    planned: pd.DataFrame | None
    tables: list[ReportTable]
    sources: list[str]
    notes: list[str] = field(default_factory=list)


def budget_section(store, year: int | None = None, alpha: float = 0.05) -> BudgetSection:
    """Per-capita flows, autonomy and net position per region and year; donors and recipients
    2018–2024; equalisation before/after transfers; transfers against GRP per capita."""
    from aimaq.analysis import budget as bu
    from aimaq.datasets.planning import budget_inputs

    bi = budget_inputs(store)
    f = bi.flows
    br = [int(b["year"]) for b in bi.breaks]
    pos = bu.budget_positions(f["S"], f["W"], f["T"], f["R"], bi.population, bi.national, br)
    eq = bu.equalisation(f["T"], f["R"], bi.population, br)
    el, notes = {}, []
    for y in sorted(set(f["R"].columns) & set(bi.population.columns) & set(bi.grp_pc.columns)):
        try:
            el[int(y)] = bu.transfer_elasticity(
                f["R"][y] / bi.population[y], bi.grp_pc[y], y, alpha, br
            )
        except ValueError as e:
            notes.append(str(e))
    for b in bi.breaks:
        notes.append(
            f"Break {b['year']}: {b['name_en']} — years before and after are separate "
            f"regimes and are not compared. Source: {b['source']}."
        )
    notes.append(
        "Population at 1 January of the year (per-capita values need it: none for "
        f"{sorted(set(f['S'].columns) - set(bi.population.columns))})."
    )
    flag_text = bi.flags.drop_duplicates("note")
    for _, r in flag_text.iterrows():
        notes.append(f"Quality flag ({r['indicator']}, {r['year']}): {r['note']}")
    t = pos.table.copy()
    for k in ("s_pc", "w_pc", "t_pc", "r_pc"):
        t[k] = t[k] * _PC
    if year is not None:
        if year not in pos.positions.columns:
            raise ValueError(
                f"year {year}: no budget figures (years {list(pos.positions.columns)})"
            )
        t = t.xs(year, level="year", drop_level=False)
    cols = {
        "S": "subventions, mln KZT",
        "W": "withdrawals, mln KZT",
        "T": "tax revenue, mln KZT",
        "R": "transfers received, mln KZT",
        "s_pc": "subventions per capita, thous. KZT",
        "w_pc": "withdrawals per capita, thous. KZT",
        "t_pc": "tax per capita, thous. KZT",
        "r_pc": "transfers per capita, thous. KZT",
        "autonomy": "fiscal autonomy T/(T+R)",
        "position": "position",
        "regime": "regime",
    }
    shown = t[list(cols)].rename(columns=cols)
    tables = [
        ReportTable(
            "budget-positions",
            "Donor and recipient regions by year (from the data)",
            pos.positions.fillna("–"),
            notes=[
                "donor: paid a budget withdrawal; recipient: received a subvention; "
                "unknown: no row while the source's regional rows fall short of the "
                "national total (missing donor rows); gap: no budget row at all."
            ],
            sources=bi.sources,
        ),
        ReportTable(
            "budget-flows",
            "Budget flows per region and year",
            shown.reset_index(),
            digits={
                v: (3 if k == "autonomy" else 1)
                for k, v in cols.items()
                if k not in ("position", "regime")
            },
            notes=notes,
            sources=bi.sources,
        ),
        ReportTable(
            "budget-completeness",
            "Regional rows against the national total (mln KZT)",
            pos.completeness.reset_index(),
            digits={"regions": 1, "national": 1, "shortfall": 1},
        ),
        ReportTable(
            "budget-equalisation",
            "Equalisation: population-weighted Gini and Theil of revenue per capita "
            "before (tax) and after (tax + transfers received)",
            eq.table,
            digits={c: 3 for c in eq.table.columns if c not in ("n", "regime")},
        ),
    ]
    if el:
        et = pd.DataFrame(
            {
                y: dict(
                    beta=e.beta,
                    se=e.se,
                    p_value=e.p_value,
                    r2=e.r2,
                    n=e.n,
                    off_line=", ".join(e.off_line) or "none at α",
                    regime=e.regime,
                )
                for y, e in el.items()
            }
        ).T
        tables.append(
            ReportTable(
                "budget-elasticity",
                "Transfers received per capita against GRP per capita (log-log OLS)",
                et,
                digits={"beta": 3, "se": 3, "p_value": 4, "r2": 3},
                notes=[f"Regions off the line: Bonferroni outlier test at α = {alpha}."],
            )
        )
    return BudgetSection(
        t,
        pos.positions,
        pos.completeness,
        eq.table,
        el,
        bi.breaks,
        bi.flags,
        bi.planned,
        tables,
        bi.sources,
        notes,
    )


# -- outlook -----------------------------------------------------------------------------------
def read_population_scenario(path: str | Path) -> dict:
    """A scenario TOML file (``[scenario]``, ``[[outflow]]``, ``[monotown_outflow]``); a bare
    name is looked up among the bundled scenarios."""
    p = Path(path)
    if not p.exists() and (SCENARIO_DIR / f"{p.stem}.toml").exists():
        p = SCENARIO_DIR / f"{p.stem}.toml"
    try:
        with open(p, "rb") as fh:
            return tomllib.load(fh)
    except OSError as e:
        raise ValueError(f"{p}: cannot read ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{p}: not valid TOML ({e})") from None


def _scenario(d: dict, populations: pd.Series):
    from aimaq.analysis import projection as pr
    from aimaq.geo.groupings import macro_regions

    mr = macro_regions()
    groups = {g: list(mr.index[mr == g]) for g in mr.unique()}
    sc = pr.scenario_from_dict(d, groups)
    mo = d.get("monotown_outflow")
    if mo:
        from dataclasses import replace

        from aimaq.analysis import monotowns as mt
        from aimaq.datasets import load_monotowns, match_settlements, settlements

        S = settlements(min_population=0)
        towns = match_settlements(load_monotowns(), settlements=S).matched
        o = mt.outflow_scenario(
            towns, share=float(mo.get("share", 0.1)), settlements=S, region_population=populations
        )
        years = int(mo.get("years", 10))
        sc = replace(sc, extra_flow=(o.by_region["dP"] / years).to_dict(), extra_years=years)
    return sc


@dataclass(frozen=True)
class OutlookSection:
    projections: dict
    backtest: object
    figure: dict
    tables: list[ReportTable]
    sources: list[str]
    notes: list[str]


def outlook_section(
    store,
    horizon: int = 2035,
    scenarios: list[dict] | None = None,
    window: tuple[int, int] | None = None,
    backtest_window: tuple[int, int] = (2018, 2019),
    backtest_base: int = 2020,
) -> OutlookSection:
    """Projections by scenario from the latest observed population, and the back-test."""
    from aimaq.analysis import projection as pr
    from aimaq.datasets.planning import demography_inputs

    di = demography_inputs(store)
    base = int(max(di.P.columns))
    window = window or (max(base - 1, min(di.B.columns)), int(max(di.B.columns)))
    rates = pr.component_rates(di.P, di.B, di.D, di.M, window)
    if scenarios is None:
        scenarios = [
            read_population_scenario(SCENARIO_DIR / f"{n}.toml")
            for n in ("observed", "zero_migration", "north_outflow_doubled")
        ]
    projections = {}
    for d in scenarios:
        sc = _scenario(d, di.P[base])
        projections[sc.name] = pr.project(di.P[base].dropna(), rates, base, horizon, sc)
    bt = pr.backtest(di.P, di.B, di.D, di.M, backtest_window, backtest_base)
    notes = [
        "Components-of-change projection: constant crude birth, death and net migration rates "
        f"of {window[0]}–{window[1]}; no age structure (not a cohort-component model).",
        "Scenarios are assumptions (user data), not forecasts.",
        f"Back-test: rates of {backtest_window[0]}–{backtest_window[1]}, projected from "
        f"{backtest_base}; observed figures from 2022 are on the 2021 census base, so their "
        "error includes the census revision (census_residual).",
    ]
    tables = []
    for name, p in projections.items():
        tables.append(
            ReportTable(
                f"outlook-{name}",
                f"Population outlook to {horizon}: {name}",
                p.summary,
                digits={c: 0 for c in p.summary.columns} | {"dP_pct": 1},
                notes=notes[:2],
                sources=di.sources,
            )
        )
    bt_tab = bt.table.copy()
    bt_tab.loc["MAPE"] = bt.mape
    if bt.census_residual is not None:
        bt_tab["census_residual"] = bt.census_residual
    tables.append(
        ReportTable(
            "outlook-backtest",
            "Back-test: % error of the projected population",
            bt_tab,
            digits={c: 2 for c in bt_tab.columns} | {"census_residual": 0},
            notes=notes[2:],
            sources=di.sources,
        )
    )
    return OutlookSection(
        projections, bt, outlook_figure(projections, di.P), tables, di.sources, notes
    )


def outlook_figure(projections: dict, observed: pd.DataFrame | None = None) -> dict:
    """Line chart of the national total by scenario (sum of the regions), observed years first;
    the spread between scenarios is shaded as a fan."""
    data = []
    if observed is not None:
        tot = observed.sum(min_count=1)
        full = [y for y in observed.columns if observed[y].notna().sum() >= 17]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "observed population",
                "x": full,
                "y": [float(tot[y]) for y in full],
                "line": {"color": "#000"},
            }
        )
    lines = {n: p.population().sum() for n, p in projections.items()}
    if len(lines) > 1:
        frame = pd.DataFrame(lines)
        x = [int(v) for v in frame.index]
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": "scenario range",
                "x": x + x[::-1],
                "y": [float(v) for v in frame.max(axis=1)]
                + [float(v) for v in frame.min(axis=1)][::-1],
                "fill": "toself",
                "fillcolor": "rgba(100,100,200,0.15)",
                "line": {"width": 0},
                "hoverinfo": "skip",
            }
        )
    for n, s in lines.items():
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": n,
                "x": [int(v) for v in s.index],
                "y": [float(v) for v in s.values],
            }
        )
    return {
        "data": data,
        "layout": {
            "title": {"text": "Population at 1 January, sum of regions"},
            "xaxis": {"title": {"text": "year"}},
            "yaxis": {"title": {"text": "persons"}},
        },
    }
