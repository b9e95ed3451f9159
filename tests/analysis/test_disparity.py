import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from inequality.atkinson import atkinson as pysal_atkinson
from inequality.gini import Gini as PysalGini
from inequality.theil import Theil as PysalTheil
from inequality.theil import TheilD as PysalTheilD

from aimaq.analysis.disparity import dispersion, hoover, position, theil

DECADES = [f"pcgdp{d}" for d in range(1940, 2010, 10)]

# Published values asserted by the `inequality` package's own tests
# (inequality/tests/test_theil.py, test_gini.py, test_atkinson.py).
THEIL_T_MEXICO = [
    0.20894344,
    0.15222451,
    0.10472941,
    0.10194725,
    0.09560113,
    0.10511256,
    0.10660832,
]
THEIL_T_BG_HANSON98 = [
    0.0345889,
    0.02816853,
    0.05260921,
    0.05931219,
    0.03205257,
    0.02963731,
    0.03635872,
]
THEIL_T_WG_HANSON98 = [
    0.17435454,
    0.12405598,
    0.0521202,
    0.04263506,
    0.06354856,
    0.07547525,
    0.0702496,
]
GINI_1940 = 0.35372371173452849


# --------------------------------------------------------------------------- published values
def test_theil_t_mexico_per_decade_matches_published(mexico):
    res = theil(mexico[DECADES])
    np.testing.assert_almost_equal(res.T.to_numpy(), THEIL_T_MEXICO)
    assert list(res.T.index) == DECADES
    # and the same run of PySAL
    np.testing.assert_allclose(res.T.to_numpy(), PysalTheil(mexico[DECADES].to_numpy()).T)


def test_theil_t_hanson98_between_within_match_published(mexico):
    res = theil(mexico[DECADES], groups=mexico["hanson98"])
    np.testing.assert_almost_equal(res.T_between.to_numpy(), THEIL_T_BG_HANSON98)
    np.testing.assert_almost_equal(res.T_within.to_numpy(), THEIL_T_WG_HANSON98)
    pysal = PysalTheilD(mexico[DECADES].to_numpy(), mexico["hanson98"].to_numpy())
    np.testing.assert_allclose(res.T_between.to_numpy(), pysal.bg, rtol=1e-12)
    np.testing.assert_allclose(res.T_within.to_numpy(), pysal.wg, rtol=1e-10)
    # the within part is the s_g-weighted sum of the group Theil T's
    np.testing.assert_allclose((res.s_g * res.T_g).sum().to_numpy(), res.T_within.to_numpy())
    assert (res.n_g.sum() == 32).all()


def test_gini_mexico_1940_matches_published(mexico):
    d = dispersion(mexico["pcgdp1940"])
    assert d.Gini == pytest.approx(GINI_1940, abs=1e-12)
    panel = dispersion(mexico[DECADES])
    expected = [PysalGini(mexico[c].to_numpy()).g for c in DECADES]
    np.testing.assert_allclose(panel.Gini.to_numpy(), expected, rtol=1e-12)


@pytest.mark.parametrize(("eps", "expected"), [(0.5, 0.06315), (1.0, 0.1316096), (0.0, 0.0)])
def test_atkinson_matches_published(eps, expected):
    incomes = pd.Series([10.0, 20, 30, 40, 50], index=list("abcde"))
    assert dispersion(incomes, epsilon=eps).Atkinson == pytest.approx(expected, abs=1e-5)


def test_atkinson_matches_pysal_on_mexico(mexico):
    for eps in (0.5, 1.0, 2.0):
        d = dispersion(mexico[DECADES], epsilon=eps)
        expected = [pysal_atkinson(mexico[c].to_numpy(), eps) for c in DECADES]
        np.testing.assert_allclose(d.Atkinson.to_numpy(), expected, rtol=1e-10)


def test_theil_l_is_mean_log_deviation(mexico):
    y = mexico["pcgdp1940"].to_numpy()
    assert theil(mexico["pcgdp1940"]).L == pytest.approx(np.mean(np.log(y.mean() / y)))


# --------------------------------------------------------------------------- hand-worked
# Three regions: a (y=1, P=1), b (y=3, P=1), c (y=8, P=2); groups {a, b} = "g1", {c} = "g2".
# p = (1/4, 1/4, 1/2); y_bar = (1 + 3 + 16)/4 = 5; y/y_bar = (0.2, 0.6, 1.6);
# s = p * y/y_bar = (0.05, 0.15, 0.80).
# T = 0.05 ln 0.2 + 0.15 ln 0.6 + 0.8 ln 1.6 = -0.080472 - 0.076624 + 0.376003 = 0.218907
# s_g = (0.2, 0.8), p_g = (0.5, 0.5): T_between = 0.2 ln 0.4 + 0.8 ln 1.6 = 0.192745
# T_g1 (y = 1, 3, mean 2): 0.5*0.5 ln 0.5 + 0.5*1.5 ln 1.5 = 0.130812; T_g2 = 0
# T_within = 0.2 * 0.130812 = 0.026162; 0.192745 + 0.026162 = 0.218907
# L = 0.25 ln 5 + 0.25 ln(1/0.6) + 0.5 ln(1/1.6) = 0.402359 + 0.127706 - 0.235002 = 0.295064
# L_between = 0.5 ln(0.5/0.2) + 0.5 ln(0.5/0.8) = 0.458145 - 0.235002 = 0.223144
# L_g1 = 0.5 ln 2 + 0.5 ln(2/3) = 0.143841; L_within = 0.5 * 0.143841 = 0.071921
# Gini_w = sum_ij p_i p_j |y_i - y_j| / (2 y_bar)
#        = 2 (1/16 * 2 + 1/8 * 7 + 1/8 * 5) / 10 = 3.25 / 10 = 0.325
# Williamson CV_w = sqrt(0.25*16 + 0.25*4 + 0.5*9) / 5 = sqrt(9.5)/5 = 0.616441
# Atkinson_w(eps=1) = 1 - exp(0.25 ln 1 + 0.25 ln 3 + 0.5 ln 8)/5 = 1 - 3.722419/5 = 0.255516
# Atkinson_w(eps=2) = 1 - harmonic mean / y_bar = 1 - (1/(0.25 + 0.25/3 + 0.5/8))/5 = 0.494737
Y3 = pd.Series({"a": 1.0, "b": 3.0, "c": 8.0})
P3 = pd.Series({"a": 1.0, "b": 1.0, "c": 2.0})
G3 = pd.Series({"a": "g1", "b": "g1", "c": "g2"})


def test_weighted_theil_hand_worked():
    r = theil(Y3, groups=G3, population=P3)
    assert r.weighted
    assert r.T == pytest.approx(0.218907, abs=1e-6)
    assert r.T_between == pytest.approx(0.192745, abs=1e-6)
    assert r.T_within == pytest.approx(0.026162, abs=1e-6)
    assert r.T_g["g1"] == pytest.approx(0.130812, abs=1e-6)
    assert r.T_g["g2"] == pytest.approx(0.0, abs=1e-15)
    assert r.L == pytest.approx(0.295064, abs=1e-6)
    assert r.L_between == pytest.approx(0.223144, abs=1e-6)
    assert r.L_within == pytest.approx(0.071921, abs=1e-6)
    assert r.s_g.to_dict() == pytest.approx({"g1": 0.2, "g2": 0.8})
    assert r.p_g.to_dict() == pytest.approx({"g1": 0.5, "g2": 0.5})
    assert r.T_between_share == pytest.approx(0.192745 / 0.218907, abs=1e-5)


def test_weighted_dispersion_hand_worked():
    d = dispersion(Y3, population=P3, groups=G3, epsilon=1.0)
    assert d.mean_w == pytest.approx(5.0)
    assert d.mean == pytest.approx(4.0)
    assert d.Gini_w == pytest.approx(0.325, abs=1e-12)
    assert d.CV_w == pytest.approx(math.sqrt(9.5) / 5)
    assert d.Atkinson_w == pytest.approx(0.255516, abs=1e-6)
    assert d.Theil_T_w == pytest.approx(0.218907, abs=1e-6)
    assert d.Theil_L_w == pytest.approx(0.295064, abs=1e-6)
    assert d.decomposition_w.T_between == pytest.approx(0.192745, abs=1e-6)
    # unweighted: y = 1, 3, 8, mean 4, sigma = sqrt((9 + 1 + 16)/3)
    assert d.CV == pytest.approx(math.sqrt(26 / 3) / 4)
    assert d.Gini == pytest.approx((2 + 7 + 5) * 2 / 9 / (2 * 4))
    assert dispersion(Y3, population=P3, epsilon=2.0).Atkinson_w == pytest.approx(
        0.494737, abs=1e-6
    )


def test_integer_weights_equal_replicated_units():
    # weighting a region by P_i = k is the same as repeating it k times
    rng = np.random.default_rng(1)
    y = pd.Series(rng.lognormal(size=12), index=[f"r{i}" for i in range(12)])
    pop = pd.Series(rng.integers(1, 5, size=12), index=y.index).astype(float)
    rep = pd.Series(np.repeat(y.to_numpy(), pop.astype(int)))
    rep.index = [f"x{i}" for i in range(len(rep))]
    w, u = dispersion(y, population=pop, epsilon=1.5), dispersion(rep, epsilon=1.5)
    for f in ("CV", "Gini", "Theil_T", "Theil_L", "Atkinson"):
        assert getattr(w, f + "_w") == pytest.approx(getattr(u, f), rel=1e-12), f


def test_equal_populations_give_unweighted(mexico):
    pop = pd.Series(7.0, index=mexico.index)
    d = dispersion(mexico[DECADES], population=pop, groups=mexico["hanson03"])
    for f in ("CV", "Gini", "Theil_T", "Theil_L", "Atkinson"):
        np.testing.assert_allclose(getattr(d, f + "_w"), getattr(d, f), rtol=1e-12)
    np.testing.assert_allclose(d.decomposition_w.L_between, d.decomposition.L_between)


# --------------------------------------------------------------------------- decomposition
@settings(max_examples=60, deadline=None)
@given(
    y=st.lists(st.floats(0.01, 1e6), min_size=2, max_size=30),
    data=st.data(),
)
def test_decomposition_components_sum_to_total(y, data):
    n = len(y)
    g = data.draw(st.lists(st.integers(0, 4), min_size=n, max_size=n))
    p = data.draw(st.lists(st.floats(0.1, 1e7), min_size=n, max_size=n))
    idx = [f"r{i}" for i in range(n)]
    for pop in (None, pd.Series(p, index=idx)):
        r = theil(pd.Series(y, index=idx), groups=pd.Series(g, index=idx), population=pop)
        assert r.T_between + r.T_within == pytest.approx(r.T, rel=1e-9, abs=1e-12)
        assert r.L_between + r.L_within == pytest.approx(r.L, rel=1e-9, abs=1e-12)
        assert r.T_between >= -1e-12 and r.L_between >= -1e-12
        assert r.s_g.sum() == pytest.approx(1.0) and r.p_g.sum() == pytest.approx(1.0)


def test_panel_equals_columnwise_cross_sections(mexico):
    pop = mexico["pcgdp2000"] / 1000  # any positive weights
    panel = dispersion(mexico[DECADES], population=pop, groups=mexico["hanson03"])
    for c in ("pcgdp1950", "pcgdp1990"):
        one = dispersion(mexico[c], population=pop, groups=mexico["hanson03"])
        for f in ("CV_w", "Gini", "Gini_w", "Theil_T_w", "Theil_L", "Atkinson_w"):
            assert getattr(panel, f)[c] == pytest.approx(getattr(one, f), rel=1e-12)
        assert panel.decomposition_w.L_within[c] == pytest.approx(one.decomposition_w.L_within)
        assert panel.decomposition_w.T_g[c].to_dict() == pytest.approx(
            one.decomposition_w.T_g.to_dict()
        )


def test_group_theil_of_single_group_is_zero_between():
    y = pd.Series([1.0, 2.0, 4.0], index=["a", "b", "c"])
    r = theil(y, groups=pd.Series("all", index=y.index))
    assert r.T_between == pytest.approx(0.0, abs=1e-15)
    assert r.T_within == pytest.approx(r.T)


# --------------------------------------------------------------------------- missing data
def test_missing_data_is_excluded_and_reported():
    y = pd.Series(
        {
            "KZ-10": 1.0,
            "KZ-11": 3.0,
            "KZ-15": np.nan,
            "KZ-19": 8.0,
            "KZ-23": -2.0,
            "KZ-27": 5.0,
            "KZ-31": 6.0,
        }
    )
    pop = pd.Series(
        {"KZ-10": 1.0, "KZ-11": 1.0, "KZ-19": 2.0, "KZ-23": 1.0, "KZ-27": np.nan, "KZ-31": 3.0}
    )
    grp = pd.Series({"KZ-10": "g1", "KZ-11": "g1", "KZ-19": "g2", "KZ-27": "g2"})
    d = dispersion(y, population=pop, groups=grp)
    assert d.excluded == {
        "KZ-15": "missing value; missing population; no group in `groups`",
        "KZ-23": "non-positive value (indices defined for positive quantities); "
        "no group in `groups`",
        "KZ-27": "missing population",
        "KZ-31": "no group in `groups`",
    }
    assert d.n == 3
    # the remaining sample is the hand-worked example
    assert d.Theil_T_w == pytest.approx(0.218907, abs=1e-6)
    assert d.decomposition_w.excluded == d.excluded


def test_panel_missing_cells_reported_with_years():
    df = pd.DataFrame(
        {
            2020: [1.0, 2.0, 3.0, 4.0],
            2021: [1.0, np.nan, 3.0, np.nan],
            2022: [2.0, 2.0, 2.0, np.nan],
        },
        index=["a", "b", "c", "d"],
    )
    d = dispersion(df)
    assert d.excluded == {"b": "missing value in 2021", "d": "missing value in 2021, 2022"}
    assert d.n.to_dict() == {2020: 4, 2021: 2, 2022: 3}
    assert d.Gini[2022] == pytest.approx(0.0, abs=1e-15)
    assert d.Theil_T[2021] == pytest.approx(theil(df[2021].dropna()).T)


def test_errors_name_the_problem():
    with pytest.raises(ValueError, match="duplicated region code.*'a'"):
        dispersion(pd.Series([1.0, 2.0], index=["a", "a"]))
    with pytest.raises(ValueError, match="at least 2 regions.*'b': 'missing value'"):
        dispersion(pd.Series([1.0, np.nan], index=["a", "b"]))
    with pytest.raises(ValueError, match="epsilon"):
        dispersion(Y3, epsilon=-1)


# --------------------------------------------------------------------------- bootstrap
def test_bootstrap_is_seeded_and_brackets_estimate(mexico):
    y, pop = mexico["pcgdp1940"], mexico["pcgdp2000"]
    a = dispersion(y, population=pop, n_boot=300, seed=7)
    b = dispersion(y, population=pop, n_boot=300, seed=7)
    c = dispersion(y, population=pop, n_boot=300, seed=8)
    pd.testing.assert_frame_equal(a.ci, b.ci)
    assert not a.ci.equals(c.ci)
    assert set(a.ci.index) == {
        "CV",
        "Gini",
        "Theil_T",
        "Theil_L",
        "Atkinson",
        "CV_w",
        "Gini_w",
        "Theil_T_w",
        "Theil_L_w",
        "Atkinson_w",
    }
    assert a.ci.loc["Gini", "estimate"] == pytest.approx(GINI_1940)
    assert (a.ci["lower"] < a.ci["estimate"]).all() and (a.ci["estimate"] < a.ci["upper"]).all()
    assert a.ci.loc["Theil_T", "upper"] - a.ci.loc["Theil_T", "lower"] > 0.05
    panel = dispersion(mexico[DECADES[:2]], n_boot=50)
    assert panel.ci.index.names == ["year", "index"]
    assert panel.ci.loc[("pcgdp1950", "Theil_T"), "estimate"] == pytest.approx(THEIL_T_MEXICO[1])
    assert dispersion(y).ci is None


# --------------------------------------------------------------------------- hoover, position
def test_hoover_hand_worked():
    # shares a = (.1, .3, .6), b = (.5, .25, .25): H = (.4 + .05 + .35)/2 = 0.4
    a = pd.Series({"x": 10.0, "y": 30.0, "z": 60.0, "w": 5.0})
    b = pd.Series({"x": 50.0, "y": 25.0, "z": 25.0})
    h = hoover(a, b)
    assert h.H == pytest.approx(0.4)
    assert h.excluded == {"w": "missing in `b`"}
    assert h.contribution.sum() == pytest.approx(h.H)
    assert hoover(a, a).H == pytest.approx(0.0)


def test_position_hand_worked():
    v = pd.Series({"A": 100.0, "B": 50.0, "C": 200.0, "D": 80.0, "E": np.nan})
    tot = pd.Series({"A": 10.0, "B": 20.0, "C": 50.0, "D": 20.0})
    p = position(v, national=90.0, totals=tot, k=2, sets={"west": ["A", "B"]})
    assert p.relative["C"] == pytest.approx(200 / 90)
    assert p.rank.to_dict() == {"C": 1, "A": 2, "D": 3, "B": 4}
    assert (p.n, p.n_below, p.share_below) == (4, 2, 0.5)
    assert p.max_min_ratio == pytest.approx(4.0)
    assert (p.argmax, p.argmin) == ("C", "B")
    assert p.top_k == ["C", "B"] and p.CR_k == pytest.approx(0.7)
    assert p.concentration == {"west": pytest.approx(0.3)}
    assert p.excluded == {"E": "missing value"}
    q = position(v)
    assert q.national == pytest.approx(107.5) and "not supplied" in q.national_source
    with pytest.raises(ValueError, match="'Z'"):
        position(v, totals=tot, sets={"bad": ["A", "Z"]})


@settings(max_examples=60, deadline=None)
@given(
    y=st.lists(
        st.sampled_from([0.5, 1.0, 2.0, 3.0, 7.5, 1e5]) | st.floats(0.01, 1e6),
        min_size=2,
        max_size=40,
    ),
    data=st.data(),
)
def test_weighted_gini_equals_pairwise_definition(y, data):
    # G_w = sum_ij p_i p_j |y_i - y_j| / (2 y_bar), ties included (sampled_from repeats values)
    p = np.array(data.draw(st.lists(st.floats(0.1, 1e4), min_size=len(y), max_size=len(y))))
    y = np.array(y)
    idx = [f"r{i}" for i in range(len(y))]
    d = dispersion(pd.Series(y, index=idx), population=pd.Series(p, index=idx))
    ps = p / p.sum()
    ybar = (ps * y).sum()
    pairwise = (ps[:, None] * ps[None, :] * np.abs(y[:, None] - y[None, :])).sum() / (2 * ybar)
    assert d.Gini_w == pytest.approx(pairwise, rel=1e-9, abs=1e-12)
    unweighted = np.abs(y[:, None] - y[None, :]).sum() / (2 * len(y) ** 2 * y.mean())
    assert d.Gini == pytest.approx(unweighted, rel=1e-9, abs=1e-12)


def test_panel_with_population_frame_and_missing_cells_matches_cross_sections(mexico):
    vals = mexico[DECADES].copy()
    vals.iloc[2, 1] = np.nan  # one missing value in 1950
    pop = pd.DataFrame(
        np.random.default_rng(3).uniform(1, 10, size=vals.shape), index=vals.index, columns=DECADES
    )
    pop.iloc[4, 3] = np.nan  # one missing population in 1970
    grp = mexico["hanson98"]
    panel = dispersion(vals, population=pop, groups=grp)
    assert panel.excluded == {
        mexico.index[2]: "missing value in pcgdp1950",
        mexico.index[4]: "missing population in pcgdp1970",
    }
    assert panel.n["pcgdp1950"] == 31 and panel.n["pcgdp1960"] == 32
    for c in ("pcgdp1950", "pcgdp1970", "pcgdp2000"):
        one = dispersion(vals[c], population=pop[c], groups=grp)
        for f in ("CV", "CV_w", "Gini", "Gini_w", "Theil_T_w", "Theil_L_w", "Atkinson_w"):
            assert getattr(panel, f)[c] == pytest.approx(getattr(one, f), rel=1e-12), (c, f)
        assert panel.decomposition_w.T_between[c] == pytest.approx(one.decomposition_w.T_between)
        assert panel.decomposition_w.n_g[c].to_dict() == one.decomposition_w.n_g.to_dict()


def test_labels_name_the_theil_variant():
    from aimaq.analysis.disparity import LABELS

    for key, label in LABELS.items():
        if key == "T" or key.startswith(("Theil_T", "T_")):
            assert "Theil T" in label and "Theil L" not in label, key
        if key == "L" or key.startswith(("Theil_L", "L_")):
            assert "Theil L" in label and "Theil T" not in label, key
    ci = dispersion(Y3, population=P3, n_boot=20).ci
    assert set(ci.index) <= set(LABELS)


def test_republic_row_is_not_a_region():
    y = pd.concat([Y3, pd.Series({"KZ": 5.0})])
    d = dispersion(y, population=pd.concat([P3, pd.Series({"KZ": 4.0})]))
    assert d.excluded == {
        "KZ": "the republic (KZ) is not a region; pass national values separately"
    }
    assert d.Gini_w == pytest.approx(0.325)
    p = position(y, national=5.0)
    assert "KZ" in p.excluded and p.n == 3
