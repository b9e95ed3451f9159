"""Section: smart specialisation from GVA by OKED section, and shift-share."""

from __future__ import annotations

import pandas as pd

from aimaq import catalogue
from aimaq.geo import registry
from aimaq.report import findings, maps
from aimaq.report.constants import GVA_PROBE, LQ_LEVELS
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import ReportTable
from aimaq.report.text import LANGS, fmt_number, t

__all__ = ["specialisation"]


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


def specialisation(ctx: Context, sec: Section) -> None:
    """Smart specialisation from GVA by OKED section: ECI and Krugman maps, LQ heat-map table,
    profiles (top specialisations, candidate activities) and the shift-share table."""
    from aimaq.analysis import specialisation as sp
    from aimaq.datasets import activity_matrix

    L = ctx.lang
    view = ctx.data.view()
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
        maps.choropleth(
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
        maps.choropleth(
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


def _shift_share(ctx: Context, sec: Section, view, unit: str) -> None:
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
