"""Registry of Kazakhstan's second-level units: districts and cities of oblast significance.

The data lives in ``districts.csv`` beside this module, one row per unit and division (the 2018
and the 2024 administrative divisions of the geokz boundaries): KATO code, names in English,
Russian and Kazakh, kind, parent region (registry code), area of its polygon in km² (equal-area
EPSG:6933, full-resolution boundaries), P-code, validity dates where the data give them, and the
succession events of the unit. ``district_succession.csv`` lists every overlapping pair of a
2018 and a 2024 unit with the share of each unit's territory in the overlap (the evidence) and
the event derived from it. Both are built by ``tools/build_districts.py``.

Kinds: ``district`` (аудан / район), ``city`` (a city of oblast significance, i.e. the territory
of its city administration, "қ.ә." / "г.а.", which includes the settlements under it) and
``city_district`` (a district of Astana, Almaty or Shymkent).

Source: geokz 1.0.2 by A. Rodionov (CC BY 4.0), based on OCHA's COD-AB boundaries of
Kazakhstan: cite :data:`SOURCE` wherever these units or their polygons are shown.

A district is keyed by its 9-digit KATO code as a string (``"101000000"``), which never collides
with a region code (``"KZ-10"``). The same code can name different units in the two divisions
(191000000 is Taldykorgan in 2018 and Konaev in 2024), so look-ups take a ``division``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

__all__ = [
    "DIVISIONS",
    "KINDS",
    "SOURCE",
    "District",
    "districts",
    "get",
    "is_district_code",
    "parent",
    "succession",
    "successors",
]

#: Divisions with boundaries (years of the geokz editions).
DIVISIONS = (2018, 2024)
KINDS = ("district", "city", "city_district")
#: Citation of the boundaries, areas and KATO codes (names and identifiers only, so that it
#: reads the same in kk, ru and en output).
SOURCE = (
    "geokz 1.0.2, A. Rodionov, CC BY 4.0 (github:arodionoff/geokz/inst/shape@41c1a00; "
    "OCHA COD-AB KAZ)"
)


@dataclass(frozen=True)
class District:
    """One second-level unit of one division."""

    kato: str
    division: int
    name_en: str
    name_ru: str
    name_kk: str
    kind: str
    region: str
    area_km2: float
    pcode: str
    valid_from: str
    valid_to: str
    events: tuple[str, ...]

    def name(self, lang: str = "en") -> str:
        return getattr(self, f"name_{lang}")


def is_district_code(code: str) -> bool:
    """Whether ``code`` has the form of a district key (9 digits)."""
    return isinstance(code, str) and len(code) == 9 and code.isdigit()


def _read(name: str) -> pd.DataFrame:
    with resources.files("aimaq.geo").joinpath(name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@cache
def _table() -> pd.DataFrame:
    df = _read("districts.csv")
    df["division"] = df["division"].astype(int)
    df["area_km2"] = df["area_km2"].astype(float)
    return df


def _check_division(division: int) -> int:
    if division not in DIVISIONS:
        raise ValueError(f"division must be one of {DIVISIONS}, got {division!r}")
    return int(division)


def districts(division: int = 2024, region: str | None = None) -> pd.DataFrame:
    """Units of ``division`` (optionally of one region), indexed by KATO code.

    Columns: name_en, name_ru, name_kk, kind, region, area_km2, pcode, valid_from, valid_to,
    events.

    Examples
    --------
    >>> len(districts(2024)), len(districts(2018))
    (224, 216)
    >>> districts(2024, "KZ-71")["name_en"].tolist()[:2]
    ['Almaty', 'Esil']
    """
    df = _table()
    df = df[df["division"] == _check_division(division)]
    if region is not None:
        if region not in set(df["region"]):
            raise KeyError(
                f"no districts of region {region!r} in the {division} division; "
                f"regions: {', '.join(sorted(set(df['region'])))}"
            )
        df = df[df["region"] == region]
    return df.drop(columns="division").set_index("kato")


def get(kato: str, division: int = 2024) -> District:
    """The unit with KATO code ``kato`` in ``division``."""
    df = districts(division)
    if kato not in df.index:
        raise KeyError(f"no district with KATO {kato!r} in the {division} division")
    r = df.loc[kato]
    return District(
        kato=kato,
        division=int(division),
        name_en=r["name_en"],
        name_ru=r["name_ru"],
        name_kk=r["name_kk"],
        kind=r["kind"],
        region=r["region"],
        area_km2=float(r["area_km2"]),
        pcode=r["pcode"],
        valid_from=r["valid_from"],
        valid_to=r["valid_to"],
        events=tuple(r["events"].split()),
    )


def parent(kato: str, division: int = 2024) -> str:
    """Registry code of the region containing ``kato``."""
    return get(kato, division).region


@cache
def _succession() -> pd.DataFrame:
    df = _read("district_succession.csv")
    for c in ("share_of_2018", "share_of_2024"):
        df[c] = df[c].astype(float)
    return df


def succession() -> pd.DataFrame:
    """Every overlapping pair of a 2018 and a 2024 unit, with its event and evidence.

    Columns: kato_2018, name_2018, region_2018, kato_2024, name_2024, region_2024, event,
    share_of_2018 (share of the 2018 unit's territory inside the 2024 unit), share_of_2024
    (share of the 2024 unit's territory that came from the 2018 unit).

    ``event`` is ``unchanged``, a ``+`` combination of ``renamed``, ``moved`` (to another
    region), ``parent_split`` (its region was split in 2022 and it stayed in a successor),
    ``recoded`` (new KATO) and ``resized`` for a continuation; ``created`` (the 2024 unit
    continues no 2018 unit; the row names a 2018 unit it took territory from), ``absorbed``
    (the 2018 unit continues as no 2024 unit) or ``transfer`` (territory between continuing
    units). Overlaps under 1% of both units are boundary noise between the two editions and
    are not listed.
    """
    return _succession().copy()


def successors(kato_2018: str) -> pd.DataFrame:
    """Rows of :func:`succession` for one 2018 unit."""
    df = _succession()
    return df[df["kato_2018"] == kato_2018].reset_index(drop=True)
