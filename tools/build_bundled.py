"""Carry the official figures of ../shared/data/kz/observations.csv into the package's format.

Usage: python tools/build_bundled.py [SHARED_DIR]

Each row keeps its value, unit, source and note exactly; the region name as the source spells
it goes to ``region_as_published`` and the registry code (on the division the figure was
published on) to ``region``. Nothing is estimated or filled.
"""

from __future__ import annotations

import sys
from pathlib import Path

import build_budget  # tools/ is on the path when this script runs

from aimaq.ingest.tidy import read_tidy_csv

ROOT = Path(__file__).resolve().parents[1]


def main(shared: Path) -> None:
    src = shared / "data" / "kz" / "observations.csv"
    df = read_tidy_csv(src)
    df["period"] = df["year"].astype(str)
    cols = [
        "region",
        "region_as_published",
        "indicator",
        "year",
        "period",
        "value",
        "unit",
        "source",
        "note",
    ]
    out = ROOT / "src" / "aimaq" / "data" / "observations.csv"
    df[cols].sort_values(["indicator", "year", "region"]).to_csv(out, index=False)
    print(f"{len(df)} rows -> {out}")
    from build_prices import build as build_prices  # prices: tools/build_prices.py

    for p in build_prices(shared):
        print(f"-> {p}")
    build_budget.main(shared)
    import build_history

    build_history.main(shared)


if __name__ == "__main__":
    shared_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    main(shared_dir)
    sys.path.insert(0, str(ROOT / "tools"))
    import build_districts  # district registry, succession and polygons from geokz

    build_districts.main(shared_dir)
    print(build_districts.bundle_population(shared_dir))
