"""Geographic inputs of the analyses: areas, contiguity, groupings and named sets of regions.

Thin readers over :mod:`aimaq.geo` (the polygons of geoBoundaries/geokz and the grouping TOML
files), so that the report and the commands take every analysis input from this package.
"""

from __future__ import annotations

import os

import pandas as pd

__all__ = [
    "area_source",
    "areas",
    "contiguity",
    "group_labels",
    "macro_regions",
    "region_sets",
]


def areas(borders: int | None = None) -> pd.Series:
    """Area of each region in force in ``borders``, km² (equal-area projection of the polygons)."""
    from aimaq.geo import polygons

    return polygons.areas(borders)


def area_source() -> str:
    """Citation of the boundary polygons behind :func:`areas` and :func:`contiguity`."""
    from aimaq.geo.polygons import SOURCE

    return SOURCE


def contiguity(codes: list[str], borders: int | None = None):
    """Queen contiguity weights (libpysal ``W``) of ``codes`` on the division of ``borders``."""
    from aimaq.geo.polygons import queen_weights

    return queen_weights(codes, borders=borders)


def macro_regions(path: str | os.PathLike | None = None, borders: int | None = None) -> pd.Series:
    """Region -> macro-region key of the grouping file ``path`` (default: the bundled one)."""
    from aimaq.geo import groupings

    return groupings.macro_regions(path, borders=borders)


def group_labels(lang: str = "en", path: str | os.PathLike | None = None) -> dict[str, str]:
    """Macro-region key -> its name in ``lang``."""
    from aimaq.geo import groupings

    return groupings.labels(lang, path)


def region_sets(path: str | os.PathLike | None = None) -> dict:
    """Named sets of regions (``data/region_sets.toml`` unless ``path``): key -> ``RegionSet``."""
    from aimaq.geo import groupings

    return groupings.region_sets(path)
