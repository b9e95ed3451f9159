import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from aimaq.analysis.convergence import beta_convergence, sigma_convergence

DECADES = [f"pcgdp{d}" for d in range(1940, 2010, 10)]


def _mexico_panel(mexico: pd.DataFrame) -> pd.DataFrame:
    return mexico[DECADES].set_axis(list(range(1940, 2010, 10)), axis=1)


def test_beta_matches_direct_statsmodels_ols(mexico):
    panel = _mexico_panel(mexico)
    res = beta_convergence(panel, 1940, 2000)
    y0, y1 = mexico["pcgdp1940"].to_numpy(), mexico["pcgdp2000"].to_numpy()
    g = (np.log(y1) - np.log(y0)) / 60
    direct = sm.OLS(g, sm.add_constant(np.log(y0))).fit()
    assert res.beta == pytest.approx(direct.params[1], rel=1e-12)
    assert res.alpha == pytest.approx(direct.params[0], rel=1e-12)
    assert res.se_beta == pytest.approx(direct.bse[1], rel=1e-12)
    assert res.p_beta == pytest.approx(direct.pvalues[1], rel=1e-9)
    assert res.r2 == pytest.approx(direct.rsquared, rel=1e-12)
    assert (res.n, res.T, res.conditional) == (32, 60.0, False)
    # Mexico's states converged over 1940-2000 (Rey and Sastre-Gutierrez 2010)
    assert res.beta < 0 and res.p_beta < 0.01
    lam = -math.log(1 + 60 * res.beta) / 60
    assert res.lam == pytest.approx(lam)
    assert res.half_life == pytest.approx(math.log(2) / lam)
    robust = beta_convergence(panel, 1940, 2000, cov_type="HC1")
    assert robust.se_beta == pytest.approx(direct.get_robustcov_results("HC1").bse[1])


def test_beta_exact_on_constructed_data():
    # g_i = 0.05 - 0.01 ln y0 exactly, T = 10: beta = -0.01, lambda = -ln(0.9)/10 = 0.0105361,
    # half-life = ln 2 / 0.0105361 = 65.79 years
    y0 = pd.Series([1.0, 2.0, 5.0, 10.0, 20.0], index=list("abcde"))
    y1 = y0 * np.exp(10 * (0.05 - 0.01 * np.log(y0)))
    res = beta_convergence(pd.DataFrame({2010: y0, 2020: y1}))
    assert res.beta == pytest.approx(-0.01, abs=1e-12)
    assert res.alpha == pytest.approx(0.05, abs=1e-12)
    assert res.lam == pytest.approx(0.0105361, abs=1e-7)
    assert res.half_life == pytest.approx(65.788, abs=1e-3)
    assert res.r2 == pytest.approx(1.0)


def test_conditional_beta_matches_statsmodels_and_reports_missing_controls(mexico):
    panel = _mexico_panel(mexico)
    ctrl = pd.DataFrame({"hanson03": mexico["hanson03"], "esq": mexico["esquivel99"]})
    ctrl.iloc[3, 1] = np.nan
    res = beta_convergence(panel, 1940, 2000, controls=ctrl)
    state = mexico.index[3]
    assert res.excluded == {state: "missing control(s): esq"}
    assert res.n == 31 and res.conditional and res.controls == ["hanson03", "esq"]
    keep = mexico.drop(index=state)
    X = np.column_stack([np.log(keep["pcgdp1940"]), keep["hanson03"], keep["esquivel99"]])
    g = (np.log(keep["pcgdp2000"]) - np.log(keep["pcgdp1940"])) / 60
    direct = sm.OLS(g.to_numpy(), sm.add_constant(X)).fit()
    np.testing.assert_allclose(res.params.to_numpy(), direct.params, rtol=1e-10)
    np.testing.assert_allclose(res.bse.to_numpy(), direct.bse, rtol=1e-10)


def test_beta_missing_start_value_is_reported():
    df = pd.DataFrame(
        {2000: [1.0, 2.0, np.nan, 4.0, 8.0], 2010: [2.0, 3.0, 4.0, 0.0, 9.0]},
        index=["a", "b", "c", "d", "e"],
    )
    res = beta_convergence(df)
    assert res.excluded == {"c": "missing value in 2000", "d": "non-positive value in 2010"}
    assert res.n == 3
    with pytest.raises(ValueError, match="year 2005"):
        beta_convergence(df, 2005, 2010)


def test_sigma_hand_worked():
    # two regions: (1, 4) -> (2, 4): sigma of logs = |ln a - ln b|/2 = ln4/2 then ln2/2
    # CV = |a - b| / (a + b): 3/5 then 2/6; three years give a linear trend in sigma
    df = pd.DataFrame({2000: [1.0, 4.0], 2001: [2.0**0.5, 4.0], 2002: [2.0, 4.0]}, index=["a", "b"])
    res = sigma_convergence(df)
    assert res.sigma[2000] == pytest.approx(math.log(4) / 2)
    assert res.sigma[2002] == pytest.approx(math.log(2) / 2)
    assert res.CV[2000] == pytest.approx(0.6)
    assert res.CV[2002] == pytest.approx(1 / 3)
    # sigma falls by ln2/4 per year exactly
    assert res.b_sigma == pytest.approx(-math.log(2) / 4)
    assert res.n == 2


def test_sigma_mexico_balanced_and_trend(mexico):
    panel = _mexico_panel(mexico)
    panel.iloc[0, 2] = np.nan
    res = sigma_convergence(panel)
    assert res.excluded == {mexico.index[0]: "missing value in 1960"}
    assert res.n == 31
    ln = np.log(panel.drop(index=mexico.index[0]))
    np.testing.assert_allclose(res.sigma.to_numpy(), ln.std(ddof=0).to_numpy())
    direct = sm.OLS(res.CV.to_numpy(), sm.add_constant(np.arange(1940, 2010, 10.0))).fit()
    assert res.b_CV == pytest.approx(direct.params[1])
    assert res.se_b_CV == pytest.approx(direct.bse[1])
    assert res.b_sigma < 0


def test_non_year_columns_are_rejected_clearly(mexico):
    with pytest.raises(ValueError, match="'pcgdp1940' is not a year"):
        sigma_convergence(mexico[DECADES])
