"""Tests for aimaq.analysis.typology: composite index, weight sensitivity, stable clustering."""

import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.typology import (
    composite_index,
    typology,
    typology_indicators,
    typology_spec,
)

SPEC = typology_spec(
    {
        "indicators": {
            "grp_per_capita_thousand_kzt": {"weight": 0.5, "direction": "higher_is_better"},
            "fixed_capital_investment_per_capita_kzt": {
                "weight": 0.3,
                "direction": "higher_is_better",
                "numerator": "fixed_capital_investment_mln_kzt",
                "denominator": "population_total",
                "scale": 1e6,
            },
            "self_employed_share_pct": {
                "weight": 0.2,
                "direction": "higher_is_worse",
                "numerator": "self_employed_thousand",
                "denominator": "employed_thousand",
                "scale": 100,
            },
        }
    }
)


def test_typology_indicators_derived():
    regs = ["KZ-11", "KZ-15"]
    s = lambda *v: pd.Series(v, index=regs, dtype=float)  # noqa: E731
    vals = {
        "grp_per_capita_thousand_kzt": s(3000, 4000),
        "avg_monthly_nominal_wage_kzt": s(1, 2),
        "unemployment_rate_pct": s(4.5, 4.8),
        "fixed_capital_investment_mln_kzt": s(500, 1000),
        "population_total": s(1e6, 0),
        "self_employed_thousand": s(60, 90),
        "employed_thousand": s(400, 450),
    }
    T = typology_indicators(vals, SPEC)
    # 500 mln KZT / 1e6 persons = 500 KZT per person ; zero population -> NaN, not inf
    assert T.loc["KZ-11", "fixed_capital_investment_per_capita_kzt"] == pytest.approx(500.0)
    assert np.isnan(T.loc["KZ-15", "fixed_capital_investment_per_capita_kzt"])
    assert T.loc["KZ-15", "self_employed_share_pct"] == pytest.approx(20.0)
    del vals["employed_thousand"]
    with pytest.raises(ValueError, match="employed_thousand"):
        typology_indicators(vals, SPEC)


@pytest.fixture
def small():
    return pd.DataFrame(
        {"inc": [100.0, 200.0, 300.0, 150.0], "unemp": [10.0, 6.0, 8.0, np.nan]},
        index=["A", "B", "C", "D"],
    )


def test_composite_minmax_hand(small):
    ci = composite_index(
        small,
        weights={"inc": 0.5, "unemp": 0.5},
        directions={"inc": "higher_is_better", "unemp": "higher_is_worse"},
        n_draws=200,
    )
    # D lacks unemp -> excluded, not imputed. On A, B, C:
    # inc -> (0, .5, 1); unemp flipped: (10-10)/4=0, (10-6)/4=1, (10-8)/4=.5
    # I = .5*(0+0)=0, .5*(.5+1)=.75, .5*(1+.5)=.75 -> B and C tie at rank 1
    assert ci.excluded == {"D": "missing unemp"}
    np.testing.assert_allclose(ci.Y_tilde.loc[["A", "B", "C"], "unemp"], [0, 1, 0.5])
    np.testing.assert_allclose(ci.I.loc[["A", "B", "C"]], [0, 0.75, 0.75])
    assert ci.rank.to_dict() == {"B": 1, "C": 1, "A": 3}
    s = ci.sensitivity
    # A is last under every weighting (worst on both); B and C swap places with the weights
    assert s.loc["A", "rank_min"] == 3 and s.loc["A", "rank_range"] == 0
    assert s.loc["B", "rank_range"] == 1 and s.loc["C", "rank_range"] == 1
    again = composite_index(
        small, weights={"inc": 0.5, "unemp": 0.5}, directions={"inc": 1, "unemp": -1}, n_draws=200
    )
    pd.testing.assert_frame_equal(again.sensitivity, s)  # seeded


def test_composite_zscore_and_concentration():
    D = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 1.0, 2.0, 3.0]}, index=list("pqrs"))
    ci = composite_index(
        D, weights={"a": 3, "b": 1}, directions={"a": 1, "b": -1}, method="zscore", n_draws=0
    )
    z_a = (D.a - 2.5) / np.sqrt(1.25)
    z_b = -(D.b - 2.5) / np.sqrt(1.25)
    np.testing.assert_allclose(ci.I.loc[list("pqrs")], 0.75 * z_a + 0.25 * z_b)
    assert ci.w.tolist() == [0.75, 0.25]
    tight = composite_index(
        D, weights={"a": 3, "b": 1}, directions={"a": 1, "b": -1}, concentration=1e7, n_draws=100
    )
    assert (tight.sensitivity["rank_range"] == 0).all()  # weights barely move
    loose = composite_index(
        D, weights={"a": 3, "b": 1}, directions={"a": 1, "b": -1}, concentration=1.0, n_draws=500
    )
    assert loose.sensitivity["rank_range"].max() >= 2
    with pytest.raises(ValueError, match="constant"):
        composite_index(D.assign(b=1.0), weights={"a": 1, "b": 1}, directions={"a": 1, "b": 1})
    with pytest.raises(ValueError, match=r"\['zz'\]"):
        composite_index(D, weights={"zz": 1}, directions={"zz": 1})


def _three_groups(seed=0):
    rng = np.random.default_rng(seed)
    centres = {"hi": (3.0, 0.0, 1.0), "mid": (0.0, 3.0, 0.0), "lo": (-3.0, -1.0, -2.0)}
    rows, idx = [], []
    for g, c in centres.items():
        for i in range(5):
            rows.append(np.array(c) + 0.2 * rng.standard_normal(3))
            idx.append(f"{g}{i}")
    return pd.DataFrame(rows, index=idx, columns=["x", "y", "z"])


@pytest.mark.parametrize("method", ["ward", "kmeans"])
def test_typology_recovers_groups_with_stable_labels(method):
    D = _three_groups()
    ty = typology(D, method=method)
    assert ty.k == 3
    assert ty.silhouette.idxmax() == 3 and ty.silhouette[3] > 0.7
    # types ordered by the cluster mean of the first indicator x: hi -> 1, mid -> 2, lo -> 3
    expected = {r: {"hi": 1, "mid": 2, "lo": 3}[r[:-1] if r[:2] != "lo" else "lo"] for r in D.index}
    assert ty.labels.to_dict() == expected
    assert ty.size.tolist() == [5, 5, 5]
    # the same labels whatever the row order and across runs
    shuffled = D.sample(frac=1.0, random_state=3)
    ty2 = typology(shuffled, method=method)
    assert ty2.labels.loc[D.index].tolist() == ty.labels.tolist()
    # distinguishing profile: type 2 ("mid") stands out by high y
    assert ty.centroids.loc[2].abs().idxmax() == "y" and ty.centroids.loc[2, "y"] > 1
    assert ty.description[2].startswith("high y (+")


def test_typology_fixed_k_and_errors():
    D = _three_groups().assign(c=1.0)
    D.iloc[0, 0] = np.nan
    ty = typology(D, k=2, labels={"x": "GRP"})
    assert ty.k == 2 and ty.dropped == ["c"] and ty.excluded == {"hi0": "missing x"}
    assert list(ty.silhouette.index) == [2]
    assert "GRP" in " ".join(ty.description)
    with pytest.raises(ValueError, match="between 2 and"):
        typology(D, k=20)
    with pytest.raises(ValueError, match="'ward' or 'kmeans'"):
        typology(D, method="dbscan")


def test_silhouette_matches_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    from aimaq.analysis.typology import _silhouette

    rng = np.random.default_rng(5)
    Z = rng.standard_normal((30, 4))
    lab = rng.integers(0, 4, 30)
    lab[0] = 9  # a singleton type scores 0
    assert _silhouette(Z, lab) == pytest.approx(metrics.silhouette_score(Z, lab))
