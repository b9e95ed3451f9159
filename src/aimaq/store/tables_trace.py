"""Tables of the store for EPCIS events of the traceability repository (aimaq.supply.trace).

``trace_events`` holds every captured event (and every error declaration) in capture order,
hash-chained (``prev_hash`` → ``record_hash``); the other tables index the events for trace
queries: identifiers by role, business transactions, source/destination parties, sensor
readings. ``trace_chain_head`` holds the last record of the chain (one row), so a truncated
tail is detected and appends are serialised.
"""

from __future__ import annotations

import sqlalchemy as sa

from aimaq.store.schema import metadata

__all__ = [
    "trace_biz_tx",
    "trace_chain_head",
    "trace_documents",
    "trace_epcs",
    "trace_events",
    "trace_parties",
    "trace_readings",
]

_TS = sa.DateTime(timezone=True)

trace_documents = sa.Table(
    "trace_documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("source", sa.Text, nullable=True),  # file name or "api"
    sa.Column("captured_at", _TS, nullable=False),
    sa.Column("who", sa.Text, nullable=True),  # the participant, once access control lands
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_duplicates", sa.Integer, nullable=False),
)

trace_events = sa.Table(
    "trace_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),  # capture order
    # event_hash for events, event_hash + "#declaration" for error declarations
    sa.Column("dedup_key", sa.String(200), nullable=False, unique=True),
    sa.Column("event_hash", sa.String(160), nullable=False),
    sa.Column("kind", sa.String(12), nullable=False),  # "event" | "declaration"
    sa.Column("event_id", sa.Text, nullable=False),  # eventID as given, else the hash
    sa.Column("event_type", sa.String(24), nullable=False),
    sa.Column("event_time", _TS, nullable=False),
    sa.Column("tz_offset", sa.String(6), nullable=False),
    sa.Column("record_time", _TS, nullable=False),
    sa.Column("action", sa.String(8), nullable=True),
    sa.Column("biz_step", sa.Text, nullable=True),
    sa.Column("disposition", sa.Text, nullable=True),
    sa.Column("read_point", sa.Text, nullable=True),
    sa.Column("biz_location", sa.Text, nullable=True),
    sa.Column("transformation_id", sa.Text, nullable=True),
    sa.Column("body", sa.Text, nullable=False),  # the event as captured (JSON)
    sa.Column("document_id", sa.Integer, sa.ForeignKey("trace_documents.id"), nullable=False),
    sa.Column("who", sa.Text, nullable=True),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("record_hash", sa.String(64), nullable=False),
)
sa.Index("ix_trace_ev_time", trace_events.c.event_time)
sa.Index("ix_trace_ev_eventid", trace_events.c.event_id)
sa.Index("ix_trace_ev_hash", trace_events.c.event_hash)
sa.Index("ix_trace_ev_step", trace_events.c.biz_step)
sa.Index("ix_trace_ev_loc", trace_events.c.biz_location)
sa.Index("ix_trace_ev_tid", trace_events.c.transformation_id)

# role: epc, parent, child, input, output (instance or class level); qty/uom for classes
trace_epcs = sa.Table(
    "trace_epcs",
    metadata,
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("trace_events.id"), nullable=False),
    sa.Column("epc", sa.Text, nullable=False),  # canonical identifier
    sa.Column("role", sa.String(8), nullable=False),
    sa.Column("is_class", sa.Boolean, nullable=False),
    sa.Column("quantity", sa.Float, nullable=True),
    sa.Column("uom", sa.String(8), nullable=True),
)
sa.Index("ix_trace_epc", trace_epcs.c.epc, trace_epcs.c.event_pk)
sa.Index("ix_trace_epc_event", trace_epcs.c.event_pk)

trace_biz_tx = sa.Table(
    "trace_biz_tx",
    metadata,
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("trace_events.id"), nullable=False),
    sa.Column("type", sa.Text, nullable=True),
    sa.Column("value", sa.Text, nullable=False),
)
sa.Index("ix_trace_btx", trace_biz_tx.c.value)

# side: source | destination; type: owning_party, possessing_party, location (or a URI)
trace_parties = sa.Table(
    "trace_parties",
    metadata,
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("trace_events.id"), nullable=False),
    sa.Column("side", sa.String(12), nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("value", sa.Text, nullable=False),
)
sa.Index("ix_trace_party_ev", trace_parties.c.event_pk)
sa.Index("ix_trace_party_val", trace_parties.c.value)

# Sensor readings: from sensorElementList (event_pk set) or uploaded series (subject set).
trace_readings = sa.Table(
    "trace_readings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("trace_events.id"), nullable=True),
    sa.Column("subject", sa.Text, nullable=True),  # lot or location of an uploaded series
    sa.Column("type", sa.Text, nullable=True),
    sa.Column("time", _TS, nullable=True),
    sa.Column("start_time", _TS, nullable=True),
    sa.Column("end_time", _TS, nullable=True),
    sa.Column("value", sa.Float, nullable=True),
    sa.Column("min_value", sa.Float, nullable=True),
    sa.Column("max_value", sa.Float, nullable=True),
    sa.Column("mean_value", sa.Float, nullable=True),
    sa.Column("uom", sa.String(8), nullable=True),
    sa.Column("exception", sa.String(16), nullable=True),
    sa.Column("device_id", sa.Text, nullable=True),
)
sa.Index("ix_trace_read_ev", trace_readings.c.event_pk)
sa.Index("ix_trace_read_subject", trace_readings.c.subject, trace_readings.c.time)

trace_chain_head = sa.Table(
    "trace_chain_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),  # always 1
    sa.Column("last_id", sa.Integer, nullable=False),
    sa.Column("n_records", sa.Integer, nullable=False),
    sa.Column("record_hash", sa.String(64), nullable=False),
)
