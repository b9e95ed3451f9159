"""People and territory: population and area shares, density, urban share, change over time.

Missing-data rule: a region without a finite, non-negative population (or a positive area) is left
out of every share, density and group total of the result and reported in ``excluded``; the
national figures are then sums over the remaining regions (so shares always add up to 1). A region
with population but no urban population keeps its shares and density and is reported with
"missing urban population" (its urban share is NaN and it is left out of the national urban
share). A region with no group is reported and left out of the group tables only.
A row ``KZ`` (the republic) is never treated as a region: it is left out and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Change", "PeopleTerritory", "change", "people_territory"]

_KZ_REASON = "the republic (KZ) is not a region; pass national values separately"


@dataclass(frozen=True)
class PeopleTerritory:
    """Population and territory of regions and groups.

    Attributes
    ----------
    P : float
        Total population of the included regions.
    A : float
        Total area of the included regions (km^2 if ``area`` is in km^2).
    population_share : pd.Series
        ``P_i / P``.
    area_share : pd.Series
        ``A_i / A``.
    density : pd.Series
        ``D_i = P_i / A_i`` (persons per km^2).
    density_national : float
        ``P / A``.
    density_relative : pd.Series
        ``D_i / (P / A)`` (= population share over area share).
    urban_share : pd.Series or None
        ``U_i / P_i`` (None without ``urban``).
    urban_share_national : float or None
        ``sum U_i / sum P_i`` over regions with urban data.
    group_population_share, group_area_share, group_density, group_urban_share : pd.Series or None
        The same per group (None without ``groups``; urban None without ``urban``).
    excluded : dict[str, str]
        Region code -> reason.
    """

    P: float
    A: float
    population_share: pd.Series
    area_share: pd.Series
    density: pd.Series
    density_national: float
    density_relative: pd.Series
    urban_share: pd.Series | None
    urban_share_national: float | None
    group_population_share: pd.Series | None
    group_area_share: pd.Series | None
    group_density: pd.Series | None
    group_urban_share: pd.Series | None
    excluded: dict[str, str]


@dataclass(frozen=True)
class Change:
    """Change of a quantity between two years, per region.

    Attributes
    ----------
    start, end : object
        The two years (panel column labels).
    x0, x1 : pd.Series
        Values in ``start`` and ``end``.
    delta : pd.Series
        Absolute change ``x1 - x0``.
    pct : pd.Series
        Relative change in percent ``100 (x1/x0 - 1)`` (NaN where ``x0 <= 0``).
    cagr : pd.Series
        Compound annual growth rate in percent ``100 ((x1/x0)^(1/T) - 1)`` (NaN where not
        both positive).
    T : float
        Years between ``start`` and ``end``.
    national_x0, national_x1, national_pct : float or None
        Sums over the included regions (``additive=True``) or None.
    excluded : dict[str, str]
        Region code -> reason.
    """

    start: object
    end: object
    x0: pd.Series
    x1: pd.Series
    delta: pd.Series
    pct: pd.Series
    cagr: pd.Series
    T: float
    national_x0: float | None
    national_x1: float | None
    national_pct: float | None
    excluded: dict[str, str]


def _num(s: pd.Series, idx: pd.Index) -> pd.Series:
    return pd.to_numeric(s.reindex(idx), errors="coerce").astype(float)


def people_territory(
    population: pd.Series,
    area: pd.Series,
    groups: pd.Series | None = None,
    urban: pd.Series | None = None,
) -> PeopleTerritory:
    """Population and territory shares, density and urban share, per region and group.

    .. math::

        p_i = P_i/P, \\quad a_i = A_i/A, \\quad D_i = P_i/A_i, \\quad
        D_i / (P/A) = p_i / a_i, \\quad u_i = U_i/P_i

    Parameters
    ----------
    population : pd.Series
        Population per region (index = region code).
    area : pd.Series
        Area per region (km^2).
    groups : pd.Series, optional
        Region code -> group (macro-region) for the group tables.
    urban : pd.Series, optional
        Urban population per region.

    Returns
    -------
    PeopleTerritory

    References
    ----------
    UN DESA (2018) *World Urbanization Prospects: Methodology*; OECD (2022) *Regions and Cities at
    a Glance*, "Population" indicators.
    """
    idx = population.index.union(area.index, sort=False)
    if idx.has_duplicates:
        raise ValueError("people_territory: duplicated region codes in `population`/`area`")
    pop, ar = _num(population, idx), _num(area, idx)
    excluded: dict[str, str] = {}
    for r in idx:
        why = []
        if not np.isfinite(pop[r]):
            why.append("missing population")
        elif pop[r] < 0:
            why.append("negative population")
        if not np.isfinite(ar[r]):
            why.append("missing area")
        elif ar[r] <= 0:
            why.append("non-positive area")
        if why:
            excluded[str(r)] = "; ".join(why)
    if "KZ" in idx:
        excluded["KZ"] = _KZ_REASON
    keep = pd.Index([r for r in idx if str(r) not in excluded])
    if keep.empty:
        raise ValueError("people_territory: no region has both population and area")
    pop, ar = pop.loc[keep], ar.loc[keep]
    P, A = float(pop.sum()), float(ar.sum())
    dens = pop / ar
    d_nat = P / A

    u_share = u_nat = None
    urb = None
    if urban is not None:
        urb = _num(urban, keep)
        bad = ~np.isfinite(urb) | (urb < 0) | (urb > pop)
        for r in keep[bad.to_numpy()]:
            why = (
                "missing urban population"
                if not np.isfinite(urb[r])
                else ("urban population negative or above total population")
            )
            excluded[str(r)] = why
        urb = urb.where(~bad)
        with np.errstate(divide="ignore", invalid="ignore"):
            u_share = urb / pop
        ok = urb.notna()
        u_nat = float(urb[ok].sum() / pop[ok].sum()) if ok.any() else float("nan")

    g_pop = g_area = g_dens = g_urb = None
    if groups is not None:
        g = groups.reindex(keep)
        for r in keep[g.isna().to_numpy()]:
            prev = excluded.get(str(r))
            why = "no group in `groups` (left out of group tables)"
            excluded[str(r)] = f"{prev}; {why}" if prev else why
        gp = pop.groupby(g).sum()
        ga = ar.groupby(g).sum()
        g_pop, g_area, g_dens = gp / P, ga / A, gp / ga
        if urb is not None:
            ok = urb.notna()
            g_urb = urb[ok].groupby(g[ok]).sum() / pop[ok].groupby(g[ok]).sum()

    return PeopleTerritory(
        P=P,
        A=A,
        population_share=pop / P,
        area_share=ar / A,
        density=dens,
        density_national=d_nat,
        density_relative=dens / d_nat,
        urban_share=u_share,
        urban_share_national=u_nat,
        group_population_share=g_pop,
        group_area_share=g_area,
        group_density=g_dens,
        group_urban_share=g_urb,
        excluded=excluded,
    )


def change(
    panel: pd.DataFrame, start: object = None, end: object = None, additive: bool = True
) -> Change:
    """Change of a regional quantity between two years.

    .. math::

        \\Delta_i = x_{i1} - x_{i0}, \\quad
        \\%_i = 100 (x_{i1}/x_{i0} - 1), \\quad
        CAGR_i = 100 \\left((x_{i1}/x_{i0})^{1/T} - 1\\right)

    Parameters
    ----------
    panel : pd.DataFrame
        Regions x years (e.g. population).
    start, end : column labels, optional
        The two years (default: first and last columns).
    additive : bool
        If True (population, counts) national totals are summed over the included regions.

    Returns
    -------
    Change

    Notes
    -----
    A region missing either year is left out and reported. Regions split between the two years
    (e.g. ``KZ-YUZ`` -> ``KZ-61`` + ``KZ-79``) appear as missing: pass a panel in one set of
    borders (``Store.panel(..., borders=YEAR)``).

    References
    ----------
    OECD (2022) *Regions and Cities at a Glance*, "Population change" indicators.
    """
    if not isinstance(panel, pd.DataFrame):
        raise TypeError("change: `panel` must be a pd.DataFrame (regions x years)")
    start = panel.columns[0] if start is None else start
    end = panel.columns[-1] if end is None else end
    for c in (start, end):
        if c not in panel.columns:
            raise ValueError(f"change: year {c!r} not in the panel columns")
    try:
        T = float(end) - float(start)
    except (TypeError, ValueError):
        T = (pd.Timestamp(end) - pd.Timestamp(start)).days / 365.25
    if T <= 0:
        raise ValueError(f"change: end ({end}) must be after start ({start})")
    x0 = pd.to_numeric(panel[start], errors="coerce").astype(float)
    x1 = pd.to_numeric(panel[end], errors="coerce").astype(float)
    excluded: dict[str, str] = {}
    for r in panel.index:
        miss = [str(c) for c, s in ((start, x0), (end, x1)) if not np.isfinite(s[r])]
        if miss:
            excluded[str(r)] = "missing value in " + ", ".join(miss)
    if "KZ" in panel.index:
        excluded["KZ"] = _KZ_REASON
    keep = [r for r in panel.index if str(r) not in excluded]
    x0, x1 = x0.loc[keep], x1.loc[keep]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (x1 / x0).where(x0 > 0)
        cagr = 100.0 * (ratio.where(ratio > 0) ** (1.0 / T) - 1.0)
    n0 = n1 = npct = None
    if additive:
        n0, n1 = float(x0.sum()), float(x1.sum())
        npct = 100.0 * (n1 / n0 - 1.0) if n0 > 0 else float("nan")
    return Change(
        start=start,
        end=end,
        x0=x0,
        x1=x1,
        delta=x1 - x0,
        pct=100.0 * (ratio - 1.0),
        cagr=cagr,
        T=T,
        national_x0=n0,
        national_x1=n1,
        national_pct=npct,
        excluded=excluded,
    )
