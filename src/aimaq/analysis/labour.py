"""Labour and income: productivity, income versus output, change of shares.

Missing-data rule: each function works on the regions that have every input it needs; a region
lacking one (or with a non-positive denominator) is left out and reported in ``excluded`` with the
missing field named. When a national value is not supplied, it is computed from the included
regions (sums for totals) or, for per-capita ratios, taken as the unweighted regional mean, and the
``*_source`` field says so.
A row ``KZ`` (the republic) is never treated as a region: it is left out and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "IncomeOutput",
    "Productivity",
    "ShareChange",
    "income_vs_output",
    "productivity",
    "share_change",
]

_MEAN_SOURCE = "regional mean (national value not supplied)"

_KZ_REASON = "the republic (KZ) is not a region; pass national values separately"


@dataclass(frozen=True)
class Productivity:
    """Labour productivity: output per employed person.

    Attributes
    ----------
    pi : pd.Series
        ``pi_i = Y_i / E_i`` (output per employed, in output units per person).
    pi_national : float
        ``Y / E`` (supplied national totals, or sums over the included regions).
    national_source : str
        ``"supplied"`` or ``"sum of included regions"``.
    relative : pd.Series
        ``pi_i / pi_national``.
    rank : pd.Series
        1 = most productive.
    excluded : dict[str, str]
        Region code -> reason (e.g. ``"no employment data"``).
    """

    pi: pd.Series
    pi_national: float
    national_source: str
    relative: pd.Series
    rank: pd.Series
    excluded: dict[str, str]


@dataclass(frozen=True)
class IncomeOutput:
    """Income (or wage) against GRP per capita, both relative to their national values.

    Attributes
    ----------
    w_rel : pd.Series
        ``w_i / w_KZ`` (income or wage relative to national).
    y_rel : pd.Series
        ``y_i / y_KZ`` (GRP per capita relative to national).
    ratio : pd.Series
        ``(w_i/w_KZ) / (y_i/y_KZ)``: below 1 where output is not matched by income (extractive,
        oil regions), above 1 where income exceeds the region's output position.
    gap : pd.Series
        ``w_i/w_KZ - y_i/y_KZ`` (difference of the relative positions).
    w_national, y_national : float
        The national reference values used.
    w_source, y_source : str
        ``"supplied"`` or the regional-mean fallback.
    excluded : dict[str, str]
        Region code -> reason.
    """

    w_rel: pd.Series
    y_rel: pd.Series
    ratio: pd.Series
    gap: pd.Series
    w_national: float
    y_national: float
    w_source: str
    y_source: str
    excluded: dict[str, str]


@dataclass(frozen=True)
class ShareChange:
    """Change of a share (e.g. poverty rate, in percent) between two years.

    Attributes
    ----------
    start, end : object
        The two years.
    s0, s1 : pd.Series
        The shares in ``start`` and ``end`` (units as given, e.g. percent).
    delta : pd.Series
        ``s1 - s0`` (percentage points when the shares are in percent).
    ratio : pd.Series
        ``s1 / s0`` (NaN where ``s0 == 0``).
    national_s0, national_s1, national_delta : float or None
        The national shares (if supplied) and their change.
    n_improved, n_worsened : int
        Regions whose share fell / rose (for a "bad" share such as poverty, falling = improved).
    excluded : dict[str, str]
        Region code -> reason.
    """

    start: object
    end: object
    s0: pd.Series
    s1: pd.Series
    delta: pd.Series
    ratio: pd.Series
    national_s0: float | None
    national_s1: float | None
    national_delta: float | None
    n_improved: int
    n_worsened: int
    excluded: dict[str, str]


def _collect(
    fields: dict[str, pd.Series], positive: tuple[str, ...], fname: str
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Align named series; report regions missing a field or with a non-positive denominator."""
    for name, s in fields.items():
        if not isinstance(s, pd.Series):
            raise TypeError(f"{fname}: `{name}` must be a pd.Series indexed by region code")
        if s.index.has_duplicates:
            dup = s.index[s.index.duplicated()].unique().tolist()
            raise ValueError(f"{fname}: duplicated region code(s) in `{name}`: {dup}")
    idx = None
    for s in fields.values():
        idx = s.index if idx is None else idx.union(s.index, sort=False)
    df = pd.DataFrame(
        {k: pd.to_numeric(s.reindex(idx), errors="coerce").astype(float) for k, s in fields.items()}
    )
    excluded: dict[str, str] = {}
    for r, row in df.iterrows():
        why = [f"missing {k}" for k in df.columns if not np.isfinite(row[k])]
        why += [f"non-positive {k}" for k in positive if np.isfinite(row[k]) and row[k] <= 0]
        if why:
            excluded[str(r)] = "; ".join(why)
    if "KZ" in df.index:
        excluded["KZ"] = _KZ_REASON
    return df.loc[[r for r in df.index if str(r) not in excluded]], excluded


def productivity(
    output: pd.Series,
    employment: pd.Series,
    national_output: float | None = None,
    national_employment: float | None = None,
) -> Productivity:
    """Labour productivity (GRP or GVA per employed person) where employment exists.

    .. math:: \\pi_i = Y_i / E_i, \\qquad \\pi_{KZ} = Y / E

    Parameters
    ----------
    output : pd.Series
        GRP or GVA per region (money units).
    employment : pd.Series
        Employed persons per region (same unit scale you want in the denominator).
    national_output, national_employment : float, optional
        National totals; both or neither. Default: sums over the included regions.

    Returns
    -------
    Productivity

    References
    ----------
    OECD (2001) *Measuring Productivity - OECD Manual*, ch. 2 (labour productivity).
    """
    if (national_output is None) != (national_employment is None):
        raise ValueError(
            "productivity: give both national_output and national_employment, or neither"
        )
    df, excluded = _collect(
        {"output": output, "employment": employment}, ("employment",), "productivity"
    )
    for r, why in list(excluded.items()):
        excluded[r] = why.replace("missing employment", "no employment data")
    if df.empty:
        raise ValueError(f"productivity: no region has both output and employment ({excluded})")
    pi = (df["output"] / df["employment"]).rename("pi")
    if national_output is None:
        nat = float(df["output"].sum() / df["employment"].sum())
        source = "sum of included regions"
    else:
        if national_employment <= 0:
            raise ValueError("productivity: national_employment must be positive")
        nat = float(national_output) / float(national_employment)
        source = "supplied"
    return Productivity(
        pi=pi,
        pi_national=nat,
        national_source=source,
        relative=(pi / nat).rename("relative"),
        rank=pi.rank(ascending=False, method="min").astype(int).rename("rank"),
        excluded=excluded,
    )


def income_vs_output(
    income: pd.Series,
    grp_per_capita: pd.Series,
    national_income: float | None = None,
    national_grp_per_capita: float | None = None,
) -> IncomeOutput:
    """Income (or wage) relative to GRP per capita, both as ratios to their national values.

    .. math::

        \\rho_i = \\frac{w_i / w_{KZ}}{y_i / y_{KZ}}

    Regions with high output but average incomes (the oil regions of the west: Atyrau,
    Mangystau, West Kazakhstan) have ``rho_i < 1``.

    Parameters
    ----------
    income : pd.Series
        Per-capita money income or average monthly wage per region.
    grp_per_capita : pd.Series
        GRP per capita per region.
    national_income, national_grp_per_capita : float, optional
        National values. If None the unweighted regional mean is used (reported in
        ``w_source``/``y_source``); pass the national values whenever they exist.

    Returns
    -------
    IncomeOutput

    References
    ----------
    OECD (2020) *Regions and Cities at a Glance*, "Household income and GDP per capita".
    """
    df, excluded = _collect(
        {"income": income, "grp_per_capita": grp_per_capita},
        ("income", "grp_per_capita"),
        "income_vs_output",
    )
    if df.empty:
        raise ValueError(f"income_vs_output: no region has both values ({excluded})")

    def ref(v: float | None, col: str) -> tuple[float, str]:
        if v is None or not np.isfinite(v):
            return float(df[col].mean()), _MEAN_SOURCE
        if v <= 0:
            raise ValueError(f"income_vs_output: national value of {col} must be positive")
        return float(v), "supplied"

    w_nat, w_src = ref(national_income, "income")
    y_nat, y_src = ref(national_grp_per_capita, "grp_per_capita")
    w_rel = (df["income"] / w_nat).rename("w_rel")
    y_rel = (df["grp_per_capita"] / y_nat).rename("y_rel")
    return IncomeOutput(
        w_rel=w_rel,
        y_rel=y_rel,
        ratio=(w_rel / y_rel).rename("ratio"),
        gap=(w_rel - y_rel).rename("gap"),
        w_national=w_nat,
        y_national=y_nat,
        w_source=w_src,
        y_source=y_src,
        excluded=excluded,
    )


def share_change(
    panel: pd.DataFrame,
    start: object = None,
    end: object = None,
    national: pd.Series | None = None,
) -> ShareChange:
    """Change of a share (e.g. the poverty rate) between two years by region.

    .. math:: \\Delta s_i = s_{i1} - s_{i0}, \\qquad r_i = s_{i1} / s_{i0}

    Parameters
    ----------
    panel : pd.DataFrame
        Regions x years of shares (e.g. percent of population below the subsistence minimum).
    start, end : column labels, optional
        The two years (default: first and last columns).
    national : pd.Series, optional
        National share per year (index = years), e.g. ``Store`` values for region ``KZ``.

    Returns
    -------
    ShareChange

    References
    ----------
    World Bank (2005) *Introduction to Poverty Analysis*, ch. 4 (poverty profiles and changes).
    """
    if not isinstance(panel, pd.DataFrame):
        raise TypeError("share_change: `panel` must be a pd.DataFrame (regions x years)")
    start = panel.columns[0] if start is None else start
    end = panel.columns[-1] if end is None else end
    for c in (start, end):
        if c not in panel.columns:
            raise ValueError(f"share_change: year {c!r} not in the panel columns")
    df, excluded = _collect(
        {f"value in {start}": panel[start], f"value in {end}": panel[end]}, (), "share_change"
    )
    s0 = df.iloc[:, 0].rename("s0")
    s1 = df.iloc[:, 1].rename("s1")
    neg = (s0 < 0) | (s1 < 0)
    for r in s0.index[neg.to_numpy()]:
        excluded[str(r)] = "negative share"
    s0, s1 = s0[~neg], s1[~neg]
    n0 = n1 = nd = None
    if national is not None:
        n0 = float(national.get(start, np.nan))
        n1 = float(national.get(end, np.nan))
        nd = n1 - n0
    delta = (s1 - s0).rename("delta")
    return ShareChange(
        start=start,
        end=end,
        s0=s0,
        s1=s1,
        delta=delta,
        ratio=(s1 / s0.where(s0 != 0)).rename("ratio"),
        national_s0=n0,
        national_s1=n1,
        national_delta=nd,
        n_improved=int((delta < 0).sum()),
        n_worsened=int((delta > 0).sum()),
        excluded=excluded,
    )
