"""The product catalogue of price monitoring: products with kk/ru/en names and units, and the
lists of socially significant food products (СЗПТ) by the date of their legal act.

Data: ``aimaq/data/prices/products.csv`` (one row per product; ``aliases`` are the spellings
readers accept, ``|``-separated) and ``szpt_lists.csv`` (one row per item of a list, with the
act, its date, the dates it was in force and where the list was read). The 2017 list (19 items,
Government Decree No. 137 of 27.03.2017) is complete; of the 2026 list (31 items, order of the
Minister of Trade and Integration of 23.12.2025, in force 04.01.2026) items 25–31 were not
captured and are missing, not guessed. Market (city) spellings are in ``markets.csv``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

import pandas as pd

__all__ = [
    "UnknownProductError",
    "market_aliases",
    "market_name",
    "product_id",
    "product_name",
    "products",
    "szpt_list",
]


class UnknownProductError(KeyError):
    """A product name that the catalogue does not know."""

    def __str__(self) -> str:
        return str(self.args[0])


def _read(name: str) -> pd.DataFrame:
    with resources.files("aimaq.data").joinpath("prices", name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@cache
def products() -> pd.DataFrame:
    """The catalogue, indexed by product id: ``unit``, ``name_en``, ``name_ru``, ``name_kk``."""
    return _read("products.csv").set_index("id")


@cache
def _names() -> dict[str, str]:
    out: dict[str, str] = {}
    for pid, row in products().iterrows():
        spellings = [pid, row["name_en"], row["name_ru"], row["name_kk"]]
        spellings += [a for a in row["aliases"].split("|") if a]
        for s in spellings:
            out.setdefault(_key(s), pid)
    return out


def _key(s: str) -> str:
    return " ".join(str(s).replace("ё", "е").lower().replace(",", " ").split())


def product_id(name: str) -> str:
    """The catalogue id of a product named ``name`` (an id, a name in kk/ru/en or an alias).

    Examples
    --------
    >>> product_id("Oil (sunflower)")
    'sunflower_oil'
    >>> product_id("Картофель")
    'potatoes'
    """
    pid = _names().get(_key(name))
    if pid is None:
        raise UnknownProductError(
            f"unknown product {name!r}: not in the price catalogue "
            "(aimaq/data/prices/products.csv); use a catalogue id or name, or add an alias"
        )
    return pid


def szpt_list(on: str | dt.date | None = None) -> pd.DataFrame:
    """The СЗПТ list in force on ``on`` (default: today), one row per item.

    Columns: ``list, legal_act, legal_date, in_force_from, in_force_to, item, product,
    source`` plus the product's names and unit. Empty if no captured list was in force.

    Examples
    --------
    >>> len(szpt_list("2020-01-01"))
    19
    """
    day = pd.Timestamp(on if on is not None else dt.date.today())
    t = _read("szpt_lists.csv")
    start = pd.to_datetime(t["in_force_from"])
    end = pd.to_datetime(t["in_force_to"].replace("", None))
    keep = (start <= day) & (end.isna() | (end >= day))
    out = t[keep].join(products(), on="product")
    out["item"] = out["item"].astype(int)
    return out.reset_index(drop=True)


@cache
def market_aliases() -> dict[str, str]:
    """Published market spelling (case-folded) → GeoNames settlement name."""
    t = _read("markets.csv")
    return {_key(a): g for a, g in zip(t["alias"], t["geonames_name"], strict=True)}


@cache
def _market_names() -> pd.DataFrame:
    return _read("market_names.csv").set_index("market")


def market_name(market: str, lang: str = "en") -> str:
    """A market's name in ``lang`` (en, ru, kk); the stored name if the table lacks it.

    Examples
    --------
    >>> market_name("Oral", "kk")
    'Орал'
    """
    t = _market_names()
    return t.at[market, f"name_{lang}"] if market in t.index else market


def product_name(product: str, lang: str = "en") -> str:
    """A product's name in ``lang`` (en, ru, kk)."""
    return products().at[product, f"name_{lang}"]
