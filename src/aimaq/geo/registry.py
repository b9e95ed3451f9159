"""Registry of Kazakhstan's first-level units, current and historical.

The data lives in ``regions.csv`` beside this module: one row per unit with its ISO 3166-2 code
(current units) or former ISO letter code (historical units), KATO code, names in English,
Russian and Kazakh, kind, validity dates and successors. ``pycountry`` is the reference for the
20 current ISO codes (checked in the tests).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "NATIONAL",
    "all_codes",
    "Region",
    "get",
    "name",
    "predecessor",
    "region_codes",
    "regions",
    "valid_in",
]

NATIONAL = "KZ"


@dataclass(frozen=True)
class Region:
    """One first-level unit (or the republic)."""

    code: str
    kato: str
    short: str
    kind: str
    name_en: str
    name_ru: str
    name_kk: str
    valid_from: dt.date
    valid_to: dt.date | None
    successors: tuple[str, ...]
    centre_en: str
    centre_geonameid: int

    def name(self, lang: str = "en") -> str:
        return getattr(self, f"name_{lang}")

    def valid_in(self, year: int) -> bool:
        """Whether the unit is part of the division used for annual figures of ``year``.

        A unit created during a year counts from that year on (the bureau republishes the
        year's annual figures on the new borders); a unit abolished during a year does not.
        """
        if self.code == NATIONAL:
            return True
        return self.valid_from.year <= year and (self.valid_to is None or self.valid_to.year > year)


@cache
def _rows() -> tuple[dict[str, str], ...]:
    # read with the csv module: the CLI lists regions without importing pandas
    with resources.files("aimaq.geo").joinpath("regions.csv").open(encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


@cache
def _table() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(list(_rows()), dtype=str).set_index("code")


@cache
def _units() -> dict[str, Region]:
    out = {}
    for r in _rows():
        code = r["code"]
        out[code] = Region(
            code=code,
            kato=r["kato"],
            short=r["short"],
            kind=r["kind"],
            name_en=r["name_en"],
            name_ru=r["name_ru"],
            name_kk=r["name_kk"],
            valid_from=dt.date.fromisoformat(r["valid_from"]),
            valid_to=dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
            successors=tuple(r["successors"].split()),
            centre_en=r["centre_en"],
            centre_geonameid=int(r["centre_geonameid"]),
        )
    return out


def get(code: str) -> Region:
    """The unit with ``code`` (``KeyError`` naming the known codes otherwise)."""
    try:
        return _units()[code]
    except KeyError:
        raise KeyError(f"unknown region code {code!r}; known: {', '.join(_units())}") from None


def name(code: str, lang: str = "en") -> str:
    """Name of ``code`` in ``lang`` (en, ru, kk)."""
    return get(code).name(lang)


def predecessor(code: str) -> str | None:
    """The historical unit that ``code`` was split from, if any."""
    for u in _units().values():
        if code in u.successors:
            return u.code
    return None


def all_codes() -> list[str]:
    """Codes of every unit the registry knows, current and historical, and ``KZ``."""
    return list(_units())


def valid_in(code: str, year: int) -> bool:
    return get(code).valid_in(year)


def region_codes(borders: int | None = None, include_national: bool = False) -> list[str]:
    """Codes of the units in force in ``borders`` (default: today's 20 units)."""
    year = borders if borders is not None else dt.date.today().year
    codes = [c for c, u in _units().items() if c != NATIONAL and u.valid_in(year)]
    return ([NATIONAL] if include_national else []) + codes


def regions(borders: int | None = None, include_national: bool = False) -> pd.DataFrame:
    """Table of the units in force in ``borders`` (default: today's 20), indexed by code.

    Columns: kato, short, kind, name_en, name_ru, name_kk, valid_from, valid_to, successors,
    centre_en, centre_geonameid.
    """
    return _table().loc[region_codes(borders, include_national)].copy()
