"""EPCIS 2.0 queries (the SimpleEventQuery parameters that matter in food chains) with paging.

Supported parameters (EPCIS 2.0 §8.2.7.1): ``eventType``, ``GE_eventTime``, ``LT_eventTime``,
``GE_recordTime``, ``LT_recordTime``, ``EQ_action``, ``EQ_bizStep``, ``EQ_disposition``,
``EQ_readPoint``, ``EQ_bizLocation``, ``EQ_eventID``, ``MATCH_epc`` (epcList, childEPCs),
``MATCH_parentID``, ``MATCH_inputEPC``, ``MATCH_outputEPC``, ``MATCH_anyEPC`` (all of those),
``MATCH_epcClass`` (quantityList, childQuantityList), ``MATCH_anyEPCClass`` (also input/output
quantities), ``EQ_bizTransaction`` (any type) and ``EQ_bizTransaction_<type>``, sensor value
filters ``GT_|GE_|LT_|LE_value_<measurement type>`` (e.g. ``GT_value_Temperature=4``), and
``includeDeclared`` (default true: events declared erroneous are returned, with their
``errorDeclaration``). Values may be lists (OR). Identifiers match in canonical form, so a URN
and a Digital Link query find the same events; an EPC pattern (``…*`` or ``urn:epc:idpat:``)
matches by prefix. Paging is by keyset on capture order: ``nextPageToken`` resumes after the
last event of a page.

Examples
--------
>>> sorted(PARAMETERS)[:3]
['EQ_action', 'EQ_bizLocation', 'EQ_bizStep']
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from aimaq.supply.trace.identifiers import canonical
from aimaq.supply.trace.models import cbv_short

__all__ = ["PARAMETERS", "QueryError", "QueryPage", "get_event", "query_events"]

_MATCH = {
    "MATCH_epc": (("epc", False), ("child", False)),
    "MATCH_parentID": (("parent", False),),
    "MATCH_inputEPC": (("input", False),),
    "MATCH_outputEPC": (("output", False),),
    "MATCH_anyEPC": (
        ("epc", False),
        ("child", False),
        ("parent", False),
        ("input", False),
        ("output", False),
    ),
    "MATCH_epcClass": (("epc", True), ("child", True)),
    "MATCH_anyEPCClass": (("epc", True), ("child", True), ("input", True), ("output", True)),
}
PARAMETERS = frozenset(
    {
        "eventType",
        "GE_eventTime",
        "LT_eventTime",
        "GE_recordTime",
        "LT_recordTime",
        "EQ_action",
        "EQ_bizStep",
        "EQ_disposition",
        "EQ_readPoint",
        "EQ_bizLocation",
        "EQ_eventID",
        "EQ_bizTransaction",
        "includeDeclared",
        *_MATCH,
    }
)


class QueryError(ValueError):
    """A query parameter that is unknown or has a bad value (``parameter`` names it)."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


@dataclass(frozen=True)
class QueryPage:
    """One page of events (EPCIS JSON, in capture order) and the token of the next page."""

    events: list
    next_page_token: str | None


def _list(v) -> list:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [x for item in v for x in _list(item)]


def _time(name, v):
    from aimaq.supply.trace.repository import _dt

    try:
        return _dt(v)
    except (ValueError, TypeError):
        raise QueryError(name, f"not an ISO 8601 time with offset: {v!r}") from None


def _ids(name, vals):
    out = []
    for v in vals:
        pattern = v.endswith("*") or v.startswith("urn:epc:idpat:")
        try:
            c = canonical(v)
        except ValueError as e:
            raise QueryError(name, str(e)) from None
        out.append((c.rstrip("*"), pattern))
    return out


def _token(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": last_id}).encode()).decode().rstrip("=")


def _untoken(tok: str) -> int:
    try:
        pad = "=" * (-len(tok) % 4)
        return int(json.loads(base64.urlsafe_b64decode(tok + pad))["after"])
    except Exception:
        raise QueryError("nextPageToken", "not a token returned by this repository") from None


def _where(params: dict):
    import sqlalchemy as sa

    from aimaq.store import tables_trace as T

    E, X = T.trace_events, T.trace_epcs
    conds = [E.c.kind == "event"]
    for name, raw in params.items():
        vals = _list(raw)
        if name in ("perPage", "nextPageToken") or not vals:
            continue
        if name == "eventType":
            conds.append(E.c.event_type.in_(vals))
        elif name in ("GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime"):
            col = E.c.event_time if "event" in name else E.c.record_time
            t = _time(name, vals[0])
            conds.append(col >= t if name.startswith("GE") else col < t)
        elif name == "EQ_action":
            conds.append(E.c.action.in_(vals))
        elif name == "EQ_bizStep":
            conds.append(E.c.biz_step.in_([cbv_short(v) for v in vals]))
        elif name == "EQ_disposition":
            conds.append(E.c.disposition.in_([cbv_short(v) for v in vals]))
        elif name in ("EQ_readPoint", "EQ_bizLocation"):
            col = E.c.read_point if name == "EQ_readPoint" else E.c.biz_location
            conds.append(col.in_([c for c, _ in _ids(name, vals)]))
        elif name == "EQ_eventID":
            conds.append(sa.or_(E.c.event_id.in_(vals), E.c.event_hash.in_(vals)))
        elif name in _MATCH:
            ors = []
            for c, pattern in _ids(name, vals):
                ors.append(X.c.epc.like(c + "%") if pattern else X.c.epc == c)
            roles = sa.or_(*[sa.and_(X.c.role == r, X.c.is_class == k) for r, k in _MATCH[name]])
            sub = sa.select(X.c.event_pk).where(sa.or_(*ors), roles)
            conds.append(E.c.id.in_(sub))
        elif name.startswith("EQ_bizTransaction"):
            B = T.trace_biz_tx
            sub = sa.select(B.c.event_pk).where(B.c.value.in_(vals))
            if name != "EQ_bizTransaction":
                sub = sub.where(B.c.type == name.removeprefix("EQ_bizTransaction_"))
            conds.append(E.c.id.in_(sub))
        elif name[:3] in ("GT_", "GE_", "LT_", "LE_") and name[3:].startswith("value_"):
            R = T.trace_readings
            try:
                x = float(vals[0])
            except ValueError:
                raise QueryError(name, f"not a number: {vals[0]!r}") from None
            op = name[:2]
            col = (
                sa.func.coalesce(R.c.value, R.c.max_value, R.c.mean_value)
                if op in ("GT", "GE")
                else sa.func.coalesce(R.c.value, R.c.min_value, R.c.mean_value)
            )
            cmp = {"GT": col > x, "GE": col >= x, "LT": col < x, "LE": col <= x}[op]
            sub = sa.select(R.c.event_pk).where(R.c.type == name[9:], cmp)
            conds.append(E.c.id.in_(sub))
        elif name == "includeDeclared":
            if str(vals[0]).lower() in ("false", "0", "no"):
                D = E.alias("d")
                conds.append(~sa.exists().where(D.c.dedup_key == E.c.event_hash + "#declaration"))
        else:
            raise QueryError(
                name,
                "unknown query parameter; supported: "
                + ", ".join(sorted(PARAMETERS))
                + ", GT_/GE_/LT_/LE_value_<type>, EQ_bizTransaction_<type>",
            )
    return conds


def _with_declarations(conn, rows) -> list[dict]:
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_events as E

    keys = [r.event_hash + "#declaration" for r in rows]
    decl = {}
    if keys:
        for k, body in conn.execute(
            sa.select(E.c.dedup_key, E.c.body).where(E.c.dedup_key.in_(keys))
        ):
            decl[k.removesuffix("#declaration")] = json.loads(body).get("errorDeclaration")
    out = []
    for r in rows:
        ev = json.loads(r.body)
        ev.setdefault("eventID", r.event_id)
        ev["recordTime"] = _iso(r.record_time)
        if r.event_hash in decl:
            ev["errorDeclaration"] = decl[r.event_hash]
        out.append(ev)
    return out


def _iso(dt) -> str:
    from aimaq.supply.trace.chain import _iso as iso

    return iso(dt)


def query_events(
    store, params: dict | None = None, per_page: int = 100, next_page_token: str | None = None
) -> QueryPage:
    """Events matching ``params`` (EPCIS query parameters), one page of ``per_page``."""
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_events as E

    params = dict(params or {})
    if not 1 <= per_page <= 10_000:
        raise QueryError("perPage", "must be between 1 and 10000")
    conds = _where(params)
    if next_page_token:
        conds.append(E.c.id > _untoken(next_page_token))
    engine = getattr(store, "engine", store)
    q = (
        sa.select(E.c.id, E.c.event_hash, E.c.event_id, E.c.body, E.c.record_time)
        .where(*conds)
        .order_by(E.c.id)
        .limit(per_page + 1)
    )
    with engine.connect() as conn:
        rows = conn.execute(q).all()
        more = len(rows) > per_page
        rows = rows[:per_page]
        events = _with_declarations(conn, rows)
    return QueryPage(events, _token(rows[-1].id) if more else None)


def get_event(store, event_id: str) -> dict | None:
    """The event with this ``eventID`` (or CBV event hash), or None."""
    page = query_events(store, {"EQ_eventID": [event_id]}, per_page=1)
    return page.events[0] if page.events else None
