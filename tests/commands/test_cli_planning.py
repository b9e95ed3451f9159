import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aimaq.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "targets_example.csv"


@pytest.fixture
def db(tmp_path, monkeypatch, bundled_store):
    # the bundled store of the session, so the CLI does not load the data again
    monkeypatch.setenv("AIMAQ_DB", str(bundled_store.engine.url.database))
    monkeypatch.setenv("COLUMNS", "200")


def test_budget_year(db):
    r = runner.invoke(app, ["budget", "--year", "2023"])
    assert r.exit_code == 0, r.output
    assert "donor" in r.output and "2023 inter-budget reform" in r.output
    assert "879,947,069" in r.output  # the law's planned 2026 withdrawals, as printed
    bad = runner.invoke(app, ["budget", "--year", "2031"])
    assert bad.exit_code != 0 and "no budget figures" in bad.output


def test_monitor_with_the_fictitious_example(db, tmp_path):
    r = runner.invoke(app, ["monitor", "--targets", str(EXAMPLE), "--base-year", "2018"])
    assert r.exit_code == 0, r.output
    assert "FICTITIOUS" in r.output and "Progress status, base year 2018" in r.output
    bad = tmp_path / "t.csv"
    bad.write_text(
        "indicator,region,base_year,target_year,target_value,source\nx,KZ,2018,2030,1,p\n"
    )
    r = runner.invoke(app, ["monitor", "--targets", str(bad)])
    assert r.exit_code != 0 and "row 2: field indicator" in r.output


def test_project_population(db):
    r = runner.invoke(
        app, ["project", "population", "--to", "2026", "--scenario", "zero_migration"]
    )
    assert r.exit_code == 0, r.output
    assert "zero_migration" in r.output and "MAPE" in r.output and "cohort-component" in r.output


def test_module_level_is_light():
    code = "import sys, aimaq.commands.planning; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
