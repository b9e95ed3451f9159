"""The Examples sections of aimaq.analysis (and the small data helpers) run as doctests."""

import doctest
import importlib
import pkgutil

import pytest

import aimaq.analysis

MODULES = [f"aimaq.analysis.{m.name}" for m in pkgutil.iter_modules(aimaq.analysis.__path__)]
MODULES += ["aimaq.catalogue.breaks", "aimaq.catalogue.sources", "aimaq.geo.groupings"]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name):
    mod = importlib.import_module(name)
    res = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert res.failed == 0, f"{name}: {res.failed} of {res.attempted} examples failed"


def test_the_new_functions_have_examples():
    finder = doctest.DocTestFinder()
    for name in ("aimaq.analysis.sets", "aimaq.analysis.spatial", "aimaq.catalogue.breaks"):
        tests = [t for t in finder.find(importlib.import_module(name)) if t.examples]
        assert tests, name
