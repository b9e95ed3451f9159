"""EPCIS query parameters and paging."""

import json

import pytest

from aimaq.supply.trace.query import QueryError, get_event, query_events
from aimaq.supply.trace.repository import capture_file


@pytest.fixture
def examples_store(store, epcis_ref):
    for p in sorted((epcis_ref / "examples").rglob("*.jsonld")):
        capture_file(store, p)
    return store


def _n(st, **p):
    return len(query_events(st, p, per_page=1000).events)


def test_parameters(examples_store):
    st = examples_store
    assert _n(st) == 36
    assert _n(st, eventType="TransformationEvent") == 3
    assert _n(st, eventType=["AggregationEvent", "AssociationEvent"]) == 12
    # URN and Digital Link spellings find the same events
    urn = "urn:epc:id:sgtin:0614141.107346.2017"
    assert (
        _n(st, MATCH_epc=urn)
        == _n(st, MATCH_epc="https://example.com/01/10614141073464/21/2017")
        == 4
    )
    assert _n(st, MATCH_anyEPC="urn:epc:id:sscc:0614141.1234567890") >= 1
    assert _n(st, MATCH_epcClass="urn:epc:class:lgtin:4012345.012345.998877") >= 1
    assert _n(st, MATCH_epc="urn:epc:idpat:sgtin:0614141.107346.*") >= 4
    assert _n(st, EQ_bizStep="shipping") == _n(
        st, EQ_bizStep="https://ref.gs1.org/cbv/BizStep-shipping"
    )
    assert (
        _n(
            st,
            GE_eventTime="2005-04-03T20:33:31.116-06:00",
            LT_eventTime="2005-04-04T20:33:31.116-06:00",
        )
        >= 1
    )
    # sensor values (Temperature readings of the WithSensorData examples, hand-listed):
    # > 26.3 only Example5 (26.4, 26.5); > 26.1 Examples 1, 1b, 2 (max 26.2), 5;
    # < 14 the interval readings of Examples 3, 6, 8, 12 (min 12.4)
    assert _n(st, GT_value_Temperature="26.3") == 1
    assert _n(st, GT_value_Temperature="26.1") == 4
    assert _n(st, LT_value_Temperature="14") == 4
    assert _n(st, EQ_bizTransaction="urn:epcglobal:cbv:bt:0614141073467:1152") >= 0


def test_paging_covers_everything_once(examples_store):
    seen, tok = [], None
    while True:
        page = query_events(examples_store, {}, per_page=7, next_page_token=tok)
        seen += [json.dumps(e, sort_keys=True) for e in page.events]
        tok = page.next_page_token
        if tok is None:
            break
    assert len(seen) == len(set(seen)) == 36


def test_get_event_by_hash_and_errors(examples_store):
    ev = query_events(examples_store, {}, per_page=1).events[0]
    assert get_event(examples_store, ev["eventID"])["eventTime"] == ev["eventTime"]
    assert get_event(examples_store, "urn:uuid:nope") is None
    with pytest.raises(QueryError, match="EQ_colour"):
        query_events(examples_store, {"EQ_colour": "red"})
    with pytest.raises(QueryError, match="nextPageToken"):
        query_events(examples_store, {}, next_page_token="garbage")
    with pytest.raises(QueryError, match="GE_eventTime"):
        query_events(examples_store, {"GE_eventTime": "yesterday"})
