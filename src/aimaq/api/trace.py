"""EPCIS 2.0 REST endpoints (capture, events query) and trace / cold-chain endpoints.

Follows the EPCIS 2.0 REST binding where it fits: ``POST /epcis/capture`` (a document),
``POST /epcis/events`` (one event), ``GET /epcis/events`` (query parameters, ``perPage``,
``nextPageToken`` in the body and in a ``Link`` header), ``GET /epcis/events/{eventID}``.
Errors are RFC 9457 problem details (``application/problem+json``) with ``jsonPath`` and
``eventIndex`` where a field is at fault. Request bodies above :data:`MAX_BODY_BYTES` are
refused (413). Until access control lands (the participants issue), write endpoints answer only
clients on a loopback address; :func:`current_participant` is the hook that will name the
caller (recorded as ``who`` on captured documents and events).
"""

from __future__ import annotations

import ipaddress
import json

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

__all__ = ["MAX_BODY_BYTES", "current_participant", "router"]

MAX_BODY_BYTES = 16 * 1024 * 1024
router = APIRouter(tags=["trace"])


class _Problem(Exception):
    def __init__(self, status: int, title: str, detail: str, **extra):
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def _problem(p: _Problem, request: Request) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": p.title,
        "status": p.status,
        "detail": p.detail,
        "instance": str(request.url.path),
        **{k: v for k, v in p.extra.items() if v is not None},
    }
    return JSONResponse(body, status_code=p.status, media_type="application/problem+json")


def current_participant(request: Request) -> str | None:
    """The calling participant (None until participants/API keys land)."""
    return None


def _loopback_only(request: Request) -> None:
    host = request.client.host if request.client else ""
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = host == "localhost"
    if not ok:
        raise _Problem(
            403,
            "Forbidden",
            "write endpoints are served only to loopback clients "
            "until access control is configured",
        )


def _store(request: Request):
    return request.app.state.store


async def _body(request: Request) -> bytes:
    n = request.headers.get("content-length")
    if n and n.isdigit() and int(n) > MAX_BODY_BYTES:
        raise _Problem(
            413, "Content Too Large", f"request body of {n} bytes exceeds {MAX_BODY_BYTES} bytes"
        )
    chunks, size = [], 0
    async for c in request.stream():
        size += len(c)
        if size > MAX_BODY_BYTES:
            raise _Problem(413, "Content Too Large", f"request body exceeds {MAX_BODY_BYTES} bytes")
        chunks.append(c)
    return b"".join(chunks)


def _records(df) -> list:
    return json.loads(df.to_json(orient="records", date_format="iso")) if len(df) else []


async def _capture(request: Request, who, single: bool):
    from starlette.concurrency import run_in_threadpool

    from aimaq.supply.trace.models import EVENT_TYPES, EPCISValidationError
    from aimaq.supply.trace.repository import capture

    try:
        _loopback_only(request)
        raw = await _body(request)
        if single:
            try:
                t = json.loads(raw).get("type")
            except Exception:
                t = None
            if t is not None and t not in EVENT_TYPES:
                raise EPCISValidationError(
                    "$.type", f"POST /epcis/events takes one event, got type {t!r}"
                )
        r = await run_in_threadpool(capture, _store(request), raw, "api", who, None, MAX_BODY_BYTES)
    except _Problem as p:
        return _problem(p, request)
    except EPCISValidationError as e:
        return _problem(
            _Problem(
                400, "Invalid EPCIS document", e.message, jsonPath=e.path, eventIndex=e.event_index
            ),
            request,
        )
    return JSONResponse(
        {
            "accepted": r.accepted,
            "duplicates": r.duplicates,
            "declarations": r.declarations,
            "eventHashes": list(r.event_hashes),
        },
        status_code=201,
    )


@router.post("/epcis/capture")
async def capture_document(request: Request, who=Depends(current_participant)):
    """Capture an EPCIS 2.0 document (one transaction; nothing stored if invalid)."""
    return await _capture(request, who, single=False)


@router.post("/epcis/events")
async def capture_event(request: Request, who=Depends(current_participant)):
    """Capture a single EPCIS 2.0 event."""
    return await _capture(request, who, single=True)


@router.get("/epcis/events")
def events(request: Request, perPage: int = 100, nextPageToken: str | None = None):  # noqa: N803
    """EPCIS events matching the query parameters, one page; ``nextPageToken`` continues."""
    from aimaq.supply.trace.query import QueryError, query_events

    params: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        if k not in ("perPage", "nextPageToken"):
            params.setdefault(k, []).append(v)
    try:
        page = query_events(_store(request), params, perPage, nextPageToken)
    except QueryError as e:
        return _problem(
            _Problem(400, "Invalid query parameter", str(e), parameter=e.parameter), request
        )
    body = {
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "resultsBody": {"eventList": page.events},
            }
        },
    }
    headers = {}
    if page.next_page_token:
        body["nextPageToken"] = page.next_page_token
        q = request.query_params.multi_items()
        from urllib.parse import urlencode

        nxt = urlencode(
            [(k, v) for k, v in q if k != "nextPageToken"]
            + [("nextPageToken", page.next_page_token)]
        )
        headers["Link"] = f'<{request.url.path}?{nxt}>; rel="next"'
    return JSONResponse(body, headers=headers)


@router.get("/epcis/events/{event_id:path}")
def event(event_id: str, request: Request):
    """One event by its eventID (or CBV event hash)."""
    from aimaq.supply.trace.query import get_event

    ev = get_event(_store(request), event_id)
    if ev is None:
        return _problem(_Problem(404, "Not Found", f"no event with eventID {event_id!r}"), request)
    return ev


def _trace(request: Request, ident: str, forward: bool, start, end):
    from aimaq.supply.trace.identifiers import IdentifierError
    from aimaq.supply.trace.lineage import trace_back, trace_forward
    from aimaq.supply.trace.repository import _dt

    try:
        t0, t1 = _dt(start), _dt(end)
        res = (trace_forward if forward else trace_back)(_store(request), ident, t0, t1)
    except (IdentifierError, ValueError) as e:
        return _problem(_Problem(400, "Invalid identifier or time", str(e)), request)
    return {
        "root": res.root,
        "direction": res.direction,
        "ids": list(res.ids),
        "nodes": _records(res.nodes),
        "quantities": _records(res.quantities),
        "locations": _records(res.locations),
        "participants": _records(res.participants),
        "custody": _records(res.custody),
        "legs": _records(res.legs),
        "events": _records(res.events),
    }


@router.get("/trace/back/{ident:path}")
def back(ident: str, request: Request, to: str | None = None):
    """Origins of an item or lot (up to ``to``)."""
    return _trace(request, ident, False, None, to)


@router.get("/trace/forward/{ident:path}")
def forward(ident: str, request: Request, start: str | None = None, to: str | None = None):
    """Recall scope of an item or lot: where it went and what it went into (``start``…``to``)."""
    return _trace(request, ident, True, start, to)


@router.get("/trace/coldchain/{lot:path}")
def coldchain(lot: str, request: Request, temperature_class: str | None = None):
    """Cold-chain record and verdict of a lot."""
    from aimaq.supply.trace.coldchain import CLASSES, cold_chain
    from aimaq.supply.trace.identifiers import IdentifierError

    if temperature_class and temperature_class not in CLASSES:
        return _problem(
            _Problem(
                400,
                "Invalid temperature class",
                f"temperature_class must be one of {', '.join(CLASSES)}",
            ),
            request,
        )
    try:
        cc = cold_chain(_store(request), lot, temperature_class)
    except IdentifierError as e:
        return _problem(_Problem(400, "Invalid identifier", str(e)), request)
    tc = cc.temperature_class
    return {
        "lot": cc.lot,
        "verdict": cc.verdict,
        "reason": cc.reason,
        "temperatureClass": {
            "name": tc.name,
            "low": tc.low,
            "high": tc.high,
            "tolerance": tc.tolerance,
            "source": tc.source,
        },
        "mkt": None if cc.mkt != cc.mkt else cc.mkt,
        "excursions": _records(cc.excursions),
        "legs": _records(cc.legs),
        "readings": len(cc.readings),
    }
