"""The bundled price files are what tools/build_prices.py makes of ../shared (nothing edited)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from aimaq.supply.prices.store import bundled_price_paths

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.shared
def test_bundled_price_files_rebuild_identically(shared_dir, tmp_path):
    spec = importlib.util.spec_from_file_location(
        "build_prices", REPO / "tools" / "build_prices.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    built = {p.name: p for p in mod.build(shared_dir, tmp_path)}
    shipped = {p.name: p for p in bundled_price_paths()}
    shipped["markup_rule.csv"] = shipped["wfp_retail_prices.csv"].with_name("markup_rule.csv")
    assert set(built) == set(shipped)
    for name, p in built.items():
        assert p.read_bytes() == shipped[name].read_bytes(), name
