"""Write the DEMONSTRATION cold chain that ``aimaq trace demo`` loads.

Usage: python tools/build_trace_demo.py

Everything here is invented demonstration data, not observations: GS1 company prefixes
952xxxx (GS1 reserves prefix 952 for demonstrations and examples), invented firms, a reefer
failure on the slaughterhouse → DC leg. Places are real settlements (GeoNames ids, CC BY 4.0)
so the movement can be drawn. Output: ``src/aimaq/data/trace_demo/demo_chain.jsonld`` and
``locations.csv``.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "aimaq" / "data" / "trace_demo"
TZ = timezone(timedelta(hours=5))
NOTE = "DEMONSTRATION DATA - invented events, not observations"

# party: (company prefix, name, GeoNames id of the settlement, role)
PARTIES = {
    "farm": ("9521001", "Demo Farm Kokshetau", 1522203, "cattle farm"),
    "abattoir": ("9521002", "Demo Meat Plant Astana", 1526273, "slaughterhouse"),
    "dairy": ("9521003", "Demo Dairy Petropavl", 1520172, "dairy"),
    "reefer": ("9521004", "Demo Reefer Logistics", 1526273, "carrier"),
    "dc": ("9521005", "Demo Food DC Karagandy", 609655, "distribution centre"),
    "shop_a": ("9521006", "Demo Market Karagandy", 609655, "retailer"),
    "shop_b": ("9521007", "Demo Market Temirtau", 1518262, "retailer"),
}


def sgln(p):
    return f"urn:epc:id:sgln:{PARTIES[p][0]}.00001.0"


def pgln(p):
    return f"urn:epc:id:pgln:{PARTIES[p][0]}.00001"


CATTLE = "urn:epc:class:lgtin:9521001.000001.C2611"
BEEF = "urn:epc:class:lgtin:9521002.000002.B2611"
KEFIR = "urn:epc:class:lgtin:9521003.000003.K2611"
PALLET_BEEF = "urn:epc:id:sscc:9521002.0000000017"
PALLET_KEFIR = "urn:epc:id:sscc:9521003.0000000018"


def t(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ)


def ev(kind, when, **kw):
    e = {"type": kind, "eventTime": when.isoformat(), "eventTimeZoneOffset": "+05:00"}
    e.update(kw)
    return e


def move(src, dst, parties_src, parties_dst):
    return {
        "sourceList": [
            {"type": "owning_party", "source": pgln(parties_src[0])},
            {"type": "possessing_party", "source": pgln(parties_src[1])},
            {"type": "location", "source": sgln(src)},
        ],
        "destinationList": [
            {"type": "owning_party", "destination": pgln(parties_dst[0])},
            {"type": "possessing_party", "destination": pgln(parties_dst[1])},
            {"type": "location", "destination": sgln(dst)},
        ],
    }


def readings(start, hours, temps, device):
    """Hourly sensor events, each with 4 readings at 15-minute steps (temps per reading)."""
    out, i = [], 0
    for h in range(hours):
        when = start + timedelta(hours=h)
        rep = []
        for q in range(4):
            rep.append(
                {
                    "type": "Temperature",
                    "value": temps[i],
                    "uom": "CEL",
                    "time": (when + timedelta(minutes=15 * q)).isoformat(),
                }
            )
            i += 1
        out.append((when + timedelta(minutes=45), rep, device))
    return out


def main() -> None:
    E = []
    E.append(
        ev(
            "ObjectEvent",
            t(2, 7),
            action="ADD",
            bizStep="commissioning",
            disposition="active",
            quantityList=[{"epcClass": CATTLE, "quantity": 12, "uom": "H87"}],
            readPoint={"id": sgln("farm")},
            bizLocation={"id": sgln("farm")},
        )
    )
    E.append(
        ev(
            "ObjectEvent",
            t(2, 9),
            action="OBSERVE",
            bizStep="shipping",
            disposition="in_transit",
            quantityList=[{"epcClass": CATTLE, "quantity": 12, "uom": "H87"}],
            readPoint={"id": sgln("farm")},
            bizTransactionList=[
                {
                    "type": "desadv",
                    "bizTransaction": "urn:epcglobal:cbv:bt:9521001000019:DA-2611-01",
                }
            ],
            **move("farm", "abattoir", ("farm", "farm"), ("abattoir", "abattoir")),
        )
    )
    E.append(
        ev(
            "ObjectEvent",
            t(2, 14),
            action="OBSERVE",
            bizStep="receiving",
            disposition="in_progress",
            quantityList=[{"epcClass": CATTLE, "quantity": 12, "uom": "H87"}],
            readPoint={"id": sgln("abattoir")},
            bizLocation={"id": sgln("abattoir")},
            **move("farm", "abattoir", ("farm", "farm"), ("abattoir", "abattoir")),
        )
    )
    E.append(
        ev(
            "TransformationEvent",
            t(3, 8),
            bizStep="commissioning",
            disposition="active",
            transformationID="urn:uuid:9b1c7e4a-5d2f-4c1e-9a60-2611b0000001",
            inputQuantityList=[{"epcClass": CATTLE, "quantity": 12, "uom": "H87"}],
            outputQuantityList=[{"epcClass": BEEF, "quantity": 2400, "uom": "KGM"}],
            readPoint={"id": sgln("abattoir")},
            bizLocation={"id": sgln("abattoir")},
            ilmd={"aimaq:temperatureClass": "red_meat", "aimaq:note": NOTE},
        )
    )
    E.append(
        ev(
            "AggregationEvent",
            t(4, 6),
            action="ADD",
            bizStep="packing",
            disposition="container_closed",
            parentID=PALLET_BEEF,
            childQuantityList=[{"epcClass": BEEF, "quantity": 2400, "uom": "KGM"}],
            readPoint={"id": sgln("abattoir")},
            bizLocation={"id": sgln("abattoir")},
        )
    )
    E.append(
        ev(
            "ObjectEvent",
            t(4, 8),
            action="OBSERVE",
            bizStep="shipping",
            disposition="in_transit",
            epcList=[PALLET_BEEF],
            readPoint={"id": sgln("abattoir")},
            bizTransactionList=[
                {
                    "type": "desadv",
                    "bizTransaction": "urn:epcglobal:cbv:bt:9521002000018:DA-2611-07",
                }
            ],
            **move("abattoir", "dc", ("abattoir", "reefer"), ("abattoir", "reefer")),
        )
    )
    # reefer leg Astana -> Karagandy, 8 h: compressor failure from about 11:00 to 13:00
    temps = [
        2.1,
        2.3,
        2.2,
        2.4,
        2.6,
        2.5,
        2.8,
        3.0,
        3.4,
        5.2,
        7.8,
        9.6,
        11.2,
        11.5,
        10.4,
        8.9,
        7.6,
        6.1,
        4.8,
        3.9,
        3.2,
        2.9,
        2.7,
        2.6,
        2.5,
        2.4,
        2.4,
        2.3,
        2.2,
        2.3,
        2.2,
        2.1,
    ]
    for when, rep, dev in readings(t(4, 8), 8, temps, "urn:epc:id:giai:9521004.REEFER07"):
        E.append(
            ev(
                "ObjectEvent",
                when,
                action="OBSERVE",
                bizStep="sensor_reporting",
                disposition="in_transit",
                epcList=[PALLET_BEEF],
                sensorElementList=[{"sensorMetadata": {"deviceID": dev}, "sensorReport": rep}],
            )
        )
    E.append(
        ev(
            "ObjectEvent",
            t(4, 16, 30),
            action="OBSERVE",
            bizStep="receiving",
            disposition="in_progress",
            epcList=[PALLET_BEEF],
            readPoint={"id": sgln("dc")},
            bizLocation={"id": sgln("dc")},
            **move("abattoir", "dc", ("abattoir", "reefer"), ("dc", "dc")),
        )
    )
    E.append(
        ev(
            "AggregationEvent",
            t(4, 17),
            action="DELETE",
            bizStep="unpacking",
            disposition="in_progress",
            parentID=PALLET_BEEF,
            childQuantityList=[{"epcClass": BEEF, "quantity": 2400, "uom": "KGM"}],
            readPoint={"id": sgln("dc")},
            bizLocation={"id": sgln("dc")},
        )
    )
    # dairy line: kefir Petropavl -> Karagandy DC, cold chain kept
    E.append(
        ev(
            "ObjectEvent",
            t(3, 6),
            action="ADD",
            bizStep="commissioning",
            disposition="active",
            quantityList=[{"epcClass": KEFIR, "quantity": 3000, "uom": "LTR"}],
            readPoint={"id": sgln("dairy")},
            bizLocation={"id": sgln("dairy")},
            ilmd={"aimaq:temperatureClass": "dairy", "aimaq:note": NOTE},
        )
    )
    E.append(
        ev(
            "AggregationEvent",
            t(3, 9),
            action="ADD",
            bizStep="packing",
            disposition="container_closed",
            parentID=PALLET_KEFIR,
            childQuantityList=[{"epcClass": KEFIR, "quantity": 3000, "uom": "LTR"}],
            readPoint={"id": sgln("dairy")},
            bizLocation={"id": sgln("dairy")},
        )
    )
    E.append(
        ev(
            "ObjectEvent",
            t(3, 10),
            action="OBSERVE",
            bizStep="shipping",
            disposition="in_transit",
            epcList=[PALLET_KEFIR],
            readPoint={"id": sgln("dairy")},
            **move("dairy", "dc", ("dairy", "reefer"), ("dairy", "reefer")),
        )
    )
    kt = [
        3.1,
        3.3,
        3.2,
        3.6,
        3.9,
        4.2,
        4.0,
        3.8,
        3.7,
        3.5,
        3.6,
        3.4,
        3.3,
        3.5,
        3.8,
        4.1,
        4.3,
        4.0,
        3.7,
        3.6,
        3.4,
        3.3,
        3.2,
        3.1,
        3.3,
        3.4,
        3.2,
        3.0,
        3.1,
        3.2,
        3.0,
        2.9,
        3.1,
        3.0,
        3.2,
        3.3,
        3.1,
        3.0,
        2.9,
        3.0,
    ]
    for when, rep, dev in readings(t(3, 10), 10, kt, "urn:epc:id:giai:9521004.REEFER03"):
        E.append(
            ev(
                "ObjectEvent",
                when,
                action="OBSERVE",
                bizStep="sensor_reporting",
                disposition="in_transit",
                epcList=[PALLET_KEFIR],
                sensorElementList=[{"sensorMetadata": {"deviceID": dev}, "sensorReport": rep}],
            )
        )
    E.append(
        ev(
            "ObjectEvent",
            t(3, 20, 30),
            action="OBSERVE",
            bizStep="receiving",
            disposition="in_progress",
            epcList=[PALLET_KEFIR],
            readPoint={"id": sgln("dc")},
            bizLocation={"id": sgln("dc")},
            **move("dairy", "dc", ("dairy", "reefer"), ("dc", "dc")),
        )
    )
    E.append(
        ev(
            "AggregationEvent",
            t(3, 21),
            action="DELETE",
            bizStep="unpacking",
            disposition="in_progress",
            parentID=PALLET_KEFIR,
            childQuantityList=[{"epcClass": KEFIR, "quantity": 3000, "uom": "LTR"}],
            readPoint={"id": sgln("dc")},
            bizLocation={"id": sgln("dc")},
        )
    )
    # DC -> retailers (own trucks of the DC, custody passes on delivery)
    for shop, beef, kefir, day in (("shop_a", 1000, 1800, 5), ("shop_b", 1400, 1200, 5)):
        ql = [
            {"epcClass": BEEF, "quantity": beef, "uom": "KGM"},
            {"epcClass": KEFIR, "quantity": kefir, "uom": "LTR"},
        ]
        E.append(
            ev(
                "ObjectEvent",
                t(day, 6 if shop == "shop_a" else 7),
                action="OBSERVE",
                bizStep="shipping",
                disposition="in_transit",
                quantityList=ql,
                readPoint={"id": sgln("dc")},
                **move("dc", shop, ("dc", "dc"), ("dc", "dc")),
            )
        )
        E.append(
            ev(
                "ObjectEvent",
                t(day, 9 if shop == "shop_a" else 10),
                action="OBSERVE",
                bizStep="receiving",
                disposition="sellable_accessible",
                quantityList=ql,
                readPoint={"id": sgln(shop)},
                bizLocation={"id": sgln(shop)},
                **move("dc", shop, ("dc", "dc"), (shop, shop)),
            )
        )
    E.sort(key=lambda e: e["eventTime"])
    doc = {
        "@context": [
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
            {"aimaq": "https://aimaq.example/epcis/"},
        ],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-11-06T00:00:00+05:00",
        "epcisHeader": {"aimaq:note": NOTE},
        "epcisBody": {"eventList": E},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "demo_chain.jsonld").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    with open(OUT / "locations.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["location", "party", "name", "role", "geonameid", "note"])
        for p, (_, name, gid, role) in PARTIES.items():
            w.writerow([sgln(p), pgln(p), name, role, gid, NOTE])
    print(f"{len(E)} events -> {OUT / 'demo_chain.jsonld'}")


if __name__ == "__main__":
    main()
