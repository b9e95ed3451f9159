"""Readers for J.E. Beasley's OR-Library facility-location benchmark files.

Two families are supported:

* ``pmedN.txt`` -- uncapacitated p-median on a graph (Beasley 1985). Header ``n m p``, then
  ``m`` undirected edges ``i j c`` (1-based). Distances are all-pairs shortest paths. Several
  vertex pairs appear more than once; OR-Library's published optima are reproduced only if the
  **last occurrence of an edge overwrites earlier ones**, which is what :func:`read_pmed` does.
* ``capNN.txt`` / ``capa.txt`` ... -- warehouse location (Beasley 1988). Header ``m n``, then
  ``m`` pairs ``capacity fixed_cost``, then for each customer ``d_j c_1j ... c_mj`` where
  ``c_ij`` is the cost of serving *all* of ``j``'s demand from ``i``. In ``capa/b/c`` the
  capacity is the literal word ``capacity``; pass the variant's value as ``capacity``.

Files are parsed as a stream of whitespace tokens, never by lines (the public copies were
re-flowed).

References
----------
Beasley, J.E. (1985). A note on solving large p-median problems. *EJOR* 21, 270-273.
Beasley, J.E. (1988). An algorithm for solving large capacitated warehouse location problems.
*EJOR* 33, 314-325.
Beasley, J.E. (1990). OR-Library. *J. Oper. Res. Soc.* 41, 1069-1072.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path

__all__ = [
    "CapInstance",
    "PMedianInstance",
    "read_cap",
    "read_cap_optima",
    "read_orlib",
    "read_pmed",
    "read_pmed_optima",
]


@dataclass
class PMedianInstance:
    """A p-median instance: ``n`` vertices, all customers (weight 1) and candidates.

    Attributes
    ----------
    name : str
    n : int
        Number of vertices.
    p : int
        Number of medians.
    d : numpy.ndarray
        ``(n, n)`` shortest-path distance matrix, ``d[i, j]`` from candidate ``i`` to customer
        ``j``.
    n_duplicate_edges : int
        Edges that occurred more than once in the file (last occurrence kept).
    """

    name: str
    n: int
    p: int
    d: np.ndarray
    n_duplicate_edges: int = 0


@dataclass
class CapInstance:
    """A warehouse-location instance (Beasley 1988).

    Attributes
    ----------
    name : str
    capacity : numpy.ndarray
        ``(m,)`` capacities (``nan`` where the file has the word ``capacity`` and none was
        given).
    fixed_cost : numpy.ndarray
        ``(m,)`` fixed opening costs ``f_i``.
    demand : numpy.ndarray
        ``(n,)`` customer demands ``d_j``.
    cost : numpy.ndarray
        ``(m, n)`` cost of allocating all of customer ``j``'s demand to warehouse ``i``.
    """

    name: str
    capacity: np.ndarray
    fixed_cost: np.ndarray
    demand: np.ndarray
    cost: np.ndarray

    @property
    def m(self) -> int:
        """Number of candidate warehouses."""
        return len(self.fixed_cost)

    @property
    def n(self) -> int:
        """Number of customers."""
        return len(self.demand)


def _tokens(path: Path) -> list[str]:
    try:
        return Path(path).read_text().split()
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"OR-Library file not found: {path}") from exc


def read_pmed(path: str | Path) -> PMedianInstance:
    """Read an OR-Library ``pmedN.txt`` file and compute all-pairs shortest paths.

    Duplicate edges: the last occurrence wins (this reproduces the published optima; keeping the
    minimum gives values below them).

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    PMedianInstance
    """
    path = Path(path)
    tok = _tokens(path)
    if len(tok) < 3:
        raise ValueError(f"{path}: expected header 'n m p', got {len(tok)} tokens")
    n, m, p = (int(t) for t in tok[:3])
    body = np.asarray(tok[3 : 3 + 3 * m], dtype=float)
    if body.size != 3 * m:
        raise ValueError(f"{path}: header says {m} edges but only {body.size // 3} are present")
    e = body.reshape(m, 3)
    i = e[:, 0].astype(np.int64) - 1
    j = e[:, 1].astype(np.int64) - 1
    if i.min() < 0 or j.min() < 0 or max(i.max(), j.max()) >= n:
        raise ValueError(f"{path}: vertex index outside 1..{n}")
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    key = lo * n + hi
    # last occurrence wins: take the last index of every key
    rev_keys = key[::-1]
    _, first_in_rev = np.unique(rev_keys, return_index=True)
    keep = m - 1 - first_in_rev
    n_dup = m - keep.size
    w = np.zeros((n, n))
    w[lo[keep], hi[keep]] = e[keep, 2]
    w[hi[keep], lo[keep]] = e[keep, 2]
    g = csr_matrix(w)
    d = shortest_path(g, method="D", directed=False)
    if not np.isfinite(d).all():
        raise ValueError(f"{path}: graph is not connected")
    return PMedianInstance(path.stem, n, p, d, int(n_dup))


def read_cap(path: str | Path, capacity: float | None = None) -> CapInstance:
    """Read an OR-Library warehouse-location file (``capNN.txt``, ``capa.txt`` ...).

    Parameters
    ----------
    path : str or Path
    capacity : float, optional
        Capacity of every warehouse. Required for a capacitated solve of ``capa/b/c`` (whose
        files hold the word ``capacity``); if given for a ``capNN`` file it overrides the file.

    Returns
    -------
    CapInstance
    """
    path = Path(path)
    tok = _tokens(path)
    m, n = int(tok[0]), int(tok[1])
    need = 2 + 2 * m + n * (1 + m)
    if len(tok) != need:
        raise ValueError(
            f"{path}: expected {need} tokens for m={m}, n={n} (2 + 2m + n(1+m)), got {len(tok)}"
        )
    head = tok[2 : 2 + 2 * m]
    cap = np.array(
        [np.nan if t.lower() == "capacity" else float(t) for t in head[0::2]], dtype=float
    )
    fixed = np.array(head[1::2], dtype=float)
    body = np.asarray(tok[2 + 2 * m :], dtype=float).reshape(n, 1 + m)
    if capacity is not None:
        cap = np.full(m, float(capacity))
    return CapInstance(path.stem, cap, fixed, body[:, 0].copy(), body[:, 1:].T.copy())


def read_orlib(path: str | Path, capacity: float | None = None):
    """Read either OR-Library family, chosen by the file name (``pmed*`` or ``cap*``)."""
    name = Path(path).name.lower()
    if name.startswith("pmed"):
        return read_pmed(path)
    if name.startswith("cap"):
        return read_cap(path, capacity)
    raise ValueError(f"{path}: not an OR-Library pmedN or capN file name")


def read_pmed_optima(path: str | Path) -> dict[str, float]:
    """Parse ``pmedopt.txt`` into ``{"pmed1": <published optimum>, ...}``."""
    out = {}
    for line in Path(path).read_text().splitlines():
        mt = re.match(r"\s*(pmed\d+)\s+([\d.]+)", line)
        if mt:
            out[mt.group(1)] = float(mt.group(2))
    return out


def read_cap_optima(path: str | Path) -> dict[str, float]:
    """Parse ``capopt.txt`` or ``uncapopt.txt``.

    Returns ``{"cap41": ..., "capa@8000": ...}`` (capa/b/c keyed by name and capacity for the
    capacitated file; by name alone in ``uncapopt.txt``).
    """
    out: dict[str, float] = {}
    current = None
    for line in Path(path).read_text().splitlines():
        mt = re.match(r"\s*(cap[a-z0-9]+)(?:\.txt)?\s+([\d.]+)\s*(?:\(capacity\s+(\d+)\))?", line)
        if mt:
            current = mt.group(1)
            key = current if mt.group(3) is None else f"{current}@{mt.group(3)}"
            out[key] = float(mt.group(2))
            continue
        mt = re.match(r"\s+([\d.]+)\s*\(capacity\s+(\d+)\)", line)
        if mt and current:
            out[f"{current}@{mt.group(2)}"] = float(mt.group(1))
    return out
