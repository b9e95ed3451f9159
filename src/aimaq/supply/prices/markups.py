"""Markups along the food chain and the legal cap on the trade markup for СЗПТ.

Between two stages observed for the same product, place and month the markup is

.. math::

    m = \\frac{P_{\\text{down}} - P_{\\text{up}}}{P_{\\text{up}}} \\times 100\\ \\%.

The retail trade markup on socially significant food products may not exceed the cap over
"the producer's selling price or the wholesale supplier's purchase price" (15 %, Law of the
Republic of Kazakhstan «О регулировании торговой деятельности»; value, wording and sources in
``aimaq/data/prices/markup_rule.csv``, read by :func:`legal_cap`). A retail price is compared
with the wholesale price where both are observed, else with the producer price; a flag is
raised where the product is on the СЗПТ list in force that month
(:func:`aimaq.catalogue.products.szpt_list`) and :math:`m` exceeds the cap. Observed average
prices are not the invoices an inspector checks: a flag says the averages are consistent with
an excess, not that a seller broke the law.

Per-lot markups from traceability (:func:`lot_markups`) follow one lot's priced events along
its actual chain; the price extension they read is documented in ``docs/prices.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

__all__ = [
    "PRICE_EXTENSION",
    "LotMarkupResult",
    "MarkupCap",
    "MarkupResult",
    "legal_cap",
    "lot_markups",
    "priced_events",
    "stage_markups",
]

#: key of the price extension in an EPCIS 2.0 JSON-LD event (see docs/prices.md)
PRICE_EXTENSION = "aimaq:price"
_PAIRS = (("wholesale", "retail"), ("producer", "retail"), ("producer", "wholesale"))


@dataclass(frozen=True)
class MarkupCap:
    """A cap on the trade markup: ``cap_pct`` per cent, from ``year``, with its legal basis."""

    cap_pct: float
    year: int | None
    legal_basis: str
    source: str


def legal_cap(on=None, cap_pct: float | None = None) -> MarkupCap | None:
    """The cap in force on ``on`` per the bundled rule, or a user-set ``cap_pct``.

    The rule file holds the cap as cited for 2022 and 2026; a date before the earliest
    citation has no cap in the data (``None``): pass ``cap_pct`` to assume one.

    Examples
    --------
    >>> legal_cap("2026-02-01").cap_pct
    15.0
    >>> legal_cap("2020-01-01") is None
    True
    >>> legal_cap(cap_pct=10).legal_basis
    'user-set cap (assumption)'
    """
    if cap_pct is not None:
        return MarkupCap(float(cap_pct), None, "user-set cap (assumption)", "user")
    with (
        resources.files("aimaq.data")
        .joinpath("prices", "markup_rule.csv")
        .open(encoding="utf-8") as fh
    ):
        t = pd.read_csv(fh)
    t = t[t["indicator"] == "szpt_max_retail_markup_pct"].sort_values("year")
    year = pd.Timestamp(on if on is not None else pd.Timestamp.today()).year
    t = t[t["year"] <= year]
    if t.empty:
        return None
    r = t.iloc[-1]
    return MarkupCap(float(r["value"]), int(r["year"]), str(r["note"]), str(r["source"]))


@dataclass(frozen=True)
class MarkupResult:
    """Markups between stages.

    Attributes
    ----------
    frame : DataFrame
        ``product, market, region, month, up_stage, up_price, down_stage, down_price, markup,
        markup_pct, szpt, cap_pct, exceeds_cap`` (``cap_pct`` NaN where no cap applies).
    cap : MarkupCap or None
        The cap used (None: no cap in the data for the months and none set).
    """

    frame: pd.DataFrame
    cap: MarkupCap | None

    def flags(self) -> pd.DataFrame:
        """Rows where the retail markup exceeds the cap, largest first."""
        f = self.frame[self.frame["exceeds_cap"]]
        return f.sort_values("markup_pct", ascending=False).reset_index(drop=True)


def _szpt_members(months: pd.Series, product: pd.Series) -> np.ndarray:
    from aimaq.catalogue.products import szpt_list

    lists = {m: set(szpt_list(m.to_timestamp()).loc[:, "product"]) for m in months.unique()}
    return np.array([p in lists[m] for m, p in zip(months, product, strict=True)], dtype=bool)


def stage_markups(prices: pd.DataFrame, cap_pct: float | None = None) -> MarkupResult:
    """Markups where two stages are observed for the same product, market and month.

    Parameters
    ----------
    prices : DataFrame
        ``product, market, date, stage, price`` (and ``region``); several prices in a month
        are averaged.
    cap_pct : float, optional
        Cap to apply instead of the legal one (an assumption, labelled as such).

    Returns
    -------
    MarkupResult

    Examples
    --------
    >>> p = pd.DataFrame({"product": "potatoes", "market": "Oral", "region": "KZ-27",
    ...     "date": "2026-02-10", "stage": ["wholesale", "retail"], "price": [140.0, 175.0]})
    >>> r = stage_markups(p)
    >>> float(r.frame.loc[0, "markup_pct"]), bool(r.frame.loc[0, "exceeds_cap"])
    (25.0, True)
    """
    df = prices.copy()
    df["month"] = pd.to_datetime(df["date"]).dt.to_period("M")
    if "region" not in df:
        df["region"] = None
    keys = ["product", "market", "region", "month"]
    wide = df.pivot_table(index=keys, columns="stage", values="price", aggfunc="mean", dropna=False)
    wide = wide.dropna(how="all")
    parts = []
    for up, down in _PAIRS:
        if up not in wide or down not in wide:
            continue
        both = wide[[up, down]].dropna()
        if down == "retail" and up == "producer" and "wholesale" in wide:
            both = both[wide.loc[both.index, "wholesale"].isna()]  # the cap's base: wholesale first
        parts.append(
            pd.DataFrame(
                {
                    "up_stage": up,
                    "up_price": both[up],
                    "down_stage": down,
                    "down_price": both[down],
                },
                index=both.index,
            )
        )
    cols = [
        "product",
        "market",
        "region",
        "month",
        "up_stage",
        "up_price",
        "down_stage",
        "down_price",
        "markup",
        "markup_pct",
        "szpt",
        "cap_pct",
        "exceeds_cap",
    ]
    if not parts:
        return MarkupResult(
            pd.DataFrame(columns=cols), legal_cap(cap_pct=cap_pct) if cap_pct else None
        )
    f = pd.concat(parts).reset_index()
    f["markup"] = f["down_price"] - f["up_price"]
    f["markup_pct"] = (f["down_price"] / f["up_price"] - 1) * 100
    f["szpt"] = _szpt_members(f["month"], f["product"])
    caps = {m: legal_cap(m.to_timestamp(), cap_pct) for m in f["month"].unique()}
    f["cap_pct"] = [
        caps[m].cap_pct if caps[m] and s and d == "retail" else np.nan
        for m, s, d in zip(f["month"], f["szpt"], f["down_stage"], strict=True)
    ]
    f["exceeds_cap"] = (f["markup_pct"] > f["cap_pct"]).to_numpy(bool)
    used = [c for c in caps.values() if c is not None]
    cap = max(used, key=lambda c: c.year or 0) if used else None
    return MarkupResult(
        f[cols].sort_values(["month", "product", "market"]).reset_index(drop=True), cap
    )


# -- per lot, from traceability --------------------------------------------------------------
def _party(event: dict, key: str) -> str | None:
    """The ``owning_party`` of an event's ``sourceList`` or ``destinationList``."""
    for s in event.get(key, []):
        if str(s.get("type", "")).endswith("owning_party"):
            return s.get(key.removesuffix("List"))
    return None


def priced_events(events) -> pd.DataFrame:
    """The priced events of EPCIS 2.0 JSON-LD ``events`` as a frame, oldest first.

    Each event with the ``aimaq:price`` extension (``{"value", "currency", "uom"}``) gives one
    row per lot it names (``epcList`` and ``quantityList`` ``epcClass``): ``lot, time,
    biz_step, seller, buyer, price, currency, uom, event_id``. The seller and buyer are the
    ``owning_party`` entries of ``sourceList`` and ``destinationList``.
    """
    rows = []
    for e in events:
        pr = e.get(PRICE_EXTENSION)
        if not pr:
            continue
        lots = list(e.get("epcList", [])) + [q["epcClass"] for q in e.get("quantityList", [])]
        seller, buyer = _party(e, "sourceList"), _party(e, "destinationList")
        for lot in lots:
            rows.append(
                {
                    "lot": lot,
                    "time": pd.Timestamp(e["eventTime"]),
                    "biz_step": _bare_step(e.get("bizStep", "")),
                    "seller": seller,
                    "buyer": buyer,
                    "price": float(pr["value"]),
                    "currency": pr.get("currency"),
                    "uom": pr.get("uom"),
                    "event_id": e.get("eventID"),
                }
            )
    cols = ["lot", "time", "biz_step", "seller", "buyer", "price", "currency", "uom", "event_id"]
    return pd.DataFrame(rows, columns=cols).sort_values(["lot", "time"]).reset_index(drop=True)


def _bare_step(step: str) -> str:
    """``shipping`` from ``shipping``, ``urn:epcglobal:cbv:bizstep:shipping`` or the GS1 URL."""
    s = str(step).rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    return s.removeprefix("BizStep-")


@dataclass(frozen=True)
class LotMarkupResult:
    """Markups of each lot along its traced chain.

    Attributes
    ----------
    frame : DataFrame
        One row per priced hand-over after the first: ``lot, time, biz_step, seller, buyer,
        prev_price, price, markup_pct`` (over the previous hand-over) and ``cumulative_pct``
        (over the lot's first price), ``cap_pct`` and ``exceeds_cap`` for the last (retail)
        hand-over of a lot whose product is on the СЗПТ list.
    cap : MarkupCap or None
    """

    frame: pd.DataFrame
    cap: MarkupCap | None


def lot_markups(
    events: pd.DataFrame | list, szpt: bool = True, cap_pct: float | None = None
) -> LotMarkupResult:
    """Markup per lot along its chain, from the lot's priced events.

    Parameters
    ----------
    events : DataFrame or list of dict
        A frame of :func:`priced_events` (``lot, time, price, currency, uom`` at least, plus
        ``seller, buyer, biz_step``), or the EPCIS events themselves.
    szpt : bool
        Whether the lots are socially significant food products (the cap applies).
    cap_pct : float, optional
        Cap to use instead of the legal one.

    Raises
    ------
    ValueError
        A lot priced in two currencies or units: markups would mix them.

    Examples
    --------
    >>> ev = pd.DataFrame({"lot": "L1", "time": pd.to_datetime(["2026-02-01", "2026-02-03",
    ...     "2026-02-05"]), "price": [100.0, 110.0, 132.0], "currency": "KZT", "uom": "KGM"})
    >>> lot_markups(ev).frame[["markup_pct", "cumulative_pct", "exceeds_cap"]].round(1).values.tolist()
    [[10.0, 10.0, False], [20.0, 32.0, True]]
    """
    f = events if isinstance(events, pd.DataFrame) else priced_events(events)
    f = f.sort_values(["lot", "time"]).reset_index(drop=True)
    for col in ("currency", "uom"):
        if col in f and (f.groupby("lot")[col].nunique() > 1).any():
            lot = f.groupby("lot")[col].nunique().loc[lambda s: s > 1].index[0]
            raise ValueError(f"lot {lot!r} is priced in more than one {col}; convert first")
    g = f.groupby("lot")["price"]
    f["prev_price"] = g.shift()
    f["first_price"] = g.transform("first")
    f["markup_pct"] = (f["price"] / f["prev_price"] - 1) * 100
    f["cumulative_pct"] = (f["price"] / f["first_price"] - 1) * 100
    last = f.groupby("lot").cumcount(ascending=False) == 0
    caps = [
        legal_cap(t, cap_pct) if (szpt and is_last) else None
        for t, is_last in zip(f["time"], last, strict=True)
    ]
    f["cap_pct"] = [c.cap_pct if c else np.nan for c in caps]
    f["exceeds_cap"] = (f["markup_pct"] > f["cap_pct"]).to_numpy(bool)
    out = f[f["prev_price"].notna()].drop(columns="first_price").reset_index(drop=True)
    used = [c for c in caps if c is not None]
    return LotMarkupResult(out, used[-1] if used else None)
