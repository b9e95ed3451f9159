"""Section: the methodology (``id="methodology"``): every index with its formula and reference,
the significance rule, the division used and the data vintages."""

from __future__ import annotations

from aimaq.report.constants import ALPHA, LAST_OLD_BORDERS, N_BOOT, PERMUTATIONS, SEED
from aimaq.report.context import Context, Section
from aimaq.report.findings import alpha_text
from aimaq.report.tables import Column, table_of
from aimaq.report.text import t

__all__ = ["INDICES", "methodology"]

#: Index key (its name is ``m_<key>`` in the i18n files), formula, reference.
INDICES: list[tuple[str, str, str]] = [
    ("cv", "CV = s / ȳ;  CV_w = √(Σ p_i (y_i − ȳ)²) / ȳ", "Williamson (1965)"),
    ("gini", "G = Σ_i Σ_j p_i p_j |y_i − y_j| / (2 ȳ)", "Gini (1912)"),
    ("theil_t", "T = Σ_i p_i (y_i / ȳ) ln(y_i / ȳ)", "Theil (1967)"),
    ("theil_l", "L = Σ_i p_i ln(ȳ / y_i)", "Theil (1967)"),
    ("atkinson", "A_ε = 1 − [Σ_i p_i (y_i / ȳ)^(1−ε)]^(1/(1−ε)),  ε = 0.5", "Atkinson (1970)"),
    (
        "decomposition",
        "T = Σ_g s_g ln(s_g / p_g) + Σ_g s_g T_g;  L = Σ_g p_g ln(p_g / s_g) + Σ_g p_g L_g",
        "Shorrocks (1980)",
    ),
    (
        "sigma",
        "σ_t = sd(ln y_it);  CV_t = a + b·t + e_t",
        "Barro, Sala-i-Martin (1992)",
    ),
    (
        "beta",
        "(ln y_iT − ln y_i0) / T = α + β ln y_i0 + ε_i;  λ = −ln(1 + Tβ) / T;  t½ = ln 2 / λ",
        "Barro, Sala-i-Martin (1992)",
    ),
    (
        "moran",
        "I = (n / S₀) Σ_i Σ_j w_ij z_i z_j / Σ_i z_i²,  Σ_j w_ij = 1",
        "Moran (1950)",
    ),
    ("lisa", "I_i = z_i Σ_j w_ij z_j;  p_sim ≤ α", "Anselin (1995)"),
    ("hoover", "H = ½ Σ_i |a_i/A − b_i/B|", "Hoover (1936)"),
    ("lq", "LQ_ri = (x_ri / x_r) / (x_i / x)", "Isard (1960)"),
    ("krugman", "K_r = Σ_i |s_ri − s̄_i|", "Krugman (1991)"),
    (
        "eci",
        "ECI_r = (K_r − K̄) / s_K,  K = v₂(D⁻¹ M U⁻¹ Mᵀ),  M_ri = [LQ_ri ≥ 1]",
        "Hidalgo, Hausmann (2009)",
    ),
    ("shiftshare", "Δx = NS + IM + RS", "Dunn (1960)"),
    (
        "composite",
        "I_r = Σ_k w_k x̃_rk,  x̃_rk ∈ [0, 1];  w ~ Dir(c·w)",
        "OECD, JRC (2008)",
    ),
    ("productivity", "π_r = Y_r / E_r", "–"),
]


def methodology(ctx: Context, sec: Section) -> None:
    L = ctx.lang
    tb = min(ctx.borders, LAST_OLD_BORDERS)
    alpha = alpha_text(ALPHA)[L]
    ctx.text(sec, '<span id="methodology"></span>')
    for part in (
        t("m_intro", L),
        t("m_significance", L, alpha=alpha, perm=PERMUTATIONS, seed=SEED, n_boot=N_BOOT),
        t("m_division", L, borders=ctx.borders, trend_borders=tb),
    ):
        ctx.text(sec, f"<p>{part}</p>")
    ctx.table(
        sec,
        table_of(
            "methodology_indices",
            t("m_indices_title", L),
            [Column(t("m_index", L)), Column(t("m_formula", L)), Column(t("m_reference", L))],
            [[t(f"m_{k}", L), formula, ref] for k, formula, ref in INDICES],
            classes={t("m_formula", L): "formula", t("m_reference", L): "cite"},
        ),
    )
    loads = ctx.data.loads()
    ctx.text(sec, f"<p>{t('m_vintages', L)}</p>")
    rows = [
        [
            str(r.file),
            r.loaded_at.date().isoformat() if r.loaded_at is not None else "",
            r.rows_added,
        ]
        for r in loads.itertuples(index=False)
    ]
    ctx.table(
        sec,
        table_of(
            "vintages",
            t("m_vintages_title", L),
            [Column(t("m_file", L)), Column(t("m_loaded", L)), Column(t("m_rows", L), 0)],
            rows,
            classes={t("m_file", L): "cite"},
        ),
        collapsed=True,
    )
