"""Tests for aimaq.report.maps: the three cities drawn as enlarged symbols in their class colour."""

import pandas as pd

from aimaq.geo import registry
from aimaq.report import maps


def test_cities_are_enlarged_symbols_of_their_class():
    codes = registry.region_codes(2022)
    values = pd.Series(range(len(codes)), index=codes, dtype=float)
    fig = maps.choropleth(values, title="t", unit="u", lang="en", borders=2022)
    fills = {
        tr["meta"]["region"]: tr["fillcolor"]
        for tr in fig["data"]
        if tr.get("meta") and not tr["meta"].get("city")
    }
    cities = [tr for tr in fig["data"] if tr.get("meta", {}).get("city")]
    assert sorted(tr["meta"]["region"] for tr in cities) == list(maps.CITIES)
    for tr in cities:
        assert tr["marker"]["size"] >= 10
        assert tr["marker"]["color"] == fills[tr["meta"]["region"]]
    # drawn after (on top of) every region outline
    first_city = fig["data"].index(cities[0])
    assert all(not tr.get("fill") for tr in fig["data"][first_city:])
