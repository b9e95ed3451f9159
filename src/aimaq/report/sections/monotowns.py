"""Section: single-industry towns (registry, map, vulnerability, outflow scenario)."""

from __future__ import annotations

import pandas as pd

from aimaq.report import findings, maps
from aimaq.report.constants import LAST_OLD_BORDERS, OUTFLOW_SHARE, POP
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import ReportTable
from aimaq.report.text import LANGS, fmt_number, fmt_pct, t

__all__ = ["monotowns"]


def _settlements(ctx: Context) -> pd.DataFrame:
    """The settlements table, loaded once per build (its own cache makes it fast later)."""
    if "settlements" not in ctx.cache:
        from aimaq.datasets import settlements

        ctx.cache["settlements"] = settlements(min_population=0)
    return ctx.cache["settlements"]


def monotowns(ctx: Context, sec: Section) -> None:
    """Single-industry towns: registry (unmatched towns listed), map of the located towns,
    vulnerability components with coverage (missing scores left missing), outflow scenario."""
    from aimaq.analysis import monotowns as mt

    L = ctx.lang
    from aimaq.datasets import load_monotowns, match_settlements

    towns = load_monotowns()
    if towns.empty:
        raise NoData(t("missing_section", L))
    S = _settlements(ctx)
    match = match_settlements(towns, settlements=S)
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
        maps.points_map(
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
    ctx: Context,
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
        rp, _ = ctx.cross_at(POP, ctx.year, cur)
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
