"""Carry the price data of ../shared/data/kz into the package (``src/aimaq/data/prices/``).

Usage: python tools/build_prices.py [SHARED_DIR]   (also called by tools/build_bundled.py)

- ``prices/wfp_retail_prices_2005-2020.csv`` (WFP VAM retail prices, HDX wfp_food_prices_kaz,
  as transcribed) → ``wfp_retail_prices.csv`` (tidy price CSV);
- ``food_prices.csv`` (national and city prices quoted by the press from the bureau's weekly
  monitoring, and KazTAG's own 2014 monitoring) → ``press_prices.csv``; a month given without a
  day ("2023-07") is stored on the 1st with the month named in the note;
- ``prices/szpt_markup_rule.csv`` (the 15 % cap and the list size, with sources) →
  ``markup_rule.csv`` unchanged.

Each price keeps its value, unit, source and note; nothing is estimated or filled.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

from aimaq.ingest.prices import read_price_csv, read_wfp_transcription

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "aimaq" / "data" / "prices"
COLUMNS = [
    "product",
    "market",
    "date",
    "stage",
    "price",
    "unit",
    "currency",
    "source",
    "note",
    "product_as_published",
    "market_as_published",
]


def _write(frame: pd.DataFrame, out: Path) -> Path:
    df = frame.copy()
    df["date"] = pd.to_datetime(df["date"]).dt.strftime("%Y-%m-%d")
    df[COLUMNS].sort_values(["product", "market", "date"]).to_csv(out, index=False)
    return out


def build(shared: Path, out: Path = OUT) -> list[Path]:
    """Write the bundled price files from ``shared`` into ``out``; return their paths."""
    kz = shared / "data" / "kz"
    out.mkdir(parents=True, exist_ok=True)
    done = [
        _write(
            read_wfp_transcription(kz / "prices" / "wfp_retail_prices_2005-2020.csv").frame,
            out / "wfp_retail_prices.csv",
        )
    ]
    press = pd.read_csv(kz / "food_prices.csv", dtype=str, keep_default_na=False)
    month_only = press["date"].str.fullmatch(r"\d{4}-\d{2}")
    tidy = pd.DataFrame(
        {
            "product": press["product"],
            "market": press["region"],
            "date": press["date"].where(~month_only, press["date"] + "-01"),
            "stage": "retail",
            "price": press["price_kzt"],
            "unit": press["unit"],
            "currency": "KZT",
            "source": press["source"],
            "note": [
                f"figure for the month {d} (stored on its 1st); {n}" if m else n
                for d, n, m in zip(press["date"], press["note"], month_only, strict=True)
            ],
        }
    )
    tmp = out / "_press_tmp.csv"
    tidy.to_csv(tmp, index=False)
    try:
        done.append(_write(read_price_csv(tmp).frame, out / "press_prices.csv"))
    finally:
        tmp.unlink()
    rule = out / "markup_rule.csv"
    shutil.copyfile(kz / "prices" / "szpt_markup_rule.csv", rule)
    done.append(rule)
    return done


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"):
        print(f"-> {p}")
