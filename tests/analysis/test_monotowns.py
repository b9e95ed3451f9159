"""Tests for aimaq.analysis.monotowns: vulnerability and the outflow scenario."""

import math

import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.monotowns import (
    VulnerabilityConfig,
    haversine_km,
    outflow_scenario,
    vulnerability,
)

KM_PER_DEG = math.pi / 180 * 6371.0088  # 111.195 km along a meridian


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
    out = outflow_scenario(
        towns,
        share=0.1,
        settlements=S,
        population={"T": 10_000},
        region_population={"KZ-35": 1_000_000, "KZ-39": 800_000},
    )
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
