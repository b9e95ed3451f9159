"""aimaq.datasets.districts on the bundled store: district table and siting demand points."""

import pytest

from aimaq.datasets import district_demand, district_table


def test_bundled_store_has_the_2023_district_figures(bundled_store):
    t = district_table(bundled_store)
    assert t.year == 2023 and len(t.frame) == 219
    assert t.frame["population"].sum() == 19765004 - 100163  # republic minus Sauran's row


@pytest.mark.parametrize("points", ["district", "settlements"])
def test_district_demand_keeps_the_district_totals(bundled_store, points):
    pts = district_demand(bundled_store, points)
    assert pts["population"].sum() == pytest.approx(19765004 - 100163)
    assert pts["id"].is_unique and pts["kato"].nunique() == 219
