"""District figures from the store: population, urban/rural, areas and density by KATO code.

Reads the district rows of the store (``level="district"``, keyed by 9-digit KATO code) and the
district registry (:mod:`aimaq.geo.districts`, geokz areas) and returns them on one division with
what was adjusted, excluded or missing said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["DistrictTable", "district_demand", "district_table"]


_DISTRICT_FIGURES = {
    "population": "population_total_bulletin",
    "male": "population_male",
    "female": "population_female",
    "urban": "population_urban",
    "rural": "population_rural",
}


@dataclass
class DistrictTable:
    """District figures of one year on one division, with areas and what was adjusted.

    ``frame`` is indexed by KATO code with columns name_en, name_ru, name_kk, region, kind,
    area_km2, population, male, female, urban, rural (a "-" of the bulletin is 0 here only when
    the unit's total is published, since "-" means none), density (persons/km²) and
    urban_share (%). ``adjusted`` says which areas were enlarged by units created after the
    figures' date; ``excluded`` which densities are left out and why; ``missing`` the units of
    the division without figures.
    """

    frame: pd.DataFrame
    year: int
    division: int
    sources: list[str]
    adjusted: dict[str, str] = field(default_factory=dict)
    excluded: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


def district_table(store, year: int | None = None, division: int = 2024) -> DistrictTable:
    """Population, urban/rural and density of every district with figures in the store.

    A unit of ``division`` without figures that was created (see
    :func:`aimaq.geo.districts.succession`) from a single unit whose continuation has figures
    is counted in that unit's territory (e.g. Nura in Esil for the 2023 bulletin): the figures
    were published on the older division. When it was carved from several units, their
    densities are excluded instead of guessing the split.
    """
    from aimaq.geo import districts as D

    raw = {k: store.observations(v, level="district") for k, v in _DISTRICT_FIGURES.items()}
    pop = raw["population"]
    if pop.empty:
        raise LookupError("no district figures in the store: load the bulletin's sheet 02 first")
    year = int(pop["year"].max()) if year is None else int(year)
    cols = {k: df[df["year"] == year].set_index("region")["value"] for k, df in raw.items()}
    reg = D.districts(division)
    have = cols["population"].index
    unknown = sorted(set(have) - set(reg.index))
    if unknown:
        raise KeyError(
            f"district figures for {unknown[:5]} are not units of the {division} division"
        )
    f = reg.loc[list(have), ["name_en", "name_ru", "name_kk", "region", "kind", "area_km2"]].copy()
    for k, s in cols.items():
        f[k] = s.reindex(f.index)
    for k in ("male", "female", "urban", "rural"):  # "-" = none, where the unit is published
        f[k] = f[k].fillna(0.0)
    adjusted, excluded = {}, {}
    suc = D.succession()
    cont = suc[~suc["event"].isin(["created", "absorbed", "transfer"])]
    cont_of = dict(zip(cont["kato_2018"], cont["kato_2024"], strict=True))
    missing = [k for k in reg.index if k not in have]
    for k in missing:
        donors = suc.loc[(suc["kato_2024"] == k) & (suc["event"] == "created"), "kato_2018"]
        heirs = [cont_of.get(d) for d in donors]
        heirs = [h for h in heirs if h in f.index]
        if len(heirs) == 1:
            f.loc[heirs[0], "area_km2"] += reg.at[k, "area_km2"]
            name = reg.at[k, "name_en"]
            adjusted[heirs[0]] = f"area includes {name} ({k}), created from it, no own figures"
        else:
            for h in heirs:
                excluded[h] = f"territory partly given to {reg.at[k, 'name_en']} ({k}) later"
    f["density"] = (f["population"] / f["area_km2"]).where(~f.index.isin(list(excluded)))
    f["urban_share"] = f["urban"] / (f["urban"] + f["rural"]) * 100
    srcs = sorted(set().union(*(set(df.loc[df["year"] == year, "source"]) for df in raw.values())))
    return DistrictTable(
        frame=f.sort_index(),
        year=year,
        division=int(division),
        sources=[*srcs, D.SOURCE],
        adjusted=adjusted,
        excluded=excluded,
        missing=missing,
    )


def district_demand(store, points: str = "district", division: int = 2024) -> pd.DataFrame:
    """Siting demand points from the store's latest district populations.

    ``points="district"``: one point per district; ``"settlements"``: the GeoNames places of
    each district sharing its population (see :func:`aimaq.geo.district_polygons.demand_points`).
    """
    from aimaq.geo.district_polygons import demand_points

    obs = store.observations("population_total_bulletin", level="district")
    if obs.empty:
        raise LookupError("no district populations in the store: aimaq districts load FILE first")
    obs = obs[obs["year"] == obs["year"].max()]
    src = "; ".join(obs["source"].unique())
    return demand_points(obs.set_index("region")["value"], division, source=src, points=points)
