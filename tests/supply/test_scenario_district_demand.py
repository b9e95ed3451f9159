"""Siting demand from district populations instead of GeoNames settlements."""

import pandas as pd
import pytest

from aimaq.geo.district_polygons import demand_points
from aimaq.supply.scenario import ScenarioError, load_scenario


def test_district_points_replace_settlements_as_demand():
    pop = pd.Series({"111000000": 191099.0, "113200000": 24338.0, "751110000": 262521.0})
    pts = demand_points(pop, source="BNS bulletin 2023, sheet 02")
    pr = load_scenario("default", demand_points=pts)
    assert list(pr.demand.index) == ["D111000000", "D113200000", "D751110000"]
    assert pr.demand["population"].tolist() == [191099.0, 24338.0, 262521.0]
    assert pr.demand.loc["D751110000", "region"] == "KZ-75"
    # per-capita demand is the file's table times the given population, nothing scaled
    ratio = pr.demand["dry"] / pr.demand["population"]
    assert ratio.to_numpy() == pytest.approx([ratio.iloc[0]] * 3, rel=1e-12)
    assert any("BNS bulletin 2023, sheet 02" in n and "geokz" in n for n in pr.notes)
    assert not any("scaled per region" in n for n in pr.notes)


def test_bad_demand_points_are_refused():
    with pytest.raises(ScenarioError, match="missing column"):
        load_scenario("default", demand_points=pd.DataFrame({"name": ["x"]}))


def test_settlements_inside_districts_share_the_district_population():
    pop = pd.Series({"101000000": 328762.0, "113200000": 24338.0, "751110000": 262521.0})
    pts = demand_points(pop, source="BNS bulletin 2023", points="settlements")
    assert pts.groupby("kato")["population"].sum().to_dict() == pytest.approx(pop.to_dict())
    assert pts["id"].is_unique
    pr = load_scenario("default", demand_points=pts)
    assert pr.demand["population"].sum() == pytest.approx(pop.sum())
    assert any("GeoNames place" in n for n in pr.notes)
