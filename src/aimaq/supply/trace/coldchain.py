"""Cold chain: temperature readings per lot, excursions per temperature class, MKT, verdicts.

Readings come from ``sensorElementList`` of the events of a lot and of the containers it
travelled in (from packing to unpacking), and from uploaded series (:func:`add_readings` of
:mod:`.repository`). An *excursion* is a maximal run of consecutive readings outside the class
limits: it starts at the first reading outside (the interval start for interval readings) and
ends at the next reading inside (or the last reading outside); its peak is the worst value.

Mean kinetic temperature (Haynes 1971; USP <1079>):

.. math:: T_{mk} = \\frac{\\Delta H / R}{-\\ln\\left(\\frac{1}{n}\\sum_i e^{-\\Delta H / (R T_i)}\\right)}

with :math:`T_i` in kelvin and :math:`\\Delta H / R = 83.144\\ \\mathrm{kJ\\,mol^{-1}} / 8.3144\\
\\mathrm{J\\,mol^{-1}K^{-1}} = 10\\,000` K, readings equally weighted.

Verdict per lot: ``breached`` when an excursion goes beyond the class limit plus its tolerance
(or lasts longer than ``max_excursion`` if given), ``at risk`` when an excursion stays within
the tolerance or a sensor reported an alarm/error condition, ``ok`` otherwise, ``no data``
without readings. The custodian during each excursion is the holder in the custody chain.

Examples
--------
>>> round(mean_kinetic_temperature([2.0, 4.0, 10.0]), 2)
6.06
>>> CLASSES["frozen"].high, CLASSES["chilled"].low, CLASSES["chilled"].high
(-18.0, 0.0, 4.0)
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import timedelta

__all__ = [
    "CLASSES",
    "ColdChainResult",
    "TemperatureClass",
    "at_risk",
    "cold_chain",
    "excursions",
    "mean_kinetic_temperature",
]

_DH_R = 83.144e3 / 8.3144  # K


@dataclass(frozen=True)
class TemperatureClass:
    """Limits (°C, None = unbounded), tolerated rise above ``high`` (°C) and the source."""

    name: str
    low: float | None
    high: float | None
    tolerance: float
    source: str


_NOTES = "../shared/data/kz/food_prices_notes.md §4"
CLASSES: dict[str, TemperatureClass] = {
    c.name: c
    for c in (
        TemperatureClass(
            "frozen",
            None,
            -18.0,
            3.0,
            f"ATP Annex 2 (quick-frozen foodstuffs ≤ −18 °C; a brief rise of at most 3 °C "
            f"tolerated), as read in {_NOTES}",
        ),
        TemperatureClass(
            "chilled",
            0.0,
            4.0,
            0.0,
            f"assumption: the three-zone model (chilled 0…+4 °C) derived in {_NOTES}",
        ),
        TemperatureClass(
            "red_meat",
            -1.5,
            7.0,
            0.0,
            f"chilled meat −1.5…+7 °C: interstate UNECE meat standard table 2 (ТР ТС "
            f"034/2013); ATP Annex 3 red meat +7 °C; {_NOTES}",
        ),
        TemperatureClass(
            "poultry", None, 4.0, 0.0, f"ATP Annex 3 poultry, game, rabbits +4 °C; {_NOTES}"
        ),
        TemperatureClass("minced_meat", None, 2.0, 0.0, f"ATP Annex 3 minced meat +2 °C; {_NOTES}"),
        TemperatureClass(
            "dairy",
            None,
            6.0,
            0.0,
            f"ATP Annex 3 pasteurised milk, fresh dairy (kefir, yoghurt, cream) +6 °C; {_NOTES}",
        ),
    )
}


def mean_kinetic_temperature(values) -> float:
    """Mean kinetic temperature (°C) of readings in °C, equally weighted."""
    vals = [float(v) for v in values]
    if not vals:
        return math.nan
    s = sum(math.exp(-_DH_R / (v + 273.15)) for v in vals) / len(vals)
    return _DH_R / -math.log(s) - 273.15


def excursions(readings, tclass: TemperatureClass):
    """Excursions of a time-ordered readings frame (``time``, ``value``, ``min``, ``max``,
    ``start``, ``end``) outside ``tclass``: a DataFrame with start, end, duration, peak, side,
    beyond_tolerance, n_readings."""
    import pandas as pd

    rows, cur = [], None
    for r in readings.itertuples(index=False):
        hi = r.max if pd.notna(r.max) else r.value
        lo = r.min if pd.notna(r.min) else r.value
        side = None
        if tclass.high is not None and pd.notna(hi) and hi > tclass.high:
            side, peak = "high", hi
        elif tclass.low is not None and pd.notna(lo) and lo < tclass.low:
            side, peak = "low", lo
        t0 = r.start if pd.notna(r.start) else r.time
        t1 = r.end if pd.notna(r.end) else r.time
        if side:
            if cur is None:
                cur = {"start": t0, "end": t1, "peak": peak, "side": side, "n_readings": 1}
            else:
                cur["end"] = t1
                cur["n_readings"] += 1
                cur["peak"] = max(cur["peak"], peak) if side == "high" else min(cur["peak"], peak)
        elif cur is not None:
            cur["end"] = t0
            rows.append(cur)
            cur = None
    if cur is not None:
        rows.append(cur)
    df = pd.DataFrame(rows, columns=["start", "end", "peak", "side", "n_readings"])
    df["duration"] = df["end"] - df["start"]
    lim_hi = (tclass.high or 0) + tclass.tolerance
    lim_lo = (tclass.low or 0) - tclass.tolerance
    df["beyond_tolerance"] = [
        (p > lim_hi) if s == "high" else (p < lim_lo)
        for p, s in zip(df["peak"], df["side"], strict=True)
    ]
    return df


@dataclass(frozen=True)
class ColdChainResult:
    """Cold-chain record of one lot: ``readings``, ``excursions`` (with ``custodian`` and
    ``location``), ``legs`` (custody segments with n, min, max, MKT), overall ``mkt`` (°C),
    ``verdict`` and the ``reason``."""

    lot: str
    temperature_class: TemperatureClass
    readings: object
    excursions: object
    legs: object
    mkt: float
    verdict: str
    reason: str


def _readings(conn, ids: dict, unpacked: dict):
    import pandas as pd
    import sqlalchemy as sa

    from aimaq.store import tables_trace as T

    E, X, R = T.trace_events, T.trace_epcs, T.trace_readings
    cols = [
        R.c.time,
        R.c.value,
        R.c.min_value,
        R.c.max_value,
        R.c.mean_value,
        R.c.start_time,
        R.c.end_time,
        R.c.exception,
        R.c.type,
        R.c.uom,
    ]
    q1 = (
        sa.select(X.c.epc.label("via"), E.c.event_time, *cols)
        .join(E, E.c.id == X.c.event_pk)
        .join(R, R.c.event_pk == E.c.id)
        .where(X.c.epc.in_(list(ids)))
    )
    q2 = sa.select(R.c.subject.label("via"), R.c.time.label("event_time"), *cols).where(
        R.c.subject.in_(list(ids))
    )
    rows = conn.execute(q1).all() + conn.execute(q2).all()
    df = pd.DataFrame(
        rows,
        columns=[
            "via",
            "event_time",
            "time",
            "value",
            "min",
            "max",
            "mean",
            "start",
            "end",
            "exception",
            "type",
            "uom",
        ],
    )
    df = df[(df["type"].isna() | (df["type"] == "Temperature"))]
    for c in ("event_time", "time", "start", "end"):
        df[c] = pd.to_datetime(df[c], utc=True)
    df["time"] = df["time"].fillna(df["end"]).fillna(df["event_time"])
    df["value"] = df["value"].fillna(df["mean"])
    fah = df["uom"] == "FAH"
    for c in ("value", "min", "max"):
        df.loc[fah, c] = (df.loc[fah, c] - 32) * 5 / 9
    keep = [
        (ids[v] is None or t >= ids[v]) and (unpacked.get(v) is None or t <= unpacked[v])
        for v, t in zip(df["via"], df["time"], strict=True)
    ]
    df = df[pd.Series(keep, index=df.index, dtype=bool)].drop_duplicates(
        ["time", "value", "min", "max", "exception"]
    )
    return df.sort_values("time").reset_index(drop=True)


def _class_of(conn, lot: str) -> str | None:
    import sqlalchemy as sa

    from aimaq.store import tables_trace as T

    E, X = T.trace_events, T.trace_epcs
    q = (
        sa.select(E.c.body)
        .join(X, X.c.event_pk == E.c.id)
        .where(X.c.epc == lot, E.c.body.like("%temperatureClass%"))
        .limit(5)
    )
    for (body,) in conn.execute(q):
        for k, v in (json.loads(body).get("ilmd") or {}).items():
            if k.endswith("temperatureClass"):
                return v
    return None


def _unpack_times(conn, carriers) -> dict:
    import sqlalchemy as sa

    from aimaq.store import tables_trace as T

    E, X = T.trace_events, T.trace_epcs
    out = {}
    if carriers:
        q = (
            sa.select(X.c.epc, sa.func.min(E.c.event_time))
            .join(E, E.c.id == X.c.event_pk)
            .where(X.c.epc.in_(list(carriers)), X.c.role == "parent", E.c.action == "DELETE")
            .group_by(X.c.epc)
        )
        import pandas as pd

        out = {
            e: pd.Timestamp(t, tz="UTC") if pd.Timestamp(t).tzinfo is None else pd.Timestamp(t)
            for e, t in conn.execute(q)
        }
    return out


def cold_chain(
    store,
    lot: str,
    temperature_class: str | TemperatureClass | None = None,
    max_excursion: timedelta | None = None,
) -> ColdChainResult:
    """The cold-chain record and verdict of ``lot`` (class from the lot's ILMD
    ``…:temperatureClass`` unless given; default ``chilled``)."""
    import pandas as pd

    from aimaq.supply.trace.lineage import containers, trace_forward

    tr = trace_forward(store, lot)
    root = tr.root
    carriers = containers(tr.nodes)
    engine = getattr(store, "engine", store)
    with engine.connect() as conn:
        name = temperature_class or _class_of(conn, root) or "chilled"
        tc = name if isinstance(name, TemperatureClass) else CLASSES[name]
        ids = {root: None, **{k: pd.Timestamp(v) for k, v in carriers.items()}}
        reads = _readings(conn, ids, _unpack_times(conn, carriers))
    exc = excursions(reads, tc)
    cust = tr.custody

    def holder(t, col):
        for s in cust.itertuples(index=False):
            if s[3] <= t and (pd.isna(s[4]) or t < s[4]):
                return getattr(s, col)
        return None

    exc["custodian"] = [holder(t, "party") for t in exc["start"]]
    exc["location"] = [holder(t, "location") for t in exc["start"]]
    legs = []
    for s in cust.itertuples(index=False):
        sel = (
            reads[(reads["time"] >= s[3]) & (pd.isna(s[4]) | (reads["time"] < s[4]))]
            if len(reads)
            else reads
        )
        v = sel["value"].dropna() if len(sel) else []
        legs.append(
            (
                s.party,
                s.location,
                s[3],
                s[4],
                len(sel),
                float(sel["min"].fillna(sel["value"]).min()) if len(sel) else math.nan,
                float(sel["max"].fillna(sel["value"]).max()) if len(sel) else math.nan,
                mean_kinetic_temperature(v),
            )
        )
    legs = pd.DataFrame(legs, columns=["party", "location", "from", "to", "n", "min", "max", "mkt"])
    mkt = mean_kinetic_temperature(reads["value"].dropna()) if len(reads) else math.nan
    alarms = int(reads["exception"].notna().sum()) if len(reads) else 0
    too_long = bool(max_excursion is not None and (exc["duration"] > max_excursion).any())
    if reads.empty:
        verdict, reason = "no data", "no temperature readings for this lot or its containers"
    elif exc["beyond_tolerance"].any() or too_long:
        w = exc[exc["beyond_tolerance"]].iloc[0] if exc["beyond_tolerance"].any() else exc.iloc[0]
        verdict = "breached"
        reason = (
            f"{w.peak:.1f} °C at {w.start:%Y-%m-%d %H:%M} UTC for {w.duration}, limit "
            f"{tc.high if w.side == 'high' else tc.low} °C ({tc.name}), held by {w.custodian}"
        )
    elif len(exc) or alarms:
        verdict = "at risk"
        reason = f"{len(exc)} excursion(s) within tolerance, {alarms} sensor alarm(s)"
    else:
        verdict, reason = "ok", f"all {len(reads)} readings within {tc.name} limits"
    return ColdChainResult(root, tc, reads, exc, legs, mkt, verdict, reason)


def at_risk(store, max_excursion: timedelta | None = None):
    """Lots (class-level ids) that are breached or at risk, with their downstream recall scope
    (trace forward from the first excursion): a DataFrame."""
    import pandas as pd
    import sqlalchemy as sa

    from aimaq.store.tables_trace import trace_epcs as X
    from aimaq.supply.trace.lineage import trace_forward

    engine = getattr(store, "engine", store)
    with engine.connect() as conn:
        lots = sorted(conn.execute(sa.select(X.c.epc).where(X.c.is_class).distinct()).scalars())
    out = []
    for lot in lots:
        cc = cold_chain(store, lot, max_excursion=max_excursion)
        if cc.verdict not in ("breached", "at risk"):
            continue
        scope = trace_forward(store, lot)  # the whole lot is suspect, also what left before
        parties = scope.participants[scope.participants["type"] != "location"]
        out.append(
            {
                "lot": lot,
                "verdict": cc.verdict,
                "class": cc.temperature_class.name,
                "reason": cc.reason,
                "custodians": ", ".join(sorted({str(c) for c in cc.excursions["custodian"]})),
                "recall_ids": list(scope.ids),
                "recall_locations": list(scope.locations["location"]),
                "recall_participants": sorted(set(parties["party"])),
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "lot",
            "verdict",
            "class",
            "reason",
            "custodians",
            "recall_ids",
            "recall_locations",
            "recall_participants",
        ],
    )
