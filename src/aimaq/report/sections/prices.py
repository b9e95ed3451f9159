"""Section: food prices — spike alerts (WFP ALPS, FAO GIEWS IPA) by city and product, price
lines with the alerts marked, regional dispersion; the latest months the price data has."""

from __future__ import annotations

import pandas as pd

from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import Column, table_of

__all__ = ["prices"]

_LINES = 2  # price-line charts shown: the products with the most alert/crisis months


def prices(ctx: Context, sec: Section) -> None:
    """Alert heat-map, price lines of the most alerted products, dispersion, alerts table."""
    from aimaq.catalogue.products import market_name, product_name
    from aimaq.supply.prices.section import TEXT, price_section
    from aimaq.supply.prices.store import PriceStore

    L = ctx.lang
    lab = TEXT[L]
    frame = PriceStore(ctx.data.store).prices()  # bundled prices load on first use
    cities = frame[(frame["market"] != "Kazakhstan") & (frame["stage"] == "retail")]
    if cities.empty:
        raise NoData(lab["no_prices"])
    s = price_section(frame, L)
    if s.latest_month == "NaT":
        raise NoData(lab["no_prices"])
    first = str(cities["date"].min().to_period("M"))
    ctx.text(sec, f"<p class='note'>{lab['intro'].format(first=first, last=s.latest_month)}</p>")
    ctx.figure(sec, s.heatmap, lab["source"])
    al = s.alerts
    hot = al[al["cls"].isin(["alert", "crisis"])]["product"].value_counts()
    for product in list(hot.index[:_LINES]) or list(s.lines)[:_LINES]:
        ctx.figure(sec, s.lines[product], lab["source"])
    ctx.figure(sec, s.dispersion, lab["source"])
    cls = lab["classes"]
    rows = [
        [
            str(r.month),
            market_name(r.market, L),
            product_name(r.product, L),
            cls[r.cls],
            r.alps,
            r.price,
            r.trend,
            r.sigma,
            r.ipa,
            cls.get(r.ipa_cls, "") if isinstance(r.ipa_cls, str) else "",
        ]
        for r in al.itertuples(index=False)
    ]
    start = str(al["month"].min()) if len(al) else s.latest_month
    ctx.table(
        sec,
        table_of(
            "price_alerts",
            lab["alerts_table"].format(start=start, end=s.latest_month),
            [
                Column(lab["month"]),
                Column(lab["city"]),
                Column(lab["product"]),
                Column(lab["cls"]),
                Column(lab["alps"], 2),
                Column(lab["price_col"], 0),
                Column(lab["trend_col"], 1),
                Column(lab["sigma"], 1),
                Column(lab["ipa"], 2),
                Column(lab["ipa_cls"]),
            ],
            rows,
            notes=[lab["latest"].format(month=s.latest_month)],
            sources=sorted(set(pd.Series(al["source"]).dropna())) or [lab["source"]],
        ),
        collapsed=True,
    )
