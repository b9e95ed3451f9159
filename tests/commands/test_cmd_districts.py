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


def test_load_then_show_and_lisa(db, shared_dir):
    path = shared_dir / "data/kz/raw" / FILE
    r = runner.invoke(app, ["districts", "load", str(path)])
    assert r.exit_code == 0, r.output
    assert "219 districts: 944 added" in r.output and "Сауран ауданы" in r.output
    r = runner.invoke(app, ["districts", "show", "population_urban", "--region", "KZ-11"])
    assert r.exit_code == 0, r.output
    assert "│    1 │ 111000000 │ Kokshetau" in r.output and "177,267" in r.output
    assert "sheet '02'" in r.output
    r = runner.invoke(app, ["districts", "lisa", "--permutations", "99"])
    assert r.exit_code == 0, r.output
    assert "n = 217" in r.output and "High-High" in r.output and "Talgar" in r.output


def test_show_without_district_figures_says_how_to_load(db):
    r = runner.invoke(app, ["districts", "show", "population_urban"])
    assert r.exit_code != 0 and "aimaq districts load" in r.output


def test_succession_lists_changes_only(db):
    r = runner.invoke(app, ["districts", "succession"])
    assert r.exit_code == 0, r.output
    assert "Капчагай" in r.output and "Конаев" in r.output and "Кокшетау" not in r.output
