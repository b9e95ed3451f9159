"""The Examples sections of the district modules run as doctests."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "name", ["aimaq.geo.districts", "aimaq.geo.district_polygons", "aimaq.geo.names"]
)
def test_examples(name):
    res = doctest.testmod(importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert res.failed == 0 and res.attempted > 0
