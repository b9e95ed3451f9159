"""Wall time of every ``aimaq`` CLI command, median of N runs, optionally against an older commit.

Each command runs as a fresh process (``python -m aimaq.cli ...``) on one store prepared
beforehand (bundled data loaded), so the time is start-up plus the command's work. With
``--before REV`` the source tree of REV (``git archive``) is timed in the same session,
alternating run by run with the working tree, so that load from other jobs falls on both alike.

    PYTHONPATH=src python benchmarks/bench_cli.py --runs 5 --before 4cea783 \
        --write docs/benchmarks_cli.md
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def commands(tmp: Path) -> list[tuple[str, list[str]]]:
    raw = SHARED / "data" / "kz" / "raw"
    return [
        ("--help", ["--help"]),
        ("regions", ["regions"]),
        ("indicators", ["indicators"]),
        ("coverage", ["coverage"]),
        ("show", ["show", "grp_per_capita"]),
        ("export", ["export", "--out", str(tmp / "x.csv"), "-i", "grp_per_capita"]),
        ("ingest", ["ingest", str(raw / "bns_grp_per_capita_2008-2023.xlsx")]),
        ("specialisation", ["specialisation", "KZ-75"]),
        ("typology", ["typology"]),
        ("similar", ["similar", "KZ-75"]),
        ("monotowns", ["monotowns"]),
        ("site --orlib", ["site", "--orlib", str(SHARED / "bench/orlib/pmed/pmed1.txt")]),
        ("report", ["report", "--out", str(tmp / "report")]),
    ]


def _tree(rev: str, into: Path) -> Path:
    data = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tf:
        tf.extractall(into, filter="data")
    return into / "src"


def _run(src: Path, argv: list[str], env: dict) -> float:
    t = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "aimaq.cli", *argv],
        env={**env, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
    )
    dt = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{argv} failed ({src}):\n{p.stderr[-2000:]}")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", help="git revision to compare with")
    ap.add_argument("--now", help="git revision timed as 'now' (default: the working tree)")
    ap.add_argument("--only", nargs="*", help="command names to time")
    ap.add_argument("--write", type=Path, help="write a Markdown table here")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        env = {**os.environ, "AIMAQ_DB": str(tmp / "bench.sqlite"), "COLUMNS": "120"}
        trees = {"now": _tree(a.now, tmp / "now") if a.now else REPO / "src"}
        if a.before:
            trees = {"before": _tree(a.before, tmp / "before"), **trees}
        _run(trees["now"], ["coverage"], env)  # the store, with the bundled data
        rows = []
        for name, argv in commands(tmp):
            if a.only and name not in a.only:
                continue
            times: dict[str, list[float]] = {k: [] for k in trees}
            for src in trees.values():  # warm-up (file cache, .pyc)
                _run(src, argv, env)
            for _ in range(a.runs):
                for k, src in trees.items():
                    times[k].append(_run(src, argv, env))
            rows.append((name, times))
            cells = "  ".join(f"{k} {statistics.median(v):.2f} s" for k, v in times.items())
            print(f"{name:16s} {cells}", flush=True)
    if a.write:
        keys = list(trees)
        head = "| command | " + " | ".join(f"{k}: median (min–max)" for k in keys)
        head += " | ratio now/before |" if a.before else " |"
        lines = [head, "|" + "---|" * (len(keys) + 1 + bool(a.before))]
        for name, times in rows:
            cells = [
                f"{statistics.median(v):.2f} s ({min(v):.2f}–{max(v):.2f})" for v in times.values()
            ]
            ratio = (
                f" {statistics.median(times['now']) / statistics.median(times['before']):.2f} |"
                if a.before
                else ""
            )
            lines.append(f"| `aimaq {name}` | " + " | ".join(cells) + " |" + ratio)
        a.write.write_text(
            "# CLI wall time\n\nWritten by `benchmarks/bench_cli.py` "
            f"(`--runs {a.runs}{' --before ' + a.before if a.before else ''}"
            f"{' --now ' + a.now if a.now else ''}`): each command a fresh "
            "process on a store holding the bundled data; runs of the two trees alternate.\n\n"
            + "\n".join(lines)
            + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
