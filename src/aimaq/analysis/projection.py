"""Population outlook by region: a components-of-change projection (not cohort-component).

Each region's population at 1 January is carried forward by the balancing equation

.. math:: P_{t+1} = P_t + B_t - D_t + M_t, \\qquad
          B_t = b P_t,\\; D_t = d P_t,\\; M_t = s(m) P_t + F_t

with crude rates :math:`b = \\sum B / \\sum P`, :math:`d = \\sum D / \\sum P`,
:math:`m = \\sum M / \\sum P` over a chosen window of observed years, a scenario :math:`s` acting on
migration (as observed, zero, a region's outflow multiplied) and an optional extra flow
:math:`F_t` in persons per year (e.g. a single-industry town's outflow).

Limits, honestly: there is no age or sex structure, so ageing, the echo of past birth cohorts
and changing fertility or mortality schedules are not modelled — constant crude rates only
extrapolate the window's balance. It is a *components-of-change* projection, not a
cohort-component model; read it as "what the recent balance implies", not a forecast. Net
migration of each region is a net figure: the regional flows do not add to the national
balance by construction unless the window's do. The 2021 census re-based the population at
1 January 2022: the balancing equation does not hold across it (see :func:`backtest`).

References: Smith, Tayman and Swanson (2013), *A Practitioner's Guide to State and Local
Population Projections*, ch. 3 (the balancing equation) and ch. 13 (evaluation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = [
    "Backtest",
    "Projection",
    "Rates",
    "Scenario",
    "backtest",
    "component_rates",
    "identity_residuals",
    "project",
    "scenario_from_dict",
]

MIGRATION_MODES = ("observed", "zero")


@dataclass(frozen=True)
class Rates:
    """Crude annual rates per person of each region over a window.

    Attributes
    ----------
    b, d, m : Series
        Births, deaths, net migration per person per year.
    window : tuple of int
        First and last year used.
    excluded : dict
        Region -> reason (a year of the window missing).
    """

    b: pd.Series
    d: pd.Series
    m: pd.Series
    window: tuple[int, int]
    excluded: dict = field(default_factory=dict)


def component_rates(
    P: pd.DataFrame, B: pd.DataFrame, D: pd.DataFrame, M: pd.DataFrame, window: tuple[int, int]
) -> Rates:
    """:math:`b = \\sum_{t} B_t / \\sum_t P_t` (and likewise ``d``, ``m``) over ``window``.

    ``P`` is the population at 1 January of each year; ``B, D, M`` the year's events; all
    region × year. A region without every figure in the window is excluded (not imputed).

    Examples
    --------
    >>> P = pd.DataFrame({2018: [100.0], 2019: [110.0]}, index=["A"])
    >>> B = pd.DataFrame({2018: [3.0], 2019: [3.3]}, index=["A"])
    >>> r = component_rates(P, B, B * 0, B * 0, (2018, 2019))
    >>> round(float(r.b["A"]), 10)
    0.03
    """
    y0, y1 = int(window[0]), int(window[1])
    if y1 < y0:
        raise ValueError(f"window {window}: last year before first")
    years = list(range(y0, y1 + 1))
    parts = {}
    for k, f in {"P": P, "B": B, "D": D, "M": M}.items():
        missing = [y for y in years if y not in f.columns]
        if missing:
            raise ValueError(f"{k}: no figures for {missing} in the window {y0}–{y1}")
        parts[k] = f[years]
    idx = parts["P"].index
    for k in "BDM":
        idx = idx.intersection(parts[k].index)
    complete = pd.Series(True, index=idx)
    for k in parts:
        complete &= parts[k].reindex(idx).notna().all(axis=1)
    excluded = {r: f"a figure of {y0}–{y1} is missing" for r in idx[~complete]}
    ok = idx[complete]
    sp = parts["P"].loc[ok].sum(axis=1)
    rate = lambda k: parts[k].loc[ok].sum(axis=1) / sp  # noqa: E731
    return Rates(b=rate("B"), d=rate("D"), m=rate("M"), window=(y0, y1), excluded=excluded)


@dataclass(frozen=True)
class Scenario:
    """Assumptions of a projection (user data, not statistics).

    Attributes
    ----------
    name : str
    migration : str
        ``observed`` (window's net migration rate) or ``zero``.
    outflow_factor : Mapping[str, float]
        Region -> multiplier applied to a *negative* net migration rate (2.0 = doubled outflow).
    extra_flow : Mapping[str, float]
        Region -> persons per year added to net migration (negative = outflow).
    extra_years : int or None
        Number of years the extra flow lasts from the base year (None: every year).
    description : str
    """

    name: str = "observed"
    migration: str = "observed"
    outflow_factor: Mapping[str, float] = field(default_factory=dict)
    extra_flow: Mapping[str, float] = field(default_factory=dict)
    extra_years: int | None = None
    description: str = ""


def scenario_from_dict(d: Mapping, groups: Mapping[str, Iterable[str]] | None = None) -> Scenario:
    """Build a :class:`Scenario` from a parsed TOML table (``[scenario]`` and ``[[outflow]]``).

    ``[[outflow]]`` entries: ``regions`` (codes or group names from ``groups``) and ``factor``.

    Examples
    --------
    >>> s = scenario_from_dict({"scenario": {"name": "n2", "migration": "observed"},
    ...     "outflow": [{"regions": ["north"], "factor": 2.0}]}, {"north": ["KZ-59", "KZ-55"]})
    >>> dict(s.outflow_factor)
    {'KZ-59': 2.0, 'KZ-55': 2.0}
    """
    head = dict(d.get("scenario", {}))
    mode = head.get("migration", "observed")
    if mode not in MIGRATION_MODES:
        raise ValueError(f"scenario.migration = {mode!r}; use one of {', '.join(MIGRATION_MODES)}")
    groups = dict(groups or {})
    factors: dict[str, float] = {}
    for i, o in enumerate(d.get("outflow", [])):
        if "factor" not in o or "regions" not in o:
            raise ValueError(f"outflow[{i}]: needs 'regions' and 'factor'")
        if float(o["factor"]) < 0:
            raise ValueError(f"outflow[{i}]: factor {o['factor']} must be ≥ 0")
        for r in o["regions"]:
            for code in groups.get(r, [r]):
                factors[code] = float(o["factor"])
    return Scenario(
        name=str(head.get("name", "observed")),
        migration=mode,
        outflow_factor=factors,
        description=str(head.get("description", "")),
    )


@dataclass(frozen=True)
class Projection:
    """Projected population and its components.

    Attributes
    ----------
    table : DataFrame
        Long: ``region, year, P`` (1 January), ``B, D, M`` (events of that year, leading to
        ``P`` of the next year). The last year has ``P`` only.
    summary : DataFrame
        Per region: ``P0, P_h, dP, births, deaths, migration`` (sums over the horizon),
        ``natural`` (births − deaths) and ``dP_pct``.
    scenario : Scenario
    rates : Rates
    base_year, horizon : int
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    scenario: Scenario
    rates: Rates
    base_year: int
    horizon: int

    def population(self) -> pd.DataFrame:
        """Region × year matrix of projected population."""
        return self.table.pivot(index="region", columns="year", values="P")


def project(
    P0: pd.Series, rates: Rates, base_year: int, horizon: int, scenario: Scenario = Scenario()
) -> Projection:
    """Carry ``P0`` (population at 1 January of ``base_year``) to 1 January of ``horizon``.

    Examples
    --------
    >>> r = Rates(b=pd.Series({"A": 0.02}), d=pd.Series({"A": 0.01}), m=pd.Series({"A": -0.01}),
    ...           window=(2018, 2019))
    >>> p = project(pd.Series({"A": 1000.0}), r, 2020, 2022)
    >>> p.population().loc["A"].tolist()
    [1000.0, 1000.0, 1000.0]
    >>> p2 = project(pd.Series({"A": 1000.0}), r, 2020, 2021, Scenario(migration="zero"))
    >>> float(p2.summary.loc["A", "P_h"])
    1010.0
    """
    if horizon <= base_year:
        raise ValueError(f"horizon {horizon} must be after the base year {base_year}")
    regions = P0.dropna().index.intersection(rates.b.index)
    b, d = rates.b[regions], rates.d[regions]
    m = rates.m[regions] * (0.0 if scenario.migration == "zero" else 1.0)
    for r, f in scenario.outflow_factor.items():
        if r in m.index and m[r] < 0:
            m[r] = m[r] * f
    extra = pd.Series(scenario.extra_flow, dtype=float).reindex(regions).fillna(0.0)
    P = P0[regions].astype(float)
    rows = []
    for y in range(base_year, horizon):
        Bt, Dt = b * P, d * P
        on = scenario.extra_years is None or y < base_year + scenario.extra_years
        Mt = m * P + (extra if on else 0.0)
        rows.append(pd.DataFrame({"region": regions, "year": y, "P": P, "B": Bt, "D": Dt, "M": Mt}))
        P = P + Bt - Dt + Mt
    rows.append(pd.DataFrame({"region": regions, "year": horizon, "P": P}))
    table = pd.concat(rows, ignore_index=True)
    ev = table[table["year"] < horizon].groupby("region")[["B", "D", "M"]].sum()
    summary = pd.DataFrame({"P0": P0[regions].astype(float), "P_h": P})
    summary["dP"] = summary["P_h"] - summary["P0"]
    summary["births"], summary["deaths"], summary["migration"] = ev["B"], ev["D"], ev["M"]
    summary["natural"] = summary["births"] - summary["deaths"]
    summary["dP_pct"] = 100 * summary["dP"] / summary["P0"]
    return Projection(table, summary, scenario, rates, int(base_year), int(horizon))


def identity_residuals(
    P: pd.DataFrame, B: pd.DataFrame, D: pd.DataFrame, M: pd.DataFrame
) -> pd.DataFrame:
    """Observed :math:`P_{t+1} - (P_t + B_t - D_t + M_t)` per region and year ``t``.

    Zero where the bureau's balance closes; large at a census re-basing or a border change.
    """
    out = {}
    for y in sorted(P.columns):
        if y + 1 in P.columns and all(y in f.columns for f in (B, D, M)):
            out[y] = P[y + 1] - (P[y] + B[y] - D[y] + M[y])
    return pd.DataFrame(out)


@dataclass(frozen=True)
class Backtest:
    """Projection from an early window compared with the observed later population.

    Attributes
    ----------
    errors : DataFrame
        Per region (rows) and target year: ``projected, observed, error`` (projected −
        observed, persons), ``pct_error`` and ``after_break`` (the observed figure is on the
        census-revised base).
    table : DataFrame
        ``pct_error`` as region × year, with ``MAPE`` (mean absolute % error over regions) per year
        in ``mape``.
    mape : Series
        Year -> mean absolute percentage error over the regions compared.
    census_residual : Series or None
        Per region, the observed break in the balancing equation at ``break_year - 1``.
    excluded : dict
        Region -> reason (borders changed, figures missing).
    window, base_year, break_year
    """

    errors: pd.DataFrame
    table: pd.DataFrame
    mape: pd.Series
    census_residual: pd.Series | None
    excluded: dict
    window: tuple[int, int]
    base_year: int
    break_year: int | None


def backtest(
    P: pd.DataFrame,
    B: pd.DataFrame,
    D: pd.DataFrame,
    M: pd.DataFrame,
    window: tuple[int, int],
    base_year: int,
    end_year: int | None = None,
    break_year: int | None = 2022,
) -> Backtest:
    """Project from ``base_year`` with rates of ``window`` and compare with the observed ``P``.

    Only regions observed in every year from ``base_year`` to ``end_year`` under the same code
    are compared (a border change ends a region's code). Years from ``break_year`` on are
    flagged: the observed population there is on the census-revised base (the 2021 census,
    population at 1 January 2022), so their error mixes projection error and the re-basing,
    whose size is reported in ``census_residual``.

    Examples
    --------
    >>> P = pd.DataFrame({2018: [100.0], 2019: [102.0], 2020: [104.04]}, index=["A"])
    >>> B = pd.DataFrame({2018: [2.0], 2019: [2.04]}, index=["A"])
    >>> bt = backtest(P, B, B * 0, B * 0, (2018, 2018), 2019, 2020, break_year=None)
    >>> round(float(bt.mape[2020]), 6)
    0.0
    """
    end_year = int(end_year if end_year is not None else max(P.columns))
    years = list(range(base_year + 1, end_year + 1))
    rates = component_rates(P, B, D, M, window)
    obs = P.reindex(columns=[base_year, *years])
    have = obs.notna().all(axis=1)
    excluded = dict(rates.excluded)
    for r in obs.index[~have]:
        excluded.setdefault(r, f"not observed under this code in every year {base_year}–{end_year}")
    regions = obs.index[have].intersection(rates.b.index)
    proj = project(P.loc[regions, base_year], rates, base_year, end_year).population()
    rows = []
    for r in regions:
        for y in years:
            p, o = float(proj.at[r, y]), float(obs.at[r, y])
            rows.append(
                dict(
                    region=r,
                    year=y,
                    projected=p,
                    observed=o,
                    error=p - o,
                    pct_error=100 * (p - o) / o,
                    after_break=break_year is not None and y >= break_year,
                )
            )
    errors = pd.DataFrame(rows)
    table = errors.pivot(index="region", columns="year", values="pct_error")
    mape = errors.groupby("year")["pct_error"].apply(lambda s: float(np.mean(np.abs(s))))
    resid = None
    if break_year is not None and break_year - 1 in P.columns:
        res = identity_residuals(P, B, D, M)
        if break_year - 1 in res.columns:
            resid = res[break_year - 1].reindex(regions)
    return Backtest(errors, table, mape, resid, excluded, rates.window, int(base_year), break_year)
