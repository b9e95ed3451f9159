"""Shared fixtures for the analysis tests: libpysal's bundled example data (offline)."""

import libpysal
import pandas as pd
import pytest

DECADES = [f"pcgdp{d}" for d in range(1940, 2010, 10)]


@pytest.fixture(scope="session")
def mexico() -> pd.DataFrame:
    """Per-capita GDP of the 32 Mexican states, 1940-2000 (Rey and Sastre-Gutierrez 2010)."""
    return pd.read_csv(libpysal.examples.get_path("mexico.csv")).set_index("State")


@pytest.fixture(scope="session")
def stl():
    """St Louis homicide rates (78 counties) and the bundled queen W with ids '1'..'78'."""
    df = pd.read_csv(libpysal.examples.get_path("stl_hom.csv"))
    df.index = [str(i) for i in range(1, len(df) + 1)]
    w = libpysal.io.open(libpysal.examples.get_path("stl.gal")).read()
    return df, w
