"""Regional dispersion, indices, m/m and y/y change, real prices: hand-worked."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from aimaq.supply.prices.dispersion import dispersion
from aimaq.supply.prices.indices import changes, price_index, real_prices


def test_dispersion_onions_january_2023_press_figures():
    from aimaq.ingest.prices import read_price_csv
    from aimaq.supply.prices.store import bundled_price_paths

    press = read_price_csv(bundled_price_paths()[1]).frame
    on = press[(press["product"] == "onions")]
    r = dispersion(on).frame
    assert len(r) == 1
    row = r.iloc[0]
    cities = on[on["market"] != "Kazakhstan"]["price"]
    assert row["n"] == len(cities) == 19  # the national average is left out
    assert row["cv"] == pytest.approx(cities.std(ddof=1) / cities.mean())
    assert (row["min"], row["max"]) == (cities.min(), cities.max()) == (126.0, 216.0)
    assert row["dearest"] == "Zhezqazghan"
    assert row["ratio"] == pytest.approx(216 / 126)


def test_dispersion_needs_two_cities():
    p = pd.DataFrame(
        {
            "product": "rice",
            "stage": "retail",
            "date": "2023-01-15",
            "market": ["Taraz"],
            "price": [1.0],
        }
    )
    assert dispersion(p).frame.empty


def _p():
    return pd.DataFrame(
        {
            "product": "rice",
            "market": "Taraz",
            "stage": "retail",
            "date": ["2015-01-10", "2015-01-20", "2015-02-15", "2016-01-15", "2016-02-15"],
            "price": [90.0, 110.0, 120.0, 150.0, 132.0],
        }
    )


def test_index_base_month_and_year():
    i = price_index(_p(), base="2015-01").frame  # January 2015 = mean of 90 and 110 = 100
    assert i["index"].tolist() == pytest.approx([100.0, 120.0, 150.0, 132.0])
    y = price_index(_p(), base="2015").frame  # 2015 = mean of months 100, 120 = 110
    assert y["index"].iloc[0] == pytest.approx(100 / 1.1)


def test_changes():
    c = changes(_p()).frame
    assert c["mom_pct"].iloc[1] == pytest.approx(20.0)
    assert math.isnan(c["mom_pct"].iloc[2])  # December 2015 not observed: no m/m for Jan 2016
    assert c["yoy_pct"].iloc[2] == pytest.approx(50.0)
    assert c["yoy_pct"].iloc[3] == pytest.approx(10.0)


def test_real_prices():
    d = pd.Series({pd.Period("2015-01", "M"): 100.0, pd.Period("2016-01", "M"): 125.0})
    r = real_prices(_p(), d, "2015-01")
    assert r["real_price"].iloc[2] == pytest.approx(150 / 1.25)
    assert math.isnan(r["real_price"].iloc[1])  # no deflator for Feb 2015: a gap
    with pytest.raises(ValueError, match="base period"):
        real_prices(_p(), d, "2014-01")
