"""Tests for aimaq.analysis.specialisation: hand-worked numbers and a reference-package check."""

import warnings

import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.specialisation import (
    competitive_profile,
    complexity,
    dynamic_shift_share,
    localisation_indices,
    location_quotients,
    proximity,
    relatedness,
    relatedness_density,
    shift_share,
    similar_regions,
    specialisation_indices,
    specialisation_summary,
)


@pytest.fixture
def econgeo():
    """The example region-industry matrix of Balland's EconGeo documentation."""
    return pd.DataFrame(
        [
            [100, 0, 0, 0, 0],
            [0, 15, 5, 70, 10],
            [0, 20, 10, 20, 50],
            [0, 25, 30, 5, 40],
            [0, 40, 55, 5, 0],
        ],
        index=["R1", "R2", "R3", "R4", "R5"],
        columns=["I1", "I2", "I3", "I4", "I5"],
    )


def _random(n_r=60, n_a=40, seed=1):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        rng.lognormal(0, 1.5, (n_r, n_a)),
        index=[f"r{i:03d}" for i in range(n_r)],
        columns=[f"a{j:03d}" for j in range(n_a)],
    )


# ---------------------------------------------------------------------------- location quotients
def test_lq_econgeo_example(econgeo):
    lq = location_quotients(econgeo)
    np.testing.assert_allclose(lq.LQ.loc["R2"], [0, 0.75, 0.25, 3.5, 0.5])
    # R1 holds all of I1 (100 of 500): LQ = 1 / 0.2 = 5
    assert lq.LQ.loc["R1", "I1"] == pytest.approx(5.0)
    assert lq.M.loc["R2"].tolist() == [0, 0, 0, 1, 0]
    assert lq.M.loc["R3"].tolist() == [0, 1, 0, 1, 1]  # LQ exactly 1 counts as specialised


def test_lq_validation_names_region_and_activity(econgeo):
    bad = econgeo.astype(float).copy()
    bad.loc["R3", "I4"] = -1
    with pytest.raises(ValueError, match=r"'R3'.*'I4'"):
        location_quotients(bad)
    bad.loc["R3", "I4"] = np.nan
    with pytest.raises(ValueError, match=r"missing.*'R3'.*'I4'"):
        location_quotients(bad)
    zero = econgeo.copy()
    zero.loc["R5"] = 0
    with pytest.raises(ValueError, match="R5"):
        location_quotients(zero)


# ------------------------------------------------------------------- specialisation/localisation
def test_krugman_hhi_hand_example():
    # R1 shares (0.6, 0.4), R2 shares (0.2, 0.8); nation (80, 120)/200 = (0.4, 0.6)
    X = pd.DataFrame([[60, 40], [20, 80]], index=["R1", "R2"], columns=["A", "B"])
    nat = specialisation_indices(X, reference="nation")
    # |0.6-0.4| + |0.4-0.6| = 0.4 ; |0.2-0.4| + |0.8-0.6| = 0.4
    np.testing.assert_allclose(nat.K, [0.4, 0.4])
    rest = specialisation_indices(X)  # rest of country of R1 is R2 and vice versa: 0.4 + 0.4
    np.testing.assert_allclose(rest.K, [0.8, 0.8])
    # HHI: 0.36 + 0.16 = 0.52 ; 0.04 + 0.64 = 0.68 ; HHI* = (HHI - 1/2)/(1 - 1/2)
    np.testing.assert_allclose(nat.HHI, [0.52, 0.68])
    np.testing.assert_allclose(nat.HHI_star, [0.04, 0.36])
    np.testing.assert_allclose(nat.N_eq, [1 / 0.52, 1 / 0.68])


def test_krugman_econgeo_r1_fully_specialised(econgeo):
    si = specialisation_indices(econgeo)
    # R1 = (1,0,0,0,0); rest of country = (0, .25, .25, .25, .25): K = 1 + 4 * 0.25 = 2
    assert si.K["R1"] == pytest.approx(2.0)
    assert si.HHI["R1"] == pytest.approx(1.0)
    # R2 shares .15 .05 .70 .10 (+ .15): HHI = .0225 + .0025 + .49 + .01 = 0.525
    assert si.HHI["R2"] == pytest.approx(0.525)


def test_hoover_and_locational_gini_hand(econgeo):
    li = localisation_indices(econgeo)
    # I1 sits in R1 (20 % of the economy): H = 0.5 * (0.8 + 4 * 0.2) = 0.8
    # Lorenz: four regions with LQ 0 (X up to 0.8, Y = 0), then R1: G = 1 - 0.2 * 1 = 0.8
    assert li.H["I1"] == pytest.approx(0.8)
    assert li.G["I1"] == pytest.approx(0.8)
    # I2 (100): shares .15 .2 .25 .4 vs .2 each (R1 0): H = .5*(.2+.05+0+.05+.2) = 0.25
    assert li.H["I2"] == pytest.approx(0.25)
    even = pd.DataFrame([[10, 20], [30, 60]], index=["a", "b"], columns=["x", "y"])
    np.testing.assert_allclose(localisation_indices(even).G, [0, 0], atol=1e-12)


# ---------------------------------------------------------------------------------- shift-share
@pytest.fixture
def ss_pair():
    X0 = pd.DataFrame([[100, 50], [50, 100]], index=["R1", "R2"], columns=["A", "B"])
    X1 = pd.DataFrame([[120, 60], [60, 90]], index=["R1", "R2"], columns=["A", "B"])
    return X0, X1


def test_shift_share_hand_worked(ss_pair):
    X0, X1 = ss_pair
    ss = shift_share(X0, X1)
    # Nation 300 -> 330: g = 0.10.  A 150 -> 180: g_A = 0.20.  B 150 -> 150: g_B = 0.
    # R1,A: NS = 100*.1 = 10, IM = 100*(.2-.1) = 10, RS = 100*(.2-.2) = 0   -> 20 = 120-100
    # R1,B: NS = 5, IM = 50*(0-.1) = -5, RS = 50*(60/50-1 - 0) = 10          -> 10 = 60-50
    # R2,A: NS = 5, IM = 5, RS = 0                                          -> 10
    # R2,B: NS = 10, IM = -10, RS = 100*(90/100-1 - 0) = -10                -> -10
    # Totals R1: 15 + 5 + 10 = 30 = 180-150 ; R2: 15 - 5 - 10 = 0 = 150-150
    assert ss.g == pytest.approx(0.10)
    np.testing.assert_allclose(ss.g_i, [0.2, 0.0])
    np.testing.assert_allclose(ss.NS.to_numpy(), [[10, 5], [5, 10]])
    np.testing.assert_allclose(ss.IM.to_numpy(), [[10, -5], [5, -10]])
    np.testing.assert_allclose(ss.RS.to_numpy(), [[0, 10], [0, -10]], atol=1e-12)
    np.testing.assert_allclose(ss.summary.loc["R1", ["dx", "NS", "IM", "RS"]], [30, 15, 5, 10])
    np.testing.assert_allclose(ss.summary.loc["R2", ["dx", "NS", "IM", "RS"]], [0, 15, -5, -10])
    # Esteban-Marquillas: x_hat = 150*150/300 = 75 everywhere.
    # R1,B: C = 75*.2 = 15, A = (50-75)*.2 = -5 ; R2,B: C = 75*(-.1) = -7.5, A = 25*(-.1) = -2.5
    np.testing.assert_allclose(ss.x_hat.to_numpy(), 75.0)
    np.testing.assert_allclose(ss.C.to_numpy(), [[0, 15], [0, -7.5]], atol=1e-12)
    np.testing.assert_allclose(ss.A.to_numpy(), [[0, -5], [0, -2.5]], atol=1e-12)


def test_shift_share_exact_on_random_with_entry():
    X0, X1 = _random(12, 7, seed=3), _random(12, 7, seed=4)
    X0.iloc[2, 3] = 0.0  # activity absent in the base year: the entry goes to RS = A
    ss = shift_share(X0, X1)
    total = ss.NS + ss.IM + ss.RS
    np.testing.assert_allclose(total.to_numpy(), (X1 - X0).to_numpy(), rtol=0, atol=1e-12)
    np.testing.assert_allclose((ss.C + ss.A).to_numpy(), ss.RS.to_numpy(), atol=1e-12)
    assert ss.RS.iloc[2, 3] == pytest.approx(X1.iloc[2, 3])
    assert ss.C.iloc[2, 3] == 0.0
    s = ss.summary
    np.testing.assert_allclose(s["NS"] + s["IM"] + s["RS"], s["x1"] - s["x0"], atol=1e-10)
    # national growth component of the whole country equals g * total
    assert s["NS"].sum() == pytest.approx(ss.g * X0.to_numpy().sum())


def test_dynamic_shift_share_sums_annual(ss_pair):
    X0, X1 = ss_pair
    X2 = pd.DataFrame([[130, 70], [80, 95]], index=["R1", "R2"], columns=["A", "B"])
    dyn = dynamic_shift_share({2021: X0, 2022: X1, 2023: X2})
    np.testing.assert_allclose((dyn.NS + dyn.IM + dyn.RS).to_numpy(), (X2 - X0).to_numpy())
    a, b = shift_share(X0, X1), shift_share(X1, X2)
    np.testing.assert_allclose(dyn.IM.to_numpy(), (a.IM + b.IM).to_numpy())
    # differs from the static comparison 2021 -> 2023 (that is the point of the dynamic form)
    assert not np.allclose(dyn.IM.to_numpy(), shift_share(X0, X2).IM.to_numpy())
    assert dyn.years == [2021, 2022, 2023]
    with pytest.raises(ValueError, match="two years"):
        dynamic_shift_share({2021: X0})


def test_shift_share_mismatch_named(ss_pair):
    X0, X1 = ss_pair
    with pytest.raises(ValueError, match="R3"):
        shift_share(X0, X1.rename(index={"R2": "R3"}))


# ---------------------------------------------------------------------------------- relatedness
def test_proximity_and_density_hand():
    # ubiquity A=3, B=2, C=2; A&B co-occur in r1,r3; A&C in r2,r3; B&C in r3
    M = pd.DataFrame(
        [[1, 1, 0], [1, 0, 1], [1, 1, 1]], index=["r1", "r2", "r3"], columns=["A", "B", "C"]
    )
    phi = proximity(M)
    assert phi.loc["A", "B"] == pytest.approx(2 / 3)  # min(2/3, 2/2)
    assert phi.loc["B", "C"] == pytest.approx(1 / 2)
    assert phi.loc["C", "A"] == pytest.approx(2 / 3)
    np.testing.assert_allclose(np.diag(phi), 1.0)
    om = relatedness_density(M, phi)
    # r1 has A, B: omega_C = (2/3 + 1/2) / (2/3 + 1/2 + 1) = 7/13
    assert om.loc["r1", "C"] == pytest.approx(7 / 13)
    assert relatedness_density(M, phi, exclude_self=True).loc["r1", "C"] == pytest.approx(1.0)


def _ecomplexity(X):
    ec = pytest.importorskip("ecomplexity")
    long = X.stack().rename("val").reset_index()
    long.columns = ["loc", "prod", "val"]
    long["time"] = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = ec.ecomplexity(
            long,
            {"time": "time", "loc": "loc", "prod": "prod", "val": "val"},
            check_logsupermodularity=False,
            verbose=False,
        )
    eci = out.groupby("loc")["eci"].first().reindex(X.index)
    pci = out.groupby("prod")["pci"].first().reindex(X.columns)
    dens = out.pivot(index="loc", columns="prod", values="density").loc[X.index, X.columns]
    return eci, pci, dens


@pytest.mark.parametrize("shape", [(60, 40), (30, 45)])
def test_complexity_and_density_match_ecomplexity(shape):
    X = _random(*shape, seed=7)
    eci, pci, dens = _ecomplexity(X)
    cx = complexity(X)
    np.testing.assert_allclose(cx.ECI, eci, atol=1e-8)
    np.testing.assert_allclose(cx.PCI, pci, atol=1e-8)
    np.testing.assert_allclose(relatedness(X).omega, dens, atol=1e-10)


def test_proximity_matches_ecomplexity():
    calc = pytest.importorskip("ecomplexity.calc_proximity")
    rel = relatedness(_random(50, 30, seed=2))
    m = rel.M.to_numpy(float)
    ref = calc.calc_discrete_proximity(m, m.sum(axis=0))
    np.testing.assert_allclose(rel.phi.to_numpy(), ref, atol=1e-15)


def test_complexity_invariants_and_reflections():
    X = _random(seed=11)
    cx = complexity(X)
    M = cx.M
    # normalisation: ECI z-scored (population s.d.), PCI on the same affine scale, hence
    # ECI_r = mean of PCI over the activities with M_ri = 1 -- exactly
    mean_pci = (M * cx.PCI).sum(axis=1) / M.sum(axis=1)
    np.testing.assert_allclose(cx.ECI, mean_pci, atol=1e-10)
    assert cx.ECI.mean() == pytest.approx(0, abs=1e-12)
    assert cx.ECI.std(ddof=0) == pytest.approx(1)
    # sign convention: ECI correlates positively with diversity
    assert np.corrcoef(cx.ECI, cx.kc0)[0, 1] > 0
    refl = complexity(X, method="reflections")
    assert refl.n_iter > 1
    np.testing.assert_allclose(refl.ECI, cx.ECI, atol=1e-6)
    np.testing.assert_allclose(refl.PCI, cx.PCI, atol=1e-6)
    assert refl.eigenvalue == pytest.approx(cx.eigenvalue, rel=1e-6)
    with pytest.warns(RuntimeWarning, match="did not converge"):
        complexity(X, method="reflections", max_iter=3)


def test_complexity_nested_matrix_orders_by_diversity():
    # perfectly nested: region i is specialised in activities 0..i -> ECI increases with i
    M = pd.DataFrame(np.tril(np.ones((6, 6), int)), index=list("abcdef"), columns=list("uvwxyz"))
    cx = complexity(M, is_binary=True)
    assert cx.ECI.is_monotonic_increasing
    assert cx.PCI.is_monotonic_increasing  # rarer activities are the more complex


def test_complexity_drops_empty_region_as_nan():
    M = pd.DataFrame(
        [[1, 1, 0], [1, 0, 0], [0, 1, 1], [0, 0, 0]], index=list("abcd"), columns=list("xyz")
    )
    cx = complexity(M, is_binary=True)
    assert np.isnan(cx.ECI["d"]) and cx.ECI.drop("d").notna().all()
    with pytest.raises(ValueError, match="holds 2"):
        complexity(M * 2, is_binary=True)


# ------------------------------------------------------------------------ profile / benchmarking
def test_competitive_profile(econgeo):
    X0 = econgeo.copy()
    X1 = econgeo.copy()
    X1.loc["R3", "I4"] = 40  # R3 grows in I4: I4 share 40/120 vs national 120/520
    # R1-I1 is a component of its own in the specialisation network: ECI/PCI warn about it
    with pytest.warns(RuntimeWarning, match="disconnected"):
        prof = competitive_profile(X1, "R3", X0=X0)
    spec = prof.specialisations
    assert list(spec.index) == ["I5", "I4"]  # sorted by LQ1: (50/120)/(100/520) = 2.17 > 1.44
    assert spec.loc["I4", "LQ0"] == pytest.approx(1.0)
    assert spec.loc["I4", "LQ1"] == pytest.approx((40 / 120) / (120 / 520))
    assert spec.loc["I4", "trend"] == "rising" and spec.loc["I5", "trend"] == "falling"
    assert "LQ 1.00 -> 1.44 (+0.44, rising)" in spec.loc["I4", "reason"]
    cand = prof.candidates
    # M(R3) = {I4, I5}; phi(I2,I5) = phi(I3,I5) = 1/2, phi(I1, .) = 0 off the diagonal, so
    # omega(I2) = omega(I3) = 0.5 / (1 + 1 + 0.5) = 0.2 and omega(I1) = 0
    assert set(cand.index[:2]) == {"I2", "I3"} and cand.index[2] == "I1"  # I2, I3 tie on omega
    np.testing.assert_allclose(cand["omega"], [0.2, 0.2, 0.0])
    assert cand.loc["I2", "dLQ"] == pytest.approx(20 / 120 / (100 / 520) - 1.0)
    assert "relatedness density 0.20 (rank 1 of 3" in cand.loc["I2", "reason"]
    with pytest.warns(RuntimeWarning):
        assert prof.ECI == pytest.approx(complexity(X1).ECI["R3"])
    with pytest.raises(ValueError, match="'KZ-99'"):
        competitive_profile(X1, "KZ-99")


def test_specialisation_summary_matches_profiles():
    X0, X1 = _random(15, 10, seed=5), _random(15, 10, seed=6)
    summ = specialisation_summary(X1, X0)
    t = summ.table
    assert list(t.index) == list(X1.index)
    assert (t["kc0"] == location_quotients(X1).M.sum(axis=1)).all()
    np.testing.assert_allclose(t["ECI"], complexity(X1).ECI)
    np.testing.assert_allclose(t["K"], specialisation_indices(X1).K)
    one = competitive_profile(X1, "r003", X0=X0, n_candidates=3)
    pd.testing.assert_frame_equal(summ.profiles["r003"].candidates, one.candidates)
    top = one.specialisations["LQ1"]
    assert t.loc["r003", "specialisations"].startswith(f"{top.index[0]} {top.iloc[0]:.2f}")


def test_complexity_disconnected_is_deterministic(econgeo):
    # two components: {R1, I1} and the rest; the deflated eigenvector contrasts them
    with pytest.warns(RuntimeWarning, match="disconnected"):
        cx = complexity(econgeo)
    assert cx.eigenvalue == pytest.approx(1.0)
    rest = cx.ECI.drop("R1")
    np.testing.assert_allclose(rest, rest.iloc[0])  # constant within the component
    assert cx.ECI["R1"] < rest.iloc[0]  # R1 (diversity 1) below the diversified component


def test_similar_regions_hand():
    Y = pd.DataFrame(
        {"x": [0.0, 1.0, 2.0, 10.0], "y": [0.0, 0.0, 0.0, 4.0], "z": [1.0, np.nan, 2.0, 3.0]},
        index=["A", "B", "C", "D"],
    )
    sim = similar_regions(Y, "A", weights={"x": 1, "y": 1, "z": 0}, n=None)
    assert sim.excluded == {
        "B": "missing z"
    }  # missing z, which is retained (weight 0 still standardised)
    # on A, C, D: x mean 4, sd sqrt(((4^2)+(2^2)+(6^2))/3)=sqrt(56/3); y mean 4/3, sd sqrt(32/9)
    zx = np.array([-4, -2, 6]) / np.sqrt(56 / 3)
    zy = np.array([-4 / 3, -4 / 3, 8 / 3]) / np.sqrt(32 / 9)
    d_c = np.sqrt(0.5 * (zx[1] - zx[0]) ** 2)
    d_d = np.sqrt(0.5 * (zx[2] - zx[0]) ** 2 + 0.5 * (zy[2] - zy[0]) ** 2)
    assert list(sim.d.index) == ["C", "D"]
    np.testing.assert_allclose(sim.d, [d_c, d_d])
    assert sim.ranking["rank"].tolist() == [1, 2]
    with pytest.raises(ValueError, match="unknown indicator"):
        similar_regions(Y, "A", weights={"q": 1})


def test_complexity_lists_regions_without_specialisation():
    """D has LQ 0.90-1.10 everywhere: no activity at LQ >= 1.3, so no ECI, and it is listed."""
    from aimaq.analysis.specialisation import complexity

    X = pd.DataFrame(
        [[9, 6, 0, 0], [0, 6, 6, 0], [2, 0, 6, 8], [5, 5, 5, 5], [6, 1, 1, 8]],
        index=list("ABCDE"),
        columns=list("pqrs"),
        dtype=float,
    )
    c = complexity(X, threshold=1.3)
    assert c.excluded == {"D": "no specialisation (no activity with RCA >= 1.3)"}
    assert np.isnan(c.ECI["D"]) and c.ECI.drop("D").notna().all()
    with pytest.raises(AttributeError):  # frozen result
        c.ECI = None
