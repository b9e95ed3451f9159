"""WFP's Alert for Price Spikes (ALPS): how far a price stands above its seasonal trend.

For each monthly price series the "normal" price is a linear trend with monthly seasonal
effects, fitted by ordinary least squares on the history available up to each month
(a recursive, expanding-window fit, so each month is judged only by what was known then):

.. math::

    P_t = \\alpha + \\beta\\,t + \\sum_{m=2}^{12} \\gamma_m D_{m,t} + \\varepsilon_t, \\qquad
    \\mathrm{ALPS}_t = \\frac{P_t - \\hat P_t}{\\hat\\sigma_t},

with :math:`\\hat P_t` the fitted value of month :math:`t` and :math:`\\hat\\sigma_t` the
standard deviation of the residuals of that fit (:math:`\\sqrt{RSS/(n-k)}`, :math:`k = 13`).
Classes (WFP's thresholds, in standard deviations): normal :math:`< 0.25`, stress
:math:`[0.25, 1)`, alert :math:`[1, 2)`, crisis :math:`\\ge 2`.

A series is judged from the month its history meets WFP's ALPS selection criteria: at least
three years of observed months (``min_months=36``), at least 70 % of the months since the first
observation observed (``min_coverage``), and every calendar month observed at least once (so
the seasonal effects are identified). Earlier months, and fits with no residual variance, get
no class ("insufficient history").
Several prices within a month are averaged first; missing months stay missing.

References
----------
WFP (2014). *Technical Guidance Note: Calculation and Use of the Alert for Price Spikes (ALPS)
Indicator*. World Food Programme, Rome. — WFP VAM, "The ALert for Price Spike (ALPS)",
foodprices.vam.wfp.org/alps.aspx, and "ALPS at a glance" (selection criteria).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aimaq.supply.prices._monthly import KEYS, long_frame, to_monthly

__all__ = ["ALPS_CLASSES", "ALPS_THRESHOLDS", "ALPSResult", "alps", "classify_alps"]

#: lower bounds (in residual standard deviations) of stress, alert and crisis
ALPS_THRESHOLDS = (0.25, 1.0, 2.0)
ALPS_CLASSES = ("normal", "stress", "alert", "crisis")
_K = 13  # intercept, trend, 11 month dummies


@dataclass(frozen=True)
class ALPSResult:
    """ALPS of every series and month.

    Attributes
    ----------
    frame : DataFrame
        One row per observed month of each series: the series keys, ``month`` (Period),
        ``price`` (:math:`P_t`), ``trend`` (:math:`\\hat P_t`), ``sigma`` (:math:`\\hat\\sigma_t`),
        ``alps``, ``cls`` (class, or ``"insufficient history"``), ``n`` (observed months in
        the fit) and ``since`` (first month of the fit).
    thresholds : tuple of float
        Lower bounds of stress, alert and crisis.
    min_months, min_coverage : int, float
        The history required before a month is classified.
    """

    frame: pd.DataFrame
    thresholds: tuple[float, float, float]
    min_months: int
    min_coverage: float

    def alerts(self, classes=("stress", "alert", "crisis")) -> pd.DataFrame:
        """The months classed in ``classes``, newest first."""
        f = self.frame[self.frame["cls"].isin(classes)]
        return f.sort_values(["month", "alps"], ascending=[False, False]).reset_index(drop=True)

    def latest(self) -> pd.DataFrame:
        """The newest classified month of each series."""
        f = self.frame[self.frame["cls"] != "insufficient history"]
        keys = [k for k in KEYS if k in f.columns]
        return f.sort_values("month").groupby(keys, observed=True).tail(1).reset_index(drop=True)


def classify_alps(value, thresholds=ALPS_THRESHOLDS) -> np.ndarray:
    """Class names of ALPS values (NaN → ``"insufficient history"``).

    Examples
    --------
    >>> classify_alps([0.1, 0.25, 1.5, 2.0, float("nan")]).tolist()
    ['normal', 'stress', 'alert', 'crisis', 'insufficient history']
    """
    v = np.asarray(value, dtype=float)
    idx = np.searchsorted(np.asarray(thresholds, float), v, side="right")
    names = np.array([*ALPS_CLASSES, "insufficient history"], dtype=object)
    idx = np.where(np.isnan(v), len(ALPS_CLASSES), idx)
    return names[idx]


def alps(
    prices: pd.DataFrame | pd.Series,
    *,
    min_months: int = 36,
    min_coverage: float = 0.7,
    thresholds: tuple[float, float, float] = ALPS_THRESHOLDS,
    chunk: int = 2048,
) -> ALPSResult:
    """ALPS of each monthly series, fitted recursively on the history up to each month.

    Parameters
    ----------
    prices : DataFrame or Series
        Long frame with ``date`` and ``price`` and any of ``market, product, stage`` (one
        series per combination), or one series of prices indexed by date.
    min_months : int
        Observed months needed before a month is classified (WFP: three years).
    min_coverage : float
        Share of months since the first observation that must be observed (WFP: 70 %).
    thresholds : tuple of float
        Lower bounds of stress, alert and crisis in residual standard deviations.
    chunk : int
        Series computed at once (bounds memory: about ``chunk × months × 0.4 kB``).

    Returns
    -------
    ALPSResult

    Notes
    -----
    The intercept and 11 dummies span the same space as 12 month intercepts, so the fit is the
    within-month estimator :math:`\\hat\\beta = S_{\\tau y} / S_{\\tau\\tau}` (deviations from
    each calendar month's means) with :math:`\\hat a_m = \\bar y_m - \\hat\\beta \\bar\\tau_m` and
    :math:`RSS = S_{yy} - \\hat\\beta S_{\\tau y}`: all running sums, so every month's fit costs a
    few array operations, and the estimates equal refitting OLS on the months up to :math:`t`.

    Examples
    --------
    >>> idx = pd.period_range("2015-01", periods=48, freq="M").to_timestamp()
    >>> season = np.tile([0, 1, 2, 3, 2, 1, 0, -1, -2, -3, -2, -1], 4).astype(float)
    >>> noise = np.random.default_rng(0).normal(0, 0.3, 48)
    >>> p = pd.Series(100 + 0.5 * np.arange(48) + season + noise, index=idx)
    >>> p.iloc[-1] += 10
    >>> r = alps(p)
    >>> r.frame["cls"].iloc[-1], r.frame["cls"].iloc[-13]
    ('crisis', 'normal')
    """
    ids, Y, months = to_monthly(prices)
    S, T = Y.shape
    A = np.full((S, T), np.nan)
    fit = np.full((S, T), np.nan)
    sig = np.full((S, T), np.nan)
    nobs = np.zeros((S, T), dtype=int)
    first = np.zeros(S, dtype=int)
    t = np.arange(T)
    onehot = (np.asarray(months.month) - 1)[:, None] == np.arange(12)  # (T, 12)
    for lo in range(0, S, chunk):
        y = Y[lo : lo + chunk]
        obs = ~np.isnan(y)
        f0 = np.argmax(obs, axis=1)  # first observed month
        # centring by the first observation changes no estimate (the intercepts absorb it)
        # and keeps the running sums of squares from cancelling
        tau = (t[None, :] - f0[:, None]) / 12.0 * obs  # trend in years, 0 where unobserved
        yc = np.where(obs, y - y[np.arange(len(y)), f0][:, None], 0.0)
        n = np.cumsum(obs, axis=1)
        n_m = np.cumsum(obs[:, :, None] * onehot, axis=1)  # (s, T, 12) running sums by month
        t_m = np.cumsum(tau[:, :, None] * onehot, axis=1)
        y_m = np.cumsum(yc[:, :, None] * onehot, axis=1)
        tt = np.cumsum(tau * tau, axis=1)
        ty = np.cumsum(tau * yc, axis=1)
        yy = np.cumsum(yc * yc, axis=1)
        span = t[None, :] - f0[:, None] + 1
        ok = (
            obs
            & (n >= max(min_months, _K + 1))
            & (n >= min_coverage * span)
            & (n_m.min(axis=2) >= 1)
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            # within-month (fixed-effect) form of OLS on trend + 12 month intercepts
            inv = np.where(n_m > 0, 1.0 / n_m, 0.0)
            sxx = tt - np.sum(t_m * t_m * inv, axis=2)
            sxy = ty - np.sum(t_m * y_m * inv, axis=2)
            syy = yy - np.sum(y_m * y_m * inv, axis=2)
            beta = sxy / sxx
            ok &= sxx > 0
            cur = np.argmax(onehot, axis=1)  # calendar month of each t
            a_t = (y_m[:, t, cur] - beta * t_m[:, t, cur]) * inv[:, t, cur]
            yhat = a_t + beta * tau
            rss = np.maximum(syy - beta * sxy, 0.0)
            s_ = np.sqrt(rss / (n - _K))
            z = np.where(s_ > 0, (yc - yhat) / s_, np.nan)
        base = y[np.arange(len(y)), f0][:, None]
        fit[lo : lo + chunk] = np.where(ok, yhat + base, np.nan)
        sig[lo : lo + chunk] = np.where(ok, s_, np.nan)
        A[lo : lo + chunk] = np.where(ok, z, np.nan)
        nobs[lo : lo + chunk] = n
        first[lo : lo + chunk] = f0
    observed = ~np.isnan(Y)
    frame = long_frame(
        ids,
        months,
        {"price": Y, "trend": fit, "sigma": sig, "alps": A, "n": nobs},
        observed,
    )
    s_idx, _ = np.nonzero(observed)
    frame["since"] = months[first[s_idx]]
    frame["cls"] = pd.Categorical(
        classify_alps(frame["alps"].to_numpy(), thresholds),
        categories=[*ALPS_CLASSES, "insufficient history"],
    )
    return ALPSResult(frame, tuple(thresholds), min_months, min_coverage)
