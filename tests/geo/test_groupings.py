"""Macro-region groupings."""

import pytest

from aimaq.geo import groupings, registry


def test_default_macro_regions_cover_current_units():
    g = groupings.macro_regions(borders=2024)
    assert set(g.index) == set(registry.region_codes(2024))
    assert g["KZ-71"] == "north" and g["KZ-75"] == "south" and g["KZ-23"] == "west"
    assert set(g.unique()) == {"west", "north", "centre", "east", "south"}


def test_historical_units_grouped():
    g = groupings.macro_regions(borders=2021)
    assert set(g.index) == set(registry.region_codes(2021))
    assert g["KZ-ALM"] == "south" and g["KZ-VOS"] == "east"
    assert set(groupings.macro_regions().index) >= set(registry.region_codes(2017))


def test_labels_three_languages():
    assert groupings.labels("en")["west"] == "West"
    assert groupings.labels("ru")["south"] == "Юг"
    assert groupings.labels("kk")["north"] == "Солтүстік"
    with pytest.raises(ValueError):
        groupings.labels("de")


def test_custom_file_and_errors(tmp_path):
    p = tmp_path / "g.toml"
    p.write_text('[groups]\na = ["KZ-71", "KZ-11"]\nb = ["KZ-75"]\n', encoding="utf-8")
    g = groupings.macro_regions(p)
    assert g.to_dict() == {"KZ-71": "a", "KZ-11": "a", "KZ-75": "b"}
    assert groupings.labels("ru", p) == {"a": "a", "b": "b"}
    bad = tmp_path / "bad.toml"
    bad.write_text('[groups]\na = ["KZ-71"]\nb = ["KZ-71"]\n', encoding="utf-8")
    with pytest.raises(groupings.GroupingError, match="both"):
        groupings.macro_regions(bad)
    bad.write_text('[groups]\na = ["KZ-99"]\n', encoding="utf-8")
    with pytest.raises(groupings.GroupingError, match="unknown"):
        groupings.macro_regions(bad)


def test_econgeo_grouping_by_name_south_and_west_of_the_regional_studies():
    p = groupings.grouping_path("econgeo6")
    g = groupings.macro_regions(p, borders=2024)
    assert set(g.index) == set(registry.region_codes(2024))
    south = {"KZ-19", "KZ-33", "KZ-31", "KZ-43", "KZ-61", "KZ-79"}  # Almaty obl., Zhetysu,
    assert set(g[g == "south"].index) == south  # Zhambyl, Kyzylorda, Turkistan, Shymkent
    assert set(g[g == "west"].index) == {"KZ-15", "KZ-23", "KZ-27", "KZ-47"}
    assert g["KZ-75"] == "almaty"
    assert groupings.labels("kk", p)["almaty"] == "Алматы қаласы"
    old = groupings.macro_regions(p, borders=2017)
    assert set(old.index) == set(registry.region_codes(2017))
    assert old["KZ-YUZ"] == "south" and old["KZ-ALM"] == "south"


def test_grouping_path_names_files_and_errors(tmp_path):
    assert list(groupings.bundled_groupings()) == ["macro5", "econgeo6"]
    assert groupings.grouping_path("macro5") == groupings.default_path()
    f = tmp_path / "mine.toml"
    f.write_text('[groups]\na = ["KZ-71"]\n', encoding="utf-8")
    assert groupings.grouping_path(str(f)) == f.resolve()
    with pytest.raises(groupings.GroupingError, match="econgeo6"):
        groupings.grouping_path("no_such_grouping")
