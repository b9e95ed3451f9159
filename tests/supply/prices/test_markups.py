"""Markups and cap flags on a hand-made chain; the legal cap from data; per-lot markups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aimaq.supply.prices.markups import legal_cap, lot_markups, priced_events, stage_markups


def _chain() -> pd.DataFrame:
    rows = [
        # product, market, date, stage, price
        ("potatoes", "Oral", "2026-02-03", "producer", 120.0),
        ("potatoes", "Oral", "2026-02-03", "wholesale", 140.0),
        ("potatoes", "Oral", "2026-02-10", "retail", 160.0),  # 14.29 % over wholesale: within
        ("onions", "Oral", "2026-02-05", "wholesale", 100.0),
        ("onions", "Oral", "2026-02-05", "retail", 120.0),  # 20 %: over the cap
        ("carrots", "Taraz", "2026-02-05", "producer", 80.0),
        ("carrots", "Taraz", "2026-02-05", "retail", 100.0),  # 25 % over producer: over
        ("beef", "Taraz", "2026-02-05", "wholesale", 2000.0),  # beef (generic) not on the list
        ("beef", "Taraz", "2026-02-05", "retail", 2600.0),
        ("potatoes", "Oral", "2021-02-05", "wholesale", 100.0),  # no cap in the data for 2021
        ("potatoes", "Oral", "2021-02-05", "retail", 130.0),
    ]
    df = pd.DataFrame(rows, columns=["product", "market", "date", "stage", "price"])
    df["region"] = np.where(df["market"] == "Oral", "KZ-27", "KZ-31")
    return df


def test_stage_markups_and_flags():
    r = stage_markups(_chain())
    f = r.frame.set_index(["product", "month", "up_stage", "down_stage"])
    feb = pd.Period("2026-02", "M")
    assert f.loc[("potatoes", feb, "wholesale", "retail"), "markup_pct"] == pytest.approx(
        100 * 20 / 140
    )
    assert f.loc[("potatoes", feb, "producer", "wholesale"), "markup_pct"] == pytest.approx(
        100 * 20 / 120
    )
    # the retail price is compared with wholesale where observed, not also with producer
    assert ("potatoes", feb, "producer", "retail") not in f.index
    assert f.loc[("carrots", feb, "producer", "retail"), "markup_pct"] == pytest.approx(25.0)
    flags = r.flags()
    assert set(zip(flags["product"], flags["markup_pct"].round(2), strict=True)) == {
        ("carrots", 25.0),
        ("onions", 20.0),
    }
    assert not f.loc[("beef", feb, "wholesale", "retail"), "szpt"]
    assert np.isnan(
        f.loc[("potatoes", pd.Period("2021-02", "M"), "wholesale", "retail"), "cap_pct"]
    )
    assert r.cap.cap_pct == 15.0 and "О регулировании торговой деятельности" in r.cap.legal_basis
    # upstream stages never get a cap
    assert np.isnan(f.loc[("potatoes", feb, "producer", "wholesale"), "cap_pct"])


def test_user_cap_is_labelled_and_applies():
    r = stage_markups(_chain(), cap_pct=25)
    assert r.cap.legal_basis == "user-set cap (assumption)"
    # carrots at exactly 25 % are not above it; 2021 is capped once the user sets a cap
    assert set(zip(r.flags()["product"], r.flags()["month"].astype(str), strict=True)) == {
        ("potatoes", "2021-02")
    }
    assert len(stage_markups(_chain(), cap_pct=10).flags()) == 4


def test_legal_cap_from_data():
    c = legal_cap("2026-03-01")
    assert (c.cap_pct, c.year) == (15.0, 2026) and c.source.startswith("https://www.inform.kz")
    assert legal_cap("2023-06-01").year == 2022
    assert legal_cap("2021-12-31") is None


def test_no_two_stages_gives_empty():
    df = _chain()
    r = stage_markups(df[df["stage"] == "retail"])
    assert r.frame.empty


EVENTS = [
    {
        "type": "ObjectEvent",
        "eventID": "ni:///sha-256;1",
        "eventTime": "2026-02-01T08:00:00+05:00",
        "action": "OBSERVE",
        "bizStep": "shipping",
        "epcList": ["urn:epc:id:sgtin:4870001.012345.L1"],
        "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:4870001.00001"}],
        "destinationList": [
            {"type": "owning_party", "destination": "urn:epc:id:pgln:4870002.00001"}
        ],
        "aimaq:price": {"value": 120.0, "currency": "KZT", "uom": "KGM"},
    },
    {
        "type": "ObjectEvent",
        "eventID": "ni:///sha-256;2",
        "eventTime": "2026-02-03T08:00:00+05:00",
        "action": "OBSERVE",
        "bizStep": "https://ref.gs1.org/cbv/BizStep-shipping",
        "epcList": ["urn:epc:id:sgtin:4870001.012345.L1"],
        "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:4870002.00001"}],
        "destinationList": [
            {"type": "owning_party", "destination": "urn:epc:id:pgln:4870003.00001"}
        ],
        "aimaq:price": {"value": 138.0, "currency": "KZT", "uom": "KGM"},
    },
    {
        "type": "ObjectEvent",
        "eventID": "ni:///sha-256;3",
        "eventTime": "2026-02-02T08:00:00+05:00",
        "action": "OBSERVE",
        "bizStep": "receiving",
        "epcList": ["urn:epc:id:sgtin:4870001.012345.L1"],
    },
    {
        "type": "ObjectEvent",
        "eventID": "ni:///sha-256;4",
        "eventTime": "2026-02-05T10:00:00+05:00",
        "action": "OBSERVE",
        "bizStep": "retail_selling",
        "epcList": ["urn:epc:id:sgtin:4870001.012345.L1"],
        "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:4870003.00001"}],
        "aimaq:price": {"value": 165.6, "currency": "KZT", "uom": "KGM"},
    },
]


def test_lot_markups_from_epcis_events():
    pe = priced_events(EVENTS)
    assert len(pe) == 3  # the unpriced receiving event is not a hand-over with a price
    assert pe["biz_step"].tolist() == ["shipping", "shipping", "retail_selling"]
    r = lot_markups(EVENTS)
    f = r.frame
    assert f["markup_pct"].round(6).tolist() == [15.0, 20.0]
    assert f["cumulative_pct"].round(6).tolist() == [15.0, 38.0]
    assert f["exceeds_cap"].tolist() == [False, True]  # only the last (retail) hand-over is capped
    assert f["seller"].iloc[1] == "urn:epc:id:pgln:4870003.00001"
    assert r.cap.cap_pct == 15.0


def test_lot_in_two_currencies_refused():
    ev = [dict(e) for e in EVENTS]
    ev[1] = dict(ev[1], **{"aimaq:price": {"value": 0.3, "currency": "USD", "uom": "KGM"}})
    with pytest.raises(ValueError, match="more than one currency"):
        lot_markups(ev)
