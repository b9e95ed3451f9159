"""GeoJSON export and self-contained (offline) HTML maps of siting results.

The HTML map draws region outlines from the bundled boundary polygons on plain axes in an
equal-area projection (as the report's maps do) and embeds plotly.js, so it opens without network
access: no CDN, no tiles, no topojson. Boundaries: :data:`aimaq.geo.polygons.SOURCE`; settlement
data: GeoNames (https://www.geonames.org, CC BY 4.0).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from aimaq.supply.siting import SitingResult

__all__ = ["CITIES", "MAP_CRS", "result_geojson", "write_geojson", "write_html_map"]

_CLASS_COLOURS = {"frozen": "#1f77b4", "chilled": "#17becf", "dry": "#d62728"}


def _clean(v):
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if not math.isfinite(float(v)) else float(v)
    if v is pd.NA or v is None:
        return None
    return v if isinstance(v, (int, str)) else str(v)


def result_geojson(result: SitingResult, min_tonnes: float = 0.0) -> dict:
    """GeoJSON FeatureCollection of candidate sites (points) and flows (lines).

    Parameters
    ----------
    result : SitingResult
    min_tonnes : float
        Omit flows below this volume.

    Returns
    -------
    dict
        Features with ``properties.feature`` = ``"site"`` (id, name, open, modules,
        throughput, utilisation) or ``"flow"`` (kind, class, origin, destination, tonnes, km,
        cost). Coordinates are WGS84 ``[lon, lat]``.
    """
    feats = []
    for sid, r in result.sites.iterrows():
        props = {"feature": "site", "id": str(sid)}
        props.update({k: _clean(v) for k, v in r.items() if k not in ("lat", "lon")})
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]},
                "properties": props,
            }
        )
    fl = result.flows
    if len(fl):
        fl = fl[fl["tonnes"] >= min_tonnes]
        cols = [
            "kind",
            "class",
            "origin",
            "origin_name",
            "destination",
            "destination_name",
            "lon0",
            "lat0",
            "lon1",
            "lat1",
            "tonnes",
            "km",
            "cost",
        ]
        for vals in zip(*(fl[c].to_numpy() for c in cols), strict=True):
            r = dict(zip(cols, vals, strict=True))
            props = {"feature": "flow"}
            for c in cols[:6]:
                props[c] = str(r[c])
            props.update({c: float(r[c]) for c in ("tonnes", "km", "cost")})
            feats.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [
                            [float(r["lon0"]), float(r["lat0"])],
                            [float(r["lon1"]), float(r["lat1"])],
                        ],
                    },
                    "properties": props,
                }
            )
    return {
        "type": "FeatureCollection",
        "name": result.name,
        "attribution": "Settlements: GeoNames (geonames.org), CC BY 4.0",
        "features": feats,
    }


def write_geojson(result: SitingResult, path, min_tonnes: float = 0.0) -> Path:
    """Write :func:`result_geojson` to ``path``; return the path."""
    path = Path(path)
    path.write_text(json.dumps(result_geojson(result, min_tonnes), ensure_ascii=False))
    return path


#: Projection of the siting map (km): Lambert azimuthal equal-area centred on Kazakhstan, as in
#: the report's maps.
MAP_CRS = "+proj=laea +lat_0=48 +lon_0=67 +x_0=0 +y_0=0 +ellps=WGS84 +units=km +no_defs"
#: The three cities of republican significance, drawn as enlarged symbols (their polygons are a
#: few pixels at country scale).
CITIES = ("KZ-71", "KZ-75", "KZ-79")


def _outlines(tr):
    """Region outlines (projected km, rings separated by ``None``) and the cities' points."""
    import shapely

    from aimaq.geo import registry
    from aimaq.geo.polygons import load_polygons

    gdf = load_polygons(tolerance=0.02)
    xs: list = []
    ys: list = []
    for geom in gdf.geometry:
        for part in getattr(geom, "geoms", [geom]):
            if part.geom_type != "Polygon" or part.is_empty:
                continue
            c = shapely.get_coordinates(part.exterior)
            x, y = tr.transform(c[:, 0], c[:, 1])
            xs += [*np.round(x, 1).tolist(), None]
            ys += [*np.round(y, 1).tolist(), None]
    cities = []
    for code in CITIES:
        if code in gdf.index:
            pt = gdf.geometry[code].representative_point()
            x, y = tr.transform(pt.x, pt.y)
            cities.append((registry.get(code).name_en, float(x), float(y)))
    return xs, ys, cities


def write_html_map(result: SitingResult, path, demand: pd.DataFrame | None = None) -> Path:
    """Write a self-contained interactive HTML map (plotly, offline, no base-map download).

    Drawn like the report's maps: region outlines from the bundled boundary polygons on plain
    cartesian axes in a Lambert azimuthal equal-area projection (:data:`MAP_CRS`), so nothing is
    fetched from a CDN or tile server; the plotly.js bundle is embedded. Shows open centres
    (size = total throughput), closed candidates, outbound flows per temperature class, inbound
    supplier flows, optionally demand points, and Astana, Almaty and Shymkent as enlarged
    symbols. Boundaries: :data:`aimaq.geo.polygons.SOURCE`; settlements: GeoNames (CC BY 4.0).

    Parameters
    ----------
    result : SitingResult
    path : str or Path
    demand : pandas.DataFrame, optional
        Demand points (``name, lat, lon`` and class columns) to draw.

    Returns
    -------
    Path
    """
    import plotly.io as pio
    from pyproj import Transformer

    from aimaq.geo.polygons import SOURCE

    tr = Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)

    def xy(lat, lon):
        x, y = tr.transform(np.asarray(lon, float), np.asarray(lat, float))
        return np.round(x, 1).tolist(), np.round(y, 1).tolist()

    ox, oy, cities = _outlines(tr)
    data = [
        {
            "type": "scatter",
            "x": ox,
            "y": oy,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": "#f3f3f3",
            "line": {"width": 0.7, "color": "#999999"},
            "name": "regions",
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    fl = result.flows
    for kind, dash in (("inbound", "dot"), ("outbound", "solid")):
        for k in result.classes:
            f = fl[(fl["kind"] == kind) & (fl["class"] == k)] if len(fl) else fl
            if not len(f):
                continue
            x0, y0 = xy(f["lat0"], f["lon0"])
            x1, y1 = xy(f["lat1"], f["lon1"])
            lx = [v for a, b in zip(x0, x1, strict=True) for v in (a, b, None)]
            ly = [v for a, b in zip(y0, y1, strict=True) for v in (a, b, None)]
            data.append(
                {
                    "type": "scatter",
                    "x": lx,
                    "y": ly,
                    "mode": "lines",
                    "name": f"{kind} {k}",
                    "line": {
                        "width": 1 if kind == "outbound" else 2,
                        "color": _CLASS_COLOURS.get(k, "grey"),
                        "dash": dash,
                    },
                    "opacity": 0.5,
                    "hoverinfo": "skip",
                    "visible": True if kind == "outbound" else "legendonly",
                }
            )
    if demand is not None and len(demand):
        tot = demand[result.classes].sum(axis=1)
        dx, dy = xy(demand["lat"], demand["lon"])
        data.append(
            {
                "type": "scatter",
                "x": dx,
                "y": dy,
                "mode": "markers",
                "name": "demand points",
                "marker": {
                    "size": (3 + 12 * np.sqrt(tot / max(tot.max(), 1e-9))).round(1).tolist(),
                    "color": "grey",
                },
                "text": [f"{n}: {t:,.0f} t/yr" for n, t in zip(demand["name"], tot, strict=True)],
                "hoverinfo": "text",
            }
        )
    s = result.sites
    closed = s[~s["open"]]
    cx, cy = xy(closed["lat"], closed["lon"])
    data.append(
        {
            "type": "scatter",
            "x": cx,
            "y": cy,
            "mode": "markers",
            "name": "candidate (closed)",
            "marker": {"size": 7, "color": "white", "line": {"width": 1, "color": "black"}},
            "text": closed["name"].astype(str).tolist(),
            "hoverinfo": "text",
        }
    )
    op = s[s["open"]]
    thr = op[[f"throughput_{k}" for k in result.classes]].sum(axis=1)
    txt = []
    for _, r in op.iterrows():
        parts = [f"<b>{r['name']}</b>{' (existing)' if r['existing'] else ''}"]
        for k in result.classes:
            if r[f"module_{k}"]:
                parts.append(
                    f"{k}: {r[f'throughput_{k}']:,.0f} t/yr, "
                    f"utilisation {r[f'utilisation_{k}']:.0%}"
                )
        txt.append("<br>".join(parts))
    px_, py_ = xy(op["lat"], op["lon"])
    data.append(
        {
            "type": "scatter",
            "x": px_,
            "y": py_,
            "mode": "markers",
            "name": "open centre",
            "marker": {
                "size": (8 + 20 * np.sqrt(thr / max(thr.max(), 1e-9))).round(1).tolist(),
                "color": "orange",
                "line": {"width": 1, "color": "black"},
            },
            "text": txt,
            "hoverinfo": "text",
        }
    )
    if cities:
        data.append(
            {
                "type": "scatter",
                "x": [c[1] for c in cities],
                "y": [c[2] for c in cities],
                "mode": "markers+text",
                "name": "cities (Astana, Almaty, Shymkent)",
                "marker": {
                    "size": 14,
                    "symbol": "square",
                    "color": "rgba(0,0,0,0)",
                    "line": {"width": 2, "color": "#333333"},
                },
                "text": [c[0] for c in cities],
                "textposition": "top center",
                "hoverinfo": "text",
                "meta": "cities",
            }
        )
    assumed = sum(1 for n in result.notes if n.startswith("ASSUMPTION"))
    title = (
        f"{result.name}: {int(s['open'].sum())} centres, total cost "
        f"{result.objective:,.0f} {result.currency}/yr (gap {result.gap:.3%})"
    )
    if assumed:
        title += f"<br><sup>{assumed} inputs are ASSUMPTIONS (see notes)</sup>"
    credit = (
        f"Boundaries: {SOURCE}. Settlements: GeoNames (geonames.org), CC BY 4.0. "
        "Projection: Lambert azimuthal equal-area (48N, 67E)."
    )
    axis = {"visible": False, "showgrid": False, "zeroline": False}
    layout = {
        "title": {"text": title},
        "xaxis": axis,
        "yaxis": {**axis, "scaleanchor": "x", "scaleratio": 1},
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 70, "b": 40},
        "height": 700,
        "annotations": [
            {
                "text": credit,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.04,
                "showarrow": False,
                "font": {"size": 10, "color": "#555555"},
                "xanchor": "left",
            }
        ],
    }
    html = pio.to_html(
        {"data": data, "layout": layout},
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
        validate=False,
    )
    path = Path(path)
    path.write_text(html, encoding="utf-8")
    return path
