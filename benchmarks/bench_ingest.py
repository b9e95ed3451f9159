"""Ingest throughput: the bureau's raw files + the bundled data, and a large synthetic tidy CSV.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_ingest.py            # SQLite (+ PostgreSQL if
                                                                # AIMAQ_TEST_PG_URL is set)
    PYTHONPATH=src python benchmarks/bench_ingest.py --rows 500000 --profile

Parts:

1. every file in ../shared/data/kz/raw and the bundled ``observations.csv`` into a fresh store
   (read + load), rows/s, on SQLite and on PostgreSQL when ``AIMAQ_TEST_PG_URL`` is set;
2. a synthetic tidy CSV of ``--rows`` figures (real catalogue ids; regions of each year's
   division; annual, quarterly, cumulative and monthly periods) into a fresh SQLite store,
   timed per stage (CSV read + name/border resolution, Store.load); ``--profile`` prints the
   top of a cProfile of the load.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from aimaq import catalogue
from aimaq.geo import registry
from aimaq.ingest.dispatch import ingest_file, read_file
from aimaq.ingest.grid import unit_string
from aimaq.ingest.tidy import read_tidy_csv
from aimaq.store import Store, bundled_path

__all__ = ["bench_raw", "bench_synthetic", "main", "synthetic_csv"]

REPO = Path(__file__).resolve().parents[1]
RAW = REPO.parent / "shared" / "data" / "kz" / "raw"
TARGET = 50_000  # rows/s


def _files() -> list[tuple[Path, str | None]]:
    out: list[tuple[Path, str | None]] = [(bundled_path(), None)]
    if RAW.is_dir():
        for p in sorted(RAW.iterdir()):
            if p.suffix in (".xlsx", ".csv"):
                out.append((p, "avg_monthly_nominal_wage_kzt" if "wage" in p.name else None))
    return out


def _fresh(url: str) -> Store:
    from aimaq.store import schema as S

    st = Store(url)
    if not st.url.startswith("sqlite"):
        S.metadata.drop_all(st.engine)
        st.dispose()
        st = Store(url)
    return st


def bench_raw(url: str) -> tuple[int, float, list[tuple[str, int, float]]]:
    """Ingest the bundled data and every raw file into a fresh store at ``url``."""
    st = _fresh(url)
    per = []
    t0 = time.perf_counter()
    for path, ind in _files():
        t = time.perf_counter()
        s = ingest_file(path, st, indicator=ind)
        per.append((path.name, s.rows, time.perf_counter() - t))
    total = time.perf_counter() - t0
    rows = st.count()
    st.dispose()
    return rows, total, per


def synthetic_csv(path: Path, rows: int, seed: int = 0) -> int:
    """Write a valid tidy CSV of ``rows`` figures; returns the number written."""
    rng = np.random.default_rng(seed)
    subs = ["", "-Q1", "-Q2", "-Q3", "-Q4", "-H1", "-9M"] + [f"-{m:02d}" for m in range(1, 13)]
    years = range(1995, 2026)
    inds = [i.id for i in catalogue.indicators()]
    units = {i: unit_string(i) for i in inds}
    div = {y: registry.region_codes(y, include_national=True) for y in years}
    parts, n = [], 0
    for ind in inds:
        for y in years:
            regs = div[y]
            for sub in subs:
                k = len(regs)
                parts.append(
                    pd.DataFrame(
                        {
                            "region": regs,
                            "indicator": ind,
                            "year": y,
                            "period": f"{y}{sub}",
                            "value": np.round(rng.uniform(0, 1e6, k), 1),
                            "unit": units[ind],
                            "source": f"synthetic benchmark ({ind})",
                        }
                    )
                )
                n += k
                if n >= rows:
                    break
            if n >= rows:
                break
        if n >= rows:
            break
    df = pd.concat(parts, ignore_index=True).iloc[:rows]
    df.to_csv(path, index=False)
    return len(df)


def bench_synthetic(rows: int, profile: bool = False) -> dict:
    """Time the synthetic CSV through read_tidy_csv and Store.load on a fresh SQLite store."""
    with tempfile.TemporaryDirectory() as d:
        csv_path = Path(d) / "synthetic.csv"
        n = synthetic_csv(csv_path, rows)
        st = Store(Path(d) / "s.sqlite")
        t = time.perf_counter()
        frame = read_tidy_csv(csv_path)
        t_read = time.perf_counter() - t
        prof = cProfile.Profile() if profile else None
        t = time.perf_counter()
        if prof:
            prof.enable()
        s = st.load(frame, file=str(csv_path))
        if prof:
            prof.disable()
        t_load = time.perf_counter() - t
        out = {"rows": n, "read": t_read, "load": t_load, "added": s.added}
        if prof:
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(25)
            out["profile"] = buf.getvalue()
        st.dispose()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=500_000)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--skip-raw", action="store_true")
    a = ap.parse_args(argv)

    if not a.skip_raw:
        if not RAW.is_dir():
            print(f"(../shared not present at {RAW}: raw files skipped, bundled data only)")
        targets = [("SQLite", None)]
        pg = os.environ.get("AIMAQ_TEST_PG_URL")
        targets.append(("PostgreSQL", pg) if pg else ("PostgreSQL", ""))
        for name, url in targets:
            if url == "":
                print("PostgreSQL: skipped (AIMAQ_TEST_PG_URL not set)")
                continue
            if url is None:
                tmp = tempfile.mkdtemp()
                url = f"sqlite:///{tmp}/raw.sqlite"
            rows, total, per = bench_raw(url)
            print(
                f"{name}: raw files + bundled data → {rows} rows in {total:.2f} s "
                f"({rows / total:,.0f} rows/s)"
            )
            for f, r, t in per:
                print(f"  {f:55s} {r:6d} rows  {t:6.2f} s  {r / t:9,.0f} rows/s")

    # reading only (no store), to separate parsing from loading
    if RAW.is_dir() and not a.skip_raw:
        t = time.perf_counter()
        n = sum(len(read_file(p, indicator=i)) for p, i in _files()[1:])
        dt = time.perf_counter() - t
        print(f"read only (raw files, no store): {n} rows in {dt:.2f} s ({n / dt:,.0f} rows/s)")

    r = bench_synthetic(a.rows, a.profile)
    total = r["read"] + r["load"]
    print(
        f"synthetic tidy CSV, SQLite: {r['rows']} rows; read_tidy_csv {r['read']:.2f} s "
        f"({r['rows'] / r['read']:,.0f} rows/s), Store.load {r['load']:.2f} s "
        f"({r['rows'] / r['load']:,.0f} rows/s); end to end {r['rows'] / total:,.0f} rows/s "
        f"(target {TARGET:,})"
    )
    if "profile" in r:
        print(r["profile"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
