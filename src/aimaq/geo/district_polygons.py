"""District polygons of the 2018 and 2024 divisions, areas, contiguity and demand points.

The polygons are the geokz district (adm2) and region (adm1) boundaries (A. Rodionov, CC BY 4.0,
based on OCHA's COD-AB; cite :data:`aimaq.geo.districts.SOURCE`), bundled by
``tools/build_districts.py`` as GeoJSON simplified with :func:`shapely.coverage_simplify`
(tolerance 0.005°, shared edges kept so the tessellation has no gaps or slivers) and rounded to
1e-4° (about 10 m): about 0.45 MB per division for 216/224 districts, readable by any GIS and by
plotly's choropleths without conversion, which is why GeoJSON was chosen over WKB/parquet.

Areas are not taken from the simplified shapes: they were computed by the builder on the
full-resolution boundaries in the equal-area projection EPSG:6933 and are stored in the
registry (``area_km2``), as are the geokz region areas (``region_areas_geokz.csv``).

Contiguity is computed on the bundled coverage with :mod:`libpysal` (queen: a shared point;
rook: a shared edge).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

from aimaq.geo import districts as D

__all__ = [
    "Contiguity",
    "contiguity",
    "demand_points",
    "district_geojson",
    "load_district_polygons",
    "region_areas",
    "region_outlines",
]


@cache
def _geojson(name: str) -> dict:
    with resources.files("aimaq.geo").joinpath(name).open(encoding="utf-8") as fh:
        return json.load(fh)


def district_geojson(division: int = 2024) -> dict:
    """The bundled district polygons as a GeoJSON FeatureCollection (feature ``id`` = KATO)."""
    return _geojson(f"district_polygons_{D._check_division(division)}.geojson")


def _frame(doc: dict):
    import geopandas as gpd

    gdf = gpd.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326")
    gdf.index = [f["id"] for f in doc["features"]]
    return gdf


def load_district_polygons(division: int = 2024, region: str | None = None):
    """District polygons of ``division`` (optionally of one region), indexed by KATO code.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns of :func:`aimaq.geo.districts.districts` plus ``geometry`` (EPSG:4326).

    Examples
    --------
    >>> gdf = load_district_polygons(2024, "KZ-71")
    >>> len(gdf), round(float(gdf["area_km2"].sum()))
    (5, 801)
    """
    import geopandas as gpd

    reg = D.districts(division, region)
    geo = _frame(district_geojson(division))
    out = reg.join(geo[["geometry"]], how="left")
    out.index.name = "kato"
    return gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")


def region_outlines(division: int = 2024):
    """Region polygons of the geokz edition ``division`` (index: registry code)."""
    gdf = _frame(_geojson(f"region_polygons_{D._check_division(division)}.geojson"))
    gdf.index.name = "region"
    return gdf


@cache
def _region_areas() -> pd.DataFrame:
    with resources.files("aimaq.geo").joinpath("region_areas_geokz.csv").open() as fh:
        return pd.read_csv(fh, dtype={"region": str})


def region_areas(division: int = 2024) -> pd.Series:
    """Area (km², EPSG:6933) of each geokz region polygon of ``division``, index = code."""
    df = _region_areas()
    df = df[df["division"] == D._check_division(division)]
    return df.set_index("region")["area_km2"].rename("area_km2")


@dataclass(frozen=True)
class Contiguity:
    """Contiguity of districts.

    Attributes
    ----------
    w : libpysal.weights.W
        Binary weights, ids = KATO codes.
    criterion : str
        ``"queen"`` or ``"rook"``.
    division : int
    islands : list[str]
        Units without a neighbour.
    n_components : int
        Connected components of the graph.
    """

    w: object
    criterion: str
    division: int
    islands: list[str]
    n_components: int


def contiguity(
    division: int = 2024, criterion: str = "queen", katos: list[str] | None = None
) -> Contiguity:
    """Queen or rook contiguity between the districts of ``division``.

    Parameters
    ----------
    division : {2024, 2018}
    criterion : {"queen", "rook"}
        Queen: polygons sharing at least one point; rook: sharing an edge.
    katos : list of str, optional
        Units to keep, in this order (default: all units of the division). Links to units not
        listed are dropped, which can leave islands.

    Examples
    --------
    >>> c = contiguity(2024, "queen")
    >>> c.w.n, c.islands
    (224, [])
    """
    from libpysal.weights import w_subset

    if criterion not in ("queen", "rook"):
        raise ValueError(f"criterion must be 'queen' or 'rook', got {criterion!r}")
    w = _full_w(division, criterion)
    if katos is not None:
        unknown = [k for k in katos if k not in w.neighbors]
        if unknown:
            raise KeyError(f"contiguity: no polygon for {unknown} in the {division} division")
        w = w_subset(w, list(katos), silence_warnings=True)
    return Contiguity(
        w=w,
        criterion=criterion,
        division=int(division),
        islands=[str(i) for i in w.islands],
        n_components=int(w.n_components),
    )


@cache
def _full_w(division: int, criterion: str):
    from libpysal.weights import Queen, Rook

    gdf = _frame(district_geojson(division))
    cls = Queen if criterion == "queen" else Rook
    return cls.from_dataframe(gdf, ids=list(gdf.index), use_index=False, silence_warnings=True)


def demand_points(
    population: pd.Series, division: int = 2024, source: str = "", points: str = "district"
) -> pd.DataFrame:
    """Demand points for siting from district populations.

    Parameters
    ----------
    population : pd.Series
        Population indexed by KATO code of ``division`` (e.g. the bureau's district figures).
    division : {2024, 2018}
    source : str
        Citation of the population figures, carried into the ``source`` column.
    points : {"district", "settlements"}
        ``"district"``: one point per district, the polygon's representative point (inside the
        polygon, unlike the centroid of a crescent-shaped district). ``"settlements"``: the
        GeoNames places (:func:`aimaq.geo.settlements.settlements`) lying in each district's
        bundled polygon, sharing the district's population in proportion to their GeoNames
        populations; a district without a GeoNames place keeps its single district point.

    Returns
    -------
    pd.DataFrame
        Columns ``id, name, lat, lon, population, source, kato, region``; the populations of the
        points of a district sum to its figure, and ``source`` says which kind of point each is.

    Examples
    --------
    >>> pts = demand_points(pd.Series({"113200000": 24338.0}), source="bulletin")
    >>> pts[["id", "name", "population"]].to_dict("records")
    [{'id': 'D113200000', 'name': 'Akkol', 'population': 24338.0}]
    """
    import shapely

    if points not in ("district", "settlements"):
        raise ValueError(f"points must be 'district' or 'settlements', got {points!r}")
    gdf = load_district_polygons(division)
    pop = pd.to_numeric(population, errors="coerce").dropna()
    unknown = sorted(set(pop.index) - set(gdf.index))
    if unknown:
        raise KeyError(f"demand_points: no district {unknown[:5]} in the {division} division")
    geoms = gdf.loc[pop.index, "geometry"].values
    pts = shapely.point_on_surface(geoms)
    cite = f"population: {source or 'not given'}; districts: {D.SOURCE}"
    out = pd.DataFrame(
        {
            "id": ["D" + k for k in pop.index],
            "name": gdf.loc[pop.index, "name_en"].to_numpy(),
            "lat": shapely.get_y(pts),
            "lon": shapely.get_x(pts),
            "population": pop.to_numpy(dtype=float),
            "source": f"district point on surface ({cite})",
            "kato": list(pop.index),
            "region": gdf.loc[pop.index, "region"].to_numpy(),
        }
    )
    if points == "district":
        return out
    from aimaq.geo.settlements import settlements

    st = settlements(0)
    sp = shapely.points(st["lon"].to_numpy(), st["lat"].to_numpy())
    tree = shapely.STRtree(geoms)
    hit_pt, hit_d = tree.query(sp, predicate="within")
    rows = []
    taken = set()
    for d in sorted(set(hit_d)):
        sel = hit_pt[hit_d == d]
        w = st["population"].to_numpy(dtype=float)[sel]
        if not (w > 0).any():
            continue
        kato = pop.index[d]
        taken.add(kato)
        for i, share in zip(sel, w / w.sum(), strict=True):
            rows.append(
                {
                    "id": f"D{kato}-GN{int(st['geonameid'].iloc[i])}",
                    "name": st["name"].iloc[i],
                    "lat": float(st["lat"].iloc[i]),
                    "lon": float(st["lon"].iloc[i]),
                    "population": float(pop.iloc[d]) * float(share),
                    "source": "GeoNames place (CC BY 4.0) sharing its district's population "
                    f"by GeoNames populations ({cite})",
                    "kato": kato,
                    "region": out.at[d, "region"],
                }
            )
    rest = out[~out["kato"].isin(taken)]
    return pd.concat([pd.DataFrame(rows, columns=out.columns), rest], ignore_index=True)
