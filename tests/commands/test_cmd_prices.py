"""``aimaq prices``: ingest, alerts, markups, dispersion on a fresh store."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from aimaq.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path, monkeypatch):
    p = tmp_path / "cli.sqlite"
    monkeypatch.setenv("AIMAQ_DB", str(p))
    monkeypatch.setenv("COLUMNS", "220")
    return p


def test_alerts_newest_first_with_figures(db):
    r = runner.invoke(
        app,
        [
            "prices",
            "alerts",
            "--region",
            "KZ-75",
            "--product",
            "Мука пшеничная первого сорта",
            "--since",
            "2020-01",
        ],
    )
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.output.splitlines() if "2020-" in ln]
    assert lines and lines[0].split("│")[1].strip() == "2020-11"
    assert "crisis" in lines[0] and "242.00" in lines[0]  # Almaty flour, November 2020
    assert all("Almaty" in ln for ln in lines)


def test_ingest_markups_and_refusal(db, tmp_path):
    p = tmp_path / "chain.csv"
    p.write_text(
        "product,market,date,stage,price,unit,currency,source\n"
        "onions,Oral,2026-02-05,wholesale,100,kg,KZT,test chain\n"
        "onions,Oral,2026-02-05,retail,120,kg,KZT,test chain\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["prices", "ingest", str(p)])
    assert r.exit_code == 0 and "2 added" in r.output, r.output
    r = runner.invoke(app, ["prices", "markups"])
    assert r.exit_code == 0, r.output
    assert "20.00" in r.output and "True" in r.output and "cap 15 %" in r.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "product,market,date,stage,price,unit,currency,source\nonions,Oral,2026-02-06,retail,abc,kg,KZT,x\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["prices", "ingest", str(bad)])
    assert r.exit_code != 0 and "field price" in str(r.exception)


def test_dispersion_latest(db):
    r = runner.invoke(app, ["prices", "dispersion", "--product", "onions"])
    assert r.exit_code == 0, r.output
    assert "2023-01" in r.output and "19" in r.output and "Zhezqazghan" in r.output
