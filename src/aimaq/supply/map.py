"""GeoJSON export and self-contained (offline) HTML maps of siting results.

The HTML map is a plotly ``scattergeo`` figure written with ``include_plotlyjs=True`` (the
plotly.js bundle is embedded, so the file opens without network access). Settlement data:
GeoNames (https://www.geonames.org, CC BY 4.0).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from aimaq.supply.siting import SitingResult

__all__ = ["result_geojson", "write_geojson", "write_html_map"]

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


def write_html_map(result: SitingResult, path, demand: pd.DataFrame | None = None) -> Path:
    """Write a self-contained interactive HTML map (plotly, offline).

    Shows open centres (size = total throughput), closed candidates, outbound flows per
    temperature class and inbound supplier flows; optionally demand points.

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
    import plotly.graph_objects as go

    fig = go.Figure()
    fl = result.flows
    for kind, dash in (("inbound", "dot"), ("outbound", "solid")):
        for k in result.classes:
            f = fl[(fl["kind"] == kind) & (fl["class"] == k)] if len(fl) else fl
            if not len(f):
                continue
            lat = np.column_stack([f["lat0"], f["lat1"], np.full(len(f), np.nan)]).ravel()
            lon = np.column_stack([f["lon0"], f["lon1"], np.full(len(f), np.nan)]).ravel()
            fig.add_trace(
                go.Scattergeo(
                    lat=lat,
                    lon=lon,
                    mode="lines",
                    name=f"{kind} {k}",
                    line={
                        "width": 1 if kind == "outbound" else 2,
                        "color": _CLASS_COLOURS.get(k, "grey"),
                        "dash": dash,
                    },
                    opacity=0.5,
                    hoverinfo="skip",
                    visible=True if kind == "outbound" else "legendonly",
                )
            )
    if demand is not None and len(demand):
        tot = demand[result.classes].sum(axis=1)
        fig.add_trace(
            go.Scattergeo(
                lat=demand["lat"],
                lon=demand["lon"],
                mode="markers",
                name="demand points",
                marker={"size": 3 + 12 * np.sqrt(tot / max(tot.max(), 1e-9)), "color": "grey"},
                text=[f"{n}: {t:,.0f} t/yr" for n, t in zip(demand["name"], tot, strict=True)],
                hoverinfo="text",
            )
        )
    s = result.sites
    closed = s[~s["open"]]
    fig.add_trace(
        go.Scattergeo(
            lat=closed["lat"],
            lon=closed["lon"],
            mode="markers",
            name="candidate (closed)",
            marker={"size": 7, "color": "white", "line": {"width": 1, "color": "black"}},
            text=closed["name"],
            hoverinfo="text",
        )
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
    fig.add_trace(
        go.Scattergeo(
            lat=op["lat"],
            lon=op["lon"],
            mode="markers",
            name="open centre",
            marker={
                "size": 8 + 20 * np.sqrt(thr / max(thr.max(), 1e-9)),
                "color": "orange",
                "line": {"width": 1, "color": "black"},
            },
            text=txt,
            hoverinfo="text",
        )
    )
    assumed = sum(1 for n in result.notes if n.startswith("ASSUMPTION"))
    title = (
        f"{result.name}: {int(s['open'].sum())} centres, total cost "
        f"{result.objective:,.0f} {result.currency}/yr (gap {result.gap:.3%})"
    )
    if assumed:
        title += f"<br><sup>{assumed} inputs are ASSUMPTIONS (see notes) — "
        title += "settlements: GeoNames, CC BY 4.0</sup>"
    fig.update_layout(
        title=title,
        geo={
            "scope": "asia",
            "projection_type": "mercator",
            "showcountries": True,
            "lataxis": {"range": [39.5, 56.5]},
            "lonaxis": {"range": [45.5, 88.5]},
            "showland": True,
            "landcolor": "#f3f3f3",
        },
        margin={"l": 0, "r": 0, "t": 60, "b": 0},
        height=700,
    )
    path = Path(path)
    fig.write_html(str(path), include_plotlyjs=True, full_html=True)
    return path
