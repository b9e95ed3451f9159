"""Sigma and beta convergence of regional values (e.g. GRP per capita).

Missing-data rule: both tests work on a balanced panel. A region is left out (and reported in
``excluded``) when it lacks a value, or has a non-positive value, in any year used (sigma: every
year of the panel; beta: the start and end years), or when a control variable is missing for it
(conditional beta). A balanced sample keeps the trend from being driven by changes in the set of
regions (e.g. boundary changes: pass a panel in one set of borders).
A row ``KZ`` (the republic) is never treated as a region: it is left out and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["BetaConvergence", "SigmaConvergence", "beta_convergence", "sigma_convergence"]

_KZ_REASON = "the republic (KZ) is not a region; pass national values separately"


@dataclass(frozen=True)
class SigmaConvergence:
    """Sigma convergence: dispersion per year and its linear trend.

    Attributes
    ----------
    CV : pd.Series
        Coefficient of variation per year (population std, ddof=0, over the mean).
    sigma : pd.Series
        Standard deviation of ``ln y`` per year (ddof=0).
    n : int
        Regions in the balanced sample.
    b_CV, b_sigma : float
        OLS slope of ``CV`` and of ``sigma`` on the year (change per year; < 0 = convergence);
        NaN with fewer than 3 years.
    se_b_CV, se_b_sigma : float
        Standard errors of those slopes.
    p_b_CV, p_b_sigma : float
        Two-sided p-values of those slopes.
    excluded : dict[str, str]
        Region code -> reason.
    """

    CV: pd.Series
    sigma: pd.Series
    n: int
    b_CV: float
    se_b_CV: float
    p_b_CV: float
    b_sigma: float
    se_b_sigma: float
    p_b_sigma: float
    excluded: dict[str, str]


@dataclass(frozen=True)
class BetaConvergence:
    """Absolute or conditional beta convergence.

    Attributes
    ----------
    alpha, beta : float
        Intercept and coefficient on ``ln y_i0``.
    se_alpha, se_beta : float
        Standard errors (of the chosen ``cov_type``).
    t_beta, p_beta : float
        t statistic and two-sided p-value of ``beta``.
    r2 : float
        R squared.
    n : int
        Regions in the regression.
    T : float
        Length of the period in years (``end - start``).
    lam : float
        Implied speed of convergence ``lambda = -ln(1 + T beta) / T`` (NaN if ``1 + T beta <= 0``).
    half_life : float
        ``ln 2 / lambda`` in years (NaN unless ``lambda > 0``).
    conditional : bool
        True when controls were included.
    controls : list[str]
        Names of the control variables.
    params, bse, pvalues : pd.Series
        All coefficients (``const``, ``ln_y0``, controls), their standard errors and p-values.
    growth : pd.Series
        Average annual log growth ``g_i`` per region.
    ln_y0 : pd.Series
        Initial log level per region.
    start, end : object
        The initial and final years (panel column labels).
    cov_type : str
        statsmodels covariance type.
    model : object
        The fitted ``statsmodels`` results object (for diagnostics).
    excluded : dict[str, str]
        Region code -> reason.
    """

    alpha: float
    beta: float
    se_alpha: float
    se_beta: float
    t_beta: float
    p_beta: float
    r2: float
    n: int
    T: float
    lam: float
    half_life: float
    conditional: bool
    controls: list[str]
    params: pd.Series
    bse: pd.Series
    pvalues: pd.Series
    growth: pd.Series
    ln_y0: pd.Series
    start: object
    end: object
    cov_type: str
    model: object
    excluded: dict[str, str]


def _balanced(panel: pd.DataFrame, cols: list, fname: str) -> tuple[pd.DataFrame, dict[str, str]]:
    if not isinstance(panel, pd.DataFrame):
        raise TypeError(f"{fname}: `panel` must be a pd.DataFrame (regions x years)")
    if panel.index.has_duplicates:
        dup = panel.index[panel.index.duplicated()].unique().tolist()
        raise ValueError(f"{fname}: duplicated region code(s) in `panel`: {dup}")
    sub = panel[cols].apply(pd.to_numeric, errors="coerce").astype(float)
    excluded: dict[str, str] = {}
    for r, row in sub.iterrows():
        miss = [str(c) for c in cols if not np.isfinite(row[c])]
        nonpos = [str(c) for c in cols if np.isfinite(row[c]) and row[c] <= 0]
        why = []
        if miss:
            why.append("missing value in " + ", ".join(miss))
        if nonpos:
            why.append("non-positive value in " + ", ".join(nonpos))
        if why:
            excluded[str(r)] = "; ".join(why)
    if "KZ" in sub.index:
        excluded["KZ"] = _KZ_REASON
    keep = [r for r in sub.index if str(r) not in excluded]
    return sub.loc[keep], excluded


def _year_number(c: object, fname: str) -> float:
    """A panel column label as a (fractional) year: 2015, "2015", or a date."""
    try:
        return float(c)
    except (TypeError, ValueError):
        pass
    try:
        ts = pd.Timestamp(c)
    except (TypeError, ValueError):
        raise ValueError(f"{fname}: panel column {c!r} is not a year or a date") from None
    return ts.year + (ts.dayofyear - 1) / 365.25


def _slope(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    from statsmodels.regression.linear_model import OLS
    from statsmodels.tools.tools import add_constant

    ok = np.isfinite(y)
    if ok.sum() < 3:
        return float("nan"), float("nan"), float("nan")
    res = OLS(y[ok], add_constant(x[ok])).fit()
    return float(res.params[1]), float(res.bse[1]), float(res.pvalues[1])


def sigma_convergence(panel: pd.DataFrame, years: list | None = None) -> SigmaConvergence:
    """Sigma convergence: does the cross-regional dispersion fall over time?

    .. math::

        CV_t = \\frac{\\sqrt{\\tfrac1n \\sum_i (y_{it} - \\bar y_t)^2}}{\\bar y_t}, \\qquad
        \\sigma_t = \\sqrt{\\tfrac1n \\sum_i (\\ln y_{it} - \\overline{\\ln y_t})^2}

    and the trends are the OLS slopes of ``CV_t`` and ``sigma_t`` on ``t``.

    Parameters
    ----------
    panel : pd.DataFrame
        Regions x years (column labels are years).
    years : list, optional
        Columns to use (default: all).

    Returns
    -------
    SigmaConvergence

    References
    ----------
    Barro, R.J. and Sala-i-Martin, X. (1992) "Convergence", *Journal of Political Economy*
    100(2): 223-251. Sala-i-Martin, X. (1996) "The classical approach to convergence analysis",
    *Economic Journal* 106: 1019-1036.
    """
    cols = list(panel.columns if years is None else years)
    missing_cols = [c for c in cols if c not in panel.columns]
    if missing_cols:
        raise ValueError(f"sigma_convergence: year(s) {missing_cols} not in the panel columns")
    sub, excluded = _balanced(panel, cols, "sigma_convergence")
    if len(sub) < 2:
        raise ValueError(
            f"sigma_convergence: fewer than 2 regions with complete data (excluded: {excluded})"
        )
    y = sub.to_numpy()
    cv = y.std(axis=0) / y.mean(axis=0)
    sig = np.log(y).std(axis=0)
    t = np.array([_year_number(c, "sigma_convergence") for c in cols])
    b_cv, se_cv, p_cv = _slope(t, cv)
    b_s, se_s, p_s = _slope(t, sig)
    return SigmaConvergence(
        CV=pd.Series(cv, index=pd.Index(cols), name="CV"),
        sigma=pd.Series(sig, index=pd.Index(cols), name="sigma"),
        n=len(sub),
        b_CV=b_cv,
        se_b_CV=se_cv,
        p_b_CV=p_cv,
        b_sigma=b_s,
        se_b_sigma=se_s,
        p_b_sigma=p_s,
        excluded=excluded,
    )


def beta_convergence(
    panel: pd.DataFrame,
    start: object = None,
    end: object = None,
    controls: pd.DataFrame | None = None,
    cov_type: str = "nonrobust",
) -> BetaConvergence:
    """Absolute (or conditional, with controls) beta convergence by OLS.

    .. math::

        g_i = \\frac{\\ln y_{iT} - \\ln y_{i0}}{T} = \\alpha + \\beta \\ln y_{i0}
              + \\gamma' X_i + \\varepsilon_i

    ``beta < 0`` indicates convergence; the implied speed is
    ``lambda = -ln(1 + T beta) / T`` and the half-life ``ln 2 / lambda``.

    Parameters
    ----------
    panel : pd.DataFrame
        Regions x years of levels (e.g. real GRP per capita).
    start, end : column labels, optional
        Initial and final years (default: first and last columns).
    controls : pd.DataFrame, optional
        Region-indexed control variables (conditional convergence), one column each.
    cov_type : str
        statsmodels covariance type (``"nonrobust"``, ``"HC1"`` ...).

    Returns
    -------
    BetaConvergence

    References
    ----------
    Barro, R.J. and Sala-i-Martin, X. (1992) "Convergence", *Journal of Political Economy*
    100(2): 223-251. Sala-i-Martin, X. (1996) *Economic Journal* 106: 1019-1036.
    """
    from statsmodels.regression.linear_model import OLS
    from statsmodels.tools.tools import add_constant

    start = panel.columns[0] if start is None else start
    end = panel.columns[-1] if end is None else end
    for c in (start, end):
        if c not in panel.columns:
            raise ValueError(f"beta_convergence: year {c!r} not in the panel columns")
    T = _year_number(end, "beta_convergence") - _year_number(start, "beta_convergence")
    if T <= 0:
        raise ValueError(f"beta_convergence: end ({end}) must be after start ({start})")
    sub, excluded = _balanced(panel, [start, end], "beta_convergence")
    names: list[str] = []
    X = pd.DataFrame(index=sub.index)
    X["ln_y0"] = np.log(sub[start])
    if controls is not None:
        names = [str(c) for c in controls.columns]
        ctrl = controls.reindex(sub.index).apply(pd.to_numeric, errors="coerce")
        for r, row in ctrl.iterrows():
            miss = [str(c) for c in ctrl.columns if not np.isfinite(row[c])]
            if miss:
                excluded[str(r)] = "missing control(s): " + ", ".join(miss)
        keep = [r for r in sub.index if str(r) not in excluded]
        sub, X = sub.loc[keep], X.loc[keep]
        X = X.join(ctrl.loc[keep].set_axis(names, axis=1))
    k = X.shape[1] + 1
    if len(sub) <= k:
        raise ValueError(
            f"beta_convergence: {len(sub)} regions for {k} parameters (excluded: {excluded})"
        )
    g = (np.log(sub[end]) - np.log(sub[start])) / T
    g.name = "g"
    res = OLS(g, add_constant(X, has_constant="add")).fit(cov_type=cov_type)
    beta = float(res.params["ln_y0"])
    base = 1.0 + T * beta
    lam = -np.log(base) / T if base > 0 else float("nan")
    half = np.log(2.0) / lam if np.isfinite(lam) and lam > 0 else float("nan")
    return BetaConvergence(
        alpha=float(res.params["const"]),
        beta=beta,
        se_alpha=float(res.bse["const"]),
        se_beta=float(res.bse["ln_y0"]),
        t_beta=float(res.tvalues["ln_y0"]),
        p_beta=float(res.pvalues["ln_y0"]),
        r2=float(res.rsquared),
        n=int(res.nobs),
        T=T,
        lam=float(lam),
        half_life=float(half),
        conditional=controls is not None,
        controls=names,
        params=res.params,
        bse=res.bse,
        pvalues=res.pvalues,
        growth=g,
        ln_y0=X["ln_y0"],
        start=start,
        end=end,
        cov_type=cov_type,
        model=res,
        excluded=excluded,
    )
