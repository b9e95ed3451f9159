"""Build the district registry, succession table and bundled polygons from geokz.

Usage: python tools/build_districts.py [SHARED_DIR]

Reads the geokz boundaries (``SHARED/data/kz/geo/geokz/kaz_admbnda_adm{1,2}_{2018,2024}.shp``;
R package geokz 1.0.2 by A. Rodionov, CC BY 4.0, based on OCHA's COD-AB for Kazakhstan) and
writes into ``src/aimaq/geo/``:

- ``districts.csv``: one row per KATO code found in either division, with names (2024 names
  where the code exists in 2024), parent region of each division, kind, area of each division's
  polygon (km², EPSG:6933 on the full-resolution boundaries) and validity dates where the data
  give them (the 2022-06-08 creation of Abai, Zhetisu and Ulytau for districts that moved).
- ``district_succession.csv``: every pair (2018 unit, 2024 unit) whose polygons overlap by at
  least ``MIN_SHARE`` of either, with both overlap shares as evidence and the event derived from
  the overlaps, codes, names and parents (see :func:`events`).
- ``district_polygons_{2018,2024}.geojson`` and ``region_polygons_{2018,2024}.geojson``:
  boundaries simplified with :func:`shapely.coverage_simplify` (shared edges kept, so the
  tessellation stays gap-free) and rounded to 1e-4 degrees (about 10 m).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "aimaq" / "geo"
EQUAL_AREA_CRS = "EPSG:6933"
#: Overlaps below this share of both units are boundary noise between the two editions.
MIN_SHARE = 0.01
#: A unit that keeps at least this share of its territory is "the same" unit.
SAME = 0.95
TOLERANCE = 0.005  # degrees, coverage simplification
PRECISION = 1e-4
CITY_REGIONS = {"71", "75", "79"}
SOURCE = (
    "geokz 1.0.2 (A. Rodionov, CC BY 4.0; github:arodionoff/geokz/inst/shape@41c1a00), "
    "based on OCHA COD-AB Kazakhstan"
)


def _read(shared: Path, level: int, year: int):
    import geopandas as gpd

    g = gpd.read_file(shared / "data/kz/geo/geokz" / f"kaz_admbnda_adm{level}_{year}.shp")
    g["geometry"] = shapely.make_valid(shapely.force_2d(g.geometry.values))
    return g


def _region_code(kato: str, year: int) -> str:
    from aimaq.geo import registry

    hits = [c for c in registry.region_codes(year) if registry.get(c).kato[:2] == kato[:2]]
    if len(hits) != 1:
        raise ValueError(f"KATO {kato}: {len(hits)} regions of the {year} division match")
    return hits[0]


def kind_of(kato: str, name_ru: str) -> str:
    """Kind of a second-level unit from its KATO code and Russian name.

    ``city_district`` inside Astana, Almaty and Shymkent; ``city`` (a city of oblast
    significance, i.e. its city administration, "қ.ә." / "г.а.") when KATO digits 3-4 are below
    30; ``district`` otherwise, and for an adjectival name (Жанасемейский, coded 101010000).
    """
    if kato[:2] in CITY_REGIONS:
        return "city_district"
    if int(kato[2:4]) < 30 and not re.search(r"(ский|цкий)$", name_ru):
        return "city"
    return "district"


def _areas(g) -> np.ndarray:
    return g.to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6


def overlaps(g18, g24) -> pd.DataFrame:
    """Area of every overlapping (2018, 2024) pair and its share of each unit."""
    p18 = g18.to_crs(EQUAL_AREA_CRS)
    p24 = g24.to_crs(EQUAL_AREA_CRS)
    a18, a24 = p18.area.to_numpy(), p24.area.to_numpy()
    tree = shapely.STRtree(p24.geometry.values)
    left, right = tree.query(p18.geometry.values, predicate="intersects")
    inter = shapely.area(
        shapely.intersection(p18.geometry.values[left], p24.geometry.values[right])
    )
    df = pd.DataFrame(
        {
            "kato_2018": g18["KATO"].to_numpy()[left],
            "kato_2024": g24["KATO"].to_numpy()[right],
            "share_of_2018": inter / a18[left],
            "share_of_2024": inter / a24[right],
        }
    )
    keep = (df["share_of_2018"] >= MIN_SHARE) | (df["share_of_2024"] >= MIN_SHARE)
    return df[keep].reset_index(drop=True)


def events(ov: pd.DataFrame, n18: pd.DataFrame, n24: pd.DataFrame) -> pd.DataFrame:
    """Classify each overlapping pair (2018 unit ``a``, 2024 unit ``b``).

    First the continuations (each unit continues at most once), in this order of evidence:
    the same KATO code with overlapping territory; the same Russian name with overlapping
    territory; ``a`` lies wholly (>= ``SAME``) inside ``b`` and neither is continued yet (the
    largest such ``a`` of a ``b``); both keep a majority of each other's territory. A
    continuation is ``unchanged`` or a ``+`` combination of ``renamed`` (ru or kk name differs),
    ``moved`` (to another region: KATO region prefix differs), ``parent_split`` (same prefix,
    but the parent region is a successor of a split region), ``recoded`` (KATO differs) and
    ``resized`` (either unit keeps less than ``SAME`` of the other's territory).

    The other pairs are ``created`` (``b`` continues no 2018 unit; ``a`` gave it territory),
    ``absorbed`` (``a`` continues as no 2024 unit; its territory went to ``b``) or ``transfer``
    (territory moved between two continuing units). Every unit of each division is then either
    continued or created/absorbed: :func:`aimaq.geo.districts.succession` checks it.
    """
    ov = ov.copy()
    ov["event"] = ""
    cont18: set[str] = set()
    cont24: set[str] = set()

    def link(mask):
        for i in ov.index[mask].tolist():
            a, b = ov.at[i, "kato_2018"], ov.at[i, "kato_2024"]
            if a in cont18 or b in cont24:
                continue
            cont18.add(a)
            cont24.add(b)
            ov.at[i, "event"] = "continues"

    link(ov["kato_2018"] == ov["kato_2024"])
    link(ov["kato_2018"].map(n18["name_ru"]) == ov["kato_2024"].map(n24["name_ru"]))
    for i in ov.sort_values("share_of_2024", ascending=False).index:  # largest part first
        if ov.at[i, "share_of_2018"] >= SAME:
            link(ov.index == i)
    link((ov["share_of_2018"] >= 0.5) & (ov["share_of_2024"] >= 0.5))
    for i in ov.index:
        a, b = ov.at[i, "kato_2018"], ov.at[i, "kato_2024"]
        ea, eb = n18.loc[a], n24.loc[b]
        if ov.at[i, "event"] == "continues":
            flags = []
            if ea["name_ru"] != eb["name_ru"] or ea["name_kk"] != eb["name_kk"]:
                flags.append("renamed")
            if ea["region_kato"] != eb["region_kato"]:
                flags.append("moved")
            elif ea["region"] != eb["region"]:
                flags.append("parent_split")
            if a != b:
                flags.append("recoded")
            if min(ov.at[i, "share_of_2018"], ov.at[i, "share_of_2024"]) < SAME:
                flags.append("resized")
            ov.at[i, "event"] = "+".join(flags) or "unchanged"
        elif b not in cont24:
            ov.at[i, "event"] = "created"
        elif a not in cont18:
            ov.at[i, "event"] = "absorbed"
        else:
            ov.at[i, "event"] = "transfer"
    return ov


def _names(g, year: int) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "kato": g["KATO"].astype(str),
            "name_en": g["ADM2_EN"].str.strip(),
            "name_ru": g["ADM2_RU"].str.strip(),
            "name_kk": g["ADM2_KK"].str.strip(),
            "pcode": g["ADM2_PCODE"],
            "region_kato": g["KATO"].str[:2],
        }
    )
    df["region"] = [_region_code(k, year) for k in df["kato"]]
    df["area_km2"] = _areas(g)
    return df.set_index("kato")


def _geojson(g, code_col: str, path: Path) -> int:
    simple = shapely.coverage_simplify(g.geometry.values, TOLERANCE)
    simple = shapely.set_precision(simple, PRECISION)
    feats = [
        {"type": "Feature", "id": k, "geometry": json.loads(shapely.to_geojson(s))}
        for k, s in zip(g[code_col], simple, strict=True)
    ]
    doc = {"type": "FeatureCollection", "source": SOURCE, "features": feats}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text)


def main(shared: Path) -> None:
    g = {(lv, y): _read(shared, lv, y) for lv in (1, 2) for y in (2018, 2024)}
    n18, n24 = _names(g[2, 2018], 2018), _names(g[2, 2024], 2024)
    ov = events(overlaps(g[2, 2018], g[2, 2024]), n18, n24)
    from aimaq.geo import registry

    reg_from = {c: registry.get(c).valid_from.isoformat() for c in registry.region_codes(2024)}
    rows = []
    for year, names, col in ((2018, n18, "kato_2018"), (2024, n24, "kato_2024")):
        for k, r in names.iterrows():
            ev = ov.loc[ov[col] == k, "event"]
            cont = ev[~ev.isin(["transfer", "created", "absorbed"])]
            # dates only where the data give them: a unit that moved to a region created on
            # 2022-06-08 (or whose region was split then) belongs to it from that date, and
            # its 2018 form ends then; other dates are not in the sources and stay empty
            valid_from = valid_to = ""
            moved = cont.str.contains("moved|parent_split|recoded").any()
            if year == 2024 and moved and reg_from[r["region"]] > "2018-12-31":
                valid_from = reg_from[r["region"]]
            if year == 2018 and moved:
                succ = ov.loc[(ov[col] == k) & ov.index.isin(cont.index), "kato_2024"].iloc[0]
                if reg_from[n24.loc[succ, "region"]] > "2018-12-31":
                    valid_to = reg_from[n24.loc[succ, "region"]]
            rows.append(
                {
                    "division": year,
                    "kato": k,
                    "name_en": r["name_en"],
                    "name_ru": r["name_ru"],
                    "name_kk": r["name_kk"],
                    "kind": kind_of(k, r["name_ru"]),
                    "region": r["region"],
                    "area_km2": f"{r['area_km2']:.3f}",
                    "pcode": r["pcode"],
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "events": " ".join(sorted(set(ev))),
                }
            )
    pd.DataFrame(rows).to_csv(OUT / "districts.csv", index=False)
    ov = ov.assign(
        name_2018=ov["kato_2018"].map(n18["name_ru"]),
        name_2024=ov["kato_2024"].map(n24["name_ru"]),
        region_2018=ov["kato_2018"].map(n18["region"]),
        region_2024=ov["kato_2024"].map(n24["region"]),
        share_of_2018=ov["share_of_2018"].round(4),
        share_of_2024=ov["share_of_2024"].round(4),
    )
    cols = [
        "kato_2018",
        "name_2018",
        "region_2018",
        "kato_2024",
        "name_2024",
        "region_2024",
        "event",
        "share_of_2018",
        "share_of_2024",
    ]
    ov[cols].sort_values(["kato_2018", "kato_2024"]).to_csv(
        OUT / "district_succession.csv", index=False
    )
    regions = {}
    for y in (2018, 2024):
        r = g[1, y].copy()
        r["code"] = [_region_code(k, y) for k in r["KATO"]]
        regions[y] = pd.Series(_areas(r), index=r["code"]).round(3)
        print("adm2", y, _geojson(g[2, y], "KATO", OUT / f"district_polygons_{y}.geojson"), "bytes")
        print("adm1", y, _geojson(r, "code", OUT / f"region_polygons_{y}.geojson"), "bytes")
    pd.DataFrame(
        [
            {"division": y, "region": c, "area_km2": a}
            for y, s in regions.items()
            for c, a in s.items()
        ]
    ).to_csv(OUT / "region_areas_geokz.csv", index=False)
    print(ov["event"].value_counts().to_string())


BULLETIN = "bns_population_sex_urban_rural_2023-01-01.xlsx"


def bundle_population(shared: Path) -> Path:
    """District figures of the 2023 population bulletin (sheet 02) as a bundled tidy CSV.

    Rows keep the value, unit, source and the name as printed; ``region`` is the KATO code.
    The districts were checked to sum to their regions by the reader (else it raises).
    """
    from aimaq.ingest.districts import read_district_sheet

    t = read_district_sheet(shared / "data" / "kz" / "raw" / BULLETIN)
    out = ROOT / "src" / "aimaq" / "data" / "bundled" / "districts_population_2023.csv"
    out.parent.mkdir(exist_ok=True)
    cols = [
        "region",
        "region_as_published",
        "indicator",
        "year",
        "period",
        "value",
        "unit",
        "source",
        "note",
    ]
    f = t.frame.assign(note=t.frame["cell"].map(lambda c: f"cell {c}"))
    f["value"] = f["value"].astype(int)
    f[cols].sort_values(["indicator", "region"]).to_csv(out, index=False)
    return out


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
