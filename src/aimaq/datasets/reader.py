"""The store read once per build: memoised queries on a division, with what was used recorded.

:class:`Datasets` answers every read of the report (and of any caller wanting provenance) from
one harmonised query per indicator and division, and records the sources of each figure used
and the gaps (region missing, and why) for the data appendix.
"""

from __future__ import annotations

import re

import pandas as pd

from aimaq.geo import registry

__all__ = ["Datasets"]

_URL_SCHEME = re.compile(r"https?://")


class Datasets:
    """Reads ``store`` once per (indicator, borders); records sources and gaps of what is used.

    Attributes
    ----------
    used : dict
        ``(indicator, year) -> {citation}`` of every figure used (web addresses without their
        scheme: a report cites them, it fetches nothing).
    gaps : dict
        ``(indicator, year, borders) -> {region: reason}`` of the figures wanted but missing;
        ``not_in_store`` (in the caller's language) where the store says nothing more.
    """

    def __init__(self, store, not_in_store: str = "not in the store"):
        self.store = store
        self.not_in_store = not_in_store  # the reason of a gap the store says nothing about
        self._q: dict = {}
        self.used: dict[tuple[str, int], set[str]] = {}
        self.gaps: dict[tuple[str, int, int], dict[str, str]] = {}

    # -- queries --------------------------------------------------------------------------
    def coverage(self) -> pd.DataFrame:
        """``store.coverage()``, read once."""
        if "coverage" not in self._q:
            self._q["coverage"] = self.store.coverage()
        return self._q["coverage"]

    def query(self, ind: str, borders: int | None):
        """The store's :class:`~aimaq.store.QueryResult` of ``ind`` on ``borders``, read once.

        A non-additive indicator without components keeps only the years published on the
        division of ``borders``; the other years are gaps (they cannot be aggregated).
        """
        key = (ind, borders)
        if key not in self._q:
            from aimaq.geo.borders import NonAdditiveError

            try:
                self._q[key] = self.store.query(ind, borders=borders)
            except NonAdditiveError:
                self._q[key] = self._same_division(ind, borders)
        return self._q[key]

    def _same_division(self, ind: str, borders: int):
        q = self.store.query(ind)
        f = q.frame
        target = set(registry.region_codes(borders))
        years = sorted(int(y) for y in f["year"].unique())
        keep = [y for y in years if set(registry.region_codes(y)) == target]
        for y in years:
            if y not in keep:
                for r in target:
                    q.gaps[(r, y)] = (
                        f"published on the division of {y}; not additive, cannot be expressed "
                        f"on the borders of {borders}"
                    )
        q.frame = f[f["year"].isin(keep)].reset_index(drop=True)
        return q

    def frame(self, ind: str, borders: int | None) -> pd.DataFrame:
        """Long frame of ``ind`` on ``borders`` (``None``: as published), every year."""
        return self.query(ind, borders).frame

    def years(self, ind: str, borders: int | None) -> list[int]:
        return sorted(int(y) for y in self.frame(ind, borders)["year"].unique())

    def has_query(self, ind: str, borders: int | None) -> bool:
        """Whether ``ind`` on ``borders`` has been read in full already."""
        return (ind, borders) in self._q

    # -- provenance -----------------------------------------------------------------------
    def record(self, ind: str, year: int, borders: int, rows: pd.DataFrame | None = None) -> None:
        """Record the sources of ``rows`` (default: ``ind`` in ``year`` on ``borders``) and the
        regions in force in ``borders`` (and the republic) that they lack."""
        if rows is None:
            f = self.frame(ind, borders)
            rows = f[f["year"] == year]
        for s in rows["source"].dropna().unique():
            self.used.setdefault((ind, int(year)), set()).add(_URL_SCHEME.sub("", str(s)))
        have = set(rows["region"])
        q = self.query(ind, borders)
        miss = {}
        for r in [registry.NATIONAL, *registry.region_codes(borders)]:
            if r not in have:
                miss[r] = q.gaps.get((r, year)) or self.not_in_store
        self.gaps.setdefault((ind, int(year), borders), {}).update(miss)

    def record_derived(
        self, ind: str, year: int, borders: int, sources: set[str], missing: dict[str, str]
    ) -> None:
        """Record a figure computed by the caller from others: its sources and its gaps."""
        self.used.setdefault((ind, int(year)), set()).update(sources)
        self.gaps.setdefault((ind, int(year), borders), {}).update(missing)

    def sources(self, ind: str, year: int) -> set[str]:
        """Citations recorded for ``ind`` in ``year``."""
        return self.used.get((ind, int(year)), set())

    # -- analysis inputs ------------------------------------------------------------------
    def cross(self, ind: str, year: int, borders: int) -> tuple[pd.Series, float | None]:
        """Regional values of the units in force in ``borders`` and the national value."""
        f = self.frame(ind, borders)
        f = f[f["year"] == year]
        self.record(ind, year, borders, f)
        want = registry.region_codes(borders)
        nat = f.loc[f["region"] == registry.NATIONAL, "value"]
        reg = f[f["region"].isin(want)].set_index("region")["value"].astype(float)
        return reg, (float(nat.iloc[0]) if len(nat) else None)

    def panel(self, ind: str, years: list[int], borders: int) -> tuple[pd.DataFrame, pd.Series]:
        """Region × year panel of ``years`` on ``borders`` (every unit in force, gaps as NaN)
        and the national series."""
        f = self.frame(ind, borders)
        f = f[f["year"].isin(years)]
        want = registry.region_codes(borders)
        for y in years:
            self.record(ind, y, borders, f[f["year"] == y])
        reg = f[f["region"].isin(want)].pivot(index="region", columns="year", values="value")
        nat = f[f["region"] == registry.NATIONAL].set_index("year")["value"]
        return reg.reindex(want), nat

    def years_on(self, ind: str, years: list[int], borders: int) -> pd.DataFrame:
        """Figures of ``years`` only, on the division of ``borders``; sources and gaps recorded.

        Harmonises just those years of the published series (the full :meth:`query`
        harmonises every year): the 19 GVA sections on two divisions would otherwise cost more
        than the rest of the specialisation section.
        """
        key = (ind, borders, tuple(years))
        if key in self._q:
            return self._q[key]
        raw = self.frame(ind, None)
        raw = raw[raw["year"].isin(years)]
        want = registry.region_codes(borders)
        own = set(want) | {registry.NATIONAL}
        if set(raw["region"]) <= own:
            # published on this division already: harmonising would return it unchanged
            f = raw.reset_index(drop=True)
            gaps: dict = {}
        else:
            h = self.store.on_division(raw, borders, ind)
            f, gaps = h.frame, h.gaps
        f_year, f_region, f_source = (f[c].to_numpy() for c in ("year", "region", "source"))
        for y in years:
            at = f_year == y
            for s in set(f_source[at]):
                if isinstance(s, str):
                    self.used.setdefault((ind, y), set()).add(s)
            have = set(f_region[at])
            miss = {
                r: gaps.get((r, y)) or self.not_in_store
                for r in [registry.NATIONAL, *want]
                if r not in have
            }
            self.gaps.setdefault((ind, y, borders), {}).update(miss)
        self._q[key] = f
        return f

    def view(self, borders: int | None = None) -> _View:
        """A store-like reader (``observations``) answering from this memo; with ``borders``
        every read is on that division. Lets :func:`activity_matrix` and
        :func:`typology_values` share the build's queries."""
        return _View(self, borders)


class _View:
    """``observations`` of the store through a :class:`Datasets` memo."""

    def __init__(self, data: Datasets, borders: int | None = None):
        self.data = data
        self.borders = borders

    def observations(self, indicator, years=None, regions=None, borders=None) -> pd.DataFrame:
        b = self.borders if self.borders is not None else borders
        if years is not None and b is not None and not self.data.has_query(indicator, b):
            f = self.data.years_on(indicator, [int(y) for y in years], int(b))
        else:
            f = self.data.frame(indicator, b)
            if years is not None:
                f = f[f["year"].isin([int(y) for y in years])]
        if regions is not None:
            f = f[f["region"].isin(list(regions))]
        return f
