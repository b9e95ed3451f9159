"""Tamper evidence: the stored events form a hash chain in capture order.

Record :math:`i` stores :math:`h_i = \\mathrm{SHA256}(i \\,|\\, h_{i-1} \\,|\\, c_i)` where
:math:`c_i` is the canonical text of the record (kind, event hash, event ID, type, time,
business step, disposition, locations and the SHA-256 of the event body as captured) and
:math:`h_0 = 0^{64}`. The head row (``trace_chain_head``) stores the last id, the count and
:math:`h_n`. :func:`verify` recomputes the chain and names the first record that is changed,
inserted, missing or out of order.

The chain makes silent edits evident; it is not a signature: whoever can rewrite every record
and the head can rebuild a consistent chain (anchor ``record_hash`` of the head elsewhere, e.g.
print it in reports, to close that gap).

Examples
--------
>>> h = record_hash(1, GENESIS, "event|ni:///sha-256;ab|...")
>>> len(h), h == record_hash(1, GENESIS, "event|ni:///sha-256;ab|...")
(64, True)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["GENESIS", "VerifyResult", "record_hash", "record_text", "verify"]

GENESIS = "0" * 64


def _iso(dt: datetime | None) -> str:
    if dt is None:
        return ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def record_text(r) -> str:
    """The canonical text of a record (a mapping with the ``trace_events`` columns)."""
    body = hashlib.sha256(r["body"].encode("utf-8")).hexdigest()
    parts = (
        r["kind"],
        r["event_hash"],
        r["event_id"],
        r["event_type"],
        _iso(r["event_time"]),
        r["biz_step"] or "",
        r["disposition"] or "",
        r["read_point"] or "",
        r["biz_location"] or "",
        body,
    )
    return "|".join(parts)


def record_hash(record_id: int, prev_hash: str, text: str) -> str:
    """:math:`h_i = \\mathrm{SHA256}(i | h_{i-1} | c_i)` as hex."""
    return hashlib.sha256(f"{record_id}|{prev_hash}|{text}".encode()).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of :func:`verify`: ``ok``, records checked, the first bad record and why."""

    ok: bool
    n_records: int
    first_bad: int | None = None
    reason: str | None = None

    def __str__(self) -> str:
        if self.ok:
            return f"chain intact: {self.n_records} records"
        return f"chain broken at record {self.first_bad}: {self.reason}"


def verify(store, batch: int = 5000) -> VerifyResult:
    """Recompute the chain of ``store`` (a Store or an engine) and name the first bad record."""
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_chain_head as H
    from aimaq.store.tables_trace import trace_events as E

    engine = getattr(store, "engine", store)
    cols = [
        E.c.id,
        E.c.kind,
        E.c.event_hash,
        E.c.event_id,
        E.c.event_type,
        E.c.event_time,
        E.c.biz_step,
        E.c.disposition,
        E.c.read_point,
        E.c.biz_location,
        E.c.body,
        E.c.prev_hash,
        E.c.record_hash,
    ]
    prev, expected, n = GENESIS, 1, 0
    with engine.connect() as conn:
        head = conn.execute(sa.select(H).where(H.c.id == 1)).mappings().first()
        last = 0
        while True:
            rows = (
                conn.execute(sa.select(*cols).where(E.c.id > last).order_by(E.c.id).limit(batch))
                .mappings()
                .all()
            )
            if not rows:
                break
            for r in rows:
                rid = r["id"]
                if rid != expected:
                    if rid > expected:
                        return VerifyResult(
                            False, n, expected, f"record {expected} is missing (deleted)"
                        )
                if r["prev_hash"] != prev:
                    return VerifyResult(
                        False,
                        n,
                        rid,
                        "does not follow the previous record "
                        "(inserted, reordered, or the record before it changed)",
                    )
                if record_hash(rid, prev, record_text(r)) != r["record_hash"]:
                    return VerifyResult(False, n, rid, "contents changed since capture")
                prev, expected, n = r["record_hash"], rid + 1, n + 1
            last = rows[-1]["id"]
    if head is None:
        return VerifyResult(n == 0, n, 1 if n else None, None if n == 0 else "chain head missing")
    if head["last_id"] != last or head["n_records"] != n:
        if head["last_id"] > last:
            return VerifyResult(
                False, n, last + 1, f"record {last + 1} is missing (deleted at the end)"
            )
        return VerifyResult(False, n, head["last_id"] + 1, "inserted after the chain head")
    if head["record_hash"] != prev:
        return VerifyResult(False, n, last, "does not match the chain head")
    return VerifyResult(True, n)
