"""The price section's content, built from the bundled WFP data, in kk, ru and en."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from aimaq.ingest.prices import read_price_csv
from aimaq.supply.prices.section import price_section
from aimaq.supply.prices.store import bundled_price_paths


@pytest.fixture(scope="module")
def prices():
    return pd.concat([read_price_csv(p).frame for p in bundled_price_paths()], ignore_index=True)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_section(prices, lang):
    s = price_section(prices, lang)
    assert s.latest_month == "2020-11"  # the newest month the WFP data has
    hm = s.heatmap["data"][0]
    assert hm["x"][-1] == "2020-11" and len(hm["x"]) == 24
    assert len(hm["y"]) == 18  # 4 cities x 5 products, milk in two cities only
    assert set(s.lines) == {"beef", "milk", "potatoes", "sunflower_oil", "wheat_flour_first_grade"}
    markers = [t for t in s.lines["wheat_flour_first_grade"]["data"] if t["mode"] == "markers"]
    assert markers  # alert markers on the flour lines (2020 crisis months)
    assert (s.alerts["month"] > pd.Period("2018-11", "M")).all() and len(s.alerts) > 0
    if lang != "en":
        text = " ".join(
            [
                s.title,
                s.source,
                s.heatmap["layout"]["title"]["text"],
                *hm["y"],
                *hm["colorbar"]["ticktext"],
                s.dispersion["layout"]["title"]["text"],
            ]
        )
        text = text.replace("ALPS", "").replace("HDX wfp_food_prices_kaz", "").replace("aimaq", "")
        assert not re.search(r"[A-Za-z]{2,}", text), text
