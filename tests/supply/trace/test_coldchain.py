"""Cold chain: MKT, excursions, verdicts, the demo breach with custodian and recall scope."""

import math

import pandas as pd
import pytest

from aimaq.supply.trace.coldchain import (
    CLASSES,
    TemperatureClass,
    at_risk,
    cold_chain,
    excursions,
    mean_kinetic_temperature,
)
from aimaq.supply.trace.identifiers import canonical


def test_mkt_identities():
    assert mean_kinetic_temperature([5.0] * 7) == pytest.approx(5.0)
    # two readings, 0 and 10 °C: Tmk = 10000 / -ln((e^(-10000/273.15) + e^(-10000/283.15)) / 2)
    hand = 10000 / -math.log((math.exp(-10000 / 273.15) + math.exp(-10000 / 283.15)) / 2) - 273.15
    assert mean_kinetic_temperature([0.0, 10.0]) == pytest.approx(hand)
    assert hand == pytest.approx(6.43, abs=0.01) and hand > 5.0  # above the arithmetic mean


def _series(values, start="2026-11-04T00:00Z", step="15min"):
    t = pd.date_range(start, periods=len(values), freq=step)
    return pd.DataFrame(
        {
            "time": t,
            "value": values,
            "min": math.nan,
            "max": math.nan,
            "start": pd.NaT,
            "end": pd.NaT,
        }
    )


def test_excursion_start_end_duration_peak():
    exc = excursions(_series([3, 4, 5, 8, 6, 3, 2, 9]), CLASSES["chilled"])
    assert len(exc) == 2
    first = exc.iloc[0]
    assert str(first.start) == "2026-11-04 00:30:00+00:00"  # first reading above +4 °C
    assert str(first.end) == "2026-11-04 01:15:00+00:00"  # next reading back inside
    assert first.duration == pd.Timedelta("45min") and first.peak == 8 and first.n_readings == 3
    assert exc.iloc[1].peak == 9 and exc.iloc[1].duration == pd.Timedelta(0)


def test_frozen_tolerance_of_3_degrees():
    exc = excursions(_series([-20, -16, -19, -14, -20]), CLASSES["frozen"])
    assert list(exc.peak) == [-16, -14]
    assert list(exc.beyond_tolerance) == [False, True]  # ATP: ≤ 3 °C brief rise tolerated
    low = excursions(_series([1, -0.5, 2]), TemperatureClass("t", 0, 4, 0, "test"))
    assert list(low.side) == ["low"] and low.peak.iloc[0] == -0.5


@pytest.fixture
def demo(store):
    from aimaq.supply.trace.demo import load_demo

    load_demo(store)
    return store


def test_demo_breach_custodian_and_recall_scope(demo):
    from aimaq.supply.trace.demo import BEEF_LOT, KEFIR_LOT

    cc = cold_chain(demo, BEEF_LOT)
    assert cc.temperature_class.name == "red_meat" and cc.verdict == "breached"
    assert len(cc.readings) == 32
    assert len(cc.excursions) == 1
    e = cc.excursions.iloc[0]
    # the readings above +7 °C: 7.8 at 10:30 … 7.6 at 12:00 (+05:00); back inside at 12:15
    assert str(e.start) == "2026-11-04 05:30:00+00:00" and str(e.end) == "2026-11-04 07:15:00+00:00"
    assert e.peak == 11.5
    assert e.custodian == canonical("urn:epc:id:pgln:9521004.00001")  # the reefer carrier
    leg = cc.legs[cc.legs.party == e.custodian].iloc[0]
    assert leg.n == 32 and leg["max"] == 11.5
    assert leg.mkt == pytest.approx(mean_kinetic_temperature(cc.readings["value"]))
    ok = cold_chain(demo, KEFIR_LOT)
    assert ok.verdict == "ok" and len(ok.readings) == 40 and ok.temperature_class.name == "dairy"
    # the same readings judged as chilled 0…+4 °C would be at fault
    assert cold_chain(demo, KEFIR_LOT, "chilled").verdict == "breached"

    risky = at_risk(demo)
    assert list(risky.lot) == [canonical(BEEF_LOT)]
    r = risky.iloc[0]
    assert r.custodians == canonical("urn:epc:id:pgln:9521004.00001")
    assert set(r.recall_locations) >= {
        canonical(f"urn:epc:id:sgln:952100{i}.00001.0") for i in (5, 6, 7)
    }
    assert set(r.recall_participants) == {
        canonical(f"urn:epc:id:pgln:952100{i}.00001") for i in (2, 4, 5, 6, 7)
    }


def test_uploaded_series_and_no_data(store, make_event, make_doc):
    from aimaq.supply.trace.repository import add_readings, capture

    lot = "urn:epc:class:lgtin:9521003.000003.Z1"
    capture(
        store,
        make_doc(
            make_event(
                epcList=None,
                quantityList=[{"epcClass": lot, "quantity": 10, "uom": "LTR"}],
                bizStep="commissioning",
                action="ADD",
            )
        ),
    )
    assert cold_chain(store, lot).verdict == "no data"
    series = _series([2.0, 3.0, 5.5, 3.0])[["time", "value"]]
    assert add_readings(store, series, lot) == 4
    cc = cold_chain(store, lot, "chilled")
    assert cc.verdict == "breached" and cc.excursions.peak.tolist() == [5.5]
