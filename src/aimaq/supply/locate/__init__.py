"""Facility location models, in the shape of PySAL spopt's ``locate``.

One module per family: :mod:`~aimaq.supply.locate.p_median`,
:mod:`~aimaq.supply.locate.facility_location` (UFLP, CFLP), :mod:`~aimaq.supply.locate.coverage`
(maximal coverage), plus the shared HiGHS model builder (:mod:`~aimaq.supply.locate.base`),
primal heuristics (:mod:`~aimaq.supply.locate.heuristics`) and Lagrangian bounds
(:mod:`~aimaq.supply.locate.lagrangian`). Functions take cost matrices and return frozen result
dataclasses.
"""

from aimaq.supply.locate.base import FacilityLocationResult, InfeasibleScenarioError
from aimaq.supply.locate.coverage import MaximalCoverageResult, maximal_coverage
from aimaq.supply.locate.facility_location import (
    capacitated_facility_location,
    uncapacitated_facility_location,
)
from aimaq.supply.locate.heuristics import local_search
from aimaq.supply.locate.p_median import p_median

__all__ = [
    "FacilityLocationResult",
    "InfeasibleScenarioError",
    "MaximalCoverageResult",
    "capacitated_facility_location",
    "local_search",
    "maximal_coverage",
    "p_median",
    "uncapacitated_facility_location",
]
