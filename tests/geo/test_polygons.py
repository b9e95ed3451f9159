"""Polygons of the regions: join to the registry, areas, queen contiguity, older borders."""

import pytest

from aimaq.geo import polygons, registry

# Official area of the Republic of Kazakhstan: 2 724 900 km², the figure published by the Bureau
# of National Statistics (stat.gov.kz) and on the official site of the President (akorda.kz,
# "Kazakhstan: territory").
OFFICIAL_AREA_KM2 = 2_724_900


@pytest.fixture(scope="module")
def gdf():
    return polygons.load_polygons()


def test_twenty_polygons_joined_to_registry(gdf):
    assert len(gdf) == 20
    assert set(gdf.index) == set(registry.region_codes(2024))
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf.columns[:2]) == ["name_en", "area_km2"]
    assert gdf.geometry.is_valid.all()


def test_total_area_matches_official_figure(gdf):
    total = gdf["area_km2"].sum()
    assert abs(total - OFFICIAL_AREA_KM2) / OFFICIAL_AREA_KM2 < 0.01


def test_areas_plausible(gdf):
    a = gdf["area_km2"]
    assert a.idxmax() == "KZ-15"  # Aktobe is the largest region
    assert a[["KZ-71", "KZ-75", "KZ-79"]].max() < 2_000  # the three cities are small
    assert a.min() > 100


def test_queen_neighbours_sensible():
    w = polygons.queen_weights()
    assert list(w.id_order) == list(registry.region_codes(2024))
    assert w.neighbors["KZ-71"] == ["KZ-11"]  # Astana lies inside Akmola oblast
    assert w.neighbors["KZ-75"] == ["KZ-19"]  # Almaty city inside Almaty oblast
    assert w.neighbors["KZ-79"] == ["KZ-61"]  # Shymkent inside Turkistan oblast
    assert not w.islands
    assert "KZ-23" in w.neighbors["KZ-47"] and "KZ-47" in w.neighbors["KZ-23"]
    # symmetric
    for i, nb in w.neighbors.items():
        for j in nb:
            assert i in w.neighbors[j]


def test_queen_weights_subset_order():
    w = polygons.queen_weights(["KZ-75", "KZ-19", "KZ-71"])
    assert list(w.id_order) == ["KZ-75", "KZ-19", "KZ-71"]
    assert w.neighbors["KZ-71"] == []
    with pytest.raises(KeyError):
        polygons.queen_weights(["KZ-ALM"])


def test_pre_2022_borders_dissolve_successors(gdf):
    old = polygons.load_polygons(borders=2021)
    assert set(old.index) == set(registry.region_codes(2021))
    assert len(old) == 17
    assert old.at["KZ-ALM", "members"] == "KZ-19 KZ-33"
    assert old.at["KZ-ALM", "area_km2"] == pytest.approx(
        gdf.at["KZ-19", "area_km2"] + gdf.at["KZ-33", "area_km2"]
    )
    assert old["area_km2"].sum() == pytest.approx(gdf["area_km2"].sum())
    w = polygons.queen_weights(borders=2021)
    assert "KZ-75" in w.neighbors["KZ-ALM"]
    assert len(polygons.load_polygons(borders=2017)) == 16  # with South Kazakhstan (KZ-YUZ)


def test_geojson_ids_are_codes():
    gj = polygons.geojson(tolerance=0.02)
    assert [f["id"] for f in gj["features"]] == list(registry.region_codes(2024))
