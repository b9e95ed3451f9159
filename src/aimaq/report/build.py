"""Build the national report: one self-contained HTML file and one XLSX workbook.

Every figure of the report is read from the store (with its recorded source) or computed from
it at build time. A section whose data are missing says so and the rest still builds; the data
appendix lists every figure's source and the gaps (indicator, year, regions missing).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from aimaq import catalogue
from aimaq.geo import registry
from aimaq.report import charts, findings
from aimaq.report.tables import ReportTable, to_html, write_xlsx
from aimaq.report.text import LANGS, UNITS, fmt_number, fmt_pct, fmt_signed, t

__all__ = [
    "DISPERSION_INDICATORS",
    "KEY_INDICATORS",
    "RANKED_INDICATORS",
    "ReportResult",
    "Section",
    "build_report",
    "default_year",
]

GRP_PC = "grp_per_capita_thousand_kzt"
GRP = "grp_mln_kzt"
POP = "population_total"
PROD = "labour_productivity_thousand_kzt"
EMP = "employed_thousand"
#: Indicators mapped and summarised (id -> display decimals).
KEY_INDICATORS: dict[str, int] = {
    GRP_PC: 1,
    "unemployment_rate_pct": 1,
    "avg_monthly_nominal_wage_kzt": 0,
    "labour_productivity_thousand_kzt": 1,
    "fixed_capital_investment_per_capita_thousand_kzt": 1,
    "net_migration_per_1000": 1,
    "self_employed_share_pct": 1,
}
#: Indicators with a ranking chart.
RANKED_INDICATORS = [
    GRP_PC,
    "unemployment_rate_pct",
    "avg_monthly_nominal_wage_kzt",
    "labour_productivity_thousand_kzt",
]
#: Indicators whose dispersion is tabulated.
DISPERSION_INDICATORS = [
    GRP_PC,
    "avg_monthly_nominal_wage_kzt",
    "labour_productivity_thousand_kzt",
    "fixed_capital_investment_per_capita_thousand_kzt",
    "unemployment_rate_pct",
]
PERMUTATIONS = 999
N_BOOT = 999
SEED = 12345
LAST_OLD_BORDERS = 2021  # last year of the division before 2022-06-08

Progress = Callable[[str, int, int], None]
_URL_SCHEME = re.compile(r"https?://")


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


# ---------------------------------------------------------------------------------------------
# data access with memoisation and provenance
# ---------------------------------------------------------------------------------------------
class _Data:
    """Reads the store once per (indicator, borders); records sources and gaps of what is used."""

    def __init__(self, store, lang: str = "en"):
        self.store = store
        self.lang = lang
        self._q: dict = {}
        self.used: dict[tuple[str, int], set[str]] = {}
        self.gaps: dict[tuple[str, int, int], dict[str, str]] = {}

    def coverage(self) -> pd.DataFrame:
        if "coverage" not in self._q:
            self._q["coverage"] = self.store.coverage()
        return self._q["coverage"]

    def query(self, ind: str, borders: int):
        key = (ind, borders)
        if key not in self._q:
            from aimaq.geo.borders import NonAdditiveError

            try:
                self._q[key] = self.store.query(ind, borders=borders)
            except NonAdditiveError:
                self._q[key] = self._same_division(ind, borders)
        return self._q[key]

    def _same_division(self, ind: str, borders: int):
        """A non-additive indicator without components: keep the years published on the
        division of ``borders``; the other years are gaps (they cannot be aggregated)."""
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

    def frame(self, ind: str, borders: int) -> pd.DataFrame:
        return self.query(ind, borders).frame

    def _record(self, ind: str, year: int, borders: int, rows: pd.DataFrame, want: list[str]):
        for s in rows["source"].dropna().unique():
            # a web address is cited without its scheme: the page links nowhere, fetches nothing
            self.used.setdefault((ind, int(year)), set()).add(_URL_SCHEME.sub("", str(s)))
        have = set(rows["region"])
        q = self.query(ind, borders)
        miss = {}
        for r in [registry.NATIONAL, *want]:
            if r not in have:
                miss[r] = q.gaps.get((r, year)) or t("not_in_store", self.lang)
        key = (ind, int(year), borders)
        if miss:
            self.gaps.setdefault(key, {}).update(miss)
        else:
            self.gaps.setdefault(key, {})

    def cross(self, ind: str, year: int, borders: int) -> tuple[pd.Series, float | None]:
        """Regional values of the units in force in ``borders`` and the national value."""
        if ind == PROD:
            return self._productivity(year, borders)
        f = self.frame(ind, borders)
        f = f[f["year"] == year]
        want = registry.region_codes(borders)
        self._record(ind, year, borders, f, want)
        nat = f.loc[f["region"] == registry.NATIONAL, "value"]
        reg = f[f["region"].isin(want)].set_index("region")["value"].astype(float)
        return reg, (float(nat.iloc[0]) if len(nat) else None)

    def _productivity(self, year: int, borders: int) -> tuple[pd.Series, float | None]:
        """GRP per employed person, thousand KZT, from GRP and employment with their scales.

        Computed with :func:`aimaq.analysis.labour.productivity`; the units are converted with
        the catalogue scales (GRP in million KZT, employment in thousand persons).
        """
        from aimaq.analysis.labour import productivity

        y, y_nat = self.cross(GRP, year, borders)
        e, e_nat = self.cross(EMP, year, borders)
        self.used.setdefault((PROD, int(year)), set()).update(
            f"aimaq: GRP per employed person = {GRP} / {EMP} ({s})"
            for s in self.used.get((GRP, int(year)), set()) | self.used.get((EMP, int(year)), set())
        )
        common = y.index.intersection(e.index)
        want = registry.region_codes(borders)
        miss = {r: "GRP or employment missing" for r in want if r not in common}
        if y_nat is None or e_nat is None:
            miss[registry.NATIONAL] = "GRP or employment missing"
        self.gaps.setdefault((PROD, int(year), borders), {}).update(miss)
        if len(common) == 0:
            return pd.Series(dtype=float), None
        conv = catalogue.get(GRP).scale / catalogue.get(EMP).scale / catalogue.get(PROD).scale
        kw = {}
        if y_nat is not None and e_nat is not None:
            kw = {"national_output": y_nat * conv, "national_employment": e_nat}
        p = productivity(y.loc[common] * conv, e.loc[common], **kw)
        return p.pi.astype(float), (p.pi_national if kw else None)

    def panel(self, ind: str, years: list[int], borders: int) -> tuple[pd.DataFrame, pd.Series]:
        f = self.frame(ind, borders)
        f = f[f["year"].isin(years)]
        want = registry.region_codes(borders)
        for y in years:
            self._record(ind, y, borders, f[f["year"] == y], want)
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
            f, gaps = self._harmonised(raw, ind, borders)
        f_year, f_region, f_source = (f[c].to_numpy() for c in ("year", "region", "source"))
        for y in years:
            at = f_year == y
            for s in set(f_source[at]):
                if isinstance(s, str):
                    self.used.setdefault((ind, y), set()).add(s)
            have = set(f_region[at])
            miss = {
                r: gaps.get((r, y)) or t("not_in_store", self.lang)
                for r in [registry.NATIONAL, *want]
                if r not in have
            }
            self.gaps.setdefault((ind, y, borders), {}).update(miss)
        self._q[key] = f
        return f

    @staticmethod
    def _harmonised(raw: pd.DataFrame, ind: str, borders: int) -> tuple[pd.DataFrame, dict]:
        """``raw`` on the division of ``borders`` (successors summed), with its gaps."""
        from aimaq.geo.borders import harmonise

        h = harmonise(raw, borders, catalogue.get(ind).additive, ind)
        meta = {
            (r, int(y)): (u, s, n)
            for r, y, u, s, n in raw[["region", "year", "unit", "source", "note"]].itertuples(
                index=False
            )
        }
        rows = []
        for r, y, v, agg in h.values.itertuples(index=False):
            parts = agg.split() if agg else [r]
            unit, _, note = meta[(parts[0], y)]
            src = "; ".join(dict.fromkeys(meta[(p, y)][1] for p in parts))
            if agg:
                note = f"aggregated by aimaq: sum of {' + '.join(parts)}"
            rows.append((r, ind, y, str(y), v, unit, src, note))
        cols = ["region", "indicator", "year", "period", "value", "unit", "source", "note"]
        return pd.DataFrame(rows, columns=cols), h.gaps

    def years(self, ind: str, borders: int) -> list[int]:
        return sorted(int(y) for y in self.frame(ind, borders)["year"].unique())


def default_year(store, coverage: pd.DataFrame | None = None) -> int:
    """Latest year with GRP per capita for every current region (else the latest with any).

    ``coverage`` is ``store.coverage()`` when the caller already has it.
    """
    cov = store.coverage() if coverage is None else coverage
    cur = set(registry.region_codes())
    g = cov[cov["indicator"] == GRP_PC]
    if g.empty:
        # derived: computed from GRP and population
        f = store.observations(GRP_PC)
        g = f[["region", "year"]]
    full = [int(y) for y, s in g.groupby("year")["region"] if cur <= set(s)]
    if full:
        return max(full)
    if len(g):
        return int(g["year"].max())
    if len(cov):
        return int(cov["year"].max())
    raise NoData("the store holds no figures")


# ---------------------------------------------------------------------------------------------
# the build context
# ---------------------------------------------------------------------------------------------
@dataclass
class _Ctx:
    data: _Data
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
        return UNITS.get(label, {}).get(self.lang, label)

    def header(self, label: str, unit: str) -> str:
        return f"{label}, {unit}"

    def rname(self, code: str) -> str:
        return registry.name(code, self.lang)

    def rlist(self, codes) -> str:
        """"KZ-11 Akmola Region, KZ-15 …" in the report language."""
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
        reg, nat = self.data.cross(ind_id, self.year, self.borders)
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
            p0, _ = self.data.cross(POP, self.year, self.borders)
            try:
                p1, _ = self.data.cross(POP, self.year + 1, self.borders)
            except NoData:
                p1 = pd.Series(dtype=float)
            p = ((p0 + p1.reindex(p0.index)) / 2).fillna(p0) if len(p1) else p0
            self.cache["pop"] = p.dropna()
        return self.cache["pop"]

    def groups(self) -> pd.Series:
        from aimaq.geo.groupings import macro_regions

        if "groups" not in self.cache:
            self.cache["groups"] = macro_regions(self.groups_path, borders=self.borders)
        return self.cache["groups"]

    def group_labels(self) -> dict[str, str]:
        from aimaq.geo.groupings import labels

        return labels(self.lang, self.groups_path)

    def trend_borders(self) -> int:
        return min(self.borders, LAST_OLD_BORDERS)


# ---------------------------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------------------------
def _key(ctx: _Ctx, sec: Section) -> None:
    rows = []
    L = ctx.lang
    for ind_id in KEY_INDICATORS:
        try:
            reg, nat = ctx.cross(ind_id, min_n=1)
        except NoData as e:
            ctx.missing(sec, str(e))
            rows.append(
                [ctx.iname(ind_id), ctx.unit(ind_id), None, 0, None, "", None, "", None, None]
            )
            continue
        below = int((reg < nat).sum()) if nat is not None else None
        rows.append(
            [
                ctx.iname(ind_id),
                ctx.unit(ind_id),
                nat,
                len(reg),
                float(reg.min()),
                ctx.rname(reg.idxmin()),
                float(reg.max()),
                ctx.rname(reg.idxmax()),
                float(reg.max() / reg.min()) if reg.min() > 0 else None,
                below,
            ]
        )
        if ind_id == GRP_PC and nat is not None:
            ctx.findings.append(
                findings.make(
                    "grp_position",
                    "key_indicators",
                    year=("text", str(ctx.year)),
                    national=("num1", nat),
                    unit=("text", {lg: ctx.ind(ind_id).unit_label(lg) for lg in LANGS}),
                    n_below=("int", below),
                    n=("int", len(reg)),
                )
            )
            ctx.findings.append(
                findings.make(
                    "grp_extremes",
                    "key_indicators",
                    max_region=("region", reg.idxmax()),
                    max=("num1", reg.max()),
                    min_region=("region", reg.idxmin()),
                    min=("num1", reg.min()),
                    ratio=("num1", reg.max() / reg.min()),
                    unit=("text", {lg: ctx.ind(ind_id).unit_label(lg) for lg in LANGS}),
                )
            )
    cols = [
        t("indicator", L),
        t("unit", L),
        t("national_value", L),
        t("n_regions", L),
        t("minimum", L),
        t("region", L) + " (min)",
        t("maximum", L),
        t("region", L) + " (max)",
        t("max_min", L),
        t("n_below", L),
    ]
    df = pd.DataFrame(rows, columns=cols)
    df[cols[3]] = df[cols[3]].astype("Int64")
    df[cols[9]] = df[cols[9]].astype("Float64")
    ctx.table(
        sec,
        ReportTable(
            "key_indicators",
            f"{t('sec_key', L)}, {ctx.year}",
            df,
            digits={cols[2]: 1, cols[3]: 0, cols[4]: 1, cols[6]: 1, cols[8]: 2, cols[9]: 0},
            sources=ctx.sources_of(*KEY_INDICATORS),
        ),
    )
    # concentration of GRP
    try:
        grp, grp_nat = ctx.cross(GRP)
    except NoData as e:
        ctx.missing(sec, str(e))
        return
    from aimaq.analysis.disparity import position

    reg_pc, nat_pc = ctx.data.cross(GRP_PC, ctx.year, ctx.borders)
    pc = reg_pc.reindex(grp.index)
    # concentration needs only the totals: without GRP per capita, position GRP itself
    pos = (
        position(pc, nat_pc, totals=grp, k=3)
        if pc.notna().any()
        else position(grp, totals=grp, k=3)
    )
    share = grp / grp.sum() * 100
    top = pos.top_k
    unit = ctx.unit(GRP)
    df = pd.DataFrame(
        {
            t("code", L): top,
            t("region", L): [ctx.rname(c) for c in top],
            ctx.header(ctx.iname(GRP), unit): grp.loc[top].to_numpy(),
            ctx.header(t("value", L) + " (% ∑)", "%"): share.loc[top].to_numpy(),
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "grp_concentration",
            f"{ctx.iname(GRP)}: top-3, {ctx.year}",
            df,
            digits={df.columns[2]: 1, df.columns[3]: 1},
            sources=ctx.sources_of(GRP),
            notes=[f"CR3 = {fmt_number(pos.CR_k * 100, L, 1)} %"],
        ),
    )
    ctx.findings.append(
        findings.make(
            "concentration",
            "grp_concentration",
            top=("regions", top),
            cr=("pct", pos.CR_k * 100),
            year=("text", str(ctx.year)),
        )
    )


def _population_change(ctx: _Ctx) -> dict:
    if "popchange" in ctx.cache:
        return ctx.cache["popchange"]
    from aimaq.analysis.demography import change

    years = ctx.data.years(POP, ctx.borders)
    want = registry.region_codes(ctx.borders)
    full = []
    for y in years:
        f = ctx.data.frame(POP, ctx.borders)
        if set(want) <= set(f.loc[f["year"] == y, "region"]):
            full.append(y)
    if ctx.year + 1 in full and ctx.year in full:
        start, end = ctx.year, ctx.year + 1
    elif ctx.year in full and ctx.year - 1 in full:
        start, end = ctx.year - 1, ctx.year
    else:
        raise NoData(t("too_few_years", ctx.lang, indicator=ctx.iname(POP)))
    panel, nat = ctx.data.panel(POP, [start, end], ctx.borders)
    ch = change(panel, start, end, additive=True)
    nat_pct = 100 * (nat[end] / nat[start] - 1) if start in nat and end in nat else ch.national_pct
    out = {"start": start, "end": end, "panel": panel, "change": ch, "national_pct": nat_pct}
    ctx.cache["popchange"] = out
    return out


def _maps(ctx: _Ctx, sec: Section) -> None:
    L = ctx.lang
    for ind_id, dg in KEY_INDICATORS.items():
        try:
            reg, _ = ctx.cross(ind_id)
        except NoData as e:
            ctx.missing(sec, str(e))
            continue
        ind = ctx.ind(ind_id)
        fig = charts.choropleth(
            reg,
            title=f"{ind.name(L)}, {ctx.year}",
            unit=ctx.unit(ind_id),
            lang=L,
            borders=ctx.borders,
            direction=ind.direction,
            digits=dg,
        )
        ctx.figure(sec, fig, t("classes", L, scheme="Fisher-Jenks", k=min(5, reg.nunique())))
    try:
        pc = _population_change(ctx)
    except NoData as e:
        ctx.missing(sec, str(e))
        return
    fig = charts.choropleth(
        pc["change"].pct,
        title=f"{t('sec_population', L)}, {pc['start']}–{pc['end']}",
        unit="%",
        lang=L,
        borders=ctx.borders,
        direction="neutral",
        digits=2,
    )
    ctx.figure(sec, fig, t("classes", L, scheme="Fisher-Jenks", k=5))


def _ranking_table(
    ctx: _Ctx, ind_id: str, reg: pd.Series, nat: float | None, dg: int
) -> ReportTable:
    L = ctx.lang
    ind = ctx.ind(ind_id)
    asc = ind.direction == "higher_worse"
    s = reg.sort_values(ascending=asc)
    groups = ctx.groups()
    glab = ctx.group_labels()
    unit = ctx.unit(ind_id)
    df = pd.DataFrame(
        {
            t("rank", L): s.rank(ascending=asc, method="min").astype(int).to_numpy(),
            t("code", L): list(s.index),
            t("region", L): [ctx.rname(c) for c in s.index],
            ctx.header(ind.name(L), unit): s.to_numpy(),
            t("pct_national", L): (s / nat * 100).to_numpy() if nat else np.full(len(s), np.nan),
            t("macro_region", L): [glab.get(groups.get(c), "") for c in s.index],
        }
    )
    nat_row = pd.DataFrame(
        {
            df.columns[0]: [None],
            df.columns[1]: [registry.NATIONAL],
            df.columns[2]: [t("national_value", L)],
            df.columns[3]: [nat],
            df.columns[4]: [100.0 if nat else None],
            df.columns[5]: [""],
        }
    )
    df = pd.concat([df, nat_row], ignore_index=True)
    df[df.columns[0]] = df[df.columns[0]].astype("Int64")
    return ReportTable(
        f"rank_{ind_id}",
        f"{ind.name(L)}, {ctx.year}: {t('sec_rankings', L).lower()}",
        df,
        digits={df.columns[0]: 0, df.columns[3]: dg, df.columns[4]: 1},
        sources=ctx.sources_of(ind_id),
    )


def _rankings(ctx: _Ctx, sec: Section) -> None:
    L = ctx.lang
    for ind_id in RANKED_INDICATORS:
        dg = KEY_INDICATORS.get(ind_id, 1)
        try:
            reg, nat = ctx.cross(ind_id)
        except NoData as e:
            ctx.missing(sec, str(e))
            continue
        ind = ctx.ind(ind_id)
        fig = charts.bar_ranking(
            reg,
            nat,
            title=f"{ind.name(L)}, {ctx.year}",
            unit=ctx.unit(ind_id),
            lang=L,
            direction=ind.direction,
            digits=dg,
        )
        ctx.figure(sec, fig)
        ctx.table(sec, _ranking_table(ctx, ind_id, reg, nat, dg), collapsed=True)
        vmax, vmin = reg.idxmax(), reg.idxmin()
        if ind_id == "unemployment_rate_pct" and nat is not None:
            ctx.findings.append(
                findings.make(
                    "unemployment",
                    f"rank_{ind_id}",
                    year=("text", str(ctx.year)),
                    national=("pct", nat),
                    min=("pct", reg[vmin]),
                    min_region=("region", vmin),
                    max=("pct", reg[vmax]),
                    max_region=("region", vmax),
                )
            )
        if ind_id == "avg_monthly_nominal_wage_kzt" and nat is not None:
            ctx.findings.append(
                findings.make(
                    "wage",
                    f"rank_{ind_id}",
                    year=("text", str(ctx.year)),
                    national=("num0", nat),
                    unit=("text", {lg: ind.unit_label(lg) for lg in LANGS}),
                    n_below=("int", int((reg < nat).sum())),
                    n=("int", len(reg)),
                    max_region=("region", vmax),
                    min_region=("region", vmin),
                    ratio=("num1", reg[vmax] / reg[vmin]),
                )
            )
        if ind_id == "labour_productivity_thousand_kzt":
            ctx.findings.append(
                findings.make(
                    "productivity",
                    f"rank_{ind_id}",
                    year=("text", str(ctx.year)),
                    min=("num1", reg[vmin]),
                    min_region=("region", vmin),
                    max=("num1", reg[vmax]),
                    max_region=("region", vmax),
                    ratio=("num1", reg[vmax] / reg[vmin]),
                    unit=("text", {lg: ctx.ind(PROD).unit_label(lg) for lg in LANGS}),
                )
            )


def _grp_panel(ctx: _Ctx) -> tuple[pd.DataFrame, pd.Series, int]:
    if "grp_panel" not in ctx.cache:
        tb = ctx.trend_borders()
        years = [y for y in ctx.data.years(GRP_PC, tb) if y <= ctx.year]
        panel, nat = ctx.data.panel(GRP_PC, years, tb)
        panel = panel.dropna(axis=1, how="all")
        ctx.cache["grp_panel"] = (panel, nat, tb)
    return ctx.cache["grp_panel"]


def _trends(ctx: _Ctx, sec: Section) -> None:
    L = ctx.lang
    panel, nat, tb = _grp_panel(ctx)
    if panel.shape[1] < 2:
        raise NoData(t("too_few_years", L, indicator=ctx.iname(GRP_PC)))
    unit = ctx.unit(GRP_PC)
    fig = charts.small_multiples(
        panel,
        nat,
        title=f"{ctx.iname(GRP_PC)}, {panel.columns[0]}–{panel.columns[-1]}",
        unit=unit,
        lang=L,
    )
    ctx.figure(sec, fig, t("trends_note", L, indicator=ctx.iname(GRP_PC), unit=unit, borders=tb))
    df = panel.copy()
    df.columns = [f"{y}, {unit}" for y in df.columns]
    df.insert(0, t("region", L), [ctx.rname(c) for c in df.index])
    df.insert(0, t("code", L), list(df.index))
    natrow = [registry.NATIONAL, t("national_value", L)] + [nat.get(y) for y in panel.columns]
    df = pd.concat([df, pd.DataFrame([natrow], columns=df.columns)], ignore_index=True)
    ctx.table(
        sec,
        ReportTable(
            f"trend_{GRP_PC}",
            f"{ctx.iname(GRP_PC)}, {panel.columns[0]}–{panel.columns[-1]} ({tb})",
            df,
            digits={c: 1 for c in df.columns[2:]},
            sources=ctx.sources_of(GRP_PC),
        ),
        collapsed=True,
    )


def _lorenz(ctx: _Ctx, sec: Section) -> None:
    from aimaq.analysis.disparity import dispersion

    L = ctx.lang
    reg, _ = ctx.cross(GRP_PC)
    pop = ctx.population().reindex(reg.index)
    d = dispersion(reg, population=pop if pop.notna().all() else None)
    fig, pts = charts.lorenz(
        reg,
        pop if pop.notna().all() else None,
        title=f"{ctx.iname(GRP_PC)}, {ctx.year}",
        lang=L,
        gini=d.Gini,
        gini_w=d.Gini_w,
    )
    ctx.figure(sec, fig)
    df = pts.reset_index().rename(columns={"region": t("code", L), "index": t("code", L)})
    df.insert(1, t("region", L), [ctx.rname(c) for c in df.iloc[:, 0]])
    ctx.table(
        sec,
        ReportTable(
            "lorenz",
            f"{t('sec_lorenz', L)}, {ctx.iname(GRP_PC)}, {ctx.year}",
            df,
            digits={c: 4 for c in df.columns[2:]},
            sources=ctx.sources_of(GRP_PC, POP),
        ),
        collapsed=True,
    )


def _dispersion(ctx: _Ctx, sec: Section) -> None:
    from aimaq.analysis.disparity import dispersion

    L = ctx.lang
    rows = []
    pop_all = ctx.population()
    for ind_id in DISPERSION_INDICATORS:
        try:
            reg, _ = ctx.cross(ind_id)
        except NoData as e:
            ctx.missing(sec, str(e))
            continue
        pop = pop_all.reindex(reg.index)
        d = dispersion(reg, population=pop if pop.notna().all() else None)
        rows.append(
            [
                ctx.iname(ind_id),
                d.n,
                d.CV,
                d.CV_w,
                d.Gini,
                d.Gini_w,
                d.Theil_T,
                d.Theil_T_w,
                d.Theil_L,
                d.Theil_L_w,
                d.Atkinson,
                d.Atkinson_w,
            ]
        )
        if ind_id == GRP_PC and d.Gini_w is not None:
            ctx.findings.append(
                findings.make(
                    "dispersion",
                    "dispersion",
                    gini=("num3", d.Gini_w),
                    theil_t=("num3", d.Theil_T_w),
                    theil_l=("num3", d.Theil_L_w),
                    cv=("num3", d.CV_w),
                )
            )
    if not rows:
        raise NoData(t("missing_section", L))
    wtag = " (w)"
    cols = [
        t("indicator", L),
        t("n_regions", L),
        "CV",
        "Williamson CV" + wtag,
        "Gini",
        "Gini" + wtag,
        "Theil T (GE(1))",
        "Theil T (GE(1))" + wtag,
        "Theil L (GE(0), MLD)",
        "Theil L (GE(0), MLD)" + wtag,
        "Atkinson (ε=0.5)",
        "Atkinson (ε=0.5)" + wtag,
    ]
    df = pd.DataFrame(rows, columns=cols)
    ctx.table(
        sec,
        ReportTable(
            "dispersion",
            f"{t('sec_dispersion', L)}, {ctx.year}",
            df,
            digits={c: (0 if i == 1 else 3) for i, c in enumerate(cols) if i >= 1},
            notes=[
                t("theil_note", L),
                "(w) = " + t("weighted", L) + "; " + t("unweighted", L) + ".",
            ],
            sources=ctx.sources_of(*DISPERSION_INDICATORS, POP),
        ),
    )
    # bootstrap intervals for GRP per capita
    try:
        reg, _ = ctx.cross(GRP_PC)
    except NoData:
        return
    pop = pop_all.reindex(reg.index)
    d = dispersion(reg, population=pop if pop.notna().all() else None, n_boot=N_BOOT, seed=SEED)
    ci = d.ci.reset_index().rename(columns={"index": t("indicator", L)})
    ci.columns = [t("indicator", L), "estimate", "lower (2.5%)", "upper (97.5%)"]
    ci[t("indicator", L)] = (
        ci[t("indicator", L)]
        .str.replace("Theil_T", "Theil T (GE(1))")
        .str.replace("Theil_L", "Theil L (GE(0))")
        .str.replace("_w", " (w)")
    )
    ctx.table(
        sec,
        ReportTable(
            "dispersion_ci",
            f"{ctx.iname(GRP_PC)}, {ctx.year}: bootstrap CI",
            ci,
            digits={c: 3 for c in ci.columns[1:]},
            notes=[t("ci_note", L, n_boot=N_BOOT, seed=SEED)],
            sources=ctx.sources_of(GRP_PC, POP),
        ),
        collapsed=True,
    )


def _decomposition(ctx: _Ctx, sec: Section) -> None:
    from aimaq.analysis.disparity import theil

    L = ctx.lang
    reg, _ = ctx.cross(GRP_PC)
    groups = ctx.groups()
    pop = ctx.population().reindex(reg.index)
    glab = ctx.group_labels()
    res = {
        "w": theil(reg, groups=groups, population=pop) if pop.notna().all() else None,
        "u": theil(reg, groups=groups),
    }
    rows = []
    for key, dec in res.items():
        if dec is None:
            continue
        tag = t("weighted", L) if key == "w" else t("unweighted", L)
        rows.append(
            ["Theil T (GE(1))", tag, dec.T, dec.T_between, dec.T_within, 100 * dec.T_between_share]
        )
        rows.append(
            [
                "Theil L (GE(0), MLD)",
                tag,
                dec.L,
                dec.L_between,
                dec.L_within,
                100 * dec.L_between_share,
            ]
        )
    cols = [t("indicator", L), "", "total", "between", "within", "between, %"]
    df = pd.DataFrame(rows, columns=cols)
    ctx.table(
        sec,
        ReportTable(
            "theil_decomposition",
            f"{ctx.iname(GRP_PC)}, {ctx.year}: Theil T / Theil L",
            df,
            digits={"total": 4, "between": 4, "within": 4, "between, %": 1},
            notes=[t("theil_note", L), t("macro_note", L, groups=", ".join(glab.values()))],
            sources=ctx.sources_of(GRP_PC, POP),
        ),
    )
    dec = res["w"] or res["u"]
    gdf = pd.DataFrame(
        {
            t("macro_region", L): [glab.get(g, g) for g in dec.n_g.index],
            t("n_regions", L): dec.n_g.to_numpy(),
            "p_g, %": 100 * dec.p_g.to_numpy(),
            "s_g, %": 100 * dec.s_g.to_numpy(),
            "T_g": dec.T_g.to_numpy(),
            "L_g": dec.L_g.to_numpy(),
        }
    )
    members = groups[groups.index.isin(reg.index)]
    gdf[t("region", L)] = [
        ", ".join(ctx.rname(c) for c in members.index[members == g]) for g in dec.n_g.index
    ]
    ctx.table(
        sec,
        ReportTable(
            "macro_regions",
            f"{t('macro_region', L)}: {ctx.iname(GRP_PC)}, {ctx.year}",
            gdf,
            digits={"p_g, %": 1, "s_g, %": 1, "T_g": 4, "L_g": 4, t("n_regions", L): 0},
            notes=[
                "p_g: "
                + ("population share" if res["w"] is not None else "share of regions")
                + "; s_g: share of GRP (∑ p_i y_i)."
            ],
            sources=ctx.sources_of(GRP_PC, POP),
        ),
    )
    if res["w"] is not None:
        ctx.findings.append(
            findings.make(
                "decomposition",
                "theil_decomposition",
                t_share=("pct", 100 * res["w"].T_between_share),
                l_share=("pct", 100 * res["w"].L_between_share),
            )
        )


_VERDICT = {
    "conv": {
        "en": "convergence significant at 5%",
        "ru": "конвергенция значима на уровне 5%",
        "kk": "конвергенция 5% деңгейде маңызды",
    },
    "div": {
        "en": "divergence significant at 5%",
        "ru": "дивергенция значима на уровне 5%",
        "kk": "дивергенция 5% деңгейде маңызды",
    },
    "none": {
        "en": "not significant at 5% (a short, nominal series)",
        "ru": "незначимо на уровне 5% (короткий ряд номинальных значений)",
        "kk": "5% деңгейде маңызсыз (номиналды мәндердің қысқа қатары)",
    },
}


def _convergence(ctx: _Ctx, sec: Section) -> None:
    from aimaq.analysis.convergence import beta_convergence, sigma_convergence

    L = ctx.lang
    panel, _, tb = _grp_panel(ctx)
    full = panel.dropna(axis=1, thresh=max(3, int(0.8 * len(panel))))
    if full.shape[1] < 2:
        raise NoData(t("too_few_years", L, indicator=ctx.iname(GRP_PC)))
    start, end = int(full.columns[0]), int(full.columns[-1])
    ctx.text(
        sec, f"<p class='note'>{t('convergence_note', L, borders=tb, start=start, end=end)}</p>"
    )
    sig = sigma_convergence(full)
    df = pd.DataFrame(
        {
            t("year", L): [str(y) for y in full.columns],
            "n": sig.n,
            "CV": sig.CV.to_numpy(),
            "σ (sd ln y)": sig.sigma.to_numpy(),
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "sigma_convergence",
            f"σ-convergence: {ctx.iname(GRP_PC)} ({tb})",
            df,
            digits={"n": 0, "CV": 4, "σ (sd ln y)": 4},
            notes=[
                f"b(CV) = {fmt_number(sig.b_CV, L, 4)} / year (p = {fmt_number(sig.p_b_CV, L, 3)}); "
                f"b(σ) = {fmt_number(sig.b_sigma, L, 4)} / year (p = {fmt_number(sig.p_b_sigma, L, 3)})"
            ],
            sources=ctx.sources_of(GRP_PC),
        ),
    )
    ctx.findings.append(
        findings.make(
            "sigma",
            "sigma_convergence",
            start=("text", str(start)),
            end=("text", str(end)),
            cv0=("num3", sig.CV.iloc[0]),
            cv1=("num3", sig.CV.iloc[-1]),
            n=("int", sig.n),
            borders=("text", str(tb)),
        )
    )
    beta = beta_convergence(full, start, end)
    rows = [
        ["α", beta.alpha, beta.se_alpha, None],
        ["β (ln y0)", beta.beta, beta.se_beta, beta.p_beta],
        ["R²", beta.r2, None, None],
        ["n", beta.n, None, None],
        ["T, years", beta.T, None, None],
        ["λ (speed)", beta.lam, None, None],
        ["half-life, years", beta.half_life, None, None],
    ]
    bdf = pd.DataFrame(rows, columns=["", "estimate", "s.e.", "p"])
    ctx.table(
        sec,
        ReportTable(
            "beta_convergence",
            f"β-convergence: g = α + β ln y0, {start}–{end} ({tb})",
            bdf,
            digits={"estimate": 4, "s.e.": 4, "p": 3},
            notes=[
                "g_i = (ln y_iT − ln y_i0)/T; λ = −ln(1 + Tβ)/T; half-life = ln 2/λ (Barro & "
                "Sala-i-Martin 1992)."
            ]
            + ([f"excluded: {beta.excluded}"] if beta.excluded else []),
            sources=ctx.sources_of(GRP_PC),
        ),
    )
    verdict = "none"
    if beta.p_beta <= 0.05:
        verdict = "conv" if beta.beta < 0 else "div"
    ctx.findings.append(
        findings.make(
            "beta",
            "beta_convergence",
            start=("text", str(start)),
            end=("text", str(end)),
            beta=("num4", beta.beta),
            p=("num3", beta.p_beta),
            verdict=("text", _VERDICT[verdict]),
        )
    )


_SIGN = {
    "pos": {"en": "positively", "ru": "положительно", "kk": "оң"},
    "neg": {"en": "negatively", "ru": "отрицательно", "kk": "теріс"},
}
_NONE = {"en": "none", "ru": "нет", "kk": "жоқ"}


def _spatial(ctx: _Ctx, sec: Section) -> None:
    from aimaq.analysis.spatial import lisa, moran
    from aimaq.geo.polygons import queen_weights

    L = ctx.lang
    reg, _ = ctx.cross(GRP_PC, min_n=5)
    w = queen_weights(registry.region_codes(ctx.borders), borders=ctx.borders)
    gm = moran(reg, w, permutations=PERMUTATIONS, seed=SEED)
    lm = lisa(reg, w, permutations=PERMUTATIONS, seed=SEED)
    fig = charts.lisa_map(
        lm.cluster, title=f"LISA: {ctx.iname(GRP_PC)}, {ctx.year}", lang=L, borders=ctx.borders
    )
    ctx.figure(sec, fig, t("lisa_note", L, perm=PERMUTATIONS, seed=SEED, alpha=lm.alpha))
    idx = lm.Is.index
    df = pd.DataFrame(
        {
            t("code", L): list(idx),
            t("region", L): [ctx.rname(c) for c in idx],
            ctx.header(ctx.iname(GRP_PC), ctx.unit(GRP_PC)): reg.reindex(idx).to_numpy(),
            "I_i": lm.Is.to_numpy(),
            "q": lm.q.to_numpy(),
            "p_sim": lm.p_sim.to_numpy(),
            "cluster": [t(c, L) for c in lm.cluster],
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "lisa",
            f"LISA: {ctx.iname(GRP_PC)}, {ctx.year}",
            df,
            digits={df.columns[2]: 1, "I_i": 3, "q": 0, "p_sim": 3},
            notes=[
                f"Moran's I = {fmt_number(gm.I, L, 3)}, E[I] = {fmt_number(gm.EI, L, 3)}, "
                f"z_sim = {fmt_number(gm.z_sim, L, 2)}, p_sim = {fmt_number(gm.p_sim, L, 3)} "
                f"({gm.permutations} permutations, seed {gm.seed})",
                t("lisa_note", L, perm=PERMUTATIONS, seed=SEED, alpha=lm.alpha),
            ],
            sources=ctx.sources_of(GRP_PC) + ["aimaq.geo.polygons: queen contiguity"],
        ),
        collapsed=True,
    )
    sig = lm.cluster[lm.cluster != "not significant"]
    clusters = {
        lg: (", ".join(f"{registry.name(c, lg)} ({t(v, lg)})" for c, v in sig.items()) or _NONE[lg])
        for lg in LANGS
    }
    ctx.findings.append(
        findings.make(
            "moran",
            "lisa",
            sign=("text", _SIGN["pos" if gm.I >= 0 else "neg"]),
            I=("num3", gm.I),
            p=("num3", gm.p_sim),
            clusters=("text", clusters),
        )
    )


def _population(ctx: _Ctx, sec: Section) -> None:
    L = ctx.lang
    pc = _population_change(ctx)
    ch, panel, s, e = pc["change"], pc["panel"], pc["start"], pc["end"]
    unit = ctx.unit(POP)
    idx = ch.pct.index
    df = pd.DataFrame(
        {
            t("code", L): list(idx),
            t("region", L): [ctx.rname(c) for c in idx],
            f"{s}, {unit}": panel.loc[idx, s].to_numpy(),
            f"{e}, {unit}": panel.loc[idx, e].to_numpy(),
            f"Δ, {unit}": ch.delta.reindex(idx).to_numpy(),
            "Δ, %": ch.pct.to_numpy(),
        }
    )
    try:
        nm, _ = ctx.data.cross("net_migration_per_1000", s, ctx.borders)
        df[
            ctx.header(
                ctx.iname("net_migration_per_1000") + f" {s}", ctx.unit("net_migration_per_1000")
            )
        ] = nm.reindex(idx).to_numpy()
    except NoData:
        pass
    df = df.sort_values("Δ, %", ascending=False)
    ctx.table(
        sec,
        ReportTable(
            "population_change",
            f"{t('sec_population', L)}, {s}–{e}",
            df,
            digits={
                c: (2 if c == "Δ, %" else 1 if "1000" in c or "1 000" in c else 0)
                for c in df.columns[2:]
            },
            sources=ctx.sources_of(POP, "net_migration_per_1000"),
        ),
    )
    ctx.findings.append(
        findings.make(
            "population",
            "population_change",
            start=("text", str(s)),
            end=("text", str(e)),
            national=("signed_pct", pc["national_pct"]),
            n_decline=("int", int((ch.pct < 0).sum())),
            n=("int", len(ch.pct)),
            max_region=("region", ch.pct.idxmax()),
            max=("signed_pct", ch.pct.max()),
        )
    )


# ---------------------------------------------------------------------------------------------
# people, territory and income
# ---------------------------------------------------------------------------------------------
WAGE = "avg_monthly_nominal_wage_kzt"
URBAN, RURAL = "population_urban", "population_rural"
POVERTY = "poverty_share_below_subsistence_pct"
#: Key of the set of ``region_sets.toml`` highlighted in the wage/output chart.
OIL_SET = "oil"

_OIL_ROW = {
    "en": "{name}: GRP per capita {y} × national, average wage {w} × national (ρ = {r})",
    "ru": "{name}: ВРП на душу {y} от уровня РК, заработная плата {w} (ρ = {r})",
    "kk": "{name}: жан басына ЖӨӨ РК деңгейінің {y} еселігі, жалақы {w} (ρ = {r})",
}


def _people(ctx: _Ctx, sec: Section) -> None:
    """Named sets of regions, Hoover indices, people and territory, wage vs output, poverty."""
    L = ctx.lang
    pop = ctx.population()
    if pop.empty:
        raise NoData(t("missing_indicator", L, indicator=ctx.iname(POP), year=ctx.year))
    f = ctx.data.frame(POP, ctx.borders)
    nxt = ctx.year + 1
    key = "pop_basis" if (f["year"] == nxt).any() else "pop_basis_jan"
    ctx.text(sec, f"<p class='note'>{t(key, L, year=ctx.year, next=nxt)}</p>")
    from aimaq.geo import polygons

    area = polygons.areas(ctx.borders)  # computed with the polygons of the spatial section
    for part in (_named_sets, _hoover, _territory):
        try:
            part(ctx, sec, pop, area)
        except NoData as e:
            ctx.missing(sec, str(e))
    try:
        _income(ctx, sec)
    except NoData as e:
        ctx.missing(sec, t("income_missing", L, msg=str(e)))
    _poverty(ctx, sec)


def _named_sets(ctx: _Ctx, sec: Section, pop: pd.Series, area: pd.Series) -> None:
    from aimaq.analysis.disparity import position
    from aimaq.geo.groupings import region_sets

    L = ctx.lang
    grp, grp_nat = ctx.cross(GRP)
    want = registry.region_codes(ctx.borders)
    sets = {k: v for k, v in region_sets().items() if set(v.members) <= set(want)}
    if not sets:
        return
    members = {k: list(v.members) for k, v in sets.items()}
    g = grp.reindex(want)
    pg = position(g, totals=g, sets=members, national_total=grp_nat)
    p = pop.reindex(want)
    pp = position(p, totals=p, sets=members)
    unit = ctx.unit(GRP)
    keys = list(sets)
    gsum = [float(grp.reindex(members[k]).sum()) for k in keys]
    psum = [float(pop.reindex(members[k]).sum()) for k in keys]
    gs = np.array([100 * pg.concentration[k] for k in keys])
    ps = np.array([100 * pp.concentration[k] for k in keys])
    cols = [
        t("region_set", L),
        t("members", L),
        ctx.header(ctx.iname(GRP), unit),
        t("grp_share", L),
        ctx.header(t("population", L), t("persons", L)),
        t("pop_share", L),
        t("share_ratio", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: [sets[k].name[L] for k in keys],
            cols[1]: [ctx.rlist(members[k]) for k in keys],
            cols[2]: gsum,
            cols[3]: gs,
            cols[4]: psum,
            cols[5]: ps,
            cols[6]: gs / ps,
        }
    )
    den = (
        t("den_national", L, value=fmt_number(grp_nat, L, 1), unit=unit)
        if grp_nat is not None
        else t("den_sum", L)
    )
    notes = [t("sets_note", L, denominator=den)]
    gaps = sorted({c for m in members.values() for c in m if c not in grp.index or c not in pop})
    if gaps:
        notes.append(t("set_gaps", L, regions=ctx.rlist(gaps)))
    ctx.table(
        sec,
        ReportTable(
            "region_sets",
            f"{t('sets_title', L)}, {ctx.year}",
            df,
            digits={cols[2]: 1, cols[3]: 1, cols[4]: 0, cols[5]: 1, cols[6]: 2},
            notes=notes,
            sources=ctx.sources_of(GRP, POP),
        ),
    )
    text = {
        lg: "; ".join(
            f"{sets[k].name[lg]} {fmt_pct(g_, lg, 1)} ({fmt_pct(p_, lg, 1)})"
            for k, g_, p_ in zip(keys, gs, ps, strict=True)
        )
        for lg in LANGS
    }
    ctx.findings.append(
        findings.make(
            "region_sets",
            "region_sets",
            year=("text", str(ctx.year)),
            sets=("text", text),
            **{f"grp_{k}": ("num1", v) for k, v in zip(keys, gs, strict=True)},
            **{f"pop_{k}": ("num1", v) for k, v in zip(keys, ps, strict=True)},
        )
    )


def _hoover(ctx: _Ctx, sec: Section, pop: pd.Series, area: pd.Series) -> None:
    from aimaq.analysis.disparity import hoover
    from aimaq.geo.polygons import EQUAL_AREA_CRS, SOURCE

    L = ctx.lang
    grp, _ = ctx.cross(GRP)
    h_pt = hoover(pop, area)
    h_pg = hoover(pop, grp)
    idx = h_pg.contribution.sort_values(ascending=False).index
    idx = idx.append(h_pt.contribution.index.difference(idx))
    cols = [
        t("code", L),
        t("region", L),
        t("pop_share", L),
        t("area_share", L),
        t("contrib_pt", L),
        t("grp_share", L),
        t("contrib_pg", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: list(idx),
            cols[1]: [ctx.rname(c) for c in idx],
            cols[2]: 100 * h_pt.a_share.reindex(idx).to_numpy(),
            cols[3]: 100 * h_pt.b_share.reindex(idx).to_numpy(),
            cols[4]: h_pt.contribution.reindex(idx).to_numpy(),
            cols[5]: 100 * h_pg.b_share.reindex(idx).to_numpy(),
            cols[6]: h_pg.contribution.reindex(idx).to_numpy(),
        }
    )
    total = pd.DataFrame([["", t("total_h", L), 100.0, 100.0, h_pt.H, 100.0, h_pg.H]], columns=cols)
    df = pd.concat([df, total], ignore_index=True)
    notes = [
        t("hoover_note", L, h_pt=fmt_number(h_pt.H, L, 3), h_pg=fmt_number(h_pg.H, L, 3)),
        t("area_note", L, source=SOURCE, crs=EQUAL_AREA_CRS),
    ]
    left = {**h_pt.excluded, **h_pg.excluded}
    if left:
        notes.append(t("excluded", L, regions=ctx.rlist(left)))
    ctx.table(
        sec,
        ReportTable(
            "hoover",
            f"{t('hoover_title', L)}, {ctx.year}",
            df,
            digits={cols[2]: 1, cols[3]: 1, cols[4]: 3, cols[5]: 1, cols[6]: 3},
            notes=notes,
            sources=[*ctx.sources_of(GRP, POP), f"{SOURCE} (area: aimaq, {EQUAL_AREA_CRS})"],
        ),
    )
    top = idx[0]
    ctx.findings.append(
        findings.make(
            "hoover",
            "hoover",
            year=("text", str(ctx.year)),
            h_pt=("num3", h_pt.H),
            h_pg=("num3", h_pg.H),
            h_pg_pct=("pct", 100 * h_pg.H),
            top_region=("region", top),
            top_c=("num3", h_pg.contribution[top]),
        )
    )


def _urban(ctx: _Ctx) -> tuple[int, pd.Series, pd.Series] | None:
    """Year, urban and urban + rural population nearest the report year (1 January)."""
    years = sorted(
        set(ctx.data.years(URBAN, ctx.borders)) & set(ctx.data.years(RURAL, ctx.borders)),
        key=lambda y: (abs(y - ctx.year), -y),
    )
    for y in years:
        u, _ = ctx.data.cross(URBAN, y, ctx.borders)
        r, _ = ctx.data.cross(RURAL, y, ctx.borders)
        common = u.index.intersection(r.index)
        if len(common):
            return y, u.loc[common], (u.loc[common] + r.loc[common])
    return None


def _territory(ctx: _Ctx, sec: Section, pop: pd.Series, area: pd.Series) -> None:
    from aimaq.analysis.demography import people_territory
    from aimaq.geo.polygons import EQUAL_AREA_CRS, SOURCE

    L = ctx.lang
    groups = ctx.groups()
    glab = ctx.group_labels()
    pt = people_territory(pop, area, groups=groups)
    urb = _urban(ctx)
    ptu = None
    if urb is not None:
        uy, u, tot = urb
        ptu = people_territory(tot, area.reindex(tot.index), groups=groups, urban=u)
    dunit = t("density_unit", L)
    ucol = t("urban_share", L, year=urb[0]) if urb else t("urban_share", L, year="–")
    gi = [g for g in glab if g in pt.group_population_share.index]
    cols = [
        t("macro_region", L),
        t("n_regions", L),
        t("pop_share", L),
        t("area_share", L),
        ctx.header(t("density", L), dunit),
        ucol,
    ]
    gurb = ptu.group_urban_share.reindex(gi) if ptu is not None else pd.Series(np.nan, index=gi)
    members = groups[groups.index.isin(pt.density.index)]
    df = pd.DataFrame(
        {
            cols[0]: [glab[g] for g in gi],
            cols[1]: [int((members == g).sum()) for g in gi],
            cols[2]: 100 * pt.group_population_share.reindex(gi).to_numpy(),
            cols[3]: 100 * pt.group_area_share.reindex(gi).to_numpy(),
            cols[4]: pt.group_density.reindex(gi).to_numpy(),
            cols[5]: 100 * gurb.to_numpy(),
        }
    )
    nat = [
        t("national_value", L),
        len(pt.density),
        100.0,
        100.0,
        pt.density_national,
        100 * ptu.urban_share_national if ptu is not None else None,
    ]
    df = pd.concat([df, pd.DataFrame([nat], columns=cols)], ignore_index=True)
    notes = [
        t("urban_note", L, uyear=urb[0], year=ctx.year) if urb else t("no_urban", L),
        t("area_note", L, source=SOURCE, crs=EQUAL_AREA_CRS),
        t("macro_note", L, groups=", ".join(glab.values())),
    ]
    srcs = [*ctx.sources_of(POP, URBAN, RURAL), f"{SOURCE} (area: aimaq, {EQUAL_AREA_CRS})"]
    ctx.table(
        sec,
        ReportTable(
            "people_territory",
            f"{t('territory_title', L)}, {ctx.year}",
            df,
            digits={cols[1]: 0, cols[2]: 1, cols[3]: 1, cols[4]: 1, cols[5]: 1},
            notes=notes,
            sources=srcs,
        ),
    )
    ctx.figure(
        sec,
        charts.choropleth(
            pt.density,
            title=f"{t('density', L)}, {ctx.year}",
            unit=dunit,
            lang=L,
            borders=ctx.borders,
            direction="neutral",
            digits=1,
        ),
        t("classes", L, scheme="Fisher-Jenks", k=min(5, pt.density.nunique())),
    )
    idx = pt.density.sort_values(ascending=False).index
    rcols = [
        t("code", L),
        t("region", L),
        t("macro_region", L),
        ctx.header(t("population", L), t("persons", L)),
        t("area_km2", L),
        t("pop_share", L),
        t("area_share", L),
        ctx.header(t("density", L), dunit),
        ucol,
    ]
    rurb = ptu.urban_share.reindex(idx) if ptu is not None else pd.Series(np.nan, index=idx)
    rdf = pd.DataFrame(
        {
            rcols[0]: list(idx),
            rcols[1]: [ctx.rname(c) for c in idx],
            rcols[2]: [glab.get(groups.get(c), "") for c in idx],
            rcols[3]: pop.reindex(idx).to_numpy(),
            rcols[4]: area.reindex(idx).to_numpy(),
            rcols[5]: 100 * pt.population_share.reindex(idx).to_numpy(),
            rcols[6]: 100 * pt.area_share.reindex(idx).to_numpy(),
            rcols[7]: pt.density.reindex(idx).to_numpy(),
            rcols[8]: 100 * rurb.to_numpy(),
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "people_territory_regions",
            f"{t('territory_regions_title', L)}, {ctx.year}",
            rdf,
            digits={c: (0 if i in (3, 4) else 1) for i, c in enumerate(rcols) if i >= 3},
            notes=notes[:2],
            sources=srcs,
        ),
        collapsed=True,
    )


def _income(ctx: _Ctx, sec: Section) -> None:
    from aimaq.analysis.labour import income_vs_output
    from aimaq.geo.groupings import region_sets

    L = ctx.lang
    w, w_nat = ctx.cross(WAGE)
    y, y_nat = ctx.cross(GRP_PC)
    io = income_vs_output(w, y, national_income=w_nat, national_grp_per_capita=y_nat)
    sets = region_sets()
    oil = [c for c in sets[OIL_SET].members if c in io.ratio.index] if OIL_SET in sets else []
    oil_label = sets[OIL_SET].name[L] if OIL_SET in sets else ""
    ctx.figure(
        sec,
        charts.relative_scatter(
            io.y_rel,
            io.w_rel,
            title=f"{t('income_title', L)}, {ctx.year}",
            xlabel=t("grp_rel", L),
            ylabel=t("wage_rel", L),
            lang=L,
            highlight=oil,
            highlight_label=oil_label,
            other_label=t("other_regions", L),
        ),
        t("income_note", L, year=ctx.year),
    )
    idx = io.ratio.sort_values().index
    cols = [
        t("code", L),
        t("region", L),
        ctx.header(ctx.iname(WAGE), ctx.unit(WAGE)),
        t("wage_rel", L),
        ctx.header(ctx.iname(GRP_PC), ctx.unit(GRP_PC)),
        t("grp_rel", L),
        t("rho", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: list(idx),
            cols[1]: [ctx.rname(c) for c in idx],
            cols[2]: w.reindex(idx).to_numpy(),
            cols[3]: io.w_rel.reindex(idx).to_numpy(),
            cols[4]: y.reindex(idx).to_numpy(),
            cols[5]: io.y_rel.reindex(idx).to_numpy(),
            cols[6]: io.ratio.reindex(idx).to_numpy(),
        }
    )
    nat = [registry.NATIONAL, t("national_value", L), io.w_national, 1.0, io.y_national, 1.0, 1.0]
    df = pd.concat([df, pd.DataFrame([nat], columns=cols)], ignore_index=True)
    notes = [t("income_note", L, year=ctx.year)]
    if io.w_source != "supplied" or io.y_source != "supplied":
        notes.append(f"w: {io.w_source}; y: {io.y_source}")
    ctx.table(
        sec,
        ReportTable(
            "income_output",
            f"{t('income_title', L)}, {ctx.year}",
            df,
            digits={cols[2]: 0, cols[3]: 2, cols[4]: 1, cols[5]: 2, cols[6]: 2},
            notes=notes,
            sources=ctx.sources_of(WAGE, GRP_PC),
        ),
    )
    if not oil:
        return
    rows = {
        lg: "; ".join(
            _OIL_ROW[lg].format(
                name=registry.name(c, lg),
                y=fmt_number(io.y_rel[c], lg, 2),
                w=fmt_number(io.w_rel[c], lg, 2),
                r=fmt_number(io.ratio[c], lg, 2),
            )
            for c in oil
        )
        for lg in LANGS
    }
    ctx.findings.append(
        findings.make(
            "income_output",
            "income_output",
            year=("text", str(ctx.year)),
            oil=("text", rows),
            n_below=("int", int((io.ratio < 1).sum())),
            n=("int", len(io.ratio)),
            min_region=("region", io.ratio.idxmin()),
            min=("num2", io.ratio.min()),
        )
    )


def _poverty(ctx: _Ctx, sec: Section) -> None:
    """Change of the poverty share between the two latest years with regional figures.

    Read as published (each year on its own division): a code names the same territory in
    every year, so a region with both years is compared as it is; nothing is filled.
    """
    from aimaq.analysis.labour import share_change

    L = ctx.lang
    f = ctx.data.frame(POVERTY, None)
    f = f[f["year"] <= ctx.year]
    reg = f[f["region"] != registry.NATIONAL]
    years = sorted(int(y) for y in reg["year"].unique())
    if len(years) < 2:
        ctx.missing(sec, t("poverty_too_few", L, n=0))
        return
    s, e = years[-2], years[-1]
    for y in (s, e):
        ctx.data._record(POVERTY, y, y, f[f["year"] == y], registry.region_codes(y))
    sub = f[f["year"].isin([s, e])]
    panel = sub[sub["region"] != registry.NATIONAL].pivot(
        index="region", columns="year", values="value"
    )
    panel = panel.reindex(columns=[s, e])
    nat = sub[sub["region"] == registry.NATIONAL].set_index("year")["value"]
    both = panel.dropna().index
    if len(both) < 2:
        ctx.missing(sec, t("poverty_too_few", L, n=len(both)))
        return
    sc = share_change(panel.loc[both], s, e, national=nat)
    unit = "%"
    cols = [t("code", L), t("region", L), f"{s}, {unit}", f"{e}, {unit}", f"Δ, {t('pp', L)}"]
    order = list(both) + [c for c in panel.index if c not in both]
    df = pd.DataFrame(
        {
            cols[0]: order,
            cols[1]: [ctx.rname(c) for c in order],
            cols[2]: panel.loc[order, s].to_numpy(),
            cols[3]: panel.loc[order, e].to_numpy(),
            cols[4]: sc.delta.reindex(order).to_numpy(),
        }
    )
    natrow = [registry.NATIONAL, t("national_value", L), nat.get(s), nat.get(e), sc.national_delta]
    df = pd.concat([df, pd.DataFrame([natrow], columns=cols)], ignore_index=True)
    want = registry.region_codes(ctx.borders)
    gaps = [c for c in want if c not in both]
    ctx.table(
        sec,
        ReportTable(
            "poverty_change",
            t("poverty_title", L, start=s, end=e),
            df,
            digits={cols[2]: 1, cols[3]: 1, cols[4]: 1},
            notes=[
                t(
                    "poverty_note",
                    L,
                    n=len(both),
                    gaps=ctx.rlist(gaps) or "–",
                )
            ],
            sources=ctx.sources_of(POVERTY),
        ),
    )


# ---------------------------------------------------------------------------------------------
# issue 4: smart specialisation, typology, single-industry towns
# ---------------------------------------------------------------------------------------------
GVA_PROBE = "gva_A_mln_kzt"
#: LQ thresholds of the shaded cells of the location-quotient table.
LQ_LEVELS = [1.0, 1.5, 2.0]
OUTFLOW_SHARE = 0.1


class _StoreView:
    """The store as :mod:`aimaq.datasets` reads it, through the report's memo.

    ``observations`` answers from :meth:`_Data.frame` (one harmonised query per indicator and
    division for the whole build), so the section builders share the queries of the rest of
    the report. With ``borders`` set, every read is on that division.
    """

    def __init__(self, data: _Data, borders: int | None = None):
        self.data = data
        self.borders = borders

    def observations(self, indicator, years=None, regions=None, borders=None) -> pd.DataFrame:
        b = self.borders if self.borders is not None else borders
        if years is not None and b is not None and (indicator, b) not in self.data._q:
            f = self.data.years_on(indicator, [int(y) for y in years], int(b))
        else:
            f = self.data.frame(indicator, b)
            if years is not None:
                f = f[f["year"].isin([int(y) for y in years])]
        if regions is not None:
            f = f[f["region"].isin(list(regions))]
        return f


def _use(ctx: _Ctx, ind: str, year: int, borders: int) -> None:
    """Record the sources (and gaps) of ``ind`` in ``year`` on ``borders`` for the appendix."""
    f = ctx.data.frame(ind, borders)
    ctx.data._record(ind, year, borders, f[f["year"] == year], registry.region_codes(borders))


def _gva_ids() -> list[str]:
    from aimaq.datasets import OKED_SECTIONS

    return [f"gva_{s}_mln_kzt" for s in OKED_SECTIONS]


def _section_name(code: str, lang: str) -> str:
    """OKED section name from the catalogue (the GVA indicator's name without its prefix)."""
    name = catalogue.get(f"gva_{code}_mln_kzt").name(lang)
    name = name.split(": ", 1)[-1]
    return name.rsplit(" (", 1)[0]


def _oked_legend(cols, lang: str) -> str:
    return t("oked_legend", lang, legend="; ".join(f"{c} — {_section_name(c, lang)}" for c in cols))


def _specialisation(ctx: _Ctx, sec: Section) -> None:
    """Smart specialisation from GVA by OKED section: ECI and Krugman maps, LQ heat-map table,
    profiles (top specialisations, candidate activities) and the shift-share table."""
    from aimaq.analysis import specialisation as sp
    from aimaq.datasets import activity_matrix

    L = ctx.lang
    view = _StoreView(ctx.data)
    m1 = activity_matrix(view, ctx.year, ctx.borders, "gva")
    if len(m1.X) < 3:
        raise NoData(t("missing_indicator", L, indicator=t("gva_sections", L), year=ctx.year))
    if m1.missing:
        ctx.missing(
            sec,
            t("left_out", L, regions=ctx.rlist(m1.missing)),
        )
    X = m1.X
    unit = ctx.unit(GVA_PROBE)
    srcs = ctx.sources_of(*_gva_ids())
    summ = sp.specialisation_summary(X, n_candidates=3)
    tab = summ.table
    ctx.text(
        sec,
        f"<p class='note'>{t('spec_intro', L, year=ctx.year, borders=ctx.borders, unit=unit)}</p>",
    )
    eci_unit = t("eci_unit", L)
    ctx.figure(
        sec,
        charts.choropleth(
            tab["ECI"],
            title=f"{t('eci_title', L)}, {ctx.year}",
            unit=eci_unit,
            lang=L,
            borders=ctx.borders,
            direction="higher_better",
            digits=3,
        ),
        t("classes", L, scheme="Fisher-Jenks", k=min(5, tab["ECI"].nunique())),
    )
    ctx.figure(
        sec,
        charts.choropleth(
            tab["K"],
            title=f"{t('krugman_title', L)}, {ctx.year}",
            unit=t("krugman_unit", L),
            lang=L,
            borders=ctx.borders,
            direction="neutral",
            digits=3,
        ),
        t("classes", L, scheme="Fisher-Jenks", k=min(5, tab["K"].nunique())),
    )
    # location quotients: a heat-map table
    lq = sp.location_quotients(X).LQ
    cols = [f"{c}, LQ" for c in lq.columns]
    df = pd.DataFrame(lq.to_numpy(), columns=cols)
    df.insert(0, t("region", L), [ctx.rname(c) for c in lq.index])
    df.insert(0, t("code", L), list(lq.index))
    ctx.table(
        sec,
        ReportTable(
            "location_quotients",
            f"{t('lq_title', L)}, {ctx.year}",
            df,
            digits={c: 2 for c in cols},
            notes=[t("lq_note", L), _oked_legend(lq.columns, L)],
            sources=srcs,
            highlight={c: LQ_LEVELS for c in cols},
        ),
    )
    # profiles: top specialisations and candidate activities with their numbers
    rows = []
    for r in X.index:
        p = summ.profiles[r]
        specs = p.specialisations.head(3)
        cands = p.candidates
        rows.append(
            [
                r,
                ctx.rname(r),
                tab.loc[r, "ECI"],
                tab.loc[r, "K"],
                tab.loc[r, "N_eq"],
                int(tab.loc[r, "kc0"]),
                ", ".join(f"{a} {fmt_number(v, L, 2)}" for a, v in specs["LQ1"].items()),
                ", ".join(
                    f"{a} (ω {fmt_number(o, L, 2)}; PCI {fmt_number(pc, L, 2)})"
                    for a, o, pc in zip(cands.index, cands["omega"], cands["PCI"], strict=True)
                ),
            ]
        )
    pcols = [
        t("code", L),
        t("region", L),
        "ECI, " + eci_unit,
        "Krugman K, " + t("krugman_unit", L),
        t("n_eq", L),
        t("n_spec", L),
        t("top_spec", L),
        t("top_cand", L),
    ]
    prof = pd.DataFrame(rows, columns=pcols).sort_values(pcols[2], ascending=False)
    ctx.table(
        sec,
        ReportTable(
            "specialisation_profiles",
            f"{t('spec_profile_title', L)}, {ctx.year}",
            prof,
            digits={pcols[2]: 3, pcols[3]: 3, pcols[4]: 2, pcols[5]: 0},
            notes=[t("spec_profile_note", L), _oked_legend(lq.columns, L)],
            sources=srcs,
        ),
    )
    ctx.findings.append(
        findings.make(
            "specialisation",
            "specialisation_profiles",
            year=("text", str(ctx.year)),
            div_region=("region", tab["N_eq"].idxmax()),
            n_eq=("num1", tab["N_eq"].max()),
            spec_region=("region", tab["K"].idxmax()),
            k=("num2", tab["K"].max()),
            eci_region=("region", tab["ECI"].idxmax()),
            eci=("num2", tab["ECI"].max()),
        )
    )
    _shift_share(ctx, sec, view, unit)


def _shift_share(ctx: _Ctx, sec: Section, view: _StoreView, unit: str) -> None:
    """Shift-share from the earliest GVA year to the report year, on the base year's borders."""
    from aimaq.analysis.specialisation import shift_share
    from aimaq.datasets import activity_matrix

    L = ctx.lang
    first = [int(y) for y in ctx.data.frame(GVA_PROBE, None)["year"].unique()]
    y0 = min(first) if first else ctx.year
    if y0 >= ctx.year:
        ctx.missing(sec, t("no_base_year", L))
        return
    b0 = y0
    m0 = activity_matrix(view, y0, b0, "gva")
    m1 = activity_matrix(view, ctx.year, b0, "gva")
    common = m0.X.index.intersection(m1.X.index)
    if len(common) < 3:
        ctx.missing(sec, t("no_base_year", L))
        return
    ss = shift_share(m0.X.loc[common], m1.X.loc[common])
    s = ss.summary
    total = s[["NS", "IM", "RS"]].sum(axis=1)
    diff = s["dx"] - total
    y1 = ctx.year
    cols = [
        t("code", L),
        t("region", L),
        f"x0 ({y0}), {unit}",
        f"x1 ({y1}), {unit}",
        f"Δx, {unit}",
        f"NS, {unit}",
        f"IM, {unit}",
        f"RS, {unit}",
        f"NS + IM + RS, {unit}",
        f"Δx − (NS + IM + RS), {unit}",
    ]
    df = pd.DataFrame(
        {
            cols[0]: list(s.index),
            cols[1]: [ctx.rname(c) for c in s.index],
            cols[2]: s["x0"].to_numpy(),
            cols[3]: s["x1"].to_numpy(),
            cols[4]: s["dx"].to_numpy(),
            cols[5]: s["NS"].to_numpy(),
            cols[6]: s["IM"].to_numpy(),
            cols[7]: s["RS"].to_numpy(),
            cols[8]: total.to_numpy(),
            cols[9]: diff.to_numpy(),
        }
    )
    sums = [float(df[c].sum()) for c in cols[2:]]
    df = pd.concat(
        [df, pd.DataFrame([[registry.NATIONAL, t("sum_regions", L), *sums]], columns=cols)],
        ignore_index=True,
    )
    max_diff = float(diff.abs().max())
    ctx.table(
        sec,
        ReportTable(
            "shift_share",
            t("shiftshare_title", L, y0=y0, y1=y1, borders=b0),
            df,
            digits={**{c: 1 for c in cols[2:9]}, cols[9]: 6},
            notes=[
                t("shiftshare_note", L, y0=y0, y1=y1, borders=b0, g=fmt_number(100 * ss.g, L, 1)),
                t("shiftshare_check", L, diff=fmt_number(max_diff, L, 6), unit=unit),
            ],
            sources=ctx.sources_of(*_gva_ids()),
        ),
        collapsed=False,
    )
    top, low = s["RS"].idxmax(), s["RS"].idxmin()
    ctx.findings.append(
        findings.make(
            "shift_share",
            "shift_share",
            y0=("text", str(y0)),
            y1=("text", str(y1)),
            g=("pct", 100 * ss.g),
            top=("region", top),
            rs_top=("signed0", s.loc[top, "RS"]),
            low=("region", low),
            rs_low=("signed0", s.loc[low, "RS"]),
            unit=("text", {lg: catalogue.get(GVA_PROBE).unit_label(lg) for lg in LANGS}),
        )
    )


def _indicator_label(spec, lang: str) -> str:
    """Catalogue name of a typology indicator (numerator / denominator for derived ones)."""
    try:
        return catalogue.get(spec.id).name(lang)
    except (KeyError, ValueError):
        pass
    if spec.numerator:
        return f"{catalogue.get(spec.numerator).name(lang)} / {catalogue.get(spec.denominator).name(lang)}"
    return catalogue.get(spec.source or spec.id).name(lang)


def _typology(ctx: _Ctx, sec: Section) -> None:
    """Composite development index (default weights: a documented choice) with its rank range
    under weight perturbations, and the types of regions (Ward, k by silhouette)."""
    from aimaq.analysis.typology import composite_index, load_typology_weights, typology
    from aimaq.datasets import typology_table

    L = ctx.lang
    spec = load_typology_weights()
    data, used = typology_table(_StoreView(ctx.data, ctx.borders), ctx.year, spec)
    for ind, y in used.items():
        _use(ctx, ind, y, ctx.borders)
    srcs = ctx.sources_of(*used)
    names = {k: _indicator_label(s, L) for k, s in spec.items()}
    lacking = [k for k in spec if k not in data or data[k].notna().sum() < 3]
    if lacking:
        raise NoData(
            t("typology_missing", L, year=ctx.year, indicators="; ".join(names[k] for k in lacking))
        )
    weights = "; ".join(
        f"{names[k]} {fmt_number(s.weight, L, 2)} ({t('better_' + str(s.direction), L)})"
        for k, s in spec.items()
    )
    years = ", ".join(f"{catalogue.get(i).name(L)} {y}" for i, y in used.items())
    ci = composite_index(data, spec)
    ctx.text(sec, f"<p class='note'>{t('weights_choice', L, weights=weights)}</p>")
    idx_unit = t("index_unit", L)
    ctx.figure(
        sec,
        charts.choropleth(
            ci.I,
            title=f"{t('ci_title', L)}, {ctx.year}",
            unit=idx_unit,
            lang=L,
            borders=ctx.borders,
            direction="higher_better",
            digits=3,
        ),
        t("classes", L, scheme="Fisher-Jenks", k=min(5, ci.I.nunique())),
    )
    sens = ci.sensitivity
    r = t("rank", L)
    cols = [
        r,
        t("code", L),
        t("region", L),
        f"I, {idx_unit}",
        f"{r}: min",
        f"{r}: 5%",
        f"{r}: {t('median', L)}",
        f"{r}: 95%",
        f"{r}: max",
        t("rank_range", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: ci.rank.to_numpy(),
            cols[1]: list(ci.I.index),
            cols[2]: [ctx.rname(c) for c in ci.I.index],
            cols[3]: ci.I.to_numpy(),
            cols[4]: sens["rank_min"].to_numpy(),
            cols[5]: sens["rank_p05"].to_numpy(),
            cols[6]: sens["rank_median"].to_numpy(),
            cols[7]: sens["rank_p95"].to_numpy(),
            cols[8]: sens["rank_max"].to_numpy(),
            cols[9]: sens["rank_range"].to_numpy(),
        }
    )
    notes = [
        t("weights_choice", L, weights=weights),
        t("ci_perturb_note", L, n=ci.n_draws, c=fmt_number(ci.concentration, L, 0), seed=ci.seed),
        t("years_used", L, years=years),
    ]
    if ci.excluded:
        notes.append(
            t("excluded", L, regions=ctx.rlist(ci.excluded))
        )
    ctx.table(
        sec,
        ReportTable(
            "composite_index",
            f"{t('ci_title', L)}, {ctx.year}",
            df,
            digits={cols[0]: 0, cols[3]: 3, **{c: 0 for c in cols[4:]}},
            notes=notes,
            sources=srcs,
        ),
    )
    # types of regions
    ty = typology(data[list(spec)], method="ward", labels=names)
    kmin, kmax = int(ty.silhouette.index.min()), int(ty.silhouette.index.max())
    types = {k: t("type_n", L, n=k) for k in sorted(ty.size.index)}
    fig = charts.categorical_map(
        ty.labels,
        types,
        title=f"{t('types_title', L)}, {ctx.year}",
        lang=L,
        borders=ctx.borders,
    )
    type_note = t(
        "types_note",
        L,
        k=ty.k,
        sil=fmt_number(ty.silhouette[ty.k], L, 2),
        kmin=kmin,
        kmax=kmax,
    )
    ctx.figure(sec, fig, type_note)
    rows = []
    zc = [f"z: {names[c]}, {t('sd', L)}" for c in ty.centroids.columns]
    for k, row in ty.centroids.iterrows():
        members = ty.labels.index[ty.labels == k]
        top = row.reindex(row.abs().sort_values(ascending=False, kind="stable").index).head(3)
        desc = "; ".join(
            f"{t('high' if v > 0 else 'low', L)}: {names[c]} ({fmt_signed(v, L, 2)})"
            for c, v in top.items()
        )
        rows.append(
            [types[k], int(ty.size[k]), ", ".join(ctx.rname(c) for c in members), desc, *row]
        )
    dcols = [t("type", L), t("n_regions", L), t("region", L), t("distinguishing", L), *zc]
    ddf = pd.DataFrame(rows, columns=dcols)
    tnotes = [type_note, t("z_note", L)]
    if ty.excluded:
        tnotes.append(
            t("excluded", L, regions=ctx.rlist(ty.excluded))
        )
    ctx.table(
        sec,
        ReportTable(
            "typology",
            f"{t('types_title', L)}, {ctx.year}",
            ddf,
            digits={dcols[1]: 0, **{c: 2 for c in zc}},
            notes=tnotes,
            sources=srcs,
        ),
    )
    top, bottom = ci.I.index[0], ci.I.index[-1]
    ctx.findings.append(
        findings.make(
            "typology",
            "composite_index",
            year=("text", str(ctx.year)),
            top=("region", top),
            top_min=("int", sens.loc[top, "rank_min"]),
            top_max=("int", sens.loc[top, "rank_max"]),
            bottom=("region", bottom),
            k=("int", ty.k),
        )
    )


def _settlements(ctx: _Ctx) -> pd.DataFrame:
    """The settlements table, loaded once per build (its own cache makes it fast later)."""
    if "settlements" not in ctx.cache:
        from aimaq.geo.settlements import settlements

        ctx.cache["settlements"] = settlements(min_population=0)
    return ctx.cache["settlements"]


def _monotowns(ctx: _Ctx, sec: Section) -> None:
    """Single-industry towns: registry (unmatched towns listed), map of the located towns,
    vulnerability components with coverage (missing scores left missing), outflow scenario."""
    from aimaq.analysis import monotowns as mt

    L = ctx.lang
    towns = mt.load_monotowns()
    if towns.empty:
        raise NoData(t("missing_section", L))
    S = _settlements(ctx)
    match = mt.match_settlements(towns, settlements=S)
    towns_i = towns.set_index("town")
    located = match.matched
    reg_src = [t("mt_registry_source", L), t("geonames_source", L)]
    ctx.text(sec, f"<p class='note'>{t('mt_intro', L, n=len(towns), n_located=len(located))}</p>")
    # the registry
    rows = []
    for town, r in towns_i.iterrows():
        code = r["region_code"]
        loc = located.loc[town] if town in located.index else None
        rows.append(
            [
                town,
                ctx.rname(code) if isinstance(code, str) else str(r["region"]),
                r.get("core_industry") if isinstance(r.get("core_industry"), str) else "",
                r.get("population"),
                str(r["year"]) if pd.notna(r.get("year")) else "",
                str(r.get("status") or ""),
                loc["settlement"]
                if loc is not None
                else _unmatched_reason(match.unmatched.get(town, ""), L),
                loc["lat"] if loc is not None else None,
                loc["lon"] if loc is not None else None,
            ]
        )
    cols = [
        t("town", L),
        t("region", L),
        t("core_industry", L),
        t("mt_population", L),
        t("population_year", L),
        t("status", L),
        t("settlement", L),
        t("lat", L),
        t("lon", L),
    ]
    reg = pd.DataFrame(rows, columns=cols)
    notes = []
    if match.unmatched:
        notes.append(t("mt_unmatched", L, towns=", ".join(match.unmatched)))
    ctx.table(
        sec,
        ReportTable(
            "monotowns",
            t("mt_registry_title", L),
            reg,
            digits={cols[3]: 0, cols[7]: 4, cols[8]: 4},
            notes=notes,
            sources=reg_src,
        ),
    )
    if located.empty:
        raise NoData(t("mt_none_located", L))
    # points over the region outlines
    pts = pd.DataFrame(
        {
            "lat": located["lat"],
            "lon": located["lon"],
            "label": list(located.index.str.replace(r"\s*\(.*?\)", "", regex=True)),
            "hover": [
                f"{town} — {ctx.rname(c) if isinstance(c, str) else ''}"
                for town, c in zip(located.index, located["region_code"], strict=True)
            ],
        }
    )
    ctx.figure(
        sec,
        charts.points_map(
            pts,
            title=t("mt_map_title", L),
            lang=L,
            borders=max(ctx.borders, LAST_OLD_BORDERS + 1),
            legend_label=t("mt_legend", L),
        ),
        t("mt_map_note", L, n=len(located), n_all=len(towns)),
    )
    # vulnerability components
    v = mt.vulnerability(located, settlements=S)
    cfg = v.config
    comp = v.components
    vcols = [
        t("town", L),
        t("region", L),
        t("nearest_city", L),
        t("distance_km", L),
        t("pop_within", L, r=fmt_number(cfg.radius_km, L, 0)),
        "s: " + t("c_dependence", L) + ", 0–1",
        "s: " + t("c_population", L) + ", 0–1",
        "s: " + t("c_distance", L) + ", 0–1",
        "s: " + t("c_remoteness", L) + ", 0–1",
        t("coverage_pct", L),
        "V, " + t("v_unit", L),
    ]
    vdf = pd.DataFrame(
        {
            vcols[0]: list(comp.index),
            vcols[1]: [ctx.rname(c) for c in located.loc[comp.index, "region_code"]],
            vcols[2]: comp["nearest_large_city"].to_numpy(),
            vcols[3]: comp["distance_km"].to_numpy(),
            vcols[4]: comp["population_within_km"].to_numpy(),
            vcols[5]: comp["s_dependence"].to_numpy(float),
            vcols[6]: comp["s_population"].to_numpy(float),
            vcols[7]: comp["s_distance"].to_numpy(float),
            vcols[8]: comp["s_remoteness"].to_numpy(float),
            vcols[9]: 100 * v.coverage.to_numpy(),
            vcols[10]: v.V.to_numpy(),
        }
    )
    weights = "; ".join(f"{t('c_' + c, L)} {fmt_number(w, L, 2)}" for c, w in v.w.items())
    no_data = [c for c in v.w.index if comp[f"s_{c}"].isna().all() and v.w[c] > 0]
    n_scored = int(v.V.notna().sum())
    vnote = t(
        "mt_vuln_note",
        L,
        weights=weights,
        missing=", ".join(t("c_" + c, L) for c in no_data) or "–",
        min_cov=fmt_number(100 * cfg.min_coverage, L, 0),
        n=n_scored,
        n_all=len(comp),
    )
    ctx.text(sec, f"<p class='note'>{vnote}</p>")
    ctx.table(
        sec,
        ReportTable(
            "monotown_vulnerability",
            t("mt_vuln_title", L),
            vdf,
            digits={
                vcols[3]: 0,
                vcols[4]: 0,
                **{c: 3 for c in vcols[5:9]},
                vcols[9]: 0,
                vcols[10]: 3,
            },
            notes=[
                vnote,
                t(
                    "mt_anchors",
                    L,
                    d=fmt_number(cfg.d_ref_km, L, 0),
                    r=fmt_number(cfg.radius_km, L, 0),
                    p=fmt_number(cfg.p_ref, L, 0),
                    big=fmt_number(cfg.large_city_min_population, L, 0),
                ),
            ],
            sources=reg_src,
        ),
    )
    _outflow(ctx, sec, towns_i, located, S, reg_src)


def _unmatched_reason(reason: str, lang: str) -> str:
    """Why a town was not located, in ``lang`` (from :func:`match_settlements`' reason)."""
    if "other region" in reason:
        return t("mt_other_region", lang)
    return t("mt_not_found", lang)


def _outflow(
    ctx: _Ctx,
    sec: Section,
    towns_i: pd.DataFrame,
    located: pd.DataFrame,
    S: pd.DataFrame,
    reg_src: list[str],
) -> None:
    """:data:`OUTFLOW_SHARE` of each located town's population moves to its nearest large city:
    per town (registry population where dated, else GeoNames) and per receiving city."""
    from aimaq.analysis import monotowns as mt

    L = ctx.lang
    pop = towns_i["population"].reindex(located.index).dropna().astype(float)
    cur = max(ctx.borders, LAST_OLD_BORDERS + 1)
    try:
        rp, _ = ctx.data.cross(POP, ctx.year, cur)
    except NoData:
        rp = pd.Series(dtype=float)
    big = mt.VulnerabilityConfig().large_city_min_population
    o = mt.outflow_scenario(
        located,
        share=OUTFLOW_SHARE,
        settlements=S,
        population=pop,
        region_population=rp,
        large_city_min_population=big,
    )
    tab = o.table
    share = fmt_pct(100 * o.share, L, 0)
    src = [
        t("p_registry", L, year=towns_i.loc[town, "year"]) if s == "given" else t("p_geonames", L)
        for town, s in zip(tab.index, tab["P_source"], strict=True)
    ]
    cols = [
        t("town", L),
        t("region", L),
        t("p_town", L),
        t("p_source", L),
        t("movers", L),
        t("nearest_city", L),
        t("city_region", L),
        t("distance_km", L),
        t("p_city", L),
        t("city_increase", L),
        t("origin_pct", L),
        t("dest_pct", L),
    ]
    df = pd.DataFrame(
        {
            cols[0]: list(tab.index),
            cols[1]: [ctx.rname(c) for c in tab["region_code"]],
            cols[2]: tab["P"].to_numpy(),
            cols[3]: src,
            cols[4]: tab["m"].to_numpy(),
            cols[5]: tab["city"].to_numpy(),
            cols[6]: [ctx.rname(c) for c in tab["city_region"]],
            cols[7]: tab["distance_km"].to_numpy(),
            cols[8]: tab["P_city"].to_numpy(),
            cols[9]: tab["city_increase_pct"].to_numpy(),
            cols[10]: tab["origin_region_pct"].to_numpy() if "origin_region_pct" in tab else None,
            cols[11]: tab["dest_region_pct"].to_numpy() if "dest_region_pct" in tab else None,
        }
    ).sort_values(cols[9], ascending=False)
    notes = [t("outflow_note", L, big=fmt_number(big, L, 0), year=ctx.year)]
    if o.unresolved:
        notes.append(t("mt_unresolved", L, towns=", ".join(o.unresolved)))
    ctx.table(
        sec,
        ReportTable(
            "monotown_outflow",
            t("outflow_title", L, share=share),
            df,
            digits={
                cols[2]: 0,
                cols[4]: 0,
                cols[7]: 0,
                cols[8]: 0,
                cols[9]: 2,
                cols[10]: 3,
                cols[11]: 3,
            },
            notes=notes,
            sources=[*reg_src, *ctx.sources_of(POP)],
        ),
    )
    bc = o.by_city
    ccols = [
        t("city", L),
        t("p_city", L),
        t("movers", L),
        t("p_city_after", L),
        t("city_increase", L),
        t("towns", L),
    ]
    cdf = pd.DataFrame(
        {
            ccols[0]: list(bc.index),
            ccols[1]: bc["P_city"].to_numpy(),
            ccols[2]: bc["m"].to_numpy(),
            ccols[3]: bc["P_city_after"].to_numpy(),
            ccols[4]: bc["city_increase_pct"].to_numpy(),
            ccols[5]: bc["towns"].to_numpy(),
        }
    )
    ctx.table(
        sec,
        ReportTable(
            "monotown_outflow_cities",
            t("outflow_cities_title", L, share=share),
            cdf,
            digits={ccols[1]: 0, ccols[2]: 0, ccols[3]: 0, ccols[4]: 2},
            sources=reg_src,
        ),
        collapsed=True,
    )
    top = bc.index[0]
    ctx.findings.append(
        findings.make(
            "monotowns",
            "monotown_outflow",
            n=("int", len(towns_i)),
            n_located=("int", len(located)),
            share=("text", {lg: fmt_pct(100 * o.share, lg, 0) for lg in LANGS}),
            city=("text", str(top)),
            increase=("pct", bc.loc[top, "city_increase_pct"]),
            towns=("text", str(bc.loc[top, "towns"])),
        )
    )


def _appendix(ctx: _Ctx, sec: Section) -> tuple[pd.DataFrame, pd.DataFrame]:
    L = ctx.lang
    from aimaq.geo.polygons import SOURCE

    srows = []
    for (ind, year), srcs in sorted(ctx.data.used.items()):
        for s in sorted(srcs):
            srows.append([ind, ctx.iname(ind), str(year), s])
    src = pd.DataFrame(srows, columns=["id", t("indicator", L), t("year", L), t("source", L)])
    # merge consecutive years with the same source
    if len(src):
        src = (
            src.groupby(["id", t("indicator", L), t("source", L)], sort=False)[t("year", L)]
            .agg(lambda y: ", ".join(sorted(set(y))))
            .reset_index()
        )
        src = src[["id", t("indicator", L), t("year", L), t("source", L)]]
    src = pd.concat(
        [
            src,
            pd.DataFrame(
                [["polygons", "boundaries (area km², contiguity)", "", SOURCE]], columns=src.columns
            ),
        ],
        ignore_index=True,
    )
    ctx.table(
        sec,
        ReportTable(
            "sources",
            t("sources", L),
            src,
            notes=[t("generated", L, version=_version(), date=dt.date.today())],
        ),
    )
    grows = []
    for (ind, year, b), miss in sorted(ctx.data.gaps.items()):
        if not miss:
            continue
        by_reason: dict[str, list[str]] = {}
        for r, why in miss.items():
            by_reason.setdefault(str(why), []).append(r)
        for why, regs in by_reason.items():
            names = ctx.rlist(regs)
            grows.append([ind, ctx.iname(ind), str(year), str(b), len(regs), names, why])
    gaps = pd.DataFrame(
        grows,
        columns=[
            "id",
            t("indicator", L),
            t("year", L),
            "borders",
            t("n_regions", L),
            t("missing_regions", L),
            t("reason", L),
        ],
    )
    if gaps.empty:
        ctx.text(sec, f"<p>{t('no_gaps', L)}</p>")
    ctx.table(sec, ReportTable("gaps", t("gaps", L), gaps, digits={t("n_regions", L): 0}))
    cov = _store_coverage(ctx)
    ctx.table(
        sec,
        ReportTable(
            "coverage",
            t("coverage", L),
            cov,
            digits={cov.columns[3]: 0, cov.columns[4]: 0},
            notes=[t("coverage_note", L)],
        ),
        collapsed=True,
    )
    return src, gaps


def _store_coverage(ctx: _Ctx) -> pd.DataFrame:
    """What the store lacks for the report's stored indicators and components, every year.

    Each year is checked against the units in force that year (its own division); rows only
    for indicator-years with something missing.
    """
    L = ctx.lang
    ids: list[str] = []
    for i in [*KEY_INDICATORS, GRP, POP, EMP]:
        ind = catalogue.get(i)
        ids += [i, *ind.components]
    cov = ctx.data.coverage()
    stored = set(cov["indicator"])
    ids = [i for i in dict.fromkeys(ids) if i in stored]
    cov = cov[cov["indicator"].isin(ids)]
    years = range(int(cov["year"].min()), int(cov["year"].max()) + 1) if len(cov) else []
    have = cov.groupby(["indicator", "year"])["region"].agg(set).to_dict()
    rows = []
    for i in ids:
        for y in years:
            want = [registry.NATIONAL, *registry.region_codes(y)]
            got = have.get((i, y), set())
            miss = [r for r in want if r not in got]
            if not miss:
                continue
            regions = (
                t("all_regions", L) if not got else ctx.rlist(miss)
            )
            rows.append([i, ctx.iname(i), str(y), len(want) - len(miss), len(want), regions])
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            t("indicator", L),
            t("year", L),
            t("n_present", L),
            t("n_expected", L),
            t("missing_regions", L),
        ],
    )


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("aimaq")
    except Exception:  # noqa: BLE001 - not installed: a source checkout
        return "dev"


SECTIONS: list[tuple[str, Callable]] = [
    ("key", _key),
    ("maps", _maps),
    ("rankings", _rankings),
    ("trends", _trends),
    ("lorenz", _lorenz),
    ("dispersion", _dispersion),
    ("decomposition", _decomposition),
    ("convergence", _convergence),
    ("spatial", _spatial),
    ("people", _people),
    ("population", _population),
    ("specialisation", _specialisation),
    ("typology", _typology),
    ("monotowns", _monotowns),
]


# ---------------------------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------------------------
def build_report(
    store,
    year: int | None = None,
    lang: str = "en",
    borders: int | None = None,
    out_dir: str | Path = "report",
    progress: Progress | None = None,
    groups: str | Path | None = None,
) -> ReportResult:
    """Build ``out_dir/report.html`` (self-contained, offline) and ``out_dir/report.xlsx``.

    Parameters
    ----------
    store : aimaq.store.Store
        The observation store the figures are read from.
    year : int, optional
        Reference year (default: the latest year with GRP per capita for every current region,
        :func:`default_year`).
    lang : {"en", "ru", "kk"}
        Language of every text of the report.
    borders : int, optional
        Division the regions are shown on (default: the division in force in ``year``). Time
        series and convergence use the last pre-2022 division (2021) when ``borders`` is later,
        so that every year covers the same regions.
    out_dir : path-like
        Output directory (created if needed).
    progress : callable, optional
        ``progress(step, i, n)`` called before each step (e.g. to drive a Rich progress bar).
    groups : path-like, optional
        Macro-region grouping file (default: the bundled five macro-regions).

    Returns
    -------
    ReportResult
    """
    import plotly.offline
    from jinja2 import Environment, PackageLoader, select_autoescape

    if lang not in LANGS:
        raise ValueError(f"build_report: lang must be one of {', '.join(LANGS)}, got {lang!r}")
    t0 = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = _Data(store, lang)
    year = int(year) if year is not None else default_year(store, data.coverage())
    b = int(borders) if borders is not None else year
    ctx = _Ctx(data=data, lang=lang, year=year, borders=b, groups_path=groups)
    n_steps = len(SECTIONS) + 3

    def tick(step: str, i: int) -> None:
        if progress is not None:
            progress(step, i, n_steps)

    for i, (sid, fn) in enumerate(SECTIONS):
        tick(sid, i)
        sec = Section(sid, t(f"sec_{sid}", lang))
        ctx.sections.append(sec)
        try:
            fn(ctx, sec)
        except NoData as e:
            ctx.missing(sec, str(e))
        except (ValueError, KeyError, ZeroDivisionError) as e:
            # analysis refused the data (e.g. too few regions): say so, keep building
            sec.error = f"{type(e).__name__}: {e}"
            ctx.missing(sec, t("missing_section", lang) + f" ({e})")
    tick("appendix", len(SECTIONS))
    app = Section("appendix", t("sec_appendix", lang))
    src, gaps = _appendix(ctx, app)
    ctx.sections.append(app)

    tick("html", len(SECTIONS) + 1)
    env = Environment(
        loader=PackageLoader("aimaq.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
    )
    tpl = env.get_template("report.html.j2")
    css = resources.files("aimaq.report").joinpath("templates", "report.css").read_text("utf-8")
    summary = [s for s in ctx.sections if s.id != "key"]
    html = tpl.render(
        lang=lang,
        t=lambda key, **kw: t(key, lang, **kw),
        year=year,
        borders=b,
        css=css,
        plotlyjs=plotly.offline.get_plotlyjs(),
        findings=ctx.findings,
        tables={tab.id: tab for tab in ctx.tables},
        sections=ctx.sections,
        summary=summary,
        to_html=lambda tab: to_html(tab, lang),
        generated=t("generated", lang, version=_version(), date=dt.date.today().isoformat()),
    )
    html_path = out / "report.html"
    html_path.write_text(html, encoding="utf-8")

    tick("xlsx", len(SECTIONS) + 2)
    xlsx_path = out / "report.xlsx"
    sheets = write_xlsx(ctx.tables, xlsx_path, title=t("title", lang) + f", {year}")
    tick("done", n_steps)
    return ReportResult(
        html=html_path,
        xlsx=xlsx_path,
        year=year,
        lang=lang,
        borders=b,
        sections=ctx.sections,
        tables=ctx.tables,
        findings=ctx.findings,
        gaps=gaps,
        sources=src,
        sheets=sheets,
        seconds=time.perf_counter() - t0,
    )
