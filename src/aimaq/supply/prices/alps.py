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
    chunk: int = 512,
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
        Series computed at once (bounds memory: about ``chunk × months × 1.5 kB``).

    Returns
    -------
    ALPSResult

    Notes
    -----
    The recursive fits are computed from running sums of :math:`x_t x_t'`, :math:`x_t y_t` and
    :math:`y_t^2`, so month :math:`t`'s fit costs one :math:`13 \\times 13` solve: the same
    estimates as refitting OLS on months up to :math:`t`.

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
    first = np.zeros((S, T), dtype=int)
    t = np.arange(T)
    cal = np.asarray(months.month) - 1
    X = np.zeros((T, _K))
    X[:, 0] = 1.0
    X[:, 1] = t / 12.0  # trend in years: keeps X'X well conditioned
    for m in range(1, 12):
        X[:, 1 + m] = cal == m
    XX = np.einsum("ti,tj->tij", X, X)  # (T, K, K)
    for lo in range(0, S, chunk):
        y = Y[lo : lo + chunk]
        obs = ~np.isnan(y)
        y0 = np.where(obs, y, 0.0)
        w = obs.astype(float)
        cXX = w[:, :, None, None] * XX[None]  # (s, T, K, K), summed in place
        np.cumsum(cXX, axis=1, out=cXX)
        cXy = np.cumsum(y0[:, :, None] * X[None], axis=1)
        cyy = np.cumsum(y0 * y0, axis=1)
        n = np.cumsum(obs, axis=1)
        f0 = np.argmax(obs, axis=1)  # first observed month
        span = t[None, :] - f0[:, None] + 1
        months_seen = np.cumsum(obs[:, :, None] * (cal[None, :, None] == np.arange(12)), axis=1)
        ok = (
            obs
            & (n >= max(min_months, _K + 1))
            & (n >= min_coverage * span)
            & (months_seen.min(axis=2) >= 1)
        )
        si, ti = np.nonzero(ok)
        if len(si):
            beta = _solve(cXX[si, ti], cXy[si, ti])
            yhat = np.einsum("ij,ij->i", X[ti], beta)
            rss = np.maximum(cyy[si, ti] - np.einsum("ij,ij->i", beta, cXy[si, ti]), 0.0)
            s = np.sqrt(rss / (n[si, ti] - _K))
            g = si + lo
            fit[g, ti] = yhat
            sig[g, ti] = s
            with np.errstate(divide="ignore", invalid="ignore"):
                A[g, ti] = np.where(s > 0, (y[si, ti] - yhat) / s, np.nan)
        nobs[lo : lo + chunk] = n
        first[lo : lo + chunk] = f0[:, None]
    observed = ~np.isnan(Y)
    frame = long_frame(
        ids,
        months,
        {"price": Y, "trend": fit, "sigma": sig, "alps": A, "n": nobs},
        observed,
    )
    s_idx, _ = np.nonzero(observed)
    frame["since"] = months[first[s_idx, 0]]
    frame["cls"] = pd.Categorical(
        classify_alps(frame["alps"].to_numpy(), thresholds),
        categories=[*ALPS_CLASSES, "insufficient history"],
    )
    return ALPSResult(frame, tuple(thresholds), min_months, min_coverage)


def _solve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Batched least-squares solutions of ``a x = b`` (normal equations; lstsq if singular)."""
    try:
        return np.linalg.solve(a, b[..., None])[..., 0]
    except np.linalg.LinAlgError:
        return np.stack(
            [np.linalg.lstsq(ai, bi, rcond=None)[0] for ai, bi in zip(a, b, strict=True)]
        )
