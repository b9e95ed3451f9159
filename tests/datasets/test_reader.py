"""Tests for aimaq.datasets.reader: one query per indicator and division, sources and gaps."""

import pandas as pd
import pytest

from aimaq.datasets import Datasets
from aimaq.geo import registry

GRP_PC = "grp_per_capita_thousand_kzt"
GVA_A = "gva_A_mln_kzt"


def test_cross_equals_the_store_and_records_sources(store):
    d = Datasets(store, not_in_store="absent")
    reg, nat = d.cross(GRP_PC, 2022, 2022)
    obs = store.observations(GRP_PC, years=[2022], borders=2022)
    want = obs[obs["region"] != registry.NATIONAL].set_index("region")["value"]
    pd.testing.assert_series_equal(reg.sort_index(), want.sort_index(), check_names=False)
    assert nat == pytest.approx(float(obs.loc[obs["region"] == "KZ", "value"].iloc[0]))
    assert d.sources(GRP_PC, 2022) and not any("://" in s for s in d.sources(GRP_PC, 2022))
    assert d.gaps[(GRP_PC, 2022, 2022)] == {}
    assert d.query(GRP_PC, 2022) is d.query(GRP_PC, 2022)  # read once


def test_missing_region_is_a_gap_with_its_reason(store):
    d = Datasets(store, not_in_store="absent")
    d.cross(GRP_PC, 2022, 2022)
    rows = d.frame(GRP_PC, 2022)
    rows = rows[(rows["year"] == 2022) & (rows["region"] != "KZ-11")]
    d.record(GRP_PC, 2022, 2022, rows)
    assert d.gaps[(GRP_PC, 2022, 2022)] == {"KZ-11": "absent"}


def test_years_on_equals_a_harmonised_query(store):
    """GVA of 2022 on the 2021 division: summed successors, as the store's own query gives."""
    d = Datasets(store)
    f = d.years_on(GVA_A, [2022], 2021)
    want = store.observations(GVA_A, years=[2022], borders=2021)
    got = f.set_index("region")["value"].sort_index()
    pd.testing.assert_series_equal(got, want.set_index("region")["value"].sort_index())
    assert "KZ-ALM" in got.index and "KZ-19" not in got.index
    assert f.set_index("region").loc["KZ-ALM", "note"].startswith("aggregated by aimaq: sum of")
    # the view answers from the memo with the same figures
    v = d.view(2021).observations(GVA_A, years=[2022])
    assert v.set_index("region")["value"].sort_index().equals(got)
    assert (GVA_A, 2022) in d.used
