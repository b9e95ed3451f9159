"""The bundled DEMONSTRATION chain: farm → slaughterhouse / dairy → DC → retailers (Kazakhstan).

Invented events (GS1 demonstration prefix 952, invented firms) at real settlements (GeoNames,
CC BY 4.0), with a reefer failure on the slaughterhouse → DC leg. Rebuilt by
``tools/build_trace_demo.py``; loaded by ``aimaq trace demo``.
"""

from __future__ import annotations

from importlib import resources

__all__ = ["BEEF_LOT", "DEMO_NOTE", "KEFIR_LOT", "demo_path", "load_demo", "locations"]

DEMO_NOTE = "demonstration data: invented events, not observations"
BEEF_LOT = "urn:epc:class:lgtin:9521002.000002.B2611"
KEFIR_LOT = "urn:epc:class:lgtin:9521003.000003.K2611"


def demo_path():
    """Path of the demo EPCIS document."""
    return resources.files("aimaq") / "data" / "trace_demo" / "demo_chain.jsonld"


def load_demo(store, progress=None):
    """Capture the demo document into ``store`` (a second load finds only duplicates)."""
    from aimaq.supply.trace.repository import capture

    return capture(store, demo_path().read_bytes(), source="demo_chain.jsonld", progress=progress)


def locations():
    """Demo locations (canonical GLN) with party, name, role and coordinates from GeoNames."""
    import pandas as pd

    from aimaq.geo.settlements import settlements
    from aimaq.supply.trace.identifiers import canonical

    with resources.as_file(resources.files("aimaq") / "data" / "trace_demo" / "locations.csv") as p:
        df = pd.read_csv(p)
    s = (
        settlements()
        .set_index("geonameid")[["name", "lat", "lon"]]
        .rename(columns={"name": "settlement"})
    )
    df = df.join(s, on="geonameid")
    df["location"] = df["location"].map(canonical)
    df["party"] = df["party"].map(canonical)
    return df
