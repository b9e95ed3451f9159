"""The price store: transactional, idempotent loads, revisions as vintages, bundled prices."""

from __future__ import annotations

import pandas as pd
import pytest

from aimaq.ingest.errors import IngestError
from aimaq.store import LoadError
from aimaq.supply.prices.store import PriceStore

TIDY = "product,market,date,stage,price,unit,currency,source\n"


def _csv(tmp_path, body: str, name="p.csv"):
    p = tmp_path / name
    p.write_text(TIDY + body, encoding="utf-8")
    return p


def test_load_idempotent_and_revisions(empty_store, tmp_path):
    ps = PriceStore(empty_store, bundled=False)
    p = _csv(
        tmp_path,
        "potatoes,Oral,2026-02-03,wholesale,140,kg,KZT,stabfund\n"
        "potatoes,Oral,2026-02-10,retail,160,kg,KZT,survey\n",
    )
    s, skipped = ps.load_file(p)
    assert (s.added, s.unchanged, s.revised, skipped) == (2, 0, 0, [])
    s, _ = ps.load_file(p)
    assert (s.added, s.unchanged, s.revised) == (0, 2, 0)
    assert ps.count() == 2
    p2 = _csv(tmp_path, "potatoes,Oral,2026-02-10,retail,165,kg,KZT,survey (revised)\n", "p2.csv")
    s, _ = ps.load_file(p2)
    assert (s.added, s.unchanged, s.revised) == (0, 0, 1)
    assert s.revisions == [("potatoes", "Oral", "retail 2026-02-10", 160.0, 165.0)]
    h = ps.history("potatoes", "Oral", "retail", "2026-02-10")
    assert h["price"].tolist() == [160.0, 165.0] and h["vintage"].tolist() == [1, 2]
    cur = ps.prices(product="potatoes", stage="retail")
    assert cur["price"].tolist() == [165.0] and cur["source"].iloc[0] == "survey (revised)"
    assert ps.count(current_only=False) == 3
    assert cur["region"].iloc[0] == "KZ-27" and cur["date"].iloc[0] == pd.Timestamp("2026-02-10")


def test_bad_file_leaves_store_unchanged(empty_store, tmp_path):
    ps = PriceStore(empty_store, bundled=False)
    ps.load_file(_csv(tmp_path, "potatoes,Oral,2026-02-03,wholesale,140,kg,KZT,s\n"))
    before = (ps.count(current_only=False), len(empty_store.loads()))
    bad = _csv(
        tmp_path,
        "onions,Oral,2026-02-03,retail,150,kg,KZT,s\npotatoes,Oral,2026-02-04,retail,x,kg,KZT,s\n",
        "bad.csv",
    )
    with pytest.raises(IngestError, match="row 3: field price"):
        ps.load_file(bad)
    assert (ps.count(current_only=False), len(empty_store.loads())) == before


def test_validate_rejects_frames(empty_store):
    ps = PriceStore(empty_store, bundled=False)
    f = pd.DataFrame(
        {
            "product": ["potatoes"],
            "market": ["Oral"],
            "region": ["KZ-27"],
            "date": ["2026-02-03"],
            "stage": ["retail"],
            "price": [100.0],
            "unit": ["l"],
            "currency": ["KZT"],
            "source": ["s"],
        }
    )
    with pytest.raises(LoadError, match="record 1, field unit"):
        ps.load(f)
    with pytest.raises(LoadError, match="field stage"):
        ps.load(f.assign(unit="kg", stage="black market"))
    with pytest.raises(LoadError, match="missing column"):
        ps.load(f.drop(columns="currency"))
    assert ps.count() == 0


def test_bundled_prices_on_first_use(tmp_path):
    from aimaq.store import Store

    st = Store(tmp_path / "b.sqlite")
    ps = PriceStore(st)
    n = ps.count()
    assert n == 3365 + 60  # WFP retail prices and the press-quoted prices
    assert PriceStore(st).count() == n  # loaded once
    wfp = ps.prices(product="potatoes", market="Almaty")
    assert wfp["date"].min() == pd.Timestamp("2005-11-15") and wfp["date"].max() == pd.Timestamp(
        "2020-11-15"
    )
    assert (
        wfp["source"]
        .iloc[0]
        .startswith("github:almacho04/Meal-consumption/wfp_food_prices_kaz.csv@")
    )
    nat = ps.prices(region="KZ")
    assert set(nat["market"]) == {"Kazakhstan"} and len(nat) == 17
    assert nat.loc[nat["product"] == "onions", "price"].tolist() == [151.0, 113.0]
