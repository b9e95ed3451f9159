"""Single-industry towns (моногорода): registry, vulnerability score, outflow scenario.

The bundled registry ``aimaq/data/monotowns.csv`` (sources in ``monotowns_sources.tsv``) is the
*sourced part* of the current official list — fewer towns than the official count of about 20;
figures are as printed in the cited sources, nothing imputed. Coordinates come from the
settlements table, matched by name with transliteration folding
(:func:`aimaq.datasets.match_settlements`, which also reads the registry); unmatched towns are
reported, never guessed. The functions here take those tables and do no I/O.

Vulnerability rule (documented choice, transparent components, each scaled to [0, 1] with
1 = most vulnerable, fixed anchors so that a town's score does not depend on the other towns):

=================  =======================================  ======================================
component          raw value                                score
=================  =======================================  ======================================
``dependence``     share of the town's employment (or        :math:`s = x`, must lie in [0, 1]
                   output) in the core enterprise/resource
``population``     average annual population change, %      :math:`s = \\mathrm{clip}((g_{hi} - g)
                                                            /(g_{hi} - g_{lo}), 0, 1)`
``distance``       great-circle km to the nearest large     :math:`s = \\mathrm{clip}(d / d_{ref},
                   city (population ≥ threshold)            0, 1)`
``remoteness``     population of other settlements within   :math:`s = 1 - \\mathrm{clip}(P /
                   ``radius_km``                            P_{ref}, 0, 1)`
=================  =======================================  ======================================

:math:`V = \\sum_{k \\in A} w_k s_k / \\sum_{k \\in A} w_k` over the available components *A*;
coverage :math:`= \\sum_{k\\in A} w_k / \\sum_k w_k`; when coverage < ``min_coverage`` the score is
left missing (NaN). Missing components are listed per town, never imputed.

References
----------
World Bank (2016). *Kazakhstan — Single-industry towns: a development challenge* (policy note).
OECD (2018). *Enhancing the Economic Resilience of Single-Industry Towns* (Kazakhstan context).
Harris, C. D. (1954). The market as a factor in the localization of industry. *Annals AAG* 44.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aimaq.geo.distance import haversine_km

__all__ = [
    "haversine_km",
    "VulnerabilityConfig",
    "Vulnerability",
    "vulnerability",
    "Outflow",
    "outflow_scenario",
]


def _settlements(settlements: pd.DataFrame | None) -> pd.DataFrame:
    if settlements is None:
        raise ValueError(
            "give the settlements table (aimaq.datasets.settlements() reads the bundled one)"
        )
    need = {"name", "lat", "lon", "population", "region"}
    miss = need - set(settlements.columns)
    if miss:
        raise ValueError(f"settlements table lacks column(s) {sorted(miss)}")
    return settlements


def _nearest_large(lat, lon, S: pd.DataFrame, min_pop: float, exclude_id=None):
    big = S[S["population"] >= min_pop]
    if exclude_id is not None and "geonameid" in big.columns:
        big = big[big["geonameid"] != exclude_id]
    if big.empty:
        raise ValueError(f"no settlement with population >= {min_pop:,.0f}")
    d = haversine_km(lat, lon, big["lat"].to_numpy(float), big["lon"].to_numpy(float))
    d = np.where(d < 1.0, np.inf, d)  # the town itself, whatever its id
    i = int(np.argmin(d))
    return big.iloc[i], float(d[i])


# ----------------------------------------------------------------------------------------------
# vulnerability
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VulnerabilityConfig:
    """Weights and scaling anchors of the vulnerability score (a documented default choice)."""

    weights: Mapping[str, float] = field(
        default_factory=lambda: {
            "dependence": 0.35,
            "population": 0.25,
            "distance": 0.20,
            "remoteness": 0.20,
        }
    )
    g_lo: float = -2.0  # %/yr population change scored 1 (or worse)
    g_hi: float = 1.0  # %/yr population change scored 0 (or better)
    d_ref_km: float = 400.0  # distance to a large city scored 1 (or farther)
    radius_km: float = 100.0  # catchment for remoteness
    p_ref: float = 500_000.0  # population within radius scored 0 (or more)
    large_city_min_population: float = 200_000.0
    min_coverage: float = 0.5


_COMPONENTS = ("dependence", "population", "distance", "remoteness")


@dataclass(frozen=True)
class Vulnerability:
    """Vulnerability of single-industry towns.

    Attributes
    ----------
    V : Series
        Score in [0, 1] (1 = most vulnerable) over available components; NaN when coverage <
        ``config.min_coverage``. Sorted descending.
    components : DataFrame
        Per town the raw values (``dependence``, ``population_trend_pct``, ``distance_km``,
        ``population_within_km``, ``nearest_large_city``) and the scores ``s_dependence,
        s_population, s_distance, s_remoteness``.
    coverage : Series
        Share of the total weight carried by the available components.
    missing : dict
        Town -> list of missing components.
    w : Series
        Weights used (normalised over all components).
    config : VulnerabilityConfig
    """

    V: pd.Series
    components: pd.DataFrame
    coverage: pd.Series
    missing: dict
    w: pd.Series
    config: VulnerabilityConfig


def vulnerability(
    towns: pd.DataFrame,
    settlements: pd.DataFrame | None = None,
    dependence: Mapping[str, float] | pd.Series | None = None,
    population_trend: Mapping[str, float] | pd.Series | None = None,
    config: VulnerabilityConfig | None = None,
) -> Vulnerability:
    """Transparent vulnerability score of single-industry towns (see module docstring).

    Parameters
    ----------
    towns : DataFrame
        ``TownMatch.matched`` (index town; ``lat, lon`` and optionally ``geonameid``).
    settlements : DataFrame
        For the nearest large city and remoteness (:func:`aimaq.datasets.settlements`).
    dependence : mapping town -> share in [0, 1], optional
        Share of employment (or output) of the core enterprise/resource.
    population_trend : mapping town -> average annual population change in %, optional
    config : VulnerabilityConfig, optional
    """
    cfg = config or VulnerabilityConfig()
    unknown = set(cfg.weights) - set(_COMPONENTS)
    if unknown:
        raise ValueError(f"unknown component weight(s) {sorted(unknown)}; use {_COMPONENTS}")
    w = pd.Series({c: float(cfg.weights.get(c, 0.0)) for c in _COMPONENTS})
    if (w < 0).any() or w.sum() == 0:
        raise ValueError(f"component weights must be non-negative, not all zero: {w.to_dict()}")
    w = w / w.sum()
    for c in ("lat", "lon"):
        if c not in towns.columns:
            raise ValueError(f"towns lack column {c!r} (match them to settlements first)")
    S = _settlements(settlements)
    dep = pd.Series(dependence if dependence is not None else {}, dtype=float)
    tr = pd.Series(population_trend if population_trend is not None else {}, dtype=float)
    bad = dep[(dep < 0) | (dep > 1)]
    if len(bad):
        raise ValueError(f"dependence must be a share in [0, 1]; got {bad.to_dict()}")
    extra = (set(dep.index) | set(tr.index)) - set(towns.index)
    if extra:
        raise ValueError(f"dependence/population_trend given for unknown town(s) {sorted(extra)}")
    slat = S["lat"].to_numpy(float)
    slon = S["lon"].to_numpy(float)
    spop = S["population"].to_numpy(float)
    recs, missing = [], {}
    for town, t in towns.iterrows():
        r = {"town": town}
        r["dependence"] = dep.get(town, np.nan)
        r["population_trend_pct"] = tr.get(town, np.nan)
        if pd.notna(t["lat"]) and pd.notna(t["lon"]):
            city, d = _nearest_large(
                t["lat"], t["lon"], S, cfg.large_city_min_population, t.get("geonameid")
            )
            r["nearest_large_city"] = city["name"]
            r["distance_km"] = d
            dd = haversine_km(t["lat"], t["lon"], slat, slon)
            r["population_within_km"] = float(spop[(dd <= cfg.radius_km) & (dd >= 1.0)].sum())
        else:
            r.update(nearest_large_city=None, distance_km=np.nan, population_within_km=np.nan)
        r["s_dependence"] = r["dependence"]
        g = r["population_trend_pct"]
        r["s_population"] = np.clip((cfg.g_hi - g) / (cfg.g_hi - cfg.g_lo), 0, 1)
        r["s_distance"] = np.clip(r["distance_km"] / cfg.d_ref_km, 0, 1)
        r["s_remoteness"] = 1 - np.clip(r["population_within_km"] / cfg.p_ref, 0, 1)
        recs.append(r)
    comp = pd.DataFrame(recs).set_index("town")
    s = comp[[f"s_{c}" for c in _COMPONENTS]].astype(float)
    s.columns = list(_COMPONENTS)
    avail = s.notna()
    cov = (avail * w).sum(axis=1)
    V = (s.fillna(0.0) * w).sum(axis=1) / cov.replace(0.0, np.nan)
    V = V.where(cov >= cfg.min_coverage - 1e-12)
    for town in s.index:
        miss = [c for c in _COMPONENTS if not avail.loc[town, c] and w[c] > 0]
        if miss:
            missing[town] = miss
    order = V.sort_values(ascending=False, na_position="last", kind="stable").index
    return Vulnerability(
        V=V.loc[order].rename("V"),
        components=comp.loc[order],
        coverage=cov.loc[order].rename("coverage"),
        missing=missing,
        w=w,
        config=cfg,
    )


# ----------------------------------------------------------------------------------------------
# outflow scenario
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Outflow:
    """Outflow of a share of each town's population to its nearest large city.

    Attributes
    ----------
    table : DataFrame
        Per town: ``region_code, P`` (town population), ``P_source``, ``m`` (movers =
        share × P), ``city, city_region, distance_km, P_city, P_city_after, city_increase_pct``
        (100 m / P_city), ``dP_origin_region`` (−m, 0 if the city is in the same region),
        ``dP_dest_region`` (+m, 0 if same region) and, with region populations given,
        ``origin_region_pct, dest_region_pct``.
    by_city : DataFrame
        Receiving cities if all towns' outflows happen together: ``P_city, m, P_city_after,
        city_increase_pct, towns``.
    by_region : DataFrame
        Net change of each region's population (and % if region populations given).
    share : float
    unresolved : dict
        Town -> reason (no population or coordinates).
    """

    table: pd.DataFrame
    by_city: pd.DataFrame
    by_region: pd.DataFrame
    share: float
    unresolved: dict


def outflow_scenario(
    towns: pd.DataFrame,
    share: float = 0.1,
    settlements: pd.DataFrame | None = None,
    population: Mapping[str, float] | pd.Series | None = None,
    region_population: Mapping[str, float] | pd.Series | None = None,
    large_city_min_population: float = 200_000.0,
) -> Outflow:
    """If ``share`` of each town's population moves to its nearest large city.

    .. math:: m_t = \\sigma P_t, \\qquad \\Delta P_{c(t)} = \\sum_{t \\to c} m_t, \\qquad
              \\text{load}_c = 100\\,\\Delta P_c / P_c

    with :math:`c(t)` the nearest (great-circle) settlement of population ≥
    ``large_city_min_population``. Regions: :math:`-m_t` for the town's region, :math:`+m_t`
    for the city's (zero net when both are in the same region).

    Parameters
    ----------
    towns : DataFrame
        Matched towns (index town; ``lat, lon, region_code``; ``settlement_population`` as
        fallback population).
    share : float
        :math:`\\sigma` in (0, 1].
    population : mapping town -> persons, optional
        Town populations (e.g. the registry's dated ``population``); towns without one fall back
        on ``settlement_population`` (GeoNames, undated) — the source is shown in ``P_source``.
    region_population : mapping region code -> persons, optional
        To express the regional changes in %.
    """
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    S = _settlements(settlements)
    pop = pd.Series(population if population is not None else {}, dtype=float)
    rp = pd.Series(region_population if region_population is not None else {}, dtype=float)
    rows, unresolved = [], {}
    for town, t in towns.iterrows():
        P, src = pop.get(town, np.nan), "given"
        if not np.isfinite(P) or P <= 0:
            P, src = float(t.get("settlement_population", np.nan)), "settlements"
        if not np.isfinite(P) or P <= 0:
            unresolved[town] = "no population"
            continue
        if pd.isna(t.get("lat")) or pd.isna(t.get("lon")):
            unresolved[town] = "no coordinates"
            continue
        city, d = _nearest_large(
            t["lat"], t["lon"], S, large_city_min_population, t.get("geonameid")
        )
        m = share * P
        same = city["region"] == t.get("region_code")
        rows.append(
            dict(
                town=town,
                region_code=t.get("region_code"),
                P=P,
                P_source=src,
                m=m,
                city=city["name"],
                city_region=city["region"],
                distance_km=d,
                P_city=float(city["population"]),
                P_city_after=float(city["population"]) + m,
                city_increase_pct=100 * m / float(city["population"]),
                dP_origin_region=0.0 if same else -m,
                dP_dest_region=0.0 if same else m,
            )
        )
    table = pd.DataFrame(rows)
    if table.empty:
        raise ValueError(f"no town could be resolved: {unresolved}")
    table = table.set_index("town")
    if len(rp):
        table["origin_region_pct"] = 100 * table["dP_origin_region"] / table["region_code"].map(rp)
        table["dest_region_pct"] = 100 * table["dP_dest_region"] / table["city_region"].map(rp)
    by_city = table.groupby("city").agg(
        P_city=("P_city", "first"), m=("m", "sum"), towns=("m", lambda s: ", ".join(s.index))
    )
    by_city["P_city_after"] = by_city["P_city"] + by_city["m"]
    by_city["city_increase_pct"] = 100 * by_city["m"] / by_city["P_city"]
    by_city = by_city[["P_city", "m", "P_city_after", "city_increase_pct", "towns"]].sort_values(
        "city_increase_pct", ascending=False
    )
    dreg = pd.concat(
        [
            table.groupby("region_code")["dP_origin_region"].sum(),
            table.groupby("city_region")["dP_dest_region"].sum(),
        ]
    )
    by_region = dreg.groupby(level=0).sum().rename("dP").to_frame()
    by_region.index.name = "region"
    if len(rp):
        by_region["P"] = by_region.index.map(rp)
        by_region["dP_pct"] = 100 * by_region["dP"] / by_region["P"]
    return Outflow(
        table=table, by_city=by_city, by_region=by_region, share=float(share), unresolved=unresolved
    )
