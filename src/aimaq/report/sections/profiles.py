"""Section: one profile per region (``id="region-<code>"``), linked from the maps and rankings.

Each profile gives the key indicators with value, rank and ratio to the national value and a
sparkline of the region's series, its specialisation, its type, the most similar
regions and the figures missing for it. It reads what the earlier sections computed
(``ctx.cache["specialisation"]``, ``ctx.cache["typology"]``) and says so when they are missing.
"""

from __future__ import annotations

import pandas as pd
from markupsafe import escape

from aimaq import catalogue
from aimaq.geo import registry
from aimaq.report.constants import EMP, GRP, KEY_INDICATORS, PROD
from aimaq.report.context import Context, NoData, Section
from aimaq.report.tables import Column, table_of
from aimaq.report.text import fmt_number, t

__all__ = ["profiles", "sparkline"]

#: Size of a sparkline, px.
SPARK_W, SPARK_H = 120, 26
N_SIMILAR = 3


def sparkline(series: pd.Series, label: str = "") -> str:
    """An inline SVG polyline of ``series`` (index years), scaled to its own range.

    Examples
    --------
    >>> sparkline(pd.Series([1.0, 3.0, 2.0], index=[2020, 2021, 2022])).count("<polyline")
    1
    """
    s = series.dropna().astype(float)
    if len(s) < 2:
        return "–"
    x0, x1 = float(s.index.min()), float(s.index.max())
    lo, hi = float(s.min()), float(s.max())
    span_x = (x1 - x0) or 1.0
    span_y = (hi - lo) or 1.0
    pad = 2.0
    pts = [
        (
            pad + (float(x) - x0) / span_x * (SPARK_W - 2 * pad),
            SPARK_H - pad - (float(v) - lo) / span_y * (SPARK_H - 2 * pad),
        )
        for x, v in s.items()
    ]
    poly = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    lx, ly = pts[-1]
    return (
        f'<svg class="spark" width="{SPARK_W}" height="{SPARK_H}" viewBox="0 0 {SPARK_W} '
        f'{SPARK_H}" role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
        f'<polyline points="{poly}" fill="none" stroke="#2b8cbe" stroke-width="1.5"/>'
        f'<circle cx="{lx:.1f}" cy="{ly:.1f}" r="2" fill="#2b8cbe"/></svg>'
    )


def _series(ctx: Context, ind: str, code: str) -> pd.Series:
    """The region's series of ``ind`` up to the report year under its own code: as published
    for a stored indicator, on the report's division for a derived one (the build's memoised
    query; computing it on every year's own division would cost more than the section)."""
    if ind == PROD:  # GRP per employed person, from its two stored components
        y, e = _series(ctx, GRP, code), _series(ctx, EMP, code)
        conv = catalogue.get(GRP).scale / catalogue.get(EMP).scale / catalogue.get(PROD).scale
        return (y * conv / e).dropna()
    key = ("profile_series", ind)
    if key not in ctx.cache:
        f = ctx.data.frame(ind, ctx.borders if ctx.ind(ind).derived else None)
        f = f[f["year"] <= ctx.year]
        for y, srcs in f.groupby("year")["source"]:
            ctx.data.record_derived(ind, int(y), ctx.borders, set(srcs.dropna().astype(str)), {})
        ctx.cache[key] = {
            r: g.set_index("year")["value"].astype(float).sort_index()
            for r, g in f.groupby("region")
        }
    return ctx.cache[key].get(code, pd.Series(dtype=float))


def _cross_sections(ctx: Context) -> dict[str, tuple[pd.Series, float | None]]:
    out = {}
    for ind in KEY_INDICATORS:
        try:
            out[ind] = ctx.cross(ind, min_n=1)
        except NoData:
            continue
    return out


def profiles(ctx: Context, sec: Section) -> None:
    L = ctx.lang
    codes = registry.region_codes(ctx.borders)
    cross = _cross_sections(ctx)
    if not cross:
        raise NoData(t("missing_section", L))
    spec = ctx.cache.get("specialisation")
    typ = ctx.cache.get("typology")
    index = " · ".join(f'<a href="#region-{c}">{escape(ctx.rname(c))}</a>' for c in codes)
    ctx.text(
        sec, f"<p class='note'>{t('profiles_intro', L)}</p><p class='profile-index'>{index}</p>"
    )
    rows = []
    for code in codes:
        html, rws = _profile(ctx, code, cross, spec, typ)
        ctx.text(sec, html)
        rows += rws
    head = [
        Column(t("code", L)),
        Column(t("region", L)),
        Column(t("indicator", L)),
        Column(t("value", L), 1),
        Column(t("rank", L), 0, "Int64"),
        Column(t("n_regions", L), 0, "Int64"),
        Column(t("ratio_national", L), 2),
    ]
    ctx.table(
        sec,
        table_of(
            "profiles",
            t("profiles_title", L, year=ctx.year),
            head,
            rows,
            sources=ctx.sources_of(*KEY_INDICATORS),
        ),
        collapsed=True,
    )


def _profile(ctx: Context, code: str, cross, spec, typ) -> tuple[str, list[list]]:
    L = ctx.lang
    name = ctx.rname(code)
    trs, rows = [], []
    for ind, (reg, nat) in cross.items():
        meta = ctx.ind(ind)
        v = reg.get(code)
        asc = meta.direction == "higher_worse"
        rank = int(reg.rank(ascending=asc, method="min")[code]) if v is not None else None
        # a ratio is read only between positive levels (not for balances such as net migration)
        ratio = v / nat if v is not None and nat and v > 0 and nat > 0 else None
        dg = KEY_INDICATORS[ind]
        s = _series(ctx, ind, code)
        span = f"{int(s.index.min())}–{int(s.index.max())}" if len(s) > 1 else ""
        spark = sparkline(s, f"{meta.name(L)}, {span}")
        cells = [
            f"{escape(meta.name(L))}<br><span class='unit'>{escape(ctx.unit(ind))}</span>",
            fmt_number(v, L, dg),
            f"{rank} / {len(reg)}" if rank is not None else "–",
            fmt_number(ratio, L, 2),
            spark + (f"<span class='span'>{span}</span>" if span else ""),
        ]
        trs.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        rows.append([code, name, meta.name(L), v, rank, len(reg), ratio])
    head = "".join(
        f"<th>{escape(t(k, L))}</th>"
        for k in ("indicator", "value", "rank", "ratio_national", "series")
    )
    parts = [
        f'<article class="profile" id="region-{code}">',
        f"<h3>{escape(name)} <span class='code'>{code}</span></h3>",
        f"<table class='profile-tab'><thead><tr>{head}</tr></thead><tbody>{''.join(trs)}</tbody></table>",
        "<dl>",
        f"<dt>{escape(t('profile_specialisation', L))}</dt><dd>{_specialisation(ctx, code, spec)}</dd>",
        f"<dt>{escape(t('profile_type', L))}</dt><dd>{_type(ctx, code, typ)}</dd>",
        f"<dt>{escape(t('profile_similar', L))}</dt><dd>{_similar(ctx, code, typ)}</dd>",
        f"<dt>{escape(t('profile_gaps', L))}</dt><dd>{_gaps(ctx, code)}</dd>",
        "</dl>",
        f"<p class='back'><a href='#sec-profiles'>↑ {escape(t('sec_profiles', L))}</a></p>",
        "</article>",
    ]
    return "".join(parts), rows


def _specialisation(ctx: Context, code: str, spec) -> str:
    from aimaq.report.sections.specialisation import section_name

    L = ctx.lang
    if spec is None or code not in spec.table.index:
        return escape(t("profile_no_data", L))
    p = spec.profiles[code]
    lq = p.specialisations["LQ1"]
    if lq.empty:
        return escape(t("none", L))
    return escape(
        "; ".join(f"{section_name(a, L)} (LQ {fmt_number(v, L, 2)})" for a, v in lq.head(3).items())
    )


def _type(ctx: Context, code: str, typ) -> str:
    L = ctx.lang
    if typ is None or code not in typ[0].labels.index:
        return escape(t("profile_no_data", L))
    k = typ[0].labels[code]
    return escape(t("type_n", L, n=k))


def _similar(ctx: Context, code: str, typ) -> str:
    from aimaq.analysis.specialisation import similar_regions

    L = ctx.lang
    if typ is None or code not in typ[1].index:
        return escape(t("profile_no_data", L))
    s = similar_regions(typ[1], code, n=N_SIMILAR)
    links = [
        f'<a href="#region-{c}">{escape(ctx.rname(c))}</a> ({fmt_number(d, L, 2)})'
        for c, d in s.d.head(N_SIMILAR).items()
    ]
    return ", ".join(links) + f" <span class='note'>{escape(t('similar_note', L))}</span>"


def _gaps(ctx: Context, code: str) -> str:
    L = ctx.lang
    names = sorted(
        {
            ctx.iname(ind)
            for (ind, year, _b), miss in ctx.data.gaps.items()
            if year == ctx.year and code in miss
        }
    )
    return escape("; ".join(names)) if names else escape(t("profile_no_gaps", L))
