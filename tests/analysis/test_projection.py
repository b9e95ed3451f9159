import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.projection import (
    Rates,
    Scenario,
    backtest,
    component_rates,
    identity_residuals,
    project,
    scenario_from_dict,
)


def _rates():
    idx = ["N", "S"]
    return Rates(
        b=pd.Series([0.012, 0.025], index=idx),
        d=pd.Series([0.011, 0.006], index=idx),
        m=pd.Series([-0.008, 0.004], index=idx),
        window=(2018, 2019),
    )


def _check_identity(p):
    t = p.table.set_index(["region", "year"])
    for (r, y), row in t.iterrows():
        if y == p.horizon:
            continue
        nxt = t.loc[(r, y + 1), "P"]
        assert nxt == pytest.approx(row["P"] + row["B"] - row["D"] + row["M"], rel=1e-13), (r, y)


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(),
        Scenario(migration="zero"),
        Scenario(outflow_factor={"N": 2.0, "S": 2.0}),
        Scenario(extra_flow={"N": -500.0, "S": 500.0}, extra_years=3),
    ],
)
def test_identity_in_every_region_year(scenario):
    p = project(pd.Series({"N": 500_000.0, "S": 900_000.0}), _rates(), 2023, 2035, scenario)
    _check_identity(p)
    s = p.summary
    assert (s["dP"] - (s["births"] - s["deaths"] + s["migration"])).abs().max() < 1e-6


def test_scenarios_act_as_stated():
    P0 = pd.Series({"N": 1000.0, "S": 1000.0})
    base = project(P0, _rates(), 2023, 2024)
    doubled = project(P0, _rates(), 2023, 2024, Scenario(outflow_factor={"N": 2.0, "S": 2.0}))
    assert base.summary.loc["N", "migration"] == pytest.approx(-8.0)
    assert doubled.summary.loc["N", "migration"] == pytest.approx(-16.0)  # outflow doubled
    assert doubled.summary.loc["S", "migration"] == pytest.approx(4.0)  # inflow left alone
    zero = project(P0, _rates(), 2023, 2024, Scenario(migration="zero"))
    assert zero.summary.loc["N", "P_h"] == pytest.approx(1001.0)
    extra = project(P0, _rates(), 2023, 2026, Scenario(extra_flow={"N": -10.0}, extra_years=2))
    m = extra.table.set_index(["region", "year"])["M"]
    without = project(P0, _rates(), 2023, 2026).table.set_index(["region", "year"])["M"]
    assert m[("N", 2023)] - without[("N", 2023)] == pytest.approx(-10.0)
    assert m[("N", 2025)] == pytest.approx(-0.008 * extra.population().loc["N", 2025])


def test_scenario_from_toml_dict_resolves_groups_and_rejects_bad_modes():
    s = scenario_from_dict(
        {"scenario": {"name": "x"}, "outflow": [{"regions": ["north", "KZ-63"], "factor": 2}]},
        {"north": ["KZ-59", "KZ-39"]},
    )
    assert dict(s.outflow_factor) == {"KZ-59": 2.0, "KZ-39": 2.0, "KZ-63": 2.0}
    with pytest.raises(ValueError, match="scenario.migration"):
        scenario_from_dict({"scenario": {"migration": "doubled"}})


def test_rates_are_ratios_of_sums_and_gaps_exclude():
    P = pd.DataFrame({2018: [100.0, 50.0], 2019: [120.0, np.nan]}, index=["A", "B"])
    B = pd.DataFrame({2018: [2.0, 1.0], 2019: [4.6, 1.0]}, index=["A", "B"])
    r = component_rates(P, B, B * 0, B * 0, (2018, 2019))
    assert r.b["A"] == pytest.approx(6.6 / 220) and "B" in r.excluded and "B" not in r.b.index


# -- on the bundled data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(bundled_store):
    from aimaq.datasets.planning import demography_inputs

    return demography_inputs(bundled_store)


def test_bundled_balancing_equation_closes_except_at_the_census(demo):
    res = identity_residuals(demo.P, demo.B, demo.D, demo.M)
    for y in (2018, 2019, 2020, 2022):
        assert res[y].dropna().abs().max() < 0.5, y
    assert res[2021].dropna().abs().max() > 50_000  # 2021 census re-based 1 January 2022


def test_bundled_backtest_error_table(demo):
    bt = backtest(
        demo.P, demo.B, demo.D, demo.M, window=(2018, 2019), base_year=2020, end_year=2023
    )
    assert len(bt.table) == 14  # regions on unchanged codes 2020-2023
    assert {"KZ-ALM", "KZ-KAR", "KZ-VOS"} <= set(bt.excluded)
    assert bt.mape[2021] < 0.5  # one year ahead, before the census: within half a percent
    assert bt.mape[2022] > bt.mape[2021]  # the census re-basing shows up
    e = bt.errors.set_index(["region", "year"])
    assert not e.loc[("KZ-11", 2021), "after_break"] and e.loc[("KZ-11", 2022), "after_break"]
    assert bt.census_residual["KZ-11"] == pytest.approx(51808, abs=1)
    row = e.loc[("KZ-59", 2021)]
    assert row["pct_error"] == pytest.approx(100 * row["error"] / row["observed"])


def test_bundled_outlook_identity(demo):
    rates = component_rates(demo.P, demo.B, demo.D, demo.M, (2022, 2023))
    p = project(demo.P[2023], rates, 2023, 2035)
    assert len(p.summary) == 20
    _check_identity(p)
