"""Offline maps of a trace: GeoJSON of the movement and a self-contained HTML page.

Coordinates come from a locations table (``location``, ``name``, ``lat``, ``lon``; the demo's is
:func:`aimaq.supply.trace.demo.locations`, from GeoNames, CC BY 4.0); locations without
coordinates are listed, not placed. The HTML inlines plotly.js from the installed plotly
package (no CDN, no tiles): points and arrows on longitude/latitude axes.

Examples
--------
>>> import pandas as pd
>>> legs = pd.DataFrame({"from": ["a"], "to": ["b"], "time": [pd.Timestamp("2026-11-04", tz="UTC")]})
>>> locs = pd.DataFrame({"location": ["a", "b"], "name": ["A", "B"], "lat": [51.2, 49.8], "lon": [71.4, 73.1]})
>>> movement_geojson(legs, locs)["features"][0]["geometry"]["coordinates"]
[[71.4, 51.2], [73.1, 49.8]]
"""

from __future__ import annotations

__all__ = ["movement_geojson", "movement_html"]

_CREDIT = "Places: GeoNames (geonames.org), CC BY 4.0."


def movement_geojson(legs, locations) -> dict:
    """A FeatureCollection: one LineString per leg, one Point per location with coordinates."""
    xy = {
        r.location: (float(r.lon), float(r.lat), r.name)
        for r in locations.itertuples()
        if r.lat == r.lat
    }
    feats = []
    for lg in legs.itertuples(index=False):
        if lg[0] in xy and lg[1] in xy:
            feats.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [list(xy[lg[0]][:2]), list(xy[lg[1]][:2])],
                    },
                    "properties": {"from": lg[0], "to": lg[1], "time": str(lg[2])},
                }
            )
    used = {x for lg in legs.itertuples(index=False) for x in lg[:2]}
    for loc in sorted(used & set(xy)):
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": list(xy[loc][:2])},
                "properties": {"location": loc, "name": xy[loc][2]},
            }
        )
    return {
        "type": "FeatureCollection",
        "features": feats,
        "properties": {"unplaced": sorted(used - set(xy)), "credit": _CREDIT},
    }


def movement_html(legs, locations, title: str) -> str:
    """A self-contained HTML page (plotly.js inlined) drawing the legs of a trace."""
    import plotly.graph_objects as go

    gj = movement_geojson(legs, locations)
    fig = go.Figure()
    for f in gj["features"]:
        if f["geometry"]["type"] == "LineString":
            (x0, y0), (x1, y1) = f["geometry"]["coordinates"]
            fig.add_annotation(
                x=x1,
                y=y1,
                ax=x0,
                ay=y0,
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=3,
                arrowwidth=2,
                arrowcolor="#1f77b4",
            )
            fig.add_trace(
                go.Scatter(
                    x=[x0, x1],
                    y=[y0, y1],
                    mode="lines",
                    hoverinfo="text",
                    text=f["properties"]["time"],
                    line={"color": "#1f77b4"},
                    showlegend=False,
                )
            )
    pts = [f for f in gj["features"] if f["geometry"]["type"] == "Point"]
    fig.add_trace(
        go.Scatter(
            x=[p["geometry"]["coordinates"][0] for p in pts],
            y=[p["geometry"]["coordinates"][1] for p in pts],
            mode="markers+text",
            text=[p["properties"]["name"] for p in pts],
            textposition="top center",
            marker={"size": 10, "color": "#d62728"},
            showlegend=False,
        )
    )
    fig.update_layout(
        title=title,
        xaxis_title="longitude °E",
        yaxis_title="latitude °N",
        yaxis={"scaleanchor": "x", "scaleratio": 1.5},
        template="plotly_white",
    )
    note = _CREDIT + (
        f" Not placed (no coordinates): {', '.join(gj['properties']['unplaced'])}."
        if gj["properties"]["unplaced"]
        else ""
    )
    body = fig.to_html(full_html=False, include_plotlyjs=True)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body>{body}<p>{note}</p></body></html>"
    )
