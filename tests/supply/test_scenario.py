"""Scenario TOML loading/validation and the default Kazakhstan scenario."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from aimaq.supply.scenario import (
    ScenarioError,
    default_scenario,
    default_scenario_path,
    load_scenario,
    population_request,
)
from aimaq.supply.siting import solve_siting

# 1 January 2023 regional population, stat.gov.kz bulletin (copied in
# shared/data/kz/region_population_2023-01-01.csv); injected so no store is needed.
POP = pd.Series(
    {
        "KZ-10": 610189,
        "KZ-11": 787971,
        "KZ-15": 928185,
        "KZ-19": 1505984,
        "KZ-23": 693040,
        "KZ-27": 688091,
        "KZ-31": 1217955,
        "KZ-33": 698675,
        "KZ-35": 1134753,
        "KZ-39": 832110,
        "KZ-43": 833531,
        "KZ-47": 766956,
        "KZ-55": 754903,
        "KZ-59": 534024,
        "KZ-61": 2119063,
        "KZ-62": 221395,
        "KZ-63": 730172,
        "KZ-71": 1354435,
        "KZ-75": 2161695,
        "KZ-79": 1191877,
    },
    dtype=float,
)
TOTAL = 19_765_004
CONFIG_KEYS = {"min_population", "min_city_population", "p"}  # selection settings, not data


@pytest.fixture(scope="module")
def default():
    return default_scenario(POP)


def _leaves(node, path=""):
    if isinstance(node, dict):
        if {"value", "source", "assumption"} & set(node):  # a labelled figure or table
            yield path, node
            return
        for k, v in node.items():
            yield from _leaves(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, f"{path}[{i}]")
    else:
        yield path, node


def test_every_default_number_is_sourced_or_an_assumption():
    cfg = tomllib.loads(default_scenario_path().read_text())
    n_tables = 0
    for path, leaf in _leaves(cfg):
        if isinstance(leaf, dict):
            n_tables += 1
            assert leaf.get("source") or leaf.get("assumption") is True, path
        elif isinstance(leaf, (int, float)) and not isinstance(leaf, bool):
            assert path.split(".")[-1] in CONFIG_KEYS, f"bare number at {path}"
    # supplier shares: a table per supplier with assumption = true
    for s in cfg["suppliers"]:
        assert s["share"]["assumption"] is True
    assert n_tables >= 12
    pc = pd.read_csv(default_scenario_path().parent / "food_demand_per_capita.csv")
    assert (pc["assumption"].astype(str).str.lower() == "true").all() or pc["source"].notna().all()


def test_default_scenario_shape_and_scaling(default):
    pr = default
    assert pr.classes == ["frozen", "chilled", "dry"]
    assert len(pr.sites) == 24  # 20 regional centres + 4 other cities >= 100 000
    assert {"Semey", "Konayev", "Zhezqazghan", "Temirtau", "Zhanaozen"} <= set(pr.sites["name"])
    assert len(pr.demand) == 301  # GeoNames KZ rows with population > 0
    # settlements scaled to the official regional totals
    assert pr.demand["population"].sum() == pytest.approx(TOTAL)
    by_reg = pr.demand.groupby("region")["population"].sum()
    assert by_reg["KZ-19"] == pytest.approx(1505984)
    pc = pd.read_csv(default_scenario_path().parent / "food_demand_per_capita.csv")
    kg = pc.groupby("class")["kg_per_person_year"].sum()
    for k in pr.classes:
        assert pr.demand[k].sum() == pytest.approx(TOTAL * kg[k] / 1000)
    assert sum(n.startswith("ASSUMPTION") for n in pr.notes) >= 20
    assert any("GeoNames" in n and "CC BY 4.0" in n for n in pr.notes)
    assert pr.suppliers["supply_chilled"].sum() == pytest.approx(1.1 * pr.demand["chilled"].sum())


def test_default_scenario_solves_within_gap(default):
    r = solve_siting(default, time_limit=60, gap=1e-3)
    assert r.gap <= 1e-3
    assert r.bound <= r.objective * (1 + 1e-9)
    assert r.cost["total"] == pytest.approx(r.objective)
    for k in default.classes:
        assert r.service_level[k] == pytest.approx(1.0)
        tonnes = r.flows[(r.flows["kind"] == "outbound") & (r.flows["class"] == k)]["tonnes"]
        assert tonnes.sum() == pytest.approx(default.demand[k].sum(), rel=1e-6)
    assert (r.utilisation.fillna(0) <= 1 + 1e-6).all().all()
    cov = r.coverage_by_region
    assert set(cov["region"]) == set(POP.index)


def test_class_subset():
    pr = load_scenario("default", population=POP, classes=["frozen"])
    assert pr.classes == ["frozen"] and "chilled" not in pr.demand.columns.drop("population")


# ---- errors from scenario files --------------------------------------------------------------
def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = default_scenario_path().read_text()
    assert old in text, old
    p = tmp_path / "scenario.toml"
    p.write_text(text.replace(old, new, 1))
    return p


def test_unknown_class(tmp_path):
    with pytest.raises(ScenarioError, match="unknown class 'hot'"):
        load_scenario("default", population=POP, classes=["frozen", "hot"])
    p = _variant(tmp_path, 'classes = ["frozen", "chilled", "dry"]', 'classes = ["frozen", "warm"]')
    with pytest.raises(ScenarioError, match="unknown class 'warm'"):
        load_scenario(p, population=POP)


def test_negative_cost(tmp_path):
    p = _variant(
        tmp_path,
        "transport_cost_per_tkm = { value = 50.0",
        "transport_cost_per_tkm = { value = -50.0",
    )
    with pytest.raises(
        ScenarioError, match=r"classes.chilled.transport_cost_per_tkm: negative value"
    ):
        load_scenario(p, population=POP)


def test_total_capacity_below_demand(tmp_path):
    p = _variant(tmp_path, "chilled = { value = 300000.0", "chilled = { value = 1000.0")
    with pytest.raises(ScenarioError, match=r"class 'chilled': total capacity of all candidate"):
        load_scenario(p, population=POP)


def test_demand_beyond_every_limit(tmp_path):
    p = _variant(tmp_path, "max_distance_km = { value = 700.0", "max_distance_km = { value = 50.0")
    with pytest.raises(
        ScenarioError, match=r"class 'chilled': \d+ demand point\(s\) .* beyond the 50 km"
    ):
        load_scenario(p, population=POP)


def test_missing_column_in_candidates_csv(tmp_path):
    csv = tmp_path / "sites.csv"
    csv.write_text(
        "id,name,lat,lon,region,fixed_cost,existing,capacity_frozen,capacity_chilled,"
        "module_cost_frozen,module_cost_chilled,module_cost_dry\n"
        "A,Astana,51.18,71.45,KZ-71,1,false,1e9,1e9,1,1,1\n"
    )
    p = _variant(tmp_path, '# csv = "my_sites.csv"', 'csv = "sites.csv"')
    with pytest.raises(ScenarioError, match=r"sites.csv: missing column\(s\) \['capacity_dry'\]"):
        load_scenario(p, population=POP)


def test_population_missing_region():
    with pytest.raises(ScenarioError, match=r"no value for region\(s\) \['KZ-10'\]"):
        load_scenario("default", population=POP.drop("KZ-10"))


def test_invalid_toml_and_missing_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[scenario\nname = 1")
    with pytest.raises(ScenarioError, match="invalid TOML"):
        load_scenario(bad)
    with pytest.raises(ScenarioError, match="not found"):
        load_scenario(tmp_path / "nope.toml")


def test_unknown_existing_site(tmp_path):
    p = _variant(tmp_path, "existing = []", 'existing = ["Atlantis"]')
    with pytest.raises(ScenarioError, match="'Atlantis' is not a candidate"):
        load_scenario(p, population=POP)


def test_existing_site_stays_open_and_matrix_csv(tmp_path):
    # user distance matrix: make Aktau (GN610612) -> Zhanaozen (GN607610) very long
    (tmp_path / "d.csv").write_text("origin,destination,distance_km\nGN610612,GN607610,5000\n")
    text = default_scenario_path().read_text()
    text = text.replace("existing = []", 'existing = ["Zhezqazghan"]')
    text = text.replace('# matrix_csv = "distances.csv"', 'matrix_csv = "d.csv"')
    text = text.replace('classes = ["frozen", "chilled", "dry"]', 'classes = ["dry"]')
    p = tmp_path / "s.toml"
    p.write_text(text)
    pr = load_scenario(p, population=POP)
    a = list(pr.sites.index).index("GN610612")
    b = list(pr.demand.index).index("GN607610")
    assert pr.distance[a, b] == 5000
    r = solve_siting(pr, gap=1e-4)
    assert bool(r.sites.loc[r.sites["name"] == "Zhezqazghan", "open"].iloc[0])
    assert math.isfinite(r.objective)


def test_cli_scenario_writes_outputs(tmp_path):
    import typer
    from typer.testing import CliRunner

    from aimaq.commands.site import register

    text = default_scenario_path().read_text()
    text = text.replace(
        "scale_to_regional_population = true", "scale_to_regional_population = false"
    )
    p = tmp_path / "s.toml"
    p.write_text(text)
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)
    out = tmp_path / "out"
    res = CliRunner().invoke(
        app,
        [
            "site",
            "--scenario",
            str(p),
            "--classes",
            "frozen,dry",
            "--out",
            str(out),
            "--time-limit",
            "30",
            "--gap",
            "1e-3",
        ],
    )
    assert res.exit_code == 0, res.output
    for f in [
        "sites.csv",
        "flows.csv",
        "cost.csv",
        "service_level.csv",
        "coverage_by_region.csv",
        "utilisation.csv",
        "result.geojson",
        "map.html",
        "notes.txt",
    ]:
        assert (out / f).exists(), f
    assert "ASSUMPTION" in (out / "notes.txt").read_text()
    assert res.output.strip().splitlines()[-1].startswith("objective=")


def test_population_request_of_the_default_scenario():
    req = population_request("default")
    assert (req.indicator, req.year) == ("population_total", 2023)


def test_scaling_without_population_names_the_indicator():
    with pytest.raises(ScenarioError, match=r"population_total 2023\); pass population="):
        load_scenario("default")
