"""Groupings of regions (macro-regions) for decompositions and summaries.

The default grouping is ``macro_regions.toml`` beside this module: five macro-regions (west,
north, centre, east, south), a documented analytical convention rather than an official
statistic. Every ``macro_regions*.toml`` beside it is a bundled grouping selectable by its
``name`` (:func:`grouping_path`): ``macro5`` (the default) and ``econgeo6`` (the
economic-geographic regions, the south without Almaty city). A grouping file has a ``[groups]`` table (group -> list of region codes, current and
historical) and an optional ``[labels]`` table (group -> ``{en, ru, kk}``)::

    name = "macro5"
    [groups]
    west = ["KZ-15", "KZ-23", "KZ-27", "KZ-47"]
    [labels]
    west = { en = "West", ru = "Запад", kk = "Батыс" }
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from aimaq.geo import registry

__all__ = [
    "GroupingError",
    "RegionSet",
    "bundled_groupings",
    "default_path",
    "grouping_path",
    "labels",
    "macro_regions",
    "region_sets",
    "set_comparisons",
]


class GroupingError(ValueError):
    """A grouping file that names unknown regions or puts a region in two groups."""


def default_path() -> Path:
    """The bundled default grouping (``macro_regions.toml``)."""
    return Path(str(resources.files("aimaq.geo").joinpath("macro_regions.toml")))


def bundled_groupings() -> dict[str, Path]:
    """Name → file of every bundled grouping (``macro_regions*.toml``), the default first."""
    here = default_path().parent
    files = [
        default_path(),
        *sorted(p for p in here.glob("macro_regions*.toml") if p != default_path()),
    ]
    out = {}
    for p in files:
        with open(p, "rb") as fh:
            out[str(tomllib.load(fh).get("name", p.stem))] = p
    return out


def grouping_path(name_or_file: str | os.PathLike | None) -> Path:
    """The grouping file for a bundled grouping's name or a path to a TOML file.

    Parameters
    ----------
    name_or_file : str or path-like or None
        ``None`` → the default; a bundled name (``macro5``, ``econgeo6``); else a file path.

    Raises
    ------
    GroupingError
        Neither a bundled name nor an existing file.

    Examples
    --------
    >>> grouping_path("econgeo6").name
    'macro_regions_econgeo.toml'
    >>> grouping_path(None) == default_path()
    True
    """
    if name_or_file is None:
        return default_path()
    named = bundled_groupings()
    if str(name_or_file) in named:
        return named[str(name_or_file)]
    p = Path(name_or_file).expanduser()
    if p.is_file():
        return p.resolve()
    raise GroupingError(
        f"grouping {str(name_or_file)!r} is neither a bundled grouping ({', '.join(named)}) "
        "nor an existing TOML file"
    )


def _read(path: str) -> dict:
    return _read_cached(path, os.stat(path).st_mtime_ns)


@cache
def _read_cached(path: str, mtime: int) -> dict:
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    groups = data.get("groups")
    if not isinstance(groups, dict) or not groups:
        raise GroupingError(f"{path}: needs a non-empty [groups] table (group = [codes])")
    known = set(registry.all_codes())
    seen: dict[str, str] = {}
    for g, codes in groups.items():
        if not isinstance(codes, list):
            raise GroupingError(f"{path}: group {g!r} must be a list of region codes")
        for c in codes:
            if c not in known:
                raise GroupingError(f"{path}: group {g!r} names unknown region code {c!r}")
            if c in seen:
                raise GroupingError(f"{path}: region {c} is in both {seen[c]!r} and {g!r}")
            seen[c] = g
    return data


def _path(path: str | os.PathLike | None) -> str:
    return str(Path(path).expanduser().resolve()) if path is not None else str(default_path())


def macro_regions(path: str | os.PathLike | None = None, borders: int | None = None) -> pd.Series:
    """Region code -> group label.

    Parameters
    ----------
    path : path-like, optional
        A grouping TOML file (default: the bundled five macro-regions).
    borders : int, optional
        Keep only the units in force in this year's division (default: every unit the file
        names, current and historical).

    Returns
    -------
    pd.Series
        Index region code (name ``region``), values group keys (name ``group``), in file order.

    Raises
    ------
    GroupingError
        Unknown region code, region in two groups, or no ``[groups]`` table.
    """
    data = _read(_path(path))
    pairs = [(c, g) for g, codes in data["groups"].items() for c in codes]
    s = pd.Series(
        [g for _, g in pairs], index=pd.Index([c for c, _ in pairs], name="region"), name="group"
    )
    if borders is not None:
        s = s[s.index.isin(registry.region_codes(borders))]
    return s


def labels(lang: str = "en", path: str | os.PathLike | None = None) -> dict[str, str]:
    """Group key -> label in ``lang`` (``en``, ``ru`` or ``kk``); the key when no label."""
    if lang not in ("en", "ru", "kk"):
        raise ValueError(f"labels: lang must be en, ru or kk, got {lang!r}")
    data = _read(_path(path))
    lab = data.get("labels", {})
    return {g: lab.get(g, {}).get(lang, lab.get(g, {}).get("en", g)) for g in data["groups"]}


@dataclass(frozen=True)
class RegionSet:
    """A named set of regions (e.g. the two largest cities), from ``region_sets.toml``.

    Attributes
    ----------
    key : str
        Identifier of the set (the TOML table name).
    members : tuple of str
        Region codes.
    name : dict
        Language (``en``, ``ru``, ``kk``) -> label.
    """

    key: str
    members: tuple[str, ...]
    name: dict[str, str]


def _sets_file(path: str | os.PathLike | None) -> tuple[dict, str]:
    if path is None:
        text = resources.files("aimaq").joinpath("data", "region_sets.toml").read_text("utf-8")
        return tomllib.loads(text), "region_sets.toml"
    p = str(Path(path).expanduser().resolve())
    with open(p, "rb") as fh:
        return tomllib.load(fh), p


def region_sets(path: str | os.PathLike | None = None) -> dict[str, RegionSet]:
    """Named sets of regions (an analytical convention, not an official grouping).

    Parameters
    ----------
    path : path-like, optional
        A TOML file with ``[sets.<key>]`` tables (``members``, ``name = {en, ru, kk}``);
        default: the bundled ``aimaq/data/region_sets.toml``.

    Returns
    -------
    dict
        Key -> :class:`RegionSet`, in file order.

    Raises
    ------
    GroupingError
        No ``[sets]`` table, an empty set or an unknown region code.
    """
    data, where = _sets_file(path)
    sets = data.get("sets")
    if not isinstance(sets, dict) or not sets:
        raise GroupingError(f"{where}: needs [sets.<key>] tables (members, name)")
    known = set(registry.all_codes())
    out = {}
    for key, v in sets.items():
        members = v.get("members") if isinstance(v, dict) else None
        if not isinstance(members, list) or not members:
            raise GroupingError(f"{where}: set {key!r} needs a non-empty list `members`")
        bad = [c for c in members if c not in known]
        if bad:
            raise GroupingError(f"{where}: set {key!r} names unknown region code(s) {bad}")
        name = v.get("name", {})
        label = {lg: str(name.get(lg) or name.get("en") or key) for lg in ("en", "ru", "kk")}
        out[key] = RegionSet(key=key, members=tuple(members), name=label)
    return out


def set_comparisons(path: str | os.PathLike | None = None) -> dict[str, dict]:
    """The ``[ratios.<key>]`` tables of the region-sets file: pairs of sets to compare.

    Returns
    -------
    dict
        Key -> ``{"a": RegionSet, "b": RegionSet, "numerator": id, "denominator": id or None}``,
        ready for :func:`aimaq.analysis.sets.set_ratio` once the figures are fetched.

    Raises
    ------
    GroupingError
        A ratio naming a set the file does not define, or without ``numerator``.
    """
    data, where = _sets_file(path)
    sets = region_sets(path)
    out = {}
    for key, v in data.get("ratios", {}).items():
        for side in ("a", "b"):
            if v.get(side) not in sets:
                raise GroupingError(
                    f"{where}: ratio {key!r}: {side} = {v.get(side)!r} is not a set of the file "
                    f"({', '.join(sets)})"
                )
        if not v.get("numerator"):
            raise GroupingError(f"{where}: ratio {key!r} needs a numerator (catalogue id)")
        out[key] = {
            "a": sets[v["a"]],
            "b": sets[v["b"]],
            "numerator": v["numerator"],
            "denominator": v.get("denominator"),
        }
    return out
