"""GIEWS IPA against a hand-worked example."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aimaq.supply.prices.giews import classify_ipa, ipa


def _example() -> pd.Series:
    # 2010-2013; September S_y and December D_y set, every other month equal to S_y
    S = {2010: 100.0, 2011: 110.0, 2012: 120.0, 2013: 130.0}
    D = {2010: 100.0, 2011: 112.0, 2012: 120.0, 2013: 173.03}  # 173.03 = 130 * 1.331
    idx = pd.period_range("2010-01", "2013-12", freq="M")
    p = [D[m.year] if m.month == 12 else S[m.year] for m in idx]
    return pd.Series(p, index=idx.to_timestamp())


def test_hand_worked_december_2013():
    r = ipa(_example(), min_years=3)
    row = r.frame.set_index("month").loc[pd.Period("2013-12", "M")]
    # quarterly growth Sep -> Dec: (D/S)^(1/3) - 1 for 2010..2013
    q = [
        (100 / 100) ** (1 / 3) - 1,
        (112 / 110) ** (1 / 3) - 1,
        (120 / 120) ** (1 / 3) - 1,
        (173.03 / 130) ** (1 / 3) - 1,
    ]
    # annual growth Dec -> Dec: (D_y / D_{y-1})^(1/12) - 1 for 2011..2013
    a = [(112 / 100) ** (1 / 12) - 1, (120 / 112) ** (1 / 12) - 1, (173.03 / 120) ** (1 / 12) - 1]
    assert q[3] == pytest.approx(0.1, abs=1e-6)
    zq = (q[3] - np.mean(q)) / np.std(q, ddof=1)
    za = (a[2] - np.mean(a)) / np.std(a, ddof=1)
    assert row["cqgr"] == pytest.approx(q[3])
    assert row["cagr"] == pytest.approx(a[2])
    assert row["z_q"] == pytest.approx(zq)
    assert row["z_a"] == pytest.approx(za)
    # by hand: q = (0, 0.006024, 0, 0.1), mean 0.026506, sd 0.049078 -> z_q = 1.4975;
    # a = (0.0094888, 0.0057659, 0.030968), mean 0.015407, sd 0.013603 -> z_a = 1.1438;
    # IPA = 0.4 * 1.4975 + 0.6 * 1.1438 = 1.2853
    assert zq == pytest.approx(1.4975, abs=1e-4) and za == pytest.approx(1.1438, abs=1e-4)
    assert row["ipa"] == pytest.approx(0.4 * zq + 0.6 * za)
    assert row["ipa"] == pytest.approx(1.2853, abs=1e-4)
    assert row["cls"] == "abnormally high" and row["years"] == 3


def test_time_weights_formula():
    r = ipa(_example(), min_years=3, weights="time")
    row = r.frame.set_index("month").loc[pd.Period("2013-12", "M")]
    q = np.array([0.0, (112 / 110) ** (1 / 3) - 1, 0.0, (173.03 / 130) ** (1 / 3) - 1])
    w = np.array([1.0, 2.0, 3.0, 4.0])
    m = (w * q).sum() / w.sum()
    sd = np.sqrt((w * (q - m) ** 2).sum() / (w.sum() * 3 / 4))  # Baquedano (2015), eq. 5
    assert row["cqgr_mean"] == pytest.approx(m)
    assert row["cqgr_sd"] == pytest.approx(sd)


def test_too_few_years_is_a_gap():
    r = ipa(_example(), min_years=5)
    assert r.frame["ipa"].isna().all()
    assert (r.frame["cls"] == "insufficient history").all()


def test_classes():
    assert classify_ipa([-0.51, -0.5, 0.49, 0.5, 0.99, 1.0]).tolist() == [
        "low",
        "normal",
        "normal",
        "moderately high",
        "moderately high",
        "abnormally high",
    ]
