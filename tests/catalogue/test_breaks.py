"""Breaks in series (catalogue/breaks.toml) and the window question."""

import re

import pytest

from aimaq.catalogue import breaks as B


def test_census_break_on_population_from_2022():
    (census,) = [b for b in B.breaks() if b.kind == "census"]
    assert census.indicators == ("population_total",)
    assert census.first_year == 2022
    assert set(census.reason) == {"en", "ru", "kk"}
    assert "2021" in census.source and "population" in census.source.lower()


@pytest.mark.parametrize(
    ("indicator", "start", "end", "spans"),
    [
        ("population_total", 2021, 2022, True),
        ("population_total", 2022, 2023, False),  # both years on the census basis
        ("population_total", 2000, 2021, False),
        ("population", 2008, 2023, True),  # alias
        ("grp_per_capita_thousand_kzt", 2018, 2022, True),  # through its denominator
        ("grp_mln_kzt", 2018, 2022, False),
    ],
)
def test_spans_break(indicator, start, end, spans):
    assert B.spans_break(indicator, start, end) is spans


def test_bad_window_is_rejected():
    with pytest.raises(ValueError, match="after the last"):
        B.breaks_in("population_total", 2022, 2018)


def test_unknown_indicator_is_named():
    with pytest.raises(KeyError, match="no_such"):
        B.spans_break("no_such", 2000, 2001)


def test_reason_figures_are_the_bundled_data(bundled_store):
    """The jumps the reason quotes are the bundled population's 2022/2021 ratios."""
    (census,) = [b for b in B.breaks() if b.kind == "census"]
    quoted = [float(x) for x in re.findall(r"(\d+\.\d)%", census.text("en"))]
    p = bundled_store.observations("population_total", years=[2021, 2022])
    v = p.pivot_table(index="region", columns="year", values="value")
    growth = (v[2022] / v[2021] - 1) * 100
    assert quoted == [round(growth[r], 1) for r in ("KZ", "KZ-71", "KZ-79")]
