from aimaq import catalogue
from aimaq.cli import app


def test_indicators_lists_the_catalogue(runner, db):
    out = runner.invoke(app, ["indicators"]).output
    assert "grp_per_capita" in out
    assert len(catalogue.indicators()) > 10
    assert catalogue.get("unemployment_rate_pct").name("en").split()[0] in out
