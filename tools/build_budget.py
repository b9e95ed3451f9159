"""Carry the inter-budget figures of ../shared/data/kz/budget/ into ``data/bundled/budget.csv``.

Usage: python tools/build_budget.py [SHARED_DIR]

Two Ministry of Finance execution files (subventions and withdrawals; local budgets' tax
revenues and transfers received) and the law's planned 2026 withdrawals. Each row keeps its
value, unit, source and note exactly; the region as the source spells it goes to
``region_as_published``. Two spellings the name resolver does not take are mapped here, each on
a documented ground: ``YKO`` (the source repository's code for South Kazakhstan, before the
2018 split) and the law's national total row. Nothing is estimated or filled: the gaps of the
source (missing donor rows, Abai/Zhetisu/Ulytau in 2022) stay gaps.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from aimaq.ingest.tidy import read_tidy_csv, resolve_regions

ROOT = Path(__file__).resolve().parents[1]
FILES = ("transfers_subventions_withdrawals.csv", "local_budgets_tax_transfers.csv")
# spellings of this source that are not region names; each maps to the registry code
_SPELLINGS = {
    "YKO": "KZ-YUZ",  # South Kazakhstan oblast, 2018 row before the split (MORE.md)
    "Республика Казахстан (всего изъятий)": "KZ",  # the law's total of all withdrawals
}
# The 2022 tables are on a mixed division that the generic rule (aimaq.geo.borders) cannot
# tell: the source's notes settle it per file. Local budgets 2022: the national row includes
# Abai/Zhetisu/Ulytau, missing from the regional rows, so Almaty/Karaganda/East Kazakhstan are
# the residual oblasts (new borders). Subventions 2022: the national row equals the sum of the
# 13 listed regions and East Kazakhstan (217 037) and Karaganda (128 584) match their 2021
# old-border levels, so the rows are on the old borders (Almaty oblast's 37 037 stays flagged).
_DIVISION_2022 = {
    "local_budgets_tax_transfers.csv": {"KZ-ALM": "KZ-19", "KZ-KAR": "KZ-35", "KZ-VOS": "KZ-63"},
    "transfers_subventions_withdrawals.csv": {
        "KZ-19": "KZ-ALM",
        "KZ-35": "KZ-KAR",
        "KZ-63": "KZ-VOS",
    },
}
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


def build(shared: Path) -> pd.DataFrame:
    """The tidy frame of both budget files (registry codes in ``region``)."""
    frames = []
    for name in FILES:
        path = shared / "data" / "kz" / "budget" / name
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        raw["region_as_published"] = raw["region"]
        raw["region"] = raw["region"].replace(_SPELLINGS)
        raw["_row"] = range(2, len(raw) + 2)
        df = resolve_regions(raw, str(path))
        in_2022 = df["year"].astype(int) == 2022
        df.loc[in_2022, "region"] = df.loc[in_2022, "region"].replace(_DIVISION_2022[name])
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    df["period"] = df["year"].astype(str)
    return df[COLUMNS].sort_values(["indicator", "year", "region"]).reset_index(drop=True)


def main(shared: Path) -> None:
    df = build(shared)
    out = ROOT / "src" / "aimaq" / "data" / "bundled" / "budget.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(out, index=False)
    back = read_tidy_csv(out)  # the store reads it this way: check it round-trips
    assert len(back) == len(df), (len(back), len(df))
    print(f"{len(df)} rows -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
