"""Shared fixtures: a fresh store with the bundled data and one English report built from it."""

import sys
from pathlib import Path

import pytest

# the section tests import ``report_helpers`` from here (tests run with --import-mode=importlib)
sys.path.insert(0, str(Path(__file__).parent))

from aimaq import open_store
from aimaq.report import build_report


@pytest.fixture(scope="session")
def bundled_store(tmp_path_factory):
    st = open_store(tmp_path_factory.mktemp("store") / "aimaq.sqlite")
    yield st
    st.dispose()


@pytest.fixture(scope="session")
def report_en(bundled_store, tmp_path_factory):
    return build_report(bundled_store, lang="en", out_dir=tmp_path_factory.mktemp("report_en"))
