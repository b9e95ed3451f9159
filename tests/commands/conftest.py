import pytest
from typer.testing import CliRunner


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def db(tmp_path, monkeypatch):
    p = tmp_path / "cli.sqlite"
    monkeypatch.setenv("AIMAQ_DB", str(p))
    monkeypatch.setenv("COLUMNS", "200")
    return p
