"""Food supply chains: distribution-centre siting (frozen, chilled, dry), OR-Library readers.

Settlement data used by the default scenario: GeoNames (https://www.geonames.org, CC BY 4.0).
"""

from aimaq.supply.locate import (
    FacilityLocationResult,
    InfeasibleScenarioError,
    MaximalCoverageResult,
    capacitated_facility_location,
    local_search,
    maximal_coverage,
    p_median,
    uncapacitated_facility_location,
)
from aimaq.supply.siting import SitingProblem, SitingResult, compare_scenarios, solve_siting

__all__ = [
    "FacilityLocationResult",
    "InfeasibleScenarioError",
    "MaximalCoverageResult",
    "SitingProblem",
    "SitingResult",
    "capacitated_facility_location",
    "compare_scenarios",
    "local_search",
    "maximal_coverage",
    "p_median",
    "solve_siting",
    "uncapacitated_facility_location",
]
