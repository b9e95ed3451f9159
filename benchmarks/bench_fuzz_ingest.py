"""Fuzz the readers with seeded mutations of the bureau's real files and a tidy CSV.

Counts, per mutation class, variants loaded with exactly the figures the file holds, refused with
a located error, refused without a location, silently wrong and crashed (see
``benchmarks/ingest_mutations.py``). Target: 0 silently wrong, 0 crashes.

    PYTHONPATH=src python benchmarks/bench_fuzz_ingest.py --variants 3000 --seed 1 \
        --write docs/benchmarks_fuzz.md
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ingest_mutations as M  # noqa: E402

RAW = Path(__file__).resolve().parents[2] / "shared" / "data" / "kz" / "raw"
WAGE = "avg_monthly_nominal_wage_kzt"
OUTCOMES = ("loaded-correct", "refused-clearly", "refused-unclear", "silently-wrong", "crash")


def bases(tmp: Path) -> list[M.Baseline]:
    import pandas as pd

    from aimaq.store import bundled_path

    tidy = tmp / "tidy_from_bundled.csv"
    df = pd.read_csv(bundled_path(), dtype=str, keep_default_na=False)
    df[df["indicator"].isin(["grp_mln_kzt", "population_total"])].head(400).to_csv(
        tidy, index=False
    )
    out = [M.baseline(tidy)]
    for f in sorted(RAW.iterdir()):
        if f.suffix in (".xlsx", ".csv"):
            out.append(M.baseline(f, indicator=WAGE if "wage" in f.name else None))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write", type=Path)
    a = ap.parse_args()
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    examples: dict[tuple[str, str], str] = {}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bs = bases(tmp)
        for i, v in enumerate(M.variants(bs, a.variants, a.seed, tmp / "v")):
            o, msg = M.judge(v, indicator=WAGE if "wage" in v.file else None)
            counts[v.cls][o] += 1
            if o in ("silently-wrong", "crash", "refused-unclear"):
                examples.setdefault((v.cls, o), f"{v.file} {v.detail}: {msg[:200]}")
            v.path.unlink(missing_ok=True)
            if (i + 1) % 250 == 0:
                print(f"{i + 1} variants, {time.perf_counter() - t0:.0f} s", flush=True)
    total = collections.Counter()
    for c in counts.values():
        total.update(c)
    lines = ["| class | " + " | ".join(OUTCOMES) + " |", "|---|" + "---|" * len(OUTCOMES)]
    for cls in sorted(counts):
        lines.append(f"| {cls} | " + " | ".join(str(counts[cls][o]) for o in OUTCOMES) + " |")
    lines.append("| **all** | " + " | ".join(f"**{total[o]}**" for o in OUTCOMES) + " |")
    text = "\n".join(lines)
    print(text)
    for k, m in examples.items():
        print(k, m)
    if a.write:
        a.write.write_text(
            "# Ingest fuzz\n\nWritten by `benchmarks/bench_fuzz_ingest.py --variants "
            f"{a.variants} --seed {a.seed}` in {time.perf_counter() - t0:.0f} s: seeded mutations "
            "of the files in ../shared/data/kz/raw and of a tidy CSV made from the bundled data, "
            "each read as `aimaq ingest` reads it and judged against the figures the mutated file "
            "holds.\n\n"
            + text
            + "\n\n"
            + "\n".join(f"- {k}: {m}" for k, m in examples.items())
            + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
