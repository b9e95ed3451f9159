import sys

import pytest

from aimaq import cli, open_store
from aimaq.cli import app


def test_ingest_raw_files_progress_and_summary(runner, db, shared_dir):
    raw = shared_dir / "data" / "kz" / "raw"
    files = [raw / "bns_grp_per_capita_2008-2023.xlsx", raw / "taldau_704447_income_per_capita.csv"]
    r = runner.invoke(app, ["ingest", *map(str, files)])
    assert r.exit_code == 0, r.output
    assert "Ingest summary" in r.output
    # the bundled figures are the bureau's: re-reading the files revises none of them
    from aimaq.store import bundled_paths

    st = open_store(db)
    loads = st.loads()
    n = len(bundled_paths())  # one load per bundled file
    assert len(loads) == n + 2 and (loads["rows_revised"] == 0).all()
    assert loads["rows_unchanged"].iloc[n:].sum() > 0


def test_ingest_bad_file_is_one_line_and_store_unchanged(db, tmp_path, capsys, monkeypatch):
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
