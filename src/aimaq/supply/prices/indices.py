"""Price indices per city with a chosen base, month-on-month and year-on-year change, and
real prices when a deflator is given.

.. math::

    I_{ct} = 100 \\, \\frac{p_{ct}}{\\bar p_{c,B}}, \\qquad
    \\Delta^{m/m}_{ct} = 100 \\left(\\frac{p_{ct}}{p_{c,t-1}} - 1\\right), \\qquad
    \\Delta^{y/y}_{ct} = 100 \\left(\\frac{p_{ct}}{p_{c,t-12}} - 1\\right), \\qquad
    p^{real}_{ct} = p_{ct} \\, \\frac{D_B}{D_t},

with :math:`p_{ct}` the mean price of city :math:`c` in month :math:`t`, :math:`\\bar p_{c,B}`
its mean over the base period :math:`B` (a month ``"2015-01"`` or a year ``"2015"``) and
:math:`D` the deflator (e.g. a consumer price index). A change needs both months observed; a
city without a price in the base period has no index (a gap, not filled).

References
----------
ILO, IMF, OECD, UNECE, Eurostat, World Bank (2020). *Consumer Price Index Manual: Concepts and
Methods*, ch. 8 (elementary indices) and ch. 9 (aggregation). IMF, Washington DC.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["ChangeResult", "IndexResult", "changes", "price_index", "real_prices"]

_KEYS = ["product", "market", "stage"]


def _monthly(prices: pd.DataFrame) -> pd.DataFrame:
    df = prices.copy()
    df["month"] = pd.to_datetime(df["date"]).dt.to_period("M")
    keys = [k for k in _KEYS if k in df]
    return df.groupby([*keys, "month"], observed=True)["price"].mean().reset_index()


@dataclass(frozen=True)
class IndexResult:
    """``frame``: series keys, ``month``, ``price``, ``index``; ``base`` as given."""

    frame: pd.DataFrame
    base: str


def price_index(prices: pd.DataFrame, base: str) -> IndexResult:
    """Index of each city's price, base period = 100.

    Examples
    --------
    >>> p = pd.DataFrame({"product": "rice", "market": "Taraz", "stage": "retail",
    ...     "date": ["2015-01-15", "2015-02-15", "2016-01-15"], "price": [100.0, 110.0, 150.0]})
    >>> price_index(p, base="2015").frame["index"].round(2).tolist()
    [95.24, 104.76, 142.86]
    """
    m = _monthly(prices)
    b = pd.Period(base, freq="M" if len(str(base)) > 4 else "Y")
    in_base = m["month"].dt.year == b.year if b.freqstr.startswith("Y") else m["month"] == b
    keys = [k for k in _KEYS if k in m]
    ref = m[in_base].groupby(keys, observed=True)["price"].mean().rename("ref")
    out = m.join(ref, on=keys)
    out["index"] = 100 * out["price"] / out["ref"]
    return IndexResult(
        out.drop(columns="ref").dropna(subset=["index"]).reset_index(drop=True), str(base)
    )


@dataclass(frozen=True)
class ChangeResult:
    """``frame``: series keys, ``month``, ``price``, ``mom_pct``, ``yoy_pct``."""

    frame: pd.DataFrame


def changes(prices: pd.DataFrame) -> ChangeResult:
    """Month-on-month and year-on-year change of each series, per cent.

    Examples
    --------
    >>> p = pd.DataFrame({"product": "rice", "market": "Taraz", "stage": "retail",
    ...     "date": ["2015-01-15", "2015-02-15", "2016-02-15"], "price": [100.0, 110.0, 121.0]})
    >>> changes(p).frame[["mom_pct", "yoy_pct"]].round(1).iloc[1:].values.tolist()
    [[10.0, nan], [nan, 10.0]]
    """
    m = _monthly(prices)
    keys = [k for k in _KEYS if k in m]
    ordinal = (m["month"].dt.year - 1970) * 12 + m["month"].dt.month - 1
    m["_t"] = ordinal
    look = m.set_index([*keys, "_t"])["price"]
    for lag, col in ((1, "mom_pct"), (12, "yoy_pct")):
        prev = look.reindex(pd.MultiIndex.from_frame(m[keys].assign(_t=m["_t"] - lag))).to_numpy()
        m[col] = 100 * (m["price"].to_numpy() / prev - 1)
    return ChangeResult(m.drop(columns="_t"))


def real_prices(prices: pd.DataFrame, deflator: pd.Series, base: str) -> pd.DataFrame:
    """Prices in ``base``-period money: :math:`p_t \\, D_B / D_t`.

    Parameters
    ----------
    prices : DataFrame
        ``date, price`` and the series keys.
    deflator : Series
        Index values by month (PeriodIndex or dates), e.g. a CPI; months without a value give
        no real price.
    base : str
        Month (``"2015-01"``) or year (``"2015"``: the mean of its months).

    Examples
    --------
    >>> d = pd.Series([100.0, 200.0], index=pd.PeriodIndex(["2015-01", "2016-01"], freq="M"))
    >>> p = pd.DataFrame({"product": "rice", "market": "Taraz", "stage": "retail",
    ...     "date": ["2015-01-15", "2016-01-15"], "price": [100.0, 300.0]})
    >>> real_prices(p, d, "2015-01")["real_price"].tolist()
    [100.0, 150.0]
    """
    d = deflator.copy()
    if not isinstance(d.index, pd.PeriodIndex):
        d.index = pd.to_datetime(d.index).to_period("M")
    b = pd.Period(base, freq="M" if len(str(base)) > 4 else "Y")
    ref = d[d.index.year == b.year].mean() if b.freqstr.startswith("Y") else d.get(b)
    if ref is None or pd.isna(ref):
        raise ValueError(f"the deflator has no value for the base period {base}")
    m = _monthly(prices)
    m["deflator"] = m["month"].map(d)
    m["real_price"] = m["price"] * ref / m["deflator"]
    return m
