import math

import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.budget import budget_positions, equalisation, regime_of, transfer_elasticity

IDX = ["A", "B", "C"]


def _three():
    """Three regions, one year: A rich and self-financed, B and C poor and transfer-financed."""
    y = 2020
    P = pd.DataFrame({y: [1.0, 1.0, 2.0]}, index=IDX)
    T = pd.DataFrame({y: [100.0, 20.0, 40.0]}, index=IDX)
    R = pd.DataFrame({y: [0.0, 40.0, 80.0]}, index=IDX)
    S = pd.DataFrame({y: [np.nan, 30.0, 70.0]}, index=IDX)
    W = pd.DataFrame({y: [15.0, np.nan, np.nan]}, index=IDX)
    return S, W, T, R, P


def test_fiscal_autonomy_and_positions_by_hand():
    S, W, T, R, P = _three()
    nat = {"S": pd.Series({2020: 100.0}), "W": pd.Series({2020: 15.0})}
    r = budget_positions(S, W, T, R, P, national=nat)
    t = r.table.xs(2020, level="year")
    assert t["autonomy"].tolist() == pytest.approx([1.0, 1 / 3, 1 / 3])
    assert t["t_pc"].tolist() == pytest.approx([100.0, 20.0, 20.0])
    assert t["s_pc"].tolist()[1:] == pytest.approx([30.0, 35.0])
    assert t["net"].tolist() == pytest.approx([15.0, -30.0, -70.0])
    assert r.donors(2020) == ["A"] and r.recipients(2020) == ["B", "C"]


def test_missing_donor_rows_make_unknown_not_neither():
    S, W, T, R, P = _three()
    S.loc["C", 2020] = np.nan
    complete = {"S": pd.Series({2020: 30.0}), "W": pd.Series({2020: 15.0})}
    assert budget_positions(S, W, T, R, P, complete).positions.loc["C", 2020] == "neither"
    short = {"S": pd.Series({2020: 30.0}), "W": pd.Series({2020: 40.0})}  # donor rows missing
    r = budget_positions(S, W, T, R, P, short)
    assert r.positions.loc["C", 2020] == "unknown"
    assert r.completeness.loc[(2020, "W"), "shortfall"] == pytest.approx(25.0)


def test_before_after_transfer_dispersion_by_hand():
    _, _, T, R, P = _three()
    e = equalisation(T, R, P).table.loc[2020]
    # before: y = (100, 20, 20), p = (1/4, 1/4, 1/2), mean 40
    assert e["Gini_before"] == pytest.approx(30 / 80)
    assert e["Theil_before"] == pytest.approx(0.625 * math.log(2.5) + 0.375 * math.log(0.5))
    # after: y = (100, 60, 60), mean 70
    assert e["Gini_after"] == pytest.approx(15 / 140)
    assert e["Theil_after"] == pytest.approx(25 / 70 * math.log(10 / 7) + 45 / 70 * math.log(6 / 7))
    assert e["effect_Gini"] == pytest.approx(1 - (15 / 140) / (30 / 80))


def test_regimes_split_at_the_break():
    S, W, T, R, P = _three()
    P2 = pd.concat([P, P.rename(columns={2020: 2023})], axis=1)
    T2 = pd.concat([T, T.rename(columns={2020: 2023})], axis=1)
    R2 = pd.concat([R, R.rename(columns={2020: 2023})], axis=1)
    e = equalisation(T2, R2, P2, breaks=[2023]).table
    assert e["regime"].tolist() == ["–2022", "2023–"]
    assert regime_of(2024, [2018, 2023]) == "2023–" and regime_of(2019, [2018, 2023]) == "2018–2022"


def test_elasticity_recovers_slope_and_names_the_outlier():
    rng = np.random.default_rng(1)
    y = pd.Series(np.exp(rng.uniform(0, 3, 20)), index=[f"R{i}" for i in range(20)])
    r = np.exp(5 - 0.5 * np.log(y) + rng.normal(0, 0.02, 20))
    clean = transfer_elasticity(r, y, 2020)
    assert clean.beta == pytest.approx(-0.5, abs=0.02) and clean.p_value < 1e-10
    assert clean.off_line == []
    r.iloc[3] *= 3.0
    assert transfer_elasticity(r, y, 2020).off_line == ["R3"]


# -- on the bundled data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_positions(bundled_store):
    from aimaq.datasets.planning import budget_inputs

    bi = budget_inputs(bundled_store)
    f = bi.flows
    years = [b["year"] for b in bi.breaks]
    return bi, budget_positions(f["S"], f["W"], f["T"], f["R"], bi.population, bi.national, years)


def test_bundled_donors_and_recipients_2018_2024(bundled_positions):
    bi, r = bundled_positions
    assert [b["year"] for b in bi.breaks] == [2023]
    for y in range(2018, 2025):
        donors = r.donors(y)
        assert {"KZ-23", "KZ-75"} <= set(donors), y  # Atyrau and Almaty city every year
        assert ("KZ-71" in donors) == (y >= 2023)  # Astana from 2023
        assert ("KZ-47" in donors) == (y in (2019, 2020))  # Mangystau 2019-20 only
    counts = [len(r.recipients(y)) for y in range(2018, 2025)]
    assert counts == [12, 12, 13, 13, 13, 17, 17]  # MORE.md: 12 / 13 / 17 recipients
    # donor rows missing 2018-2022: regions without a row are unknown, never "neither"
    assert r.positions.loc["KZ-71", 2019] == "unknown"
    assert (r.completeness.xs("W", level="flow").loc[2018:2022, "shortfall"] > 0).all()
    assert r.positions.loc["KZ-10", 2022] == "gap"
    assert (r.table.xs(2023, level="year")["regime"] == "2023–").all()


def test_budget_figures_equal_the_source_rows(bundled_store, shared_dir):
    from aimaq.datasets.planning import BUDGET_FLOWS

    for name in ("transfers_subventions_withdrawals.csv", "local_budgets_tax_transfers.csv"):
        src = pd.read_csv(shared_dir / "data" / "kz" / "budget" / name)
        for (ind, year), g in src.groupby(["indicator", "year"]):
            got = bundled_store.observations(ind, years=[year])
            assert sorted(got["value"]) == pytest.approx(sorted(g["value"])), (ind, year)
    s = bundled_store.observations(BUDGET_FLOWS["S"], years=[2023], regions=["KZ"])
    assert s["value"].iloc[0] == pytest.approx(4995055.0, abs=1)
