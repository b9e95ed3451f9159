from aimaq.cli import app


def test_show_grp_per_capita_2022(runner, db, bundled_store):
    r = runner.invoke(app, ["show", "grp_per_capita", "--year", "2022"])
    assert r.exit_code == 0, r.output
    nat = bundled_store.value("grp_per_capita", 2022)
    reg = bundled_store.observations("grp_per_capita", years=[2022])
    below = int((reg[reg.region != "KZ"]["value"] < nat).sum())
    assert f"{nat:,.1f}" in r.output
    assert f"{below} of 20 regions below the national value" in r.output


def test_show_on_old_borders(runner, db):
    r = runner.invoke(app, ["show", "population", "--year", "2023", "--borders", "2021"])
    assert r.exit_code == 0, r.output
    assert "KZ-ALM" in r.output and "KZ-33" not in r.output
