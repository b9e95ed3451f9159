"""Section: population change by region."""

from __future__ import annotations

import pandas as pd

from aimaq.report import findings
from aimaq.report.constants import POP
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import ReportTable
from aimaq.report.text import t

__all__ = ["population"]


def population(ctx: Context, sec: Section) -> None:
    L = ctx.lang
    pc = ctx.population_change()
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
        nm, _ = ctx.cross_at("net_migration_per_1000", s, ctx.borders)
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
