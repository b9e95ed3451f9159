"""Tests for aimaq.datasets.activity: region × activity matrices on one division."""

import pytest

from aimaq.datasets import OKED_SECTIONS, activity_matrix
from aimaq.geo import registry


def test_gva_matrix_of_the_bundled_data(store):
    m = activity_matrix(store, 2022, 2022, "gva")
    assert list(m.X.columns) == list(OKED_SECTIONS) and m.unit == "million KZT"
    assert set(m.X.index) | set(m.missing) == set(registry.region_codes(2022))
    obs = store.observations("gva_C_mln_kzt", years=[2022], borders=2022).set_index("region")
    assert m.X.loc["KZ-23", "C"] == pytest.approx(obs.loc["KZ-23", "value"])
    with pytest.raises(AttributeError):
        m.year = 2000  # frozen


def test_unknown_measure_is_refused(store):
    with pytest.raises(ValueError, match="measure must be"):
        activity_matrix(store, 2022, measure="exports")
