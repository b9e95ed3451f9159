"""Validation by the package's models, checked against the official EPCIS 2.0 JSON Schema."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aimaq.supply.trace.models import (
    BIZ_STEPS,
    EPCISValidationError,
    document_events,
    validate_event,
)


@pytest.fixture(scope="module")
def schema_validator(epcis_ref):
    import jsonschema

    schema = json.loads((epcis_ref / "schema" / "EPCIS-JSON-Schema.json").read_text())
    return jsonschema.Draft7Validator(schema)


def test_every_example_event_is_accepted(examples):
    n = 0
    for _path, doc in examples:
        evs, base = document_events(doc)
        for i, ev in enumerate(evs):
            validate_event(ev, f"{base}[{i}]", i)
            n += 1
    assert n == 43


def test_demo_document_is_schema_valid(schema_validator):
    from aimaq.supply.trace.demo import demo_path

    doc = json.loads(demo_path().read_text())
    assert list(schema_validator.iter_errors(doc)) == []
    for ev in doc["epcisBody"]["eventList"]:
        validate_event(ev)


def test_cbv_has_no_transforming_step():
    assert "transforming" not in BIZ_STEPS and len(BIZ_STEPS) == 41


@pytest.mark.parametrize(
    "field, value, path, words",
    [
        ("bizStep", "transforming", "$.bizStep", "not a CBV 2.0 term"),
        ("eventTimeZoneOffset", "+5", "$.eventTimeZoneOffset", "pattern"),
        ("epcList", ["urn:epc:id:sgtin:1.2.3"], "$.epcList[0]", "malformed EPC URN"),
        (
            "quantityList",
            [{"epcClass": "urn:epc:class:lgtin:9521002.000002.B1", "quantity": "ten"}],
            "$.quantityList[0].quantity",
            "number",
        ),
        ("action", "MOVE", "$.action", "ADD"),
        (
            "readPoint",
            {"id": "https://id.gs1.org/414/9521005000012"},
            "$.readPoint.id",
            "check digit",
        ),
        ("colour", "red", "$", "namespace prefix"),
    ],
)
def test_bad_fields_name_their_json_path(make_event, field, value, path, words):
    with pytest.raises(EPCISValidationError) as e:
        validate_event(make_event(**{field: value}), "$", 0)
    assert e.value.path == path and words in e.value.message


def test_missing_event_time_is_named(make_event):
    ev = make_event()
    del ev["eventTime"]
    with pytest.raises(EPCISValidationError) as e:
        validate_event(ev, "$.epcisBody.eventList[3]", 3)
    assert e.value.path == "$.epcisBody.eventList[3].eventTime"
    assert e.value.event_index == 3 and "missing" in e.value.message


_ids = st.sampled_from(
    [
        "urn:epc:id:sgtin:9521002.000002.1001",
        "https://id.gs1.org/01/09521002000023/21/7",
        "urn:epc:id:sscc:9521002.0000000017",
        "urn:epc:id:sgtin:95.2",
        "https://id.gs1.org/01/123/21/1",
        "not a uri",
        "urn:epc:id:bic:CSQU3054383",
    ]
)
_classes = st.sampled_from(
    [
        "urn:epc:class:lgtin:9521002.000002.B2611",
        "https://id.gs1.org/01/09521003000030/10/K1",
        "urn:epc:idpat:sgtin:9521002.000002.*",
        "urn:epc:class:lgtin:95.1.1",
    ]
)
_qty = st.fixed_dictionaries(
    {"epcClass": _classes},
    optional={
        "quantity": st.one_of(
            st.integers(0, 10_000), st.floats(0, 1e4, allow_nan=False), st.text(max_size=3)
        ),
        "uom": st.sampled_from(["KGM", "LTR", "H87"]),
    },
)
_event = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            [
                "ObjectEvent",
                "AggregationEvent",
                "TransactionEvent",
                "TransformationEvent",
                "AssociationEvent",
                "ShipEvent",
            ]
        ),
        "eventTime": st.sampled_from(
            [
                "2026-11-04T08:00:00+05:00",
                "2026-11-04T03:00:00Z",
                "2026-11-04T08:00:00",
                "yesterday",
            ]
        ),
        "eventTimeZoneOffset": st.sampled_from(["+05:00", "-06:00", "5"]),
    },
    optional={
        "action": st.sampled_from(["ADD", "OBSERVE", "DELETE", "MOVE"]),
        "epcList": st.lists(_ids, max_size=3),
        "quantityList": st.lists(_qty, max_size=2),
        "parentID": _ids,
        "childEPCs": st.lists(_ids, max_size=2),
        "inputQuantityList": st.lists(_qty, max_size=2),
        "outputQuantityList": st.lists(_qty, max_size=2),
        "bizStep": st.sampled_from(
            [
                "shipping",
                "receiving",
                "transforming",
                "https://ns.example.kz/step/quarantine",
                "urn:epcglobal:cbv:bizstep:packing",
            ]
        ),
        "disposition": st.sampled_from(["in_transit", "recalled", "spoiled"]),
        "readPoint": st.fixed_dictionaries(
            {
                "id": st.sampled_from(
                    [
                        "urn:epc:id:sgln:9521005.00001.0",
                        "https://id.gs1.org/414/9521005000013",
                        "urn:epc:id:sgln:1.1",
                    ]
                )
            }
        ),
        "sensorElementList": st.lists(
            st.fixed_dictionaries(
                {
                    "sensorReport": st.lists(
                        st.fixed_dictionaries(
                            {"type": st.sampled_from(["Temperature", "RelativeHumidity"])},
                            optional={
                                "value": st.floats(-40, 40, allow_nan=False),
                                "uom": st.just("CEL"),
                                "time": st.just("2026-11-04T08:15:00+05:00"),
                            },
                        ),
                        min_size=1,
                        max_size=2,
                    )
                }
            ),
            max_size=1,
        ),
    },
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ev=_event)
def test_what_the_models_accept_the_json_schema_accepts(schema_validator, make_doc, ev):
    try:
        validate_event(ev)
    except EPCISValidationError:
        return
    errors = [e.message for e in schema_validator.iter_errors(make_doc(ev))]
    assert errors == [], (ev, errors)
