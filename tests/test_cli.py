import pytest
from typer.testing import CliRunner

from aimaq.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path, monkeypatch):
    p = tmp_path / "cli.sqlite"
    monkeypatch.setenv("AIMAQ_DB", str(p))
    monkeypatch.setenv("COLUMNS", "200")
    return p


def test_show_grp_per_capita_2022(db, bundled_store):
    r = runner.invoke(app, ["show", "grp_per_capita", "--year", "2022"])
    assert r.exit_code == 0, r.output
    nat = bundled_store.value("grp_per_capita", 2022)
    reg = bundled_store.observations("grp_per_capita", years=[2022])
    below = int((reg[reg.region != "KZ"]["value"] < nat).sum())
    assert f"{nat:,.1f}" in r.output
    assert f"{below} of 20 regions below the national value" in r.output


def test_show_on_old_borders(db):
    r = runner.invoke(app, ["show", "population", "--year", "2023", "--borders", "2021"])
    assert r.exit_code == 0, r.output
    assert "KZ-ALM" in r.output and "KZ-33" not in r.output


def test_regions_and_indicators(db):
    assert "KZ-62" in runner.invoke(app, ["regions"]).output
    assert "KZ-YUZ" in runner.invoke(app, ["regions", "--borders", "2017"]).output
    assert "grp_per_capita" in runner.invoke(app, ["indicators"]).output


def test_coverage_lists_gaps(db):
    r = runner.invoke(app, ["coverage", "--indicator", "poverty_share_below_subsistence_pct"])
    assert r.exit_code == 0 and "·" in r.output


def test_export_csv(db, tmp_path):
    out = tmp_path / "x.csv"
    r = runner.invoke(app, ["export", "--indicator", "grp", "--format", "csv", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "source" in out.read_text(encoding="utf-8").splitlines()[0]


def test_unknown_indicator_is_one_clear_line(db, capsys, monkeypatch):
    import sys

    from aimaq import cli

    monkeypatch.setattr(sys, "argv", ["aimaq", "show", "grp_per_capit"])
    with pytest.raises(SystemExit) as e:
        cli.main()
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "unknown indicator 'grp_per_capit'" in err and "Traceback" not in err


def test_ingest_raw_files_progress_and_summary(db, shared_dir):
    raw = shared_dir / "data" / "kz" / "raw"
    files = [raw / "bns_grp_per_capita_2008-2023.xlsx", raw / "taldau_704447_income_per_capita.csv"]
    r = runner.invoke(app, ["ingest", *map(str, files)])
    assert r.exit_code == 0, r.output
    assert "Ingest summary" in r.output
    # the bundled figures are the bureau's: re-reading the files revises none of them
    from aimaq.store import bundled_paths, open_store

    st = open_store(db)
    loads = st.loads()
    nb = len(bundled_paths())  # each bundled file is its own load
    assert len(loads) == nb + 2 and (loads["rows_revised"] == 0).all()
    assert loads["rows_unchanged"].iloc[nb:].sum() > 0


def test_ingest_bad_file_is_one_line_and_store_unchanged(db, tmp_path, capsys, monkeypatch):
    import sys

    from aimaq import cli
    from aimaq.store import open_store

    n = open_store(db).count()
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a spreadsheet at all")
    monkeypatch.setattr(sys, "argv", ["aimaq", "ingest", str(bad)])
    with pytest.raises(SystemExit) as e:
        cli.main()
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "broken.xlsx" in err and "Traceback" not in err
    assert open_store(db).count() == n
