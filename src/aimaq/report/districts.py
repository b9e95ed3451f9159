"""Content of the report's district section, as pure functions (tables and figure dicts).

From a :class:`aimaq.datasets.DistrictTable` (figures of the bureau's bulletin, areas and
boundaries of geokz) this builds: maps of population density and of the urban share by district
with the region outlines drawn over them, the LISA cluster map of log density, the
decomposition of density inequality into between regions and within regions (Theil T), and the
district list of one region for its profile. :func:`district_section` assembles them;
:func:`render_html` gives the section's HTML fragment (figures without plotly.js, which the page
embeds once). Its text is in ``report/i18n/<lang>.toml`` (keys ``dist_*``); kk and ru outputs
carry no English.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from aimaq.report.charts import base_layout, to_div
from aimaq.report.maps import LISA_COLOURS, NO_DATA, PALETTES, classify, project
from aimaq.report.text import fmt_number, t

__all__ = [
    "DistrictSection",
    "decomposition_table",
    "district_map",
    "district_section",
    "lisa_district_map",
    "region_districts",
    "render_html",
]

#: Extra simplification of the bundled polygons for the maps (degrees, shared edges kept).
MAP_TOLERANCE = 0.02


_SHARED_KEYS = {"no_data", "region", "sources", *LISA_COLOURS}


def _t(key: str, lang: str, **kw) -> str:
    """Text of the report's catalogue (``report/i18n``): ``dist_<key>``, or a shared key."""
    return t(key if key in _SHARED_KEYS else f"dist_{key}", lang, **kw)


def _rings(geoms) -> list[tuple[np.ndarray, np.ndarray]]:
    """Projected rings of each (multi)polygon, separated by NaN (one projection call)."""
    import shapely

    parts = []  # (geometry index, ring coordinates)
    for i, geom in enumerate(geoms):
        for p in getattr(geom, "geoms", [geom]):
            if p.geom_type == "Polygon" and not p.is_empty:
                parts += [(i, shapely.get_coordinates(r)) for r in [p.exterior, *p.interiors]]
    allc = np.concatenate([c for _, c in parts])
    x, y = project(allc[:, 1], allc[:, 0])
    cuts = np.cumsum([0, *[len(c) for _, c in parts]])
    xs: list[list[np.ndarray]] = [[] for _ in geoms]
    ys: list[list[np.ndarray]] = [[] for _ in geoms]
    gap = np.array([np.nan])
    for (i, _), a, b in zip(parts, cuts[:-1], cuts[1:], strict=True):
        xs[i] += [x[a:b], gap]
        ys[i] += [y[a:b], gap]
    return [(np.concatenate(a), np.concatenate(b)) for a, b in zip(xs, ys, strict=True)]


def _figure(fills, legend, outlines, title, legend_title, height) -> dict:
    """Filled district shapes, region outlines on top, square-marker legend (a figure dict)."""
    data = [
        {
            "type": "scatter",
            "x": x,
            "y": y,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": col,
            "line": {"color": "#ffffff", "width": 0.4},
            "hoveron": "fills",
            "name": hover,
            "showlegend": False,
        }
        for x, y, col, hover in fills
    ]
    ox = np.concatenate([x for x, _ in outlines])
    oy = np.concatenate([y for _, y in outlines])
    data.append(
        {
            "type": "scatter",
            "x": ox,
            "y": oy,
            "mode": "lines",
            "line": {"color": "#333333", "width": 1.2},
            "hoverinfo": "skip",
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
                "marker": {"size": 13, "symbol": "square", "color": col},
            }
        )
    x0, x1, y0, y1 = np.nanmin(ox), np.nanmax(ox), np.nanmin(oy), np.nanmax(oy)
    pad = 0.02 * (x1 - x0)
    layout = base_layout(
        title,
        height,
        hovermode="closest",
        legend={"x": 1.0, "xanchor": "left", "y": 0.5, "title": {"text": legend_title or ""}},
        xaxis={"visible": False, "range": [float(x0 - pad), float(x1 + pad)]},
        yaxis={
            "visible": False,
            "range": [float(y0 - pad), float(y1 + pad)],
            "scaleanchor": "x",
            "scaleratio": 1,
        },
    )
    return {"data": data, "layout": layout}


@cache
def _shapes(division: int, tolerance: float = MAP_TOLERANCE):
    """Projected district rings (by KATO) and region outlines, simplified for display."""
    import shapely

    from aimaq.geo.district_polygons import load_district_polygons, region_outlines

    # largest first: enclaves (cities inside their district) are drawn on top of it
    d = load_district_polygons(division).sort_values("area_km2", ascending=False)
    r = region_outlines(division)
    dg = shapely.coverage_simplify(np.asarray(d.geometry.values), tolerance)
    rg = shapely.coverage_simplify(np.asarray(r.geometry.values), tolerance)
    return dict(zip(d.index, _rings(dg), strict=True)), _rings(rg)


def district_map(
    values: pd.Series,
    names: pd.Series,
    *,
    title: str,
    unit: str,
    lang: str = "en",
    division: int = 2024,
    log_classes: bool = False,
    digits: int = 1,
    height: int = 520,
) -> dict:
    """Classed choropleth (Fisher-Jenks, 5 classes) of a district series with region outlines.

    ``log_classes`` classifies ``log(values)`` (for densities spanning five orders of
    magnitude); the legend still shows the values.
    """
    shapes, outlines = _shapes(division)
    v = values.reindex(list(shapes)).astype(float)
    cls_v = np.log(v.where(v > 0)) if log_classes else v
    yb, bins = classify(cls_v, 5)
    if log_classes:
        bins = np.exp(bins)
    pal = PALETTES["neutral"]
    cols = [pal[round(i * (len(pal) - 1) / max(len(bins) - 1, 1))] for i in range(len(bins))]
    lows = [float(v.min())] + [float(b) for b in bins[:-1]]
    labels = [
        f"{fmt_number(lo, lang, digits)} – {fmt_number(hi, lang, digits)}"
        for lo, hi in zip(lows, bins, strict=True)
    ]
    fills = []
    for k, (x, y) in shapes.items():
        val = v.get(k)
        has = val is not None and math.isfinite(val) and k in yb.index
        nm = names.get(k, k)
        hover = f"{nm}: {fmt_number(val, lang, digits)} {unit}" if has else nm
        fills.append((x, y, cols[int(yb[k])] if has else NO_DATA, hover))
    legend = list(zip(labels, cols, strict=True))[::-1]
    if v.isna().any():
        legend.append((_t("no_data", lang), NO_DATA))
    return _figure(fills, legend, outlines, title, unit, height)


def lisa_district_map(
    cluster: pd.Series, names: pd.Series, *, title: str, lang: str = "en", division: int = 2024
) -> dict:
    """LISA cluster map of districts with region outlines."""
    shapes, outlines = _shapes(division)
    fills = []
    for k, (x, y) in shapes.items():
        lab = cluster.get(k)
        text = _t(lab, lang) if isinstance(lab, str) else _t("no_data", lang)
        fills.append((x, y, LISA_COLOURS.get(lab, NO_DATA), f"{names.get(k, k)}: {text}"))
    present = set(cluster.dropna())
    legend = [(_t(c, lang), col) for c, col in LISA_COLOURS.items() if c in present]
    return _figure(fills, legend, outlines, title, None, 520)


def decomposition_table(frame: pd.DataFrame, lang: str = "en"):
    """Theil T of district density, decomposed between and within regions.

    Returns ``(TheilDecomposition, table)``: the table has one row per region (districts in
    the sample, Theil T between its districts, its contribution ``s_g T_g / T`` to the total)
    and rows for the between, within and total components.
    """
    from aimaq.analysis.disparity import theil
    from aimaq.geo import registry

    f = frame.dropna(subset=["density"])
    res = theil(f["density"], groups=f["region"])
    contrib = res.s_g * res.T_g / res.T * 100
    rows = [
        (registry.name(g, lang), int(res.n_g[g]), float(res.T_g[g]), float(contrib[g]))
        for g in res.T_g.sort_values(ascending=False).index
    ]
    rows += [
        (_t("between", lang), None, float(res.T_between), float(res.T_between_share * 100)),
        (_t("within", lang), None, float(res.T_within), 100 - float(res.T_between_share * 100)),
        (_t("total", lang), int(res.n), float(res.T), 100.0),
    ]
    cols = [_t(c, lang) for c in ("region", "n", "T_g", "contrib")]
    return res, pd.DataFrame(rows, columns=cols)


def region_districts(frame: pd.DataFrame, region: str, lang: str = "en") -> pd.DataFrame:
    """The districts of ``region`` for its profile: population, area, density, urban share."""
    f = frame[frame["region"] == region].sort_values("population", ascending=False)
    out = pd.DataFrame(
        {
            _t("name", lang): f[f"name_{lang}"],
            _t("population", lang): f["population"],
            _t("area", lang): f["area_km2"].round(0),
            _t("dens", lang): f["density"].round(1),
            _t("urban_share", lang): f["urban_share"].round(1),
        }
    )
    out.index.name = _t("kato", lang)
    return out


@dataclass(frozen=True)
class DistrictSection:
    """Everything the report's district section shows (figures are plotly dicts)."""

    lang: str
    year: int
    maps: dict
    decomposition: pd.DataFrame
    summary: list[str]
    sources: list[str]
    theil: object = None
    moran: object = None
    lisa: object = None
    profiles: dict = field(default_factory=dict)


def district_section(
    table, lang: str = "en", permutations: int = 999, alpha: float = 0.05, seed: int = 12345
) -> DistrictSection:
    """Build the district section from a :class:`aimaq.datasets.DistrictTable`."""
    from aimaq.analysis.spatial import lisa, moran
    from aimaq.geo.district_polygons import contiguity

    f = table.frame
    names = f[f"name_{lang}"]
    y = np.log(f["density"].dropna())
    w = contiguity(table.division, "queen").w
    g = moran(y, w, permutations=permutations, seed=seed)
    loc = lisa(y, w, permutations=permutations, seed=seed, alpha=alpha)
    res, dec = decomposition_table(f, lang)
    maps = {
        "density": district_map(
            f["density"],
            names,
            title=_t("density", lang, year=table.year),
            unit=_t("per_km2", lang),
            lang=lang,
            division=table.division,
            log_classes=True,
        ),
        "urban": district_map(
            f["urban_share"],
            names,
            title=_t("urban", lang, year=table.year),
            unit=_t("pct", lang),
            lang=lang,
            division=table.division,
        ),
        "lisa": lisa_district_map(
            loc.cluster,
            names,
            title=_t("lisa", lang, perm=permutations, alpha=alpha),
            lang=lang,
            division=table.division,
        ),
    }
    verdict = _t("significant" if g.p_sim < alpha else "insignificant", lang)
    summary = [
        _t("moran", lang, I=g.I, p=g.p_sim, verdict=verdict, alpha=alpha),
        _t(
            "decomp",
            lang,
            within=100 - res.T_between_share * 100,
            between=res.T_between_share * 100,
        ),
    ]
    if table.excluded:
        summary.append(_t("excluded", lang, names=", ".join(names[k] for k in table.excluded)))
    profiles = {r: region_districts(f, r, lang) for r in sorted(set(f["region"]))}
    return DistrictSection(
        lang=lang,
        year=table.year,
        maps=maps,
        decomposition=dec,
        summary=summary,
        sources=list(table.sources),
        theil=res,
        moran=g,
        lisa=loc,
        profiles=profiles,
    )


def render_html(section: DistrictSection) -> str:
    """HTML fragment of the section (figures as plotly divs, tables as HTML)."""
    from html import escape

    lang = section.lang
    parts = [f"<section id='districts'><h2>{escape(_t('title', lang))}</h2>"]
    parts += [f"<p>{escape(s)}</p>" for s in section.summary]
    for key, fig in section.maps.items():
        parts.append(to_div(fig, f"districts-{key}"))
    parts.append(
        section.decomposition.to_html(index=False, na_rep="", float_format=lambda x: f"{x:.3f}")
    )
    src = "".join(f"<li>{escape(s)}</li>" for s in section.sources)
    parts.append(f"<p>{escape(_t('sources', lang))}:</p><ul>{src}</ul></section>")
    return "\n".join(parts)
