"""Plotly charts of the report: rankings, small multiples, Lorenz curves, scatter plots.

Figures are plain plotly figure dicts (``{"data": [...], "layout": {...}}``), rendered by
:func:`to_div` with ``include_plotlyjs=False``; ``plotly.graph_objects.Figure(fig)`` turns any
of them into a validated figure object. The maps are in :mod:`aimaq.report.maps`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aimaq.geo import registry
from aimaq.report.text import fmt_number, t

__all__ = [
    "bar_ranking",
    "base_layout",
    "lorenz",
    "relative_scatter",
    "separators",
    "small_multiples",
    "to_div",
]

_FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", size=12)
_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def separators(lang: str) -> str:
    """Plotly ``layout.separators`` (decimal, thousands) for ``lang``."""
    return ".," if lang == "en" else ",\u00a0"


def to_div(fig, div_id: str) -> str:
    """HTML ``<div>`` of ``fig`` without plotly.js (the page embeds it once).

    ``fig`` is a ``plotly.graph_objects.Figure`` or a figure dict built here; dicts are passed
    unvalidated (plotly.py's validation of every property costs more than building the
    report's figures).
    """
    import plotly.io as pio

    return pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=div_id,
        config=_CONFIG,
        validate=not isinstance(fig, dict),
    )


def base_layout(title: str, height: int, **kw) -> dict:
    """The layout every chart and map of the report starts from (title, font, margins)."""
    lay = {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "font": _FONT,
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hoverlabel": {"font": _FONT},
    }
    lay.update(kw)
    return lay


def bar_ranking(
    values: pd.Series,
    national: float | None,
    *,
    title: str,
    unit: str,
    lang: str = "en",
    direction: str = "higher_better",
    digits: int = 1,
) -> dict:
    """Horizontal ranking bars, best at the top, with the national value marked (a dict)."""
    v = values.dropna().astype(float)
    worse_high = direction == "higher_worse"
    v = v.sort_values(ascending=not worse_high)  # plotly draws the first bar at the bottom
    names = [registry.name(c, lang) for c in v.index]
    has_nat = national is not None and math.isfinite(national)
    if has_nat and direction != "neutral":
        good = (v >= national) if not worse_high else (v <= national)
        colours = np.where(good, "#2b8cbe", "#fc8d59").tolist()
    else:
        colours = ["#2b8cbe"] * len(v)
    text = [fmt_number(x, lang, digits) for x in v]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "x": v.to_numpy(),
            "y": names,
            "marker": {"color": colours},
            "text": text,
            "textposition": "outside",
            "cliponaxis": False,
            "hovertext": [f"{n}: {s} {unit}" for n, s in zip(names, text, strict=True)],
            "hoverinfo": "text",
            "showlegend": False,
        }
    ]
    shapes, notes = [], []
    if has_nat:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": national,
                "x1": national,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#333", "dash": "dash", "width": 1.5},
            }
        )
        notes.append(
            {
                "x": national,
                "y": 1.0,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11, "color": "#333"},
                "bgcolor": "rgba(255,255,255,0.8)",
                "text": f"{t('national', lang)}: {fmt_number(national, lang, digits)}",
            }
        )
    layout = base_layout(
        title,
        120 + 22 * len(v),
        shapes=shapes,
        annotations=notes,
        margin={"l": 10, "r": 70, "t": 60, "b": 50},
        xaxis={
            "title": {"text": unit},
            "gridcolor": "#eee",
            "zeroline": True,
            "zerolinecolor": "#bbb",
        },
        yaxis={"automargin": True},
    )
    return {"data": data, "layout": layout}


def small_multiples(
    panel: pd.DataFrame,
    national: pd.Series | None,
    *,
    title: str,
    unit: str,
    lang: str = "en",
    cols: int = 4,
    digits: int = 1,
) -> dict:
    """One small line chart per region (rows of ``cols``), the national series dashed (a dict)."""
    codes = list(panel.index)
    rows = math.ceil(len(codes) / cols)
    years = [int(y) for y in panel.columns]
    hgap, vgap = 0.06, 0.32 / rows
    w = (1 - hgap * (cols - 1)) / cols
    h = (1 - vgap * (rows - 1)) / rows
    nat = national.reindex(panel.columns).astype(float).to_numpy() if national is not None else None
    fmt = f"%{{x}}: %{{y:,.{digits}f}} {unit}<extra>%{{fullData.name}}</extra>"
    data, notes, layout_axes = [], [], {}
    for i, code in enumerate(codes):
        r, c = divmod(i, cols)
        n = "" if i == 0 else str(i + 1)
        x0 = c * (w + hgap)
        y1 = 1 - r * (h + vgap)
        layout_axes[f"xaxis{n}"] = {
            "domain": [x0, x0 + w],
            "anchor": f"y{n}",
            "tickvals": years,
            "tickformat": "d",
            "gridcolor": "#f0f0f0",
            "tickfont": {"size": 9},
            "showticklabels": r == rows - 1 or i + cols >= len(codes),
        }
        layout_axes[f"yaxis{n}"] = {
            "domain": [y1 - h, y1],
            "anchor": f"x{n}",
            "gridcolor": "#f0f0f0",
            "tickfont": {"size": 9},
            "rangemode": "tozero",
        }
        name = registry.name(code, lang)
        data.append(
            {
                "type": "scatter",
                "x": years,
                "y": panel.loc[code].astype(float).to_numpy(),
                "xaxis": f"x{n}",
                "yaxis": f"y{n}",
                "mode": "lines+markers",
                "name": name,
                "line": {"color": "#2b8cbe", "width": 2},
                "marker": {"size": 4},
                "showlegend": False,
                "hovertemplate": fmt,
            }
        )
        if nat is not None:
            data.append(
                {
                    "type": "scatter",
                    "x": years,
                    "y": nat,
                    "xaxis": f"x{n}",
                    "yaxis": f"y{n}",
                    "mode": "lines",
                    "name": t("national", lang),
                    "showlegend": False,
                    "line": {"color": "#777", "dash": "dash", "width": 1},
                    "hovertemplate": fmt,
                }
            )
        notes.append(
            {
                "text": name,
                "x": x0 + w / 2,
                "y": y1,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11},
            }
        )
    layout = base_layout(title, 60 + 150 * rows, annotations=notes, **layout_axes)
    return {"data": data, "layout": layout}


def lorenz(
    values: pd.Series,
    population: pd.Series | None,
    *,
    title: str,
    lang: str = "en",
    gini: float | None = None,
    gini_w: float | None = None,
) -> tuple[dict, pd.DataFrame]:
    """Lorenz curve of a per-capita indicator (population weighted, and unweighted).

    With regions sorted by ``y_i`` ascending, the weighted curve joins the points
    ``(sum_j<=i P_j / P, sum_j<=i P_j y_j / sum P y)``; the unweighted one gives each region
    the weight ``1/n``.

    Returns
    -------
    (figure, points)
        ``figure`` is a plotly figure dict; ``points`` has one row per region with the
        cumulative shares.
    """
    v = values.dropna().astype(float).sort_values()
    names = [""] + [registry.name(c, lang) for c in v.index]
    hover = "%{text}<br>%{x:.3f}, %{y:.3f}<extra></extra>"
    data = [
        {
            "type": "scatter",
            "x": [0, 1],
            "y": [0, 1],
            "mode": "lines",
            "hoverinfo": "skip",
            "line": {"color": "#999", "dash": "dot"},
            "name": t("equality", lang),
        }
    ]
    n = len(v)
    cu = np.concatenate([[0], np.cumsum(v.to_numpy()) / v.sum()])
    xu = np.linspace(0, 1, n + 1)
    label_u = t("unweighted", lang) + (
        f", Gini {fmt_number(gini, lang, 3)}" if gini is not None else ""
    )
    data.append(
        {
            "type": "scatter",
            "x": xu,
            "y": cu,
            "mode": "lines+markers",
            "name": label_u,
            "line": {"color": "#fc8d59"},
            "text": names,
            "hovertemplate": hover,
        }
    )
    points = pd.DataFrame(
        {"cum_region_share": xu[1:], "cum_share_unweighted": cu[1:]}, index=v.index
    )
    if population is not None:
        p = population.reindex(v.index).astype(float)
        if p.notna().all():
            cp = np.concatenate([[0], np.cumsum(p.to_numpy()) / p.sum()])
            inc = v.to_numpy() * p.to_numpy()
            ci = np.concatenate([[0], np.cumsum(inc) / inc.sum()])
            label_w = t("weighted", lang) + (
                f", Gini {fmt_number(gini_w, lang, 3)}" if gini_w is not None else ""
            )
            data.append(
                {
                    "type": "scatter",
                    "x": cp,
                    "y": ci,
                    "mode": "lines+markers",
                    "name": label_w,
                    "line": {"color": "#2b8cbe", "width": 2.5},
                    "text": names,
                    "hovertemplate": hover,
                }
            )
            points["cum_population_share"] = cp[1:]
            points["cum_income_share"] = ci[1:]
    layout = base_layout(
        title,
        480,
        margin={"l": 10, "r": 10, "t": 50, "b": 50},
        xaxis={
            "title": {"text": t("lorenz_x", lang) + " / " + t("lorenz_regions_x", lang).lower()},
            "range": [0, 1],
            "gridcolor": "#eee",
            "constrain": "domain",
        },
        yaxis={
            "title": {"text": t("lorenz_y", lang)},
            "range": [0, 1],
            "gridcolor": "#eee",
            "scaleanchor": "x",
            "scaleratio": 1,
        },
        legend={"x": 0.02, "y": 0.98, "bgcolor": "rgba(255,255,255,0.85)"},
    )
    return {"data": data, "layout": layout}, points


def relative_scatter(
    x: pd.Series,
    y: pd.Series,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    lang: str = "en",
    highlight: list[str] | None = None,
    highlight_label: str = "",
    other_label: str = "",
    digits: int = 2,
) -> dict:
    """Labelled scatter of two ratios to the national value (1 = national), as a figure dict.

    Dashed lines mark the national value (1) on both axes and the diagonal ``y = x``; points
    below the diagonal have ``y`` lower than ``x`` relative to the nation. ``highlight`` codes
    are drawn in a second colour with their own legend entry.
    """
    idx = x.index.intersection(y.index)
    xv, yv = x.reindex(idx).astype(float), y.reindex(idx).astype(float)
    hi = set(highlight or [])
    data = []
    for sel, colour, label in (
        ([c for c in idx if c not in hi], "#2b8cbe", other_label),
        ([c for c in idx if c in hi], "#d7301f", highlight_label),
    ):
        if not sel:
            continue
        names = [registry.name(c, lang) for c in sel]
        data.append(
            {
                "type": "scatter",
                "x": xv.loc[sel].to_numpy(),
                "y": yv.loc[sel].to_numpy(),
                "mode": "markers+text",
                "text": names,
                "textposition": "top center",
                "textfont": {"size": 10, "color": "#333"},
                "hovertext": [
                    f"{n}: {fmt_number(a, lang, digits)}; {fmt_number(b, lang, digits)}"
                    for n, a, b in zip(names, xv.loc[sel], yv.loc[sel], strict=True)
                ],
                "hoverinfo": "text",
                "name": label,
                "showlegend": bool(label),
                "marker": {"size": 9, "color": colour, "line": {"color": "#fff", "width": 1}},
            }
        )
    top = float(np.nanmax([xv.max(), yv.max(), 1.0])) * 1.08
    line = {"color": "#777", "dash": "dash", "width": 1}
    shapes = [
        {"type": "line", "x0": 0, "x1": top, "y0": 0, "y1": top, "line": dict(line, dash="dot")},
        {"type": "line", "x0": 1, "x1": 1, "y0": 0, "y1": top, "line": line},
        {"type": "line", "x0": 0, "x1": top, "y0": 1, "y1": 1, "line": line},
    ]
    layout = base_layout(
        title,
        520,
        shapes=shapes,
        margin={"l": 10, "r": 10, "t": 50, "b": 50},
        xaxis={"title": {"text": xlabel}, "range": [0, top], "gridcolor": "#eee"},
        yaxis={"title": {"text": ylabel}, "range": [0, top], "gridcolor": "#eee"},
        legend={"x": 0.98, "xanchor": "right", "y": 0.02, "bgcolor": "rgba(255,255,255,0.85)"},
        hovermode="closest",
    )
    return {"data": data, "layout": layout}
