"""Synthetic EPCIS 2.0 food chains for the trace benchmarks (demonstration identifiers, 952…).

Each *unit* is 10 events: a raw lot commissioned at a farm, shipped and received at a plant,
transformed into a product lot, packed on a pallet, shipped, reported on by a reefer sensor,
received at a DC, unpacked, and shipped to a retailer. Trace back from a product lot walks
pallet → product → raw lot.

    PYTHONPATH=src python benchmarks/gen_epcis.py --units 1000 --out /tmp/chain.jsonld
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import datetime, timedelta, timezone

__all__ = ["chain_document", "chain_events", "product_lot"]

_TZ = timezone(timedelta(hours=5))
_CTX = ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]


def _sgln(p: int) -> str:
    return f"urn:epc:id:sgln:952{p:04d}.00001.0"


def _pgln(p: int) -> str:
    return f"urn:epc:id:pgln:952{p:04d}.00001"


def product_lot(i: int) -> str:
    """The product lot of unit ``i``."""
    return f"urn:epc:class:lgtin:9520002.000002.P{i}"


def chain_events(units: int, start: int = 0, seed: int = 1) -> list[dict]:
    """``10 * units`` events (units ``start`` … ``start + units - 1``)."""
    rnd = random.Random(seed + start)
    out = []
    t0 = datetime(2026, 1, 1, tzinfo=_TZ)
    for i in range(start, start + units):
        t = t0 + timedelta(minutes=7 * i)
        farm, plant, dc, shop = 1 + i % 50, 100 + i % 20, 200 + i % 5, 300 + i % 200
        raw, lot = f"urn:epc:class:lgtin:9520001.000001.R{i}", product_lot(i)
        pal = f"urn:epc:id:sscc:9520002.{i:010d}"

        def ev(kind, dt, t=t, **kw):
            return {
                "type": kind,
                "eventTime": (t + timedelta(hours=dt)).isoformat(),
                "eventTimeZoneOffset": "+05:00",
                **kw,
            }

        def mv(a, b, pa, pb):
            return {
                "sourceList": [
                    {"type": "possessing_party", "source": _pgln(pa)},
                    {"type": "location", "source": _sgln(a)},
                ],
                "destinationList": [
                    {"type": "possessing_party", "destination": _pgln(pb)},
                    {"type": "location", "destination": _sgln(b)},
                ],
            }

        q = [{"epcClass": raw, "quantity": 10 + i % 7, "uom": "H87"}]
        ql = [{"epcClass": lot, "quantity": 1000 + i % 500, "uom": "KGM"}]
        out += [
            ev(
                "ObjectEvent",
                0,
                action="ADD",
                bizStep="commissioning",
                disposition="active",
                quantityList=q,
                bizLocation={"id": _sgln(farm)},
            ),
            ev(
                "ObjectEvent",
                1,
                action="OBSERVE",
                bizStep="shipping",
                disposition="in_transit",
                quantityList=q,
                readPoint={"id": _sgln(farm)},
                **mv(farm, plant, farm, plant),
            ),
            ev(
                "ObjectEvent",
                5,
                action="OBSERVE",
                bizStep="receiving",
                disposition="in_progress",
                quantityList=q,
                bizLocation={"id": _sgln(plant)},
                **mv(farm, plant, farm, plant),
            ),
            ev(
                "TransformationEvent",
                20,
                bizStep="commissioning",
                disposition="active",
                inputQuantityList=q,
                outputQuantityList=ql,
                bizLocation={"id": _sgln(plant)},
            ),
            ev(
                "AggregationEvent",
                22,
                action="ADD",
                bizStep="packing",
                parentID=pal,
                childQuantityList=ql,
                bizLocation={"id": _sgln(plant)},
            ),
            ev(
                "ObjectEvent",
                23,
                action="OBSERVE",
                bizStep="shipping",
                disposition="in_transit",
                epcList=[pal],
                readPoint={"id": _sgln(plant)},
                **mv(plant, dc, plant, 400),
            ),
            ev(
                "ObjectEvent",
                25,
                action="OBSERVE",
                bizStep="sensor_reporting",
                epcList=[pal],
                sensorElementList=[
                    {
                        "sensorReport": [
                            {
                                "type": "Temperature",
                                "value": round(rnd.uniform(1.0, 6.5), 1),
                                "uom": "CEL",
                                "time": (t + timedelta(hours=25)).isoformat(),
                            }
                        ]
                    }
                ],
            ),
            ev(
                "ObjectEvent",
                29,
                action="OBSERVE",
                bizStep="receiving",
                disposition="in_progress",
                epcList=[pal],
                bizLocation={"id": _sgln(dc)},
                **mv(plant, dc, 400, dc),
            ),
            ev(
                "AggregationEvent",
                30,
                action="DELETE",
                bizStep="unpacking",
                parentID=pal,
                childQuantityList=ql,
                bizLocation={"id": _sgln(dc)},
            ),
            ev(
                "ObjectEvent",
                40,
                action="OBSERVE",
                bizStep="shipping",
                disposition="in_transit",
                quantityList=ql,
                readPoint={"id": _sgln(dc)},
                **mv(dc, shop, dc, shop),
            ),
        ]
    return out


def chain_document(units: int, start: int = 0) -> dict:
    """An EPCISDocument with :func:`chain_events`."""
    return {
        "@context": _CTX,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-01-01T00:00:00+05:00",
        "epcisBody": {"eventList": chain_events(units, start)},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--units", type=int, default=1000)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    with open(a.out, "w") as f:
        json.dump(chain_document(a.units), f)
    print(f"{10 * a.units} events -> {a.out}")


if __name__ == "__main__":
    main()
