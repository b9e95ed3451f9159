"""ALPS: a synthetic series with a known seasonal pattern and an injected spike; the recursive
fit against statsmodels OLS; the WFP data (2015–2016 devaluation)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aimaq.supply.prices.alps import alps, classify_alps

SEASON = np.array([-6, -4, -2, 0, 2, 4, 6, 4, 2, 0, 6, 20], dtype=float)  # December peak


def _series(spike_at: int | None = 100, size: float = 8.0) -> pd.Series:
    n = 120
    rng = np.random.default_rng(42)
    noise = rng.normal(0, 1.0, n)
    noise[11::12] = 0.0  # December carries the seasonal peak only
    y = 100 + 0.3 * np.arange(n) + np.tile(SEASON, n // 12) + noise
    if spike_at is not None:
        y[spike_at] += size
    idx = pd.period_range("2010-01", periods=n, freq="M").to_timestamp() + pd.Timedelta(days=14)
    return pd.Series(y, index=idx)


def test_spike_classified_seasonal_peak_not():
    s = _series(spike_at=100)  # 2018-05, not a peak month
    f = alps(s).frame.set_index("month")
    spike = f.loc[pd.Period("2018-05", "M")]
    assert spike["alps"] > 2 and spike["cls"] == "crisis"
    peaks = f[(f.index.month == 12) & (f["cls"] != "insufficient history")]
    assert len(peaks) == 8  # the Decembers 2012-2019 (from the 36th month on)
    assert (peaks["cls"] == "normal").all()
    # without the seasonal terms the December peak would look like a spike: the test can fail
    naive = (s - s.rolling(36, min_periods=36).mean()) / s.rolling(36, min_periods=36).std()
    assert (naive[naive.index.month == 12].dropna() > 1).all()


def test_history_requirements():
    f = alps(_series(None)).frame
    assert (f["cls"].iloc[:35] == "insufficient history").all()
    assert f["cls"].iloc[35] != "insufficient history"
    assert f["n"].iloc[35] == 36 and str(f["since"].iloc[0]) == "2010-01"


def test_recursive_fit_equals_ols_up_to_each_month():
    sm = pytest.importorskip("statsmodels.api")
    s = _series(100)
    f = alps(s).frame
    for t in (40, 80, 119):
        y = s.to_numpy()[: t + 1]
        months = np.arange(t + 1) % 12
        X = np.column_stack(
            [np.ones(t + 1), np.arange(t + 1) / 12.0]
            + [(months == m).astype(float) for m in range(1, 12)]
        )
        res = sm.OLS(y, X).fit()
        assert f["trend"].iloc[t] == pytest.approx(res.fittedvalues[-1], rel=1e-9)
        assert f["sigma"].iloc[t] == pytest.approx(np.sqrt(res.mse_resid), rel=1e-9)
        assert f["alps"].iloc[t] == pytest.approx(res.resid[-1] / np.sqrt(res.mse_resid), rel=1e-8)


def test_gaps_and_several_series():
    s = _series(100)
    df = pd.DataFrame(
        {"date": s.index, "price": s.to_numpy(), "market": "A", "product": "x", "stage": "retail"}
    )
    other = df.assign(market="B", price=df["price"] * 2)
    gappy = other.drop(index=[50, 51, 52])  # three missing months stay missing
    r = alps(pd.concat([df, gappy]))
    a = r.frame[r.frame["market"] == "A"].reset_index(drop=True)
    b = r.frame[r.frame["market"] == "B"].reset_index(drop=True)
    assert len(a) == 120 and len(b) == 117
    assert a["alps"].iloc[100] == pytest.approx(alps(s).frame["alps"].iloc[100])
    assert b.set_index("month").loc[pd.Period("2018-05", "M"), "cls"] == "crisis"


def test_thresholds():
    assert classify_alps([0.2499, 0.25, 0.999, 1.0, 1.999, 2.0]).tolist() == [
        "normal",
        "stress",
        "stress",
        "alert",
        "alert",
        "crisis",
    ]


def test_wfp_devaluation_months_not_all_normal():
    """August 2015 – mid 2016 (the tenge floated on 20.08.2015): not every month normal."""
    from aimaq.ingest.prices import read_price_csv
    from aimaq.supply.prices.store import bundled_price_paths

    wfp = read_price_csv(bundled_price_paths()[0]).frame
    f = alps(wfp).frame
    dev = f[(f["month"] >= pd.Period("2015-09", "M")) & (f["month"] <= pd.Period("2016-06", "M"))]
    assert len(dev) == 180  # 10 months x (4 cities x 4 products + milk in 2 cities)
    assert (dev["cls"] == "insufficient history").sum() == 0
    counts = dev["cls"].value_counts()
    assert counts.get("normal", 0) < len(dev)
    assert counts.to_dict() == {
        "normal": 93,
        "alert": 51,
        "stress": 31,
        "crisis": 5,
        "insufficient history": 0,
    }
