"""Single-industry towns as analysis inputs: the registry, and its towns located in the
settlements table.

The bundled registry ``aimaq/data/monotowns.csv`` (sources in ``monotowns_sources.tsv``) is
read here, its region names resolved to codes, and its towns matched to the settlements table
(:func:`aimaq.geo.settlements.settlements`, GeoNames) by folded name within the same region;
:mod:`aimaq.analysis.monotowns` computes on the result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["TownMatch", "load_monotowns", "match_settlements", "settlements"]


def settlements(min_population: int = 0) -> pd.DataFrame:
    """The settlements table (GeoNames; cached on first use by :mod:`aimaq.geo.settlements`)."""
    return _load_settlements(min_population)


def _load_settlements(min_population: int = 0) -> pd.DataFrame:
    from aimaq.geo.settlements import settlements as _load

    return _load(min_population=min_population)


# Region names as spelled in the bundled registry -> ISO 3166-2:KZ code (current borders).
_REGION_CODES = {
    "abai region": "KZ-10",
    "abai": "KZ-10",
    "abay": "KZ-10",
    "aqmola": "KZ-11",
    "akmola": "KZ-11",
    "aktobe": "KZ-15",
    "aqtobe": "KZ-15",
    "almaty region": "KZ-19",
    "atyrau": "KZ-23",
    "west kazakhstan": "KZ-27",
    "zhambyl": "KZ-31",
    "jetisu region": "KZ-33",
    "jetisu": "KZ-33",
    "zhetisu": "KZ-33",
    "zhetysu": "KZ-33",
    "karaganda": "KZ-35",
    "qostanay": "KZ-39",
    "kostanay": "KZ-39",
    "kyzylorda": "KZ-43",
    "mangystau": "KZ-47",
    "pavlodar region": "KZ-55",
    "pavlodar": "KZ-55",
    "north kazakhstan": "KZ-59",
    "turkistan": "KZ-61",
    "ulytau region": "KZ-62",
    "ulytau": "KZ-62",
    "east kazakhstan": "KZ-63",
}

# Cyrillic (Russian + Kazakh) -> Latin, for folding names before comparison.
_CYR = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "a",
            "g",
            "q",
            "n",
            "o",
            "u",
            "u",
            "h",
            "i",
        ],
        strict=True,
    )
)
# Ordered substitutions folding common romanisation variants onto one key.
_FOLD = [
    ("dzh", "zh"),
    ("j", "zh"),
    ("kh", "k"),
    ("q", "k"),
    ("gh", "g"),
    ("yy", "y"),
    ("iy", "y"),
    ("ai", "ay"),
    ("ei", "ey"),
    ("oi", "oy"),
    ("yo", "e"),
    ("w", "v"),
]
# Whole-name aliases (after folding): Soviet-era / Russian names of renamed towns.
_ALIASES = {
    "ustkamenogorsk": "oskemen",
    "semipalatinsk": "semey",
    "zyryanovsk": "altay",
    "leninogorsk": "ridder",
    "karagandy": "karaganda",
    "tselinograd": "astana",
    "nursultan": "astana",
    "chimkent": "shymkent",
    "aktyubinsk": "aktobe",
    "kustanay": "kostanay",
    "guryev": "atyrau",
    "satbayev": "satpayev",
}


def _key(name: str) -> str:
    """Fold a town name to a comparison key (case, diacritics, script, romanisation)."""
    s = re.sub(r"\(.*?\)", "", str(name)).strip().lower()
    s = "".join(_CYR.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^a-z]", "", s)
    for a, b in _FOLD:
        s = s.replace(a, b)
    return _ALIASES.get(s, s)


def _region_code(name) -> str | None:
    if name is None or (isinstance(name, float) and np.isnan(name)):
        return None
    s = str(name).strip()
    if re.fullmatch(r"KZ-\w+", s):
        return s
    code = _REGION_CODES.get(s.lower())
    if code is None:
        try:  # the project's resolver, if available
            from aimaq.geo.names import resolve

            code = resolve(s)
        except Exception:  # noqa: BLE001 - unknown / ambiguous / module not ready
            code = None
    return code


def load_monotowns(path: str | Path | None = None, include_withdrawn: bool = False) -> pd.DataFrame:
    """The single-industry town registry.

    Parameters
    ----------
    path : path, optional
        CSV with at least ``town, region``; default: the bundled ``data/monotowns.csv``.
    include_withdrawn : bool
        Keep towns whose ``status`` says they were withdrawn from the list (default: drop).

    Returns
    -------
    DataFrame
        The CSV columns unchanged (``town, region, core_industry, core_enterprise, population,
        year, source, status, ...``) plus ``name`` (town without the parenthetical qualifier) and
        ``region_code`` (ISO 3166-2:KZ, current borders; None if the region name is unknown).
    """
    if path is None:
        with resources.files("aimaq").joinpath("data", "monotowns.csv").open("rb") as fh:
            df = pd.read_csv(fh)
    else:
        df = pd.read_csv(path)
    for c in ("town", "region"):
        if c not in df.columns:
            raise ValueError(f"monotown registry {path or 'monotowns.csv'}: missing column {c!r}")
    if df["town"].duplicated().any():
        raise ValueError(f"duplicated town(s) {list(df['town'][df['town'].duplicated()])}")
    if not include_withdrawn and "status" in df.columns:
        df = df[~df["status"].fillna("").str.contains("withdrawn", case=False)]
    df = df.reset_index(drop=True)
    df.insert(1, "name", df["town"].str.replace(r"\s*\(.*?\)", "", regex=True).str.strip())
    df.insert(3, "region_code", [_region_code(r) for r in df["region"]])
    return df


# ----------------------------------------------------------------------------------------------
# matching
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TownMatch:
    """Towns matched to settlements.

    Attributes
    ----------
    matched : DataFrame
        Index ``town``; columns ``name, region_code, geonameid, settlement, lat, lon,
        settlement_population, settlement_region``.
    unmatched : dict
        Town -> reason.
    """

    matched: pd.DataFrame
    unmatched: dict


def _settlements(settlements: pd.DataFrame | None) -> pd.DataFrame:
    if settlements is None:
        settlements = _load_settlements()
    need = {"name", "lat", "lon", "population", "region"}
    miss = need - set(settlements.columns)
    if miss:
        raise ValueError(f"settlements table lacks column(s) {sorted(miss)}")
    return settlements


def match_settlements(towns: pd.DataFrame, settlements: pd.DataFrame | None = None) -> TownMatch:
    """Match registry towns to settlements by folded name within the same region.

    Names are folded (case, diacritics, Cyrillic -> Latin, q/k, kh/k, j/zh, yy/y, ai/ay …,
    parenthetical qualifiers removed; Soviet-era names aliased). Among settlements with the
    town's key, those in the town's region are kept (when both regions are known) and the most
    populous is taken. A name found only in other regions is *not* matched (e.g. Abai in
    Karaganda region vs Abay in Turkistan region) and is reported.

    Parameters
    ----------
    towns : DataFrame
        From :func:`load_monotowns` (needs ``town``, ``region_code``).
    settlements : DataFrame, optional
        ``[geonameid, name, lat, lon, population, region]``; default
        ``aimaq.geo.settlements.settlements(min_population=0)``.
    """
    S = _settlements(settlements).copy()
    S["_key"] = [_key(n) for n in S["name"]]
    alt_col = next((c for c in ("alternatenames", "name_ru", "name_kk") if c in S.columns), None)
    rows, unmatched = [], {}
    for t in towns.itertuples(index=False):
        town = t.town
        name = getattr(t, "name", None) or re.sub(r"\s*\(.*?\)", "", town)
        code = getattr(t, "region_code", None)
        k = _key(name)
        cand = S[S["_key"] == k]
        if cand.empty and alt_col is not None:
            alt = S[alt_col].fillna("").astype(str)
            cand = S[[k in {_key(a) for a in re.split(r"[,;|]", v)} for v in alt]]
        if cand.empty:
            unmatched[town] = f"no settlement named like {name!r} (key {k!r})"
            continue
        if code is not None:
            same = cand[cand["region"] == code]
            if same.empty:
                unmatched[town] = (
                    f"{name!r} found only in other region(s) {sorted(set(cand['region'].astype(str)))}"
                    f", not in {code}"
                )
                continue
            cand = same
        best = cand.sort_values("population", ascending=False, kind="stable").iloc[0]
        rows.append(
            dict(
                town=town,
                name=name,
                region_code=code if code is not None else best["region"],
                geonameid=best.get("geonameid", np.nan),
                settlement=best["name"],
                lat=float(best["lat"]),
                lon=float(best["lon"]),
                settlement_population=float(best["population"]),
                settlement_region=best["region"],
            )
        )
    cols = [
        "name",
        "region_code",
        "geonameid",
        "settlement",
        "lat",
        "lon",
        "settlement_population",
        "settlement_region",
    ]
    matched = pd.DataFrame(rows, columns=["town", *cols]).set_index("town")
    return TownMatch(matched=matched, unmatched=unmatched)
