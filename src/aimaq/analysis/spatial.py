"""Spatial autocorrelation: global Moran's I and local Moran (LISA) with permutation inference.

The spatial weights are a ``libpysal.weights.W`` supplied by the caller whose ids are region codes
(queen contiguity: ``aimaq.geo.polygons.queen_weights()``). The caller's W is never modified: a
copy restricted to the regions with data is row-standardised (``transformation="r"``).

Missing-data rule: a region of W without a finite value is left out (W is restricted to the
remaining regions, so its links are dropped) and reported; a region of ``values`` absent from W
is left out and reported. Regions that lose all their neighbours (islands) stay in the sample
with a zero spatial lag and are listed in ``islands``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["GlobalMoran", "LocalMoran", "lisa", "moran"]

CLUSTER_LABELS = {
    1: "High-High",
    2: "Low-High",
    3: "Low-Low",
    4: "High-Low",
}
NOT_SIGNIFICANT = "not significant"


@dataclass(frozen=True)
class GlobalMoran:
    """Global Moran's I.

    Attributes
    ----------
    I : float
        Moran's I ``(n / S0) (z' W z) / (z' z)``.
    EI : float
        Expectation under the null, ``-1/(n-1)``.
    z_norm, p_norm : float
        z and two-sided p-value under normality.
    EI_sim, z_sim : float
        Mean of the permuted I and z-value against the permutation distribution.
    p_sim : float
        Pseudo p-value ``(M + 1)/(R + 1)`` (one-sided in the direction of the observed I).
    permutations : int
        Number of random permutations ``R``.
    seed : int
        Seed of the permutations.
    n : int
        Regions in the sample.
    islands : list[str]
        Regions with no neighbour in the sample.
    excluded : dict[str, str]
        Region code -> reason.
    """

    I: float  # noqa: E741
    EI: float
    z_norm: float
    p_norm: float
    EI_sim: float
    z_sim: float
    p_sim: float
    permutations: int
    seed: int
    n: int
    islands: list[str]
    excluded: dict[str, str]


@dataclass(frozen=True)
class LocalMoran:
    """Local Moran's I_i (LISA) with conditional-permutation inference.

    Attributes
    ----------
    Is : pd.Series
        Local statistic ``I_i = (n-1) z_i sum_j w_ij z_j / sum_j z_j^2`` per region.
    q : pd.Series
        Moran scatterplot quadrant: 1 HH, 2 LH, 3 LL, 4 HL.
    p_sim : pd.Series
        Pseudo p-values from conditional permutations.
    z_sim : pd.Series
        z-values against the permutation distribution.
    cluster : pd.Series
        ``"High-High"``, ``"Low-Low"``, ``"High-Low"``, ``"Low-High"`` where
        ``p_sim < alpha`` (strict, as ``esda``), else ``"not significant"``.
    alpha : float
        Significance level of ``cluster``.
    permutations, seed, n : int
        Inference settings and sample size.
    islands : list[str]
        Regions with no neighbour in the sample (their I_i is 0, never significant).
    excluded : dict[str, str]
        Region code -> reason.
    """

    Is: pd.Series
    q: pd.Series
    p_sim: pd.Series
    z_sim: pd.Series
    cluster: pd.Series
    alpha: float
    permutations: int
    seed: int
    n: int
    islands: list[str]
    excluded: dict[str, str]


def _align(values: pd.Series, w, fname: str):
    """Restrict a copy of W to regions with finite values; return (y, W copy, excluded)."""
    from libpysal.weights import W

    if not isinstance(values, pd.Series):
        raise TypeError(f"{fname}: `values` must be a pd.Series indexed by region code")
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique().tolist()
        raise ValueError(f"{fname}: duplicated region code(s) in `values`: {dup}")
    v = pd.to_numeric(values, errors="coerce").astype(float)
    excluded: dict[str, str] = {}
    w_ids = list(w.id_order)
    w_set = set(w_ids)
    for r in v.index:
        if r not in w_set:
            excluded[str(r)] = "not in the spatial weights W"
    for r in w_ids:
        if r not in v.index or not np.isfinite(v.get(r, np.nan)):
            excluded[str(r)] = "missing value (dropped from W)"
    ids = [r for r in w_ids if str(r) not in excluded]
    if len(ids) < 3:
        raise ValueError(f"{fname}: fewer than 3 regions with values in W (excluded: {excluded})")
    if np.ptp(v.loc[ids].to_numpy()) == 0:
        raise ValueError(f"{fname}: `values` is constant over the sample; Moran's I is undefined")
    keep = set(ids)
    original = w.transformations.get("O", w.weights)
    neighbors, weights = {}, {}
    for i in ids:
        pairs = [(j, wt) for j, wt in zip(w.neighbors[i], original[i], strict=True) if j in keep]
        neighbors[i] = [j for j, _ in pairs]
        weights[i] = [wt for _, wt in pairs]
    wc = W(neighbors, weights, id_order=ids, silence_warnings=True)
    islands = [str(i) for i in ids if not neighbors[i]]
    return v.loc[ids].to_numpy(), wc, ids, islands, excluded


def moran(values: pd.Series, w, permutations: int = 999, seed: int = 12345) -> GlobalMoran:
    """Global Moran's I of a regional variable (``esda.Moran``), row-standardised W.

    .. math:: I = \\frac{n}{S_0} \\frac{\\sum_i \\sum_j w_{ij} z_i z_j}{\\sum_i z_i^2}

    Parameters
    ----------
    values : pd.Series
        Variable per region (index = region code = W ids).
    w : libpysal.weights.W
        Spatial weights with region codes as ids (not modified).
    permutations : int
        Random permutations for the pseudo p-value.
    seed : int
        Seed for the permutations (numpy's global state is restored afterwards).

    Returns
    -------
    GlobalMoran

    References
    ----------
    Moran, P.A.P. (1950) "Notes on continuous stochastic phenomena", *Biometrika* 37: 17-23.
    Cliff, A.D. and Ord, J.K. (1981) *Spatial Processes*, Pion.
    """
    from esda.moran import Moran

    y, wc, ids, islands, excluded = _align(values, w, "moran")
    # esda.Moran draws from numpy's legacy global generator: seed it, then restore the state
    state = np.random.get_state()  # noqa: NPY002
    np.random.seed(seed)  # noqa: NPY002
    try:
        m = Moran(y, wc, transformation="r", permutations=permutations)
    finally:
        np.random.set_state(state)  # noqa: NPY002
    return GlobalMoran(
        I=float(m.I),
        EI=float(m.EI),
        z_norm=float(m.z_norm),
        p_norm=float(m.p_norm),
        EI_sim=float(m.EI_sim) if permutations else float("nan"),
        z_sim=float(m.z_sim) if permutations else float("nan"),
        p_sim=float(m.p_sim) if permutations else float("nan"),
        permutations=int(permutations),
        seed=int(seed),
        n=len(ids),
        islands=islands,
        excluded=excluded,
    )


def lisa(
    values: pd.Series,
    w,
    permutations: int = 999,
    seed: int = 12345,
    alpha: float = 0.05,
) -> LocalMoran:
    """Local Moran's I (LISA) with cluster labels at significance ``alpha``.

    .. math:: I_i = (n-1) \\frac{z_i \\sum_j w_{ij} z_j}{\\sum_j z_j^2}

    Parameters
    ----------
    values : pd.Series
        Variable per region (index = region code = W ids).
    w : libpysal.weights.W
        Spatial weights with region codes as ids (not modified).
    permutations : int
        Conditional permutations per region.
    seed : int
        Seed passed to ``esda.Moran_Local``.
    alpha : float
        Significance level for the cluster labels.

    Returns
    -------
    LocalMoran

    References
    ----------
    Anselin, L. (1995) "Local indicators of spatial association - LISA", *Geographical Analysis*
    27(2): 93-115.
    """
    from esda.moran import Moran_Local

    if permutations < 1:
        raise ValueError("lisa: needs permutations >= 1 for the cluster labels")
    y, wc, ids, islands, excluded = _align(values, w, "lisa")
    with np.errstate(invalid="ignore", divide="ignore"):  # islands: zero permutation spread
        m = Moran_Local(y, wc, transformation="r", permutations=permutations, seed=seed, n_jobs=1)
    idx = pd.Index(ids, name="region")
    q = pd.Series(np.asarray(m.q, dtype=int), index=idx, name="q")
    p = pd.Series(np.asarray(m.p_sim, dtype=float), index=idx, name="p_sim")
    sig = (p < alpha) & ~idx.isin(islands)
    cluster = q.map(CLUSTER_LABELS).where(sig, NOT_SIGNIFICANT).rename("cluster")
    return LocalMoran(
        Is=pd.Series(np.asarray(m.Is, dtype=float), index=idx, name="I"),
        q=q,
        p_sim=p,
        z_sim=pd.Series(np.asarray(m.z_sim, dtype=float), index=idx, name="z_sim"),
        cluster=cluster,
        alpha=float(alpha),
        permutations=int(permutations),
        seed=int(seed),
        n=len(ids),
        islands=islands,
        excluded=excluded,
    )
