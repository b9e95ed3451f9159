"""FAO GIEWS indicator of (food) price anomalies, IPA / IFPA (SDG indicator 2.c.1).

Growth over the last quarter and the last year is compared with the growth usually seen in
the same calendar month, in standard deviations:

.. math::

    CQGR_{y,t} = \\left(\\frac{P_{y,t}}{P_{y,t-3}}\\right)^{1/3} - 1, \\qquad
    CAGR_{y,t} = \\left(\\frac{P_{y,t}}{P_{y-1,t}}\\right)^{1/12} - 1,

.. math::

    IPA_{y,t} = \\gamma \\, \\frac{CQGR_{y,t} - \\overline{CQGR}_{t}}{\\hat\\sigma_{CQGR,t}}
      + (1 - \\gamma) \\, \\frac{CAGR_{y,t} - \\overline{CAGR}_{t}}{\\hat\\sigma_{CAGR,t}},

where :math:`\\overline{x}_t = \\sum_y w_y x_{y,t} / \\sum_y w_y` is the weighted mean of month
:math:`t`'s growth over the years and
:math:`\\hat\\sigma_{x,t} = \\sqrt{\\sum_y w_y (x_{y,t} - \\overline{x}_t)^2 /
(\\sum_y w_y \\, (N-1)/N)}` its weighted standard deviation (Baquedano 2015, eqs. 4–5; with
equal weights the ordinary sample mean and standard deviation). :math:`\\gamma = 0.4` as in
the SDG 2.c.1 metadata. The years used are those up to and including :math:`y` (what was
known at the time); at least ``min_years`` of them are required.

Classes: abnormally high :math:`IPA \\ge 1`, moderately high :math:`0.5 \\le IPA < 1`, normal
:math:`-0.5 \\le IPA < 0.5`, low :math:`IPA < -0.5`.

References
----------
Baquedano, F. G. (2015). *Developing an indicator of price anomalies as an early warning tool:
a compound growth approach*. FAO, Rome. — UN Statistics Division, SDG indicator metadata 2.c.1
"Indicator of food price anomalies" (custodian FAO).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aimaq.supply.prices._monthly import long_frame, to_monthly

__all__ = ["IPA_CLASSES", "IPAResult", "classify_ipa", "ipa"]

IPA_CLASSES = ("low", "normal", "moderately high", "abnormally high")
_BOUNDS = (-0.5, 0.5, 1.0)


@dataclass(frozen=True)
class IPAResult:
    """IPA of every series and month.

    Attributes
    ----------
    frame : DataFrame
        Series keys, ``month``, ``price``, ``cqgr``, ``cagr``, the weighted means
        ``cqgr_mean``, ``cagr_mean`` and standard deviations ``cqgr_sd``, ``cagr_sd`` of the
        same calendar month, ``z_q``, ``z_a``, ``ipa``, ``cls`` and ``years`` (years in the
        comparison).
    gamma : float
        Weight of the quarterly term.
    weights : str
        ``"equal"`` or ``"time"`` (year :math:`j` of the history weighs :math:`j`).
    """

    frame: pd.DataFrame
    gamma: float
    weights: str
    min_years: int

    def alerts(self, classes=("moderately high", "abnormally high")) -> pd.DataFrame:
        """The months classed in ``classes``, newest first."""
        f = self.frame[self.frame["cls"].isin(classes)]
        return f.sort_values(["month", "ipa"], ascending=[False, False]).reset_index(drop=True)


def classify_ipa(value) -> np.ndarray:
    """Class names of IPA values (NaN → ``"insufficient history"``).

    Examples
    --------
    >>> classify_ipa([-0.6, 0.0, 0.5, 1.0]).tolist()
    ['low', 'normal', 'moderately high', 'abnormally high']
    """
    v = np.asarray(value, dtype=float)
    idx = np.searchsorted(np.asarray(_BOUNDS), v, side="right")
    names = np.array([*IPA_CLASSES, "insufficient history"], dtype=object)
    return names[np.where(np.isnan(v), len(IPA_CLASSES), idx)]


def _standardise(g: np.ndarray, cal: np.ndarray, weights: str, min_years: int):
    """Expanding weighted mean, sd and z of ``g`` (S, T) within each calendar month."""
    mean = np.full(g.shape, np.nan)
    sd = np.full(g.shape, np.nan)
    years = np.zeros(g.shape, dtype=int)
    for m in range(12):
        cols = np.nonzero(cal == m)[0]
        x = g[:, cols]
        obs = ~np.isnan(x)
        w = np.ones(len(cols)) if weights == "equal" else np.arange(1, len(cols) + 1, dtype=float)
        wo = obs * w[None, :]
        x0 = np.where(obs, x, 0.0)
        W = np.cumsum(wo, axis=1)
        N = np.cumsum(obs, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mu = np.cumsum(wo * x0, axis=1) / W
            ss = np.cumsum(wo * x0 * x0, axis=1) - W * mu * mu
            var = np.maximum(ss, 0.0) / (W * (N - 1) / N)
        enough = obs & (N >= min_years)
        mean[:, cols] = np.where(enough, mu, np.nan)
        sd[:, cols] = np.where(enough, np.sqrt(var), np.nan)
        years[:, cols] = N
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(sd > 0, (g - mean) / sd, np.nan)
    return mean, sd, z, years


def ipa(
    prices: pd.DataFrame | pd.Series,
    *,
    gamma: float = 0.4,
    weights: str = "equal",
    min_years: int = 5,
) -> IPAResult:
    """GIEWS indicator of price anomalies for each monthly series.

    Parameters
    ----------
    prices : DataFrame or Series
        As for :func:`aimaq.supply.prices.alps.alps`.
    gamma : float
        Weight of the quarterly growth term (SDG 2.c.1: 0.4).
    weights : {"equal", "time"}
        Weights of the years in the means and standard deviations.
    min_years : int
        Years of the same calendar month needed (including the current one).

    Returns
    -------
    IPAResult

    Examples
    --------
    >>> idx = pd.period_range("2010-01", periods=72, freq="M").to_timestamp()
    >>> p = pd.Series(100 * 1.01 ** np.arange(72), index=idx)
    >>> p.iloc[-1] *= 1.2
    >>> r = ipa(p, min_years=3)
    >>> r.frame["cls"].iloc[-1]
    'abnormally high'
    """
    if weights not in ("equal", "time"):
        raise ValueError("weights must be 'equal' or 'time'")
    ids, Y, months = to_monthly(prices)
    cal = np.asarray(months.month) - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        q = np.full(Y.shape, np.nan)
        a = np.full(Y.shape, np.nan)
        q[:, 3:] = (Y[:, 3:] / Y[:, :-3]) ** (1 / 3) - 1
        a[:, 12:] = (Y[:, 12:] / Y[:, :-12]) ** (1 / 12) - 1
    qm, qs, zq, _ = _standardise(q, cal, weights, min_years)
    am, as_, za, yrs = _standardise(a, cal, weights, min_years)
    value = gamma * zq + (1 - gamma) * za
    frame = long_frame(
        ids,
        months,
        {
            "price": Y,
            "cqgr": q,
            "cagr": a,
            "cqgr_mean": qm,
            "cqgr_sd": qs,
            "cagr_mean": am,
            "cagr_sd": as_,
            "z_q": zq,
            "z_a": za,
            "ipa": value,
            "years": yrs,
        },
        ~np.isnan(Y),
    )
    frame["cls"] = classify_ipa(frame["ipa"].to_numpy())
    return IPAResult(frame, gamma, weights, min_years)
