"""Smart specialisation: location quotients, concentration, shift-share, relatedness, complexity.

Every function works on a region × activity matrix ``X`` (``pd.DataFrame``; index = region
codes such as ``KZ-35``, columns = activity codes such as OKED sections ``A`` … ``S``; values =
employment, gross value added or any other additive, non-negative size measure).

Notation (Balland's EconGeo conventions): :math:`x_{ri}` the value of activity *i* in region *r*,
:math:`x_{r\\cdot}` the region total, :math:`x_{\\cdot i}` the activity total and
:math:`x_{\\cdot\\cdot}` the grand total.

References
----------
Balland, P.-A. (2017). *Economic Geography in R: Introduction to the EconGeo package*.
Dunn, E. S. (1960). A statistical and analytical technique for regional analysis.
*Papers of the Regional Science Association* 6, 97–112.
Esteban-Marquillas, J. M. (1972). Shift and share analysis revisited. *Regional and Urban
Economics* 2(3), 249–261.
Barff, R. A. & Knight, P. L. (1988). Dynamic shift-share analysis. *Growth and Change* 19(2), 1–10.
Krugman, P. (1991). *Geography and Trade*. MIT Press.
Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product space conditions
the development of nations. *Science* 317, 482–487.
Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity. *PNAS* 106(26),
10570–10575.
Mealy, P., Farmer, J. D. & Teytelboym, A. (2019). Interpreting economic complexity. *Science
Advances* 5(1), eaau1705.
Navarro, C. et al. (2014). Regional benchmarking in the smart specialisation process:
identification of reference regions based on structural similarity. S3 Working Paper 03/2014,
JRC-IPTS.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = [
    "LocationQuotients",
    "location_quotients",
    "SpecialisationIndices",
    "specialisation_indices",
    "LocalisationIndices",
    "localisation_indices",
    "ShiftShare",
    "shift_share",
    "DynamicShiftShare",
    "dynamic_shift_share",
    "Relatedness",
    "relatedness",
    "proximity",
    "relatedness_density",
    "Complexity",
    "complexity",
    "CompetitiveProfile",
    "competitive_profile",
    "SpecialisationSummary",
    "specialisation_summary",
    "Similarity",
    "similar_regions",
]


# ----------------------------------------------------------------------------------------------
# validation helpers
# ----------------------------------------------------------------------------------------------
def _check_matrix(X: pd.DataFrame, name: str = "X", allow_empty_rows: bool = False) -> pd.DataFrame:
    """Validate a region × activity matrix and return it as float."""
    if not isinstance(X, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (regions × activities)")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{name} is empty")
    if X.index.has_duplicates:
        dup = list(X.index[X.index.duplicated()].unique())
        raise ValueError(f"{name}: duplicated region(s) {dup}")
    if X.columns.has_duplicates:
        dup = list(X.columns[X.columns.duplicated()].unique())
        raise ValueError(f"{name}: duplicated activity column(s) {dup}")
    try:
        Xf = X.astype(float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: non-numeric values ({exc})") from exc
    values = Xf.to_numpy()
    bad = ~np.isfinite(values)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise ValueError(
            f"{name}: missing or infinite value for region {Xf.index[r]!r}, "
            f"activity {Xf.columns[c]!r} ({int(bad.sum())} cell(s) in all)"
        )
    neg = values < 0
    if neg.any():
        r, c = np.argwhere(neg)[0]
        raise ValueError(
            f"{name}: negative value {values[r, c]} for region {Xf.index[r]!r}, "
            f"activity {Xf.columns[c]!r}"
        )
    if not allow_empty_rows:
        zero_rows = values.sum(axis=1) == 0
        if zero_rows.any():
            raise ValueError(f"{name}: region(s) with zero total {list(Xf.index[zero_rows])}")
    if values.sum() == 0:
        raise ValueError(f"{name}: grand total is zero")
    return Xf


def _align(X0: pd.DataFrame, X1: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    X0 = _check_matrix(X0, "X0", allow_empty_rows=True)
    X1 = _check_matrix(X1, "X1", allow_empty_rows=True)
    miss_r = X0.index.symmetric_difference(X1.index)
    if len(miss_r):
        raise ValueError(f"X0 and X1 differ in regions: {list(miss_r)}")
    miss_c = X0.columns.symmetric_difference(X1.columns)
    if len(miss_c):
        raise ValueError(f"X0 and X1 differ in activities: {list(miss_c)}")
    return X0, X1.loc[X0.index, X0.columns]


def _lq_array(x: np.ndarray) -> np.ndarray:
    """Balassa/LQ on a validated array; regions or activities with zero total give 0."""
    row = x.sum(axis=1, keepdims=True)
    col = x.sum(axis=0, keepdims=True)
    tot = x.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        lq = (x / row) / (col / tot)
    return np.nan_to_num(lq, nan=0.0, posinf=0.0, neginf=0.0)


# ----------------------------------------------------------------------------------------------
# location quotients
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LocationQuotients:
    """Location quotients and the binary specialisation matrix.

    Attributes
    ----------
    LQ : DataFrame
        :math:`LQ_{ri} = (x_{ri}/x_{r\\cdot}) / (x_{\\cdot i}/x_{\\cdot\\cdot})`.
    M : DataFrame
        Binary specialisation matrix, :math:`M_{ri} = 1` if :math:`LQ_{ri} \\ge` ``threshold``.
    threshold : float
    """

    LQ: pd.DataFrame
    M: pd.DataFrame
    threshold: float


def location_quotients(X: pd.DataFrame, threshold: float = 1.0) -> LocationQuotients:
    """Location quotients (Balassa's revealed comparative advantage, RCA).

    .. math:: LQ_{ri} = \\frac{x_{ri} / x_{r\\cdot}}{x_{\\cdot i} / x_{\\cdot\\cdot}},
              \\qquad M_{ri} = [LQ_{ri} \\ge \\theta]

    Parameters
    ----------
    X : DataFrame
        Region × activity matrix of non-negative values (no missing cells).
    threshold : float
        :math:`\\theta`, default 1.

    Returns
    -------
    LocationQuotients

    Notes
    -----
    Activities with a zero national total get :math:`LQ = 0`. Same as EconGeo's
    ``location.quotient(mat, binary=TRUE)`` (Balland 2017).
    """
    Xf = _check_matrix(X)
    lq = pd.DataFrame(_lq_array(Xf.to_numpy()), index=Xf.index, columns=Xf.columns)
    M = (lq >= threshold).astype(int)
    return LocationQuotients(LQ=lq, M=M, threshold=float(threshold))


# ----------------------------------------------------------------------------------------------
# specialisation and localisation indices
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SpecialisationIndices:
    """Regional specialisation / diversification indices (one value per region).

    Attributes
    ----------
    K : Series
        Krugman specialisation index, :math:`K_r = \\sum_i |s_{ri} - \\bar s_{i}|` in [0, 2].
    HHI : Series
        Herfindahl–Hirschman index of the region's structure, :math:`\\sum_i s_{ri}^2`.
    HHI_star : Series
        Normalised HHI, :math:`(HHI - 1/n)/(1 - 1/n)` in [0, 1] (0 = even spread over the
        *n* activities).
    N_eq : Series
        Diversification as the equivalent number of activities, :math:`1/HHI`.
    reference : str
        ``"rest"`` (rest of the country, EconGeo) or ``"nation"``.
    """

    K: pd.Series
    HHI: pd.Series
    HHI_star: pd.Series
    N_eq: pd.Series
    reference: str


def specialisation_indices(X: pd.DataFrame, reference: str = "rest") -> SpecialisationIndices:
    """Krugman specialisation index and Herfindahl–Hirschman diversification.

    .. math:: s_{ri} = x_{ri}/x_{r\\cdot}, \\quad
              K_r = \\sum_i \\left| s_{ri} - \\bar s_i \\right|, \\quad
              HHI_r = \\sum_i s_{ri}^2

    where :math:`\\bar s_i = (x_{\\cdot i} - x_{ri})/(x_{\\cdot\\cdot} - x_{r\\cdot})` (rest of the
    country, as in EconGeo's ``Krugman.index``; Krugman 1991) or
    :math:`\\bar s_i = x_{\\cdot i}/x_{\\cdot\\cdot}` (``reference="nation"``).

    Parameters
    ----------
    X : DataFrame
        Region × activity matrix.
    reference : {"rest", "nation"}

    Returns
    -------
    SpecialisationIndices
    """
    if reference not in ("rest", "nation"):
        raise ValueError(f"reference must be 'rest' or 'nation', got {reference!r}")
    Xf = _check_matrix(X)
    x = Xf.to_numpy()
    row = x.sum(axis=1, keepdims=True)
    s = x / row
    col = x.sum(axis=0, keepdims=True)
    tot = x.sum()
    if reference == "nation":
        sbar = np.broadcast_to(col / tot, x.shape)
    else:
        rest_tot = tot - row
        if (rest_tot == 0).any():
            r = Xf.index[(rest_tot[:, 0] == 0)][0]
            raise ValueError(f"region {r!r} holds the whole country: rest-of-country is empty")
        sbar = (col - x) / rest_tot
    K = np.abs(s - sbar).sum(axis=1)
    hhi = (s**2).sum(axis=1)
    n = x.shape[1]
    hhi_star = (hhi - 1.0 / n) / (1.0 - 1.0 / n) if n > 1 else np.full_like(hhi, np.nan)
    idx = Xf.index
    return SpecialisationIndices(
        K=pd.Series(K, index=idx, name="K"),
        HHI=pd.Series(hhi, index=idx, name="HHI"),
        HHI_star=pd.Series(hhi_star, index=idx, name="HHI_star"),
        N_eq=pd.Series(1.0 / hhi, index=idx, name="N_eq"),
        reference=reference,
    )


@dataclass(frozen=True)
class LocalisationIndices:
    """Geographic concentration of each activity (one value per activity).

    Attributes
    ----------
    H : Series
        Hoover coefficient of localisation,
        :math:`H_i = \\tfrac12 \\sum_r |x_{ri}/x_{\\cdot i} - x_{r\\cdot}/x_{\\cdot\\cdot}|`.
    G : Series
        Locational Gini coefficient (Krugman 1991): the Gini of the activity's Lorenz curve
        against the distribution of the whole economy, regions ordered by LQ.
    """

    H: pd.Series
    G: pd.Series


def localisation_indices(X: pd.DataFrame) -> LocalisationIndices:
    """Hoover coefficient and locational Gini of each activity.

    Regions are ordered by increasing :math:`LQ_{ri}`; with :math:`X_k` the cumulative share of the
    whole economy and :math:`Y_k` the cumulative share of activity *i* over the first *k* regions,

    .. math:: G_i = 1 - \\sum_k (X_k - X_{k-1})(Y_k + Y_{k-1}),
              \\qquad H_i = \\tfrac12 \\sum_r \\left|\\frac{x_{ri}}{x_{\\cdot i}} -
              \\frac{x_{r\\cdot}}{x_{\\cdot\\cdot}}\\right|

    Both are 0 when the activity is spread like the whole economy. Activities with a zero
    national total get NaN.

    References
    ----------
    Krugman, P. (1991). *Geography and Trade*, appendix D. Hoover, E. M. (1936). The measurement
    of industrial localization. *Review of Economics and Statistics* 18(4), 162–171.
    """
    Xf = _check_matrix(X)
    x = Xf.to_numpy()
    row_share = x.sum(axis=1) / x.sum()
    col = x.sum(axis=0)
    H = np.full(x.shape[1], np.nan)
    G = np.full(x.shape[1], np.nan)
    for j in range(x.shape[1]):
        if col[j] == 0:
            continue
        a = x[:, j] / col[j]
        H[j] = 0.5 * np.abs(a - row_share).sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            lq = np.where(row_share > 0, a / row_share, 0.0)
        order = np.argsort(lq, kind="stable")
        X_c = np.concatenate([[0.0], np.cumsum(row_share[order])])
        Y_c = np.concatenate([[0.0], np.cumsum(a[order])])
        G[j] = 1.0 - np.sum(np.diff(X_c) * (Y_c[1:] + Y_c[:-1]))
    return LocalisationIndices(
        H=pd.Series(H, index=Xf.columns, name="H"), G=pd.Series(G, index=Xf.columns, name="G")
    )


# ----------------------------------------------------------------------------------------------
# shift-share
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShiftShare:
    """Shift-share decomposition of the change between two years.

    All matrices are region × activity; ``summary`` sums them over activities (one row per
    region). ``NS + IM + RS == dx`` and ``C + A == RS`` exactly (up to float rounding).

    Attributes
    ----------
    dx : DataFrame
        Observed change :math:`x^1_{ri} - x^0_{ri}`.
    NS : DataFrame
        National growth (share) effect :math:`x^0_{ri} g`.
    IM : DataFrame
        Industry-mix effect :math:`x^0_{ri}(g_i - g)`.
    RS : DataFrame
        Regional (competitive) shift :math:`x^0_{ri}(g_{ri} - g_i)`.
    x_hat : DataFrame or None
        Esteban-Marquillas homothetic value :math:`\\hat x_{ri} = x^0_{r\\cdot} x^0_{\\cdot i} /
        x^0_{\\cdot\\cdot}` (None for the dynamic sum).
    C : DataFrame
        Esteban-Marquillas competitive effect :math:`\\hat x_{ri}(g_{ri} - g_i)`.
    A : DataFrame
        Allocation effect :math:`(x^0_{ri} - \\hat x_{ri})(g_{ri} - g_i)`.
    g : float
        National growth rate :math:`x^1_{\\cdot\\cdot}/x^0_{\\cdot\\cdot} - 1`.
    g_i : Series
        Activity growth rates :math:`x^1_{\\cdot i}/x^0_{\\cdot i} - 1`.
    summary : DataFrame
        Per region: ``x0, x1, dx, NS, IM, RS, C, A``.
    """

    dx: pd.DataFrame
    NS: pd.DataFrame
    IM: pd.DataFrame
    RS: pd.DataFrame
    x_hat: pd.DataFrame | None
    C: pd.DataFrame
    A: pd.DataFrame
    g: float
    g_i: pd.Series
    summary: pd.DataFrame


def _summary(x0, x1, parts: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    out = pd.DataFrame({"x0": x0.sum(axis=1), "x1": x1.sum(axis=1)})
    for k, v in parts.items():
        out[k] = v.sum(axis=1)
    return out


def shift_share(X0: pd.DataFrame, X1: pd.DataFrame) -> ShiftShare:
    """Classic (Dunn 1960) and Esteban-Marquillas (1972) shift-share between two years.

    With :math:`g = x^1_{\\cdot\\cdot}/x^0_{\\cdot\\cdot} - 1`, :math:`g_i = x^1_{\\cdot i}/
    x^0_{\\cdot i} - 1` and :math:`g_{ri} = x^1_{ri}/x^0_{ri} - 1` (the nation = sum of the
    regions of ``X0``/``X1``):

    .. math:: \\Delta x_{ri} = \\underbrace{x^0_{ri} g}_{NS}
              + \\underbrace{x^0_{ri}(g_i - g)}_{IM}
              + \\underbrace{x^0_{ri}(g_{ri} - g_i)}_{RS}

    and Esteban-Marquillas split :math:`RS = C + A` with the homothetic value
    :math:`\\hat x_{ri} = x^0_{r\\cdot}x^0_{\\cdot i}/x^0_{\\cdot\\cdot}`:

    .. math:: C_{ri} = \\hat x_{ri}(g_{ri} - g_i), \\qquad
              A_{ri} = (x^0_{ri} - \\hat x_{ri})(g_{ri} - g_i)

    Parameters
    ----------
    X0, X1 : DataFrame
        Region × activity values in the base and the final year (same regions and columns).

    Returns
    -------
    ShiftShare

    Notes
    -----
    ``RS`` is computed as the residual :math:`\\Delta x - NS - IM`, so the three components
    sum exactly to the observed change. Where :math:`x^0_{ri} = 0` the regional growth rate is
    undefined: NS = IM = C = 0 and the whole change (entry) is booked as ``RS = A``. Where an
    activity's national base is zero, :math:`g_i` is undefined and IM is set to :math:`-x^0 g = 0`.
    """
    X0, X1 = _align(X0, X1)
    x0 = X0.to_numpy()
    x1 = X1.to_numpy()
    T0 = x0.sum()
    if T0 == 0:
        raise ValueError("X0: grand total is zero, national growth rate undefined")
    g = x1.sum() / T0 - 1.0
    c0 = x0.sum(axis=0)
    c1 = x1.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        gi = np.where(c0 > 0, c1 / c0 - 1.0, np.nan)
    dx = x1 - x0
    NS = x0 * g
    IM = np.where(c0 > 0, x0 * (np.nan_to_num(gi) - g), 0.0)
    RS = dx - NS - IM
    x_hat = x0.sum(axis=1, keepdims=True) * c0[None, :] / T0
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(x0 > 0, RS / np.where(x0 > 0, x0, 1.0), 0.0)  # g_ri - g_i
    C = x_hat * rate
    A = RS - C
    mk = lambda a: pd.DataFrame(a, index=X0.index, columns=X0.columns)  # noqa: E731
    parts = {"dx": mk(dx), "NS": mk(NS), "IM": mk(IM), "RS": mk(RS), "C": mk(C), "A": mk(A)}
    return ShiftShare(
        x_hat=mk(x_hat),
        g=float(g),
        g_i=pd.Series(gi, index=X0.columns, name="g_i"),
        summary=_summary(X0, X1, parts),
        **parts,
    )


@dataclass(frozen=True)
class DynamicShiftShare:
    """Dynamic shift-share: sum of the annual decompositions over a panel.

    Attributes
    ----------
    dx, NS, IM, RS, C, A : DataFrame
        Sums over the consecutive-year decompositions (region × activity).
    summary : DataFrame
        Per region: ``x0`` (first year), ``x1`` (last year), ``dx, NS, IM, RS, C, A``.
    annual : dict
        ``{(year_t, year_t+1): ShiftShare}``.
    years : list
    """

    dx: pd.DataFrame
    NS: pd.DataFrame
    IM: pd.DataFrame
    RS: pd.DataFrame
    C: pd.DataFrame
    A: pd.DataFrame
    summary: pd.DataFrame
    annual: dict = field(repr=False)
    years: list = field(default_factory=list)


def dynamic_shift_share(panel: Mapping[int, pd.DataFrame]) -> DynamicShiftShare:
    """Dynamic shift-share (Barff & Knight 1988): annual decompositions summed over the panel.

    .. math:: NS_{ri} = \\sum_{t} x^{t}_{ri} g^{t,t+1}, \\quad
              IM_{ri} = \\sum_t x^t_{ri}(g_i^{t,t+1} - g^{t,t+1}), \\quad
              RS_{ri} = \\sum_t x^t_{ri}(g_{ri}^{t,t+1} - g_i^{t,t+1})

    The annual changes telescope, so :math:`NS + IM + RS = x^T_{ri} - x^0_{ri}` exactly.

    Parameters
    ----------
    panel : mapping year -> DataFrame
        At least two years of region × activity matrices with the same regions and columns.
    """
    years = sorted(panel)
    if len(years) < 2:
        raise ValueError(f"dynamic shift-share needs at least two years, got {years}")
    annual = {}
    acc: dict[str, pd.DataFrame] = {}
    for a, b in zip(years[:-1], years[1:], strict=True):
        ss = shift_share(panel[a], panel[b])
        annual[(a, b)] = ss
        for k in ("dx", "NS", "IM", "RS", "C", "A"):
            v = getattr(ss, k)
            acc[k] = v if k not in acc else acc[k] + v.loc[acc[k].index, acc[k].columns]
    first = panel[years[0]].astype(float)
    last = panel[years[-1]].astype(float).loc[first.index, first.columns]
    return DynamicShiftShare(summary=_summary(first, last, acc), annual=annual, years=years, **acc)


# ----------------------------------------------------------------------------------------------
# relatedness
# ----------------------------------------------------------------------------------------------
def _binary(
    X: pd.DataFrame, threshold: float, is_binary: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (RCA, M) — RCA is the input itself when ``is_binary``."""
    if is_binary:
        Xf = _check_matrix(X, allow_empty_rows=True)
        v = Xf.to_numpy()
        if not np.isin(v, (0.0, 1.0)).all():
            r, c = np.argwhere(~np.isin(v, (0.0, 1.0)))[0]
            raise ValueError(
                f"is_binary=True but region {Xf.index[r]!r}, activity {Xf.columns[c]!r} "
                f"holds {v[r, c]}"
            )
        return Xf, Xf.astype(int)
    lq = location_quotients(X, threshold)
    return lq.LQ, lq.M


def proximity(M: pd.DataFrame) -> pd.DataFrame:
    """Co-occurrence proximity between activities (Hidalgo et al. 2007).

    .. math:: \\varphi_{ij} = \\min\\{P(M_{ri}=1 \\mid M_{rj}=1),\\; P(M_{rj}=1 \\mid M_{ri}=1)\\}
              = \\frac{\\sum_r M_{ri} M_{rj}}{\\max(k_{i,0}, k_{j,0})}

    with ubiquity :math:`k_{i,0} = \\sum_r M_{ri}`. The diagonal is 1 for present activities,
    and rows/columns of absent activities (ubiquity 0) are 0.
    """
    m = M.to_numpy(dtype=float)
    co = m.T @ m
    u = np.diag(co).copy()
    den = np.maximum(u[:, None], u[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(den > 0, co / np.where(den > 0, den, 1.0), 0.0)
    return pd.DataFrame(phi, index=M.columns, columns=M.columns)


def relatedness_density(
    M: pd.DataFrame, phi: pd.DataFrame, exclude_self: bool = False
) -> pd.DataFrame:
    """Relatedness density of each activity in each region (Hidalgo et al. 2007).

    .. math:: \\omega_{ri} = \\frac{\\sum_j M_{rj}\\,\\varphi_{ij}}{\\sum_j \\varphi_{ij}}

    in [0, 1]: the share of the activities related to *i* (weighted by proximity) in which the
    region is specialised. The sums include :math:`j = i` (:math:`\\varphi_{ii} = 1`) as in
    the ``ecomplexity`` package and the Atlas of Economic Complexity; ``exclude_self=True``
    drops it (EconGeo's ``relatedness.density`` with a zero-diagonal relatedness matrix).
    Activities with no related activity get NaN.
    """
    p = phi.loc[M.columns, M.columns].to_numpy(dtype=float).copy()
    if exclude_self:
        np.fill_diagonal(p, 0.0)
    den = p.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = (M.to_numpy(dtype=float) @ p) / den[None, :]
    w[:, den == 0] = np.nan
    return pd.DataFrame(w, index=M.index, columns=M.columns)


@dataclass(frozen=True)
class Relatedness:
    """Revealed comparative advantage, proximity and relatedness density.

    Attributes
    ----------
    RCA : DataFrame
        Balassa index (= location quotient).
    M : DataFrame
        Binary specialisation :math:`M_{ri} = [RCA_{ri} \\ge \\theta]`.
    phi : DataFrame
        Activity × activity co-occurrence proximity :math:`\\varphi_{ij}`.
    omega : DataFrame
        Region × activity relatedness density :math:`\\omega_{ri}` in [0, 1].
    """

    RCA: pd.DataFrame
    M: pd.DataFrame
    phi: pd.DataFrame
    omega: pd.DataFrame


def relatedness(
    X: pd.DataFrame, threshold: float = 1.0, is_binary: bool = False, exclude_self: bool = False
) -> Relatedness:
    """RCA, proximity :math:`\\varphi` and relatedness density :math:`\\omega` in one call.

    See :func:`proximity` and :func:`relatedness_density` for the formulas.

    Parameters
    ----------
    X : DataFrame
        Region × activity values, or a 0/1 matrix with ``is_binary=True``.
    threshold : float
        RCA threshold for :math:`M` (default 1).
    exclude_self : bool
        Drop :math:`j = i` from the density sums.
    """
    RCA, M = _binary(X, threshold, is_binary)
    phi = proximity(M)
    return Relatedness(RCA=RCA, M=M, phi=phi, omega=relatedness_density(M, phi, exclude_self))


# ----------------------------------------------------------------------------------------------
# complexity
# ----------------------------------------------------------------------------------------------
def _second_eigvec(S: np.ndarray, trivial: np.ndarray) -> tuple[float, np.ndarray]:
    """Leading eigenpair of the symmetric ``S`` once its known eigenvector for eigenvalue 1
    (``trivial``) is deflated; on a disconnected network this picks, deterministically, the
    contrast between components instead of an arbitrary vector of the degenerate eigenspace."""
    t = trivial / np.linalg.norm(trivial)
    vals, vecs = np.linalg.eigh(S - np.outer(t, t))
    return float(vals[-1]), vecs[:, -1]


@dataclass(frozen=True)
class Complexity:
    """Economic complexity of regions (ECI) and activities (PCI).

    Attributes
    ----------
    ECI : Series
        Standardised economic complexity index (mean 0, population s.d. 1 over the regions with
        at least one specialisation; NaN for the others).
    PCI : Series
        Activity complexity on the ECI scale: the raw activity vector is transformed with the
        *same* mean and s.d. as ECI, so that :math:`ECI_r = \\operatorname{mean}_{i: M_{ri}=1}
        PCI_i` holds exactly (the ``ecomplexity`` / Stata convention). NaN for activities in no
        region.
    kc0 : Series
        Diversity :math:`k_{r,0} = \\sum_i M_{ri}`.
    kp0 : Series
        Ubiquity :math:`k_{i,0} = \\sum_r M_{ri}`.
    M : DataFrame
        Binary matrix used.
    RCA : DataFrame
    eigenvalue : float
        Second eigenvalue :math:`\\lambda_2` of :math:`\\tilde M^{(p)}`.
    method : str
        ``"eigen"`` or ``"reflections"``.
    n_iter : int
        Reflection iterations (0 for ``"eigen"``).
    excluded : dict[str, str]
        Regions left out of the ECI (region -> reason): those without any specialisation.
    """

    ECI: pd.Series
    PCI: pd.Series
    kc0: pd.Series
    kp0: pd.Series
    M: pd.DataFrame
    RCA: pd.DataFrame
    eigenvalue: float
    method: str
    n_iter: int = 0
    excluded: dict[str, str] = field(default_factory=dict)


def complexity(
    X: pd.DataFrame,
    threshold: float = 1.0,
    is_binary: bool = False,
    method: str = "eigen",
    tol: float = 1e-12,
    max_iter: int = 10_000,
) -> Complexity:
    """Economic complexity index (Hidalgo & Hausmann 2009), eigenvector or reflections form.

    With diversity :math:`k_{r,0}` and ubiquity :math:`k_{i,0}`, the method of reflections reads

    .. math:: k_{r,N} = \\frac{1}{k_{r,0}}\\sum_i M_{ri}\\,k_{i,N-1}, \\qquad
              k_{i,N} = \\frac{1}{k_{i,0}}\\sum_r M_{ri}\\,k_{r,N-1},

    and its limit (after removing the trivial constant component) is the eigenvector of the
    second-largest eigenvalue of :math:`\\tilde M^{(p)}_{ij} = \\sum_r M_{ri}M_{rj} /
    (k_{r,0}k_{i,0})` (Mealy, Farmer & Teytelboym 2019). Then

    .. math:: K_r = \\frac{1}{k_{r,0}} \\sum_i M_{ri} Q_i,\\qquad
              ECI_r = \\frac{K_r - \\langle K\\rangle}{\\operatorname{sd}(K)},\\qquad
              PCI_i = \\frac{Q_i - \\langle K\\rangle}{\\operatorname{sd}(K)}

    **Sign convention**: the sign is chosen so that ECI correlates positively with diversity
    :math:`k_{r,0}`. **Normalisation**: ECI is z-scored (population s.d.) and PCI is put on the
    same scale, hence :math:`ECI_r` equals the mean PCI of the activities the region is
    specialised in (``ecomplexity``'s convention).

    Parameters
    ----------
    X : DataFrame
        Region × activity values, or 0/1 with ``is_binary=True``.
    threshold : float
        RCA threshold for :math:`M`.
    method : {"eigen", "reflections"}
        ``"eigen"``: symmetric eigendecomposition of
        :math:`K_p^{-1/2}M^\\top K_c^{-1}MK_p^{-1/2}` (or its region-side twin, whichever is
        smaller). ``"reflections"``: iterate the two reflections, at each step removing the
        trivial component (diversity-weighted mean) and rescaling, until the vector changes by
        less than ``tol`` (max ``max_iter`` double reflections).

    Returns
    -------
    Complexity

    Notes
    -----
    Regions with no specialisation and activities present nowhere are dropped from the
    computation and reported as NaN. Raises ValueError when fewer than two regions or activities
    remain.
    """
    if method not in ("eigen", "reflections"):
        raise ValueError(f"method must be 'eigen' or 'reflections', got {method!r}")
    RCA, M = _binary(X, threshold, is_binary)
    m_full = M.to_numpy(dtype=float)
    kc_full = m_full.sum(axis=1)
    kp_full = m_full.sum(axis=0)
    rows = kc_full > 0
    cols = kp_full > 0
    if rows.sum() < 2 or cols.sum() < 2:
        raise ValueError(
            "complexity needs at least two regions with a specialisation and two activities "
            f"present; regions without any: {list(M.index[~rows])}, "
            f"activities absent everywhere: {list(M.columns[~cols])}"
        )
    m = m_full[np.ix_(rows, cols)]
    kc = m.sum(axis=1)
    kp = m.sum(axis=0)
    n_iter = 0
    if method == "eigen":
        if m.shape[1] <= m.shape[0]:
            a = m / np.sqrt(kc)[:, None] / np.sqrt(kp)[None, :]
            S = a.T @ a  # = Kp^-1/2 M' Kc^-1 M Kp^-1/2, similar to Mpp
            lam, v = _second_eigvec(S, np.sqrt(kp))
            Q = v / np.sqrt(kp)  # eigenvector of Mpp
            K = (m @ Q) / kc
        else:
            a = m / np.sqrt(kc)[:, None] / np.sqrt(kp)[None, :]
            S = a @ a.T  # similar to Mcc
            lam, v = _second_eigvec(S, np.sqrt(kc))
            K = v / np.sqrt(kc)  # eigenvector of Mcc
            Q = (m.T @ K) / kp  # Mpp eigenvector, K = Mcc-eigvec up to 1/lambda
            K = (m @ Q) / kc
    else:
        rng = np.random.default_rng(0)
        K = kc + 0.01 * rng.standard_normal(kc.size)  # start: diversity (H&H 2009), jittered
        lam = np.nan
        for n_iter in range(1, max_iter + 1):  # noqa: B007
            Q = (m.T @ K) / kp
            K_new = (m @ Q) / kc
            K_new = K_new - (kc @ K_new) / kc.sum()  # remove the trivial (constant) component
            nrm = np.sqrt(kc @ K_new**2)
            lam = nrm / np.sqrt(kc @ K**2) if n_iter > 1 else np.nan
            K_new = K_new / nrm
            s = np.sign(K_new @ K) or 1.0
            if np.max(np.abs(K_new - s * K)) < tol:
                K = K_new
                break
            K = K_new
        else:
            warnings.warn(
                f"complexity: reflections did not converge to tol={tol:g} in {max_iter} "
                "iterations; use method='eigen'",
                RuntimeWarning,
                stacklevel=2,
            )
        Q = (m.T @ K) / kp
        K = (m @ Q) / kc
    if np.isfinite(lam) and lam > 1.0 - 1e-9:
        warnings.warn(
            "complexity: the region-activity network is disconnected (second eigenvalue = 1); "
            "ECI then only separates the components",
            RuntimeWarning,
            stacklevel=2,
        )
    mu, sd = K.mean(), K.std()
    if not np.isfinite(sd) or sd == 0:
        raise ValueError("complexity: ECI has zero variance (degenerate specialisation matrix)")
    sign = np.sign(np.corrcoef(kc, K)[0, 1]) if np.std(kc) > 0 else 1.0
    sign = sign if sign != 0 else 1.0
    K, Q, mu = sign * K, sign * Q, sign * mu
    eci = np.full(m_full.shape[0], np.nan)
    pci = np.full(m_full.shape[1], np.nan)
    eci[rows] = (K - mu) / sd
    pci[cols] = (Q - mu) / sd
    return Complexity(
        ECI=pd.Series(eci, index=M.index, name="ECI"),
        PCI=pd.Series(pci, index=M.columns, name="PCI"),
        kc0=pd.Series(kc_full, index=M.index, name="kc0"),
        kp0=pd.Series(kp_full, index=M.columns, name="kp0"),
        M=M,
        RCA=RCA,
        eigenvalue=float(lam),
        method=method,
        n_iter=n_iter,
        excluded={
            str(r): f"no specialisation (no activity with RCA >= {threshold:g})"
            for r in M.index[~rows]
        },
    )


# ----------------------------------------------------------------------------------------------
# competitive-advantage profile
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CompetitiveProfile:
    """Current specialisations and candidate activities of one region.

    Attributes
    ----------
    region : str
    specialisations : DataFrame
        One row per activity with :math:`LQ^1 \\ge \\theta`, sorted by LQ1 descending; columns
        ``LQ0, LQ1, dLQ, trend`` (``"rising"``, ``"stable"``, ``"falling"``, ``"new"``;
        LQ0/dLQ NaN without a base year), ``share`` (activity's share of the region's total),
        ``omega``, ``PCI``, ``reason``.
    candidates : DataFrame
        Up to ``n_candidates`` activities with :math:`LQ^1 < \\theta`, ranked by relatedness
        density :math:`\\omega` (ties by PCI); columns ``LQ1, dLQ`` (NaN without a base
        year), ``omega, omega_rank`` (1 = densest among the region's non-specialised
        activities), ``PCI, reason``.
    ECI : float
        The region's ECI.
    """

    region: str
    specialisations: pd.DataFrame
    candidates: pd.DataFrame
    ECI: float


def competitive_profile(
    X1: pd.DataFrame,
    region: str,
    X0: pd.DataFrame | None = None,
    threshold: float = 1.0,
    n_candidates: int = 5,
    trend_tol: float = 0.05,
) -> CompetitiveProfile:
    """Competitive-advantage profile of a region (smart-specialisation style).

    Specialisations: activities with :math:`LQ^1_{ri} \\ge \\theta`, with their trend
    :math:`\\Delta LQ = LQ^1 - LQ^0` (``rising`` if :math:`\\Delta LQ > ` ``trend_tol``,
    ``falling`` if below −``trend_tol``, ``new`` if :math:`LQ^0 < \\theta`). Candidates:
    activities not yet specialised, ranked by relatedness density :math:`\\omega_{ri}`
    (Hidalgo et al. 2007), with PCI (Hidalgo & Hausmann 2009) shown alongside.

    Parameters
    ----------
    X1 : DataFrame
        Region × activity matrix of the current year.
    region : str
        Region code (row of ``X1``).
    X0 : DataFrame, optional
        Same matrix in a base year (for the trend).
    """
    if region not in X1.index:
        raise ValueError(f"region {region!r} not in the matrix (have {list(X1.index)})")
    ctx = _profile_context(X1, X0, threshold)
    return _profile(ctx, region, threshold, n_candidates, trend_tol)


def _profile_context(X1, X0, threshold) -> dict:
    X1f = _check_matrix(X1, "X1")
    lq1 = location_quotients(X1f, threshold).LQ
    if X0 is not None:
        X0f, _ = _align(X0, X1f)
        lq0 = pd.DataFrame(_lq_array(X0f.to_numpy()), index=X0f.index, columns=X0f.columns)
    else:
        lq0 = None
    rel = relatedness(X1f, threshold)
    try:
        cx = complexity(X1f, threshold)
        pci, eci = cx.PCI, cx.ECI
    except ValueError:
        cx = None
        pci = pd.Series(np.nan, index=X1f.columns)
        eci = pd.Series(np.nan, index=X1f.index)
    return dict(X1=X1f, lq1=lq1, lq0=lq0, rel=rel, pci=pci, eci=eci, cx=cx)


def _profile(ctx, region, threshold, n_candidates, trend_tol) -> CompetitiveProfile:
    X1f, lq1, lq0, rel, pci = ctx["X1"], ctx["lq1"], ctx["lq0"], ctx["rel"], ctx["pci"]
    eci = float(ctx["eci"][region])
    row = lq1.loc[region]
    om = rel.omega.loc[region]
    share = X1f.loc[region] / X1f.loc[region].sum()
    spec = row[row >= threshold].sort_values(ascending=False).index
    recs = []
    for a in spec:
        l1 = float(row[a])
        if lq0 is not None:
            l0 = float(lq0.loc[region, a])
            d = l1 - l0
            tr = (
                "new"
                if l0 < threshold
                else "rising"
                if d > trend_tol
                else "falling"
                if d < -trend_tol
                else "stable"
            )
            why = f"LQ {l0:.2f} -> {l1:.2f} ({d:+.2f}, {tr})"
        else:
            l0, d, tr = np.nan, np.nan, "n/a"
            why = f"LQ {l1:.2f}"
        why += f"; {100 * share[a]:.1f}% of region; PCI {pci[a]:+.2f}"
        recs.append(
            dict(
                activity=a,
                LQ0=l0,
                LQ1=l1,
                dLQ=d,
                trend=tr,
                share=float(share[a]),
                omega=float(om[a]),
                PCI=float(pci[a]),
                reason=why,
            )
        )
    cols_s = ["LQ0", "LQ1", "dLQ", "trend", "share", "omega", "PCI", "reason"]
    specialisations = (
        pd.DataFrame(recs).set_index("activity")[cols_s]
        if recs
        else pd.DataFrame(columns=cols_s).rename_axis("activity")
    )
    non = row[row < threshold].index
    cand = pd.DataFrame({"LQ1": row[non], "omega": om[non], "PCI": pci[non]})
    cand["dLQ"] = (row[non] - lq0.loc[region, non]) if lq0 is not None else np.nan
    n_non = int(cand["omega"].notna().sum())
    cand["omega_rank"] = cand["omega"].rank(ascending=False, method="min")
    cand = cand.dropna(subset=["omega"]).sort_values(
        ["omega", "PCI"], ascending=[False, False], na_position="last", kind="stable"
    )
    cand = cand.head(n_candidates).copy()
    cand["reason"] = [
        f"not specialised (LQ {r.LQ1:.2f} < {threshold:g}"
        + (f", {r.dLQ:+.2f} since base year" if np.isfinite(r.dLQ) else "")
        + f"); relatedness density {r.omega:.2f} (rank {int(r.omega_rank)} of {n_non} "
        f"non-specialised activities); PCI {r.PCI:+.2f}"
        for r in cand.itertuples()
    ]
    cand.index.name = "activity"
    return CompetitiveProfile(
        region=region,
        specialisations=specialisations,
        candidates=cand[["LQ1", "dLQ", "omega", "omega_rank", "PCI", "reason"]],
        ECI=eci,
    )


# ----------------------------------------------------------------------------------------------
# benchmarking
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Similarity:
    """Regions ranked by structural similarity to one region.

    Attributes
    ----------
    region : str
    d : Series
        Weighted Euclidean distance to ``region`` over the standardised profile, ascending
        (nearest first; the region itself excluded).
    z : DataFrame
        Standardised indicators used (z-scores, population s.d.).
    w : Series
        Indicator weights used (normalised to sum 1).
    ranking : DataFrame
        ``rank, d`` plus, for each indicator, the absolute z-gap to ``region``.
    dropped : list
        Indicators dropped (missing for ``region`` or constant).
    excluded : dict
        Region -> reason (missing a retained indicator).
    """

    region: str
    d: pd.Series
    z: pd.DataFrame
    w: pd.Series
    ranking: pd.DataFrame
    dropped: list
    excluded: dict


def similar_regions(
    indicators: pd.DataFrame,
    region: str,
    weights: Mapping[str, float] | None = None,
    n: int | None = 5,
) -> Similarity:
    """Most similar regions over a standardised indicator profile (S3 benchmarking).

    .. math:: z_{rk} = \\frac{y_{rk} - \\bar y_k}{s_k}, \\qquad
              d_{rs} = \\sqrt{\\sum_k w_k (z_{rk} - z_{sk})^2}, \\quad \\sum_k w_k = 1

    as in the JRC smart-specialisation benchmarking tool (Navarro et al. 2014), which ranks
    reference regions by Euclidean distance over standardised structural indicators.

    Parameters
    ----------
    indicators : DataFrame
        Region × indicator values (NaN allowed).
    region : str
        The region to benchmark.
    weights : mapping indicator -> weight, optional
        Non-negative; default equal weights. Indicators missing from the mapping get 0.
    n : int or None
        Number of regions in ``ranking`` (None = all).

    Notes
    -----
    Indicators missing for ``region`` or constant over regions are dropped; regions missing a
    retained indicator are excluded (both listed in the result). Standardisation uses the
    retained regions.
    """
    if region not in indicators.index:
        raise ValueError(f"region {region!r} not among the indicator rows {list(indicators.index)}")
    Y = indicators.astype(float)
    dropped = [c for c in Y.columns if pd.isna(Y.loc[region, c])]
    Y = Y.drop(columns=dropped)
    excluded = {
        str(r): "missing " + ", ".join(str(c) for c in Y.columns[Y.loc[r].isna()])
        for r in Y.index
        if Y.loc[r].isna().any()
    }
    Y = Y.drop(index=list(excluded))
    const = [c for c in Y.columns if Y[c].std(ddof=0) == 0]
    dropped += const
    Y = Y.drop(columns=const)
    if Y.shape[1] == 0:
        raise ValueError(f"no usable indicator for region {region!r} (dropped: {dropped})")
    if weights is None:
        w = pd.Series(1.0, index=Y.columns)
    else:
        unknown = [k for k in weights if k not in indicators.columns]
        if unknown:
            raise ValueError(f"weights given for unknown indicator(s) {unknown}")
        w = pd.Series({c: float(weights.get(c, 0.0)) for c in Y.columns})
        if (w < 0).any():
            raise ValueError(f"negative weight(s) for {list(w.index[w < 0])}")
        if w.sum() == 0:
            raise ValueError("all weights of the retained indicators are zero")
    w = w / w.sum()
    z = (Y - Y.mean()) / Y.std(ddof=0)
    gap = (z - z.loc[region]).abs()
    d = np.sqrt((gap**2 * w).sum(axis=1)).drop(region).sort_values(kind="stable")
    d.name = "d"
    ranking = pd.concat([d, gap.loc[d.index]], axis=1)
    ranking.insert(0, "rank", np.arange(1, len(d) + 1))
    if n is not None:
        ranking = ranking.head(n)
    return Similarity(
        region=region, d=d, z=z, w=w, ranking=ranking, dropped=dropped, excluded=excluded
    )


@dataclass(frozen=True)
class SpecialisationSummary:
    """One row per region: structure, complexity and the profile in brief.

    Attributes
    ----------
    table : DataFrame
        Index region; columns ``kc0`` (number of specialisations), ``K`` (Krugman, rest of the
        country), ``HHI``, ``N_eq``, ``ECI``, ``specialisations`` (activity codes with LQ,
        descending, e.g. ``"C 2.66, E 2.86"``) and ``candidates`` (top candidates by density).
    profiles : dict
        Region -> :class:`CompetitiveProfile`.
    complexity : Complexity or None
        None when the matrix is too degenerate for ECI.
    excluded : dict[str, str]
        Regions without an ECI (region -> reason, from :attr:`Complexity.excluded`).
    """

    table: pd.DataFrame
    profiles: dict
    complexity: Complexity | None
    excluded: dict[str, str] = field(default_factory=dict)


def specialisation_summary(
    X1: pd.DataFrame,
    X0: pd.DataFrame | None = None,
    threshold: float = 1.0,
    n_candidates: int = 3,
    trend_tol: float = 0.05,
) -> SpecialisationSummary:
    """Competitive-advantage profiles of all regions (computed once) and a summary table.

    See :func:`competitive_profile` (per region) and :func:`specialisation_indices`.
    """
    ctx = _profile_context(X1, X0, threshold)
    si = specialisation_indices(ctx["X1"])
    profiles, rows = {}, []
    for r in ctx["X1"].index:
        p = _profile(ctx, r, threshold, n_candidates, trend_tol)
        profiles[r] = p
        rows.append(
            dict(
                region=r,
                kc0=len(p.specialisations),
                K=si.K[r],
                HHI=si.HHI[r],
                N_eq=si.N_eq[r],
                ECI=p.ECI,
                specialisations=", ".join(
                    f"{a} {v:.2f}" for a, v in p.specialisations["LQ1"].items()
                ),
                candidates=", ".join(f"{a} (ω {v:.2f})" for a, v in p.candidates["omega"].items()),
            )
        )
    return SpecialisationSummary(
        table=pd.DataFrame(rows).set_index("region"),
        profiles=profiles,
        complexity=ctx["cx"],
        excluded=dict(ctx["cx"].excluded) if ctx["cx"] is not None else {},
    )
