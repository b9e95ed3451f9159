"""``aimaq report --grouping``: the option resolves a bundled name or a file and is passed on."""

import pytest
from typer.testing import CliRunner

from aimaq.cli import app


class _Stop(Exception):
    pass


@pytest.fixture
def captured(monkeypatch, tmp_path):
    seen = {}

    def fake_build_report(store, **kw):
        seen.update(kw)
        raise _Stop

    import aimaq.report.build

    monkeypatch.setattr(aimaq.report.build, "build_report", fake_build_report)
    monkeypatch.setenv("AIMAQ_DB", str(tmp_path / "s.sqlite"))
    return seen


def test_grouping_name_is_passed_as_its_file(captured, tmp_path):
    res = CliRunner().invoke(app, ["report", "--grouping", "econgeo6", "--out", str(tmp_path)])
    assert isinstance(res.exception, _Stop)
    assert captured["groups"].name == "macro_regions_econgeo.toml"


def test_unknown_grouping_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(app, ["report", "--grouping", "nope", "--out", str(tmp_path)])
    assert res.exit_code == 2
    assert "econgeo6" in res.output


def test_grouping_and_groups_together_rejected(tmp_path):
    res = CliRunner().invoke(
        app, ["report", "--grouping", "macro5", "--groups", "x.toml", "--out", str(tmp_path)]
    )
    assert res.exit_code == 2
