"""Named sets of regions compared: the ratio of one set's aggregate to another's.

A claim such as "the four leaders produce N times the output per worker of the three
agricultural regions" is the ratio of two set aggregates. For a ratio indicator (output per
worker, GRP per capita) each set's value is the ratio of its sums, ``X_S = Σ_{i∈S} Y_i /
Σ_{i∈S} E_i`` (the set as one economy), not the mean of its members' ratios. For an additive
indicator each set's value is its sum; ``aggregate="mean"`` gives the unweighted mean of the
members' values for an indicator with neither.

Missing-data rule: a member of a set without a figure makes the set's aggregate a different set's,
so it is an error naming the member, not a silent exclusion. A row ``KZ`` (the republic) in the
inputs is ignored and reported in ``excluded``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["SetRatio", "set_ratio"]

_AGGREGATES = ("ratio", "sum", "mean")


@dataclass(frozen=True)
class SetRatio:
    """The ratio of set A's aggregate to set B's.

    Attributes
    ----------
    a, b : tuple of str
        Member region codes of the two sets.
    x_a, x_b : float
        The sets' values: ``Σ Y_i / Σ E_i`` (``aggregate="ratio"``), ``Σ Y_i`` (``"sum"``) or
        the unweighted mean of ``Y_i`` (``"mean"``).
    R : float
        ``x_a / x_b``.
    aggregate : str
        ``"ratio"``, ``"sum"`` or ``"mean"``.
    y_a, y_b : float
        Sums of the numerator over each set.
    e_a, e_b : float or None
        Sums of the denominator over each set (``None`` without a denominator).
    excluded : dict[str, str]
        Region code -> reason (rows of the inputs that are not used).
    """

    a: tuple[str, ...]
    b: tuple[str, ...]
    x_a: float
    x_b: float
    R: float
    aggregate: str
    y_a: float
    y_b: float
    e_a: float | None
    e_b: float | None
    excluded: dict[str, str]


def _members(s: Iterable[str] | object, label: str) -> tuple[str, ...]:
    members = getattr(s, "members", s)  # a geo.groupings.RegionSet or an iterable of codes
    if isinstance(members, str):
        raise TypeError(f"set {label}: pass a list of region codes, not the string {members!r}")
    out = tuple(dict.fromkeys(members))
    if not out:
        raise ValueError(f"set {label} is empty")
    if "KZ" in out:
        raise ValueError(f"set {label} names the republic (KZ), which is not a region")
    return out


def _values(x: pd.Series, members: tuple[str, ...], name: str, label: str) -> pd.Series:
    v = pd.to_numeric(x.reindex(list(members)), errors="coerce")
    missing = [m for m, ok in zip(members, np.isfinite(v.to_numpy(float)), strict=True) if not ok]
    if missing:
        raise ValueError(
            f"set {label}: no {name} figure for {', '.join(missing)}; the set's aggregate would "
            "be another set's (supply the figure or take the region out of the set)"
        )
    return v


def set_ratio(
    numerator: pd.Series,
    a: Iterable[str],
    b: Iterable[str],
    denominator: pd.Series | None = None,
    aggregate: str | None = None,
) -> SetRatio:
    """Ratio of the aggregate of region set ``a`` to that of set ``b``.

    ``X_S = Σ_{i∈S} Y_i / Σ_{i∈S} E_i`` with a denominator (``aggregate="ratio"``), else
    ``X_S = Σ_{i∈S} Y_i`` (``"sum"``, for an additive indicator) or ``(1/|S|) Σ_{i∈S} Y_i``
    (``"mean"``); ``R = X_A / X_B``.

    Parameters
    ----------
    numerator : pd.Series
        ``Y_i`` indexed by region code (e.g. GRP).
    a, b : iterable of str or RegionSet
        Member codes of the two sets (disjoint), or :class:`aimaq.geo.groupings.RegionSet`.
    denominator : pd.Series, optional
        ``E_i`` indexed by region code (e.g. employment), positive.
    aggregate : {"ratio", "sum", "mean"}, optional
        Default ``"ratio"`` with a denominator; without one it must be given.

    Returns
    -------
    SetRatio

    Raises
    ------
    ValueError
        Overlapping or empty sets, a member without a figure, a non-positive denominator sum,
        ``aggregate`` missing or not matching the inputs.

    Examples
    --------
    >>> import pandas as pd
    >>> y = pd.Series({"KZ-23": 30.0, "KZ-47": 10.0, "KZ-19": 6.0, "KZ-31": 4.0})
    >>> e = pd.Series({"KZ-23": 2.0, "KZ-47": 2.0, "KZ-19": 3.0, "KZ-31": 2.0})
    >>> r = set_ratio(y, ["KZ-23", "KZ-47"], ["KZ-19", "KZ-31"], denominator=e)
    >>> r.x_a, r.x_b, r.R
    (10.0, 2.0, 5.0)
    >>> set_ratio(y, ["KZ-23"], ["KZ-19", "KZ-31"], aggregate="sum").R
    3.0
    """
    ma, mb = _members(a, "A"), _members(b, "B")
    both = sorted(set(ma) & set(mb))
    if both:
        raise ValueError(f"sets A and B overlap in {', '.join(both)}; they must be disjoint")
    if aggregate is None:
        if denominator is None:
            raise ValueError(
                "without a denominator pass aggregate='sum' (additive indicator) or 'mean'"
            )
        aggregate = "ratio"
    if aggregate not in _AGGREGATES:
        raise ValueError(f"aggregate must be one of {_AGGREGATES}, got {aggregate!r}")
    if (aggregate == "ratio") != (denominator is not None):
        raise ValueError("aggregate='ratio' goes with a denominator, 'sum'/'mean' without one")
    used = set(ma) | set(mb)
    excluded = {
        r: ("the republic (KZ) is not a region" if r == "KZ" else "in neither set")
        for r in dict.fromkeys(
            [*numerator.index, *(() if denominator is None else denominator.index)]
        )
        if r not in used
    }
    ya, yb = _values(numerator, ma, "numerator", "A"), _values(numerator, mb, "numerator", "B")
    y_a, y_b = float(ya.sum()), float(yb.sum())
    e_a = e_b = None
    if aggregate == "ratio":
        ea = _values(denominator, ma, "denominator", "A")
        eb = _values(denominator, mb, "denominator", "B")
        e_a, e_b = float(ea.sum()), float(eb.sum())
        for label, e in (("A", e_a), ("B", e_b)):
            if e <= 0:
                raise ValueError(f"set {label}: the denominator sums to {e:g}, not positive")
        x_a, x_b = y_a / e_a, y_b / e_b
    elif aggregate == "sum":
        x_a, x_b = y_a, y_b
    else:
        x_a, x_b = y_a / len(ma), y_b / len(mb)
    return SetRatio(
        a=ma,
        b=mb,
        x_a=x_a,
        x_b=x_b,
        R=x_a / x_b if x_b != 0 else float("nan"),
        aggregate=aggregate,
        y_a=y_a,
        y_b=y_b,
        e_a=e_a,
        e_b=e_b,
        excluded=excluded,
    )
