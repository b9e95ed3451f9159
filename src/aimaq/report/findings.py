"""Findings: short statements with their figures, in Kazakh, Russian and English.

A finding is built from figures computed at build time (never typed in): each figure is
formatted for each language and slotted into the statement's template, and the finding points
to the table that holds its figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aimaq.geo import registry
from aimaq.report.text import (
    LANGS,
    fmt_int,
    fmt_number,
    fmt_pct,
    fmt_signed,
    number_format,
    t,
    template,
)

__all__ = ["Finding", "alpha_text", "evidence", "make"]


@dataclass
class Finding:
    """One statement of the executive summary.

    Attributes
    ----------
    id : str
        Key of the template (``[findings]`` in ``report/i18n/<lang>.toml``).
    text : dict
        Language -> statement.
    figures : dict
        Name -> raw value of every figure in the statement.
    table : str
        Id of the table holding the figures.
    """

    id: str
    text: dict[str, str]
    figures: dict[str, object] = field(default_factory=dict)
    table: str = ""


def _fmt(kind: str, value, lang: str) -> str:
    if kind == "region":
        return registry.name(str(value), lang)
    if kind == "regions":
        return ", ".join(registry.name(str(v), lang) for v in value)
    if kind == "text":
        return value[lang] if isinstance(value, dict) else str(value)
    if kind == "int":
        return fmt_int(value, lang)
    if kind == "pct":
        return fmt_pct(value, lang, 1)
    if kind == "signed_pct":
        return fmt_signed(value, lang, 1) + number_format(lang).percent
    if kind.startswith("num"):
        return fmt_number(value, lang, int(kind[3:] or 1))
    if kind.startswith("signed"):
        return fmt_signed(value, lang, int(kind[6:] or 1))
    return str(value)


def make(fid: str, table: str, **figures: tuple[str, object]) -> Finding:
    """Build finding ``fid`` from ``figures`` given as ``name=(kind, value)``.

    ``kind`` is one of ``region``, ``regions``, ``text`` (a ``{lang: str}`` dict), ``int``,
    ``pct``, ``signed_pct``, ``numN`` (N decimals), ``signedN``; the raw values are kept in
    :attr:`Finding.figures`.
    """
    text = {
        lang: template(fid, lang).format(
            **{k: _fmt(kind, v, lang) for k, (kind, v) in figures.items()}
        )
        for lang in LANGS
    }
    return Finding(id=fid, text=text, figures={k: v for k, (_, v) in figures.items()}, table=table)


def alpha_text(alpha: float) -> dict[str, str]:
    """The declared significance level in every language (``5%``, ``5 %``)."""
    return {lg: fmt_pct(100 * alpha, lg, 0 if (100 * alpha) % 1 == 0 else 1) for lg in LANGS}


def evidence(
    fid: str,
    table: str,
    *,
    p_value: float,
    estimate: float,
    alpha: float,
    **figures: tuple[str, object],
) -> Finding:
    """A finding that states a direction only when its test is significant.

    With ``p_value <= alpha`` the template ``fid`` gets ``direction`` = the text ``dir_<fid>_pos``
    or ``dir_<fid>_neg`` (the sign of ``estimate``); otherwise the template ``<fid>_ns``
    says there is no significant pattern and still gives the figures. Every template gets
    ``alpha`` (the declared level); ``figures`` are as in :func:`make`. The returned finding's
    ``id`` is the template used, and its figures hold ``significant``.

    Examples
    --------
    >>> f = evidence("moran", "lisa", p_value=0.147, estimate=0.077, alpha=0.05,
    ...              I=("num3", 0.077), p=("num3", 0.147), clusters=("text", "-"))
    >>> f.id, f.figures["significant"]
    ('moran_ns', False)
    """
    significant = bool(p_value <= alpha)
    figures["alpha"] = ("text", alpha_text(alpha))
    if significant:
        side = "pos" if estimate >= 0 else "neg"
        figures["direction"] = ("text", {lg: t(f"dir_{fid}_{side}", lg) for lg in LANGS})
    f = make(fid if significant else f"{fid}_ns", table, **figures)
    f.figures["significant"] = significant
    return f
