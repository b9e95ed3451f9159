"""Identities of the bundled official data, read through the store."""

import numpy as np
import pytest

from aimaq import catalogue
from aimaq.geo import registry


def test_every_bundled_indicator_is_in_the_catalogue(bundled_store):
    for ind in bundled_store.indicators_present():
        assert catalogue.get(ind).id == ind


def test_2022_grp_of_20_regions_sums_to_national(bundled_store):
    d = bundled_store.observations("grp_mln_kzt", years=[2022]).set_index("region")["value"]
    regions = d.drop("KZ")
    assert sorted(regions.index) == sorted(registry.region_codes(2022))
    assert regions.sum() == pytest.approx(d["KZ"], rel=1e-9)


@pytest.mark.parametrize("year", [2018, 2019, 2020, 2021, 2022, 2023])
def test_gva_sections_plus_taxes_equal_grp(bundled_store, year):
    grp = bundled_store.observations("grp_mln_kzt", years=[year]).set_index("region")["value"]
    total = bundled_store.observations("net_taxes_on_products_mln_kzt", years=[year]).set_index(
        "region"
    )["value"]
    for s in "ABCDEFGHIJKLMNOPQRS":
        total = (
            total
            + bundled_store.observations(f"gva_{s}_mln_kzt", years=[year]).set_index("region")[
                "value"
            ]
        )
    np.testing.assert_allclose(total.loc[grp.index], grp, rtol=1e-9)


def test_harmonised_population_equals_old_units_when_both_exist(bundled_store):
    """2022/2023 population of Abai+East Kaz., Zhetysu+Almaty obl., Ulytau+Karaganda on
    pre-2022 borders; where the data also has the old unit's own figure they agree."""
    q = bundled_store.query("population_total", years=[2022, 2023], borders=2021)
    v = q.frame.set_index(["region", "year"])["value"]
    new = bundled_store.observations("population_total", years=[2022, 2023]).set_index(
        ["region", "year"]
    )["value"]
    for old, (a, b) in {
        "KZ-VOS": ("KZ-63", "KZ-10"),
        "KZ-ALM": ("KZ-19", "KZ-33"),
        "KZ-KAR": ("KZ-35", "KZ-62"),
    }.items():
        for y in (2022, 2023):
            assert v[(old, y)] == new[(a, y)] + new[(b, y)]
            assert (old, y, (a, b)) in q.aggregated
    # regions harmonised to the old division still sum to the republic
    for y in (2022, 2023):
        assert v.xs(y, level="year").drop("KZ").sum() == v[("KZ", y)]
    # the old units' own figures (published for 1 January 2021) continue smoothly into
    # the harmonised 2022 ones: population moves by a few percent a year, not by a split share
    old21 = bundled_store.observations("population_total", years=[2021]).set_index("region")[
        "value"
    ]
    for old in ("KZ-VOS", "KZ-ALM", "KZ-KAR"):
        assert abs(v[(old, 2022)] / old21[old] - 1) < 0.05


def test_grp_per_capita_recomputed_from_components_matches_published(bundled_store):
    """The catalogue formula (GRP / mean population of the year) reproduces the bureau's figure."""
    pub = bundled_store.observations("grp_per_capita_thousand_kzt", years=[2019, 2020]).set_index(
        ["region", "year"]
    )["value"]
    ind = catalogue.get("grp_per_capita")
    res = bundled_store._derive(ind, borders=None)
    calc = res.frame.set_index(["region", "year"])["value"]
    common = pub.index.intersection(calc.index)
    assert len(common) >= 30
    np.testing.assert_allclose(calc[common], pub[common], rtol=2e-3)


def test_per_capita_on_old_borders_is_recomputed_not_refused(bundled_store):
    q = bundled_store.query("grp_per_capita", years=[2022], borders=2021)
    f = q.frame.set_index("region")
    assert "computed" in f.loc["KZ-ALM", "note"]
    assert f.loc["KZ", "value"] == bundled_store.value("grp_per_capita", 2022)


def test_non_additive_without_components_is_refused(bundled_store):
    from aimaq.geo.borders import NonAdditiveError

    with pytest.raises(NonAdditiveError, match="unemployment_rate_pct"):
        bundled_store.query("unemployment_rate_pct", years=[2022], borders=2021)
