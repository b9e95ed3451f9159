"""Traceability benchmarks: capture throughput vs plain bulk insert, trace-back latency.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_trace.py --events 5000 --latency-events 200000 \\
        --write docs/benchmarks_trace.md
    # PostgreSQL too: AIMAQ_TEST_PG_URL=postgresql+psycopg://...  (a database it may wipe)

Parts:

1. capture of one synthetic document (``gen_epcis.py``) of ``--events`` events into a fresh
   store (validation, CBV 2.0 hashes by the reference generator's fast path, dedup, chain,
   index tables, one transaction), against a plain bulk insert of the same events' JSON into
   a two-column table of the same database in the same run; median of ``--runs`` with min–max.
2. trace back on a store of ``--latency-events`` events: ``trace_back_ids`` (the walk) and the
   full ``trace_back`` (with the recall-scope frames) from random product lots, p50 / p99. The
   store is filled by the normal capture path with the documented fallback hash instead of
   the CBV hash (so filling is fast; the tables and indexes are the same).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_epcis import chain_document, product_lot  # noqa: E402

from aimaq.store import Store  # noqa: E402

__all__ = ["bench_capture", "bench_latency", "main"]

TARGET_RATIO, TARGET_P99_MS = 0.30, 50.0


def _fresh(url: str) -> Store:
    from aimaq.store import schema as S

    st = Store(url)
    if url.startswith("postgresql"):
        S.metadata.drop_all(st.engine)
        st.dispose()
        st = Store(url)
    return st


def _plain(st: Store, events: list[dict]) -> float:
    import sqlalchemy as sa

    md = sa.MetaData()
    t = sa.Table(
        "bench_plain_events",
        md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
    )
    md.drop_all(st.engine)
    md.create_all(st.engine)
    rows = [
        {"id": i + 1, "body": json.dumps(e, separators=(",", ":"))} for i, e in enumerate(events)
    ]
    t0 = time.perf_counter()
    with st.engine.begin() as c:
        for s in range(0, len(rows), 5000):
            c.execute(sa.insert(t), rows[s : s + 5000])
    dt = time.perf_counter() - t0
    md.drop_all(st.engine)
    return len(rows) / dt


def bench_capture(url_factory, events: int, runs: int) -> dict:
    """events/s of capture and of the plain bulk insert, ``runs`` fresh stores each."""
    from aimaq.supply.trace.repository import capture

    doc = chain_document(events // 10)
    body = json.dumps(doc).encode()
    cap, plain = [], []
    for _ in range(runs):
        st = _fresh(url_factory())
        t0 = time.perf_counter()
        r = capture(st, body)
        cap.append(r.accepted / (time.perf_counter() - t0))
        plain.append(_plain(st, doc["epcisBody"]["eventList"]))
        st.dispose()
    ratios = [c / p for c, p in zip(cap, plain, strict=True)]
    return {
        "events": len(doc["epcisBody"]["eventList"]),
        "capture": cap,
        "plain": plain,
        "ratio": ratios,
    }


def bench_latency(url: str, n_events: int, samples: int, seed: int = 7) -> dict:
    """p50/p99 (ms) of trace back from random product lots on a store of ``n_events``."""
    import random

    from aimaq.supply.trace import hashing
    from aimaq.supply.trace.lineage import trace_back, trace_back_ids
    from aimaq.supply.trace.repository import capture

    st = _fresh(url)
    orig = hashing.event_hashes
    hashing.event_hashes = lambda evs, ctx=None, fast=True: [hashing.fallback_hash(e) for e in evs]
    t0 = time.perf_counter()
    units, per_doc = n_events // 10, 2000
    try:
        for s in range(0, units, per_doc):
            capture(st, chain_document(min(per_doc, units - s), start=s))
            print(f"  filled {10 * min(s + per_doc, units)} events", file=sys.stderr, flush=True)
    finally:
        hashing.event_hashes = orig
    fill = time.perf_counter() - t0
    rnd = random.Random(seed)
    lots = [product_lot(rnd.randrange(units)) for _ in range(samples)]
    walk, full = [], []
    trace_back_ids(st, lots[0])  # warm the connection pool and caches
    for lot in lots:
        t = time.perf_counter()
        ids = trace_back_ids(st, lot)
        walk.append(1000 * (time.perf_counter() - t))
        assert len(ids) == 3, ids  # product lot, pallet, raw lot
        t = time.perf_counter()
        trace_back(st, lot)
        full.append(1000 * (time.perf_counter() - t))
    st.dispose()
    q = statistics.quantiles
    return {
        "events": 10 * units,
        "fill_s": fill,
        "samples": samples,
        "walk_p50": statistics.median(walk),
        "walk_p99": q(walk, n=100)[98],
        "full_p50": statistics.median(full),
        "full_p99": q(full, n=100)[98],
    }


def _mm(xs, fmt="{:,.0f}") -> str:
    return f"{fmt.format(statistics.median(xs))} ({fmt.format(min(xs))}–{fmt.format(max(xs))})"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--latency-events", type=int, default=100_000)
    ap.add_argument(
        "--pg-latency-events",
        type=int,
        default=None,
        help="store size for the PostgreSQL latency part (default: --latency-events)",
    )
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--write", type=Path)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_trace_"))
    k = iter(range(10_000))
    backends = [("SQLite", lambda: str(tmp / f"cap{next(k)}.sqlite"))]
    pg = os.environ.get("AIMAQ_TEST_PG_URL")
    if pg:
        backends.append(("PostgreSQL", lambda: pg))
    lines = [
        "# Benchmarks: traceability (aimaq.supply.trace)",
        "",
        f"Command: `PYTHONPATH=src python benchmarks/bench_trace.py --events {a.events} "
        f"--runs {a.runs} --latency-events {a.latency_events} --samples {a.samples}"
        + (f" --pg-latency-events {a.pg_latency_events}" if a.pg_latency_events else "")
        + "`"
        + (" (with `AIMAQ_TEST_PG_URL`)" if pg else ""),
        "",
        "## Capture throughput vs plain bulk insert (same database, same run)",
        "",
        "| database | events | capture events/s | plain insert events/s | ratio | target |",
        "|---|---|---|---|---|---|",
    ]
    for name, f in backends:
        print(f"capture into {name} ...", file=sys.stderr, flush=True)
        r = bench_capture(f, a.events, a.runs)
        lines.append(
            f"| {name} | {r['events']} | {_mm(r['capture'])} | {_mm(r['plain'])} | "
            f"{_mm(r['ratio'], '{:.3f}')} | ≥ {TARGET_RATIO:.2f} |"
        )
    lines += [
        "",
        "## Trace-back latency",
        "",
        "| database | events in store | fill time s | walk p50 ms | walk p99 ms | full trace p50 ms | full trace p99 ms | target p99 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, f in backends:
        print(f"latency on {name} ...", file=sys.stderr, flush=True)
        n = (
            a.pg_latency_events
            if name == "PostgreSQL" and a.pg_latency_events
            else a.latency_events
        )
        r = bench_latency(f(), n, a.samples)
        lines.append(
            f"| {name} | {r['events']:,} | {r['fill_s']:.0f} | {r['walk_p50']:.1f} | "
            f"{r['walk_p99']:.1f} | {r['full_p50']:.1f} | {r['full_p99']:.1f} | ≤ {TARGET_P99_MS:.0f} ms |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if a.write:
        a.write.write_text(text)


if __name__ == "__main__":
    main()
