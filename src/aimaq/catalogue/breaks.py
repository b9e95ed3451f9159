"""Breaks in series: years from which an indicator is not comparable with its earlier figures.

The breaks are data (``breaks.toml`` beside the catalogue): the indicators, the first year on
the new basis, the kind, the reason in three languages and the source. A window ``Y0..Y1``
spans a break whose first year is ``F`` when ``Y0 < F <= Y1``. An indicator computed from a
broken one (its catalogue numerator or denominator, e.g. GRP per capita from population)
breaks with it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from aimaq import catalogue

__all__ = ["Break", "breaks", "breaks_in", "spans_break"]


@dataclass(frozen=True)
class Break:
    """One break in one or more series.

    Attributes
    ----------
    indicators : tuple of str
        Catalogue ids whose own figures break.
    first_year : int
        First year on the new basis.
    kind : str
        ``"census"``, ``"reform"``, ``"method"`` or ``"division"``.
    reason : dict
        Language code (``en``, ``ru``, ``kk``) → text.
    source : str
        Citation of the fact.
    """

    indicators: tuple[str, ...]
    first_year: int
    kind: str
    reason: dict
    source: str

    def text(self, lang: str = "en") -> str:
        """The reason in ``lang``."""
        return self.reason[lang]


@cache
def breaks() -> tuple[Break, ...]:
    """Every recorded break, in file order."""
    with resources.files("aimaq.catalogue").joinpath("breaks.toml").open("rb") as fh:
        raw = tomllib.load(fh).get("break", [])
    out = []
    for i, d in enumerate(raw, start=1):
        missing = {"indicators", "first_year", "kind", "reason", "source"} - set(d)
        if missing:
            raise ValueError(f"breaks.toml, break {i}: missing {', '.join(sorted(missing))}")
        ids = tuple(catalogue.get(x).id for x in d["indicators"])
        out.append(Break(ids, int(d["first_year"]), d["kind"], dict(d["reason"]), d["source"]))
    return tuple(out)


def _inputs(indicator: str) -> set[str]:
    """``indicator`` and every indicator it is computed from, recursively."""
    seen: set[str] = set()
    todo = [catalogue.get(indicator).id]
    while todo:
        i = todo.pop()
        if i not in seen:
            seen.add(i)
            todo.extend(catalogue.get(i).components)
    return seen


def breaks_in(indicator: str, start: int, end: int) -> list[Break]:
    """The breaks of ``indicator`` (or of its inputs) inside the window ``start..end``.

    Parameters
    ----------
    indicator : str
        Catalogue id or alias.
    start, end : int
        First and last year of the window (inclusive).

    Returns
    -------
    list of Break
        Those with ``start < first_year <= end``, by first year.

    Examples
    --------
    >>> [b.first_year for b in breaks_in("population_total", 2018, 2023)]
    [2022]
    >>> breaks_in("population_total", 2022, 2023)
    []
    """
    if start > end:
        raise ValueError(f"window {start}..{end}: the first year is after the last")
    ids = _inputs(indicator)
    hit = [b for b in breaks() if ids & set(b.indicators) and start < b.first_year <= end]
    return sorted(hit, key=lambda b: b.first_year)


def spans_break(indicator: str, start: int, end: int) -> bool:
    """Whether the window ``start..end`` of ``indicator`` spans a recorded break.

    Examples
    --------
    >>> spans_break("grp_per_capita_thousand_kzt", 2018, 2022)
    True
    >>> spans_break("population_total", 2000, 2021)
    False
    """
    return bool(breaks_in(indicator, start, end))
