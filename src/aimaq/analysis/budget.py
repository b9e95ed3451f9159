"""Inter-budget relations: transfers, withdrawals, fiscal autonomy and equalisation.

All inputs are region × year panels (index region code, columns years) in the same money unit
(e.g. million KZT) and a population panel in persons; a region-year without a row in the source
is NaN and stays a gap. Years on either side of a break (the 2023 inter-budget reform) belong to
different *regimes*: every table carries the regime and nothing here compares across it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aimaq.analysis.disparity import dispersion

__all__ = [
    "BudgetPositions",
    "Equalisation",
    "TransferElasticity",
    "budget_positions",
    "equalisation",
    "regime_of",
    "transfer_elasticity",
]

_TOL = 0.5  # money units: a regional sum within this of the national total is complete


def regime_of(year: int, breaks: Iterable[int] = ()) -> str:
    """Label of the regime ``year`` belongs to, e.g. ``"2018–2022"`` / ``"2023–"``.

    Examples
    --------
    >>> regime_of(2022, [2023]), regime_of(2023, [2023]), regime_of(2020, [])
    ('–2022', '2023–', 'all years')
    """
    bs = sorted(int(b) for b in breaks)
    if not bs:
        return "all years"
    lo = max((b for b in bs if b <= year), default=None)
    hi = min((b for b in bs if b > year), default=None)
    left = "" if lo is None else str(lo)
    right = "" if hi is None else str(hi - 1)
    return f"{left}–{right}"


@dataclass(frozen=True)
class BudgetPositions:
    """Per region and year: budget flows per capita, fiscal autonomy and net position.

    Attributes
    ----------
    table : DataFrame
        One row per (region, year) with ``S`` subventions, ``W`` withdrawals, ``T`` own tax
        revenue, ``R`` transfers received (money units), ``P`` population, the per-capita values
        ``s_pc, w_pc, t_pc, r_pc`` (money units per person), ``autonomy`` :math:`T/(T+R)`,
        ``net`` :math:`W - S` (positive: pays more to the republican budget than it receives),
        ``position`` (``donor`` / ``recipient`` / ``neither`` / ``unknown`` / ``gap``) and
        ``regime``.
    completeness : DataFrame
        Per year and flow (``S``, ``W``, ``T``, ``R``): regional sum, national total and the
        shortfall (national − regions), NaN when there is no national total.
    positions : DataFrame
        ``position`` as a region × year matrix.
    breaks : tuple of int
    """

    table: pd.DataFrame
    completeness: pd.DataFrame
    positions: pd.DataFrame
    breaks: tuple[int, ...] = ()

    def donors(self, year: int) -> list[str]:
        return sorted(self.positions.index[self.positions[year] == "donor"])

    def recipients(self, year: int) -> list[str]:
        return sorted(self.positions.index[self.positions[year] == "recipient"])


def _long(panel: pd.DataFrame | None, name: str) -> pd.Series:
    if panel is None or panel.empty:
        idx = pd.MultiIndex.from_arrays([[], []], names=["region", "year"])
        return pd.Series(dtype=float, index=idx, name=name)
    s = panel.stack(future_stack=True)
    s.index = s.index.set_names(["region", "year"])
    return s.astype(float).rename(name)


def budget_positions(
    subventions: pd.DataFrame,
    withdrawals: pd.DataFrame,
    tax: pd.DataFrame,
    transfers: pd.DataFrame,
    population: pd.DataFrame,
    national: Mapping[str, pd.Series] | None = None,
    breaks: Iterable[int] = (),
) -> BudgetPositions:
    """Per-capita flows, fiscal autonomy :math:`a = T/(T+R)` and the net position :math:`W - S`.

    A region is a *donor* in a year when it paid a withdrawal (:math:`W > 0`), a *recipient*
    when it received a subvention (:math:`S > 0`). A region with neither row is ``neither`` only
    if both flows are complete that year (regional sum = national total, so a missing row means
    no flow); otherwise it is ``unknown`` (e.g. donor rows missing in the source). A region with
    no budget row at all (e.g. new regions not yet reported) is a ``gap``.

    Parameters
    ----------
    subventions, withdrawals, tax, transfers : DataFrame
        Region × year, money units (NaN or absent = no row in the source).
    population : DataFrame
        Region × year, persons.
    national : mapping, optional
        ``{"S": Series, "W": ..., "T": ..., "R": ...}`` national totals by year, used to
        judge completeness.
    breaks : iterable of int
        First years of new regimes.

    Examples
    --------
    >>> S = pd.DataFrame({2020: [0.0, 30.0]}, index=["A", "B"]).replace(0.0, np.nan)
    >>> W = pd.DataFrame({2020: [20.0, np.nan]}, index=["A", "B"])
    >>> T = pd.DataFrame({2020: [80.0, 10.0]}, index=["A", "B"])
    >>> R = pd.DataFrame({2020: [20.0, 40.0]}, index=["A", "B"])
    >>> P = pd.DataFrame({2020: [2.0, 1.0]}, index=["A", "B"])
    >>> nat = {"S": pd.Series({2020: 30.0}), "W": pd.Series({2020: 20.0})}
    >>> r = budget_positions(S, W, T, R, P, national=nat)
    >>> float(r.table.loc[("A", 2020), "autonomy"]), r.table.loc[("A", 2020), "position"]
    (0.8, 'donor')
    >>> r.recipients(2020)
    ['B']
    """
    breaks = tuple(sorted(int(b) for b in breaks))
    parts = {"S": subventions, "W": withdrawals, "T": tax, "R": transfers, "P": population}
    t = pd.concat([_long(v, k) for k, v in parts.items()], axis=1)
    years = sorted({int(y) for k in "SWTR" for y in parts[k].columns})
    t = t[t.index.get_level_values("year").isin(years)]
    for k in "SWTR":
        t[f"{k.lower()}_pc"] = t[k] / t["P"]
    t["autonomy"] = t["T"] / (t["T"] + t["R"])
    t["net"] = t["W"].fillna(0.0) - t["S"].fillna(0.0)
    t.loc[t["W"].isna() & t["S"].isna(), "net"] = np.nan
    rows = []
    nat = dict(national or {})
    for y in years:
        for k in "SWTR":
            reg = parts[k][y].sum() if y in parts[k].columns else np.nan
            tot = nat.get(k, pd.Series(dtype=float)).get(y, np.nan)
            rows.append(dict(year=y, flow=k, regions=reg, national=tot, shortfall=tot - reg))
    comp = pd.DataFrame(rows).set_index(["year", "flow"])
    complete = (comp["shortfall"].abs() <= _TOL) & comp["national"].notna()

    def _pos(r) -> str:
        region, y = r.name
        if r["W"] > 0:
            return "donor"
        if r["S"] > 0:
            return "recipient"
        if pd.isna(r["T"]) and pd.isna(r["R"]) and pd.isna(r["S"]) and pd.isna(r["W"]):
            return "gap"
        both = complete.get((y, "S"), False) and complete.get((y, "W"), False)
        return "neither" if both else "unknown"

    t["position"] = t.apply(_pos, axis=1) if len(t) else pd.Series(dtype=object)
    t["regime"] = [regime_of(y, breaks) for y in t.index.get_level_values("year")]
    t = t.sort_index()
    positions = t["position"].unstack("year")
    return BudgetPositions(table=t, completeness=comp, positions=positions, breaks=breaks)


@dataclass(frozen=True)
class Equalisation:
    """Dispersion of per-capita revenue before and after transfers, by year.

    Attributes
    ----------
    table : DataFrame
        Index year: ``n`` regions, ``Gini_before, Gini_after, Theil_before, Theil_after``
        (population weighted; Theil T), ``effect_Gini`` :math:`1 - G_{after}/G_{before}`,
        ``effect_Theil``, ``regime``.
    excluded : dict
        Year -> regions left out (a gap in tax, transfers or population).
    """

    table: pd.DataFrame
    excluded: dict = field(default_factory=dict)


def equalisation(
    tax: pd.DataFrame,
    transfers: pd.DataFrame,
    population: pd.DataFrame,
    breaks: Iterable[int] = (),
) -> Equalisation:
    """Population-weighted Gini and Theil of :math:`T/P` (before) and :math:`(T+R)/P` (after).

    .. math:: E_G = 1 - G\\left(\\frac{T+R}{P}\\right) / G\\left(\\frac{T}{P}\\right)

    Indices from :func:`aimaq.analysis.disparity.dispersion`. Each year uses only the regions
    with tax, transfers and population that year (the others are listed in ``excluded``).

    Examples
    --------
    >>> T = pd.DataFrame({2020: [90.0, 10.0]}, index=["A", "B"])
    >>> R = pd.DataFrame({2020: [0.0, 80.0]}, index=["A", "B"])
    >>> P = pd.DataFrame({2020: [1.0, 1.0]}, index=["A", "B"])
    >>> e = equalisation(T, R, P).table.loc[2020]
    >>> round(float(e["Gini_before"]), 3), round(float(e["Gini_after"]), 3)
    (0.4, 0.0)
    """
    breaks = tuple(sorted(int(b) for b in breaks))
    rows, excluded = [], {}
    for y in sorted(set(tax.columns) & set(transfers.columns) & set(population.columns)):
        f = pd.DataFrame({"T": tax[y], "R": transfers[y], "P": population[y]})
        ok = f.notna().all(axis=1) & (f["P"] > 0)
        excluded[int(y)] = sorted(f.index[~ok])
        f = f[ok]
        if len(f) < 2:
            continue
        before = dispersion(f["T"] / f["P"], f["P"])
        after = dispersion((f["T"] + f["R"]) / f["P"], f["P"])
        rows.append(
            dict(
                year=int(y),
                n=len(f),
                Gini_before=before.Gini_w,
                Gini_after=after.Gini_w,
                Theil_before=before.Theil_T_w,
                Theil_after=after.Theil_T_w,
                regime=regime_of(int(y), breaks),
            )
        )
    table = pd.DataFrame(rows).set_index("year") if rows else pd.DataFrame()
    if len(table):
        table["effect_Gini"] = 1 - table["Gini_after"] / table["Gini_before"]
        table["effect_Theil"] = 1 - table["Theil_after"] / table["Theil_before"]
    return Equalisation(table=table, excluded=excluded)


@dataclass(frozen=True)
class TransferElasticity:
    """OLS of :math:`\\ln r_i = \\alpha + \\beta \\ln y_i + e_i` across regions in one year.

    Attributes
    ----------
    year : int
    beta, se, p_value : float
        Elasticity of transfers per capita to GRP per capita, its standard error and two-sided
        p-value (H0: beta = 0).
    r2 : float
    n : int
    residuals : DataFrame
        Per region: ``ln_y, ln_r, fitted, resid, student`` (externally studentised residual),
        ``p_bonf`` (Bonferroni-adjusted outlier p-value), ``off_line`` (``p_bonf < alpha``).
    off_line : list of str
        Regions significantly off the line at ``alpha`` (Bonferroni), largest ``|student|``
        first.
    alpha : float
    regime : str
    """

    year: int
    beta: float
    se: float
    p_value: float
    r2: float
    n: int
    residuals: pd.DataFrame
    off_line: list[str]
    alpha: float
    regime: str


def transfer_elasticity(
    transfers_pc: pd.Series,
    grp_pc: pd.Series,
    year: int,
    alpha: float = 0.05,
    breaks: Iterable[int] = (),
) -> TransferElasticity:
    """Elasticity of transfers per capita to GRP per capita, with outlying regions named.

    Regions off the line are those whose externally studentised residual is significant with
    the Bonferroni correction (statsmodels ``OLSResults.outlier_test``); with no such region the
    list is empty and the largest residuals are still in ``residuals``.

    Examples
    --------
    >>> y = pd.Series([1.0, 2.0, 4.0, 8.0, 16.0], index=list("ABCDE"))
    >>> r = pd.Series([8.0, 4.0, 2.0, 1.1, 0.5], index=list("ABCDE"))
    >>> round(transfer_elasticity(r, y, 2020).beta, 2)
    -0.99
    """
    import statsmodels.api as sm

    f = pd.DataFrame({"r": transfers_pc, "y": grp_pc}).dropna()
    f = f[(f["r"] > 0) & (f["y"] > 0)]
    if len(f) < 4:
        raise ValueError(f"{year}: {len(f)} regions with both figures; need at least 4")
    X = sm.add_constant(np.log(f["y"]))
    res = sm.OLS(np.log(f["r"]), X).fit()
    ot = res.outlier_test(method="bonferroni")
    ot.columns = ["student_resid", "unadj_p", "p_bonf"]
    out = pd.DataFrame(
        {
            "ln_y": np.log(f["y"]),
            "ln_r": np.log(f["r"]),
            "fitted": res.fittedvalues,
            "resid": res.resid,
            "student": ot["student_resid"],
            "p_bonf": ot["p_bonf"],
        }
    )
    out["off_line"] = out["p_bonf"] < alpha
    off = out.loc[out["off_line"], "student"].abs().sort_values(ascending=False)
    return TransferElasticity(
        year=int(year),
        beta=float(res.params.iloc[1]),
        se=float(res.bse.iloc[1]),
        p_value=float(res.pvalues.iloc[1]),
        r2=float(res.rsquared),
        n=len(f),
        residuals=out,
        off_line=list(off.index),
        alpha=alpha,
        regime=regime_of(int(year), breaks),
    )
