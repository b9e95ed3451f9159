import esda
import libpysal
import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.spatial import lisa, moran

# esda's own test (esda/tests/test_moran.py::TestMoran): HR8893 on stl.gal, row-standardised
STL_I = 0.24365582621771659


def test_moran_matches_esda_published_value(stl):
    df, w = stl
    res = moran(df["HR8893"], w, permutations=99)
    assert res.I == pytest.approx(STL_I, abs=1e-12)
    assert res.EI == pytest.approx(-1 / 77)
    ref = esda.Moran(df["HR8893"].to_numpy(), w, permutations=0)
    assert res.z_norm == pytest.approx(ref.z_norm)
    assert res.p_norm == pytest.approx(ref.p_norm)
    assert res.p_sim == pytest.approx(0.01)  # 0 of 99 permutations as extreme: 1/100
    assert (res.n, res.excluded, res.islands) == (78, {}, [])


def test_moran_seeded_and_does_not_touch_caller_state(stl):
    df, w = stl
    before = w.transform
    np.random.seed(0)  # noqa: NPY002
    expected_next = np.random.random()  # noqa: NPY002
    np.random.seed(0)  # noqa: NPY002
    a = moran(df["HR8488"], w, permutations=199, seed=3)
    assert np.random.random() == expected_next  # noqa: NPY002  (global state restored)
    b = moran(df["HR8488"], w, permutations=199, seed=3)
    assert (a.p_sim, a.z_sim) == (b.p_sim, b.z_sim)
    assert w.transform == before


def test_moran_on_mexico_matches_esda_with_subset(mexico):
    w = libpysal.io.open(libpysal.examples.get_path("mexico.gal")).read()
    ids = [str(i) for i in w.id_order]
    y = pd.Series(mexico["pcgdp1940"].to_numpy(), index=w.id_order)
    full = moran(y, w)
    ref = esda.Moran(mexico["pcgdp1940"].to_numpy(), w)
    assert full.I == pytest.approx(ref.I)
    # drop one state: W is restricted (its links removed) and the state is reported
    y2 = y.copy()
    y2.iloc[5] = np.nan
    y2["extra"] = 1.0
    res = moran(y2, w)
    assert res.excluded == {
        ids[5]: "missing value (dropped from W)",
        "extra": "not in the spatial weights W",
    }
    keep = [i for i in w.id_order if i != w.id_order[5]]
    sub = libpysal.weights.w_subset(w, keep)
    ref2 = esda.Moran(y.loc[keep].to_numpy(), sub)
    assert res.I == pytest.approx(ref2.I) and res.n == 31


def test_lisa_matches_esda_and_labels(stl):
    df, w = stl
    res = lisa(df["HR8893"], w, permutations=99, seed=10, alpha=0.05)
    ref = esda.Moran_Local(df["HR8893"].to_numpy(), w, permutations=99, seed=10)
    np.testing.assert_allclose(res.Is.to_numpy(), ref.Is)
    np.testing.assert_allclose(res.p_sim.to_numpy(), ref.p_sim)
    labels = ref.get_cluster_labels(crit_value=0.05)
    expected = pd.Series(labels).replace({"Insignificant": "not significant"})
    assert res.cluster.tolist() == expected.tolist()
    counts = res.cluster.value_counts()
    assert counts["High-High"] >= 1 and counts["Low-Low"] >= 1
    # label semantics: HH regions are above the mean
    hh = res.cluster.index[res.cluster == "High-High"]
    assert (df.loc[hh, "HR8893"] > df["HR8893"].mean()).all()
    assert set(res.cluster[res.p_sim >= 0.05]) == {"not significant"}


def test_lisa_islands_never_significant():
    # a path a - b - c - d plus e linked only to c; dropping c's value isolates e
    neighbors = {"a": ["b"], "b": ["a", "c"], "c": ["b", "d", "e"], "d": ["c"], "e": ["c"]}
    w = libpysal.weights.W(neighbors, silence_warnings=True)
    y = pd.Series({"a": 1.0, "b": 2.0, "c": np.nan, "d": 10.0, "e": 50.0})
    res = lisa(y, w, permutations=9)
    assert res.islands == ["d", "e"]
    assert res.cluster["e"] == "not significant"
    assert res.excluded == {"c": "missing value (dropped from W)"}


def test_errors():
    w = libpysal.weights.W({"a": ["b"], "b": ["a", "c"], "c": ["b"]})
    with pytest.raises(ValueError, match="constant"):
        moran(pd.Series({"a": 1.0, "b": 1.0, "c": 1.0}), w)
    with pytest.raises(ValueError, match="fewer than 3"):
        moran(pd.Series({"a": 1.0, "b": 2.0}), w)
