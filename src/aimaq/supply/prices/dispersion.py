"""Regional dispersion of prices: how far apart cities are for one product and month.

For product :math:`j` in month :math:`t` over the :math:`n` cities observed,

.. math::

    CV_{jt} = \\frac{s_{jt}}{\\bar p_{jt}}, \\qquad R_{jt} = \\frac{\\max_c p_{cjt}}{\\min_c p_{cjt}},

with :math:`s` the sample standard deviation (``ddof=1``) and :math:`\\bar p` the unweighted
mean of the cities' monthly mean prices. National averages (market ``Kazakhstan``) are left
out. A month with fewer than ``min_markets`` cities gets no row.

References
----------
Coefficient of variation and max/min ratio as measures of spatial price dispersion: e.g.
Parsley, D. C., & Wei, S.-J. (1996). Convergence to the law of one price without trade
barriers or currency fluctuations. *Quarterly Journal of Economics*, 111(4), 1211–1236.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["DispersionResult", "dispersion"]


@dataclass(frozen=True)
class DispersionResult:
    """Dispersion per product and month.

    Attributes
    ----------
    frame : DataFrame
        ``product, stage, month, n, mean, sd, cv, min, max, ratio, cheapest, dearest``.
    """

    frame: pd.DataFrame

    def latest(self) -> pd.DataFrame:
        """The newest month of each product."""
        return (
            self.frame.sort_values("month")
            .groupby(["product", "stage"])
            .tail(1)
            .reset_index(drop=True)
        )


def dispersion(prices: pd.DataFrame, min_markets: int = 2) -> DispersionResult:
    """Coefficient of variation, max/min ratio, cheapest and dearest city per product and month.

    Parameters
    ----------
    prices : DataFrame
        ``product, market, date, stage, price``.
    min_markets : int
        Cities needed in a month.

    Examples
    --------
    >>> p = pd.DataFrame({"product": "onions", "stage": "retail", "date": "2023-01-15",
    ...     "market": ["Taraz", "Astana", "Aktau"], "price": [126.0, 193.0, 180.0]})
    >>> r = dispersion(p).frame.iloc[0]
    >>> round(float(r["ratio"]), 4), r["cheapest"], r["dearest"]
    (1.5317, 'Taraz', 'Astana')
    """
    df = prices[prices["market"] != "Kazakhstan"].copy()
    df["month"] = pd.to_datetime(df["date"]).dt.to_period("M")
    city = (
        df.groupby(["product", "stage", "month", "market"], observed=True)["price"]
        .mean()
        .reset_index()
    )
    g = city.groupby(["product", "stage", "month"], observed=True)["price"]
    out = g.agg(n="count", mean="mean", sd="std", min="min", max="max").reset_index()
    lo = city.loc[g.idxmin(), ["product", "stage", "month", "market"]].rename(
        columns={"market": "cheapest"}
    )
    hi = city.loc[g.idxmax(), ["product", "stage", "month", "market"]].rename(
        columns={"market": "dearest"}
    )
    out = out.merge(lo, on=["product", "stage", "month"]).merge(
        hi, on=["product", "stage", "month"]
    )
    out["cv"] = out["sd"] / out["mean"]
    out["ratio"] = out["max"] / out["min"]
    out = out[out["n"] >= min_markets]
    cols = [
        "product",
        "stage",
        "month",
        "n",
        "mean",
        "sd",
        "cv",
        "min",
        "max",
        "ratio",
        "cheapest",
        "dearest",
    ]
    return DispersionResult(out[cols].sort_values(["product", "month"]).reset_index(drop=True))
