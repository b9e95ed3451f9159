"""The one rule for the default reference year, used by the report and every command."""

from __future__ import annotations

import pandas as pd

from aimaq.geo import registry

__all__ = ["CORE_INDICATOR", "NoCoreData", "NoFigures", "check_year", "core_years", "default_year"]

#: The indicator whose coverage decides the reference year: GRP per capita.
CORE_INDICATOR = "grp_per_capita_thousand_kzt"


class NoFigures(LookupError):
    """The store holds no figures to choose a year from."""


class NoCoreData(LookupError):
    """A year asked for lacks the core indicator for some region; ``years`` are those that have it."""

    def __init__(self, year: int, years: list[int], indicator: str = CORE_INDICATOR):
        self.year, self.years, self.indicator = year, years, indicator
        have = ", ".join(map(str, years)) or "none"
        super().__init__(f"no {indicator} for every region in {year}; years that have it: {have}")


def _years_of(store, indicator: str, coverage: pd.DataFrame | None) -> pd.DataFrame:
    cov = store.coverage() if coverage is None else coverage
    g = cov[cov["indicator"] == indicator]
    if g.empty:  # a derived indicator that is not stored: computed from its components
        g = store.observations(indicator)[["region", "year"]]
    return g


def core_years(store, indicator: str = CORE_INDICATOR, coverage=None) -> list[int]:
    """Years in which ``indicator`` has a figure for every region in force that year (sorted)."""
    g = _years_of(store, indicator, coverage)
    return sorted(
        int(y)
        for y, s in g.groupby("year")["region"]
        if set(registry.region_codes(int(y))) <= set(s)
    )


def check_year(store, year: int, indicator: str = CORE_INDICATOR, coverage=None) -> int:
    """``year`` if it is one of :func:`core_years`; else raise :class:`NoCoreData` naming them."""
    years = core_years(store, indicator, coverage)
    if int(year) not in years:
        raise NoCoreData(int(year), years, indicator)
    return int(year)


def default_year(
    store, indicator: str = CORE_INDICATOR, coverage: pd.DataFrame | None = None
) -> int:
    """The default reference year: the latest year in which ``indicator`` (GRP per capita
    unless given) has a figure for every region in force (:func:`core_years`); else the latest year with any figure
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
