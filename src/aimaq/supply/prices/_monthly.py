"""Monthly price matrices: the shape the spike indicators compute on (private helpers)."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__: list[str] = []

KEYS = ("market", "product", "stage")


def to_monthly(
    prices: pd.DataFrame | pd.Series, keys=KEYS
) -> tuple[pd.DataFrame, np.ndarray, pd.PeriodIndex]:
    """``(series keys, Y, months)``: Y[s, t] is series s's mean price in month t (NaN: none).

    ``prices`` is a long frame with ``date``, ``price`` and the ``keys`` columns present, or a
    Series of prices indexed by date (one series). Several prices in one month (weekly
    monitoring) are averaged.
    """
    if isinstance(prices, pd.Series):
        prices = pd.DataFrame({"date": prices.index, "price": prices.to_numpy()})
    keys = [k for k in keys if k in prices.columns]
    date = prices["date"]
    if isinstance(date.dtype, pd.PeriodDtype):
        month = date.dt.asfreq("M")
    else:
        month = pd.to_datetime(date).dt.to_period("M")
    # monthly Period ordinals: months since 1970-01
    ords = (month.dt.year.to_numpy() - 1970) * 12 + month.dt.month.to_numpy() - 1
    lo = int(ords.min())
    t_idx = ords - lo
    T = int(ords.max()) - lo + 1
    if keys:
        g = prices.groupby(keys, sort=True, observed=True)
        s_idx = g.ngroup().to_numpy()
        ids = g.size().index.to_frame(index=False)
    else:
        s_idx = np.zeros(len(prices), dtype=int)
        ids = pd.DataFrame(index=[0])
    S = len(ids)
    flat = s_idx * T + t_idx
    total = np.bincount(flat, weights=prices["price"].to_numpy(float), minlength=S * T)
    count = np.bincount(flat, minlength=S * T)
    with np.errstate(invalid="ignore", divide="ignore"):
        Y = (total / count).reshape(S, T)
    months = pd.period_range(pd.Period(ordinal=lo, freq="M"), periods=T, freq="M")
    return ids, Y, months


def long_frame(
    ids: pd.DataFrame, months: pd.PeriodIndex, cols: dict[str, np.ndarray], keep: np.ndarray
) -> pd.DataFrame:
    """Long frame: the keys, ``month``, then one column per (S, T) array, rows where ``keep``."""
    S, T = keep.shape
    s, t = np.nonzero(keep)
    out = (
        ids.iloc[s].reset_index(drop=True)
        if len(ids.columns)
        else pd.DataFrame(index=range(len(s)))
    )
    out["month"] = months[t]
    for name, arr in cols.items():
        out[name] = arr[s, t]
    return out
