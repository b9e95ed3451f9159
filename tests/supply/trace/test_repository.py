"""Capture: examples, broken documents, dedup, error declarations, concurrency, kill -9."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aimaq.supply.trace.models import EPCISValidationError
from aimaq.supply.trace.repository import capture, capture_file

# (accepted, duplicates, declarations) per file, captured in path order into one store
EXPECTED = {
    "AssociationEvent/AssociationEvent-a.jsonld": (1, 0, 0),
    "AssociationEvent/AssociationEvent-b.jsonld": (1, 0, 0),
    "AssociationEvent/AssociationEvent-c.jsonld": (1, 0, 0),
    "AssociationEvent/AssociationEvent-d.jsonld": (1, 0, 0),
    "AssociationEvent/AssociationEvent-e.jsonld": (1, 0, 0),
    "AssociationEvent/AssociationEvent-f.jsonld": (1, 0, 0),
    # -g is -d with an errorDeclaration: same event hash, stored as a declaration of -d
    "AssociationEvent/AssociationEvent-g.jsonld": (1, 0, 1),
    "AssociationEvent/AssociationEvent-h.jsonld": (1, 0, 0),
    "EPCISQueryDocument.jsonld": (2, 0, 0),
    "Example-TransactionEvents-2020_07_03y.jsonld": (2, 0, 0),
    "Example-Type-sourceOrDestination_measurement_bizTransaction.jsonld": (1, 0, 0),
    # the query document already held the two events of 9.6.1; SBDH headers and comments
    # do not change an event
    "Example_9.6.1-ObjectEvent-with-pseudo-SBDH-headers.jsonld": (0, 2, 0),
    "Example_9.6.1-ObjectEvent.jsonld": (0, 2, 0),
    "Example_9.6.1-with-comment.jsonld": (0, 2, 0),
    "Example_9.6.2-ObjectEvent.jsonld": (1, 0, 0),
    "Example_9.6.3-AggregationEvent.jsonld": (1, 0, 0),
    "Example_9.6.4-TransformationEvent.jsonld": (1, 0, 0),
    "PersistentDisposition-example.jsonld": (2, 0, 0),
    "WithFullCombinationOfFields/aggregation_event_all_possible_fields.jsonld": (1, 0, 1),
    "WithFullCombinationOfFields/association_event_all_possible_fields.jsonld": (1, 0, 1),
    "WithFullCombinationOfFields/object_event_all_possible_fields.jsonld": (1, 0, 1),
    "WithFullCombinationOfFields/transaction_event_all_possible_fields.jsonld": (1, 0, 1),
    "WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld": (1, 0, 1),
    **{
        f"WithSensorData/SensorDataExample{n}.jsonld": (1, 0, 1 if n == "12" else 0)
        for n in ("1", "10", "11", "12", "13", "1b", "2", "3", "4", "5", "6", "7", "8", "9")
    },
}


def test_every_example_is_captured(store, epcis_ref, counts):
    from aimaq.supply.trace.chain import verify

    got = {}
    for p in sorted((epcis_ref / "examples").rglob("*.jsonld")):
        r = capture_file(store, p)
        got[str(p.relative_to(epcis_ref / "examples"))] = (r.accepted, r.duplicates, r.declarations)
    assert got == EXPECTED
    c = counts(store)
    assert c["trace_documents"] == 37
    assert c["trace_events"] == 36 + 7  # 36 distinct events + 7 error declarations
    assert verify(store).ok
    # capturing everything again stores nothing new
    again = [capture_file(store, p) for p in sorted((epcis_ref / "examples").rglob("*.jsonld"))]
    assert sum(r.accepted for r in again) == 0
    assert counts(store)["trace_events"] == 43


def test_urn_and_digital_link_spellings_are_one_event(store, make_event, make_doc):
    a = make_event(epcList=["urn:epc:id:sgtin:9521002.000002.1001"])
    b = make_event(epcList=["https://id.gs1.org/01/09521002000023/21/1001"])
    assert capture(store, make_doc(a)).accepted == 1
    r = capture(store, make_doc(b))
    assert (r.accepted, r.duplicates) == (0, 1)
    # and inside one document
    c, d = (
        make_event(epcList=[e], bizStep="receiving")
        for e in ("urn:epc:id:sgtin:9521002.000002.7", "https://example.kz/01/09521002000023/21/7")
    )
    r = capture(store, make_doc(c, d))
    assert (r.accepted, r.duplicates) == (1, 1)


def test_error_declaration_keeps_the_event_marked(store, make_event, make_doc):
    from aimaq.supply.trace.query import query_events

    ev = make_event(eventID="urn:uuid:11111111-2222-3333-4444-555555555555")
    capture(store, make_doc(ev))
    decl = dict(
        ev,
        errorDeclaration={
            "declarationTime": "2026-11-05T10:00:00+05:00",
            "reason": "incorrect_data",
        },
    )
    r = capture(store, make_doc(decl))
    assert (r.accepted, r.declarations) == (1, 1)
    evs = query_events(store, {"MATCH_epc": ev["epcList"]}).events
    assert len(evs) == 1 and evs[0]["errorDeclaration"]["reason"] == "incorrect_data"
    assert (
        query_events(store, {"MATCH_epc": ev["epcList"], "includeDeclared": "false"}).events == []
    )
    assert capture(store, make_doc(decl)).duplicates == 1


def _broken(make_event, make_doc):
    no_time = make_event()
    del no_time["eventTime"]
    no_tz = make_event()
    del no_tz["eventTimeZoneOffset"]
    good = make_event(epcList=["urn:epc:id:sgtin:9521002.000002.5"])
    return {
        "malformed JSON": (b'{"type": "EPCISDocument", "epcisBody": {"eventList": [', "$", None),
        "missing eventTime": (make_doc(good, no_time), "$.epcisBody.eventList[1].eventTime", 1),
        "missing eventTimeZoneOffset": (
            make_doc(good, no_tz),
            "$.epcisBody.eventList[1].eventTimeZoneOffset",
            1,
        ),
        "bad EPC URN": (
            make_doc(good, make_event(epcList=["urn:epc:id:sgtin:9521002.02.5"])),
            "$.epcisBody.eventList[1].epcList[0]",
            1,
        ),
        "bad Digital Link": (
            make_doc(good, make_event(epcList=["https://id.gs1.org/01/09521002000024/21/5"])),
            "$.epcisBody.eventList[1].epcList[0]",
            1,
        ),
        "wrong event type": (
            make_doc(good, make_event(type="ShippingEvent")),
            "$.epcisBody.eventList[1].type",
            1,
        ),
        "bizStep outside CBV": (
            make_doc(good, make_event(bizStep="transforming")),
            "$.epcisBody.eventList[1].bizStep",
            1,
        ),
        "quantity without a number": (
            make_doc(
                good,
                make_event(
                    epcList=None,
                    quantityList=[
                        {
                            "epcClass": "urn:epc:class:lgtin:9521002.000002.B2611",
                            "quantity": "12 kg",
                            "uom": "KGM",
                        }
                    ],
                ),
            ),
            "$.epcisBody.eventList[1].quantityList[0].quantity",
            1,
        ),
        "uom without quantity": (
            make_doc(
                good,
                make_event(
                    epcList=None,
                    quantityList=[
                        {"epcClass": "urn:epc:class:lgtin:9521002.000002.B2611", "uom": "KGM"}
                    ],
                ),
            ),
            "$.epcisBody.eventList[1].quantityList[0]",
            1,
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "malformed JSON",
        "missing eventTime",
        "missing eventTimeZoneOffset",
        "bad EPC URN",
        "bad Digital Link",
        "wrong event type",
        "bizStep outside CBV",
        "quantity without a number",
        "uom without quantity",
    ],
)
def test_broken_documents_are_rejected_and_store_nothing(store, counts, make_event, make_doc, case):
    capture(store, make_doc(make_event(epcList=["urn:epc:id:sgtin:9521002.000002.9"])))
    before = counts(store)
    doc, path, index = _broken(make_event, make_doc)[case]
    with pytest.raises(EPCISValidationError) as e:
        capture(store, doc)
    assert e.value.path == path and e.value.event_index == index
    assert counts(store) == before


def test_oversized_body_is_rejected(store, counts, make_event, make_doc):
    before = counts(store)
    body = json.dumps(
        make_doc(*[make_event(epcList=[f"urn:epc:id:sgtin:9521002.000002.{i}"]) for i in range(50)])
    ).encode()
    with pytest.raises(EPCISValidationError, match="exceeds the limit"):
        capture(store, body, max_bytes=1000)
    assert counts(store) == before


def test_rejected_file_is_named(store, tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{not json")
    with pytest.raises(EPCISValidationError, match=r"bad\.json: \$: malformed JSON"):
        capture_file(store, f)


_WORKER = textwrap.dedent("""
    import json, sys
    from aimaq.store import Store
    from aimaq.supply.trace.repository import capture
    url, first, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    st = Store(url)
    ctx = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]
    for b in range(n):
        lo = first + b * size // 2  # batches overlap each other and the other workers'
        evs = [{"type": "ObjectEvent", "eventTime": "2026-11-04T08:00:00+05:00",
                "eventTimeZoneOffset": "+05:00", "action": "OBSERVE", "bizStep": "shipping",
                "epcList": [f"urn:epc:id:sgtin:9521002.000002.{i}"]} for i in range(lo, lo + size)]
        r = capture(st, {"@context": ctx, "type": "EPCISDocument", "schemaVersion": "2.0",
                         "creationDate": "2026-11-04T08:00:00Z", "epcisBody": {"eventList": evs}})
        print(r.accepted, r.duplicates, flush=True)
""")


def _env():
    src = str(Path(__file__).resolve().parents[3] / "src")
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_parallel_overlapping_captures_lose_and_duplicate_nothing(empty_store):
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_epcs, trace_events
    from aimaq.supply.trace.chain import verify

    url = str(empty_store.url)
    size, n = 40, 4
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, url, str(w * 50), str(n), str(size)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for w in range(3)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    accepted = sum(int(line.split()[0]) for o in outs for line in o[0].split("\n") if line)
    offered = sum(
        int(a) + int(d) for o in outs for a, d in (ln.split() for ln in o[0].split("\n") if ln)
    )
    distinct = len(
        {
            i
            for w in range(3)
            for b in range(n)
            for i in range(w * 50 + b * size // 2, w * 50 + b * size // 2 + size)
        }
    )
    assert offered == 3 * n * size
    assert accepted == distinct
    with empty_store.engine.connect() as c:
        assert (
            c.execute(sa.select(sa.func.count()).select_from(trace_events)).scalar_one() == distinct
        )
        assert (
            c.execute(sa.select(sa.func.count(sa.distinct(trace_epcs.c.epc)))).scalar_one()
            == distinct
        )
    assert verify(empty_store).ok


_BIG = textwrap.dedent("""
    import sys
    from aimaq.store import Store
    from aimaq.supply.trace import hashing, repository
    # fast stand-in hashes: this test is about the transaction, not the hash
    repository_event_hashes = lambda evs, ctx=None: [hashing.fallback_hash(e) for e in evs]
    hashing.event_hashes = repository_event_hashes
    url, n = sys.argv[1], int(sys.argv[2])
    evs = [{"type": "ObjectEvent", "eventTime": "2026-11-04T08:00:00+05:00",
            "eventTimeZoneOffset": "+05:00", "action": "OBSERVE", "bizStep": "receiving",
            "epcList": [f"urn:epc:id:sgtin:9521002.000002.{i}"],
            "bizLocation": {"id": "urn:epc:id:sgln:9521005.00001.0"}} for i in range(n)]
    def progress(k, m):
        if k == m:
            print("hashed", flush=True)
    repository.capture(Store(url), {"type": "EPCISDocument", "schemaVersion": "2.0",
        "creationDate": "2026-11-04T08:00:00Z", "epcisBody": {"eventList": evs}}, progress=progress)
    print("done", flush=True)
""")


@pytest.mark.parametrize("delay", [0.0, 0.15, 0.4])
def test_kill_9_during_a_large_capture_leaves_none_or_all(tmp_path, delay, counts):
    import time

    from aimaq.store import Store
    from aimaq.supply.trace.chain import verify

    url = f"sqlite:///{tmp_path / 'k.sqlite'}"
    st = Store(url)
    n = 20000
    p = subprocess.Popen(
        [sys.executable, "-c", _BIG, url, str(n)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert p.stdout.readline().strip() == "hashed"
    time.sleep(delay)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    c = counts(st)
    assert c["trace_events"] in (0, n)
    assert c["trace_epcs"] == c["trace_events"] and c["trace_documents"] in (0, 1)
    assert verify(st).ok
