from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aimaq.report import planning_content as pc

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "targets_example.csv"


@pytest.fixture(scope="module")
def budget(bundled_store):
    return pc.budget_section(bundled_store)


def test_budget_section_figures_equal_the_source_rows(budget, shared_dir):
    src = pd.read_csv(
        shared_dir / "data" / "kz" / "budget" / "transfers_subventions_withdrawals.csv"
    )
    src2 = pd.read_csv(shared_dir / "data" / "kz" / "budget" / "local_budgets_tax_transfers.csv")
    src = pd.concat([src, src2])
    src = src[src["region"] != "national"]
    flows = {
        "S": "subventions_received_mln_kzt",
        "W": "budget_withdrawals_paid_mln_kzt",
        "T": "local_budget_tax_revenue_mln_kzt",
        "R": "local_budget_transfers_received_mln_kzt",
    }
    for k, ind in flows.items():
        for y in range(2018, 2025):
            shown = budget.table.xs(y, level="year")[k].dropna().sort_values().to_numpy()
            want = (
                src[(src["indicator"] == ind) & (src["year"] == y)]["value"]
                .sort_values()
                .to_numpy()
            )
            assert np.allclose(shown, want, rtol=0, atol=1e-6), (k, y)
    t = budget.table.loc[("KZ-23", 2023)]
    assert t["T"] == pytest.approx(
        float(
            src2[(src2.region == "ATY") & (src2.year == 2023) & (src2.indicator == flows["T"])][
                "value"
            ].iloc[0]
        )
    )
    assert t["t_pc"] == pytest.approx(1000 * t["T"] / t["P"])  # thousand KZT per person


def test_budget_section_shows_the_break_and_flags(budget):
    assert any("2023 inter-budget reform" in n for n in budget.notes)
    assert any("Jan–Nov 2020" in n for n in budget.notes)
    assert set(budget.equalisation["regime"]) == {"–2022", "2023–"}
    assert all(
        e.regime == "–2022" for e in budget.elasticity.values()
    )  # no GRP per capita after 2022


def test_monitoring_section_marks_targets_as_user_data(bundled_store):
    from aimaq.ingest.targets import read_targets

    m = pc.monitoring_section(bundled_store, read_targets(EXAMPLE), 2018)
    assert any("user data" in n and "FICTITIOUS" in n for n in m.notes)
    cell = m.detail.set_index(["region", "indicator"]).loc[("KZ", "unemployment_rate_pct")]
    assert cell["target"] == 3.0 and cell["target_year"] == 2030
    d = m.decomposition
    assert (
        (d["dln_output_per_worker"] + d["dln_workers_per_resident"]) - d["dln_y"]
    ).abs().max() < 1e-12


def test_outlook_figure_has_observed_scenarios_and_fan(bundled_store):
    o = pc.outlook_section(bundled_store, horizon=2030)
    names = [tr["name"] for tr in o.figure["data"]]
    assert names[0] == "observed population" and "scenario range" in names
    assert {"observed", "zero_migration", "north_outflow_doubled"} <= set(names)
    zero = o.projections["zero_migration"].summary
    assert (zero["migration"] == 0).all()


def test_monotown_scenario_moves_people_between_regions_only(bundled_store):
    d = pc.read_population_scenario("monotown_outflow")
    o = pc.outlook_section(bundled_store, horizon=2026, scenarios=[d])
    sc = o.projections["monotown_outflow"].scenario
    assert sc.extra_years == 10 and sc.extra_flow
    assert sum(sc.extra_flow.values()) == pytest.approx(0.0, abs=1e-6)  # moves, no loss
