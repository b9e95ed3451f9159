"""Ratios between named sets of regions: hand-worked figures and the bundled claim."""

import pytest

from aimaq.analysis.sets import set_ratio
from aimaq.geo.groupings import GroupingError, region_sets, set_comparisons

pd = pytest.importorskip("pandas")

# Hand-worked: output Y and workers E of five regions.
Y = pd.Series(
    {"KZ-23": 40.0, "KZ-47": 20.0, "KZ-71": 30.0, "KZ-19": 9.0, "KZ-31": 3.0, "KZ": 999.0}
)
E = pd.Series({"KZ-23": 2.0, "KZ-47": 1.0, "KZ-71": 3.0, "KZ-19": 3.0, "KZ-31": 1.0, "KZ": 99.0})


def test_ratio_of_sums_by_hand():
    # A = {23, 47, 71}: ΣY = 90, ΣE = 6 -> 15 per worker; B = {19, 31}: ΣY = 12, ΣE = 4 -> 3.
    r = set_ratio(Y, ["KZ-23", "KZ-47", "KZ-71"], ["KZ-19", "KZ-31"], denominator=E)
    assert (r.y_a, r.e_a, r.x_a) == (90.0, 6.0, 15.0)
    assert (r.y_b, r.e_b, r.x_b) == (12.0, 4.0, 3.0)
    assert r.R == 5.0 and r.aggregate == "ratio"
    # not the ratio of the members' mean ratios: (20 + 20 + 10)/3 ÷ (3 + 3)/2 = 50/9
    assert r.R != pytest.approx(50 / 9)
    assert r.excluded == {"KZ": "the republic (KZ) is not a region"}


def test_sum_and_mean():
    assert set_ratio(Y, ["KZ-23"], ["KZ-19", "KZ-31"], aggregate="sum").R == 40 / 12
    assert set_ratio(Y, ["KZ-23", "KZ-47"], ["KZ-19", "KZ-31"], aggregate="mean").R == 30 / 6


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"a": ["KZ-23"], "b": ["KZ-23", "KZ-19"], "denominator": E}, "overlap in KZ-23"),
        (
            {"a": ["KZ-23", "KZ-62"], "b": ["KZ-19"], "denominator": E},
            "no numerator figure for KZ-62",
        ),
        ({"a": ["KZ-23"], "b": ["KZ-19"]}, "aggregate='sum'"),
        ({"a": [], "b": ["KZ-19"], "denominator": E}, "empty"),
        ({"a": ["KZ"], "b": ["KZ-19"], "denominator": E}, "republic"),
        ({"a": ["KZ-23"], "b": ["KZ-19"], "aggregate": "sum", "denominator": E}, "goes with"),
    ],
)
def test_bad_input_named(kw, match):
    with pytest.raises(ValueError, match=match):
        set_ratio(Y, **kw)


def test_missing_denominator_named():
    with pytest.raises(ValueError, match="no denominator figure for KZ-47"):
        set_ratio(Y, ["KZ-23", "KZ-47"], ["KZ-19"], denominator=E.drop("KZ-47"))


def test_bundled_leaders_vs_agrarian_output_per_worker(bundled_store):
    cmp = set_comparisons()["output_per_worker_leaders_agrarian"]
    assert cmp["a"].members == ("KZ-23", "KZ-47", "KZ-71", "KZ-75")
    assert cmp["b"].members == ("KZ-19", "KZ-31", "KZ-61")
    y = bundled_store.observations(cmp["numerator"], years=[2022]).set_index("region")["value"]
    e = bundled_store.observations(cmp["denominator"], years=[2022]).set_index("region")["value"]
    r = set_ratio(y, cmp["a"], cmp["b"], denominator=e)
    direct = (sum(y[c] for c in cmp["a"].members) / sum(e[c] for c in cmp["a"].members)) / (
        sum(y[c] for c in cmp["b"].members) / sum(e[c] for c in cmp["b"].members)
    )
    assert r.R == pytest.approx(direct, rel=1e-12)
    assert r.R > 1


def test_ratio_naming_unknown_set_rejected(tmp_path):
    p = tmp_path / "s.toml"
    p.write_text('[sets.x]\nmembers = ["KZ-71"]\n[ratios.r]\na = "x"\nb = "y"\nnumerator = "grp"\n')
    assert list(region_sets(p)) == ["x"]
    with pytest.raises(GroupingError, match="'y' is not a set"):
        set_comparisons(p)
