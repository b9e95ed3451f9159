"""Content of the report's price section, as pure functions: the alert heat-map (city ×
product × month), price lines with the seasonal trend and alert markers, the dispersion chart,
and the table of the latest alerts. Figures are plotly figure dicts (render with
:func:`aimaq.report.charts.to_div`); every label is in the report's language (kk, ru, en).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from aimaq.catalogue.products import market_name, product_name
from aimaq.supply.prices.alps import ALPS_CLASSES, ALPSResult, alps
from aimaq.supply.prices.dispersion import dispersion

__all__ = [
    "TEXT",
    "PriceSection",
    "alert_heatmap",
    "dispersion_chart",
    "price_lines",
    "price_section",
]

COLOURS = {"normal": "#d9f0d3", "stress": "#fee08b", "alert": "#fc8d59", "crisis": "#d73027"}


def _labels() -> dict:
    import tomllib
    from importlib import resources

    return tomllib.loads(
        resources.files("aimaq.data").joinpath("prices", "labels.toml").read_text("utf-8")
    )


#: labels of the section by language (``aimaq/data/prices/labels.toml``)
TEXT = _labels()
_UNITS = {
    "en": {"kg": "kg", "l": "l", "10 pcs": "10 pcs"},
    "ru": {"kg": "кг", "l": "л", "10 pcs": "10 шт."},
    "kk": {"kg": "кг", "l": "л", "10 pcs": "10 дана"},
}


def alert_heatmap(result: ALPSResult, lang: str = "en", months: int = 24) -> dict:
    """Heat-map of ALPS classes: rows city · product, columns the last ``months`` months."""
    t = TEXT[lang]
    f = result.frame[result.frame["cls"] != "insufficient history"]
    last = f["month"].max()
    f = f[f["month"] > last - months]
    f = f.assign(
        row=[
            f"{market_name(m, lang)} · {product_name(p, lang)}"
            for m, p in zip(f["market"], f["product"], strict=True)
        ]
    )
    code = f["cls"].astype(str).map({c: i for i, c in enumerate(ALPS_CLASSES)})
    z = f.assign(code=code).pivot_table(
        index="row", columns="month", values="code", aggfunc="first"
    )
    a = f.pivot_table(index="row", columns="month", values="alps", aggfunc="first").reindex_like(z)
    n = len(ALPS_CLASSES)
    scale = []
    for i, c in enumerate(ALPS_CLASSES):
        scale += [[i / n, COLOURS[c]], [(i + 1) / n, COLOURS[c]]]
    names = [
        [t["classes"][ALPS_CLASSES[int(v)]] if v == v else "" for v in row] for row in z.to_numpy()
    ]
    return {
        "data": [
            {
                "type": "heatmap",
                "z": z.to_numpy().tolist(),
                "x": [str(m) for m in z.columns],
                "y": list(z.index),
                "zmin": -0.5,
                "zmax": n - 0.5,
                "colorscale": scale,
                "customdata": [
                    [
                        [nm, None if v != v else round(float(v), 2)]
                        for nm, v in zip(nr, ar, strict=True)
                    ]
                    for nr, ar in zip(names, a.to_numpy(), strict=True)
                ],
                "hovertemplate": "%{y}<br>%{x}: %{customdata[0]} (ALPS %{customdata[1]})<extra></extra>",
                "colorbar": {
                    "tickvals": list(range(n)),
                    "ticktext": [t["classes"][c] for c in ALPS_CLASSES],
                },
                "xgap": 1,
                "ygap": 1,
            }
        ],
        "layout": {
            "title": {"text": t["heat"].format(n=months)},
            "height": 120 + 18 * len(z),
            "margin": {"l": 220, "r": 10, "t": 50, "b": 40},
            "yaxis": {"autorange": "reversed"},
        },
    }


def price_lines(result: ALPSResult, product: str, lang: str = "en") -> dict:
    """Price of ``product`` in each city with its fitted seasonal trend; markers on alerts."""
    from aimaq.catalogue.products import products

    t = TEXT[lang]
    unit = _UNITS[lang][products().at[product, "unit"]]
    f = result.frame[result.frame["product"] == product]
    data = []
    for market, g in f.groupby("market", observed=True):
        x = [str(m) for m in g["month"]]
        name = market_name(market, lang)
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": x,
                "y": g["price"].tolist(),
                "name": name,
                "legendgroup": name,
            }
        )
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": x,
                "y": g["trend"].tolist(),
                "name": f"{name}: {t['trend']}",
                "legendgroup": name,
                "line": {"dash": "dot", "width": 1},
                "showlegend": False,
            }
        )
        for c in ("stress", "alert", "crisis"):
            h = g[g["cls"] == c]
            if len(h):
                data.append(
                    {
                        "type": "scatter",
                        "mode": "markers",
                        "x": [str(m) for m in h["month"]],
                        "y": h["price"].tolist(),
                        "name": t["classes"][c],
                        "legendgroup": c,
                        "marker": {"color": COLOURS[c], "size": 7, "line": {"width": 0.5}},
                        "customdata": h["alps"].round(2).tolist(),
                        "hovertemplate": f"{name} %{{x}}: %{{y}} (ALPS %{{customdata}})<extra></extra>",
                        "showlegend": False,
                    }
                )
    return {
        "data": data,
        "layout": {
            "title": {"text": t["lines"].format(product=product_name(product, lang))},
            "yaxis": {"title": {"text": t["price"].format(unit=unit)}},
            "height": 380,
        },
    }


def dispersion_chart(prices: pd.DataFrame, lang: str = "en") -> dict:
    """Coefficient of variation across cities per product over time (lines)."""
    t = TEXT[lang]
    d = dispersion(prices).frame
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers" if len(g) < 3 else "lines",
            "x": [str(m) for m in g["month"]],
            "y": g["cv"].round(4).tolist(),
            "name": product_name(p, lang),
            "customdata": [
                [market_name(a, lang), market_name(b, lang), int(n)]
                for a, b, n in zip(g["cheapest"], g["dearest"], g["n"], strict=True)
            ],
            "hovertemplate": "%{x}: CV %{y}<br>↓ %{customdata[0]} ↑ %{customdata[1]} (n=%{customdata[2]})<extra></extra>",
        }
        for p, g in d.groupby("product")
    ]
    return {
        "data": data,
        "layout": {
            "title": {"text": t["disp"]},
            "yaxis": {"title": {"text": t["cv"]}, "rangemode": "tozero"},
            "height": 340,
        },
    }


@dataclass(frozen=True)
class PriceSection:
    """What the report's price section shows."""

    title: str
    latest_month: str
    heatmap: dict
    lines: dict  # product id -> figure
    dispersion: dict
    alerts: pd.DataFrame
    source: str


def price_section(prices: pd.DataFrame, lang: str = "en", months: int = 24) -> PriceSection:
    """Build the price section from a price frame (retail prices of the cities)."""
    from aimaq.supply.prices.views import alerts_table

    t = TEXT[lang]
    cities = prices[(prices["market"] != "Kazakhstan") & (prices["stage"] == "retail")]
    r = alps(cities)
    last = r.frame.loc[r.frame["cls"] != "insufficient history", "month"].max()
    f = r.frame
    shown = f[(f["month"] > last - months) & (f["cls"] != "insufficient history")]
    lines = {p: price_lines(r, p, lang) for p in sorted(shown["product"].unique())}
    al = alerts_table(cities)
    return PriceSection(
        title=t["title"],
        latest_month=str(last),
        heatmap=alert_heatmap(r, lang, months),
        lines=lines,
        dispersion=dispersion_chart(cities, lang),
        alerts=al[al["month"] > last - months].reset_index(drop=True),
        source=t["source"],
    )
