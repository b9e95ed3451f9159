"""Tests for aimaq.datasets.years: the one default-year rule."""

import pandas as pd
import pytest

from aimaq.datasets import (
    CORE_INDICATOR,
    NoCoreData,
    NoFigures,
    check_year,
    core_years,
    default_year,
)
from aimaq.geo import registry
from aimaq.store import Store


def _frame(rows):
    return pd.DataFrame(rows, columns=["region", "indicator", "year", "value", "unit", "source"])


def test_bundled_default_is_latest_year_with_grp_per_capita_everywhere(store):
    cov = store.coverage()
    g = cov[cov["indicator"] == CORE_INDICATOR]
    full = sorted(
        int(y)
        for y, s in g.groupby("year")["region"]
        if set(registry.region_codes(int(y))) <= set(s)
    )
    assert core_years(store) == full
    assert default_year(store) == full[-1] == 2022
    # later years exist (so the rule matters): some indicator has 2023 figures
    assert cov["year"].max() > 2022


def test_incomplete_latest_year_is_not_the_default(tmp_path):
    cur = registry.region_codes(2020)  # the division in force in 2020
    rows = [
        (r, CORE_INDICATOR, 2020, 1000.0 + i, "thousand KZT", "test") for i, r in enumerate(cur)
    ]
    rows += [(cur[0], CORE_INDICATOR, 2021, 1.0, "thousand KZT", "test")]  # one region only
    st = Store(tmp_path / "s.sqlite")
    st.load(_frame(rows), file="t")
    assert default_year(st) == 2020 and check_year(st, 2020) == 2020
    with pytest.raises(NoCoreData, match="in 2021; years that have it: 2020") as e:
        check_year(st, 2021)
    assert e.value.years == [2020]
    # a year without a complete cross-section is still found when nothing is complete
    st2 = Store(tmp_path / "s2.sqlite")
    st2.load(_frame(rows[-1:]), file="t")
    assert core_years(st2) == [] and default_year(st2) == 2021
    st.dispose()
    st2.dispose()


def test_empty_store_raises(tmp_path):
    st = Store(tmp_path / "empty.sqlite")
    with pytest.raises(NoFigures):
        default_year(st)
    st.dispose()
