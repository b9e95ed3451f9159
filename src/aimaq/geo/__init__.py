"""Region backbone: registry, names, boundary history, polygons, groupings, settlements."""

from aimaq.geo.names import AmbiguousRegionError, UnknownRegionError, resolve, resolve_many
from aimaq.geo.registry import NATIONAL, Region, get, region_codes, regions

__all__ = [
    "NATIONAL",
    "AmbiguousRegionError",
    "Region",
    "UnknownRegionError",
    "get",
    "region_codes",
    "regions",
    "resolve",
    "resolve_many",
]
