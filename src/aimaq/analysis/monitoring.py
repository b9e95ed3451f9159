"""Progress towards targets and its reasons: the Open SDG progress measure, decompositions.

The progress status follows the method Open SDG platforms use (Statistics Canada, after
Eurostat): the compound annual growth rate from the base year to the latest value,

.. math:: CAGR_o = (y_i / y_0)^{1/(t_i - t_0)} - 1,

compared, with a target :math:`y_T` in year :math:`t_T`, with the growth the target requires,
:math:`CAGR_T = (y_T / y_0)^{1/(t_T - t_0)} - 1`, through :math:`R = d\\,CAGR_o / (d\\,CAGR_T)`
(:math:`d = +1` if higher is better, :math:`-1` if lower is better): target achieved when the
latest value meets the target; on track :math:`R \\ge 0.95`; acceleration needed
:math:`0.60 \\le R < 0.95`; limited progress :math:`0 \\le R < 0.60`; deterioration
:math:`R < 0`. Without a target, :math:`d\\,CAGR_o` is compared with fixed growth rates: on track
:math:`\\ge 1.5\\%`, acceleration needed :math:`[0.5\\%, 1.5\\%)`, limited progress
:math:`[0, 0.5\\%)`, deterioration :math:`< 0`. Thresholds are configurable
(:class:`Thresholds`). Indicators with a neutral direction are not assessed.

Reference: Open SDG, *Progress Measurement Methodology*
(github:open-sdg/open-sdg docs/progress-methodology.md); Eurostat, *Sustainable development in
the European Union — monitoring report*, methodological annex.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "ACHIEVED",
    "ACCELERATION",
    "DETERIORATION",
    "LIMITED",
    "NOT_ASSESSED",
    "ON_TRACK",
    "Decomposition",
    "Progress",
    "StatusMatrix",
    "Thresholds",
    "cagr",
    "decompose_ratio",
    "grp_shift_share",
    "progress",
    "status_matrix",
]

ACHIEVED = "achieved"
ON_TRACK = "on track"
ACCELERATION = "acceleration needed"
LIMITED = "limited progress"
DETERIORATION = "deterioration"
NOT_ASSESSED = "not assessed"
_SIGN = {"higher_better": 1.0, "higher_worse": -1.0}


@dataclass(frozen=True)
class Thresholds:
    """Category boundaries (Open SDG defaults).

    ``ratio_*`` apply to :math:`R` with a target; ``growth_*`` to :math:`d\\,CAGR_o` without.
    """

    ratio_on_track: float = 0.95
    ratio_acceleration: float = 0.60
    ratio_limited: float = 0.0
    growth_on_track: float = 0.015
    growth_acceleration: float = 0.005
    growth_limited: float = 0.0


@dataclass(frozen=True)
class Progress:
    """Progress of one series.

    Attributes
    ----------
    status : str
        ``achieved``, ``on track``, ``acceleration needed``, ``limited progress``,
        ``deterioration`` or ``not assessed``.
    t0, ti : int
        Base and latest year.
    y0, yi : float
    cagr_o : float
        Observed compound annual growth rate.
    cagr_t : float or None
        Required growth rate (None without a target).
    R : float or None
        Ratio of observed to required growth (None without a target or when achieved).
    d : float
        +1 higher is better, -1 lower is better (0 neutral).
    target, target_year : float or None, int or None
    reason : str
        Why ``not assessed`` (empty otherwise).
    """

    status: str
    t0: int
    ti: int
    y0: float
    yi: float
    cagr_o: float
    cagr_t: float | None
    R: float | None
    d: float
    target: float | None = None
    target_year: int | None = None
    reason: str = ""


def cagr(y0: float, y1: float, t0: int, t1: int) -> float:
    """Compound annual growth rate :math:`(y_1/y_0)^{1/(t_1-t_0)} - 1`.

    Examples
    --------
    >>> round(cagr(100, 121, 2018, 2020), 10)
    0.1
    """
    if t1 <= t0:
        raise ValueError(f"years must increase: {t0} -> {t1}")
    if y0 <= 0 or y1 < 0:
        raise ValueError(f"growth rate needs a positive base and a non-negative value: {y0}, {y1}")
    return (y1 / y0) ** (1.0 / (t1 - t0)) - 1.0


def _grade(x: float, on: float, acc: float, lim: float) -> str:
    if x >= on:
        return ON_TRACK
    if x >= acc:
        return ACCELERATION
    if x >= lim:
        return LIMITED
    return DETERIORATION


def progress(
    series: pd.Series,
    direction: str,
    base_year: int,
    target: float | None = None,
    target_year: int | None = None,
    thresholds: Thresholds = Thresholds(),
    breaks: Iterable[int] = (),
) -> Progress:
    """Open SDG progress status of one series (index year) from ``base_year`` to its latest year.

    Examples
    --------
    >>> s = pd.Series({2018: 100.0, 2020: 110.25})           # +5 % a year
    >>> progress(s, "higher_better", 2018, target=150.0, target_year=2028).status
    'on track'
    >>> progress(s, "higher_worse", 2018).status             # rising, lower is better
    'deterioration'
    """
    s = series.dropna().sort_index()
    s.index = s.index.astype(int)
    d = _SIGN.get(direction, 0.0)
    empty = dict(
        t0=int(base_year),
        ti=int(base_year),
        y0=math.nan,
        yi=math.nan,
        cagr_o=math.nan,
        cagr_t=None,
        R=None,
        d=d,
        target=target,
        target_year=target_year,
    )
    if d == 0.0:
        return Progress(
            NOT_ASSESSED, **empty, reason=f"direction {direction!r}: no desirable direction"
        )
    if base_year not in s.index:
        return Progress(NOT_ASSESSED, **empty, reason=f"no value in the base year {base_year}")
    later = s[s.index > base_year]
    if later.empty:
        return Progress(NOT_ASSESSED, **empty, reason=f"no value after the base year {base_year}")
    ti, y0, yi = int(later.index[-1]), float(s[base_year]), float(later.iloc[-1])
    crossed = [int(b) for b in breaks if base_year < int(b) <= ti]
    if crossed:
        return Progress(
            NOT_ASSESSED,
            **{**empty, "ti": ti, "y0": y0, "yi": yi},
            reason=f"series break in {crossed[0]}: base and latest year are not comparable",
        )
    if y0 <= 0 or yi < 0:
        return Progress(
            NOT_ASSESSED,
            **{**empty, "ti": ti, "y0": y0, "yi": yi},
            reason="growth rates need positive values",
        )
    g = cagr(y0, yi, base_year, ti)
    base = dict(t0=int(base_year), ti=ti, y0=y0, yi=yi, cagr_o=g, d=d)
    th = thresholds
    if target is None:
        status = _grade(d * g, th.growth_on_track, th.growth_acceleration, th.growth_limited)
        return Progress(status, cagr_t=None, R=None, **base)
    if target_year is None or target_year <= base_year:
        raise ValueError(f"target year {target_year} must be after the base year {base_year}")
    tg = dict(target=float(target), target_year=int(target_year))
    if d * (yi - target) >= 0:
        return Progress(ACHIEVED, cagr_t=None, R=None, **base, **tg)
    gt = cagr(y0, target, base_year, target_year) if target > 0 else -1.0
    if d * gt <= 0:  # the base already met the target and the series fell back
        return Progress(DETERIORATION, cagr_t=gt, R=None, **base, **tg)
    R = (d * g) / (d * gt)
    status = _grade(R, th.ratio_on_track, th.ratio_acceleration, th.ratio_limited)
    return Progress(status, cagr_t=gt, R=R, **base, **tg)


@dataclass(frozen=True)
class StatusMatrix:
    """Status by region × indicator, with the figures behind each cell.

    Attributes
    ----------
    matrix : DataFrame
        Index region, columns indicator, values status.
    detail : DataFrame
        One row per cell: ``region, indicator, status, t0, ti, y0, yi, cagr_o, cagr_t, R,
        target, target_year, target_source, reason``.
    base_year : int
    thresholds : Thresholds
    """

    matrix: pd.DataFrame
    detail: pd.DataFrame
    base_year: int
    thresholds: Thresholds


def status_matrix(
    panels: Mapping[str, pd.DataFrame],
    directions: Mapping[str, str],
    base_year: int,
    targets: pd.DataFrame | None = None,
    thresholds: Thresholds = Thresholds(),
    breaks: Mapping[str, Iterable[int]] | None = None,
) -> StatusMatrix:
    """Progress of every region (rows of each panel) on every indicator.

    Parameters
    ----------
    panels : mapping indicator -> DataFrame
        Region × year values of each indicator (the national row may be included as ``KZ``).
    directions : mapping indicator -> direction
        ``higher_better`` / ``higher_worse`` / ``neutral`` (from the catalogue).
    base_year : int
        Default base year; a target row's own ``base_year`` overrides it for that cell.
    targets : DataFrame, optional
        As read by :func:`aimaq.ingest.targets.read_targets` (``indicator, region, base_year,
        target_year, target_value, source``). The nearest target year ahead of the latest value
        is used when a cell has several.
    breaks : mapping indicator -> years, optional
        Series breaks: a cell whose base and latest year straddle one is not assessed.

    Examples
    --------
    >>> p = {"x": pd.DataFrame({2018: [1.0, 1.0], 2020: [1.1, 0.9]}, index=["A", "B"])}
    >>> status_matrix(p, {"x": "higher_better"}, 2018).matrix["x"].tolist()
    ['on track', 'deterioration']
    """
    rows = []
    tg = targets if targets is not None else pd.DataFrame(columns=["indicator", "region"])
    brk = dict(breaks or {})
    for ind, panel in panels.items():
        for region, s in panel.iterrows():
            t = tg[(tg["indicator"] == ind) & (tg["region"] == region)]
            if len(t):
                t = t.sort_values("target_year").iloc[0]
                p = progress(
                    s,
                    directions.get(ind, "neutral"),
                    int(t["base_year"]),
                    float(t["target_value"]),
                    int(t["target_year"]),
                    thresholds,
                    brk.get(ind, ()),
                )
                src = t["source"]
            else:
                p = progress(
                    s,
                    directions.get(ind, "neutral"),
                    base_year,
                    None,
                    None,
                    thresholds,
                    brk.get(ind, ()),
                )
                src = None
            rows.append(dict(region=region, indicator=ind, **p.__dict__, target_source=src))
    detail = pd.DataFrame(rows)
    matrix = (
        detail.pivot(index="region", columns="indicator", values="status")
        if rows
        else pd.DataFrame()
    )
    return StatusMatrix(
        matrix=matrix, detail=detail, base_year=int(base_year), thresholds=thresholds
    )


@dataclass(frozen=True)
class Decomposition:
    """Log-change of :math:`y = N/D` split into :math:`N/I` and :math:`I/D`.

    Attributes
    ----------
    table : DataFrame
        Per region: ``y0, y1, dln_y`` and for each factor ``dln_<name>`` and ``share_<name>``
        (:math:`\\Delta\\ln` factor / :math:`\\Delta\\ln y`; NaN when :math:`\\Delta\\ln y = 0`).
        ``dln_y`` equals the sum of the factors' ``dln`` and the shares sum to 1.
    names : tuple of str
    t0, t1 : int
    """

    table: pd.DataFrame
    names: tuple[str, str]
    t0: int
    t1: int


def decompose_ratio(
    numerator: pd.DataFrame,
    intermediate: pd.DataFrame,
    denominator: pd.DataFrame,
    t0: int,
    t1: int,
    names: tuple[str, str] = ("output_per_worker", "workers_per_resident"),
) -> Decomposition:
    """:math:`\\Delta\\ln(N/D) = \\Delta\\ln(N/I) + \\Delta\\ln(I/D)` between ``t0`` and ``t1``.

    For GRP per capita, ``N`` GRP, ``I`` employment, ``D`` population: output per worker times
    workers per resident. The identity is exact for :math:`y = N/D` computed from the same
    components (the published per-capita figure uses the mean annual population and may differ
    slightly).

    Examples
    --------
    >>> N = pd.DataFrame({0: [100.0], 1: [150.0]}, index=["A"])
    >>> I = pd.DataFrame({0: [10.0], 1: [12.0]}, index=["A"])
    >>> D = pd.DataFrame({0: [20.0], 1: [20.0]}, index=["A"])
    >>> t = decompose_ratio(N, I, D, 0, 1).table
    >>> round(float(t.loc["A", "share_output_per_worker"] + t.loc["A", "share_workers_per_resident"]), 12)
    1.0
    """
    idx = numerator.index.intersection(intermediate.index).intersection(denominator.index)
    n0, n1 = numerator.loc[idx, t0], numerator.loc[idx, t1]
    i0, i1 = intermediate.loc[idx, t0], intermediate.loc[idx, t1]
    d0, d1 = denominator.loc[idx, t0], denominator.loc[idx, t1]
    a = np.log(n1 / i1) - np.log(n0 / i0)
    b = np.log(i1 / d1) - np.log(i0 / d0)
    out = pd.DataFrame({"y0": n0 / d0, "y1": n1 / d1})
    out["dln_y"] = a + b
    out[f"dln_{names[0]}"] = a
    out[f"dln_{names[1]}"] = b
    nz = out["dln_y"].where(out["dln_y"] != 0)
    out[f"share_{names[0]}"] = a / nz
    out[f"share_{names[1]}"] = b / nz
    return Decomposition(table=out.dropna(subset=["dln_y"]), names=names, t0=int(t0), t1=int(t1))


def grp_shift_share(X0: pd.DataFrame, X1: pd.DataFrame) -> pd.DataFrame:
    """Why GRP moved: national growth, industry mix and regional shift per region.

    A thin view of :func:`aimaq.analysis.specialisation.shift_share` on region × OKED-section
    gross value added in the base and the latest year: ``x0, x1, dx, NS, IM, RS`` and the
    shares of ``dx`` (``NS + IM + RS = dx``).
    """
    from aimaq.analysis.specialisation import shift_share

    s = shift_share(X0, X1).summary[["x0", "x1", "dx", "NS", "IM", "RS"]].copy()
    for k in ("NS", "IM", "RS"):
        s[f"{k}_share"] = s[k] / s["dx"].where(s["dx"] != 0)
    return s
