"""Trace back and forward through aggregation, transformation and transaction; recall scope.

The graph is over identifiers (instances and lots, canonical form), its edges the events:

* AggregationEvent / AssociationEvent ``ADD``/``OBSERVE``: the children are inside the parent
  from the event time — forward from a child reaches the parent; back from a parent reaches
  its children. ``DELETE`` (unpacking): forward from the parent reaches the children listed.
* TransformationEvent: inputs → outputs (all events sharing a ``transformationID`` are one
  transformation).
* TransactionEvent / ObjectEvent with ``parentID``: the listed objects travel in the parent.

Forward trace from a lot at time :math:`t_0` follows only events at or after the time each
identifier was reached (and before ``end``), back trace only events at or before it. Events
declared erroneous (an error declaration is stored for them) are not followed. The recall
scope is everything the forward trace reaches: identifiers (lots with quantities), locations,
and the participants named on those events; the custody chain says which party held an
identifier when (the destination possessing/owning party of an event takes custody, else the
source party keeps it).

Examples
--------
>>> from aimaq.store import Store
>>> from aimaq.supply.trace.repository import capture
>>> st = Store("sqlite://")
>>> ev = lambda **k: {"eventTime": "2026-05-01T08:00:00+05:00", "eventTimeZoneOffset": "+05:00", **k}
>>> lot = "urn:epc:class:lgtin:9521234.012345.L1"
>>> out = "urn:epc:class:lgtin:9521234.012346.M1"
>>> _ = capture(st, ev(type="TransformationEvent",
...     inputQuantityList=[{"epcClass": lot, "quantity": 10, "uom": "KGM"}],
...     outputQuantityList=[{"epcClass": out, "quantity": 8, "uom": "KGM"}]))
>>> trace_forward(st, lot).ids == (canonical(lot), canonical(out))
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from aimaq.supply.trace.identifiers import canonical

__all__ = [
    "TraceResult",
    "containers",
    "custody_chain",
    "trace_back",
    "trace_back_ids",
    "trace_forward",
]

_MAX_IDS = 100_000


@dataclass(frozen=True)
class TraceResult:
    """A trace from ``root``: identifiers reached and the recall scope around them.

    ``nodes`` (id, via, reached_at, depth, from_id), ``events`` (the events followed or touching the
    reached ids, in time order), ``quantities`` (class-level ids: quantity and uom per event),
    ``locations`` (location, first/last time, events), ``participants`` (party, side, type),
    ``custody`` (id, party, location, from, to), ``legs`` (movements: from, to, time, from
    source/destination locations) — pandas DataFrames.
    """

    root: str
    direction: str
    ids: tuple
    nodes: object
    events: object
    quantities: object
    locations: object
    participants: object
    custody: object
    legs: object


def _aware(dt):
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _fetch(conn, ids):
    """Event rows touching ``ids``: (pk, epc, role, is_class, qty, uom) + event columns."""
    import sqlalchemy as sa

    from aimaq.store import tables_trace as T

    E, X = T.trace_events, T.trace_epcs
    D = E.alias("d")
    q = (
        sa.select(
            X.c.event_pk, X.c.epc, E.c.event_time, E.c.event_type, E.c.action, E.c.transformation_id
        )
        .join(E, E.c.id == X.c.event_pk)
        .where(
            X.c.epc.in_(ids),
            E.c.kind == "event",
            ~sa.exists().where(D.c.dedup_key == E.c.event_hash + "#declaration"),
        )
    )
    return conn.execute(q).all()


def _members(conn, pks):
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_epcs as X

    out: dict[int, list] = {}
    for r in conn.execute(
        sa.select(X.c.event_pk, X.c.epc, X.c.role, X.c.is_class, X.c.quantity, X.c.uom).where(
            X.c.event_pk.in_(list(pks))
        )
    ):
        out.setdefault(r.event_pk, []).append(r)
    return out


def _tf_members(conn, tids):
    import sqlalchemy as sa

    from aimaq.store import tables_trace as T

    E, X = T.trace_events, T.trace_epcs
    if not tids:
        return {}
    q = (
        sa.select(E.c.transformation_id, X.c.epc, X.c.role)
        .join(E, E.c.id == X.c.event_pk)
        .where(E.c.transformation_id.in_(list(tids)))
    )
    out: dict[str, list] = {}
    for r in conn.execute(q):
        out.setdefault(r.transformation_id, []).append(r)
    return out


def _walk(conn, root: str, forward: bool, start, end):
    """Breadth-first over identifiers; returns reached {id: (via, time, depth)} and event pks."""
    lo = _aware(start)
    reached = {root: ("root", lo if forward else _aware(end), 0, None)}
    frontier, pks = [root], set()
    while frontier and len(reached) < _MAX_IDS:
        rows = []
        for s in range(0, len(frontier), 500):
            rows += _fetch(conn, frontier[s : s + 500])
        ok = []
        for r in rows:
            t, at = _aware(r.event_time), reached[r.epc][1]
            if forward and ((at is not None and t < at) or (end is not None and t >= _aware(end))):
                continue
            if not forward and ((at is not None and t > at) or (start is not None and t < lo)):
                continue
            ok.append(r)
            pks.add(r.event_pk)
        mem = _members(conn, {r.event_pk for r in ok})
        tfs = _tf_members(conn, {r.transformation_id for r in ok if r.transformation_id})
        nxt = []
        for r in ok:
            role = {m.epc: m.role for m in mem.get(r.event_pk, ())}.get(r.epc)
            members = mem.get(r.event_pk, ())
            t = _aware(r.event_time)
            via, targets = None, []
            if r.event_type in ("AggregationEvent", "AssociationEvent"):
                if forward and role == "child" and r.action in ("ADD", "OBSERVE"):
                    via, targets = "packed into", [m.epc for m in members if m.role == "parent"]
                elif (
                    forward
                    and role == "parent"
                    and r.action == "DELETE"
                    and (reached[r.epc][0] != "packed into")
                ):  # not the co-packed lots
                    via, targets = "unpacked from", [m.epc for m in members if m.role == "child"]
                elif (
                    not forward
                    and role == "parent"
                    and r.action in ("ADD", "OBSERVE")
                    and (reached[r.epc][0] != "unpacked from")
                ):
                    via, targets = "contained", [m.epc for m in members if m.role == "child"]
                elif not forward and role == "child" and r.action == "DELETE":
                    via, targets = "unpacked from", [m.epc for m in members if m.role == "parent"]
            elif r.event_type == "TransformationEvent":
                group = tfs.get(r.transformation_id) or members
                if forward and role == "input":
                    via, targets = "transformed into", [m.epc for m in group if m.role == "output"]
                elif not forward and role == "output":
                    via, targets = "made from", [m.epc for m in group if m.role == "input"]
            elif forward and role == "parent":
                via, targets = "carried", [m.epc for m in members if m.role == "epc"]
            elif not forward and role == "epc":
                via, targets = "carried in", [m.epc for m in members if m.role == "parent"]
            for x in targets:
                if x not in reached:
                    reached[x] = (via, t, reached[r.epc][2] + 1, r.epc)
                    nxt.append(x)
        frontier = nxt
    return reached, pks


def _event_frame(conn, pks):
    import pandas as pd
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_events as E

    cols = [
        E.c.id,
        E.c.event_id,
        E.c.event_time,
        E.c.event_type,
        E.c.action,
        E.c.biz_step,
        E.c.disposition,
        E.c.biz_location,
        E.c.read_point,
    ]
    rows = []
    pk = sorted(pks)
    for s in range(0, len(pk), 500):
        rows += conn.execute(sa.select(*cols).where(E.c.id.in_(pk[s : s + 500]))).all()
    df = pd.DataFrame(rows, columns=[c.name for c in cols])
    if not df.empty:
        df["event_time"] = pd.to_datetime(df["event_time"], utc=True)
    return df.sort_values(["event_time", "id"]).reset_index(drop=True)


def _parties(conn, pks):
    import pandas as pd
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_parties as P

    rows = []
    pk = sorted(pks)
    for s in range(0, len(pk), 500):
        rows += conn.execute(
            sa.select(P.c.event_pk, P.c.side, P.c.type, P.c.value).where(
                P.c.event_pk.in_(pk[s : s + 500])
            )
        ).all()
    return pd.DataFrame(rows, columns=["event_pk", "side", "type", "value"])


def custody_chain(events, members: dict, parties, ident: str, carriers: dict | None = None):
    """Custody segments of ``ident``: who held it, where, from when to when.

    ``events`` is an event frame (see :class:`TraceResult`), ``members`` maps event pk to its
    identifiers, ``parties`` the parties frame, ``carriers`` maps container ids to the time the
    identifier was packed into them (their events count from then on).
    """
    import pandas as pd

    carriers = carriers or {}
    segs, party, loc, since = [], None, None, None
    by_ev = {pk: g for pk, g in parties.groupby("event_pk")} if len(parties) else {}
    for ev in events.itertuples(index=False):
        ids = members.get(ev.id, set())
        if ident not in ids and not any(
            c in ids and ev.event_time >= t for c, t in carriers.items()
        ):
            continue
        g = by_ev.get(ev.id)
        new = None
        if g is not None:
            for side in ("destination", "source"):
                for typ in ("possessing_party", "owning_party"):
                    v = g[(g.side == side) & (g.type == typ)]["value"]
                    if new is None and len(v):
                        new = v.iloc[0]
        new_loc = ev.biz_location or ev.read_point or loc
        if ev.disposition == "in_transit" or ev.biz_step in (
            "shipping",
            "departing",
            "transporting",
        ):
            new_loc = None if ev.biz_step != "transporting" else new_loc
        if (new or party) != party or new_loc != loc or since is None:
            if since is not None:
                segs.append((ident, party, loc, since, ev.event_time))
            party, loc, since = new or party, new_loc, ev.event_time
    if since is not None:
        segs.append((ident, party, loc, since, pd.NaT))
    return pd.DataFrame(segs, columns=["id", "party", "location", "from", "to"])


def containers(nodes) -> dict:
    """Containers the root travelled in (packed into, transitively) → time it was packed."""
    out, inside = {}, {nodes["id"].iloc[0]}
    for r in nodes.itertuples(index=False):
        if r.via in ("packed into", "carried in") and r.from_id in inside:
            out[r.id] = r.reached_at
            inside.add(r.id)
    return out


def _result(conn, root, direction, reached, pks) -> TraceResult:
    import pandas as pd

    events = _event_frame(conn, pks)
    mem = _members(conn, pks)
    members = {pk: {m.epc for m in ms} for pk, ms in mem.items()}
    nodes = pd.DataFrame(
        [(k, *v) for k, v in reached.items()],
        columns=["id", "via", "reached_at", "depth", "from_id"],
    )
    q = [
        (m.epc, m.quantity, m.uom, pk)
        for pk, ms in mem.items()
        for m in ms
        if m.is_class and m.epc in reached
    ]
    quantities = pd.DataFrame(q, columns=["id", "quantity", "uom", "event_pk"])
    if not events.empty:
        quantities = quantities.merge(
            events[["id", "event_time", "biz_step", "biz_location"]].rename(
                columns={"id": "event_pk"}
            ),
            on="event_pk",
        )
    locs = (
        events.melt(
            id_vars=["id", "event_time"],
            value_vars=["biz_location", "read_point"],
            value_name="location",
        ).dropna(subset=["location"])
        if not events.empty
        else None
    )
    if locs is not None and not locs.empty:
        locations = (
            locs.groupby("location")
            .agg(first=("event_time", "min"), last=("event_time", "max"), events=("id", "nunique"))
            .reset_index()
            .sort_values("first")
            .reset_index(drop=True)
        )
    else:
        locations = pd.DataFrame(columns=["location", "first", "last", "events"])
    parties = _parties(conn, pks)
    participants = (
        parties.drop_duplicates(["value", "side", "type"])[["value", "side", "type"]]
        .rename(columns={"value": "party"})
        .reset_index(drop=True)
    )
    carriers = containers(nodes)
    custody = (
        custody_chain(events, members, parties, root, carriers)
        if not events.empty
        else (pd.DataFrame(columns=["id", "party", "location", "from", "to"]))
    )
    legs = _legs(parties, events)
    return TraceResult(
        root,
        direction,
        tuple(reached),
        nodes,
        events,
        quantities,
        locations,
        participants,
        custody,
        legs,
    )


def _legs(parties, events):
    import pandas as pd

    loc = parties[parties["type"] == "location"]
    src = loc[loc.side == "source"].drop_duplicates("event_pk").set_index("event_pk")["value"]
    dst = loc[loc.side == "destination"].drop_duplicates("event_pk").set_index("event_pk")["value"]
    both = pd.DataFrame({"from": src, "to": dst}).dropna()
    if events.empty or both.empty:
        return pd.DataFrame(columns=["from", "to", "time"])
    t = events.set_index("id")["event_time"]
    both["time"] = t.reindex(both.index).values
    return both.sort_values("time").drop_duplicates(["from", "to"]).reset_index(drop=True)


def trace_forward(
    store, ident: str, start: datetime | None = None, end: datetime | None = None
) -> TraceResult:
    """Everything ``ident`` went into and where it went (the recall scope), in ``[start, end)``."""
    root = canonical(ident)
    engine = getattr(store, "engine", store)
    with engine.connect() as conn:
        reached, pks = _walk(conn, root, True, start, end)
        return _result(conn, root, "forward", reached, pks)


def trace_back(
    store, ident: str, start: datetime | None = None, end: datetime | None = None
) -> TraceResult:
    """The origins of ``ident``: what it was made from or packed with, up to ``end``."""
    root = canonical(ident)
    engine = getattr(store, "engine", store)
    with engine.connect() as conn:
        reached, pks = _walk(conn, root, False, start, end)
        return _result(conn, root, "back", reached, pks)


def trace_back_ids(store, ident: str) -> tuple:
    """Only the identifiers reached by :func:`trace_back` (the fast path for latency)."""
    engine = getattr(store, "engine", store)
    with engine.connect() as conn:
        return tuple(_walk(conn, canonical(ident), False, None, None)[0])
