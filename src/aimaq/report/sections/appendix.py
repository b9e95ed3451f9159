"""The data appendix: sources of every figure used, gaps, store coverage."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from aimaq import catalogue
from aimaq.geo import registry
from aimaq.report.constants import EMP, GRP, KEY_INDICATORS, POP
from aimaq.report.context import Context, Section, version
from aimaq.report.tables import ReportTable
from aimaq.report.text import t

__all__ = ["appendix"]


def appendix(ctx: Context, sec: Section) -> tuple[pd.DataFrame, pd.DataFrame]:
    L = ctx.lang
    from aimaq.datasets import area_source

    SOURCE = area_source()

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
            notes=[t("generated", L, version=version(), date=dt.date.today())],
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


def _store_coverage(ctx: Context) -> pd.DataFrame:
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
            regions = t("all_regions", L) if not got else ctx.rlist(miss)
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
