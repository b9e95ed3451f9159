"""Analysis inputs for planning (budget, monitoring, population outlook) assembled from the store.

The I/O edge between :class:`aimaq.store.Store` and :mod:`aimaq.analysis.budget`,
:mod:`aimaq.analysis.monitoring` and :mod:`aimaq.analysis.projection`. Part of the
``aimaq.datasets`` package.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources

import pandas as pd

from aimaq.geo import registry
from aimaq.store import Store

__all__ = [
    "BUDGET_FLOWS",
    "BudgetInputs",
    "DemographyInputs",
    "MONITORED",
    "MonitoringInputs",
    "budget_inputs",
    "demography_inputs",
    "monitoring_inputs",
    "series_breaks",
]

BUDGET_FLOWS = {
    "S": "subventions_received_mln_kzt",
    "W": "budget_withdrawals_paid_mln_kzt",
    "T": "local_budget_tax_revenue_mln_kzt",
    "R": "local_budget_transfers_received_mln_kzt",
}


def series_breaks(indicator: str | None = None) -> list[dict]:
    """Breaks recorded in ``data/series_breaks.toml`` (for one indicator, or all)."""
    with resources.files("aimaq.data").joinpath("series_breaks.toml").open("rb") as fh:
        out = tomllib.load(fh).get("break", [])
    return [b for b in out if indicator is None or indicator in b["indicators"]]


@dataclass
class BudgetInputs:
    """Budget panels (million KZT), population at 1 January, national totals and caveats."""

    flows: dict[str, pd.DataFrame]
    national: dict[str, pd.Series]
    population: pd.DataFrame
    grp_pc: pd.DataFrame
    breaks: list[dict]
    flags: pd.DataFrame
    sources: list[str] = field(default_factory=list)
    planned: pd.DataFrame | None = None


def _panel_and_national(
    store: Store, indicator: str
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    df = store.observations(indicator)
    nat = df[df["region"] == registry.NATIONAL].set_index("year")["value"]
    reg = df[df["region"] != registry.NATIONAL]
    panel = reg.pivot(index="region", columns="year", values="value")
    return panel, nat, df


def budget_inputs(store: Store) -> BudgetInputs:
    """Everything :func:`aimaq.analysis.budget.budget_positions` needs, read from the store.

    Each year is on its own division (the figures as published). Population is the population
    at 1 January of the year (``population_total``); years without it have no per-capita values.
    ``flags`` lists the rows whose source note carries a quality flag (e.g. 2020 probably
    January–November).
    """
    flows, national, frames = {}, {}, []
    for k, ind in BUDGET_FLOWS.items():
        flows[k], national[k], df = _panel_and_national(store, ind)
        frames.append(df)
    allf = pd.concat(frames, ignore_index=True)
    flagged = allf[allf["note"].fillna("").str.contains("QUALITY FLAG")]
    flags = flagged[["region", "indicator", "year", "note"]].reset_index(drop=True)
    flags["note"] = flags["note"].str.extract(r"QUALITY FLAG: (.*)$", expand=False)
    pop = store.panel("population_total")
    grp = store.panel("grp_per_capita_thousand_kzt")
    planned = store.observations("budget_withdrawals_law_planned_thousand_kzt")
    sources = sorted(set(allf["source"]) | set(planned["source"]))
    return BudgetInputs(
        flows=flows,
        national=national,
        population=pop,
        grp_pc=grp,
        breaks=series_breaks(BUDGET_FLOWS["S"]),
        flags=flags,
        sources=sources,
        planned=planned,
    )


@dataclass
class DemographyInputs:
    """Population at 1 January and the year's births, deaths and net migration (persons)."""

    P: pd.DataFrame
    B: pd.DataFrame
    D: pd.DataFrame
    M: pd.DataFrame
    sources: list[str]


def demography_inputs(store: Store) -> DemographyInputs:
    """Region × year panels (each year on its own division) for :mod:`aimaq.analysis.projection`."""
    names = {
        "P": "population_total",
        "B": "births_persons",
        "D": "deaths_persons",
        "M": "net_migration_persons",
    }
    panels, sources = {}, set()
    for k, ind in names.items():
        df = store.observations(ind)
        sources |= set(df["source"])
        df = df[df["region"] != registry.NATIONAL]
        panels[k] = df.pivot(index="region", columns="year", values="value")
    return DemographyInputs(**panels, sources=sorted(sources))


# indicators monitored by default: a desirable direction and regional figures in the bundled data
MONITORED = (
    "grp_per_capita_thousand_kzt",
    "labour_productivity_thousand_kzt",
    "avg_monthly_nominal_wage_kzt",
    "income_per_capita_nominal_monthly_kzt",
    "unemployment_rate_pct",
    "poverty_share_below_subsistence_pct",
    "fixed_capital_investment_per_capita_thousand_kzt",
    "local_budget_tax_revenue_mln_kzt",
)


@dataclass
class MonitoringInputs:
    """Region × year panels by indicator (national row ``KZ`` included), their directions, the
    division each panel is on, and the components behind GRP per capita."""

    panels: dict[str, pd.DataFrame]
    directions: dict[str, str]
    borders: dict[str, int | None]
    sources: list[str]
    grp: pd.DataFrame | None = None
    employed: pd.DataFrame | None = None
    population: pd.DataFrame | None = None


def monitoring_inputs(
    store: Store, indicators: tuple[str, ...] | list[str] = MONITORED, base_year: int = 2018
) -> MonitoringInputs:
    """Panels on the base year's division where the indicator can be harmonised (additive or
    derived), else each year's own division (a region whose code changed then lacks the base or
    the latest year, and its cell says so)."""
    from aimaq import catalogue
    from aimaq.geo.borders import NonAdditiveError

    panels, directions, borders, sources = {}, {}, {}, set()
    for ind in indicators:
        ind = catalogue.get(ind).id
        try:
            df, b = store.observations(ind, borders=base_year), base_year
        except NonAdditiveError:
            df, b = store.observations(ind), None
        if df.empty:
            continue
        sources |= set(df["source"])
        panels[ind] = df.pivot(index="region", columns="year", values="value")
        directions[ind] = catalogue.get(ind).direction
        borders[ind] = b
    comp = {}
    for k, ind in {
        "grp": "grp_mln_kzt",
        "employed": "employed_thousand",
        "population": "population_total",
    }.items():
        df = store.observations(ind, borders=base_year)
        df = df[df["region"] != registry.NATIONAL]
        comp[k] = df.pivot(index="region", columns="year", values="value")
    return MonitoringInputs(panels, directions, borders, sorted(sources), **comp)
