"""Plotly figures of the report: classed choropleths, rankings, small multiples, Lorenz, LISA.

Figures are plain plotly figure dicts (``{"data": [...], "layout": {...}}``), rendered by
:func:`to_div` with ``include_plotlyjs=False``; ``plotly.graph_objects.Figure(fig)`` turns any
of them into a validated figure object.

Maps are drawn as filled polygons on plain cartesian axes in a Lambert azimuthal equal-area
projection centred on Kazakhstan. They therefore need no base-map tiles or topojson: the
figures render offline from the data they carry.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pandas as pd

from aimaq.geo import registry
from aimaq.report.text import fmt_number, t

__all__ = [
    "CATEGORY_COLOURS",
    "LISA_COLOURS",
    "PALETTES",
    "bar_ranking",
    "categorical_map",
    "choropleth",
    "classify",
    "fisher_jenks_bins",
    "lisa_map",
    "lorenz",
    "points_map",
    "project",
    "relative_scatter",
    "separators",
    "small_multiples",
    "to_div",
]

#: Projection of the maps (km).
MAP_CRS = "+proj=laea +lat_0=48 +lon_0=67 +x_0=0 +y_0=0 +ellps=WGS84 +units=km +no_defs"
#: Sequential palettes (light -> dark), 5 classes, colour-blind safe (ColorBrewer).
PALETTES = {
    "higher_better": ["#edf8fb", "#b2e2e2", "#66c2a4", "#2ca25f", "#006d2c"],
    "higher_worse": ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],
    "neutral": ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"],
    "diverging": ["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"],
}
NO_DATA = "#d9d9d9"
#: Qualitative palette for categories (ColorBrewer Set2, colour-blind safe for up to 6).
CATEGORY_COLOURS = ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494"]
LISA_COLOURS = {
    "High-High": "#d7191c",
    "Low-Low": "#2c7bb6",
    "High-Low": "#fdae61",
    "Low-High": "#abd9e9",
    "not significant": "#eeeeee",
}
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


# ---------------------------------------------------------------------------------------------
# maps
# ---------------------------------------------------------------------------------------------
@cache
def _shapes(
    borders: int | None, tolerance: float = 0.02
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Projected outline coordinates (km) of each region, rings separated by NaN.

    Kept in the per-user cache (``.npz`` keyed by the boundary file's hash, the division and
    the tolerance), since simplifying and projecting take longer than the rest of a map.
    """
    from aimaq.geo import polygons

    codes = registry.region_codes(borders)
    d = polygons.cache_dir()
    key = f"{polygons.source_digest()[:16]}-{'_'.join(codes)}-{tolerance}-{MAP_CRS}"
    cf = None
    if d is not None:
        import hashlib

        cf = d / f"map-shapes-{hashlib.sha256(key.encode()).hexdigest()[:20]}.npz"
        if cf.exists():
            try:
                with np.load(cf) as z:
                    return {c: (z[f"{c}_x"], z[f"{c}_y"]) for c in codes}
            except (OSError, KeyError, ValueError):
                pass
    out = _project(borders, tolerance)
    if cf is not None:
        import os

        try:
            cf.parent.mkdir(parents=True, exist_ok=True)
            tmp = cf.with_name(f"{cf.stem}.{os.getpid()}.tmp.npz")
            np.savez(
                tmp, **{f"{c}_{ax}": xy[i] for c, xy in out.items() for i, ax in enumerate("xy")}
            )
            os.replace(tmp, cf)
        except OSError:
            pass
    return out


def _project(borders: int | None, tolerance: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    import shapely
    from pyproj import Transformer

    from aimaq.geo.polygons import load_polygons

    gdf = load_polygons(borders=borders, tolerance=tolerance)
    tr = Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)
    out = {}
    for code, geom in gdf.geometry.items():
        parts = getattr(geom, "geoms", [geom])
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        for p in parts:
            if p.geom_type != "Polygon" or p.is_empty:
                continue
            for ring in [p.exterior, *p.interiors]:
                c = shapely.get_coordinates(ring)
                x, y = tr.transform(c[:, 0], c[:, 1])
                xs += [np.round(x, 1), np.array([np.nan])]
                ys += [np.round(y, 1), np.array([np.nan])]
        out[code] = (np.concatenate(xs), np.concatenate(ys))
    return out


def _draw_order(codes: list[str]) -> list[str]:
    """Oblasts first, cities last (cities are enclaves drawn on top)."""
    kind = {c: registry.get(c).kind for c in codes}
    return [c for c in codes if kind[c] != "city"] + [c for c in codes if kind[c] == "city"]


def fisher_jenks_bins(y: np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of the ``k`` Fisher-Jenks classes of ``y``, as ``mapclassify.FisherJenks``.

    The same dynamic programme as mapclassify's ``_fisher_jenks_means`` (Jenks 1977; Fisher
    1958), in the same float32 arithmetic, so the classes are identical (checked in the tests).
    Kept here because importing :mod:`mapclassify` costs over a second (it imports scikit-learn
    and matplotlib at module level) for a 20-value classification.
    """
    values = np.sort(np.asarray(y, dtype="f8"))
    n = len(values)
    mat1 = np.zeros((n + 1, k + 1), dtype=np.int32)
    mat2 = np.zeros((n + 1, k + 1), dtype=np.float32)
    mat1[1, 1:] = 1
    mat2[2:, 1:] = np.inf
    v = np.float32(0)
    for ell in range(2, n + 1):
        s1 = s2 = w = np.float32(0)
        for m in range(1, ell + 1):
            i3 = ell - m + 1
            val = np.float32(values[i3 - 1])
            s2 += val * val
            s1 += val
            w += np.float32(1)
            v = s2 - (s1 * s1) / w
            i4 = i3 - 1
            if i4 != 0:
                for j in range(2, k + 1):
                    if mat2[ell, j] >= (v + mat2[i4, j - 1]):
                        mat1[ell, j] = i3
                        mat2[ell, j] = v + mat2[i4, j - 1]
        mat1[ell, 1] = 1
        mat2[ell, 1] = v
    kclass = np.zeros(k + 1, dtype=values.dtype)
    kclass[k] = values[-1]
    kclass[0] = values[0]
    last = n
    for count in range(k, 1, -1):
        pivot = mat1[last, count]
        kclass[count - 1] = values[int(pivot - 2)]
        last = int(pivot - 1)
    return np.delete(kclass, 0)


def classify(values: pd.Series, k: int = 5, scheme: str = "FisherJenks"):
    """Map classes of ``values`` (``k`` reduced when there are few distinct values).

    ``scheme`` names a :mod:`mapclassify` classifier (``FisherJenks``, ``Quantiles``,
    ``EqualInterval`` ...); Fisher-Jenks is computed by :func:`fisher_jenks_bins`, identical
    to ``mapclassify.FisherJenks``.

    Returns
    -------
    (yb, bins) : (pd.Series of int, np.ndarray)
        Class index per region (0 = lowest; a value ``x`` is in class ``c`` when
        ``bins[c-1] < x <= bins[c]``) and the classes' upper bounds.
    """
    v = values.dropna().astype(float)
    k = int(max(1, min(k, v.nunique())))
    if k < 2:
        return pd.Series(0, index=v.index), np.array([float(v.max())])
    if scheme == "FisherJenks":
        bins = fisher_jenks_bins(v.to_numpy(), k)
    else:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Numba not installed"
            import mapclassify

            bins = np.asarray(getattr(mapclassify, scheme)(v.to_numpy(), k=k).bins, float)
    yb = np.searchsorted(bins, v.to_numpy(), side="left")
    return pd.Series(yb.astype(int), index=v.index), bins


_LEGEND = dict(
    x=1.0,
    xanchor="left",
    y=0.5,
    yanchor="middle",
    bgcolor="rgba(255,255,255,0.85)",
    font=dict(size=11),
)


def _map_figure(
    shapes: dict,
    regions: list[tuple[str, str, str]],
    legend: list[tuple[str, str]],
    *,
    title: str,
    legend_title: str | None,
    height: int,
) -> dict:
    """A map as a plain plotly figure dict (filled outlines on equal-scale cartesian axes).

    Built as a dict rather than ``go.Figure``: plotly.py's validation of ~20 polygon traces per
    map costs more than the rest of the map, and the traces are simple.

    Parameters
    ----------
    regions : list of (code, fill colour, hover text)
    legend : list of (label, colour), drawn as square markers (the class legend)
    """
    data = []
    for code, colour, hover in regions:
        x, y = shapes[code]
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": y,
                "mode": "lines",
                "fill": "toself",
                "fillcolor": colour,
                "line": {"color": "#ffffff", "width": 0.8},
                "hoveron": "fills",
                "name": hover,
                "showlegend": False,
            }
        )
    for i, (lab, col) in enumerate(legend):
        data.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": lab,
                "legendrank": i + 1,
                "hoverinfo": "skip",
                "showlegend": True,
                "marker": {
                    "size": 13,
                    "symbol": "square",
                    "color": col,
                    "line": {"color": "#888", "width": 0.5},
                },
            }
        )
    xs = np.concatenate([x for x, _ in shapes.values()])
    ys = np.concatenate([y for _, y in shapes.values()])
    x0, x1, y0, y1 = (
        float(f(a)) for f, a in ((np.nanmin, xs), (np.nanmax, xs), (np.nanmin, ys), (np.nanmax, ys))
    )
    pad = 0.02 * (x1 - x0)
    leg = dict(_LEGEND)
    if legend_title:
        leg["title"] = {"text": legend_title}
    layout = _base_layout(
        title,
        height,
        hovermode="closest",
        legend=leg,
        # fixed ranges and equal scales: no autorange jumps on resize
        xaxis={"visible": False, "range": [x0 - pad, x1 + pad], "constrain": "domain"},
        yaxis={
            "visible": False,
            "range": [y0 - pad, y1 + pad],
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "domain",
        },
    )
    return {"data": data, "layout": layout}


def choropleth(
    values: pd.Series,
    *,
    title: str,
    unit: str,
    lang: str = "en",
    borders: int | None = None,
    direction: str = "higher_better",
    digits: int = 1,
    k: int = 5,
    scheme: str = "FisherJenks",
    height: int = 420,
) -> dict:
    """Classed choropleth of a regional indicator; the legend gives the classes with units.

    Parameters
    ----------
    values : pd.Series
        Value per region code (regions of ``borders`` without a value are drawn as "no data").
    title, unit : str
        Figure title and the unit shown in the legend title and class labels.
    borders : int, optional
        Division whose polygons are drawn.
    direction : str
        Catalogue direction: chooses the palette (dark = better for ``higher_better``, dark =
        worse for ``higher_worse``).
    k, scheme : int, str
        Number of classes and the :mod:`mapclassify` scheme (e.g. ``FisherJenks``, ``Quantiles``).

    Returns
    -------
    dict
        Plotly figure (``data``, ``layout``); render with :func:`to_div`.
    """
    shapes = _shapes(borders)
    v = values.reindex(list(shapes)).astype(float)
    yb, bins = classify(v, k, scheme)
    pal = PALETTES.get(direction, PALETTES["neutral"])
    n_cls = len(bins)
    colours = [pal[round(i * (len(pal) - 1) / max(n_cls - 1, 1))] for i in range(n_cls)]
    lows = [float(v.min())] + [float(b) for b in bins[:-1]]
    labels = [
        f"{fmt_number(lo, lang, digits)} – {fmt_number(hi, lang, digits)}"
        for lo, hi in zip(lows, bins, strict=True)
    ]
    regions = []
    for code in _draw_order(list(shapes)):
        val = v.get(code)
        has = val is not None and math.isfinite(val)
        name = registry.name(code, lang)
        hover = (
            f"{name}: {fmt_number(val, lang, digits)} {unit}"
            if has
            else f"{name}: {t('no_data', lang)}"
        )
        regions.append((code, colours[int(yb[code])] if has else NO_DATA, hover))
    legend = list(zip(labels, colours, strict=True))[::-1]  # highest class on top
    if v.isna().any():
        legend.append((t("no_data", lang), NO_DATA))
    return _map_figure(shapes, regions, legend, title=title, legend_title=unit, height=height)


def lisa_map(
    cluster: pd.Series,
    *,
    title: str,
    lang: str = "en",
    borders: int | None = None,
    height: int = 420,
) -> dict:
    """LISA cluster map: High-High, Low-Low, High-Low, Low-High, not significant (a dict)."""
    shapes = _shapes(borders)
    regions = []
    for code in _draw_order(list(shapes)):
        lab = cluster.get(code)
        text = t(lab, lang) if isinstance(lab, str) else t("no_data", lang)
        regions.append(
            (code, LISA_COLOURS.get(lab, NO_DATA), f"{registry.name(code, lang)}: {text}")
        )
    present = set(cluster.dropna())
    legend = [(t(c, lang), col) for c, col in LISA_COLOURS.items() if c in present]
    return _map_figure(shapes, regions, legend, title=title, legend_title=None, height=height)


def categorical_map(
    labels: pd.Series,
    categories: dict,
    *,
    title: str,
    lang: str = "en",
    borders: int | None = None,
    legend_title: str | None = None,
    hover: dict[str, str] | None = None,
    height: int = 420,
) -> dict:
    """Map of a categorical variable per region (e.g. types of regions), as a figure dict.

    Parameters
    ----------
    labels : pd.Series
        Category per region code (regions without one are drawn as "no data").
    categories : dict
        Category -> legend label, in legend order; colours from :data:`CATEGORY_COLOURS`.
    hover : dict, optional
        Region code -> extra hover text.
    """
    shapes = _shapes(borders)
    colour = {c: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, c in enumerate(categories)}
    regions = []
    for code in _draw_order(list(shapes)):
        cat = labels.get(code)
        has = cat is not None and cat in colour
        text = f"{registry.name(code, lang)}: " + (
            str(categories[cat]) if has else t("no_data", lang)
        )
        if hover and code in hover:
            text += f" ({hover[code]})"
        regions.append((code, colour[cat] if has else NO_DATA, text))
    legend = [(str(lab), colour[c]) for c, lab in categories.items()]
    if labels.reindex(list(shapes)).isna().any():
        legend.append((t("no_data", lang), NO_DATA))
    return _map_figure(
        shapes, regions, legend, title=title, legend_title=legend_title, height=height
    )


def project(lat, lon) -> tuple[np.ndarray, np.ndarray]:
    """Project WGS84 latitude/longitude to the maps' coordinates (km, :data:`MAP_CRS`)."""
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)
    x, y = tr.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.round(np.asarray(x, dtype=float), 1), np.round(np.asarray(y, dtype=float), 1)


def points_map(
    points: pd.DataFrame,
    *,
    title: str,
    lang: str = "en",
    borders: int | None = None,
    legend_label: str = "",
    colour: str = "#d7301f",
    height: int = 420,
) -> dict:
    """Point markers (e.g. towns) over the region outlines, as a figure dict.

    Parameters
    ----------
    points : pd.DataFrame
        Columns ``lat, lon, label`` (marker text) and ``hover``.
    legend_label : str
        Legend entry of the markers.
    """
    shapes = _shapes(borders)
    regions = [(code, "#f4f4f4", registry.name(code, lang)) for code in _draw_order(list(shapes))]
    fig = _map_figure(shapes, regions, [], title=title, legend_title=None, height=height)
    for tr in fig["data"]:
        tr["line"] = {"color": "#9aa5b1", "width": 0.8}
    x, y = project(points["lat"].to_numpy(float), points["lon"].to_numpy(float))
    fig["data"].append(
        {
            "type": "scatter",
            "x": x,
            "y": y,
            "mode": "markers+text",
            "text": list(points["label"]),
            "textposition": "top center",
            "textfont": {"size": 10, "color": "#333"},
            "hovertext": list(points["hover"]),
            "hoverinfo": "text",
            "name": legend_label,
            "showlegend": bool(legend_label),
            "marker": {
                "size": 8,
                "color": colour,
                "symbol": "circle",
                "line": {"color": "#ffffff", "width": 1},
            },
        }
    )
    return fig


# ---------------------------------------------------------------------------------------------
# charts
# ---------------------------------------------------------------------------------------------
def _base_layout(title: str, height: int, **kw) -> dict:
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
    layout = _base_layout(
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
    layout = _base_layout(title, 60 + 150 * rows, annotations=notes, **layout_axes)
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
    layout = _base_layout(
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
    layout = _base_layout(
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
