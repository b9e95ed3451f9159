"""The build context of the report: what every section builder reads and writes.

A section builder is a function ``build(ctx: Context, sec: Section) -> None``; it reads its
figures through ``ctx`` (which reads :class:`aimaq.datasets.Datasets`), appends tables,
figures, text and findings, and raises :class:`NoData` when the figures it needs are missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from aimaq import catalogue
from aimaq.datasets import Datasets
from aimaq.geo import registry
from aimaq.report import charts, findings
from aimaq.report.constants import EMP, GRP, GRP_PC, LAST_OLD_BORDERS, POP, PROD
from aimaq.report.tables import ReportTable
from aimaq.report.text import t, unit_label

__all__ = ["Context", "NoData", "ReportResult", "Section", "version"]


class NoData(Exception):
    """A section (or part of one) lacks the figures it needs; the message says which."""


@dataclass
class Section:
    """One section of the report: blocks of HTML in order, and what is missing."""

    id: str
    title: str
    blocks: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def status(self) -> str:
        if self.error:
            return "error"
        if self.missing and not any(b["kind"] in ("figure", "table") for b in self.blocks):
            return "missing"
        return "partial" if self.missing else "ok"


@dataclass
class ReportResult:
    """What :func:`build_report` wrote and found."""

    html: Path
    xlsx: Path
    year: int
    lang: str
    borders: int
    sections: list[Section]
    tables: list[ReportTable]
    findings: list[findings.Finding]
    gaps: pd.DataFrame
    sources: pd.DataFrame
    sheets: list[str]
    seconds: float

    @property
    def html_bytes(self) -> int:
        return self.html.stat().st_size


@dataclass
class Context:
    """What a section builder gets: the data layer, the report's language, year and division,
    and the lists it appends its tables and findings to."""

    data: Datasets
    lang: str
    year: int
    borders: int
    groups_path: object = None
    sections: list[Section] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)
    findings: list[findings.Finding] = field(default_factory=list)
    cache: dict = field(default_factory=dict)
    n_fig: int = 0

    # ---- helpers ------------------------------------------------------------------------
    def ind(self, ind_id: str) -> catalogue.Indicator:
        return catalogue.get(ind_id)

    def iname(self, ind_id: str) -> str:
        return self.ind(ind_id).name(self.lang)

    def unit(self, ind_id: str) -> str:
        """Unit in the report's language (the stored unit in English)."""
        if ind_id == PROD:
            return {
                "en": "thousand KZT per person",
                "ru": "тыс. тенге на человека",
                "kk": "адамға мың теңге",
            }[self.lang]
        if self.lang == "en":
            f = self.data.frame(ind_id, self.borders)
            if len(f):
                return str(f["unit"].iloc[0])
        label = self.ind(ind_id).unit_label(self.lang)
        return unit_label(label, self.lang)

    def header(self, label: str, unit: str) -> str:
        return f"{label}, {unit}"

    def rname(self, code: str) -> str:
        return registry.name(code, self.lang)

    def rlist(self, codes) -> str:
        """ "KZ-11 Akmola Region, KZ-15 …" in the report language."""
        return ", ".join(f"{c} {self.rname(c)}" for c in codes)

    def table(self, sec: Section, tab: ReportTable, collapsed: bool = False) -> ReportTable:
        self.tables.append(tab)
        tab.number = len(self.tables)
        sec.blocks.append({"kind": "table", "table": tab, "collapsed": collapsed})
        return tab

    def figure(self, sec: Section, fig, caption: str = "") -> None:
        self.n_fig += 1
        fig["layout"]["separators"] = charts.separators(self.lang)
        sec.blocks.append(
            {"kind": "figure", "html": charts.to_div(fig, f"fig-{self.n_fig}"), "caption": caption}
        )

    def text(self, sec: Section, html: str) -> None:
        sec.blocks.append({"kind": "text", "html": html})

    def missing(self, sec: Section, msg: str) -> None:
        sec.missing.append(msg)
        sec.blocks.append({"kind": "missing", "html": msg})

    def cross(self, ind_id: str, min_n: int = 3) -> tuple[pd.Series, float | None]:
        reg, nat = self.cross_at(ind_id, self.year, self.borders)
        reg = reg.dropna()
        if reg.empty and nat is None:
            raise NoData(
                t("missing_indicator", self.lang, indicator=self.iname(ind_id), year=self.year)
            )
        if len(reg) < min_n:
            raise NoData(t("too_few", self.lang, indicator=self.iname(ind_id), n=len(reg)))
        return reg, nat

    def sources_of(self, *ind_ids: str) -> list[str]:
        out = []
        for i in ind_ids:
            for (ind, _), srcs in self.data.used.items():
                if ind == i:
                    out += sorted(srcs)
        return list(dict.fromkeys(out))

    def population(self) -> pd.Series:
        """Mean population of the year (1 Jan of year and year+1), the GRP-per-capita base."""
        if "pop" not in self.cache:
            p0, _ = self.cross_at(POP, self.year, self.borders)
            try:
                p1, _ = self.cross_at(POP, self.year + 1, self.borders)
            except NoData:
                p1 = pd.Series(dtype=float)
            p = ((p0 + p1.reindex(p0.index)) / 2).fillna(p0) if len(p1) else p0
            self.cache["pop"] = p.dropna()
        return self.cache["pop"]

    def groups(self) -> pd.Series:
        from aimaq.datasets import macro_regions

        if "groups" not in self.cache:
            self.cache["groups"] = macro_regions(self.groups_path, borders=self.borders)
        return self.cache["groups"]

    def group_labels(self) -> dict[str, str]:
        from aimaq.datasets import group_labels

        return group_labels(self.lang, self.groups_path)

    def trend_borders(self) -> int:
        return min(self.borders, LAST_OLD_BORDERS)

    def cross_at(self, ind_id: str, year: int, borders: int) -> tuple[pd.Series, float | None]:
        """Regional values of ``ind_id`` in ``year`` on ``borders`` and the national value
        (labour productivity computed from GRP and employment); sources and gaps recorded."""
        if ind_id == PROD:
            return self._productivity(year, borders)
        return self.data.cross(ind_id, year, borders)

    def _productivity(self, year: int, borders: int) -> tuple[pd.Series, float | None]:
        """GRP per employed person, thousand KZT, from GRP and employment with their scales.

        Computed with :func:`aimaq.analysis.labour.productivity`; the units are converted with
        the catalogue scales (GRP in million KZT, employment in thousand persons).
        """
        from aimaq.analysis.labour import productivity

        y, y_nat = self.data.cross(GRP, year, borders)
        e, e_nat = self.data.cross(EMP, year, borders)
        sources = {
            f"aimaq: GRP per employed person = {GRP} / {EMP} ({s})"
            for s in self.data.sources(GRP, year) | self.data.sources(EMP, year)
        }
        common = y.index.intersection(e.index)
        want = registry.region_codes(borders)
        miss = {r: "GRP or employment missing" for r in want if r not in common}
        if y_nat is None or e_nat is None:
            miss[registry.NATIONAL] = "GRP or employment missing"
        self.data.record_derived(PROD, year, borders, sources, miss)
        if len(common) == 0:
            return pd.Series(dtype=float), None
        conv = catalogue.get(GRP).scale / catalogue.get(EMP).scale / catalogue.get(PROD).scale
        kw = {}
        if y_nat is not None and e_nat is not None:
            kw = {"national_output": y_nat * conv, "national_employment": e_nat}
        p = productivity(y.loc[common] * conv, e.loc[common], **kw)
        return p.pi.astype(float), (p.pi_national if kw else None)

    def population_change(self) -> dict:
        """Population change over the report year (or the year before): panel, change, national %."""
        if "popchange" in self.cache:
            return self.cache["popchange"]
        from aimaq.analysis.demography import change

        years = self.data.years(POP, self.borders)
        want = registry.region_codes(self.borders)
        full = []
        for y in years:
            f = self.data.frame(POP, self.borders)
            if set(want) <= set(f.loc[f["year"] == y, "region"]):
                full.append(y)
        if self.year + 1 in full and self.year in full:
            start, end = self.year, self.year + 1
        elif self.year in full and self.year - 1 in full:
            start, end = self.year - 1, self.year
        else:
            raise NoData(t("too_few_years", self.lang, indicator=self.iname(POP)))
        panel, nat = self.data.panel(POP, [start, end], self.borders)
        ch = change(panel, start, end, additive=True)
        nat_pct = (
            100 * (nat[end] / nat[start] - 1) if start in nat and end in nat else ch.national_pct
        )
        out = {"start": start, "end": end, "panel": panel, "change": ch, "national_pct": nat_pct}
        self.cache["popchange"] = out
        return out

    def grp_panel(self) -> tuple[pd.DataFrame, pd.Series, int]:
        """GRP per capita, every year up to the report's, on the trend division; national series."""
        if "grp_panel" not in self.cache:
            tb = self.trend_borders()
            years = [y for y in self.data.years(GRP_PC, tb) if y <= self.year]
            panel, nat = self.data.panel(GRP_PC, years, tb)
            panel = panel.dropna(axis=1, how="all")
            self.cache["grp_panel"] = (panel, nat, tb)
        return self.cache["grp_panel"]


def version() -> str:
    """The installed aimaq version (``dev`` in a source checkout)."""
    try:
        from importlib.metadata import version as _v

        return _v("aimaq")
    except Exception:  # noqa: BLE001 - not installed: a source checkout
        return "dev"
