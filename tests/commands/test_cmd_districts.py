"""CLI: aimaq districts [--region], load, show, succession, lisa."""

import pytest
from typer.testing import CliRunner

from aimaq.cli import app

runner = CliRunner()
FILE = "bns_population_sex_urban_rural_2023-01-01.xlsx"


@pytest.fixture
def db(tmp_path, monkeypatch):
    p = tmp_path / "cli.sqlite"
    monkeypatch.setenv("AIMAQ_DB", str(p))
    monkeypatch.setenv("COLUMNS", "220")
    return p


def test_list_of_one_region_in_kazakh(db):
    r = runner.invoke(app, ["districts", "--region", "Астана", "--lang", "kk"])
    assert r.exit_code == 0, r.output
    assert "5 units" in r.output and "Нұра" in r.output and "711510000" in r.output
    assert "CC BY 4.0" in r.output
    r = runner.invoke(app, ["districts", "--division", "2018", "--region", "KZ-ALM"])
    assert "Kapchagay" in r.output and "2022-06-08" in r.output


def test_bundled_district_figures_show_and_lisa(db):
    # a fresh store holds the bundled district figures (bulletin 2023, sheet 02)
    r = runner.invoke(app, ["districts", "show", "population_urban", "--region", "KZ-11"])
    assert r.exit_code == 0, r.output
    assert "│    1 │ 111000000 │ Kokshetau" in r.output and "177,267" in r.output
    assert "лист '02'" in r.output
    r = runner.invoke(app, ["districts", "lisa", "--permutations", "99"])
    assert r.exit_code == 0, r.output
    assert "n = 217" in r.output and "High-High" in r.output and "Talgar" in r.output


def test_load_reports_unchanged_rows_and_the_unit_without_kato(db, shared_dir):
    path = shared_dir / "data/kz/raw" / FILE
    r = runner.invoke(app, ["districts", "load", str(path)])
    assert r.exit_code == 0, r.output
    assert "219 districts: 0 added, 944 unchanged" in r.output and "Сауран ауданы" in r.output


def test_show_without_district_figures_says_how_to_load(tmp_path, monkeypatch):
    from aimaq.store import Store

    Store(tmp_path / "empty.sqlite").dispose()  # a store without the bundled data
    monkeypatch.setattr("aimaq.open_store", lambda db=None: Store(tmp_path / "empty.sqlite"))
    r = runner.invoke(app, ["districts", "show", "population_urban"])
    assert r.exit_code != 0 and "aimaq districts load" in r.output


def test_succession_lists_changes_only(db):
    r = runner.invoke(app, ["districts", "succession"])
    assert r.exit_code == 0, r.output
    assert "Капчагай" in r.output and "Конаев" in r.output and "Кокшетау" not in r.output


def test_site_rejects_an_unknown_demand_kind(db):
    r = runner.invoke(app, ["site", "--scenario", "default", "--demand", "villages"])
    assert r.exit_code != 0 and "district-settlements" in r.output


def test_regions_and_show_at_district_level(db):
    r = runner.invoke(app, ["regions", "--level", "district", "--region", "KZ-71"])
    assert r.exit_code == 0, r.output
    assert "5 units" in r.output and "Nura" in r.output
    r = runner.invoke(app, ["regions", "--level", "district", "--borders", "2018"])
    assert "216 units" in r.output
    r = runner.invoke(
        app, ["show", "population_total_bulletin", "--level", "district", "--region", "KZ-75"]
    )
    assert r.exit_code == 0, r.output
    assert "│    1 │ 751210000 │ Alatau" in r.output and "354,899" in r.output
