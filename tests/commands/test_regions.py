from aimaq.cli import app
from aimaq.geo import registry


def test_regions_today_and_on_old_borders(runner, db):
    out = runner.invoke(app, ["regions"]).output
    assert "KZ-62" in out and "KZ-YUZ" not in out
    assert all(c in out for c in registry.region_codes())
    old = runner.invoke(app, ["regions", "--borders", "2017"]).output
    assert "KZ-YUZ" in old and "KZ-79" not in old


def test_regions_in_kazakh(runner, db):
    out = runner.invoke(app, ["regions", "--lang", "kk"]).output
    assert registry.name("KZ-75", "kk") in out
