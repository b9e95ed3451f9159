import subprocess
import sys

import pytest

from aimaq import cli

HEAVY = ("pandas", "numpy", "scipy", "plotly", "geopandas", "sqlalchemy", "statsmodels")


def test_import_cli_is_light():
    code = f"import sys, aimaq.cli; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("argv", [["--help"], ["regions"], ["indicators"]])
def test_light_commands_import_no_scientific_stack(argv, tmp_path):
    code = (
        "import sys; sys.argv = ['aimaq', *sys.argv[1:]]\n"
        "from aimaq import cli\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        env={
            "AIMAQ_DB": str(tmp_path / "s.sqlite"),
            "PATH": "/usr/bin",
            "PYTHONPATH": ":".join(sys.path),
        },
    )
    assert "HEAVY:\n" in out.stderr, out.stderr


def test_every_present_command_module_is_registered():
    import importlib

    import typer

    names = {c.name or c.callback.__name__ for c in cli.app.registered_commands}
    names |= {g.name for g in cli.app.registered_groups}
    for mod in cli.COMMANDS:
        try:
            m = importlib.import_module(f"aimaq.commands.{mod}")
        except ModuleNotFoundError:
            continue
        own = typer.Typer()
        m.register(own)
        added = {c.name or c.callback.__name__ for c in own.registered_commands}
        added |= {g.name for g in own.registered_groups}
        assert added and added <= names, (mod, added - names)
    assert {"specialisation", "typology", "similar", "monotowns", "report", "site"} <= names


def test_unknown_indicator_is_one_clear_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("AIMAQ_DB", str(tmp_path / "cli.sqlite"))
    monkeypatch.setattr(sys, "argv", ["aimaq", "show", "grp_per_capit"])
    with pytest.raises(SystemExit) as e:
        cli.main()
    assert e.value.code == 1
    err = capsys.readouterr().err
    assert "unknown indicator 'grp_per_capit'" in err and "Traceback" not in err
