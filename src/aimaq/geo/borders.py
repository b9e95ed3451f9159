"""Boundary history: which division a figure was published on, and harmonisation.

Kazakhstan's first-level division changed twice in the period the bureau's series cover:

* 2018-06-19: Shymkent became a city of republican significance; the rest of South Kazakhstan
  oblast (``KZ-YUZ``) became Turkistan oblast (``KZ-61``).
* 2022-06-08: Abai (``KZ-10``), Zhetysu (``KZ-33``) and Ulytau (``KZ-62``) oblasts were split
  off East Kazakhstan (``KZ-VOS`` → ``KZ-63``), Almaty (``KZ-ALM`` → ``KZ-19``) and Karaganda
  (``KZ-KAR`` → ``KZ-35``) oblasts.

Harmonisation expresses a series on the division of a chosen year. Figures of successor units
are aggregated back to their predecessor: additive indicators are summed; ratios are recomputed
from their components by the caller (the store); a non-additive indicator without components is
refused. Successors cannot be recovered from a predecessor's figure: those stay gaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from aimaq.geo import registry

__all__ = [
    "HarmonisedSeries",
    "NonAdditiveError",
    "assign_borders",
    "harmonise",
    "splits",
]

_NEW_UNITS_2022 = {"KZ-10", "KZ-33", "KZ-62"}
_FULL_TABLE = 14  # a table with at least this many regions is a complete regional breakdown


class NonAdditiveError(ValueError):
    """Aggregation asked of an indicator that cannot be summed and has no components."""


def splits() -> dict[str, tuple[str, ...]]:
    """Historical unit → the units it was split into."""
    return {
        c: registry.get(c).successors for c in registry.all_codes() if registry.get(c).successors
    }


def _parent_of() -> dict[str, str]:
    return {s: p for p, succ in splits().items() for s in succ}


def assign_borders(
    frame: pd.DataFrame, group_by: tuple[str, ...] = ("source", "indicator", "year")
):
    """Rewrite current codes to historical ones where a figure is on the old division.

    Readers resolve names to today's codes; a figure for "Almaty oblast" in 2020 is on the
    pre-2022 borders and belongs to ``KZ-ALM``. Within each group of one table (same source,
    indicator, year):

    * before 2018, Turkistan (``KZ-61``) is South Kazakhstan oblast (``KZ-YUZ``);
    * if any of Abai, Zhetysu, Ulytau appears, the table is on the 2022 division;
    * otherwise a complete table (≥ 14 regions) of a year up to 2022 is on the old division, and
      so is a partial one of a year before 2022; a partial 2022 table is taken as new borders.

    Parameters
    ----------
    frame : DataFrame
        Needs columns ``region``, ``year`` and those of ``group_by`` that exist.

    Returns
    -------
    DataFrame
        A copy with ``region`` rewritten and a boolean column ``old_borders``.
    """
    out = frame.copy()
    keys = [c for c in group_by if c in out.columns]
    gid = out.groupby(keys, sort=False).ngroup() if keys else pd.Series(0, index=out.index)
    region, year = out["region"], out["year"].astype(int)
    has_new = region.isin(_NEW_UNITS_2022).groupby(gid).transform("any")
    n = region.where(region != registry.NATIONAL).groupby(gid).transform("nunique")
    south = (year < 2018) & (region == "KZ-61")
    old_2022 = {"KZ-19": "KZ-ALM", "KZ-35": "KZ-KAR", "KZ-63": "KZ-VOS"}
    old = region.isin(old_2022) & ~has_new & (year < 2023) & ((year < 2022) | (n >= _FULL_TABLE))
    out.loc[south, "region"] = "KZ-YUZ"
    out.loc[old, "region"] = region[old].map(old_2022)
    out["old_borders"] = south | old
    return out


@dataclass
class HarmonisedSeries:
    """A series expressed on one division.

    Attributes
    ----------
    values : DataFrame
        Columns ``region``, ``year``, ``value``, ``aggregated_from`` (space-separated codes
        summed into the value, empty when published as is).
    borders : int
        The year whose division the series is on.
    aggregated : list of tuple
        ``(region, year, components)`` for every aggregated value.
    gaps : dict
        ``(region, year)`` → reason, for target units without a value.
    """

    values: pd.DataFrame
    borders: int
    aggregated: list[tuple[str, int, tuple[str, ...]]] = field(default_factory=list)
    gaps: dict[tuple[str, int], str] = field(default_factory=dict)


def harmonise(
    data: pd.DataFrame, borders: int, additive: bool, indicator: str = "the indicator"
) -> HarmonisedSeries:
    """Express ``data`` (columns region, year, value) on the division of year ``borders``.

    Parameters
    ----------
    data : DataFrame
        Long series; the national row (``KZ``) passes through unchanged.
    borders : int
        Target division.
    additive : bool
        Whether successor values may be summed into their predecessor.
    indicator : str
        Name used in error messages.

    Raises
    ------
    NonAdditiveError
        A predecessor's value would need aggregating a non-additive indicator.
    """
    targets = registry.region_codes(borders, include_national=True)
    have = {(r, int(y)): v for r, y, v in data[["region", "year", "value"]].itertuples(index=False)}
    years = sorted({int(y) for y in data["year"]})
    rows, aggregated, gaps = [], [], {}
    split = splits()
    parent = _parent_of()

    def leaves(code: str, year: int) -> tuple[str, ...] | None:
        """Units, published for ``year``, that together make up ``code``."""
        if (code, year) in have:
            return (code,)
        if code not in split:
            return None
        parts: list[str] = []
        for s in split[code]:
            sub = leaves(s, year)
            if sub is None:
                return None
            parts.extend(sub)
        return tuple(parts)

    for y in years:
        for t in targets:
            parts = leaves(t, y)
            if parts is None:
                if t == registry.NATIONAL:
                    continue
                p = parent.get(t)
                if p and (p, y) in have:
                    gaps[(t, y)] = (
                        f"published only for {p} ({registry.name(p)}); a predecessor's figure "
                        "cannot be split"
                    )
                else:
                    gaps[(t, y)] = "not published"
                continue
            if parts == (t,):
                rows.append((t, y, have[(t, y)], ""))
                continue
            if not additive:
                raise NonAdditiveError(
                    f"{indicator} is not additive and has no components: cannot aggregate "
                    f"{', '.join(parts)} into {t} ({registry.name(t)}) for {y}; "
                    "choose the borders the data was published on"
                )
            rows.append((t, y, sum(have[(p, y)] for p in parts), " ".join(parts)))
            aggregated.append((t, y, parts))
    values = pd.DataFrame(rows, columns=["region", "year", "value", "aggregated_from"])
    return HarmonisedSeries(values=values, borders=borders, aggregated=aggregated, gaps=gaps)
