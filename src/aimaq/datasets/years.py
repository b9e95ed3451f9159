"""The one rule for the default reference year, used by the report and every command."""

from __future__ import annotations

import pandas as pd

from aimaq.geo import registry

__all__ = ["CORE_INDICATOR", "NoFigures", "core_years", "default_year"]

#: The indicator whose coverage decides the reference year: GRP per capita.
CORE_INDICATOR = "grp_per_capita_thousand_kzt"


class NoFigures(LookupError):
    """The store holds no figures to choose a year from."""


def _years_of(store, indicator: str, coverage: pd.DataFrame | None) -> pd.DataFrame:
    cov = store.coverage() if coverage is None else coverage
    g = cov[cov["indicator"] == indicator]
    if g.empty:  # a derived indicator that is not stored: computed from its components
        g = store.observations(indicator)[["region", "year"]]
    return g


def core_years(store, indicator: str = CORE_INDICATOR, coverage=None) -> list[int]:
    """Years in which ``indicator`` has a figure for every current region (sorted)."""
    g = _years_of(store, indicator, coverage)
    cur = set(registry.region_codes())
    return sorted(int(y) for y, s in g.groupby("year")["region"] if cur <= set(s))


def default_year(
    store, indicator: str = CORE_INDICATOR, coverage: pd.DataFrame | None = None
) -> int:
    """The default reference year: the latest year in which ``indicator`` (GRP per capita
    unless given) has a figure for every current region; else the latest year with any figure
    of it; else the latest year in the store.

    ``coverage`` is ``store.coverage()`` when the caller already has it. Raises
    :class:`NoFigures` on an empty store.
    """
    cov = store.coverage() if coverage is None else coverage
    full = core_years(store, indicator, cov)
    if full:
        return full[-1]
    g = _years_of(store, indicator, cov)
    if len(g):
        return int(g["year"].max())
    if len(cov):
        return int(cov["year"].max())
    raise NoFigures("the store holds no figures")
