"""Analysis inputs assembled from the store (the I/O edge between store and analysis).

Each function reads figures with :class:`aimaq.store.Store` and returns the plain pandas
objects the :mod:`aimaq.analysis` functions take, on one division, with what is missing said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from aimaq.geo import registry
from aimaq.store import Store

__all__ = [
    "ActivityMatrix",
    "OKED_SECTIONS",
    "SECTORS",
    "activity_matrix",
    "latest_complete_year",
    "typology_table",
]

OKED_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRS")
SECTORS = {
    "agriculture": "employed_agriculture_persons",
    "industry_construction": "employed_industry_construction_persons",
    "services": "employed_services_persons",
}


@dataclass
class ActivityMatrix:
    """Region × activity matrix of one year on one division."""

    X: pd.DataFrame
    year: int
    borders: int
    measure: str
    unit: str
    missing: dict[str, str] = field(default_factory=dict)


def latest_complete_year(store: Store, indicator: str) -> int | None:
    """Latest year in which every region in force has a figure of ``indicator``."""
    df = store.observations(indicator)
    for y in sorted(df["year"].unique(), reverse=True):
        have = set(df.loc[df["year"] == y, "region"])
        if set(registry.region_codes(int(y))) <= have:
            return int(y)
    return None


def activity_matrix(
    store: Store, year: int, borders: int | None = None, measure: str = "gva"
) -> ActivityMatrix:
    """Gross value added by OKED section (``gva``) or employment by broad sector (``employment``).

    Regions without a figure for some activity are left out and listed in ``missing``.
    """
    borders = year if borders is None else borders
    if measure == "gva":
        cols = {s: f"gva_{s}_mln_kzt" for s in OKED_SECTIONS}
        unit = "million KZT"
    elif measure == "employment":
        cols = SECTORS
        unit = "persons"
    else:
        raise ValueError(f"measure must be 'gva' or 'employment', not {measure!r}")
    series = {}
    for act, ind in cols.items():
        df = store.observations(ind, years=[year], borders=borders)
        series[act] = df[df["region"] != registry.NATIONAL].set_index("region")["value"]
    X = pd.DataFrame(series)
    want = registry.region_codes(borders)
    missing = {r: "no figures" for r in want if r not in X.index}
    incomplete = X.index[X.isna().any(axis=1)]
    missing.update({r: "some activities missing" for r in incomplete})
    X = X.drop(index=incomplete).reindex([r for r in want if r in X.index])
    return ActivityMatrix(X=X, year=year, borders=borders, measure=measure, unit=unit, missing=missing)


def typology_table(store: Store, year: int, spec=None) -> tuple[pd.DataFrame, dict[str, int]]:
    """Region × indicator table of the typology spec for ``year`` (each indicator's figure of
    ``year``, or its latest earlier year when ``year`` is not published; the years used are
    returned so that reports can say so)."""
    from aimaq.analysis.typology import required_indicators, typology_indicators

    values, used = {}, {}
    for ind in required_indicators(spec):
        df = store.observations(ind, borders=year)
        df = df[(df["region"] != registry.NATIONAL) & (df["year"] <= year)]
        if df.empty:
            values[ind] = pd.Series(dtype=float)
            continue
        y = int(df["year"].max())
        used[ind] = y
        values[ind] = df[df["year"] == y].set_index("region")["value"]
    return typology_indicators(values, spec), used
