"""Regional typology: composite development index and clustering of regions into types.

Inputs are region × indicator tables (``pd.DataFrame`` indexed by region code, one column per
indicator id of the project catalogue, e.g. ``grp_per_capita_thousand_kzt``). The default
indicators, weights and directions are those of ``aimaq/data/typology_weights.toml`` (read by
:func:`aimaq.datasets.read_typology_weights`) — a documented
default choice, not data.

References
----------
OECD/JRC (2008). *Handbook on Constructing Composite Indicators: Methodology and User Guide*.
OECD Publishing (normalisation, weighting, uncertainty and sensitivity analysis).
Saisana, M., Saltelli, A. & Tarantola, S. (2005). Uncertainty and sensitivity analysis techniques
as tools for the quality assessment of composite indicators. *JRSS A* 168(2), 307–323.
Ward, J. H. (1963). Hierarchical grouping to optimize an objective function. *JASA* 58, 236–244.
Rousseeuw, P. J. (1987). Silhouettes. *J. Comput. Appl. Math.* 20, 53–65.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = [
    "IndicatorSpec",
    "required_indicators",
    "typology_spec",
    "typology_indicators",
    "CompositeIndex",
    "composite_index",
    "Typology",
    "typology",
]

_DIRECTIONS = {"higher_is_better": 1, "higher_is_worse": -1, 1: 1, -1: -1, "+": 1, "-": -1}


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of the composite index (a row of ``typology_weights.toml``).

    ``value = scale * numerator / denominator`` for derived indicators; ``source`` otherwise.
    ``direction`` is +1 (higher is better) or −1 (higher is worse).
    """

    id: str
    weight: float
    direction: int
    label: str = ""
    source: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 1.0


def _direction(value, name: str) -> int:
    try:
        return _DIRECTIONS[value]
    except (KeyError, TypeError):
        raise ValueError(
            f"indicator {name!r}: direction must be 'higher_is_better' or 'higher_is_worse', "
            f"got {value!r}"
        ) from None


def typology_spec(doc: Mapping, origin: str = "typology weights") -> dict[str, IndicatorSpec]:
    """Indicator weights and directions from a parsed weights document.

    ``doc`` is the content of a weights TOML file (read by
    :func:`aimaq.datasets.read_typology_weights`): an ``indicators`` table of
    ``{id: {weight, direction, label?, source? | numerator + denominator, scale?}}``.
    ``origin`` names the file in error messages. Returns ``{indicator_id: IndicatorSpec}`` in
    document order.

    Examples
    --------
    >>> spec = typology_spec({"indicators": {"x": {"weight": 2, "direction": "higher_is_worse"}}})
    >>> spec["x"].weight, spec["x"].direction
    (2.0, -1)
    """
    inds = doc.get("indicators")
    if not inds:
        raise ValueError(f"{origin}: no [indicators.<id>] tables")
    out = {}
    for k, v in inds.items():
        w = float(v.get("weight", np.nan))
        if not np.isfinite(w) or w < 0:
            raise ValueError(
                f"{origin}: indicator {k!r}: weight must be a non-negative number, got {w}"
            )
        if ("numerator" in v) != ("denominator" in v):
            raise ValueError(f"{origin}: indicator {k!r}: give both numerator and denominator")
        out[k] = IndicatorSpec(
            id=k,
            weight=w,
            direction=_direction(v.get("direction"), k),
            label=v.get("label", k),
            source=v.get("source", None if "numerator" in v else k),
            numerator=v.get("numerator"),
            denominator=v.get("denominator"),
            scale=float(v.get("scale", 1.0)),
        )
    return out


def required_indicators(spec: Mapping[str, IndicatorSpec]) -> list[str]:
    """Catalogue indicator ids needed to build the table of ``spec`` (sorted, unique)."""
    need = set()
    for s in spec.values():
        if s.numerator:
            need |= {s.numerator, s.denominator}
        else:
            need.add(s.source or s.id)
    return sorted(need)


def typology_indicators(
    values: Mapping[str, pd.Series], spec: Mapping[str, IndicatorSpec]
) -> pd.DataFrame:
    """Build the region × indicator table of ``spec`` from catalogue series.

    Parameters
    ----------
    values : mapping catalogue id -> Series (index region code)
        e.g. ``{"grp_per_capita_thousand_kzt": store.panel(...)[2022], ...}``.
    spec : mapping id -> IndicatorSpec
        From :func:`typology_spec`.

    Returns
    -------
    DataFrame with one column per indicator of ``spec`` (derived ones computed as
    ``scale * numerator / denominator``; a zero denominator gives NaN).
    """
    missing = [k for k in required_indicators(spec) if k not in values]
    if missing:
        raise ValueError(f"missing catalogue indicator(s) {missing}")
    cols = {}
    for k, s in spec.items():
        if s.numerator:
            num = values[s.numerator].astype(float)
            den = values[s.denominator].astype(float).replace(0.0, np.nan)
            cols[k] = s.scale * num / den
        else:
            cols[k] = values[s.source or k].astype(float)
    return pd.DataFrame(cols)


def _complete_rows(data: pd.DataFrame, cols: list[str]) -> tuple[pd.DataFrame, dict[str, str]]:
    miss = [c for c in cols if c not in data.columns]
    if miss:
        raise ValueError(f"indicator column(s) {miss} not in the data (have {list(data.columns)})")
    try:
        D = data[cols].astype(float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"non-numeric indicator values ({exc})") from exc
    excluded = {}
    for r in D.index:
        bad = [c for c in cols if not np.isfinite(D.loc[r, c])]
        if bad:
            excluded[str(r)] = "missing " + ", ".join(bad)
    return D.drop(index=list(excluded)), excluded


# ----------------------------------------------------------------------------------------------
# composite index
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CompositeIndex:
    """Composite development index with rank sensitivity to the weights.

    Attributes
    ----------
    I : Series
        Composite index :math:`I_r = \\sum_k w_k \\tilde y_{rk}`, sorted descending.
    rank : Series
        Rank of :math:`I_r` (1 = most developed).
    Y_tilde : DataFrame
        Direction-aware normalised indicators :math:`\\tilde y_{rk}` (higher = better).
    w : Series
        Weights used (sum 1).
    direction : Series
        +1 / −1 per indicator.
    method : str
        ``"minmax"`` or ``"zscore"``.
    sensitivity : DataFrame
        Per region, over ``n_draws`` Dirichlet weight draws: ``rank`` (base),
        ``rank_min, rank_p05, rank_median, rank_p95, rank_max, rank_range`` (max − min).
    n_draws, concentration, seed :
        Settings of the perturbation.
    excluded : dict
        Region -> reason (missing indicator values).
    """

    I: pd.Series  # noqa: E741
    rank: pd.Series
    Y_tilde: pd.DataFrame
    w: pd.Series
    direction: pd.Series
    method: str
    sensitivity: pd.DataFrame
    n_draws: int
    concentration: float
    seed: int
    excluded: dict = field(default_factory=dict)


def _normalise(D: pd.DataFrame, direction: pd.Series, method: str) -> pd.DataFrame:
    if method == "minmax":
        lo, hi = D.min(), D.max()
        span = hi - lo
        const = list(span.index[span == 0])
        if const:
            raise ValueError(f"indicator(s) {const} are constant over the regions: cannot min-max")
        N = (D - lo) / span
        flip = [c for c in N.columns if direction[c] < 0]
        N[flip] = 1.0 - N[flip]
        return N
    if method == "zscore":
        sd = D.std(ddof=0)
        const = list(sd.index[sd == 0])
        if const:
            raise ValueError(f"indicator(s) {const} are constant over the regions: cannot z-score")
        return (D - D.mean()) / sd * direction.reindex(D.columns)
    raise ValueError(f"method must be 'minmax' or 'zscore', got {method!r}")


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Rank rows (1 = highest) for each column of a (regions × draws) array; ties -> min."""
    return pd.DataFrame(scores).rank(axis=0, ascending=False, method="min").to_numpy()


def composite_index(
    data: pd.DataFrame,
    spec: Mapping[str, IndicatorSpec] | None = None,
    weights: Mapping[str, float] | None = None,
    directions: Mapping[str, int | str] | None = None,
    method: str = "minmax",
    n_draws: int = 1000,
    concentration: float = 50.0,
    seed: int = 0,
) -> CompositeIndex:
    """Weighted composite development index with direction-aware normalisation.

    .. math:: \\tilde y_{rk} = \\frac{y_{rk} - \\min_r y_{rk}}{\\max_r y_{rk} - \\min_r y_{rk}}
              \\;(\\text{or } 1 - \\cdot \\text{ if higher is worse}), \\qquad
              I_r = \\sum_k w_k \\tilde y_{rk}

    (``method="zscore"``: :math:`\\tilde y_{rk} = d_k (y_{rk} - \\bar y_k)/s_k`, :math:`d_k =
    \\pm 1`). Rank sensitivity (OECD/JRC 2008, ch. 7): ``n_draws`` weight vectors
    :math:`w^{(b)} \\sim \\mathrm{Dirichlet}(c\\,w)` (mean :math:`w`, dispersion falling with
    the concentration *c*; zero weights stay zero) are drawn with a seeded generator and each
    region's rank range over the draws is reported.

    Parameters
    ----------
    data : DataFrame
        Region × indicator table (columns = indicator ids).
    spec : mapping id -> IndicatorSpec, optional
        Default: the bundled ``typology_weights.toml``.
    weights, directions : mapping, optional
        Override the spec (``directions`` values ``"higher_is_better"``/``"higher_is_worse"``
        or ±1). With ``weights`` given, exactly its indicators are used.
    method : {"minmax", "zscore"}

    Returns
    -------
    CompositeIndex

    Notes
    -----
    Regions missing any indicator are excluded (listed with the reason), not imputed; the
    normalisation uses the remaining regions.
    """
    if spec is None and (weights is None or directions is None):
        raise ValueError("give spec (typology_spec) or both weights and directions")
    if weights is None:
        weights = {k: s.weight for k, s in spec.items()}
    cols = list(weights)
    dirs = {}
    for k in cols:
        if directions is not None and k in directions:
            dirs[k] = _direction(directions[k], k)
        elif spec is not None and k in spec:
            dirs[k] = spec[k].direction
        else:
            raise ValueError(f"no direction given for indicator {k!r}")
    w = pd.Series({k: float(weights[k]) for k in cols})
    if (w < 0).any() or not np.isfinite(w).all():
        raise ValueError(f"weights must be non-negative numbers: {w.to_dict()}")
    if w.sum() == 0:
        raise ValueError("all weights are zero")
    w = w / w.sum()
    D, excluded = _complete_rows(data, cols)
    if len(D) < 2:
        raise ValueError(f"fewer than two regions with complete data (excluded: {excluded})")
    direction = pd.Series(dirs)
    N = _normalise(D, direction, method)
    I = (N * w).sum(axis=1)  # noqa: E741
    rank = I.rank(ascending=False, method="min").astype(int)
    rng = np.random.default_rng(seed)
    pos = w.to_numpy() > 0
    W = np.zeros((n_draws, len(w)))
    if n_draws > 0:
        W[:, pos] = rng.dirichlet(concentration * w.to_numpy()[pos], size=n_draws)
        R = _ranks(N.to_numpy() @ W.T)
        q = np.percentile(R, [0, 5, 50, 95, 100], axis=1)
    else:
        q = np.tile(rank.to_numpy(float), (5, 1))
    sens = pd.DataFrame(
        {
            "rank": rank,
            "rank_min": q[0],
            "rank_p05": q[1],
            "rank_median": q[2],
            "rank_p95": q[3],
            "rank_max": q[4],
        },
        index=D.index,
    )
    sens["rank_range"] = sens["rank_max"] - sens["rank_min"]
    order = I.sort_values(ascending=False, kind="stable").index
    return CompositeIndex(
        I=I.loc[order].rename("I"),
        rank=rank.loc[order].rename("rank"),
        Y_tilde=N.loc[order],
        w=w,
        direction=direction,
        method=method,
        sensitivity=sens.loc[order],
        n_draws=n_draws,
        concentration=float(concentration),
        seed=seed,
        excluded=excluded,
    )


# ----------------------------------------------------------------------------------------------
# clustering
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Typology:
    """Regions grouped into types.

    Attributes
    ----------
    labels : Series
        Type of each region, 1..k. Types are numbered by decreasing cluster mean of the first
        indicator (ties: larger type first, then first region code), so labels do not depend on
        the clustering algorithm's arbitrary numbering.
    k : int
        Number of types (chosen by the highest mean silhouette unless given).
    method : str
        ``"ward"`` or ``"kmeans"``.
    silhouette : Series
        Mean silhouette width :math:`\\bar s(k)` for each k tried.
    Z : DataFrame
        Standardised indicators :math:`z_{rk} = (y_{rk} - \\bar y_k)/s_k` (population s.d.).
    centroids : DataFrame
        Type × indicator mean z-scores (the distinguishing profile of each type).
    size : Series
        Number of regions per type.
    description : Series
        Text per type: its most distinguishing indicators (largest :math:`|\\bar z|`).
    excluded : dict
        Region -> reason (missing values).
    dropped : list
        Indicators dropped because constant over the regions.
    """

    labels: pd.Series
    k: int
    method: str
    silhouette: pd.Series
    Z: pd.DataFrame
    centroids: pd.DataFrame
    size: pd.Series
    description: pd.Series
    excluded: dict = field(default_factory=dict)
    dropped: list = field(default_factory=list)


def _silhouette(Z: np.ndarray, lab: np.ndarray) -> float:
    """Mean silhouette width (Rousseeuw 1987), Euclidean; singletons score 0 (as scikit-learn)."""
    from scipy.spatial.distance import cdist

    D = cdist(Z, Z)
    ks = np.unique(lab)
    if len(ks) < 2:
        return float("nan")
    s = np.zeros(len(Z))
    for i in range(len(Z)):
        own = lab == lab[i]
        n_own = own.sum()
        if n_own == 1:
            continue
        a = D[i, own].sum() / (n_own - 1)
        b = min(D[i, lab == k].mean() for k in ks if k != lab[i])
        s[i] = (b - a) / max(a, b) if max(a, b) > 0 else 0.0
    return float(s.mean())


def _cluster(Z: np.ndarray, k: int, method: str, seed: int, n_init: int) -> np.ndarray:
    if method == "ward":
        from scipy.cluster.hierarchy import fcluster, linkage

        return fcluster(linkage(Z, method="ward"), t=k, criterion="maxclust") - 1
    from scipy.cluster.vq import kmeans2

    rng = np.random.default_rng(seed)
    best, best_inertia = None, np.inf
    for _ in range(n_init):  # k-means++ starts, keep the lowest within-cluster sum of squares
        try:
            cent, lab = kmeans2(Z, k, iter=100, minit="++", rng=rng)
        except TypeError:  # SciPy < 1.15 names it ``seed``
            cent, lab = kmeans2(Z, k, iter=100, minit="++", seed=rng)
        if len(np.unique(lab)) < k:
            continue
        inertia = ((Z - cent[lab]) ** 2).sum()
        if inertia < best_inertia - 1e-12:
            best, best_inertia = lab, inertia
    if best is None:
        raise ValueError(f"k-means found no partition into {k} non-empty types")
    return best


def _relabel(raw: np.ndarray, first: np.ndarray, names: list[str]) -> np.ndarray:
    keys = []
    for c in np.unique(raw):
        m = raw == c
        keys.append((-first[m].mean(), -int(m.sum()), min(np.asarray(names)[m]), c))
    mapping = {c: i + 1 for i, (*_, c) in enumerate(sorted(keys))}
    return np.array([mapping[c] for c in raw])


def typology(
    data: pd.DataFrame,
    k: int | None = None,
    k_range: tuple[int, int] = (2, 6),
    method: str = "ward",
    seed: int = 0,
    n_init: int = 20,
    n_describe: int = 3,
    labels: Mapping[str, str] | None = None,
) -> Typology:
    """Cluster regions into types on standardised indicators (Ward or k-means).

    The indicators are z-scored (population s.d.); Ward's (1963) minimum-variance hierarchical
    clustering or k-means (SciPy ``kmeans2``; k-means++ starts from a seeded generator, best of
    ``n_init`` by within-type sum of squares) partitions the regions; unless ``k`` is
    given, the k in ``k_range`` with the highest mean silhouette width (Rousseeuw 1987)

    .. math:: \\bar s(k) = \\frac1n \\sum_r \\frac{b_r - a_r}{\\max(a_r, b_r)}

    is kept (ties -> smaller k). Types are then renumbered deterministically (see
    :class:`Typology`), and each is described by its mean z-scores.

    Parameters
    ----------
    data : DataFrame
        Region × indicator values. Order matters: the first column orders the types.
    k : int, optional
        Fixed number of types.
    k_range : (int, int)
        Inclusive range of k tried when ``k`` is None (capped at n − 1).
    method : {"ward", "kmeans"}
    labels : mapping indicator -> label, optional
        Used in ``description``.
    """
    if method not in ("ward", "kmeans"):
        raise ValueError(f"method must be 'ward' or 'kmeans', got {method!r}")
    D, excluded = _complete_rows(data, list(data.columns))
    sd = D.std(ddof=0)
    dropped = list(sd.index[sd == 0])
    D = D.drop(columns=dropped)
    n = len(D)
    if D.shape[1] == 0:
        raise ValueError(f"no varying indicator (dropped as constant: {dropped})")
    if n < 3:
        raise ValueError(f"typology needs at least 3 regions with complete data, got {n}")
    Z = (D - D.mean()) / D.std(ddof=0)
    z = Z.to_numpy()
    if k is not None:
        if not 2 <= k <= n - 1:
            raise ValueError(f"k must be between 2 and {n - 1} for {n} regions, got {k}")
        ks = [k]
    else:
        lo, hi = k_range
        ks = list(range(max(2, lo), min(hi, n - 1) + 1))
        if not ks:
            raise ValueError(f"k_range {k_range} leaves no k in [2, {n - 1}]")
    sil, parts = {}, {}
    for kk in ks:
        raw = _cluster(z, kk, method, seed, n_init)
        parts[kk] = raw
        sil[kk] = _silhouette(z, raw)
    sil_s = pd.Series(sil, name="silhouette", dtype=float)
    best = int(sil_s.idxmax()) if sil_s.notna().any() else ks[0]
    names = [str(r) for r in Z.index]
    lab = _relabel(parts[best], z[:, 0], names)
    labels_s = pd.Series(lab, index=Z.index, name="type")
    centroids = Z.groupby(labels_s).mean()
    centroids.index.name = "type"
    size = labels_s.value_counts().sort_index().rename("size")
    lbl = dict(labels or {})
    desc = {}
    for t, row in centroids.iterrows():
        top = row.reindex(row.abs().sort_values(ascending=False, kind="stable").index)
        bits = [
            f"{'high' if v > 0 else 'low'} {lbl.get(c, c)} ({v:+.2f} sd)"
            for c, v in top.head(n_describe).items()
        ]
        desc[t] = "; ".join(bits)
    return Typology(
        labels=labels_s,
        k=best,
        method=method,
        silhouette=sil_s,
        Z=Z,
        centroids=centroids,
        size=size,
        description=pd.Series(desc, name="description"),
        excluded=excluded,
        dropped=dropped,
    )
