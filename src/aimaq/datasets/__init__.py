"""Analysis inputs from the store: the one layer between :mod:`aimaq.store` and
:mod:`aimaq.analysis`.

Everything that turns stored figures (and the bundled registries) into the plain pandas
objects the analysis functions take lives here: cross-sections and panels on one division
(:class:`Datasets`, which also records the sources and gaps of what it hands out), activity
matrices, typology weights and values, the single-industry town registry located in the
settlements table, and the one rule for the default reference year. The division is put on a
frame by :meth:`aimaq.store.Store.on_division`; nothing here re-harmonises. This package
imports neither :mod:`aimaq.analysis` nor :mod:`aimaq.report`.
"""

from aimaq.datasets.activity import OKED_SECTIONS, SECTORS, ActivityMatrix, activity_matrix
from aimaq.datasets.districts import DistrictTable, district_demand, district_table
from aimaq.datasets.geography import (
    area_source,
    areas,
    contiguity,
    group_labels,
    macro_regions,
    region_sets,
)
from aimaq.datasets.monotowns import TownMatch, load_monotowns, match_settlements, settlements
from aimaq.datasets.reader import Datasets
from aimaq.datasets.typology import read_typology_weights, typology_values
from aimaq.datasets.years import (
    CORE_INDICATOR,
    NoCoreData,
    NoFigures,
    check_year,
    core_years,
    default_year,
)

__all__ = [
    "CORE_INDICATOR",
    "OKED_SECTIONS",
    "SECTORS",
    "ActivityMatrix",
    "Datasets",
    "DistrictTable",
    "NoCoreData",
    "NoFigures",
    "TownMatch",
    "activity_matrix",
    "area_source",
    "check_year",
    "areas",
    "contiguity",
    "core_years",
    "default_year",
    "district_demand",
    "district_table",
    "group_labels",
    "load_monotowns",
    "macro_regions",
    "match_settlements",
    "read_typology_weights",
    "region_sets",
    "settlements",
    "typology_values",
]
