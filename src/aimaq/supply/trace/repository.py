"""Capture of EPCIS 2.0 documents into the store: validate, hash, deduplicate, chain, index.

A document is validated whole before anything is written (the first bad field is reported
with its event index and JSON path, and nothing of the document is stored); then it is written
in one transaction that holds the chain head, so concurrent captures are serialised and the
chain stays linear. An event whose CBV 2.0 hash is already stored is a duplicate (the URN and
Digital Link spellings of one event have one hash). An event carrying ``errorDeclaration`` is
an error declaration (EPCIS 2.0 §7.4.1.5): it is stored as its own chained record and the
declared event stays, marked as declared erroneous in queries.

Examples
--------
>>> from aimaq.store import Store
>>> st = Store("sqlite://")
>>> doc = {"type": "ObjectEvent", "eventTime": "2026-05-01T08:00:00+05:00",
...        "eventTimeZoneOffset": "+05:00", "action": "OBSERVE",
...        "epcList": ["urn:epc:id:sgtin:9521234.012345.1"]}
>>> capture(st, doc).accepted, capture(st, doc).duplicates
(1, 1)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aimaq.supply.trace.identifiers import IdentifierError, canonical
from aimaq.supply.trace.models import (
    EPCISValidationError,
    cbv_short,
    document_events,
    validate_event,
)

__all__ = ["MAX_DOCUMENT_BYTES", "CaptureResult", "add_readings", "capture", "capture_file"]

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
_CHUNK = 2000

_ROLES = (
    ("epcList", "epc", False),
    ("quantityList", "epc", True),
    ("childEPCs", "child", False),
    ("childQuantityList", "child", True),
    ("inputEPCList", "input", False),
    ("inputQuantityList", "input", True),
    ("outputEPCList", "output", False),
    ("outputQuantityList", "output", True),
)


@dataclass(frozen=True)
class CaptureResult:
    """Counts of one captured document and the hashes of its events (in document order)."""

    accepted: int
    duplicates: int
    declarations: int
    document_id: int | None
    event_hashes: tuple[str, ...] = field(default=())


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _canon(v: str | None) -> str | None:
    if v is None:
        return None
    try:
        return canonical(v)
    except IdentifierError:
        return v


def _dt(v) -> datetime | None:
    if v is None:
        return None
    d = datetime.fromisoformat(v.replace("Z", "+00:00")) if isinstance(v, str) else v
    return _utc(d if d.tzinfo else d.replace(tzinfo=UTC))


def _index_rows(ev: dict) -> tuple[list, list, list, list]:
    epcs, btx, parties, reads = [], [], [], []
    if ev.get("parentID"):
        epcs.append(
            {
                "epc": canonical(ev["parentID"]),
                "role": "parent",
                "is_class": False,
                "quantity": None,
                "uom": None,
            }
        )
    for key, role, is_class in _ROLES:
        for item in ev.get(key) or ():
            if is_class:
                epcs.append(
                    {
                        "epc": canonical(item["epcClass"]),
                        "role": role,
                        "is_class": True,
                        "quantity": item.get("quantity"),
                        "uom": item.get("uom"),
                    }
                )
            else:
                epcs.append(
                    {
                        "epc": canonical(item),
                        "role": role,
                        "is_class": False,
                        "quantity": None,
                        "uom": None,
                    }
                )
    for b in ev.get("bizTransactionList") or ():
        btx.append({"type": cbv_short(b.get("type")), "value": b["bizTransaction"]})
    for side, key in (("source", "sourceList"), ("destination", "destinationList")):
        for s in ev.get(key) or ():
            parties.append({"side": side, "type": cbv_short(s["type"]), "value": _canon(s[side])})
    for el in ev.get("sensorElementList") or ():
        md = el.get("sensorMetadata") or {}
        for r in el.get("sensorReport") or ():
            reads.append(
                {
                    "type": cbv_short(r.get("type")),
                    "time": _dt(r.get("time") or md.get("time")),
                    "start_time": _dt(md.get("startTime")),
                    "end_time": _dt(md.get("endTime")),
                    "value": r.get("value"),
                    "min_value": r.get("minValue"),
                    "max_value": r.get("maxValue"),
                    "mean_value": r.get("meanValue"),
                    "uom": r.get("uom"),
                    "exception": r.get("exception"),
                    "device_id": r.get("deviceID") or md.get("deviceID"),
                    "subject": None,
                }
            )
    return epcs, btx, parties, reads


def _parse(doc: Any, max_bytes: int) -> Any:
    if isinstance(doc, (bytes, bytearray, str)):
        if len(doc) > max_bytes:
            raise EPCISValidationError(
                "$", f"document of {len(doc)} bytes exceeds the limit of {max_bytes} bytes"
            )
        try:
            return json.loads(doc)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            msg = (
                f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}"
                if isinstance(e, json.JSONDecodeError)
                else f"not UTF-8 text: {e}"
            )
            raise EPCISValidationError("$", msg) from None
    return doc


def _prepare(doc: Any, progress: Callable[[int, int], None] | None):
    from aimaq.supply.trace.hashing import event_hashes

    events, base = document_events(doc)
    listed = base.endswith("eventList")
    for i, ev in enumerate(events):
        validate_event(ev, f"{base}[{i}]" if listed else base, i)
    ctx = doc.get("@context") if isinstance(doc, dict) else None
    hashes: list[str] = []
    for s in range(0, len(events), _CHUNK):
        hashes += event_hashes(events[s : s + _CHUNK], ctx)
        if progress:
            progress(min(s + _CHUNK, len(events)), len(events))
    return events, hashes


def _lock_head(conn) -> dict:
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_chain_head as H

    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA busy_timeout = 120000")
    ins = _insert_ignore(conn, H)
    conn.execute(ins.values(id=1, last_id=0, n_records=0, record_hash="0" * 64))
    if conn.dialect.name == "sqlite":
        # a write first, so this transaction holds SQLite's write lock from here on
        conn.execute(sa.update(H).where(H.c.id == 1).values(last_id=H.c.last_id))
        q = sa.select(H).where(H.c.id == 1)
    else:
        q = sa.select(H).where(H.c.id == 1).with_for_update()
    return dict(conn.execute(q).mappings().one())


def _insert_ignore(conn, table):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).on_conflict_do_nothing()


def capture(
    store,
    doc: Any,
    source: str | None = None,
    who: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> CaptureResult:
    """Capture one EPCIS document (dict, JSON text or bytes) or one event in one transaction.

    Raises :class:`~aimaq.supply.trace.models.EPCISValidationError` (nothing stored) when the
    document is not valid EPCIS 2.0. ``who`` is the capturing participant (None until access
    control lands).
    """
    import sqlalchemy as sa

    from aimaq.store import tables_trace as T
    from aimaq.supply.trace.chain import record_hash, record_text

    raw = doc if isinstance(doc, (bytes, str)) else None
    doc = _parse(doc, max_bytes)
    events, hashes = _prepare(doc, progress)
    now = datetime.now(UTC)
    sha = (
        hashlib.sha256(raw.encode() if isinstance(raw, str) else raw).hexdigest()
        if raw
        else (hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest())
    )
    # records to add: (dedup_key, kind, event, hash)
    wanted: list[tuple[str, str, dict, str]] = []
    for ev, h in zip(events, hashes, strict=True):
        if ev.get("errorDeclaration"):
            plain = {k: v for k, v in ev.items() if k != "errorDeclaration"}
            wanted.append((h, "event", plain, h))
            wanted.append((h + "#declaration", "declaration", ev, h))
        else:
            wanted.append((h, "event", ev, h))
    engine = getattr(store, "engine", store)
    with engine.begin() as conn:
        head = _lock_head(conn)
        keys = list(dict.fromkeys(k for k, *_ in wanted))
        have: set[str] = set()
        for s in range(0, len(keys), 500):
            part = keys[s : s + 500]
            have |= set(
                conn.execute(
                    sa.select(T.trace_events.c.dedup_key).where(
                        T.trace_events.c.dedup_key.in_(part)
                    )
                ).scalars()
            )
        doc_id = conn.execute(
            sa.insert(T.trace_documents)
            .values(
                sha256=sha,
                source=source,
                captured_at=now,
                who=who,
                n_events=len(events),
                n_duplicates=0,
            )
            .returning(T.trace_documents.c.id)
        ).scalar_one()
        ev_rows, epc_rows, btx_rows, party_rows, read_rows = [], [], [], [], []
        rid, prev = head["last_id"], head["record_hash"]
        seen: set[str] = set()
        declarations = 0
        for key, kind, ev, h in wanted:
            if key in have or key in seen:
                continue
            seen.add(key)
            rid += 1
            row = {
                "id": rid,
                "dedup_key": key,
                "event_hash": h,
                "kind": kind,
                "event_id": ev.get("eventID") or h,
                "event_type": ev["type"],
                "event_time": _dt(ev["eventTime"]),
                "tz_offset": ev["eventTimeZoneOffset"],
                "record_time": now,
                "action": ev.get("action"),
                "biz_step": cbv_short(ev.get("bizStep")),
                "disposition": cbv_short(ev.get("disposition")),
                "read_point": _canon((ev.get("readPoint") or {}).get("id")),
                "biz_location": _canon((ev.get("bizLocation") or {}).get("id")),
                "transformation_id": ev.get("transformationID"),
                "body": json.dumps(ev, ensure_ascii=False, separators=(",", ":")),
                "document_id": doc_id,
                "who": who,
            }
            row["prev_hash"] = prev
            row["record_hash"] = prev = record_hash(rid, prev, record_text(row))
            ev_rows.append(row)
            if kind == "declaration":
                declarations += 1
                continue
            e, b, p, r = _index_rows(ev)
            epc_rows += [dict(x, event_pk=rid) for x in e]
            btx_rows += [dict(x, event_pk=rid) for x in b]
            party_rows += [dict(x, event_pk=rid) for x in p]
            read_rows += [dict(x, event_pk=rid) for x in r]
        for table, rows in (
            (T.trace_events, ev_rows),
            (T.trace_epcs, epc_rows),
            (T.trace_biz_tx, btx_rows),
            (T.trace_parties, party_rows),
            (T.trace_readings, read_rows),
        ):
            for s in range(0, len(rows), 5000):
                conn.execute(sa.insert(table), rows[s : s + 5000])
        n_events, firsts = len(events), set()
        for ev, h in zip(events, hashes, strict=True):
            k = h + "#declaration" if ev.get("errorDeclaration") else h
            if k in seen and k not in firsts:
                firsts.add(k)
        dups = n_events - len(firsts)
        conn.execute(
            sa.update(T.trace_documents)
            .where(T.trace_documents.c.id == doc_id)
            .values(n_duplicates=dups)
        )
        conn.execute(
            sa.update(T.trace_chain_head)
            .where(T.trace_chain_head.c.id == 1)
            .values(last_id=rid, n_records=head["n_records"] + len(ev_rows), record_hash=prev)
        )
    return CaptureResult(
        accepted=n_events - dups,
        duplicates=dups,
        declarations=declarations,
        document_id=doc_id,
        event_hashes=tuple(hashes),
    )


def capture_file(
    store, path, who: str | None = None, progress: Callable[[int, int], None] | None = None
) -> CaptureResult:
    """Capture the EPCIS JSON/JSON-LD document in ``path`` (errors name the file)."""
    from pathlib import Path

    p = Path(path)
    data = p.read_bytes()
    try:
        return capture(store, data, source=p.name, who=who, progress=progress)
    except EPCISValidationError as e:
        e.args = (f"{p}: {e}",)
        raise


def add_readings(store, frame, subject: str) -> int:
    """Store an uploaded temperature series for a lot or location ``subject``.

    ``frame`` has columns ``time`` (timezone-aware) and ``value`` (°C), optionally
    ``device_id``. Returns the number of readings stored (one transaction).
    """
    import pandas as pd
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_readings

    missing = {"time", "value"} - set(frame.columns)
    if missing:
        raise ValueError(f"readings need columns time and value; missing {sorted(missing)}")
    t = pd.to_datetime(frame["time"], utc=True)
    if frame["value"].isna().any():
        raise ValueError(f"reading {int(frame['value'].isna().idxmax())}: value is empty")
    subj = _canon(subject)
    rows = [
        {
            "subject": subj,
            "type": "Temperature",
            "time": ti.to_pydatetime(),
            "value": float(v),
            "uom": "CEL",
            "device_id": (frame["device_id"].iloc[i] if "device_id" in frame else None),
        }
        for i, (ti, v) in enumerate(zip(t, frame["value"], strict=True))
    ]
    engine = getattr(store, "engine", store)
    with engine.begin() as conn:
        conn.execute(sa.insert(trace_readings), rows)
    return len(rows)
