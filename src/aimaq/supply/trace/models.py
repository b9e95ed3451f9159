"""EPCIS 2.0 events and documents as pydantic models, with errors that name the JSON path.

Every field of the five event types of EPCIS 2.0 §7.4 is modelled; identifiers must be valid
EPC URNs or GS1 Digital Link URIs (:mod:`aimaq.supply.trace.identifiers`), ``bizStep`` and
``disposition`` a CBV 2.0 term or a URI, quantities numbers. Extension fields (``prefix:name``)
are kept as given. What the models accept also validates against the official EPCIS 2.0 JSON
Schema (tested in ``tests/supply/trace/test_models.py``).

Examples
--------
>>> ev = {"type": "ObjectEvent", "eventTime": "2026-05-01T08:00:00+05:00",
...       "eventTimeZoneOffset": "+05:00", "action": "OBSERVE",
...       "epcList": ["urn:epc:id:sgtin:9521234.012345.1"], "bizStep": "shipping"}
>>> validate_event(ev).type
'ObjectEvent'
>>> try:
...     validate_event({**ev, "bizStep": "teleporting"}, path="$.e")
... except EPCISValidationError as e:
...     print(e.path)
$.e.bizStep
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from aimaq.supply.trace.identifiers import IdentifierError, canonical

__all__ = [
    "BIZ_STEPS",
    "DISPOSITIONS",
    "EPCISValidationError",
    "EVENT_TYPES",
    "cbv_short",
    "document_events",
    "validate_event",
]

# CBV 2.0 vocabularies (from ../shared/reference/epcis/schema/schemas/bizStep-, disposition-).
BIZ_STEPS = frozenset(
    "accepting arriving assembling collecting commissioning consigning creating_class_instance "
    "cycle_counting decommissioning departing destroying disassembling dispensing encoding "
    "entering_exiting holding inspecting installing killing loading other packing picking "
    "receiving removing repackaging repairing replacing reserving retail_selling shipping "
    "staging_outbound stock_taking stocking storing transporting unloading unpacking "
    "void_shipping sensor_reporting sampling".split()
)
DISPOSITIONS = frozenset(
    "active container_closed damaged destroyed dispensed disposed encoded expired in_progress "
    "in_transit inactive no_pedigree_match non_sellable_other partially_dispensed recalled "
    "reserved retail_sold returned sellable_accessible sellable_not_accessible stolen unknown "
    "available completeness_verified completeness_inferred conformant container_open "
    "mismatch_instance mismatch_class mismatch_quantity needs_replacement non_conformant "
    "unavailable".split()
)
_TZ = r"^[+-]([01][0-9]|2[0-3]):[0-5][0-9]$"
_Number = StrictFloat | StrictInt


class EPCISValidationError(ValueError):
    """A document or event that is not valid EPCIS 2.0; ``path`` is the JSON path of the field."""

    def __init__(self, path: str, message: str, event_index: int | None = None):
        self.path, self.message, self.event_index = path, message, event_index
        where = f"event {event_index}, " if event_index is not None else ""
        super().__init__(f"{where}{path}: {message}")


_CBV_PREFIXES = (
    "https://ref.gs1.org/cbv/BizStep-",
    "urn:epcglobal:cbv:bizstep:",
    "https://ref.gs1.org/cbv/Disp-",
    "urn:epcglobal:cbv:disp:",
    "https://ref.gs1.org/cbv/SDT-",
    "urn:epcglobal:cbv:sdt:",
    "https://ref.gs1.org/cbv/BTT-",
    "urn:epcglobal:cbv:btt:",
    "https://ref.gs1.org/cbv/ER-",
    "urn:epcglobal:cbv:er:",
    "https://gs1.org/voc/MeasurementType-",
    "gs1:MeasurementType-",
    "gs1:",
    "cbv:BizStep-",
    "cbv:Disp-",
    "cbv:SDT-",
    "cbv:BTT-",
    "cbv:ER-",
)


def cbv_short(value: str | None) -> str | None:
    """The bare CBV term of a CBV/GS1 vocabulary URI (other values unchanged).

    Examples
    --------
    >>> cbv_short("https://ref.gs1.org/cbv/BizStep-shipping"), cbv_short("urn:epcglobal:cbv:disp:in_transit")
    ('shipping', 'in_transit')
    """
    if value is None:
        return None
    for p in _CBV_PREFIXES:
        if value.startswith(p):
            return value[len(p) :]
    return value


def _vocab(value: str, terms: frozenset, what: str) -> str:
    if value in terms or ":" in value:
        return value
    raise ValueError(
        f"{what} {value!r} is not a CBV 2.0 term; use one of the CBV terms or a full URI"
    )


def _ident(value: str) -> str:
    try:
        canonical(value)
    except IdentifierError as e:
        raise ValueError(str(e)) from None
    return value


_EPC = Annotated[str, AfterValidator(_ident)]


class _M(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    @model_validator(mode="after")
    def _extensions_are_namespaced(self):
        for k in self.model_extra or {}:
            if ":" not in k and not k.startswith("@") and k not in ("comment", "#text"):
                raise ValueError(
                    f"unknown field {k!r}: extension fields need a namespace prefix (ext:{k})"
                )
        return self


class _Id(_M):
    id: _EPC


class QuantityElement(_M):
    epcClass: _EPC
    quantity: _Number | None = None
    uom: str | None = None

    @model_validator(mode="after")
    def _uom_needs_quantity(self):
        if self.uom is not None and self.quantity is None:
            raise ValueError("uom given without a numeric quantity")
        return self


class BizTransaction(_M):
    type: str | None = None
    bizTransaction: str


class Source(_M):
    type: str
    source: str


class Destination(_M):
    type: str
    destination: str


class ErrorDeclaration(_M):
    declarationTime: datetime
    reason: str | None = None
    correctiveEventIDs: list[str] | None = None


class PersistentDisposition(_M):
    set: list[str] | None = None
    unset: list[str] | None = None


class SensorMetadata(_M):
    time: datetime | None = None
    startTime: datetime | None = None
    endTime: datetime | None = None
    deviceID: str | None = None
    deviceMetadata: str | None = None
    rawData: str | None = None
    dataProcessingMethod: str | None = None
    bizRules: str | None = None


class SensorReport(_M):
    type: str | None = None
    exception: Literal["ALARM_CONDITION", "ERROR_CONDITION"] | None = None
    deviceID: str | None = None
    deviceMetadata: str | None = None
    rawData: str | None = None
    dataProcessingMethod: str | None = None
    bizRules: str | None = None
    time: datetime | None = None
    microorganism: str | None = None
    chemicalSubstance: str | None = None
    value: _Number | None = None
    component: str | None = None
    stringValue: str | None = None
    booleanValue: bool | None = None
    hexBinaryValue: str | None = None
    uriValue: str | None = None
    minValue: _Number | None = None
    maxValue: _Number | None = None
    meanValue: _Number | None = None
    sDev: _Number | None = None
    percRank: _Number | None = None
    percValue: _Number | None = None
    uom: str | None = None
    coordinateReferenceSystem: str | None = None


class SensorElement(_M):
    sensorMetadata: SensorMetadata | None = None
    sensorReport: list[SensorReport] = Field(min_length=1)


class _Event(_M):
    type: str
    eventTime: datetime
    eventTimeZoneOffset: str = Field(pattern=_TZ)
    recordTime: datetime | None = None
    eventID: str | None = None
    certificationInfo: str | list[str] | None = None
    errorDeclaration: ErrorDeclaration | None = None
    readPoint: _Id | None = None
    bizLocation: _Id | None = None
    bizStep: str | None = None
    disposition: str | None = None
    persistentDisposition: PersistentDisposition | None = None
    bizTransactionList: list[BizTransaction] | None = None
    sourceList: list[Source] | None = None
    destinationList: list[Destination] | None = None
    sensorElementList: list[SensorElement] | None = None
    ilmd: dict[str, Any] | None = None

    @field_validator("eventTime")
    @classmethod
    def _aware(cls, v: datetime) -> datetime:
        if v.tzinfo is None:
            raise ValueError(
                "eventTime needs a time-zone offset or Z (e.g. 2026-05-01T08:00:00+05:00)"
            )
        return v

    @field_validator("bizStep")
    @classmethod
    def _bizstep(cls, v):
        return None if v is None else _vocab(v, BIZ_STEPS, "bizStep")

    @field_validator("disposition")
    @classmethod
    def _disposition(cls, v):
        return None if v is None else _vocab(v, DISPOSITIONS, "disposition")


_Action = Literal["ADD", "OBSERVE", "DELETE"]


def _unique(v):
    if v is not None and len(set(v)) != len(v):
        raise ValueError("identifiers in a list must be unique")
    return v


_Epcs = Annotated[list[_EPC], AfterValidator(_unique)]


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


class ObjectEvent(_Event):
    type: Literal["ObjectEvent"]
    action: _Action
    epcList: _Epcs | None = None
    quantityList: list[QuantityElement] | None = None

    @model_validator(mode="after")
    def _what(self):
        _need(
            self.epcList is not None
            or bool(self.quantityList)
            or (bool(self.sensorElementList) and self.readPoint is not None),
            "an ObjectEvent needs epcList, a non-empty quantityList, or sensorElementList with readPoint",
        )
        _need(self.ilmd is None or self.action == "ADD", "ilmd is allowed only with action ADD")
        return self


class AggregationEvent(_Event):
    type: Literal["AggregationEvent"]
    action: _Action
    parentID: _EPC | None = None
    childEPCs: _Epcs | None = None
    childQuantityList: list[QuantityElement] | None = None

    @model_validator(mode="after")
    def _what(self):
        _need(
            bool(self.childEPCs) or bool(self.childQuantityList) or self.action == "DELETE",
            f"a {self.type} needs childEPCs or childQuantityList (unless action is DELETE)",
        )
        return self


class AssociationEvent(AggregationEvent):
    type: Literal["AssociationEvent"]

    @model_validator(mode="after")
    def _parent(self):
        # the EPCIS 2.0 JSON Schema requires parentID on every AssociationEvent, DELETE included
        _need(self.parentID is not None, "an AssociationEvent needs parentID")
        return self


class TransactionEvent(_Event):
    type: Literal["TransactionEvent"]
    action: _Action
    parentID: _EPC | None = None
    epcList: _Epcs | None = None
    quantityList: list[QuantityElement] | None = None
    bizTransactionList: list[BizTransaction] = Field(min_length=1)

    @model_validator(mode="after")
    def _what(self):
        _need(
            self.epcList is not None or bool(self.quantityList) or self.action == "DELETE",
            "a TransactionEvent needs epcList or a non-empty quantityList (unless DELETE)",
        )
        return self


class TransformationEvent(_Event):
    type: Literal["TransformationEvent"]
    inputEPCList: _Epcs | None = None
    inputQuantityList: list[QuantityElement] | None = None
    outputEPCList: _Epcs | None = None
    outputQuantityList: list[QuantityElement] | None = None
    transformationID: str | None = None

    @model_validator(mode="after")
    def _what(self):
        ins = bool(self.inputEPCList) or bool(self.inputQuantityList)
        outs = bool(self.outputEPCList) or bool(self.outputQuantityList)
        _need(
            (ins and outs) or (self.transformationID is not None and (ins or outs)),
            "a TransformationEvent needs inputs and outputs (or a transformationID with either)",
        )
        return self


EVENT_TYPES: dict[str, type[_Event]] = {
    m.__name__: m
    for m in (
        ObjectEvent,
        AggregationEvent,
        TransactionEvent,
        TransformationEvent,
        AssociationEvent,
    )
}


def _path(base: str, loc: tuple) -> str:
    out = base
    for p in loc:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def validate_event(event: Any, path: str = "$", index: int | None = None) -> _Event:
    """Validate one event (a dict); raise :class:`EPCISValidationError` naming the JSON path."""
    if not isinstance(event, dict):
        raise EPCISValidationError(path, "an event must be a JSON object", index)
    t = event.get("type")
    model = EVENT_TYPES.get(t) if isinstance(t, str) else None
    if model is None:
        raise EPCISValidationError(
            f"{path}.type",
            f"unknown event type {t!r}; expected one of {', '.join(EVENT_TYPES)}",
            index,
        )
    try:
        return model.model_validate(event)
    except ValidationError as e:
        err = e.errors()[0]
        loc = tuple(
            x
            for x in err["loc"]
            if not (
                isinstance(x, str)
                and (
                    x in ("float", "int", "str", "bool", "none")
                    or "[" in x
                    or x.startswith("function-")
                )
            )
        )
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = f"required field {loc[-1]!r} is missing"
        return_path = _path(path, loc)
        raise EPCISValidationError(return_path, msg, index) from None


def document_events(doc: Any) -> tuple[list[dict], str]:
    """The events of an EPCIS document (or a bare event) and the JSON path of their list.

    Accepts ``EPCISDocument`` (``epcisBody.eventList`` or ``epcisBody.event``),
    ``EPCISQueryDocument`` (``epcisBody.queryResults.resultsBody.eventList``) and a single event.
    """
    if isinstance(doc, (str, bytes)):
        try:
            doc = json.loads(doc)
        except json.JSONDecodeError as e:
            raise EPCISValidationError(
                "$", f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}"
            ) from None
    if not isinstance(doc, dict):
        raise EPCISValidationError("$", "an EPCIS document must be a JSON object")
    t = doc.get("type")
    if t in EVENT_TYPES:
        return [doc], "$"
    if t not in ("EPCISDocument", "EPCISQueryDocument"):
        raise EPCISValidationError(
            "$.type", f"expected EPCISDocument, EPCISQueryDocument or an event type, got {t!r}"
        )
    body = doc.get("epcisBody")
    if not isinstance(body, dict):
        raise EPCISValidationError("$.epcisBody", "required object 'epcisBody' is missing")
    if t == "EPCISQueryDocument":
        rb = (body.get("queryResults") or {}).get("resultsBody") or {}
        evs = rb.get("eventList", [])
        base = "$.epcisBody.queryResults.resultsBody.eventList"
    elif "event" in body:
        return [body["event"]], "$.epcisBody.event"
    else:
        evs, base = body.get("eventList"), "$.epcisBody.eventList"
    if not isinstance(evs, list):
        raise EPCISValidationError(base, "eventList must be a JSON array")
    return evs, base
