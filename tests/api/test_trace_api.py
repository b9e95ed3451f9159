"""The EPCIS / trace endpoints: capture, query with paging, problem details, loopback-only writes."""

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def client(tmp_path):
    from aimaq.api.app import create_app
    from aimaq.store import Store

    st = Store(tmp_path / "api.sqlite")
    return TestClient(create_app(st), client=("127.0.0.1", 50000))


def _demo():
    from aimaq.supply.trace.demo import demo_path

    return demo_path().read_bytes()


def test_capture_query_page_and_get(client):
    r = client.post("/epcis/capture", content=_demo())
    assert r.status_code == 201 and r.json()["accepted"] == 35
    assert client.post("/epcis/capture", content=_demo()).json()["duplicates"] == 35
    r = client.get("/epcis/events", params={"EQ_bizStep": "receiving", "perPage": 3})
    evs = r.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert len(evs) == 3 and 'rel="next"' in r.headers["link"]
    r2 = client.get(
        "/epcis/events",
        params={
            "EQ_bizStep": "receiving",
            "perPage": 3,
            "nextPageToken": r.json()["nextPageToken"],
        },
    )
    rest = r2.json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
    assert len(rest) == 2 and "nextPageToken" not in r2.json()  # 5 receiving events in all
    one = client.get("/epcis/events/" + quote(rest[0]["eventID"], safe=""))
    assert one.status_code == 200 and one.json()["eventTime"] == rest[0]["eventTime"]


def test_trace_and_coldchain_endpoints(client):
    client.post("/epcis/capture", content=_demo())
    lot = "urn:epc:class:lgtin:9521002.000002.B2611"
    cc = client.get(f"/trace/coldchain/{lot}").json()
    assert cc["verdict"] == "breached" and cc["excursions"][0]["custodian"].endswith(
        "/417/9521004000014"
    )
    fwd = client.get(f"/trace/forward/{lot}").json()
    assert len(fwd["ids"]) == 2 and len(fwd["legs"]) >= 3
    back = client.get("/trace/back/https://id.gs1.org/01/09521002000023/10/B2611").json()
    assert any(i.endswith("/10/C2611") for i in back["ids"])


def test_errors_are_problem_details_with_json_path(client):
    ev = {
        "type": "ObjectEvent",
        "eventTime": "2026-11-04T08:00:00+05:00",
        "eventTimeZoneOffset": "+05:00",
        "action": "OBSERVE",
        "epcList": ["urn:epc:id:sgtin:9521002.000002.1"],
        "bizStep": "transforming",
    }
    r = client.post("/epcis/events", content=json.dumps(ev))
    assert r.status_code == 400 and r.headers["content-type"] == "application/problem+json"
    p = r.json()
    assert p["status"] == 400 and p["jsonPath"] == "$.bizStep" and p["eventIndex"] == 0
    r = client.post("/epcis/events", content=b'{"type": "EPCISDocument"')
    assert r.json()["jsonPath"] == "$"
    assert (
        client.get("/epcis/events", params={"EQ_colour": "red"}).json()["parameter"] == "EQ_colour"
    )
    assert client.get("/epcis/events/urn:uuid:none").status_code == 404
    assert (
        client.get("/epcis/events").json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
        == []
    )


def test_oversized_body_and_non_loopback_writes_are_refused(client, monkeypatch):
    from aimaq.api import trace

    monkeypatch.setattr(trace, "MAX_BODY_BYTES", 1000)
    r = client.post("/epcis/capture", content=_demo())
    assert r.status_code == 413 and r.headers["content-type"] == "application/problem+json"
    remote = TestClient(client.app, client=("192.0.2.10", 50000))
    assert remote.post("/epcis/capture", content=b"{}").status_code == 403
    assert remote.get("/epcis/events").status_code == 200  # reads stay open
    assert (
        client.get("/epcis/events").json()["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
        == []
    )
