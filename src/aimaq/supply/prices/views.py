"""The tables the CLI, the API and the report show: alerts, markups, dispersion (pure
functions of a price frame from :meth:`aimaq.supply.prices.store.PriceStore.prices`)."""

from __future__ import annotations

import pandas as pd

from aimaq.supply.prices.alps import alps
from aimaq.supply.prices.dispersion import dispersion
from aimaq.supply.prices.giews import ipa
from aimaq.supply.prices.markups import stage_markups

__all__ = ["alerts_table", "dispersion_table", "markups_table"]

ALERT_COLUMNS = [
    "month",
    "market",
    "region",
    "product",
    "stage",
    "cls",
    "alps",
    "price",
    "trend",
    "sigma",
    "n",
    "since",
    "ipa",
    "ipa_cls",
    "source",
]


def alerts_table(
    prices: pd.DataFrame,
    *,
    region: str | None = None,
    product: str | None = None,
    since: str | None = None,
    classes=("stress", "alert", "crisis"),
) -> pd.DataFrame:
    """ALPS alerts newest first, each with the figures it rests on and the GIEWS IPA beside.

    ``since`` (``YYYY-MM``) and the filters apply to the months shown; the fits always use the
    whole history up to each month.
    """
    p = prices
    if region is not None:
        p = p[p["region"] == region]
    if product is not None:
        p = p[p["product"] == product]
    p = p[p["market"] != "Kazakhstan"]
    if p.empty:
        return pd.DataFrame(columns=ALERT_COLUMNS)
    keys = ["market", "product", "stage"]
    a = alps(p).alerts(classes)
    g = ipa(p).frame[[*keys, "month", "ipa", "cls"]].rename(columns={"cls": "ipa_cls"})
    a = a.merge(g, on=[*keys, "month"], how="left")
    meta = p.assign(month=pd.to_datetime(p["date"]).dt.to_period("M"))
    meta = meta.groupby([*keys, "month"], observed=True).agg(
        region=("region", "first"), source=("source", lambda s: "; ".join(dict.fromkeys(s)))
    )
    a = a.join(meta, on=[*keys, "month"])
    if since is not None:
        a = a[a["month"] >= pd.Period(since, freq="M")]
    a["cls"] = a["cls"].astype(str)
    return (
        a[ALERT_COLUMNS]
        .sort_values(["month", "alps"], ascending=[False, False])
        .reset_index(drop=True)
    )


def markups_table(prices: pd.DataFrame, cap_pct: float | None = None) -> pd.DataFrame:
    """Markups between stages, newest first, with the cap flags."""
    r = stage_markups(prices, cap_pct=cap_pct)
    return r.frame.sort_values(["month", "markup_pct"], ascending=[False, False]).reset_index(
        drop=True
    )


def dispersion_table(prices: pd.DataFrame, latest: bool = False) -> pd.DataFrame:
    """Regional dispersion per product and month (``latest``: the newest month of each)."""
    r = dispersion(prices)
    f = r.latest() if latest else r.frame
    return f.sort_values(["month", "cv"], ascending=[False, False]).reset_index(drop=True)
