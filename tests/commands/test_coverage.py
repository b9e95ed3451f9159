from aimaq.cli import app


def test_coverage_lists_gaps(runner, db):
    r = runner.invoke(app, ["coverage", "--indicator", "poverty_share_below_subsistence_pct"])
    assert r.exit_code == 0 and "·" in r.output


def test_coverage_overview_counts_regions(runner, db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # one column per year since 2000
    r = runner.invoke(app, ["coverage"])
    assert r.exit_code == 0, r.output
    assert "grp_mln_kzt" in r.output and "20/20n" in r.output
