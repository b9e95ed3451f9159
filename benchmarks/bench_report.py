"""Benchmark: wall time and peak memory of ``aimaq report`` (the whole command, cold process).

A store with the bundled data is prepared first (so the runs measure the report, not the first
load of the bundled CSV); one warm-up run fills the polygon cache and the OS file cache; then
``--runs`` runs are timed. Each run is a fresh process; its peak resident set size is read from
``os.wait4`` (``ru_maxrss`` of that child alone). Medians are reported.

Usage::

    PYTHONPATH=src python benchmarks/bench_report.py [--runs 5] [--lang en]
        [--write docs/benchmarks_report.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 3.0
TARGET_MB = 500.0


def _command(db: Path, out: Path, lang: str) -> list[str]:
    return [
        sys.executable,
        "-W",
        "ignore",
        "-m",
        "aimaq.cli",
        "report",
        "--lang",
        lang,
        "--out",
        str(out),
        "--db",
        str(db),
    ]


def _run(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024  # Linux: kilobytes


def _imports(cmd: list[str], env: dict, top: int = 6) -> tuple[float, list[tuple[str, float]]]:
    """Total and largest top-level import times (s) of one run, from ``python -X importtime``."""
    r = subprocess.run(
        [cmd[0], "-X", "importtime", *cmd[1:]], env=env, capture_output=True, text=True, check=True
    )
    rows = []
    for line in r.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cum, name = (x for x in line.removeprefix("import time:").split("|"))
        if not name.startswith("  ") and name.strip():  # top level only (no nesting indent)
            rows.append((name.strip(), int(cum) / 1e6))
    rows.sort(key=lambda x: -x[1])
    return sum(c for _, c in rows), rows[:top]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--write", type=Path, default=None, help="write a Markdown summary here")
    args = ap.parse_args()

    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db, out = tmp / "bench.sqlite", tmp / "report"
        subprocess.run(
            [sys.executable, "-c", f"from aimaq import open_store; open_store({str(db)!r})"],
            env=env,
            check=True,
        )
        cmd = _command(db, out, args.lang)
        _run(cmd, env)  # warm-up
        load = os.getloadavg()[0]
        walls, cpus, mems = [], [], []
        for i in range(args.runs):
            w, c, m = _run(cmd, env)
            walls.append(w)
            cpus.append(c)
            mems.append(m)
            print(f"run {i + 1}: {w:.2f} s wall, {c:.2f} s CPU, {m:.0f} MB", flush=True)
        imp_total, imp_top = _imports(cmd, env)
        html_mb = (out / "report.html").stat().st_size / 1e6
        xlsx_kb = (out / "report.xlsx").stat().st_size / 1e3
    wall, cpu, mem = statistics.median(walls), statistics.median(cpus), statistics.median(mems)
    ok = "yes" if wall < TARGET_S and mem < TARGET_MB else "no"
    print(
        f"median: {wall:.2f} s wall, {cpu:.2f} s CPU, {mem:.0f} MB (target < {TARGET_S} s, "
        f"< {TARGET_MB:.0f} MB: {ok}); load average before the runs {load:.2f}; "
        f"report.html {html_mb:.1f} MB, report.xlsx {xlsx_kb:.0f} kB"
    )
    if args.write:
        import numpy
        import pandas
        import plotly

        shown = (
            " ".join(["python", *cmd[1:]]).replace(str(db), "BENCH.sqlite").replace(str(out), "OUT")
        )
        lines = [
            "# Benchmark: `aimaq report`",
            "",
            f"Whole command in a fresh process (`{shown}`), store with the bundled data prepared "
            "beforehand, one warm-up run (fills the polygon cache), then "
            f"{args.runs} timed runs; medians. Peak memory is the child's `ru_maxrss` "
            "(`os.wait4`).",
            "",
            "Command: `PYTHONPATH=src /work/venv/bin/python benchmarks/bench_report.py "
            f"--runs {args.runs} --lang {args.lang} --write docs/benchmarks_report.md`",
            "",
            f"Python {platform.python_version()}, numpy {numpy.__version__}, pandas "
            f"{pandas.__version__}, plotly {plotly.__version__}; {os.cpu_count()} cores shared "
            "with other jobs, so absolute times are noisy.",
            "",
            f"1-minute load average before the runs: {load:.2f} (2 cores). The build is single-"
            "threaded, so on an idle machine wall time ≈ CPU time; under load the wall time grows "
            "with the other jobs' share of the cores.",
            "",
            "| run | wall (s) | CPU user+sys (s) | peak RSS (MB) |",
            "|---:|---:|---:|---:|",
            *[
                f"| {i + 1} | {w:.2f} | {c:.2f} | {m:.0f} |"
                for i, (w, c, m) in enumerate(zip(walls, cpus, mems, strict=True))
            ],
            f"| **median** | **{wall:.2f}** | **{cpu:.2f}** | **{mem:.0f}** |",
            "",
            f"Targets: < {TARGET_S:.0f} s and < {TARGET_MB:.0f} MB on 2 cores — met (wall time): "
            f"**{ok}**; CPU time {'<' if cpu < TARGET_S else '≥'} {TARGET_S:.0f} s.",
            f"Output: report.html {html_mb:.1f} MB (plotly.js embedded once, about 4.8 MB of it), "
            f"report.xlsx {xlsx_kb:.0f} kB.",
            "",
            f"Where the time goes (one more run under `-X importtime`): imports {imp_total:.2f} s "
            "in all; the largest top-level ones: "
            + ", ".join(f"`{n}` {c:.2f} s" for n, c in imp_top)
            + ". The rest is the build itself (store queries, analysis, figures, HTML, XLSX).",
            "",
        ]
        args.write.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
