import pandas as pd

from aimaq.cli import app


def test_export_csv(runner, db, tmp_path, bundled_store):
    out = tmp_path / "x.csv"
    r = runner.invoke(app, ["export", "--indicator", "grp", "--format", "csv", "--out", str(out)])
    assert r.exit_code == 0, r.output
    got = pd.read_csv(out)
    assert "source" in got.columns
    assert len(got) == len(bundled_store.observations("grp_mln_kzt"))


def test_export_bad_format(runner, db, tmp_path):
    r = runner.invoke(app, ["export", "-i", "grp", "--format", "ods", "--out", str(tmp_path / "x")])
    assert r.exit_code != 0 and "csv or xlsx" in r.output
