"""Fixtures of the traceability tests: the EPCIS reference examples and fresh stores."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="session")
def epcis_ref(shared_dir):
    d = shared_dir / "reference" / "epcis"
    if not (d / "examples").is_dir():
        pytest.skip("../shared/reference/epcis not present")
    return d


@pytest.fixture(scope="session")
def examples(epcis_ref):
    """(relative path, document) of every example, sorted by path."""
    return [
        (str(p.relative_to(epcis_ref)), json.loads(p.read_text()))
        for p in sorted((epcis_ref / "examples").rglob("*.jsonld"))
    ]


@pytest.fixture
def store(tmp_path):
    from aimaq.store import Store

    st = Store(tmp_path / "trace.sqlite")
    yield st
    st.dispose()


@pytest.fixture
def counts():
    return _counts


@pytest.fixture
def make_event():
    return _event


@pytest.fixture
def make_doc():
    return _document


def _counts(st) -> dict:
    """Rows of every trace table (to show a rejected capture changed nothing)."""
    import sqlalchemy as sa

    from aimaq.store import tables_trace as T

    with st.engine.connect() as c:
        return {
            t.name: c.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (
                T.trace_documents,
                T.trace_events,
                T.trace_epcs,
                T.trace_biz_tx,
                T.trace_parties,
                T.trace_readings,
            )
        }


def _event(**kw) -> dict:
    ev = {
        "type": "ObjectEvent",
        "eventTime": "2026-11-04T08:00:00+05:00",
        "eventTimeZoneOffset": "+05:00",
        "action": "OBSERVE",
        "epcList": ["urn:epc:id:sgtin:9521002.000002.1001"],
        "bizStep": "shipping",
    }
    ev.update(kw)
    return {k: v for k, v in ev.items() if v is not None}


def _document(*events) -> dict:
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-11-04T09:00:00+05:00",
        "epcisBody": {"eventList": list(events)},
    }
