"""The Examples sections of the supply modules run as doctests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "aimaq.supply.locate.base",
    "aimaq.supply.locate.coverage",
    "aimaq.supply.locate.facility_location",
    "aimaq.supply.locate.heuristics",
    "aimaq.supply.locate.lagrangian",
    "aimaq.supply.locate.p_median",
    "aimaq.supply.scenario",
    "aimaq.supply.siting",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name):
    mod = importlib.import_module(name)
    res = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert res.failed == 0
    if name != "aimaq.supply.siting":
        assert res.attempted > 0, f"{name} has no Examples"
