"""Trace back / forward over the reference examples and the demo chain."""

import pytest

from aimaq.supply.trace.identifiers import canonical
from aimaq.supply.trace.lineage import trace_back, trace_forward
from aimaq.supply.trace.repository import capture, capture_file


@pytest.fixture
def examples_store(store, epcis_ref):
    for p in sorted((epcis_ref / "examples").rglob("*.jsonld")):
        capture_file(store, p)
    return store


def _c(*ids):
    return {canonical(i) for i in ids}


def test_transformation_example_forward_and_back(examples_store):
    # Example 9.6.4: inputs (2 SGTINs, 2 LGTINs, a GTIN pattern) -> 4 SGTINs of 4012345.077889
    outputs = _c(*(f"urn:epc:id:sgtin:4012345.077889.{i}" for i in (25, 26, 27, 28)))
    fwd = trace_forward(examples_store, "urn:epc:class:lgtin:4012345.011111.4444")
    assert set(fwd.ids) == _c("urn:epc:class:lgtin:4012345.011111.4444") | outputs
    back = trace_back(examples_store, "https://id.gs1.org/01/04012345778892/21/27")
    assert set(back.ids) == _c(
        "urn:epc:id:sgtin:4012345.077889.27",
        "urn:epc:id:sgtin:4012345.011122.25",
        "urn:epc:id:sgtin:4000001.065432.99886655",
        "urn:epc:class:lgtin:4012345.011111.4444",
        "urn:epc:class:lgtin:0614141.077777.987",
        "urn:epc:idpat:sgtin:4012345.066666.*",
    )
    q = back.quantities.set_index("id")
    assert q.loc[canonical("urn:epc:class:lgtin:4012345.011111.4444"), "quantity"] == 10
    assert q.loc[canonical("urn:epc:class:lgtin:4012345.011111.4444"), "uom"] == "KGM"


def test_aggregation_example_forward_and_back(examples_store):
    # Example 9.6.3: SSCC 0614141.1234567890 contains two SGTINs and class-level quantities
    sscc = "urn:epc:id:sscc:0614141.1234567890"
    kids = _c("urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.2018")
    back = trace_back(examples_store, sscc)
    assert kids <= set(back.ids)
    assert _c("urn:epc:class:lgtin:4012345.012345.998877") <= set(back.ids)
    fwd = trace_forward(examples_store, "urn:epc:id:sgtin:0614141.107346.2017")
    assert set(fwd.ids) == _c("urn:epc:id:sgtin:0614141.107346.2017", sscc)
    assert fwd.nodes.set_index("id").loc[canonical(sscc), "via"] == "packed into"


def test_unpacking_does_not_contaminate_co_packed_lots(store, make_event, make_doc):
    a, b = "urn:epc:class:lgtin:9521002.000002.A", "urn:epc:class:lgtin:9521002.000002.B"
    pal = "urn:epc:id:sscc:9521002.0000000024"
    q = [{"epcClass": x, "quantity": 1, "uom": "KGM"} for x in (a, b)]
    capture(
        store,
        make_doc(
            make_event(
                type="AggregationEvent",
                action="ADD",
                epcList=None,
                bizStep="packing",
                parentID=pal,
                childQuantityList=q,
                eventTime="2026-11-04T08:00:00+05:00",
            ),
            make_event(
                type="AggregationEvent",
                action="DELETE",
                epcList=None,
                bizStep="unpacking",
                parentID=pal,
                childQuantityList=q,
                eventTime="2026-11-04T12:00:00+05:00",
            ),
        ),
    )
    assert set(trace_forward(store, a).ids) == _c(a, pal)
    assert set(trace_forward(store, pal).ids) == _c(pal, a, b)
    assert set(trace_back(store, pal).ids) == _c(pal, a, b)


def test_time_window(store, make_event, make_doc):
    from datetime import datetime, timedelta, timezone

    lot, out = "urn:epc:class:lgtin:9521002.000002.L", "urn:epc:class:lgtin:9521002.000003.M"
    capture(
        store,
        make_doc(
            make_event(
                type="TransformationEvent",
                epcList=None,
                action=None,
                bizStep="commissioning",
                inputQuantityList=[{"epcClass": lot, "quantity": 5, "uom": "KGM"}],
                outputQuantityList=[{"epcClass": out, "quantity": 4, "uom": "KGM"}],
            )
        ),
    )
    tz = timezone(timedelta(hours=5))
    after = datetime(2026, 11, 4, 9, tzinfo=tz)
    assert set(trace_forward(store, lot, start=after).ids) == _c(lot)
    assert set(trace_forward(store, lot, end=after).ids) == _c(lot, out)


def test_demo_recall_scope_and_custody(store):
    from aimaq.supply.trace.demo import BEEF_LOT, load_demo

    load_demo(store)
    res = trace_forward(store, BEEF_LOT)
    assert set(res.ids) == _c(BEEF_LOT, "urn:epc:id:sscc:9521002.0000000017")
    locs = set(res.locations["location"])
    assert locs == _c(*(f"urn:epc:id:sgln:952100{i}.00001.0" for i in (2, 5, 6, 7)))
    q = res.quantities
    recv = q[(q.biz_step == "receiving")].set_index("biz_location")["quantity"].to_dict()
    assert recv == {
        canonical("urn:epc:id:sgln:9521006.00001.0"): 1000.0,
        canonical("urn:epc:id:sgln:9521007.00001.0"): 1400.0,
    }
    reefer = canonical("urn:epc:id:pgln:9521004.00001")
    leg = res.custody[res.custody.party == reefer].iloc[0]
    assert (
        str(leg["from"]) == "2026-11-04 03:00:00+00:00"
        and str(leg["to"]) == "2026-11-04 11:30:00+00:00"
    )
    origin = trace_back(store, BEEF_LOT)
    # made from the cattle lot; came out of the pallet at the DC (its co-packed lots are not origins)
    assert set(origin.ids) == _c(
        BEEF_LOT, "urn:epc:class:lgtin:9521001.000001.C2611", "urn:epc:id:sscc:9521002.0000000017"
    )
    assert canonical("urn:epc:id:sgln:9521001.00001.0") in set(origin.locations["location"])
