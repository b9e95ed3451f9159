"""Long series from the bureau's raw files: ``src/aimaq/data/bundled/history.csv``.

Usage: python tools/build_history.py [SHARED_DIR]   (also run by tools/build_bundled.py)

Each file of ``SHARED_DIR/data/kz/raw`` listed in :data:`RAW_FILES` is read by aimaq's own
readers (:func:`aimaq.ingest.dispatch.read_file`), every period they read is kept (annual, and
the quarterly or cumulative figures where the file has them) and the cell each figure was read
from goes into ``note``. The ``source`` is the same citation ``observations.csv`` uses for the
same file, so a figure both hold is one figure with one source. A figure both hold with a
different value stops the build: it is a revision to resolve by hand, not to pass over.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "aimaq" / "data" / "bundled" / "history.csv"
COLUMNS = [
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

#: raw file → (the citation observations.csv gives the same file, indicators kept)
RAW_FILES: dict[str, tuple[str, tuple[str, ...]]] = {
    "bns_grp_per_capita_2008-2023.xlsx": (
        "github:open-data-kazakhstan/city-gdp-per-capita/arhive/6. ВРП на душу населения.xlsx"
        "@659fb639048bf7897462e6f9d4db1b057cce42b5 (BNS stat.gov.kz file)",
        ("grp_per_capita_thousand_kzt", "grp_per_capita_usd"),
    ),
    "bns_population_by_region_2000-2023.xlsx": (
        "github:open-data-kazakhstan/population-projections-by-regions/archive/source.xlsx"
        "@2568e4140d8527c5e501619440ae4eb2e769275a (BNS stat.gov.kz file)",
        ("population_total",),
    ),
    "bns_unemployment_rate_regions_2001-2023.xlsx": (
        "github:open-data-kazakhstan/city-unemployment-rate/archive/unemploymentRate.xlsx"
        "@2daa097cb5c73f5d4102426786464ac6d14324e7 (BNS stat.gov.kz file, English)",
        ("unemployment_rate_pct",),
    ),
    "taldau_704447_income_per_capita.csv": (
        "github:open-data-kazakhstan/average-per-capita-nominal-cash-income/data/output.csv"
        "@495278c8f40fd82b0a56bfb369f7c66393fc449e (taldau.stat.gov.kz index 704447)",
        ("income_per_capita_nominal_monthly_kzt",),
    ),
}


def _where(row) -> str:
    sheet = f"sheet '{row['sheet']}', " if isinstance(row["sheet"], str) and row["sheet"] else ""
    return f"raw/{row['_file']}: {sheet}cell {row['cell']}"


def read_history(shared: Path) -> pd.DataFrame:
    """The figures of the raw files, as the project's readers read them, in bundled format."""
    from aimaq.ingest.dispatch import read_file

    raw = shared / "data" / "kz" / "raw"
    parts = []
    for name, (source, keep) in RAW_FILES.items():
        df = read_file(raw / name)
        df = df[df["indicator"].isin(keep)].copy()
        df["_file"] = name
        where = df.apply(_where, axis=1)
        note = df["note"].where(df["note"].notna() & (df["note"].astype(str) != ""), None)
        df["note"] = [w if n is None else f"{n}; {w}" for n, w in zip(note, where, strict=True)]
        df["source"] = source
        parts.append(df[COLUMNS])
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["indicator", "year", "period", "region"]).reset_index(drop=True)


def check_against(history: pd.DataFrame, observations: pd.DataFrame) -> int:
    """Number of figures both hold; raise ``ValueError`` listing any that differ."""
    obs = observations.astype({"period": str})
    m = history.merge(obs, on=["region", "indicator", "period"], suffixes=("", "_obs"))
    bad = m[(m["value"] - m["value_obs"]).abs() > 1e-9 * m["value"].abs().clip(lower=1)]
    if len(bad):
        lines = bad[["region", "indicator", "period", "value", "value_obs", "note"]].to_string()
        raise ValueError(f"raw files and observations.csv disagree (revisions):\n{lines}")
    return len(m)


def main(shared: Path) -> None:
    hist = read_history(shared)
    obs = pd.read_csv(ROOT / "src" / "aimaq" / "data" / "observations.csv", dtype={"period": str})
    both = check_against(hist, obs)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    hist.to_csv(OUT, index=False)
    print(f"{len(hist)} rows -> {OUT} ({both} also in observations.csv, all equal)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
