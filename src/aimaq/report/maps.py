"""Maps of the report: classed choropleths, LISA clusters, categories and points.

Maps are drawn as filled polygons on plain cartesian axes in a Lambert azimuthal equal-area
projection centred on Kazakhstan. They therefore need no base-map tiles or topojson: the
figures render offline from the data they carry (plain plotly figure dicts, rendered by
:func:`aimaq.report.charts.to_div`).
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pandas as pd

from aimaq.geo import registry
from aimaq.report.charts import base_layout
from aimaq.report.text import fmt_number, t

__all__ = [
    "CATEGORY_COLOURS",
    "LISA_COLOURS",
    "MAP_CRS",
    "NO_DATA",
    "PALETTES",
    "categorical_map",
    "choropleth",
    "classify",
    "fisher_jenks_bins",
    "lisa_map",
    "points_map",
    "project",
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
    layout = base_layout(
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
