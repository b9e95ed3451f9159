"""Analytics of regional development: one module per statistic family.

Every public function takes pandas objects indexed by region code (never the store) and returns a
result dataclass whose fields use the literature's symbols. Missing data are never dropped
silently: every result carries ``excluded`` (region code -> reason).

Modules are not imported eagerly (esda, statsmodels and libpysal are heavy); import the family you
need, e.g. ``from aimaq.analysis.disparity import dispersion``.

- :mod:`aimaq.analysis.disparity` -- position, dispersion (CV, Williamson, Gini, Theil T/L with
  between/within decomposition, Atkinson, bootstrap CIs), Hoover index
- :mod:`aimaq.analysis.convergence` -- sigma and beta convergence
- :mod:`aimaq.analysis.spatial` -- global Moran's I and LISA
- :mod:`aimaq.analysis.demography` -- people and territory
- :mod:`aimaq.analysis.labour` -- productivity, income versus output, change of shares
- :mod:`aimaq.analysis.sets` -- the ratio of two named sets of regions' aggregates
"""

__all__ = [
    "convergence",
    "demography",
    "disparity",
    "labour",
    "monotowns",
    "sets",
    "spatial",
    "specialisation",
    "typology",
]
