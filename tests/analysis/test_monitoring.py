import numpy as np
import pandas as pd
import pytest

from aimaq.analysis.monitoring import (
    ACCELERATION,
    ACHIEVED,
    DETERIORATION,
    LIMITED,
    NOT_ASSESSED,
    ON_TRACK,
    Thresholds,
    decompose_ratio,
    grp_shift_share,
    progress,
    status_matrix,
)

Y_T = 100 * 1.05**10  # target 2028 that needs exactly +5 % a year from 100 in 2018


def _s(y0, yi):
    return pd.Series({2018: y0, 2020: yi})


@pytest.mark.parametrize(
    "yi, status, R",
    [
        (170.0, ACHIEVED, None),
        (100 * 1.05**2, ON_TRACK, 1.0),
        (100 * 1.0475**2, ON_TRACK, 0.95),  # the boundary is on track
        (100 * 1.04**2, ACCELERATION, 0.8),
        (100 * 1.03**2, ACCELERATION, 0.6),
        (100 * 1.02**2, LIMITED, 0.4),
        (100.0, LIMITED, 0.0),
        (98.0, DETERIORATION, None),
    ],
)
def test_with_target_higher_is_better(yi, status, R):
    p = progress(_s(100.0, yi), "higher_better", 2018, Y_T, 2028)
    assert p.status == status
    if R is not None:
        assert p.R == pytest.approx(R)
    if status == DETERIORATION:
        assert p.R < 0


def test_with_target_lower_is_better():
    # unemployment 5.0 % in 2018, target 4.0 % in 2028: required CAGR 0.8**0.1 - 1 < 0
    gt = 0.8**0.1 - 1
    case = lambda yi: progress(_s(5.0, yi), "higher_worse", 2018, 4.0, 2028)  # noqa: E731
    assert case(3.9).status == ACHIEVED
    assert case(5 * (1 + gt) ** 2).status == ON_TRACK
    assert case(5 * (1 + 0.7 * gt) ** 2).R == pytest.approx(0.7)
    assert case(5 * (1 + 0.7 * gt) ** 2).status == ACCELERATION
    assert case(5 * (1 + 0.5 * gt) ** 2).status == LIMITED
    assert case(5.2).status == DETERIORATION and case(5.2).R < 0
    # the base already met a target the series then left: deterioration
    assert progress(_s(3.0, 4.5), "higher_worse", 2018, 4.0, 2028).status == DETERIORATION


@pytest.mark.parametrize(
    "g, hb, hw",
    [
        (0.02, ON_TRACK, DETERIORATION),
        (0.016, ON_TRACK, DETERIORATION),
        (0.01, ACCELERATION, DETERIORATION),
        (0.002, LIMITED, DETERIORATION),
        (-0.002, DETERIORATION, LIMITED),
        (-0.01, DETERIORATION, ACCELERATION),
        (-0.02, DETERIORATION, ON_TRACK),
    ],
)
def test_without_target_growth_thresholds(g, hb, hw):
    s = _s(100.0, 100 * (1 + g) ** 2)
    assert progress(s, "higher_better", 2018).status == hb
    assert progress(s, "higher_worse", 2018).status == hw
    assert progress(s, "higher_better", 2018).cagr_o == pytest.approx(g)


def test_not_assessed_and_configurable_thresholds():
    s = _s(100.0, 100 * 1.04**2)
    assert progress(s, "neutral", 2018).status == NOT_ASSESSED
    assert "base year 2017" in progress(s, "higher_better", 2017).reason
    assert (
        progress(s, "higher_better", 2018, Y_T, 2028, Thresholds(ratio_on_track=0.8)).status
        == ON_TRACK
    )
    assert (
        progress(s, "higher_better", 2018, thresholds=Thresholds(growth_on_track=0.05)).status
        == ACCELERATION
    )


def test_status_matrix_uses_a_cells_target():
    panels = {"u": pd.DataFrame({2018: [5.0, 5.0], 2020: [4.0, 5.2]}, index=["KZ-11", "KZ-59"])}
    tg = pd.DataFrame(
        [
            dict(
                indicator="u",
                region="KZ-11",
                base_year=2018,
                target_year=2028,
                target_value=4.5,
                source="x",
            )
        ]
    )
    m = status_matrix(panels, {"u": "higher_worse"}, 2018, tg)
    assert m.matrix.loc["KZ-11", "u"] == ACHIEVED and m.matrix.loc["KZ-59", "u"] == DETERIORATION
    assert m.detail.set_index("region").loc["KZ-11", "target_source"] == "x"


def test_decomposition_sums_exactly_to_the_log_change():
    N = pd.DataFrame({2018: [100.0, 50.0], 2021: [180.0, 40.0]}, index=["A", "B"])
    E = pd.DataFrame({2018: [10.0, 8.0], 2021: [12.0, 9.0]}, index=["A", "B"])
    D = pd.DataFrame({2018: [20.0, 30.0], 2021: [21.0, 29.0]}, index=["A", "B"])
    t = decompose_ratio(N, E, D, 2018, 2021).table
    observed = np.log((N[2021] / D[2021]) / (N[2018] / D[2018]))
    assert (t["dln_y"] - observed).abs().max() < 1e-14
    parts = t["dln_output_per_worker"] + t["dln_workers_per_resident"]
    assert (parts - observed).abs().max() < 1e-14
    assert (t["share_output_per_worker"] + t["share_workers_per_resident"] - 1).abs().max() < 1e-12
    assert t.loc["A", "dln_output_per_worker"] == pytest.approx(np.log(15 / 10))


def test_decomposition_on_bundled_grp_per_capita(bundled_store):
    grp = bundled_store.panel("grp_mln_kzt")
    emp = bundled_store.panel("employed_thousand")
    pop = bundled_store.panel("population_total")
    t = decompose_ratio(grp, emp, pop, 2018, 2020).table
    assert len(t) == 17
    observed = np.log((grp[2020] / pop[2020]) / (grp[2018] / pop[2018])).reindex(t.index)
    parts = t["dln_output_per_worker"] + t["dln_workers_per_resident"]
    assert (parts - observed).abs().max() < 1e-12


def test_grp_shift_share_sums_to_the_change():
    X0 = pd.DataFrame({"A": [10.0, 20.0], "C": [30.0, 5.0]}, index=["r1", "r2"])
    X1 = pd.DataFrame({"A": [12.0, 21.0], "C": [45.0, 6.0]}, index=["r1", "r2"])
    s = grp_shift_share(X0, X1)
    assert (s["NS"] + s["IM"] + s["RS"] - s["dx"]).abs().max() < 1e-12
    assert s.loc["r1", "dx"] == pytest.approx(17.0)


def test_a_series_break_between_base_and_latest_is_not_assessed():
    s = pd.Series({2018: 100.0, 2022: 110.0, 2024: 300.0})
    p = progress(s, "higher_better", 2018, breaks=[2023])
    assert p.status == NOT_ASSESSED and "break in 2023" in p.reason
    assert progress(s, "higher_better", 2023 - 1, breaks=[2023]).status == NOT_ASSESSED
    assert (
        progress(s, "higher_better", 2022, breaks=[2022]).status == ON_TRACK
    )  # base on the new regime
    panels = {"x": pd.DataFrame({2018: [100.0], 2024: [300.0]}, index=["A"])}
    m = status_matrix(panels, {"x": "higher_better"}, 2018, breaks={"x": [2023]})
    assert m.matrix.loc["A", "x"] == NOT_ASSESSED
