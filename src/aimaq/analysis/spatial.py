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

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["GlobalMoran", "LocalMoran", "SpatialWeights", "lisa", "moran", "prepare_weights"]

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


@dataclass(frozen=True)
class SpatialWeights:
    """Spatial weights prepared once for many statistics, indicators and permutations.

    Attributes
    ----------
    ids : pd.Index
        Region codes, in W's ``id_order``.
    sparse : scipy.sparse.csr_array
        Original (untransformed) weights ``w_ij``, rows and columns in ``ids`` order, sorted
        column indices.
    """

    ids: pd.Index
    sparse: object
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def restricted(self, keep: np.ndarray):
        """Row-standardised weights among the units where ``keep`` (bool, ``ids`` order)."""
        key = keep.tobytes()
        if key not in self._cache:
            m = self.sparse
            if not keep.all():
                sel = np.flatnonzero(keep)
                m = m[sel][:, sel]
            m = m.tocsr()
            m.sort_indices()
            rs = np.asarray(m.sum(axis=1)).ravel()
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.where(rs > 0, 1.0 / rs, 0.0)
            r = m.multiply(scale[:, None]).tocsr()
            r.sort_indices()
            if len(self._cache) > 8:  # a few samples (e.g. years with gaps) are kept
                self._cache.clear()
            self._cache[key] = (r, m)
        return self._cache[key]


def prepare_weights(w) -> SpatialWeights:
    """Prepare a ``libpysal.weights.W`` (ids = region codes) once for :func:`moran`/:func:`lisa`.

    The caller's W is not modified; its original weights are used whatever its current
    transformation.

    Examples
    --------
    >>> from libpysal.weights import W
    >>> sw = prepare_weights(W({"a": ["b"], "b": ["a", "c"], "c": ["b"]}))
    >>> list(sw.ids), sw.sparse.nnz
    (['a', 'b', 'c'], 4)
    """
    from scipy import sparse

    if isinstance(w, SpatialWeights):
        return w
    ids = list(w.id_order)
    pos = {r: i for i, r in enumerate(ids)}
    original = w.transformations.get("O", w.weights)
    rows, cols, vals = [], [], []
    for i, r in enumerate(ids):
        nb = w.neighbors[r]
        rows.extend([i] * len(nb))
        cols.extend(pos[j] for j in nb)
        vals.extend(original[r])
    n = len(ids)
    m = sparse.csr_array(
        (
            np.asarray(vals, dtype=float),
            (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)),
        ),
        shape=(n, n),
    )
    m.sort_indices()
    return SpatialWeights(pd.Index(ids), m)


def _align(values: pd.Series, w, fname: str):
    """The sample: (y, row-standardised W, binary-or-original W, ids, islands, excluded)."""
    if not isinstance(values, pd.Series):
        raise TypeError(f"{fname}: `values` must be a pd.Series indexed by region code")
    if values.index.has_duplicates:
        dup = values.index[values.index.duplicated()].unique().tolist()
        raise ValueError(f"{fname}: duplicated region code(s) in `values`: {dup}")
    sw = prepare_weights(w)
    v = pd.to_numeric(values, errors="coerce").astype(float)
    excluded: dict[str, str] = {}
    if not (v.index is sw.ids or v.index.equals(sw.ids)):
        for r in v.index[~v.index.isin(sw.ids)]:
            excluded[str(r)] = "not in the spatial weights W"
        v = v.reindex(sw.ids)
    y_all = v.to_numpy()
    keep = np.isfinite(y_all)
    for r in sw.ids[~keep]:
        excluded[str(r)] = "missing value (dropped from W)"
    if keep.sum() < 3:
        raise ValueError(f"{fname}: fewer than 3 regions with values in W (excluded: {excluded})")
    y = y_all[keep]
    if np.ptp(y) == 0:
        raise ValueError(f"{fname}: `values` is constant over the sample; Moran's I is undefined")
    wr, wo = sw.restricted(keep)
    ids = sw.ids[keep]
    card = np.diff(wo.indptr)
    islands = [str(i) for i in ids[card == 0]]
    return y, wr, wo, ids, islands, excluded


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
    y, wr, _, ids, islands, excluded = _align(values, w, "moran")
    I, EI, z_norm, p_norm, sim = _moran_arrays(y, wr, permutations, seed)  # noqa: E741
    if permutations:
        larger = int((sim >= I).sum())
        larger = min(larger, permutations - larger)
        EI_sim, se = float(sim.sum() / permutations), float(sim.std())
        with np.errstate(divide="ignore", invalid="ignore"):
            z_sim = (I - EI_sim) / se
        p_sim = (larger + 1.0) / (permutations + 1.0)
    else:
        EI_sim = z_sim = p_sim = float("nan")
    return GlobalMoran(
        I=I,
        EI=EI,
        z_norm=z_norm,
        p_norm=p_norm,
        EI_sim=EI_sim,
        z_sim=float(z_sim),
        p_sim=float(p_sim),
        permutations=int(permutations),
        seed=int(seed),
        n=len(ids),
        islands=islands,
        excluded=excluded,
    )


def _moran_arrays(y: np.ndarray, wr, permutations: int, seed: int, chunk: int = 128):
    """Moran's I, its normal-approximation moments and the permuted I's, as ``esda.Moran``.

    The permutations are those of ``esda.Moran`` with numpy's legacy generator seeded with
    ``seed`` (``np.random.permutation`` drawn ``permutations`` times), evaluated in blocks
    with one sparse product per block instead of one per permutation.
    """
    from scipy.special import ndtr

    n = y.size
    z = y - y.mean()
    z2ss = float(z @ z)
    s0 = float(wr.sum())
    I = n / s0 * float(z @ (wr @ z)) / z2ss  # noqa: E741
    EI = -1.0 / (n - 1)
    t = wr + wr.T
    s1 = 0.5 * float(t.multiply(t).sum())
    s2 = float(
        ((np.asarray(wr.sum(axis=1)).ravel() + np.asarray(wr.sum(axis=0)).ravel()) ** 2).sum()
    )
    vi = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n - 1) * (n + 1) * s0 * s0) - EI * EI
    z_norm = (I - EI) / vi**0.5
    p_norm = 2.0 * float(ndtr(-abs(z_norm)))
    sim = np.empty(permutations)
    rs = np.random.RandomState(seed)  # noqa: NPY002  (esda's stream, not the global one)
    for k in range(0, permutations, chunk):
        c = min(chunk, permutations - k)
        zp = z[np.stack([rs.permutation(n) for _ in range(c)])]  # (c, n)
        lag = wr @ zp.T  # (n, c)
        sim[k : k + c] = n / s0 * np.einsum("ij,ji->i", zp, lag) / z2ss
    return I, EI, float(z_norm), p_norm, sim


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
    if permutations < 1:
        raise ValueError("lisa: needs permutations >= 1 for the cluster labels")
    y, wr, _, ids, islands, excluded = _align(values, w, "lisa")
    Is, q_arr, p_arr, z_arr = _lisa_arrays(y, wr, permutations, seed)
    idx = pd.Index(ids, name="region")
    q = pd.Series(q_arr, index=idx, name="q")
    p = pd.Series(p_arr, index=idx, name="p_sim")
    sig = (p < alpha) & ~idx.isin(islands)
    cluster = q.map(CLUSTER_LABELS).where(sig, NOT_SIGNIFICANT).rename("cluster")
    return LocalMoran(
        Is=pd.Series(Is, index=idx, name="I"),
        q=q,
        p_sim=p,
        z_sim=pd.Series(z_arr, index=idx, name="z_sim"),
        cluster=cluster,
        alpha=float(alpha),
        permutations=int(permutations),
        seed=int(seed),
        n=len(ids),
        islands=islands,
        excluded=excluded,
    )


def _lisa_arrays(y: np.ndarray, wr, permutations: int, seed: int):
    """(I_i, quadrant, pseudo p, z_sim) as ``esda.Moran_Local`` with ``seed``, from prepared W.

    Calls esda's own conditional-randomisation kernel (``esda.crand``) on the prepared sparse
    weights, so the permutations and p-values are esda's, without rebuilding a W per call.
    """
    from esda.crand import compute_chunk, vec_permutations
    from esda.moran import _moran_local_crand

    n = y.size
    z = y - y.mean()
    with np.errstate(all="ignore"):
        z = z / y.std()
    zl = wr @ z
    den = float(z @ z)
    Is = (n - 1) * z * zl / den
    zp, lp = z > 0, zl > 0
    q = np.where(zp & lp, 1, np.where(~zp & lp, 2, np.where(~zp & ~lp, 3, 4)))
    self_w = wr.diagonal()
    other = wr.copy()
    if np.any(self_w):
        other.setdiag(0)
        other.eliminate_zeros()
    card = np.diff(other.indptr).astype(np.int64)
    ids = vec_permutations(int(card.max()), n, permutations, seed)
    _, rl = compute_chunk(
        0,
        z,
        z,
        Is,
        card,
        self_w,
        other.data.astype(z.dtype),
        ids,
        (n - 1) / den,
        True,
        _moran_local_crand,
        0,
        alternative="directed",
    )
    sim = rl.T
    larger = (sim >= Is).sum(axis=0)
    low = (permutations - larger) < larger
    larger[low] = permutations - larger[low]
    p = (larger + 1.0) / (permutations + 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z_sim = (Is - sim.mean(axis=0)) / sim.std(axis=0)
    return Is, q.astype(int), p, z_sim
