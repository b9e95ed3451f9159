"""Tests for aimaq.analysis.monotowns: registry, name matching, vulnerability, outflow."""

import math

import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.monotowns import (
    VulnerabilityConfig,
    haversine_km,
    load_monotowns,
    match_settlements,
    outflow_scenario,
    vulnerability,
)

KM_PER_DEG = math.pi / 180 * 6371.0088  # 111.195 km along a meridian


@pytest.fixture
def settlements():
    """A small injected settlements table (GeoNames spellings, as the real one uses)."""
    return pd.DataFrame(
        [
            (1, "Karagandy", 49.80187, 73.10211, 497777, "KZ-35"),
            (2, "Balqash", 46.84546, 74.98213, 81364, "KZ-35"),
            (3, "Qulsary", 46.95307, 54.01978, 51216, "KZ-23"),
            (4, "Rudnyy", 52.97244, 63.11055, 124000, "KZ-39"),
            (5, "Abay", 49.63539, 72.86523, 35454, "KZ-35"),
            (6, "Abay", 41.34682, 68.9504, 24047, "KZ-61"),
            (7, "Aksu", 52.04023, 76.92748, 44808, "KZ-55"),
            (8, "Aksu", 42.42193, 69.82709, 26115, "KZ-61"),
            (9, "Pavlodar", 52.27601, 76.96881, 329002, "KZ-55"),
            (10, "Kostanay", 53.21435, 63.62463, 210000, "KZ-39"),
            (11, "Atyrau", 47.1048, 51.88427, 290700, "KZ-23"),
            (12, "Altay", 49.73626, 84.25416, 44929, "KZ-63"),
            (13, "Ust-Kamenogorsk", 49.97143, 82.60586, 319067, "KZ-63"),
        ],
        columns=["geonameid", "name", "lat", "lon", "population", "region"],
    )


def test_bundled_registry_is_the_sourced_list():
    reg = load_monotowns()
    allr = load_monotowns(include_withdrawn=True)
    assert len(allr) == 21 and len(reg) == 19
    assert {"Saran", "Tekeli"} == set(allr["town"]) - set(reg["town"])
    r = reg.set_index("town")
    # figures exactly as in the source table
    assert r.loc["Balkhash", "population"] == 73450 and r.loc["Balkhash", "year"] == "2024-01-01"
    assert r.loc["Serebryansk", "population"] == 8791
    assert pd.isna(r.loc["Zhanatas", "population"])  # not in any source: left missing
    assert r.loc["Aksu (Pavlodar region)", "name"] == "Aksu"
    assert r.loc["Satpayev", "region_code"] == "KZ-62"
    assert r.loc["Kurchatov", "region_code"] == "KZ-10"
    assert reg["region_code"].notna().all()


def test_bundled_sources_cover_every_key():
    from importlib import resources

    with resources.files("aimaq").joinpath("data", "monotowns_sources.tsv").open("rb") as fh:
        src = pd.read_csv(fh, sep="\t")
    keys = set(src["key"])
    reg = load_monotowns(include_withdrawn=True)
    used = set()
    for c in ("status_source", "region_source", "population_source", "industry_source"):
        for v in reg[c].dropna():
            used |= set(str(v).split(";"))
    assert used and used <= keys


def test_matching_transliteration_and_region(settlements):
    towns = pd.DataFrame(
        {
            "town": ["Balkhash", "Kulsary", "Rudny", "Abai (Karaganda region)",
                     "Aksu (Pavlodar region)", "Altai", "Zhanatas", "Abai (Jetisu)"],
            "region_code": ["KZ-35", "KZ-23", "KZ-39", "KZ-35", "KZ-55", "KZ-63", "KZ-31",
                            "KZ-33"],
        }
    )
    m = match_settlements(towns, settlements)
    got = m.matched["settlement"].to_dict()
    assert got == {
        "Balkhash": "Balqash", "Kulsary": "Qulsary", "Rudny": "Rudnyy",
        "Abai (Karaganda region)": "Abay", "Aksu (Pavlodar region)": "Aksu", "Altai": "Altay",
    }
    # the right Abay / Aksu among the namesakes: by region
    assert m.matched.loc["Abai (Karaganda region)", "geonameid"] == 5
    assert m.matched.loc["Aksu (Pavlodar region)", "lat"] == pytest.approx(52.04023)
    assert set(m.unmatched) == {"Zhanatas", "Abai (Jetisu)"}
    assert "only in other region" in m.unmatched["Abai (Jetisu)"]
    # Cyrillic spelling folds onto the same key
    cyr = match_settlements(pd.DataFrame({"town": ["Рудный"], "region_code": ["KZ-39"]}),
                            settlements)
    assert cyr.matched.loc["Рудный", "settlement"] == "Rudnyy"


def test_haversine_meridian_degree():
    assert haversine_km(0, 0, 1, 0) == pytest.approx(KM_PER_DEG)
    # Almaty - Astana, about 970 km great-circle
    assert haversine_km(43.25249, 76.9115, 51.1801, 71.44598) == pytest.approx(970, abs=10)


@pytest.fixture
def grid():
    """Town T at (0, 0); village 0.5 deg north (55.6 km); large city 1 deg north (111.2 km)."""
    S = pd.DataFrame(
        [
            (1, "T", 0.0, 0.0, 30_000, "KZ-35"),
            (2, "Village", 0.5, 0.0, 20_000, "KZ-35"),
            (3, "Big", 1.0, 0.0, 400_000, "KZ-39"),
            (4, "U", 0.0, 3.0, 10_000, "KZ-35"),
        ],
        columns=["geonameid", "name", "lat", "lon", "population", "region"],
    )
    towns = S.iloc[[0, 3]].rename(columns={"name": "town", "region": "region_code"})
    towns = towns.set_index("town").assign(settlement_population=towns["population"].to_numpy())
    return S, towns


def test_vulnerability_components_hand(grid):
    S, towns = grid
    v = vulnerability(towns, S, dependence={"T": 0.6}, population_trend={"T": -0.5})
    c = v.components.loc["T"]
    # dependence .6 ; trend (1 - (-0.5)) / (1 - (-2)) = .5 ; distance 111.195/400 = .27799 ;
    # within 100 km: the village only (20 000) -> 1 - 20000/500000 = .96
    assert c["nearest_large_city"] == "Big"
    assert c["distance_km"] == pytest.approx(KM_PER_DEG)
    assert c["population_within_km"] == 20_000
    np.testing.assert_allclose(
        c[["s_dependence", "s_population", "s_distance", "s_remoteness"]].astype(float),
        [0.6, 0.5, KM_PER_DEG / 400, 0.96],
    )
    # V = .35*.6 + .25*.5 + .2*.27799 + .2*.96 = 0.582598
    assert v.V["T"] == pytest.approx(0.35 * 0.6 + 0.25 * 0.5 + 0.2 * KM_PER_DEG / 400 + 0.2 * 0.96)
    assert v.coverage["T"] == pytest.approx(1.0)
    # U: no dependence / trend -> coverage .4 < .5 -> score left missing, components reported
    assert np.isnan(v.V["U"]) and v.coverage["U"] == pytest.approx(0.4)
    assert v.missing == {"U": ["dependence", "population"]}
    d_u = haversine_km(0, 3, 1, 0)
    v2 = vulnerability(towns, S, config=VulnerabilityConfig(min_coverage=0.3))
    # over distance and remoteness only (equal weights .2/.2); nothing within 100 km of U
    assert v2.V["U"] == pytest.approx((min(d_u / 400, 1) + 1.0) / 2)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        vulnerability(towns, S, dependence={"T": 60})
    with pytest.raises(ValueError, match="unknown town"):
        vulnerability(towns, S, dependence={"Nowhere": 0.5})


def test_outflow_hand(grid):
    S, towns = grid
    out = outflow_scenario(towns, share=0.1, settlements=S, population={"T": 10_000},
                           region_population={"KZ-35": 1_000_000, "KZ-39": 800_000})
    t = out.table.loc["T"]
    # 10 % of 10 000 move 111 km to Big (400 000): +1 000 = +0.25 %
    assert t["m"] == 1_000 and t["city"] == "Big" and t["P_source"] == "given"
    assert t["P_city_after"] == 401_000 and t["city_increase_pct"] == pytest.approx(0.25)
    assert t["dP_origin_region"] == -1_000 and t["dP_dest_region"] == 1_000
    assert t["origin_region_pct"] == pytest.approx(-0.1)
    assert t["dest_region_pct"] == pytest.approx(0.125)
    # U falls back on the settlements population (10 000): also to Big
    assert out.table.loc["U", "P_source"] == "settlements"
    assert out.by_city.loc["Big", "m"] == 2_000
    assert out.by_city.loc["Big", "city_increase_pct"] == pytest.approx(0.5)
    assert out.by_region.loc["KZ-35", "dP"] == -2_000 and out.by_region.loc["KZ-39", "dP"] == 2_000
    with pytest.raises(ValueError, match="share"):
        outflow_scenario(towns, share=1.5, settlements=S)
