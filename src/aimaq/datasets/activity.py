"""Activity matrices: region × activity (GVA by OKED section, employment by broad sector)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from aimaq.geo import registry

__all__ = [
    "ActivityMatrix",
    "OKED_SECTIONS",
    "SECTORS",
    "activity_matrix",
]

OKED_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRS")
SECTORS = {
    "agriculture": "employed_agriculture_persons",
    "industry_construction": "employed_industry_construction_persons",
    "services": "employed_services_persons",
}


@dataclass(frozen=True)
class ActivityMatrix:
    """Region × activity matrix of one year on one division."""

    X: pd.DataFrame
    year: int
    borders: int
    measure: str
    unit: str
    missing: dict[str, str] = field(default_factory=dict)


def activity_matrix(
    store, year: int, borders: int | None = None, measure: str = "gva"
) -> ActivityMatrix:
    """Gross value added by OKED section (``gva``) or employment by broad sector (``employment``).

    ``store`` is a :class:`aimaq.store.Store` or a :class:`aimaq.datasets.Datasets` (which
    answers from its memo and records the sources used). Regions without a figure for some
    activity are left out and listed in ``missing``.
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
    return ActivityMatrix(
        X=X, year=year, borders=borders, measure=measure, unit=unit, missing=missing
    )
